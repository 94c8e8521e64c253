//! Minor edits: a claim changed in place whose words still say the same
//! thing.
//!
//! An edit is minor when it alters no content word and no figure: the two
//! versions' *content sequences* are the same. A claim's content sequence
//! is its words in order, in lower case, after the cosmetic fold
//! ([`super::fold`]), without punctuation, possessive `'s` and the words
//! of `data/minor_words.txt` (articles and demonstratives), with every
//! figure read as its value (`ten`, `10` and `10.0` are one figure; `two
//! million` is `2,000,000`; `per cent`, `percent` and `%` are one unit,
//! and currency signs stay). Two words are the same content word when they
//! are equal or share a lemma (`provides` and `provide`, `was` and `is`:
//! [`crate::grammar::lemma::candidates`]). Word order counts, and so does
//! every negation, modal, pronoun, preposition and quantifier.

use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use super::fold::fold;
use crate::grammar::lemma;

fn minor_words() -> &'static FxHashSet<&'static str> {
    static CELL: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    CELL.get_or_init(|| data_lines(include_str!("data/minor_words.txt")).collect())
}

fn number_words() -> &'static FxHashMap<&'static str, f64> {
    static CELL: OnceLock<FxHashMap<&'static str, f64>> = OnceLock::new();
    CELL.get_or_init(|| {
        data_lines(include_str!("data/numbers.txt"))
            .filter_map(|l| {
                let (w, v) = l.split_once('\t')?;
                Some((w, v.trim().parse().ok()?))
            })
            .collect()
    })
}

fn data_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// One item of a content sequence.
#[derive(Debug, Clone, PartialEq)]
enum Item {
    Word(String),
    Figure(f64),
    Sign(char),
}

/// The words, figures and signs of a folded, lower-case text, in order.
fn tokens(s: &str) -> Vec<Item> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        if c.is_ascii_digit() {
            // a numeral, with thousands separators and a decimal point
            let mut num = String::new();
            while k < chars.len() {
                let d = chars[k];
                let inner = matches!(d, ',' | '.')
                    && chars.get(k + 1).is_some_and(char::is_ascii_digit)
                    && !num.is_empty();
                if d.is_ascii_digit() || (d == '.' && inner) {
                    num.push(d);
                } else if !(d == ',' && inner) {
                    break;
                }
                k += 1;
            }
            match num.parse::<f64>() {
                Ok(v) => out.push(Item::Figure(v)),
                Err(_) => out.push(Item::Word(num)),
            }
            continue;
        }
        if c.is_alphanumeric() {
            let start = k;
            while k < chars.len() && chars[k].is_alphanumeric() {
                k += 1;
            }
            let mut w: String = chars[start..k].iter().collect();
            // possessive `'s` / `'`, and `n't` read as `not`
            if chars.get(k) == Some(&'\'') {
                let next: String = chars[k + 1..].iter().take(2).collect();
                let alone = |n: usize| chars.get(k + 1 + n).is_none_or(|c| !c.is_alphanumeric());
                if next.starts_with('s') && alone(1) {
                    k += 2;
                } else if next.starts_with('t') && alone(1) && w.ends_with('n') {
                    w.pop();
                    match w.as_str() {
                        "ca" => w.push('n'),
                        "wo" => w = "will".into(),
                        _ => {}
                    }
                    out.push(Item::Word(w));
                    out.push(Item::Word("not".into()));
                    k += 2;
                    continue;
                }
            }
            out.push(Item::Word(w));
            continue;
        }
        if matches!(c, '%' | '$' | '€' | '£' | '¥') {
            out.push(Item::Sign(c));
        }
        k += 1;
    }
    out
}

/// The content sequence of a text (see the module).
fn content(text: &str) -> Vec<Item> {
    let folded = fold(text).to_lowercase();
    let (drop, numbers) = (minor_words(), number_words());
    let mut out: Vec<Item> = Vec::new();
    // a figure being read: (value of closed groups, current group)
    let mut figure: Option<(f64, f64)> = None;
    let close = |f: &mut Option<(f64, f64)>, out: &mut Vec<Item>| {
        if let Some((total, group)) = f.take() {
            out.push(Item::Figure(total + group));
        }
    };
    let toks = tokens(&folded);
    let mut k = 0;
    while k < toks.len() {
        match &toks[k] {
            Item::Figure(v) => {
                close(&mut figure, &mut out);
                figure = Some((0.0, *v));
            }
            Item::Word(w) if numbers.contains_key(w.as_str()) => {
                let v = numbers[w.as_str()];
                figure = Some(match figure {
                    None => (0.0, v),
                    Some((t, g)) if v == 100.0 => (t, g.max(1.0) * v),
                    Some((t, g)) if v >= 1000.0 => (t + g.max(1.0) * v, 0.0),
                    Some((t, g)) if g % 100.0 >= 20.0 && g % 10.0 == 0.0 && v < 10.0 => (t, g + v),
                    Some((t, g)) if g >= 100.0 && g % 100.0 == 0.0 && v < 100.0 => (t, g + v),
                    Some(_) => {
                        close(&mut figure, &mut out);
                        (0.0, v)
                    }
                });
            }
            Item::Word(w) if w == "and" && figure.is_some_and(|(_, g)| g >= 100.0) => {
                // `two hundred and five`
                let next_is_number = matches!(toks.get(k + 1), Some(Item::Word(n)) if numbers.get(n.as_str()).is_some_and(|&v| v < 100.0));
                if !next_is_number {
                    close(&mut figure, &mut out);
                    out.push(Item::Word(w.clone()));
                }
            }
            Item::Word(w)
                if w == "per" && matches!(toks.get(k + 1), Some(Item::Word(n)) if n == "cent") =>
            {
                close(&mut figure, &mut out);
                out.push(Item::Sign('%'));
                k += 1;
            }
            Item::Word(w) if w == "percent" => {
                close(&mut figure, &mut out);
                out.push(Item::Sign('%'));
            }
            Item::Word(w) => {
                close(&mut figure, &mut out);
                if !drop.contains(w.as_str()) {
                    out.push(Item::Word(w.clone()));
                }
            }
            Item::Sign(c) => {
                close(&mut figure, &mut out);
                out.push(Item::Sign(*c));
            }
        }
        k += 1;
    }
    close(&mut figure, &mut out);
    out
}

fn negations() -> &'static FxHashSet<&'static str> {
    static CELL: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    CELL.get_or_init(|| data_lines(include_str!("data/negations.txt")).collect())
}

/// The number of negations (`data/negations.txt`, `n't`) in a text.
pub fn negation_count(text: &str) -> usize {
    let n = negations();
    content(text)
        .iter()
        .filter(|i| matches!(i, Item::Word(w) if n.contains(w.as_str())))
        .count()
}

/// The figures of a text, as values, in order (`ten` and `10` alike).
pub fn figures(text: &str) -> Vec<f64> {
    content(text)
        .into_iter()
        .filter_map(|i| match i {
            Item::Figure(v) => Some(v),
            _ => None,
        })
        .collect()
}

fn same_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (ca, cb) = (lemma::candidates(a), lemma::candidates(b));
    ca.iter().any(|x| cb.contains(x))
}

/// Whether the edit from `old` to `new` is minor: no content word and no
/// figure differs (see the module).
pub fn is_minor(old: &str, new: &str) -> bool {
    let (a, b) = (content(old), content(new));
    a.len() == b.len()
        && a.iter().zip(&b).all(|(x, y)| match (x, y) {
            (Item::Word(x), Item::Word(y)) => same_word(x, y),
            (Item::Figure(x), Item::Figure(y)) => x == y,
            (Item::Sign(x), Item::Sign(y)) => x == y,
            _ => false,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minor_edits() {
        for (a, b) in [
            (
                "The law provides for freedom.",
                "The law provide for freedom",
            ),
            ("Ten people were arrested.", "10 people were arrested."),
            ("It cost two million dollars.", "It cost 2,000,000 dollars."),
            ("Prices rose 5 per cent.", "Prices rose 5%."),
            ("The ministry's plan was final.", "Ministry plan is final!"),
            ("He did not go.", "He didn't go."),
            ("Twenty-five cases, Pool Region.", "25 cases, Pool region."),
            ("one hundred and five", "105"),
            ("The children were there.", "A child was there."),
        ] {
            assert!(
                is_minor(a, b),
                "{a:?} / {b:?}: {:?} / {:?}",
                content(a),
                content(b)
            );
        }
    }

    #[test]
    fn negations_and_figures() {
        assert_eq!(negation_count("There were no reports; he didn't go."), 2);
        assert_eq!(
            figures("Ten of the 1,200 cases, 5 per cent"),
            vec![10.0, 1200.0, 5.0]
        );
    }

    #[test]
    fn content_edits() {
        for (a, b) in [
            (
                "There were no reports of deaths.",
                "There were reports of deaths.",
            ),
            (
                "The police did arrest him.",
                "The police did not arrest him.",
            ),
            ("Ten people were arrested.", "11 people were arrested."),
            ("Prices rose 5 per cent.", "Prices rose 5."),
            ("It cost $5.", "It cost 5."),
            (
                "The law provides for freedom.",
                "The constitution and law provide for freedom.",
            ),
            ("A hit B.", "B hit A."),
            ("They may go.", "They must go."),
            ("from the north", "to the north"),
            ("two million", "two thousand"),
        ] {
            assert!(!is_minor(a, b), "{a:?} / {b:?}");
        }
    }
}
