//! Syntactic words: brief's tokens ([`crate::outline::text::tokens`]) split
//! and joined the way the Universal Dependencies English treebanks write
//! them, so that the tagger and parser see the units they were trained on.
//!
//! brief keeps `Biden’s`, `don't` and `15-year` as one token each; UD writes
//! `Biden` `’s`, `do` `n't` and `15` `-` `year`. brief splits `1,000`, `Mr.`
//! and `...` into marks; UD keeps each as one word. Every word is a byte
//! range of the analysed text, so an analysis always points back to it.

use crate::outline::lexicon;
use crate::outline::text::{tokens_into, Token};
use rustc_hash::FxHashSet;
use std::ops::Range;
use std::sync::OnceLock;

/// The clitics UD English writes as words of their own, longest first
/// (`n't` before `'t`); each is matched with a straight or a curly apostrophe.
const CLITICS: [&str; 7] = ["n't", "'s", "'re", "'ve", "'ll", "'d", "'m"];

/// Splits `text` into syntactic words, as byte ranges of `text`.
pub fn words(text: &str) -> Vec<Range<usize>> {
    let mut toks = Vec::with_capacity(text.len() / 5 + 4);
    tokens_into(text, &mut toks);
    let mut out = Vec::with_capacity(toks.len() + toks.len() / 8);
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        if let Some(n) = joined(&toks[i..]) {
            out.push(t.start..toks[i + n - 1].end());
            i += n;
            continue;
        }
        if t.word {
            split_word(t, &mut out);
        } else {
            out.push(t.start..t.end());
        }
        i += 1;
    }
    out
}

/// How many tokens from the first of `toks` make one UD word: a title or
/// other abbreviation and its full stop (`Mr.`), a number written with
/// thousands separators (`1,000,000`), or a run of dots or dashes (`...`,
/// `--`). `None` when the first token stands alone.
fn joined(toks: &[Token<'_>]) -> Option<usize> {
    let t = toks.first()?;
    let adjacent = |k: usize| toks.get(k).filter(|n| n.start == toks[k - 1].end());
    if t.word {
        if adjacent(1).is_some_and(|n| n.text == ".") && is_abbreviation(t.text) {
            return Some(2);
        }
        if t.text.bytes().all(|b| b.is_ascii_digit()) && t.text.len() <= 3 {
            let mut n = 1;
            while adjacent(n).is_some_and(|c| c.text == ",")
                && adjacent(n + 1).is_some_and(|d| {
                    d.text.len() == 3 && d.text.bytes().all(|b| b.is_ascii_digit())
                })
            {
                n += 2;
            }
            return (n > 1).then_some(n);
        }
        return None;
    }
    if matches!(t.text, "." | "-") {
        let mut n = 1;
        while adjacent(n).is_some_and(|c| c.text == t.text) {
            n += 1;
        }
        return (n > 1).then_some(n);
    }
    None
}

/// Whether a word before a full stop is an abbreviation that UD writes with
/// its stop (`Mr.`, `Inc.`, `Jan.`): those of brief's list of abbreviations.
fn is_abbreviation(w: &str) -> bool {
    static SET: OnceLock<FxHashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        let g = lexicon::abbreviations();
        g.names()
            .into_iter()
            .flat_map(|n| g.get(n).iter())
            .map(|s| s.to_lowercase())
            .collect()
    })
    .contains(&w.to_lowercase())
}

/// Splits one of brief's word tokens at its clitic and its hyphens.
fn split_word(t: Token<'_>, out: &mut Vec<Range<usize>>) {
    let (stem, clitic) = split_clitic(t.text);
    let mut start = t.start;
    // Hyphens between letters or digits are words of their own in UD English.
    for (k, part) in stem.split('-').enumerate() {
        if k > 0 {
            out.push(start..start + 1);
            start += 1;
        }
        if !part.is_empty() {
            out.push(start..start + part.len());
        }
        start += part.len();
    }
    if !clitic.is_empty() {
        out.push(start..start + clitic.len());
    }
}

/// A word and its clitic (`don't` → `do` + `n't`, `Biden’s` → `Biden` +
/// `’s`); the clitic is empty when there is none.
fn split_clitic(w: &str) -> (&str, &str) {
    for c in CLITICS {
        for apostrophe in ['\'', '’'] {
            let at = w.len().saturating_sub(c.len() - 1 + apostrophe.len_utf8());
            let Some(tail) = w.get(at..) else { continue };
            if !same_clitic(tail, c, apostrophe) {
                continue;
            }
            let stem = &w[..at];
            if stem.chars().any(char::is_alphabetic) {
                return (stem, tail);
            }
        }
    }
    (w, "")
}

/// Whether `tail` is the clitic `c` (written with `'`) spelled with
/// `apostrophe`, in any case (`N'T`, `’S`).
fn same_clitic(tail: &str, c: &str, apostrophe: char) -> bool {
    let mut a = tail.chars();
    let mut b = c.chars();
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some('\'')) if x == apostrophe => {}
            (Some(x), Some(y)) if x.to_ascii_lowercase() == y => {}
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        words(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn clitics_and_hyphens_are_words() {
        assert_eq!(
            split("Biden’s aides don't see a 15-year plan."),
            ["Biden", "’s", "aides", "do", "n't", "see", "a", "15", "-", "year", "plan", "."]
        );
        assert_eq!(split("CAN'T"), ["CA", "N'T"]);
        assert_eq!(split("they're"), ["they", "'re"]);
        assert_eq!(split("'s"), ["'", "s"]);
    }

    #[test]
    fn abbreviations_numbers_and_dots_are_one_word() {
        assert_eq!(
            split("Mr. Stumpf paid 1,000,000 dollars... in U.S. funds -- fine."),
            [
                "Mr.",
                "Stumpf",
                "paid",
                "1,000,000",
                "dollars",
                "...",
                "in",
                "U.S.",
                "funds",
                "--",
                "fine",
                "."
            ]
        );
        assert_eq!(split("1, 000"), ["1", ",", "000"]);
    }

    #[test]
    fn ranges_cover_the_words_in_order() {
        let text = "“It appears Dow is paying Teneo,” the investigator wrote.";
        let mut last = 0;
        for r in words(text) {
            assert!(r.start >= last && r.end > r.start);
            last = r.end;
        }
    }
}
