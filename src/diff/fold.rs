//! Cosmetic normalisation: the key under which two spellings of a text are
//! the same text.
//!
//! Typography and encoding never change what a report says, so the
//! comparison reads every claim, heading and metadata value through
//! [`fold`]: Unicode compatibility forms are decomposed (NFKC: `…` is `...`,
//! `ﬁ` is `fi`, a no-break space is a space, a non-breaking hyphen is a
//! hyphen), curly quotes and apostrophes are straight, every dash (`-`,
//! `--`, `–`, `—`, `−`, …) is one `-` with no space around it, invisible
//! characters (soft hyphen, zero-width space and joiners, byte-order mark)
//! are dropped and white space runs are one space. The folded text is a key
//! only: what the reports show, and every span, is the original text.

use std::borrow::Cow;

use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// Whether `c` is a dash or a hyphen of any kind.
fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'
            | '\u{2011}'
            | '\u{2012}'
            | '\u{2013}'
            | '\u{2014}'
            | '\u{2015}'
            | '\u{2212}'
            | '\u{2E3A}'
            | '\u{2E3B}'
            | '\u{FE58}'
            | '\u{FE63}'
            | '\u{FF0D}'
    )
}

/// Characters that show nothing and say nothing.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// The straight form of a typographic quotation mark or apostrophe.
fn straight(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => '"',
        c => c,
    }
}

/// Whether an ASCII text is its own key: no dash with a space beside it or
/// another dash, no control white space, no double or edge space. Most
/// claims are, and are not copied.
fn ascii_clean(b: &[u8]) -> bool {
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    if b.iter()
        .any(|&c| matches!(c, b'\t' | b'\n' | 0x0B | 0x0C | b'\r'))
    {
        return false;
    }
    if memchr::memmem::find(b, b"  ").is_some() {
        return false;
    }
    for p in memchr::memchr_iter(b'-', b) {
        let before = p.checked_sub(1).map(|q| b[q]);
        let after = b.get(p + 1).copied();
        if matches!(before, Some(b' ' | b'-')) || matches!(after, Some(b' ' | b'-')) {
            return false;
        }
    }
    true
}

/// The key of a text under cosmetic normalisation (see the module).
pub fn fold(s: &str) -> Cow<'_, str> {
    if s.is_ascii() && ascii_clean(s.as_bytes()) {
        return Cow::Borrowed(s);
    }
    let composed: Cow<str> = if s.is_ascii() || is_nfkc_quick(s.chars()) == IsNormalized::Yes {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.nfkc().collect())
    };
    let mut out = String::with_capacity(composed.len());
    // A space is written only before the next visible character, and never
    // beside a dash.
    let mut space = false;
    let mut dash = false;
    for c in composed.chars() {
        if is_invisible(c) {
            continue;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if is_dash(c) {
            if !dash {
                out.push('-');
                dash = true;
            }
            space = false;
            continue;
        }
        if space && !dash && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        dash = false;
        out.push(straight(c));
    }
    if out == s {
        return Cow::Borrowed(s);
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typography_folds() {
        let pairs = [
            (
                "the ministry's \"final\" plan",
                "the ministry’s “final” plan",
            ),
            ("rights -- and duties", "rights—and duties"),
            ("rights - and duties", "rights – and duties"),
            ("He waited...", "He waited…"),
            ("non-governmental", "non\u{2011}governmental"),
            ("pre-trial", "pre\u{AD}-trial"),
            ("10 000 people", "10\u{A0}000 people"),
            ("The office", "The o\u{FB03}ce"),
            ("a b", " a \n\t b "),
            ("300-400", "300–400"),
        ];
        for (a, b) in pairs {
            assert_eq!(fold(a), fold(b), "{a:?} / {b:?}");
        }
    }

    #[test]
    fn words_still_count() {
        assert_ne!(fold("the final plan"), fold("the first plan"));
        assert_ne!(fold("a-b"), fold("ab"));
        assert_ne!(fold("5%"), fold("5"));
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(
            fold("A well-known plan, said the minister."),
            Cow::Borrowed(_)
        ));
        assert!(matches!(fold("Ça va « bien »."), Cow::Borrowed(_)));
    }
}
