//! Extractive salience: which claims a summary keeps.
//!
//! A TextRank-style ranking: claims are nodes, edges weigh the content words
//! two claims share (normalised by their lengths, as in Mihalcea & Tarau
//! 2004), and a personalised PageRank runs over the graph with a prior that
//! favours the lead, attributed claims and claims with quotations, and
//! disfavours fragments. Everything is computed in a fixed order with a
//! fixed number of iterations, so the ranking is deterministic.

use std::collections::BTreeSet;

use crate::outline::{Claim, Outline};

use super::words::stopwords;

const DAMPING: f64 = 0.85;
const ITERATIONS: usize = 60;
/// Two claims sharing more than this share of the shorter one's content
/// words say the same thing: a summary keeps only the better one.
const REDUNDANCY: f64 = 0.6;
/// How far apart (in claims) two claims can be and still be linked.
const WINDOW: usize = 400;

/// The content words of a text: lower-cased, stop words dropped, a plural
/// `s` trimmed so "report" and "reports" meet.
pub fn content_words(text: &str) -> BTreeSet<String> {
    let stop = stopwords().get("");
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 3 || w.chars().any(super::escape::is_cjk))
        .filter(|w| !stop.iter().any(|s| s == w))
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

/// The content words of every claim, numbered in one vocabulary.
fn bags(o: &Outline) -> Vec<Bag> {
    let sets: Vec<BTreeSet<String>> = o.claims.iter().map(|c| content_words(&c.text)).collect();
    let mut vocab: std::collections::BTreeMap<&str, u32> = std::collections::BTreeMap::new();
    for w in sets.iter().flatten() {
        let next = vocab.len() as u32;
        vocab.entry(w.as_str()).or_insert(next);
    }
    sets.iter()
        .map(|set| {
            let mut b: Bag = set.iter().map(|w| vocab[w.as_str()]).collect();
            b.sort_unstable();
            b
        })
        .collect()
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

fn similarity(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = shared(a, b) as f64;
    if shared == 0.0 {
        return 0.0;
    }
    let norm = (a.len() as f64 + 1.0).ln() + (b.len() as f64 + 1.0).ln();
    if norm <= 0.0 {
        0.0
    } else {
        shared / norm
    }
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

/// The prior weight of a claim before centrality: lead and attribution
/// matter in news writing.
fn prior(c: &Claim, first_paragraph: usize) -> f64 {
    let mut w = 1.0;
    match c.paragraph.saturating_sub(first_paragraph) {
        0 => w += 1.5,
        1 => w += 0.75,
        2 => w += 0.25,
        _ => {}
    }
    if c.source.is_some() {
        w += 1.0;
    }
    if !c.quotes.is_empty() {
        w += 0.25;
    }
    let n = word_count(&c.text);
    if n < 6 {
        w *= 0.2;
    } else if n > 60 {
        w *= 0.6;
    }
    w
}

/// Scores every claim of the outline (same order as `outline.claims`).
pub fn scores(o: &Outline) -> Vec<f64> {
    let n = o.claims.len();
    if n == 0 {
        return Vec::new();
    }
    let words = bags(o);
    let first_paragraph = o.claims.iter().map(|c| c.paragraph).min().unwrap_or(0);
    let mut p: Vec<f64> = o.claims.iter().map(|c| prior(c, first_paragraph)).collect();
    let total: f64 = p.iter().sum();
    p.iter_mut().for_each(|x| *x /= total);

    // Edges link claims at most WINDOW claims apart: every pair in an
    // article of ordinary length, and linear time and memory in a long one.
    let mut adj: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    for i in 0..n {
        for j in (i + 1)..n.min(i + WINDOW + 1) {
            let s = similarity(&words[i], &words[j]);
            if s > 0.0 {
                adj[i].push((j, s));
                adj[j].push((i, s));
            }
        }
    }
    for a in &mut adj {
        a.sort_by_key(|&(j, _)| j);
    }
    let out: Vec<f64> = adj
        .iter()
        .map(|a| a.iter().map(|&(_, w)| w).sum())
        .collect();

    let mut r = p.clone();
    for _ in 0..ITERATIONS {
        // Mass of claims with no edges goes back to the prior.
        let dangling: f64 = (0..n).filter(|&j| out[j] == 0.0).map(|j| r[j]).sum();
        let next: Vec<f64> = (0..n)
            .map(|i| {
                let acc: f64 = adj[i].iter().map(|&(j, w)| w / out[j] * r[j]).sum();
                (1.0 - DAMPING) * p[i] + DAMPING * (acc + dangling * p[i])
            })
            .collect();
        r = next;
    }
    // The prior weighs in once more, so a central fragment does not win.
    r.iter().zip(&p).map(|(a, b)| a * b.sqrt()).collect()
}

/// Picks up to `n` claims (indices into `outline.claims`) by salience,
/// skipping near-duplicates of claims already picked. Returned best first.
pub fn pick(o: &Outline, n: usize) -> Vec<usize> {
    let s = scores(o);
    let mut order: Vec<usize> = (0..s.len()).collect();
    order.sort_by(|&a, &b| s[b].total_cmp(&s[a]).then(a.cmp(&b)));
    let words = bags(o);
    let mut picked: Vec<usize> = Vec::new();
    for i in order {
        if picked.len() >= n {
            break;
        }
        if picked
            .iter()
            .any(|&j| overlap(&words[i], &words[j]) > REDUNDANCY)
        {
            continue;
        }
        picked.push(i);
    }
    picked
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
        let w = bags(&o);
        let (a, b, c) = (&w[0], &w[1], &w[2]);
        assert_eq!(similarity(a, b), similarity(b, a));
        assert!(similarity(a, b) > 0.0);
        assert_eq!(similarity(a, c), 0.0);
        assert_eq!(overlap(a, b), 1.0);
    }
}
