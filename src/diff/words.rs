//! Word-level changes inside a claim, with similar's word diff.

use std::borrow::Cow;
use std::time::{Duration, Instant};

use similar::{Algorithm, ChangeTag, DiffOp, TextDiff};
use unicode_segmentation::UnicodeSegmentation;

use super::fold::fold;
use super::model::{Word, WordOp};

/// The word changes from `old` to `new` (both with white space collapsed),
/// as stretches of equal, deleted and inserted text. The diff gives up
/// refining after `budget` (similar's deadline), so a pathological pair
/// costs a bounded time.
pub fn diff(old: &str, new: &str, budget: Duration) -> Vec<Word> {
    if !matches!(fold(old), Cow::Borrowed(_)) || !matches!(fold(new), Cow::Borrowed(_)) {
        return diff_folded(old, new, budget);
    }
    let d = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .deadline(Instant::now() + budget)
        .diff_unicode_words(old, new);
    let mut out: Vec<Word> = Vec::new();
    for ch in d.iter_all_changes() {
        let op = match ch.tag() {
            ChangeTag::Equal => WordOp::Equal,
            ChangeTag::Delete => WordOp::Delete,
            ChangeTag::Insert => WordOp::Insert,
        };
        push(&mut out, op, ch.value());
    }
    tidy(out)
}

/// The words of a text (Unicode word bounds, as [`diff`] splits them),
/// with the cosmetic key of each: a dash with the white space around it,
/// and a run of full stops, are one word, so `a -- b` and `a—b`, `...` and
/// `…` pair.
fn folded_words(s: &str) -> (Vec<&str>, Vec<String>) {
    #[derive(Clone, Copy, PartialEq)]
    enum Class {
        Blank,
        Dash,
        Stops,
        Other,
    }
    let class = |t: &str| {
        if t.chars().all(char::is_whitespace) {
            Class::Blank
        } else if t.chars().all(|c| fold(c.encode_utf8(&mut [0; 4])) == "-") {
            Class::Dash
        } else if t.chars().all(|c| c == '.') {
            Class::Stops
        } else {
            Class::Other
        }
    };
    let mut words: Vec<(usize, usize, Class)> = Vec::new();
    let mut start = 0;
    for t in s.split_word_bounds() {
        let end = start + t.len();
        let c = class(t);
        match words.last_mut() {
            Some(w) => match (w.2, c) {
                (Class::Dash, Class::Dash | Class::Blank) | (Class::Blank, Class::Dash) => {
                    w.1 = end;
                    w.2 = Class::Dash;
                }
                (Class::Stops, Class::Stops) => w.1 = end,
                _ => words.push((start, end, c)),
            },
            None => words.push((start, end, c)),
        }
        start = end;
    }
    let blank = |t: &str| t.chars().all(char::is_whitespace);
    let text: Vec<&str> = words.iter().map(|&(a, b, _)| &s[a..b]).collect();
    let keys = text
        .iter()
        .map(|t| {
            if blank(t) {
                " ".to_string()
            } else {
                fold(t).into_owned()
            }
        })
        .collect();
    (text, keys)
}

/// [`diff`] for texts whose typography differs: words are compared by
/// their cosmetic key, and words that are the same under it read as equal,
/// in the new version's spelling.
fn diff_folded(old: &str, new: &str, budget: Duration) -> Vec<Word> {
    let (ot, ok) = folded_words(old);
    let (nt, nk) = folded_words(new);
    let ops = similar::capture_diff_slices_deadline(
        Algorithm::Myers,
        &ok,
        &nk,
        Some(Instant::now() + budget),
    );
    let mut out: Vec<Word> = Vec::new();
    for op in ops {
        match op {
            DiffOp::Equal { new_index, len, .. } => {
                for t in &nt[new_index..new_index + len] {
                    push(&mut out, WordOp::Equal, t);
                }
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => {
                for t in &ot[old_index..old_index + old_len] {
                    push(&mut out, WordOp::Delete, t);
                }
            }
            DiffOp::Insert {
                new_index, new_len, ..
            } => {
                for t in &nt[new_index..new_index + new_len] {
                    push(&mut out, WordOp::Insert, t);
                }
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                for t in &ot[old_index..old_index + old_len] {
                    push(&mut out, WordOp::Delete, t);
                }
                for t in &nt[new_index..new_index + new_len] {
                    push(&mut out, WordOp::Insert, t);
                }
            }
        }
    }
    tidy(out)
}

fn push(out: &mut Vec<Word>, op: WordOp, text: &str) {
    match out.last_mut() {
        Some(w) if w.op == op => w.text.push_str(text),
        _ => out.push(Word {
            op,
            text: text.to_string(),
        }),
    }
}

/// Merges runs so that a replacement reads as one deletion then one
/// insertion: a lone space between two changed stretches joins both sides
/// (`[-a b-]{+c d+}` rather than `[-a-]{+c+} [-b-]{+d+}`).
fn tidy(words: Vec<Word>) -> Vec<Word> {
    let mut merged: Vec<Word> = Vec::with_capacity(words.len());
    let n = words.len();
    let mut i = 0;
    while i < n {
        let w = &words[i];
        let between = i > 0
            && i + 1 < n
            && w.op == WordOp::Equal
            && w.text.trim().is_empty()
            && words[i - 1].op != WordOp::Equal
            && words[i + 1].op != WordOp::Equal;
        if between {
            // the space belongs to both sides of the replacement
            push_change(&mut merged, WordOp::Delete, &w.text);
            push_change(&mut merged, WordOp::Insert, &w.text);
        } else if w.op == WordOp::Equal {
            merged.push(w.clone());
        } else {
            push_change(&mut merged, w.op, &w.text);
        }
        i += 1;
    }
    merged
}

/// Appends a change to a run of changes: deletions gather before insertions
/// within one run of non-equal stretches.
fn push_change(out: &mut Vec<Word>, op: WordOp, text: &str) {
    // Find the current run of changes at the end.
    let run_start = out
        .iter()
        .rposition(|w| w.op == WordOp::Equal)
        .map_or(0, |p| p + 1);
    let run = &mut out[run_start..];
    match op {
        WordOp::Delete => {
            if let Some(d) = run.iter_mut().find(|w| w.op == WordOp::Delete) {
                d.text.push_str(text);
            } else {
                out.insert(
                    run_start,
                    Word {
                        op,
                        text: text.to_string(),
                    },
                );
            }
        }
        WordOp::Insert => {
            if let Some(d) = run.iter_mut().find(|w| w.op == WordOp::Insert) {
                d.text.push_str(text);
            } else {
                out.push(Word {
                    op,
                    text: text.to_string(),
                });
            }
        }
        WordOp::Equal => push(out, op, text),
    }
}

/// Characters in equal stretches, and in all of old and new, for the
/// similarity ratio.
pub fn shared_chars(words: &[Word]) -> (usize, usize, usize) {
    let (mut eq, mut old, mut new) = (0, 0, 0);
    for w in words {
        let n = w.text.chars().count();
        match w.op {
            WordOp::Equal => {
                eq += n;
                old += n;
                new += n;
            }
            WordOp::Delete => old += n,
            WordOp::Insert => new += n,
        }
    }
    (eq, old, new)
}

/// Rebuilds one side's text from word changes.
pub fn side(words: &[Word], op: WordOp) -> String {
    words
        .iter()
        .filter(|w| w.op == WordOp::Equal || w.op == op)
        .map(|w| w.text.as_str())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(w: &[Word]) -> String {
        w.iter()
            .map(|w| match w.op {
                WordOp::Equal => w.text.clone(),
                WordOp::Delete => format!("[-{}-]", w.text),
                WordOp::Insert => format!("{{+{}+}}", w.text),
            })
            .collect()
    }

    #[test]
    fn one_word() {
        let w = diff(
            "The board met on Monday.",
            "The board met on Tuesday.",
            Duration::from_secs(1),
        );
        assert_eq!(show(&w), "The board met on [-Monday-]{+Tuesday+}.");
    }

    #[test]
    fn replacement_groups() {
        let old = "It rose by ten per cent in the north.";
        let new = "It fell by two per cent in the north.";
        let w = diff(old, new, Duration::from_secs(1));
        assert_eq!(side(&w, WordOp::Delete), old);
        assert_eq!(side(&w, WordOp::Insert), new);
        assert_eq!(
            show(&w),
            "It [-rose-]{+fell+} by [-ten-]{+two+} per cent in the north."
        );
    }

    #[test]
    fn sides_roundtrip() {
        let old = "a b c d e f";
        let new = "a x c y e f z";
        let w = diff(old, new, Duration::from_secs(1));
        assert_eq!(side(&w, WordOp::Delete), old);
        assert_eq!(side(&w, WordOp::Insert), new);
    }
}
