//! The brief: plain data built from an outline, the settings of a style and
//! the citations, ready for any renderer. Building it is the only place that
//! decides what goes into a brief; renderers only lay it out.

use serde::Serialize;

use crate::outline::{EntityKind, Outline};
use crate::style::Style;
pub use crate::style::{ClaimOrder, Grouping, Part, Quotations};

use super::{salience, timeline, words};

/// A run of inline text with its emphasis, as citation styles produce it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "text")]
pub enum Piece {
    /// Ordinary text.
    Text(String),
    /// Italic text (titles of works).
    Emph(String),
    /// Bold text.
    Strong(String),
    /// A link: the text shown and where it goes.
    Link(String, String),
}

/// Inline rich text: a sequence of pieces.
pub type Inline = Vec<Piece>;

/// A piece of text already formatted (and escaped) for each output format,
/// as the citation processor writes citations and references.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Formatted {
    /// Plain text (not yet sanitised: the plain renderer does that).
    pub plain: String,
    /// Markdown.
    pub markdown: String,
    /// LaTeX.
    pub latex: String,
    /// HTML.
    pub html: String,
}

impl Formatted {
    /// Formats rich text for every format with brief's own escapers.
    pub fn from_inline(i: &[Piece]) -> Formatted {
        Formatted {
            plain: inline_text(i),
            markdown: super::markdown::rich(i, false),
            latex: super::latex::rich(i),
            html: super::html::rich(i),
        }
    }

    /// Whether there is nothing to show.
    pub fn is_empty(&self) -> bool {
        self.plain.trim().is_empty()
    }
}

/// Plain text of an [`Inline`].
pub fn inline_text(i: &[Piece]) -> String {
    i.iter()
        .map(|p| match p {
            Piece::Text(t) | Piece::Emph(t) | Piece::Strong(t) | Piece::Link(t, _) => t.as_str(),
        })
        .collect()
}

/// The heading a renderer gives a part.
pub fn heading(p: Part) -> &'static str {
    match p {
        Part::Title => "",
        Part::Summary => "Summary",
        Part::Claims => "Claims",
        Part::Quotations => "Key quotations",
        Part::Sources => "Sources",
        Part::Entities => "Index of entities",
        Part::Timeline => "Timeline",
        Part::References => "References",
    }
}

/// The citations of a brief, formatted in the style by the caller.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Citations {
    /// The style's name, shown in the brief.
    pub style: String,
    /// The style's CSL file, when it names one (not a built-in CSL style),
    /// as a path pandoc can read (Markdown front matter's `csl`).
    pub csl: Option<String>,
    /// The in-text citation of the article (`(Doe, 2021)`, `[1]`).
    pub in_text: Formatted,
    /// The article's full reference, for the title block.
    pub article: Formatted,
    /// The reference list, in the style's order.
    pub references: Vec<Formatted>,
    /// The anchor of each reference (`ref-KEY`), which in-text citations
    /// link to when the style sets `link-citations`; empty when none.
    pub anchors: Vec<String>,
    /// Whether in-text citations link to their reference.
    pub link: bool,
    /// Whether every claim cites the article (the style's
    /// `citation.per-claim`); otherwise only claims citing another work
    /// carry a citation.
    pub per_claim: bool,
    /// In-text citations of claims that cite something other than the
    /// article (a bibliography entry for their source, or pandoc citations
    /// in their text), by claim id.
    pub claims: std::collections::BTreeMap<String, Formatted>,
    /// Claim texts with their pandoc citations taken out, by claim id.
    pub texts: std::collections::BTreeMap<String, String>,
    /// The author each narrative citation names (`@zenz2019` → `Zenz`),
    /// for the sources the article names by one.
    #[serde(skip)]
    pub authors: std::collections::BTreeMap<String, String>,
    /// Keys cited in no bibliography entry, with the first claim citing
    /// each (claim id, key).
    #[serde(skip)]
    pub unresolved: Vec<(String, String)>,
}

/// A claim as the brief shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimItem {
    /// The claim's id in the outline.
    pub id: String,
    /// The sentence.
    pub text: String,
    /// Who it comes from, in words ("the report notes"), if attributed.
    pub attribution: Option<String>,
    /// The in-text citation.
    pub citation: Formatted,
}

/// A group of claims under a heading.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimGroup {
    /// The group's heading (`None` when there is one ungrouped list).
    pub heading: Option<String>,
    /// The claims, in document order.
    pub claims: Vec<ClaimItem>,
}

/// A key quotation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuotationItem {
    /// The quoted words.
    pub text: String,
    /// Who said or wrote them, if known.
    pub speaker: Option<String>,
    /// The speaker's role, if known.
    pub role: Option<String>,
    /// The in-text citation.
    pub citation: Formatted,
}

/// A source in the list of sources.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceItem {
    /// Its name.
    pub name: String,
    /// Its role or title.
    pub role: Option<String>,
    /// Person, organization, document or group.
    pub kind: String,
    /// How many claims are attributed to it.
    pub claims: usize,
}

/// An entity in the index.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityEntry {
    /// Its name.
    pub name: String,
    /// How often the article mentions it.
    pub mentions: usize,
}

/// The entities of one kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityGroup {
    /// "People", "Organizations", "Places", "Laws".
    pub label: String,
    /// The entities, alphabetically.
    pub entries: Vec<EntityEntry>,
}

/// A dated statement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineItem {
    /// The date as ISO 8601 as far as known, or as written when its year is
    /// unknown.
    pub date: String,
    /// The date as the article writes it.
    pub written: String,
    /// Whether the year was supplied from the article's date.
    pub year_inferred: bool,
    /// The statement.
    pub claim: ClaimItem,
}

/// A briefing document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Brief {
    /// The article's title.
    pub title: String,
    /// Its authors.
    pub authors: Vec<String>,
    /// Its publication or publisher.
    pub publication: Option<String>,
    /// Its date as written.
    pub date: Option<String>,
    /// Its URL.
    pub url: Option<String>,
    /// Its language tag.
    pub language: Option<String>,
    /// The parts, in order, that have something to show.
    pub parts: Vec<Part>,
    /// The citations.
    pub citations: Citations,
    /// The key claims.
    pub summary: Vec<ClaimItem>,
    /// The claims, grouped.
    pub groups: Vec<ClaimGroup>,
    /// How quotations are shown.
    pub quotation_mode: Quotations,
    /// Key quotations.
    pub quotations: Vec<QuotationItem>,
    /// Sources, most cited first.
    pub sources: Vec<SourceItem>,
    /// Entities by kind.
    pub entities: Vec<EntityGroup>,
    /// Dated statements, in date order.
    pub timeline: Vec<TimelineItem>,
}

/// Quotations shorter than this that do not end a sentence are scare
/// quotes or terms ("legal centers"), not statements worth pulling out.
const MIN_QUOTE_WORDS: usize = 8;

fn claim_item(o: &Outline, i: usize, cite: &Citations) -> ClaimItem {
    let c = &o.claims[i];
    ClaimItem {
        id: c.id.clone(),
        text: cite.texts.get(&c.id).unwrap_or(&c.text).clone(),
        attribution: words::attribution_phrase(o, c),
        citation: cite.of_claim(&c.id),
    }
}

/// Consecutive items citing the same work share one citation, after the
/// last of them, as a paragraph citing one source cites it once.
fn share_citations<'a>(cites: impl Iterator<Item = &'a mut Formatted>) {
    let mut prev: Option<&mut Formatted> = None;
    for c in cites {
        if let Some(p) = prev.take() {
            if !p.is_empty() && *p == *c {
                *p = Formatted::default();
            }
        }
        prev = Some(c);
    }
}

/// Cuts a text to at most `max` words, marking the cut with " …"; 0 is
/// no limit.
pub fn cut_words(text: &str, max: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if max == 0 || words.len() <= max {
        return text.to_string();
    }
    let mut s = words[..max].join(" ");
    while s.ends_with([',', ';', ':']) {
        s.pop();
    }
    s.push_str(" …");
    s
}

/// Builds the brief of an outline in a style, with citations formatted in
/// that style.
pub fn build(o: &Outline, style: &Style, citations: Citations) -> Brief {
    let cite = &citations;
    let sum = &style.summary;

    let (mut summary, scores) = salience::pick_scored(o, sum.claims, sum.max_words);
    if sum.order == ClaimOrder::Document && summary.len() > 1 {
        // The article's central point leads in every order; the rest
        // follow the article.
        summary[1..].sort_unstable();
    }
    let summary: Vec<ClaimItem> = summary
        .into_iter()
        .map(|i| {
            let mut c = claim_item(o, i, cite);
            // A claim too long for the style is shortened to a whole
            // clause, never cut mid-phrase; the few that have none stay
            // whole.
            if let Some(t) = salience::fit(&c.text, sum.max_words) {
                c.text = t;
            }
            c
        })
        .collect();

    let groups = group_claims(o, sum.grouping, cite);
    let quotations = if sum.quotations == Quotations::Omit {
        Vec::new()
    } else {
        key_quotations(o, style.brief.max_quotations, cite)
    };

    let by_source = claims_by_source(o);
    let mut sources: Vec<(usize, SourceItem)> = o
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let counted = by_source.get(s.id.as_str()).map_or(0, Vec::len);
            (
                i,
                SourceItem {
                    name: s.name.clone(),
                    role: s.role.clone(),
                    kind: words::kind_label(s.kind).to_string(),
                    claims: counted.max(s.claims),
                },
            )
        })
        .collect();
    sources.sort_by(|a, b| b.1.claims.cmp(&a.1.claims).then(a.0.cmp(&b.0)));
    let sources = sources.into_iter().map(|(_, s)| s).collect();

    let entities = entity_index(o);
    let timeline = timeline_items(o, cite);

    let mut brief = Brief {
        title: o
            .meta
            .title
            .clone()
            .unwrap_or_else(|| "Untitled article".into()),
        authors: o.meta.authors.clone(),
        publication: o.meta.publisher.clone(),
        date: o.meta.date.clone(),
        url: o.meta.url.clone(),
        language: o.meta.language.clone(),
        parts: Vec::new(),
        citations,
        summary,
        groups,
        quotation_mode: sum.quotations,
        quotations,
        sources,
        entities,
        timeline,
    };
    brief.parts = style.brief.parts.clone();
    let ratio = style.brief.max_length;
    // The estimate of the brief's words runs a little short of what a
    // renderer writes (list markers, chart labels): a margin keeps the
    // output itself within the share.
    let words = (ratio > 0.0 && ratio.is_finite())
        .then(|| (article_words(o) as f64 * ratio * 0.95).floor() as usize);
    let page = (style.brief.pages > 0).then(|| Page {
        pages: style.brief.pages,
        scale: font_scale(&style.render.latex.font_size),
        sources_chart: style.figures.sources,
        timeline_strip: style.figures.timeline,
    });
    fit(&mut brief, o, &scores, &|b: &Brief| {
        words.is_some_and(|w| b.words() > w) || page.as_ref().is_some_and(|p| !p.holds(b))
    });
    // After fitting, so that no shared citation goes with a claim left out.
    share_citations(brief.summary.iter_mut().map(|c| &mut c.citation));
    for g in &mut brief.groups {
        share_citations(g.claims.iter_mut().map(|c| &mut c.citation));
    }
    share_citations(brief.quotations.iter_mut().map(|q| &mut q.citation));
    share_citations(brief.timeline.iter_mut().map(|t| &mut t.claim.citation));
    let parts = std::mem::take(&mut brief.parts);
    brief.parts = parts
        .into_iter()
        .filter(|p| !brief.is_empty_part(*p))
        .collect();
    brief
}

/// The base font size of a style's LaTeX (`11pt`) against the 11 points
/// the page estimate is for.
fn font_scale(size: &str) -> f64 {
    size.trim_end_matches("pt")
        .parse::<f64>()
        .ok()
        .filter(|p| *p > 4.0 && *p < 40.0)
        .map_or(1.0, |p| p / 11.0)
}

/// Lines of 11-point text on a page of the brief: A4 and US Letter with
/// brief's 2.5 cm margins leave 24.7 cm and 22.9 cm of height, lines of
/// 4.8 mm; Letter's, less a margin for the estimate's misses.
const PAGE_LINES: f64 = 44.0;
/// Characters of 11-point Latin Modern on a line of 16 cm, a little under.
const LINE_CHARS: f64 = 82.0;

/// What the page estimate of a brief needs from its style.
struct Page {
    pages: usize,
    scale: f64,
    sources_chart: bool,
    timeline_strip: bool,
}

impl Page {
    /// Whether the brief, typeset, fits in `pages` pages (an estimate by
    /// lines of text and the height of its figures; tests/render_pages.rs
    /// compiles the LaTeX and counts).
    fn holds(&self, b: &Brief) -> bool {
        let cols = LINE_CHARS / self.scale;
        let lines = |s: &str| (s.chars().count() as f64 / cols).ceil().max(1.0);
        let claim = |c: &ClaimItem| {
            let n = c.text.chars().count()
                + c.attribution
                    .as_deref()
                    .map_or(0, |a| a.chars().count() + 3)
                + c.citation.plain.chars().count()
                + 4;
            (n as f64 / cols).ceil() + 0.3
        };
        let mut h = 0.0;
        for p in &b.parts {
            if b.is_empty_part(*p) {
                continue;
            }
            if *p != Part::Title {
                h += 3.0;
            }
            h += match p {
                Part::Title => {
                    // \LARGE title (1.7 lines each), byline, cite-as.
                    (b.title.chars().count() as f64 / (cols / 1.5)).ceil() * 1.7
                        + 2.5
                        + lines(&b.citations.article.plain)
                        + 1.0
                }
                Part::Summary => b.summary.iter().map(claim).sum(),
                Part::Claims => b
                    .groups
                    .iter()
                    .map(|g| 2.0 + g.claims.iter().map(claim).sum::<f64>())
                    .sum(),
                Part::Quotations => b
                    .quotations
                    .iter()
                    .map(|q| lines(&format!("{} {:?} {:?}", q.text, q.speaker, q.role)) + 0.3)
                    .sum(),
                Part::Sources => {
                    let chart = if self.sources_chart {
                        // 5 mm a bar, with title and legend.
                        (b.sources.len() as f64 * 5.0 + 20.0) / 4.8
                    } else {
                        0.0
                    };
                    2.0 + b.sources.len() as f64 * 1.1 + chart
                }
                Part::Entities => b
                    .entities
                    .iter()
                    .map(|g| {
                        let names: Vec<&str> = g.entries.iter().map(|e| e.name.as_str()).collect();
                        lines(&names.join(", ")) + 0.3
                    })
                    .sum(),
                Part::Timeline => {
                    let strip = if self.timeline_strip { 8.0 } else { 0.0 };
                    b.timeline
                        .iter()
                        .map(|t| claim(&t.claim) + 0.2)
                        .sum::<f64>()
                        + strip
                }
                Part::References => b
                    .citations
                    .references
                    .iter()
                    .map(|r| lines(&r.plain) + 0.3)
                    .sum(),
            };
        }
        h * self.scale <= PAGE_LINES * self.pages as f64
    }
}

/// Words in a text.
fn words_in(s: &str) -> usize {
    s.split_whitespace().count()
}

/// The article's words, as far as the outline holds them: its title,
/// headings and sentences.
fn article_words(o: &Outline) -> usize {
    o.meta.title.as_deref().map_or(0, words_in)
        + o.sections
            .iter()
            .filter_map(|s| s.heading.as_deref())
            .map(words_in)
            .sum::<usize>()
        + o.claims.iter().map(|c| words_in(&c.text)).sum::<usize>()
}

/// A timeline entry under length pressure keeps this many words of its
/// statement: the date is what the entry is for.
const TIMELINE_WORDS: usize = 12;

/// Words of a claim as listed, with its list marker and the dash before
/// its attribution.
fn claim_words(c: &ClaimItem) -> usize {
    2 + words_in(&c.text)
        + c.attribution.as_deref().map_or(0, words_in)
        + words_in(&c.citation.plain)
}

impl Brief {
    /// About how many words the brief shows in its parts (figures count as
    /// their labels and values once more), to fit it to a length.
    pub fn words(&self) -> usize {
        let mut n = 0;
        for p in &self.parts {
            if self.is_empty_part(*p) {
                continue;
            }
            n += words_in(heading(*p));
            n += match p {
                Part::Title => {
                    words_in(&self.title)
                        + words_in(&self.byline())
                        + usize::from(self.url.is_some())
                        + 2
                        + words_in(&self.citations.article.plain)
                }
                Part::Summary => self.summary.iter().map(claim_words).sum(),
                Part::Claims => self
                    .groups
                    .iter()
                    .map(|g| {
                        g.heading.as_deref().map_or(0, words_in)
                            + g.claims.iter().map(claim_words).sum::<usize>()
                    })
                    .sum(),
                Part::Quotations => self
                    .quotations
                    .iter()
                    .map(|q| {
                        2 + words_in(&q.text)
                            + q.speaker.as_deref().map_or(1, words_in)
                            + q.role.as_deref().map_or(0, words_in)
                            + words_in(&q.citation.plain)
                    })
                    .sum(),
                Part::Sources => self
                    .sources
                    .iter()
                    .map(|s| 2 * words_in(&s.name) + s.role.as_deref().map_or(0, words_in) + 7)
                    .sum(),
                Part::Entities => self
                    .entities
                    .iter()
                    .map(|g| {
                        1 + g
                            .entries
                            .iter()
                            .map(|e| words_in(&e.name) + 1)
                            .sum::<usize>()
                    })
                    .sum(),
                Part::Timeline => self
                    .timeline
                    .iter()
                    .map(|t| 2 + words_in(&t.written) + claim_words(&t.claim))
                    .sum(),
                Part::References => self
                    .citations
                    .references
                    .iter()
                    .map(|r| words_in(&r.plain))
                    .sum(),
            };
        }
        n
    }
}

/// Leaves points out of a brief, least needed first, until it is no longer
/// `over` its length (words, pages): the claims part's repeats of the summary, the tail of
/// long timeline statements, the least salient claims, entities named
/// once, quotations, timeline entries, sources (down to three), summary
/// claims (down to one) and the other sources. The title block and references always stay.
fn fit(b: &mut Brief, o: &Outline, scores: &[f64], over: &dyn Fn(&Brief) -> bool) {
    if !over(b) {
        return;
    }
    let index: std::collections::HashMap<&str, usize> = o
        .claims
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let score = |id: &str| {
        index
            .get(id)
            .and_then(|&i| scores.get(i))
            .copied()
            .unwrap_or(0.0)
    };

    if b.parts.contains(&Part::Summary) && !b.summary.is_empty() {
        let shown: std::collections::HashSet<String> =
            b.summary.iter().map(|c| c.id.clone()).collect();
        for g in &mut b.groups {
            g.claims.retain(|c| !shown.contains(&c.id));
        }
        b.groups.retain(|g| !g.claims.is_empty());
    }
    if !over(b) {
        return;
    }
    for t in &mut b.timeline {
        t.claim.text = cut_words(&t.claim.text, TIMELINE_WORDS);
    }
    // The least salient claims of the claims part.
    let flat: Vec<(usize, usize)> = b
        .groups
        .iter()
        .enumerate()
        .flat_map(|(gi, g)| (0..g.claims.len()).map(move |ci| (gi, ci)))
        .collect();
    let groups = b.groups.clone();
    let order = weakest_first(&flat, |&(gi, ci)| score(&groups[gi].claims[ci].id));
    drop_fewest(b, order.len(), over, |b, k| {
        let gone: std::collections::HashSet<(usize, usize)> =
            order[..k].iter().map(|&i| flat[i]).collect();
        b.groups = groups
            .iter()
            .enumerate()
            .filter_map(|(gi, g)| {
                let mut g = g.clone();
                let mut ci = 0;
                g.claims.retain(|_| {
                    ci += 1;
                    !gone.contains(&(gi, ci - 1))
                });
                (!g.claims.is_empty()).then_some(g)
            })
            .collect();
    });
    if over(b) {
        for g in &mut b.entities {
            g.entries.retain(|e| e.mentions > 1);
        }
        b.entities.retain(|g| !g.entries.is_empty());
    }
    if over(b) {
        b.entities.clear();
    }
    // quotations and sources from the last
    let last_first = |n: usize| (0..n).rev().collect::<Vec<usize>>();
    let quotations = b.quotations.clone();
    let order = last_first(quotations.len());
    drop_items(b, &quotations, &order, 0, over, |b, q| b.quotations = q);
    let timeline = b.timeline.clone();
    let order = weakest_first(&timeline, |t| score(&t.claim.id));
    drop_items(b, &timeline, &order, 0, over, |b, t| b.timeline = t);
    let sources = b.sources.clone();
    let order = last_first(sources.len());
    drop_items(b, &sources, &order, 3, over, |b, s| b.sources = s);
    let summary = b.summary.clone();
    let order = weakest_first(&summary, |c| score(&c.id));
    drop_items(b, &summary, &order, 1, over, |b, s| b.summary = s);
    let sources = b.sources.clone();
    let order = last_first(sources.len());
    drop_items(b, &sources, &order, 0, over, |b, s| b.sources = s);
}

/// Leaves the fewest of a part's `items` out, in `order` and keeping at
/// least `keep`, that bring the brief within its limit ([`drop_fewest`]);
/// `set` puts the items left into the brief.
fn drop_items<T: Clone>(
    b: &mut Brief,
    items: &[T],
    order: &[usize],
    keep: usize,
    over: &dyn Fn(&Brief) -> bool,
    set: impl Fn(&mut Brief, Vec<T>),
) {
    let max = items.len().saturating_sub(keep).min(order.len());
    drop_fewest(b, max, over, |b, k| {
        set(b, keep_all_but(items, &order[..k]))
    });
}

/// The indices of `items`, least salient first (of equal ones, the
/// earliest first).
fn weakest_first<T>(items: &[T], score: impl Fn(&T) -> f64) -> Vec<usize> {
    let scores: Vec<f64> = items.iter().map(score).collect();
    let mut order: Vec<usize> = (0..items.len()).collect();
    // a stable sort keeps equal scores in document order
    order.sort_by(|&x, &y| scores[x].total_cmp(&scores[y]));
    order
}

/// `items` without those at the indices `gone`.
fn keep_all_but<T: Clone>(items: &[T], gone: &[usize]) -> Vec<T> {
    let gone: std::collections::HashSet<usize> = gone.iter().copied().collect();
    items
        .iter()
        .enumerate()
        .filter(|(i, _)| !gone.contains(i))
        .map(|(_, x)| x.clone())
        .collect()
}

/// Leaves out the fewest items, up to `max`, that bring the brief within its
/// limit (all `max` when no fewer do): `leave(b, k)` sets the brief to its
/// state with the first `k` items of a removal order left out. The brief
/// only shrinks as `k` grows, so halving finds `k` in a logarithmic number
/// of checks; leaving out one item at a time and measuring the whole brief
/// again after each made a long article's brief quadratic to fit.
fn drop_fewest(
    b: &mut Brief,
    max: usize,
    over: &dyn Fn(&Brief) -> bool,
    mut leave: impl FnMut(&mut Brief, usize),
) {
    if max == 0 || !over(b) {
        return;
    }
    let (mut lo, mut hi) = (1, max);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        leave(b, mid);
        if over(b) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    leave(b, lo);
}

impl Brief {
    /// Whether a part has nothing to show (and is left out).
    pub fn is_empty_part(&self, p: Part) -> bool {
        match p {
            Part::Title => false,
            Part::Summary => self.summary.is_empty(),
            Part::Claims => self.groups.iter().all(|g| g.claims.is_empty()),
            Part::Quotations => self.quotations.is_empty(),
            Part::Sources => self.sources.is_empty(),
            Part::Entities => self.entities.is_empty(),
            Part::Timeline => self.timeline.is_empty(),
            Part::References => self.citations.references.is_empty(),
        }
    }

    /// The anchor of the `i`-th reference, when citations link to it.
    pub fn anchor(&self, i: &usize) -> Option<&str> {
        let a = self.citations.anchors.get(*i)?;
        (self.citations.link && !a.is_empty()).then_some(a.as_str())
    }

    /// The byline: authors, publication and date, joined by " · ".
    pub fn byline(&self) -> String {
        let mut v = Vec::new();
        if !self.authors.is_empty() {
            v.push(self.authors.join(", "));
        }
        if let Some(p) = &self.publication {
            v.push(p.clone());
        }
        if let Some(d) = &self.date {
            v.push(d.clone());
        }
        v.join(" · ")
    }
}

/// The claims (indices, in document order) attributed to each source id,
/// in one pass over the claims rather than one per source.
fn claims_by_source(o: &Outline) -> std::collections::HashMap<&str, Vec<usize>> {
    let mut m: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    for (i, c) in o.claims.iter().enumerate() {
        if let Some(s) = c.source.as_deref() {
            m.entry(s).or_default().push(i);
        }
    }
    m
}

fn group_claims(o: &Outline, grouping: Grouping, cite: &Citations) -> Vec<ClaimGroup> {
    match grouping {
        Grouping::None => vec![ClaimGroup {
            heading: None,
            claims: (0..o.claims.len())
                .map(|i| claim_item(o, i, cite))
                .collect(),
        }],
        Grouping::Section => {
            let mut by_section: std::collections::HashMap<&str, Vec<usize>> =
                std::collections::HashMap::new();
            for (i, c) in o.claims.iter().enumerate() {
                by_section.entry(c.section.as_str()).or_default().push(i);
            }
            o.sections
                .iter()
                .map(|s| ClaimGroup {
                    heading: Some(s.heading.clone().unwrap_or_else(|| "Lead".into())),
                    claims: by_section
                        .get(s.id.as_str())
                        .map(|v| v.iter().map(|&i| claim_item(o, i, cite)).collect())
                        .unwrap_or_default(),
                })
                .filter(|g| !g.claims.is_empty())
                .collect()
        }
        Grouping::Source => {
            let by_source = claims_by_source(o);
            let mut order: Vec<(usize, usize, &str)> = o
                .sources
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let n = by_source.get(s.id.as_str()).map_or(0, Vec::len);
                    (n, i, s.id.as_str())
                })
                .filter(|(n, _, _)| *n > 0)
                .collect();
            order.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            let mut groups: Vec<ClaimGroup> = order
                .into_iter()
                .map(|(_, i, id)| {
                    let s = &o.sources[i];
                    let heading = match &s.role {
                        Some(r) if !r.is_empty() => format!("{} ({r})", s.name),
                        _ => s.name.clone(),
                    };
                    ClaimGroup {
                        heading: Some(heading),
                        claims: by_source[id]
                            .iter()
                            .map(|&i| claim_item(o, i, cite))
                            .collect(),
                    }
                })
                .collect();
            let own: Vec<ClaimItem> = o
                .claims
                .iter()
                .enumerate()
                .filter(|(_, c)| c.source.as_deref().and_then(|s| o.source(s)).is_none())
                .map(|(i, _)| claim_item(o, i, cite))
                .collect();
            if !own.is_empty() {
                groups.push(ClaimGroup {
                    heading: Some("In the article's own voice".into()),
                    claims: own,
                });
            }
            groups
        }
    }
}

fn key_quotations(o: &Outline, max: usize, cite: &Citations) -> Vec<QuotationItem> {
    // (has speaker, words, document position) — speakers first, then longer.
    let mut found: Vec<(bool, usize, usize, QuotationItem)> = Vec::new();
    let mut pos = 0usize;
    for c in &o.claims {
        for q in &c.quotes {
            pos += 1;
            let n = q.text.split_whitespace().count();
            let ends_sentence = q.text.trim_end().ends_with(['.', '!', '?', '…']);
            if n < MIN_QUOTE_WORDS && !(ends_sentence && n >= 3) {
                continue;
            }
            let speaker_id = q.speaker.as_deref().or(c.source.as_deref());
            let speaker = speaker_id.and_then(|id| o.source(id));
            found.push((
                speaker.is_some(),
                n,
                pos,
                QuotationItem {
                    text: q.text.clone(),
                    speaker: speaker.map(|s| s.name.clone()),
                    role: speaker.and_then(|s| s.role.clone()),
                    citation: cite.of_claim(&c.id),
                },
            ));
        }
    }
    found.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    found.truncate(max);
    found.sort_by_key(|f| f.2);
    found.into_iter().map(|f| f.3).collect()
}

fn entity_index(o: &Outline) -> Vec<EntityGroup> {
    let kinds = [
        (EntityKind::Person, "People"),
        (EntityKind::Organization, "Organizations"),
        (EntityKind::Place, "Places"),
        (EntityKind::Law, "Laws"),
    ];
    kinds
        .iter()
        .filter_map(|&(kind, label)| {
            let mut entries: Vec<EntityEntry> = o
                .entities
                .iter()
                .filter(|e| e.kind == kind)
                .map(|e| EntityEntry {
                    name: e.name.clone(),
                    mentions: e.mentions.len().max(1),
                })
                .collect();
            if entries.is_empty() {
                return None;
            }
            entries.sort_by(|a, b| {
                a.name
                    .to_lowercase()
                    .cmp(&b.name.to_lowercase())
                    .then(a.name.cmp(&b.name))
            });
            entries.dedup_by(|a, b| a.name == b.name);
            Some(EntityGroup {
                label: label.into(),
                entries,
            })
        })
        .collect()
}

fn timeline_items(o: &Outline, cite: &Citations) -> Vec<TimelineItem> {
    let article = o.meta.date.as_deref().and_then(timeline::article_date);
    let mut items: Vec<(Option<timeline::Date>, usize, TimelineItem)> = Vec::new();
    for (i, c) in o.claims.iter().enumerate() {
        let Some(found) = timeline::find(&c.text) else {
            continue;
        };
        let placed = timeline::place(&found, article);
        let iso = placed.date.iso();
        items.push((
            iso.as_ref().map(|_| placed.date),
            i,
            TimelineItem {
                date: iso.unwrap_or_else(|| found.written.clone()),
                written: found.written.clone(),
                year_inferred: placed.year_inferred,
                claim: claim_item(o, i, cite),
            },
        ));
    }
    // Without the article's date, a partial date's year is unknown; but a
    // news article's first date is its peg, the latest event, as the
    // article's date would be: a later month than the peg's is in the year
    // before it ("On March 30 … released; in May … detained" puts May
    // before March 30). Without such a peg they keep the text's order.
    let peg = if article.is_none() {
        items
            .iter()
            .min_by_key(|t| t.1)
            .filter(|t| t.0.is_none())
            .and_then(|t| timeline::find(&o.claims[t.1].text))
            .map(|f| f.date)
            .filter(|d| d.year.is_none() && d.month.is_some())
    } else {
        None
    };
    let undated_key = |i: usize| -> (i32, u8, u8) {
        let d = peg
            .and_then(|_| timeline::find(&o.claims[i].text))
            .map(|f| f.date);
        match (peg, d) {
            (Some(p), Some(d)) if d.month.is_some() => {
                let later = (d.month, d.day.unwrap_or(0)) > (p.month, p.day.unwrap_or(0));
                (
                    if later { -1 } else { 0 },
                    d.month.unwrap_or(0),
                    d.day.unwrap_or(0),
                )
            }
            _ => (0, 0, 0),
        }
    };
    // Dated in date order; those whose year is unknown after.
    items.sort_by(|a, b| match (&a.0, &b.0) {
        (Some(x), Some(y)) => x.cmp(y).then(a.1.cmp(&b.1)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) if peg.is_some() => {
            undated_key(a.1).cmp(&undated_key(b.1)).then(a.1.cmp(&b.1))
        }
        (None, None) => a.1.cmp(&b.1),
    });
    items.into_iter().map(|t| t.2).collect()
}

impl Citations {
    /// The citation after a claim: what it cites other than the article,
    /// else the article's only where the style cites every claim.
    pub fn of_claim(&self, id: &str) -> Formatted {
        match self.claims.get(id) {
            Some(f) => f.clone(),
            None if self.per_claim => self.in_text.clone(),
            None => Formatted::default(),
        }
    }

    /// Author-date citations made from the article's own metadata, for when
    /// no citation processor is at hand: `(Author, 2021)` in the text and
    /// `Author. (2021, March 31). *Title*. Publisher. URL` as the reference.
    pub fn from_meta(meta: &crate::outline::Meta, style: &str) -> Citations {
        let who = match meta.authors.as_slice() {
            [] => meta
                .publisher
                .clone()
                .or_else(|| meta.title.clone())
                .unwrap_or_else(|| "Anonymous".into()),
            [a] => a.clone(),
            [a, b] => format!("{a} & {b}"),
            [a, ..] => format!("{a} et al."),
        };
        let date = meta.date.as_deref().and_then(timeline::article_date);
        let year = date
            .and_then(|d| d.year)
            .map_or_else(|| "n.d.".to_string(), |y| y.to_string());
        let in_text = Formatted::from_inline(&[Piece::Text(format!("({who}, {year})"))]);
        let mut when = year.clone();
        if let Some(d) = date {
            if let Some(m) = d.month {
                let name = words::months()
                    .get("")
                    .get(usize::from(m) - 1)
                    .and_then(|l| l.split('|').next())
                    .map(str::trim)
                    .unwrap_or("");
                when = match d.day {
                    Some(day) => format!("{year}, {name} {day}"),
                    None => format!("{year}, {name}"),
                };
            }
        }
        let authors = if meta.authors.is_empty() {
            who.clone()
        } else {
            meta.authors.join(", ")
        };
        let mut article = vec![Piece::Text(format!("{authors}. ({when}). "))];
        if let Some(t) = &meta.title {
            article.push(Piece::Emph(t.clone()));
            article.push(Piece::Text(". ".into()));
        }
        if let Some(p) = meta
            .publisher
            .as_ref()
            .filter(|p| **p != who || !meta.authors.is_empty())
        {
            article.push(Piece::Text(format!("{p}. ")));
        }
        if let Some(u) = &meta.url {
            article.push(Piece::Link(u.clone(), u.clone()));
        }
        while let Some(Piece::Text(t)) = article.last_mut() {
            let trimmed = t.trim_end().to_string();
            if trimmed.is_empty() {
                article.pop();
            } else {
                *t = trimmed;
                break;
            }
        }
        let article = Formatted::from_inline(&article);
        Citations {
            style: style.to_string(),
            in_text,
            references: vec![article.clone()],
            article,
            ..Citations::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline() -> Outline {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/blinken-human-rights-report.md"
        );
        let origin = crate::read::Origin::from_arg(path);
        let doc = crate::read::read(&origin, None, 1 << 24).expect("the example reads");
        crate::outline::build(&doc)
    }

    fn brief(style: &str, edit: impl FnOnce(&mut Style)) -> Brief {
        let o = outline();
        let mut s = Style::load(style).expect("a built-in style");
        edit(&mut s);
        build(&o, &s, Citations::from_meta(&o.meta, style))
    }

    #[test]
    fn cut_words_marks_the_cut() {
        assert_eq!(cut_words("one two three four", 0), "one two three four");
        assert_eq!(cut_words("one two, three four", 2), "one two …");
        assert_eq!(cut_words("one two", 2), "one two");
    }

    #[test]
    fn summary_follows_the_style() {
        let b = brief("full", |_| {});
        assert_eq!(b.summary.len(), 5);
        let mut ids: Vec<&str> = b.summary.iter().map(|c| c.id.as_str()).collect();
        ids.dedup();
        assert_eq!(ids.len(), 5, "no claim twice");
        // Deterministic.
        assert_eq!(b, brief("full", |_| {}));

        let b = brief("full", |s| {
            s.summary.claims = 3;
            s.summary.order = ClaimOrder::Document;
            s.summary.max_words = 10;
        });
        assert_eq!(b.summary.len(), 3);
        let n = |id: &str| id[1..].parse::<usize>().unwrap();
        // The central point leads; the rest follow the article.
        let top = salience::pick(&outline(), 1, 10);
        assert_eq!(n(&b.summary[0].id), top[0] + 1, "central point first");
        assert!(n(&b.summary[1].id) < n(&b.summary[2].id), "document order");
        // Shortened to a clause or kept whole, never cut mid-phrase.
        let o = outline();
        assert!(b.summary.iter().all(|c| {
            let whole = o.claims.iter().any(|x| x.id == c.id && x.text == c.text);
            !c.text.contains('\u{2026}') && (whole || c.text.split_whitespace().count() <= 10)
        }));
    }

    #[test]
    fn grouping_quotations_and_parts() {
        let b = brief("full", |s| {
            s.summary.grouping = Grouping::Section;
            s.brief.max_length = 0.0;
        });
        let headings: Vec<&str> = b
            .groups
            .iter()
            .filter_map(|g| g.heading.as_deref())
            .collect();
        assert_eq!(headings[0], "Lead");
        assert!(headings.contains(&"Report Focuses on Human Rights Lawyers and Dissidents"));
        let total: usize = b.groups.iter().map(|g| g.claims.len()).sum();
        assert_eq!(total, outline().claims.len());

        let b = brief("full", |s| {
            s.summary.quotations = Quotations::Omit;
            s.brief.parts = vec![Part::References, Part::Title, Part::Quotations];
        });
        assert!(b.quotations.is_empty());
        assert_eq!(
            b.parts,
            vec![Part::References, Part::Title],
            "empty parts are left out"
        );
    }

    #[test]
    fn timeline_is_in_date_order() {
        let b = brief("full", |_| {});
        let dates: Vec<&str> = b.timeline.iter().map(|t| t.date.as_str()).collect();
        assert_eq!(dates, ["2019-12-31", "2020-05", "2020-08", "2021-03-30"]);
        assert!(b.timeline[1].year_inferred && !b.timeline[0].year_inferred);
    }
}
