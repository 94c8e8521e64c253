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

fn similarity(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.intersection(b).count() as f64;
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

fn overlap(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    let min = a.len().min(b.len());
    if min == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f64 / min as f64
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
    let words: Vec<BTreeSet<String>> = o.claims.iter().map(|c| content_words(&c.text)).collect();
    let first_paragraph = o.claims.iter().map(|c| c.paragraph).min().unwrap_or(0);
    let mut p: Vec<f64> = o.claims.iter().map(|c| prior(c, first_paragraph)).collect();
    let total: f64 = p.iter().sum();
    p.iter_mut().for_each(|x| *x /= total);

    let mut w = vec![vec![0.0f64; n]; n];
    for i in 0..n {
        for j in (i + 1)..n {
            let s = similarity(&words[i], &words[j]);
            w[i][j] = s;
            w[j][i] = s;
        }
    }
    let out: Vec<f64> = w.iter().map(|row| row.iter().sum()).collect();

    let mut r = p.clone();
    for _ in 0..ITERATIONS {
        let mut next = vec![0.0f64; n];
        // Mass of claims with no edges goes back to the prior.
        let dangling: f64 = (0..n).filter(|&j| out[j] == 0.0).map(|j| r[j]).sum();
        for i in 0..n {
            let mut acc = 0.0;
            for j in 0..n {
                if w[j][i] > 0.0 {
                    acc += w[j][i] / out[j] * r[j];
                }
            }
            next[i] = (1.0 - DAMPING) * p[i] + DAMPING * (acc + dangling * p[i]);
        }
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
    let words: Vec<BTreeSet<String>> = o.claims.iter().map(|c| content_words(&c.text)).collect();
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
        let a = content_words("sanctions on officials");
        let b = content_words("officials face sanctions");
        let c = content_words("weather is mild");
        assert_eq!(similarity(&a, &b), similarity(&b, &a));
        assert!(similarity(&a, &b) > 0.0);
        assert_eq!(similarity(&a, &c), 0.0);
    }
}
