//! Extractive salience: which claims a summary keeps.
//!
//! A TextRank-style ranking: claims are nodes, edges weigh the content words
//! two claims share (normalised by their lengths, as in Mihalcea & Tarau
//! 2004), and a personalised PageRank runs over the graph with a prior that
//! favours the lead, attributed claims and claims with quotations, and
//! disfavours fragments. Everything is computed in a fixed order with a
//! fixed number of iterations, so the ranking is deterministic.
//!
//! Long documents stay linear in time and memory by two documented bounds:
//! claims are only linked when at most [`WINDOW`] claims apart, and each
//! claim keeps only its [`neighbours`] strongest links (plus the links other
//! claims keep to it). Pairs that share a word are found through an inverted
//! index, so unrelated pairs cost nothing. Under ~450 claims (every news
//! article and ordinary report) no link is dropped and the graph is exactly
//! the full one.

use std::collections::{BinaryHeap, HashMap, HashSet};
use std::sync::OnceLock;

use crate::outline::{Claim, Outline};

use super::words::stopwords;

const DAMPING: f64 = 0.85;
const ITERATIONS: usize = 60;
/// Two claims sharing more than this share of the shorter one's content
/// words say the same thing: a summary keeps only the better one.
const REDUNDANCY: f64 = 0.5;
/// How far apart (in claims) two claims can be and still be linked.
pub const WINDOW: usize = 400;
/// The links the whole graph may hold before claims start keeping only
/// their strongest ones: `LINK_BUDGET / claims` links per claim.
const LINK_BUDGET: usize = 200_000;
/// However long the document, each claim keeps at least this many links.
const MIN_NEIGHBOURS: usize = 16;

/// How many of its strongest links each claim keeps in a document of `n`
/// claims: everything up to ~450 claims, then `LINK_BUDGET / n`, never
/// fewer than `MIN_NEIGHBOURS`, so the graph holds at most
/// `max(LINK_BUDGET, 2 * MIN_NEIGHBOURS * n)` links.
pub fn neighbours(n: usize) -> usize {
    (LINK_BUDGET / n.max(1)).max(MIN_NEIGHBOURS)
}

fn stopword_set() -> &'static HashSet<&'static str> {
    static CELL: OnceLock<HashSet<&'static str>> = OnceLock::new();
    CELL.get_or_init(|| stopwords().get("").iter().map(String::as_str).collect())
}

/// The content words of a text: lower-cased, stop words dropped, a plural
/// `s` trimmed so "report" and "reports" meet.
pub fn content_words(text: &str) -> std::collections::BTreeSet<String> {
    let stop = stopword_set();
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 3 || w.chars().any(super::escape::is_cjk))
        .filter(|w| !stop.contains(w.as_str()))
        .map(|w| {
            if w.len() > 4 && w.ends_with('s') && !w.ends_with("ss") {
                w[..w.len() - 1].to_string()
            } else {
                w
            }
        })
        .collect()
}

/// A claim's content words as sorted word numbers, so comparing two claims
/// is a merge of two short integer lists.
type Bag = Vec<u32>;

/// The content words of every claim, numbered in one vocabulary (the
/// numbering does not matter: only shared words are counted), and the size
/// of the vocabulary.
fn bags(o: &Outline) -> (Vec<Bag>, usize) {
    let mut vocab: HashMap<String, u32> = HashMap::new();
    let bags = o
        .claims
        .iter()
        .map(|c| {
            let mut b: Bag = content_words(&c.text)
                .into_iter()
                .map(|w| {
                    let next = vocab.len() as u32;
                    *vocab.entry(w).or_insert(next)
                })
                .collect();
            b.sort_unstable();
            b
        })
        .collect();
    (bags, vocab.len())
}

fn shared(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// `ln(|bag| + 1)`, the length normalisation of one claim.
fn norm(b: &[u32]) -> f64 {
    (b.len() as f64 + 1.0).ln()
}

/// The weight of a link between two claims sharing `shared` content words,
/// from their norms: shared words over the sum of the log lengths.
fn weight(shared: usize, norm_a: f64, norm_b: f64) -> f64 {
    if shared == 0 {
        return 0.0;
    }
    let norm = norm_a + norm_b;
    if norm <= 0.0 {
        0.0
    } else {
        shared as f64 / norm
    }
}

#[cfg(test)]
fn similarity(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    weight(shared(a, b), norm(a), norm(b))
}

fn overlap(a: &[u32], b: &[u32]) -> f64 {
    let min = a.len().min(b.len());
    if min == 0 {
        return 0.0;
    }
    shared(a, b) as f64 / min as f64
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Words that mark a claim as procedure or boilerplate rather than news:
/// who met or thanked whom, what will be said later, where to read more.
/// A summary states what happened and what was found first.
const PROCEDURE: &[&str] = &[
    "thanked",
    "thank",
    "welcomed",
    "welcome",
    "pleased",
    "convened",
    "hosted",
    "briefing",
    "readout",
    "call",
    "meeting",
    "remarks",
    "transcript",
    "conference",
    "press",
    "forward",
    "discuss",
    "discussed",
    "information",
    "visit",
    "website",
    "contact",
    "subscribe",
    "statement",
    "section",
    "chapter",
    "page",
    "appendix",
    "introduction",
    "below",
    "following",
    "ladies",
    "gentlemen",
    "morning",
    "afternoon",
    "evening",
    "question",
    "questions",
    "joining",
    "summarises",
    "summarizes",
    "note",
    "background",
    "you",
    "us",
    "spoke",
    "edition",
];

/// Words that mark a finding or a decision: what a report found, what a
/// body decided, what changed. These are what a reader of a brief wants.
const FINDING: &[&str] = &[
    "found",
    "finds",
    "find",
    "concluded",
    "concludes",
    "conclude",
    "determined",
    "shows",
    "showed",
    "estimated",
    "estimates",
    "percent",
    "ruled",
    "decided",
    "approved",
    "rejected",
    "sentenced",
    "signed",
    "ordered",
    "announced",
    "announces",
    "imposed",
    "imposing",
    "killed",
    "committed",
    "occurred",
    "increase",
    "increased",
    "fell",
    "rose",
    "million",
    "billion",
];

fn has_any(text: &str, list: &[&str]) -> usize {
    let lower = text.to_lowercase();
    lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| list.contains(w))
        .count()
}

/// Whether a claim describes the document itself ("This report reviews
/// …", "The 88-page audit covers …", "The report, titled …, is based on
/// …"): what the document is and how it was made, not what it found.
fn is_self_reference(text: &str) -> bool {
    const NOUNS: &[&str] = &[
        "report", "note", "paper", "brief", "document", "section", "chapter", "study", "audit",
        "review",
    ];
    const VERBS: &[&str] = &[
        " reviews ",
        " summarises ",
        " summarizes ",
        " describes ",
        " covers ",
        " sets out ",
        " outlines ",
        " presents ",
        " examines ",
        " looks at ",
        " draws on ",
        " is based on ",
        " was based on ",
        " was carried out ",
        " runs to ",
    ];
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    if !matches!(words.first(), Some(&("this" | "the" | "its"))) {
        return false;
    }
    // The subject: the document's noun within the next two words
    // ("the 64-page report", "this short note").
    let Some(noun) = words
        .iter()
        .skip(1)
        .take(2)
        .position(|w| NOUNS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())))
    else {
        return false;
    };
    // Its verb within the next fifteen words, past a title in apposition.
    let rest = format!(
        " {} ",
        words[noun + 2..words.len().min(noun + 17)].join(" ")
    );
    VERBS.iter().any(|v| rest.contains(v))
}

/// What the article says it is about: the content words of its title.
fn title_words(o: &Outline) -> Bag0 {
    o.meta
        .title
        .as_deref()
        .map(content_words)
        .unwrap_or_default()
}

type Bag0 = std::collections::BTreeSet<String>;

/// The prior weight of a claim before centrality: the lead and the title
/// state the news, findings and decisions matter more than procedure, and
/// attribution matters in news writing.
fn prior(c: &Claim, first_paragraph: usize, title: &Bag0) -> f64 {
    let mut w = 1.0;
    match c.paragraph.saturating_sub(first_paragraph) {
        0 => w += 1.5,
        1 => w += 0.75,
        2 => w += 0.25,
        _ => {}
    }
    if c.source.is_some() {
        w += 0.5;
    }
    if !c.quotes.is_empty() {
        w += 0.25;
    }
    let own = content_words(&c.text);
    if !title.is_empty() && !own.is_empty() {
        // The share of the title the claim restates: the headline's claim
        // is the article's central point.
        let hit = title.iter().filter(|t| own.contains(*t)).count();
        w += 3.0 * hit as f64 / title.len() as f64;
    }
    // Figures are what findings are made of.
    if c.text.chars().any(|ch| ch.is_ascii_digit()) {
        w += 0.3;
    }
    w += 0.4 * has_any(&c.text, FINDING).min(2) as f64;
    let procedural = has_any(&c.text, PROCEDURE);
    if procedural > 0 {
        w *= 0.75f64.powi(procedural.min(3) as i32);
    }
    if is_self_reference(&c.text) {
        w *= 0.5;
    }
    let n = word_count(&c.text);
    if n < 6 {
        w *= 0.2;
    } else if n > 60 {
        w *= 0.6;
    }
    w
}

/// A candidate link as one claim's bounded list of strongest links holds
/// it: the weakest on top, so it is the one dropped. Stronger means a
/// higher weight, then a nearer claim, then an earlier one.
#[derive(Debug, Clone, Copy)]
struct Link {
    weight: f64,
    distance: usize,
    other: usize,
}

impl Link {
    fn key(&self) -> (std::cmp::Reverse<u64>, usize, usize) {
        // Weights are positive, so their bit patterns order like them.
        (
            std::cmp::Reverse(self.weight.to_bits()),
            self.distance,
            self.other,
        )
    }
}

impl PartialEq for Link {
    fn eq(&self, o: &Link) -> bool {
        self.key() == o.key()
    }
}
impl Eq for Link {}
impl PartialOrd for Link {
    fn partial_cmp(&self, o: &Link) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Link {
    fn cmp(&self, o: &Link) -> std::cmp::Ordering {
        self.key().cmp(&o.key())
    }
}

/// Offers a link to a claim's bounded list of its `k` strongest links.
fn offer(heap: &mut BinaryHeap<Link>, k: usize, link: Link) {
    if heap.len() < k {
        heap.push(link);
    } else if let Some(mut weakest) = heap.peek_mut() {
        if link < *weakest {
            *weakest = link;
        }
    }
}

/// The similarity graph of the claims' bags.
fn graph(words: &[Bag], vocab: usize) -> Graph {
    let n = words.len();
    let k = neighbours(n);
    let norms: Vec<f64> = words.iter().map(|b| norm(b)).collect();

    // Inverted index: the claims each word occurs in, in order, and for
    // each word of each claim where that claim sits in the word's list.
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); vocab];
    let mut at: Vec<Vec<u32>> = Vec::with_capacity(n);
    for (i, b) in words.iter().enumerate() {
        at.push(
            b.iter()
                .map(|&w| {
                    let p = &mut postings[w as usize];
                    p.push(i as u32);
                    (p.len() - 1) as u32
                })
                .collect(),
        );
    }

    let mut strongest: Vec<BinaryHeap<Link>> = vec![BinaryHeap::new(); n];
    // Shared-word counts of claim i with the claims after it, by distance.
    let mut count = vec![0u32; WINDOW + 1];
    let mut touched: Vec<usize> = Vec::new();
    for i in 0..n {
        for (&w, &pos) in words[i].iter().zip(&at[i]) {
            for &j in &postings[w as usize][pos as usize + 1..] {
                let d = j as usize - i;
                if d > WINDOW {
                    break;
                }
                if count[d] == 0 {
                    touched.push(d);
                }
                count[d] += 1;
            }
        }
        for &d in &touched {
            let j = i + d;
            let s = weight(count[d] as usize, norms[i], norms[j]);
            count[d] = 0;
            if s > 0.0 {
                offer(
                    &mut strongest[i],
                    k,
                    Link {
                        weight: s,
                        distance: d,
                        other: j,
                    },
                );
                offer(
                    &mut strongest[j],
                    k,
                    Link {
                        weight: s,
                        distance: d,
                        other: i,
                    },
                );
            }
        }
        touched.clear();
    }

    // A link stays when either end keeps it, so the graph stays symmetric.
    // The rows are laid out one after another (compressed sparse rows), so
    // PageRank walks memory in order even on a very long document.
    let mut degree = vec![0usize; n + 1];
    for (i, heap) in strongest.iter().enumerate() {
        degree[i] += heap.len();
        for l in heap.iter() {
            degree[l.other] += 1;
        }
    }
    let mut start = Vec::with_capacity(n + 1);
    let mut total = 0;
    for d in &degree {
        start.push(total);
        total += d;
    }
    let mut fill = start.clone();
    let mut links = vec![(0u32, 0.0f64); total];
    for (i, heap) in strongest.into_iter().enumerate() {
        for l in heap.into_vec() {
            links[fill[i]] = (l.other as u32, l.weight);
            fill[i] += 1;
            links[fill[l.other]] = (i as u32, l.weight);
            fill[l.other] += 1;
        }
    }
    // Sort each row by the other claim and drop the links both ends kept
    // twice, compacting the rows as they go.
    let mut rows = Vec::with_capacity(n + 1);
    let mut kept = 0;
    for i in 0..n {
        let row = &mut links[start[i]..start[i + 1]];
        row.sort_by_key(|&(j, _)| j);
        rows.push(kept);
        let mut last = None;
        for k in start[i]..start[i + 1] {
            let l = links[k];
            if last != Some(l.0) {
                links[kept] = l;
                kept += 1;
                last = Some(l.0);
            }
        }
    }
    rows.push(kept);
    links.truncate(kept);
    links.shrink_to_fit();
    Graph { rows, links }
}

/// The similarity graph as compressed sparse rows: the links of claim `i`
/// are `links[rows[i]..rows[i + 1]]`, `(other claim, weight)` sorted by
/// the other claim.
struct Graph {
    rows: Vec<usize>,
    links: Vec<(u32, f64)>,
}

impl Graph {
    fn row(&self, i: usize) -> &[(u32, f64)] {
        &self.links[self.rows[i]..self.rows[i + 1]]
    }
}

/// Scores every claim of the outline (same order as `outline.claims`).
pub fn scores(o: &Outline) -> Vec<f64> {
    let (words, vocab) = bags(o);
    scores_of(o, &words, vocab)
}

fn scores_of(o: &Outline, words: &[Bag], vocab: usize) -> Vec<f64> {
    let n = o.claims.len();
    if n == 0 {
        return Vec::new();
    }
    let first_paragraph = o.claims.iter().map(|c| c.paragraph).min().unwrap_or(0);
    let title = title_words(o);
    let mut p: Vec<f64> = o
        .claims
        .iter()
        .map(|c| prior(c, first_paragraph, &title))
        .collect();
    // The lead's first sentence states the news in most news writing; a
    // procedural one has already been discounted by its prior.
    if let Some(x) = p.first_mut() {
        *x *= 1.4;
    }
    let total: f64 = p.iter().sum();
    p.iter_mut().for_each(|x| *x /= total);

    let mut g = graph(words, vocab);
    let out: Vec<f64> = (0..n)
        .map(|i| g.row(i).iter().map(|&(_, w)| w).sum())
        .collect();
    // Each link's share of its other end's weight, divided once rather than
    // in every iteration (the same value: `w / out[j] * r[j]` divides first).
    for (j, w) in &mut g.links {
        *w /= out[*j as usize];
    }

    let mut r = p.clone();
    let mut next = vec![0.0; n];
    for _ in 0..ITERATIONS {
        // Mass of claims with no edges goes back to the prior.
        let dangling: f64 = (0..n).filter(|&j| out[j] == 0.0).map(|j| r[j]).sum();
        for (i, x) in next.iter_mut().enumerate() {
            let acc: f64 = g
                .row(i)
                .iter()
                .map(|&(j, share)| share * r[j as usize])
                .sum();
            *x = (1.0 - DAMPING) * p[i] + DAMPING * (acc + dangling * p[i]);
        }
        std::mem::swap(&mut r, &mut next);
    }
    // The prior weighs in once more, so a central fragment does not win.
    r.iter().zip(&p).map(|(a, b)| a * b.sqrt()).collect()
}

/// Picks up to `n` claims (indices into `outline.claims`) by salience,
/// skipping near-duplicates of claims already picked and, when `max_words`
/// is not 0, claims that [`fit`] cannot bring within it as a whole sentence
/// or clause. Returned best first.
pub fn pick(o: &Outline, n: usize, max_words: usize) -> Vec<usize> {
    pick_scored(o, n, max_words).0
}

/// [`pick`], with the [`scores`] of every claim it picked by, for a caller
/// that ranks claims again.
pub fn pick_scored(o: &Outline, n: usize, max_words: usize) -> (Vec<usize>, Vec<f64>) {
    let (words, vocab) = bags(o);
    let s = scores_of(o, &words, vocab);
    let mut order: Vec<usize> = (0..s.len()).collect();
    order.sort_by(|&a, &b| s[b].total_cmp(&s[a]).then(a.cmp(&b)));
    let mut picked: Vec<usize> = Vec::new();
    let mut too_long: Vec<usize> = Vec::new();
    for &i in &order {
        if picked.len() >= n {
            break;
        }
        if picked
            .iter()
            .any(|&j| overlap(&words[i], &words[j]) > REDUNDANCY)
        {
            continue;
        }
        // The best claim leads whole even when no clause of it fits: the
        // article's central point matters more than the length.
        if !picked.is_empty() && fit(&o.claims[i].text, max_words).is_none() {
            too_long.push(i);
            continue;
        }
        picked.push(i);
    }
    // A document of nothing but long sentences still gets a summary: its
    // best claims whole, rather than none.
    for i in too_long {
        if picked.len() >= n {
            break;
        }
        if !picked
            .iter()
            .any(|&j| overlap(&words[i], &words[j]) > REDUNDANCY)
        {
            picked.push(i);
        }
    }
    (picked, s)
}

/// Where a sentence may end early and still be a whole clause: before a
/// coordinated or relative clause, an aside or a list's last item.
const CLAUSE_BREAKS: &[&str] = &[
    "; ",
    ", and that ",
    ", but ",
    ", while ",
    ", whereas ",
    ", which ",
    ", who ",
    ", and ",
    " \u{2014} ",
    ", as ",
    ", after ",
    ", because ",
    ", although ",
    ", including ",
];

/// Shortest a shortened claim may be: fewer words rarely make a claim.
const MIN_CLAUSE_WORDS: usize = 6;

/// A claim's text brought within `max_words` words without cutting a
/// phrase: the whole sentence if it fits (or `max_words` is 0), else its
/// bracketed asides dropped, else its longest leading whole clause that
/// fits, ended with a full stop. `None` when no such clause exists, so the
/// summary picks a shorter claim instead.
pub fn fit(text: &str, max_words: usize) -> Option<String> {
    if max_words == 0 || word_count(text) <= max_words {
        return Some(text.to_string());
    }
    let plain = drop_dateline(&drop_brackets(text));
    if word_count(&plain) <= max_words {
        return Some(plain);
    }
    let mut best: Option<&str> = None;
    for b in CLAUSE_BREAKS {
        for (at, _) in plain.match_indices(b) {
            let head = plain[..at].trim_end();
            let n = word_count(head);
            if n < MIN_CLAUSE_WORDS || n > max_words || !quotes_closed(head) {
                continue;
            }
            if best.is_none_or(|x| head.len() > x.len()) {
                best = Some(head);
            }
        }
    }
    best.map(|h| {
        let h = h.trim_end_matches([',', ';', ':']);
        format!("{h}.")
    })
}

/// The text without a wire dateline ("ZAGREB – ", "WASHINGTON, Jan. 5 – "):
/// where the news was filed is not part of the claim.
fn drop_dateline(text: &str) -> String {
    for dash in [" \u{2013} ", " \u{2014} ", " - "] {
        if let Some(at) = text.find(dash) {
            let head = &text[..at];
            let first = head.split([' ', ',']).next().unwrap_or("");
            let caps = first.chars().count() >= 3
                && first
                    .chars()
                    .all(|c| c.is_uppercase() || !c.is_alphabetic());
            if caps && word_count(head) <= 6 {
                return text[at + dash.len()..].to_string();
            }
        }
    }
    text.to_string()
}

/// The text without its parenthesised asides.
fn drop_brackets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for ch in text.chars() {
        match ch {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(ch),
            _ => {}
        }
    }
    if depth > 0 {
        // An unclosed bracket: the text is not what it seemed, keep it.
        return text.to_string();
    }
    let mut s = out.split_whitespace().collect::<Vec<_>>().join(" ");
    for p in [" ,", " .", " ;", " :"] {
        s = s.replace(p, &p[1..]);
    }
    s
}

/// Whether every quotation opened in `text` is closed, so a clause never
/// ends inside someone's words.
fn quotes_closed(text: &str) -> bool {
    let open = text.matches('\u{201c}').count();
    let close = text.matches('\u{201d}').count();
    open == close && text.matches('"').count().is_multiple_of(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_words_drop_stopwords() {
        let w = content_words("The reports said that the report was late.");
        assert!(w.contains("report"));
        assert!(w.contains("late"));
        assert!(!w.contains("the"));
    }

    /// Bags of `n` pseudo-random claims over a small vocabulary.
    fn random_bags(n: usize, vocab: u32) -> Vec<Bag> {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        (0..n)
            .map(|_| {
                let mut b: Bag = (0..8)
                    .map(|_| {
                        x ^= x << 13;
                        x ^= x >> 7;
                        x ^= x << 17;
                        (x % u64::from(vocab)) as u32
                    })
                    .collect();
                b.sort_unstable();
                b.dedup();
                b
            })
            .collect()
    }

    #[test]
    fn short_documents_get_the_full_graph() {
        let words = random_bags(440, 300);
        assert!(neighbours(words.len()) >= words.len());
        let g = graph(&words, 300);
        for i in 0..words.len() {
            let a = g.row(i).to_vec();
            let full: Vec<(u32, f64)> = (0..words.len())
                .filter(|&j| j != i && j.abs_diff(i) <= WINDOW)
                .map(|j| (j as u32, similarity(&words[i.min(j)], &words[i.max(j)])))
                .filter(|&(_, s)| s > 0.0)
                .collect();
            assert_eq!(a, full, "claim {i}");
        }
    }

    #[test]
    fn long_documents_keep_the_strongest_links() {
        let n = 20_000;
        let words = random_bags(n, 2_000);
        let k = neighbours(n);
        assert_eq!(k, MIN_NEIGHBOURS);
        let g = graph(&words, 2_000);
        let links = g.links.len();
        assert!(links <= 2 * k * n, "{links} links");
        for i in (0..n).step_by(997) {
            // The k-th strongest link of claim i is in the graph, and no
            // kept link to a claim that did not keep it back is weaker.
            let mut all: Vec<f64> = (i.saturating_sub(WINDOW)..n.min(i + WINDOW + 1))
                .filter(|&j| j != i)
                .map(|j| similarity(&words[i.min(j)], &words[i.max(j)]))
                .filter(|&s| s > 0.0)
                .collect();
            all.sort_by(|a, b| b.total_cmp(a));
            let kth = all.get(k - 1).copied().unwrap_or(0.0);
            let strong = g.row(i).iter().filter(|&&(_, w)| w >= kth).count();
            assert!(strong >= k.min(all.len()), "claim {i}");
            assert!(g.row(i).windows(2).all(|w| w[0].0 < w[1].0), "sorted");
            assert!(g.row(i).iter().all(|&(j, w)| g
                .row(j as usize)
                .iter()
                .any(|&(x, v)| x as usize == i && v == w)));
        }
    }

    #[test]
    fn similarity_is_symmetric_and_zero_without_overlap() {
        let o = crate::outline::Outline {
            schema: crate::outline::SCHEMA.into(),
            meta: Default::default(),
            sections: vec![],
            claims: [
                "sanctions on officials",
                "officials face sanctions",
                "weather is mild",
            ]
            .iter()
            .enumerate()
            .map(|(i, t)| crate::outline::Claim {
                id: format!("c{}", i + 1),
                text: (*t).into(),
                span: Default::default(),
                section: "s1".into(),
                paragraph: i,
                block_quote: false,
                source: None,
                cue: None,
                mention: None,
                via: None,
                quotes: vec![],
                entities: vec![],
            })
            .collect(),
            sources: vec![],
            entities: vec![],
        };
        let (w, _) = bags(&o);
        let (a, b, c) = (&w[0], &w[1], &w[2]);
        assert_eq!(similarity(a, b), similarity(b, a));
        assert!(similarity(a, b) > 0.0);
        assert_eq!(similarity(a, c), 0.0);
        assert_eq!(overlap(a, b), 1.0);
    }

    #[test]
    fn self_reference_is_the_document_describing_itself() {
        assert!(is_self_reference("This report reviews what was said."));
        assert!(is_self_reference(
            "The 64-page report, titled “Threads of Heat,” is based on interviews with 312 workers."
        ));
        assert!(!is_self_reference(
            "The report found that 7 in 10 workers were unpaid."
        ));
        assert!(!is_self_reference("The minister covers the costs."));
    }

    #[test]
    fn fit_keeps_whole_clauses() {
        let t = "The State Department said it has joined the United Kingdom and Canada \
                 in imposing sanctions on officials and their families, and that the \
                 United States will continue to work with the international community \
                 to hold them to account.";
        assert_eq!(fit(t, 0).as_deref(), Some(t));
        let short = fit(t, 25).expect("a clause fits");
        assert!(short.ends_with("their families."), "{short}");
        assert!(fit("one two three four five six seven eight nine ten", 5).is_none());
        assert_eq!(
            fit("The plan (announced in May) costs five million dollars.", 8).as_deref(),
            Some("The plan costs five million dollars.")
        );
        // Never inside a quotation.
        assert!(fit("He said “we will act, and we will act fast” today.", 6).is_none());
    }
}
