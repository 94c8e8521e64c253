//! The part-of-speech tagger: a greedy averaged perceptron, left to right,
//! as in spaCy 1 and "Parsing English in 500 lines". Each class is a
//! universal tag with its Penn tag (`VERB/VBD`), so one pass gives both.

use super::features::{f1, f2, mix, Lex};
use super::weights::Weights;
use rustc_hash::FxHashMap;

/// The hash standing for tag class `c` in features; `None` is the tag before
/// the first word.
#[inline]
pub fn tag_hash(c: Option<u16>) -> u64 {
    match c {
        Some(c) => mix(0x7A6_0000, u64::from(c) + 1),
        None => 0x7A6_FFFF,
    }
}

/// The features of word `i` of `lex`, given the tags chosen for the two
/// words before it (`p1` just before).
pub fn features(lex: &[Lex], i: usize, p1: Option<u16>, p2: Option<u16>, out: &mut Vec<u64>) {
    out.clear();
    let at = |k: isize| -> Lex {
        usize::try_from(i as isize + k)
            .ok()
            .and_then(|j| lex.get(j))
            .copied()
            .unwrap_or(Lex::NONE)
    };
    let (w, wm1, wm2, wp1, wp2) = (at(0), at(-1), at(-2), at(1), at(2));
    let (t1, t2) = (tag_hash(p1), tag_hash(p2));
    out.extend_from_slice(&[
        f1(1, 0),
        f1(2, w.norm),
        f1(3, w.suf3),
        f1(4, w.suf4),
        f1(5, w.pre1),
        f1(6, w.shape),
        f1(7, t1),
        f1(8, t2),
        f2(9, t1, t2),
        f2(10, t1, w.norm),
        f1(11, wm1.norm),
        f1(12, wm1.suf3),
        f1(13, wm2.norm),
        f1(14, wp1.norm),
        f1(15, wp1.suf3),
        f1(16, wp2.norm),
        f2(17, wm1.norm, w.norm),
        f2(18, w.norm, wp1.norm),
        f2(19, u64::from(i == 0), w.shape),
        f2(20, w.shape, wp1.shape),
        f2(21, t1, wp1.norm),
        f2(22, wm1.shape, w.shape),
    ]);
}

/// Tags a sentence: the class of each word.
pub fn tag(weights: &Weights, dict: &FxHashMap<u64, u16>, lex: &[Lex]) -> Vec<u16> {
    let mut tags: Vec<u16> = Vec::with_capacity(lex.len());
    let mut feats = Vec::with_capacity(24);
    let mut scores = vec![0i32; weights.classes];
    let mut rows = Vec::with_capacity(24);
    for i in 0..lex.len() {
        if let Some(&c) = dict.get(&lex[i].norm) {
            tags.push(c);
            continue;
        }
        let p1 = i.checked_sub(1).map(|j| tags[j]);
        let p2 = i.checked_sub(2).map(|j| tags[j]);
        features(lex, i, p1, p2, &mut feats);
        scores.iter_mut().for_each(|s| *s = 0);
        weights.lookup(&feats, &mut rows);
        weights.add(&rows, 0, weights.classes, &mut scores);
        tags.push(argmax(&scores, |_| true).unwrap_or(0));
    }
    tags
}

/// The class with the highest score among those `allowed` (the first of
/// equal ones, so that ties break the same way every run).
#[inline]
pub fn argmax(scores: &[i32], allowed: impl Fn(usize) -> bool) -> Option<u16> {
    let mut best: Option<(usize, i32)> = None;
    for (c, &s) in scores.iter().enumerate() {
        if allowed(c) && best.is_none_or(|(_, b)| s > b) {
            best = Some((c, s));
        }
    }
    best.and_then(|(c, _)| u16::try_from(c).ok())
}
