//! The outline stage: from a read [`Document`] to an [`Outline`].
//!
//! 1. [`segment`] splits each body block into sentences (claims);
//! 2. [`attribution`] finds cues, sources, quotations and resolves names and
//!    pronouns to sources;
//! 3. [`entities`] finds people, organisations, places, laws and dates.
//!
//! Spans are computed in the normalised text and mapped back to the original
//! input at the end.

pub mod attribution;
pub mod entities;
pub mod lexicon;
pub mod model;
pub mod names;
pub mod segment;
pub mod text;

pub use model::*;

use crate::read::{Block, BlockKind, Document};

/// A claim while the outline is being built: its block and its range in the
/// block's text.
#[derive(Debug, Clone)]
pub struct Draft {
    /// Index of the block in [`Document::blocks`].
    pub block: usize,
    /// Index of the paragraph among body blocks.
    pub paragraph: usize,
    /// Range in the block's text.
    pub range: std::ops::Range<usize>,
    /// Index of the claim's section.
    pub section: usize,
    /// Whether the claim starts inside a quotation opened in the paragraph before.
    pub quote_open: bool,
}

/// Builds the outline of a document.
pub fn build(doc: &Document) -> Outline {
    let mut p = Partial::new(doc);
    p.enrich(&|_| true);
    p.finish()
}

/// An outline in the making: sections and claims are there (segmentation
/// is done), sources and entities come with [`Partial::enrich`].
///
/// Diff uses it to segment both versions, align their claims, and then run
/// the costly extraction only on the paragraphs that differ (and their
/// neighbours), since identical paragraphs in identical surroundings say
/// the same thing with the same sources.
#[derive(Debug)]
pub struct Partial<'a> {
    doc: &'a Document,
    drafts: Vec<Draft>,
    outline: Outline,
    /// Lean ([`Partial::lean`]): no [`Claim`] is built until needed;
    /// `outline.claims` holds the claims enriched, whose indices are in
    /// `read`, and `shown` marks the claims whose text is wanted.
    lean: bool,
    read: Vec<usize>,
    shown: Vec<bool>,
}

impl<'a> Partial<'a> {
    /// Segments a document into sections and claims.
    pub fn new(doc: &'a Document) -> Partial<'a> {
        Partial::segment(doc, false)
    }

    /// [`Partial::new`] without building the claims: their text, section
    /// and paragraph are read from the segmentation ([`Partial::text`],
    /// [`Partial::section_of`], [`Partial::paragraph`]), and a claim is built
    /// only when enriched or shown ([`Partial::show`], [`Partial::finish_sparse`]).
    /// Diff uses this: most claims of two versions are equal and never shown,
    /// and building every claim took a good part of a diff's time and memory.
    pub fn lean(doc: &'a Document) -> Partial<'a> {
        Partial::segment(doc, true)
    }

    fn segment(doc: &'a Document, lean: bool) -> Partial<'a> {
        let (sections, drafts) = skeleton(doc);
        let mut p = Partial {
            doc,
            drafts,
            outline: Outline {
                schema: SCHEMA.to_string(),
                meta: doc.meta.clone(),
                sections,
                claims: Vec::new(),
                sources: Vec::new(),
                entities: Vec::new(),
            },
            lean,
            read: Vec::new(),
            shown: Vec::new(),
        };
        if !lean {
            p.outline.claims = (0..p.drafts.len()).map(|i| p.claim(i)).collect();
            p.list_claims();
        }
        p
    }

    /// Builds claim `i` from its draft.
    fn claim(&self, i: usize) -> Claim {
        let d = &self.drafts[i];
        let block = &self.doc.blocks[d.block];
        Claim {
            id: format!("c{}", i + 1),
            text: block.text[d.range.clone()].to_string(),
            span: block.source_span(d.range.clone()),
            section: self.outline.sections[d.section].id.clone(),
            paragraph: d.paragraph,
            block_quote: block.quote_depth > 0,
            ..Claim::default()
        }
    }

    /// Lists each section's claims (all claims are built).
    fn list_claims(&mut self) {
        for s in &mut self.outline.sections {
            s.claims.clear();
        }
        for (c, d) in self.outline.claims.iter().zip(&self.drafts) {
            self.outline.sections[d.section].claims.push(c.id.clone());
        }
    }

    /// The number of claims.
    pub fn len(&self) -> usize {
        self.drafts.len()
    }

    /// Whether there is no claim.
    pub fn is_empty(&self) -> bool {
        self.drafts.is_empty()
    }

    /// The index (in [`Partial::sections`]) of claim `i`'s section.
    pub fn section_of(&self, i: usize) -> usize {
        self.drafts.get(i).map_or(0, |d| d.section)
    }

    /// The paragraph of claim `i`.
    pub fn paragraph(&self, i: usize) -> usize {
        self.drafts.get(i).map_or(0, |d| d.paragraph)
    }

    /// The claims built so far, in document order (spans still in the
    /// normalised text until [`Partial::finish`]): all of them, or in a
    /// lean partial the enriched ones only.
    pub fn claims(&self) -> &[Claim] {
        &self.outline.claims
    }

    /// The sections, in document order (in a lean partial, without their
    /// lists of claims until [`Partial::finish`]).
    pub fn sections(&self) -> &[Section] {
        &self.outline.sections
    }

    /// The text of claim `i`, from the document.
    pub fn text(&self, i: usize) -> &'a str {
        self.drafts.get(i).map_or("", |d| draft_text(self.doc, d))
    }

    /// Marks the claims `pick` accepts (by claim index) as shown: a lean
    /// partial builds them, with their text, in [`Partial::finish_sparse`].
    pub fn show(&mut self, pick: &dyn Fn(usize) -> bool) {
        if self.lean {
            self.shown = (0..self.drafts.len()).map(pick).collect();
        }
    }

    /// Finds sources, quotations and entities in the claims of the
    /// paragraphs `keep` accepts (by paragraph index), read in order as if
    /// they followed one another. Called once.
    pub fn enrich(&mut self, keep: &dyn Fn(usize) -> bool) {
        self.enrich_with(keep, &|_| true);
    }

    /// [`Partial::enrich`], finding entities only in the claims `names`
    /// accepts (by claim index) among those read. Diff needs the entities
    /// of the claims that changed only: a claim both versions keep names
    /// the same people in both.
    pub fn enrich_with(&mut self, keep: &dyn Fn(usize) -> bool, names: &dyn Fn(usize) -> bool) {
        let picked: Vec<usize> = (0..self.drafts.len())
            .filter(|&i| keep(self.drafts[i].paragraph))
            .collect();
        let all = picked.len() == self.drafts.len() && !self.lean;
        let drafts: Vec<Draft> = if all {
            std::mem::take(&mut self.drafts)
        } else {
            picked.iter().map(|&i| self.drafts[i].clone()).collect()
        };
        let mut claims: Vec<Claim> = if all {
            std::mem::take(&mut self.outline.claims)
        } else if self.lean {
            picked.iter().map(|&i| self.claim(i)).collect()
        } else {
            picked
                .iter()
                .map(|&i| std::mem::take(&mut self.outline.claims[i]))
                .collect()
        };
        // Sources and entities are read with pandoc citations blanked out:
        // a locator or suffix (`emphasis added`) names no one.
        let masked = mask_citations(self.doc);
        let masked = mark_quotes(masked.as_ref().unwrap_or(self.doc)).or(masked);
        let doc = masked.as_ref().unwrap_or(self.doc);
        let mut lower_words = text::LowerWords::default();
        let sources = attribution::attribute(doc, &drafts, &mut claims, &mut lower_words);
        let named: Vec<usize> = (0..picked.len()).filter(|&k| names(picked[k])).collect();
        let entities = if named.len() == picked.len() {
            entities::extract(doc, &drafts, &mut claims, &sources, &lower_words)
        } else {
            let sub_drafts: Vec<Draft> = named.iter().map(|&k| drafts[k].clone()).collect();
            let mut sub_claims: Vec<Claim> = named
                .iter()
                .map(|&k| std::mem::take(&mut claims[k]))
                .collect();
            let lower_words = entities::lower_words(doc, &sub_drafts);
            let e = entities::extract(doc, &sub_drafts, &mut sub_claims, &sources, &lower_words);
            for (&k, c) in named.iter().zip(sub_claims) {
                claims[k] = c;
            }
            e
        };
        if all {
            self.drafts = drafts;
            self.outline.claims = claims;
        } else if self.lean {
            self.outline.claims = claims;
            self.read = picked;
        } else {
            for (&i, c) in picked.iter().zip(claims) {
                self.outline.claims[i] = c;
            }
        }
        self.outline.sources = sources;
        self.outline.entities = entities;
    }

    /// The outline, spans mapped back to the input as read; in a lean
    /// partial the claims not built are built now.
    pub fn finish(mut self) -> Outline {
        if self.lean {
            self.build_lean(&|_| true);
            self.list_claims();
        }
        let mut outline = self.outline;
        map_spans(self.doc, &mut outline);
        outline
    }

    /// The outline with only the claims built (in a lean partial, those
    /// enriched or shown), spans mapped back to the input as read, and
    /// where each claim is in it: `slots[i]` is the index in
    /// `outline.claims` of claim `i`, or [`u32::MAX`] when it was not built.
    /// Sections do not list their claims.
    pub fn finish_sparse(mut self) -> (Outline, Vec<u32>) {
        if !self.lean {
            let n = self.drafts.len();
            return (self.finish(), (0..n as u32).collect());
        }
        let shown = std::mem::take(&mut self.shown);
        let slots = self.build_lean(&|i| shown.get(i).copied().unwrap_or(false));
        let mut outline = self.outline;
        map_spans(self.doc, &mut outline);
        (outline, slots)
    }

    /// In a lean partial, puts in `outline.claims` the claims enriched and
    /// those `want` accepts (built now), in document order; returns where
    /// each claim went (`u32::MAX`: nowhere).
    fn build_lean(&mut self, want: &dyn Fn(usize) -> bool) -> Vec<u32> {
        let mut read = std::mem::take(&mut self.outline.claims)
            .into_iter()
            .zip(std::mem::take(&mut self.read))
            .peekable();
        let mut claims = Vec::new();
        let mut slots = vec![u32::MAX; self.drafts.len()];
        for (i, slot) in slots.iter_mut().enumerate() {
            let c = match read.next_if(|(_, k)| *k == i) {
                Some((c, _)) => c,
                None if want(i) => self.claim(i),
                None => continue,
            };
            *slot = claims.len() as u32;
            claims.push(c);
        }
        self.outline.claims = claims;
        slots
    }
}

/// Splits a document into sections and draft claims.
fn skeleton(doc: &Document) -> (Vec<Section>, Vec<Draft>) {
    let mut sections: Vec<Section> = Vec::new();
    let mut drafts: Vec<Draft> = Vec::new();
    let mut paragraph = 0usize;
    let mut carry_quote = 0u8;
    let lead_start = doc
        .blocks
        .iter()
        .find(|b| b.kind != BlockKind::Title)
        .map_or(0, |b| b.span.start);
    sections.push(Section {
        id: "s1".into(),
        heading: None,
        level: 0,
        span: Span {
            start: lead_start,
            end: lead_start,
        },
        claims: Vec::new(),
    });
    for (bi, block) in doc.blocks.iter().enumerate() {
        match block.kind {
            BlockKind::Title | BlockKind::Code | BlockKind::Links => continue,
            BlockKind::Heading => {
                carry_quote = 0;
                let cur = sections.last().expect("the lead section exists");
                if cur.heading.is_none() && cur.span.end == cur.span.start && drafts.is_empty() {
                    sections.pop();
                }
                sections.push(Section {
                    id: String::new(),
                    heading: Some(block.text.clone()),
                    level: block.level,
                    span: block.span,
                    claims: Vec::new(),
                });
                continue;
            }
            BlockKind::Paragraph | BlockKind::ListItem | BlockKind::Table => {}
        }
        let si = sections.len() - 1;
        sections[si].span.end = sections[si].span.end.max(block.span.end);
        // A paragraph that opens a quotation without closing it continues into
        // the next, unless that one opens its own; at most twice, so that a
        // stray mark cannot swallow the rest of the article.
        let marked = segment::typewriter_quotes(&block.text);
        let text = marked.as_deref().unwrap_or(&block.text);
        let starts_quoted = text
            .trim_start_matches(['*', '_', ' '])
            .starts_with(|c: char| segment::is_open_double(c) || c == '"');
        let open = carry_quote > 0 && !starts_quoted;
        let (ranges, still_open) = segment::sentences_in(text, open);
        for (k, range) in ranges.into_iter().enumerate() {
            drafts.push(Draft {
                block: bi,
                paragraph,
                range,
                section: si,
                quote_open: open && k == 0,
            });
        }
        carry_quote = match (still_open, open) {
            (true, true) => carry_quote - 1,
            (true, false) => 2,
            (false, _) => 0,
        };
        paragraph += 1;
    }
    for (i, s) in sections.iter_mut().enumerate() {
        s.id = format!("s{}", i + 1);
    }

    (sections, drafts)
}

/// The document with every pandoc citation in its blocks blanked (spaces
/// of the same length, so offsets hold): all of a bracketed citation
/// (`[see @a, p. 3, emphasis added]`), the locator of a narrative one
/// (`@a [p. 3]`; its key stays and reads as a name). `None` when there is
/// no citation.
fn mask_citations(doc: &Document) -> Option<Document> {
    // Plain text has no citation syntax; the LaTeX reader writes its
    // `\cite` commands as pandoc citations.
    if doc.format == crate::read::InputFormat::Plain {
        return None;
    }
    let mut masked: Option<Document> = None;
    for (bi, block) in doc.blocks.iter().enumerate() {
        if memchr::memchr(b'@', block.text.as_bytes()).is_none() {
            continue;
        }
        let found = crate::cite::syntax::find(&block.text);
        if found.is_empty() {
            continue;
        }
        let d = masked.get_or_insert_with(|| doc.clone());
        let mut bytes = std::mem::take(&mut d.blocks[bi].text).into_bytes();
        for c in found {
            let start = if bytes.get(c.span.start) == Some(&b'@') {
                let key = c.items.first().map_or(0, |i| i.key.len());
                let braced = usize::from(bytes.get(c.span.start + 1) == Some(&b'{')) * 2;
                (c.span.start + 1 + key + braced).min(c.span.end)
            } else {
                c.span.start
            };
            if let Some(span) = bytes.get_mut(start..c.span.end) {
                span.fill(b' ');
            }
        }
        // Whole characters were replaced by ASCII spaces, so this is UTF-8.
        d.blocks[bi].text = String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    }
    masked
}

/// The document with typewriter quotation marks (`''`, ` `` `) written as
/// the marks attribution reads ([`segment::typewriter_quotes`]; offsets
/// hold). `None` when there is none. Claims keep the text as written: they
/// are built from the document as read.
fn mark_quotes(doc: &Document) -> Option<Document> {
    let mut marked: Option<Document> = None;
    for (bi, block) in doc.blocks.iter().enumerate() {
        if let Some(t) = segment::typewriter_quotes(&block.text) {
            marked.get_or_insert_with(|| doc.clone()).blocks[bi].text = t;
        }
    }
    marked
}

/// Maps every span from normalised-text offsets to original-input offsets.
fn map_spans(doc: &Document, o: &mut Outline) {
    let m = |s: &mut Span| {
        s.start = doc.source.original(s.start);
        s.end = doc.source.original(s.end);
    };
    for s in &mut o.sections {
        m(&mut s.span);
    }
    for c in &mut o.claims {
        m(&mut c.span);
        if let Some(x) = c.cue.as_mut() {
            m(&mut x.span);
        }
        if let Some(x) = c.mention.as_mut() {
            m(&mut x.span);
        }
        for q in &mut c.quotes {
            m(&mut q.span);
        }
    }
    for e in &mut o.entities {
        for x in &mut e.mentions {
            m(&mut x.span);
        }
    }
}

/// The text of a draft claim.
pub fn draft_text<'a>(doc: &'a Document, d: &Draft) -> &'a str {
    &doc.blocks[d.block].text[d.range.clone()]
}

/// The block of a draft claim.
pub fn draft_block<'a>(doc: &'a Document, d: &Draft) -> &'a Block {
    &doc.blocks[d.block]
}
