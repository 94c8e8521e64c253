//! Word-level tokens over claim text.

/// A lower-cased word: the word itself when it has no capital, on the stack
/// when it is short ASCII, allocated only otherwise. The rules lower-case
/// nearly every word they look at, and allocating for each was a good part
/// of the outline's time.
#[derive(Debug, Clone)]
pub enum Lower<'a> {
    /// The word was lower case already.
    Borrowed(&'a str),
    /// A short ASCII word, lower-cased in place: its bytes and length.
    Inline([u8; INLINE], u8),
    /// Any other word.
    Owned(String),
}

/// The longest word [`Lower`] keeps on the stack.
const INLINE: usize = 32;

impl Lower<'_> {
    /// The lower-cased text.
    pub fn as_str(&self) -> &str {
        match self {
            Lower::Borrowed(s) => s,
            // only ASCII bytes are stored inline, so this never fails
            Lower::Inline(b, n) => std::str::from_utf8(&b[..usize::from(*n)]).unwrap_or(""),
            Lower::Owned(s) => s,
        }
    }

    /// ASCII text with a capital: lower-cased inline when short enough.
    fn ascii(s: &str) -> Lower<'_> {
        let mut buf = [0u8; INLINE];
        match (buf.get_mut(..s.len()), u8::try_from(s.len())) {
            (Some(b), Ok(n)) => {
                b.copy_from_slice(s.as_bytes());
                b.make_ascii_lowercase();
                Lower::Inline(buf, n)
            }
            _ => Lower::Owned(s.to_ascii_lowercase()),
        }
    }
}

impl Default for Lower<'_> {
    fn default() -> Self {
        Lower::Borrowed("")
    }
}

impl std::ops::Deref for Lower<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Lower<'_> {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<&str> for Lower<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<str> for Lower<'_> {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

/// Lower-cases, leaving alone text without an upper-case letter (so a
/// title-case letter such as `ǅ` stays as it is, unlike [`to_lower`]).
pub fn lower(s: &str) -> Lower<'_> {
    if s.is_ascii() {
        if s.bytes().any(|b| b.is_ascii_uppercase()) {
            Lower::ascii(s)
        } else {
            Lower::Borrowed(s)
        }
    } else if s.chars().any(char::is_uppercase) {
        Lower::Owned(s.to_lowercase())
    } else {
        Lower::Borrowed(s)
    }
}

/// Exactly `str::to_lowercase`, without allocating for ASCII words.
pub fn to_lower(s: &str) -> Lower<'_> {
    if s.is_ascii() {
        lower(s)
    } else {
        Lower::Owned(s.to_lowercase())
    }
}

/// A token: a word or a punctuation mark, with its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// The token text.
    pub text: &'a str,
    /// Start offset in the tokenised text.
    pub start: usize,
    /// Whether the token is a word (letters or digits).
    pub word: bool,
}

impl Token<'_> {
    /// End offset (not stored: a token is its text and where it starts,
    /// which keeps the tokens of a whole article a third smaller).
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }

    /// Whether the word starts with a capital letter.
    pub fn is_capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

/// `char::is_alphanumeric` with an ASCII fast path: most article text is ASCII.
#[inline]
fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

/// The character at byte `i` of `text` (a char boundary), with an ASCII
/// fast path: decoding UTF-8 for every byte is most of the tokenizer's time.
#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => text[i..].chars().next(),
        None => None,
    }
}

/// Whether a word so far (`U.S`) ends where a dot would close an
/// abbreviation: letters and dots, with a dot, and no part longer than two
/// letters.
fn abbreviation_so_far(w: &str) -> bool {
    w.contains('.')
        && w.chars().all(|x| x.is_alphabetic() || x == '.')
        && w.split('.').all(|p| p.chars().count() <= 2)
}

/// The word without its possessive `’s`, `'s`, or `‘s` (a common
/// typing slip for `’`): `Biden’s` → `Biden`.
pub fn possessive_stem(w: &str) -> Option<&str> {
    w.strip_suffix("’s")
        .or_else(|| w.strip_suffix("'s"))
        .or_else(|| w.strip_suffix("‘s"))
}

/// Splits text into words and single punctuation marks. A word holds letters,
/// digits, and inner `.`, `'`, `’`, `-` or `&` (`U.S.`, `Biden’s`, `mil-mil`).
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::with_capacity(text.len() / 5 + 4);
    tokens_into(text, &mut out);
    out
}

/// The words a text writes in lower case (a lower-case first letter and no
/// capital): a capitalised word that is also written so is a common word,
/// not a name. Attribution gathers them from every word of every claim, so
/// adding one must be cheap: words of up to eight bytes, nearly all of them,
/// are kept as a number ([`pack`]) rather than hashed and compared as text.
#[derive(Debug, Default)]
pub struct LowerWords<'a> {
    /// Words of up to eight bytes, packed.
    short: rustc_hash::FxHashSet<u64>,
    /// Longer words.
    long: rustc_hash::FxHashSet<&'a str>,
}

/// A word of up to eight bytes and no NUL as a number: its bytes, little
/// end first, padded with zeros, which tells every such word apart.
fn pack(w: &str) -> Option<u64> {
    let b = w.as_bytes();
    let mut buf = [0u8; 8];
    buf.get_mut(..b.len())?.copy_from_slice(b);
    (!b.contains(&0)).then(|| u64::from_le_bytes(buf))
}

impl<'a> LowerWords<'a> {
    /// Adds the words among `toks` that are written in lower case.
    pub fn add(&mut self, toks: &[Token<'a>]) {
        for t in toks.iter().filter(|t| t.word) {
            let b = t.text.as_bytes();
            let lower = if b.is_ascii() {
                b.first().is_some_and(u8::is_ascii_lowercase)
                    && !b.iter().any(u8::is_ascii_uppercase)
            } else {
                t.text.chars().next().is_some_and(char::is_lowercase)
                    && !t.text.chars().any(char::is_uppercase)
            };
            if lower {
                match pack(t.text) {
                    Some(k) => {
                        self.short.insert(k);
                    }
                    None => {
                        self.long.insert(t.text);
                    }
                }
            }
        }
    }

    /// Whether `w` is one of the words.
    pub fn contains(&self, w: &str) -> bool {
        match pack(w) {
            Some(k) => self.short.contains(&k),
            None => self.long.contains(w),
        }
    }
}

/// What an ASCII byte is to the tokenizer.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// White space between tokens (`char::is_whitespace`).
    Space,
    /// A letter or digit.
    Alnum,
    /// Any other mark: a token of its own, or `@` opening a handle.
    Mark,
}

/// [`Class`] of each ASCII byte, so that the tokenizer decides with one
/// look-up what most bytes are.
const CLASS: [Class; 128] = {
    let mut t = [Class::Mark; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = Class::Alnum;
        } else if matches!(c, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ') {
            t[b] = Class::Space;
        }
        b += 1;
    }
    t
};

/// The end of the word that starts at `start` and runs at least to `end`:
/// letters and digits, and an inner `.`, `'`, `’`, `-`, `&` or `‘` where a
/// letter or digit follows it, or where the dot closes an abbreviation.
#[inline]
fn word_end(text: &str, start: usize, mut end: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        // Most of a word is ASCII letters and digits: skip them bytewise.
        while bytes
            .get(end)
            .is_some_and(|&b| CLASS.get(usize::from(b)) == Some(&Class::Alnum))
        {
            end += 1;
        }
        let Some(&b) = bytes.get(end) else { break };
        let mark_len = match b {
            b'.' | b'\'' | b'-' | b'&' => 1,
            0..0x80 => break,
            _ => match char_at(text, end) {
                Some(d) if is_alnum(d) => {
                    end += d.len_utf8();
                    continue;
                }
                Some(d @ ('’' | '‘')) => d.len_utf8(),
                _ => break,
            },
        };
        // keep an inner mark only when a letter or digit follows, or for
        // the dot of an abbreviation like U.S.
        let after = end + mark_len;
        if char_at(text, after).is_some_and(is_alnum)
            || (b == b'.' && abbreviation_so_far(&text[start..end]))
        {
            end = after;
        } else {
            break;
        }
    }
    end
}

/// The token opened at `i` by `c`, a character that is no letter, digit or
/// white space: a handle (`@voz_do_buzi`), which is one word, or the mark
/// alone.
fn mark_token(text: &str, i: usize, c: char) -> Token<'_> {
    let after = i + c.len_utf8();
    let in_handle = |n: char| n.is_alphanumeric() || n == '_';
    if c == '@' && char_at(text, after).is_some_and(in_handle) {
        let mut end = after;
        while let Some(n) = char_at(text, end).filter(|&n| in_handle(n)) {
            end += n.len_utf8();
        }
        return Token {
            text: &text[i..end],
            start: i,
            word: true,
        };
    }
    Token {
        text: &text[i..after],
        start: i,
        word: false,
    }
}

/// [`tokens`] into a buffer, which is cleared first. The passes over a
/// document tokenise one claim at a time into one buffer: holding the
/// tokens of every claim at once took a third of the outline's memory.
pub fn tokens_into<'a>(text: &'a str, out: &mut Vec<Token<'a>>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let c = if let Some(&class) = CLASS.get(usize::from(b)) {
            match class {
                Class::Space => {
                    i += 1;
                    continue;
                }
                Class::Alnum | Class::Mark => char::from(b),
            }
        } else {
            match char_at(text, i) {
                Some(c) => c,
                None => break,
            }
        };
        let clen = c.len_utf8();
        if c.is_whitespace() {
            i += clen;
            continue;
        }
        if !is_alnum(c) {
            let t = mark_token(text, i, c);
            i = t.end();
            out.push(t);
            continue;
        }
        let end = word_end(text, i, i + clen);
        out.push(Token {
            text: &text[i..end],
            start: i,
            word: true,
        });
        i = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use proptest::prelude::*;

    /// The tokenizer as it was written first, char by char (marks and
    /// handles aside, which both read with [`mark_token`]): the fast one
    /// must split every text as this one does.
    fn reference_tokens_into<'a>(text: &'a str, out: &mut Vec<Token<'a>>) {
        out.clear();
        let bytes = text.as_bytes();
        let mut i = 0;
        while let Some(c) = char_at(text, i) {
            let clen = c.len_utf8();
            if c.is_whitespace() {
                i += clen;
                continue;
            }
            if !is_alnum(c) {
                let t = mark_token(text, i, c);
                i = t.end();
                out.push(t);
                continue;
            }
            let mut end = i + clen;
            loop {
                // Most of a word is ASCII letters and digits: skip them bytewise.
                while bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
                    end += 1;
                }
                let Some(d) = char_at(text, end) else { break };
                if is_alnum(d) {
                    end += d.len_utf8();
                } else if matches!(d, '.' | '\'' | '’' | '-' | '&' | '‘') {
                    // keep an inner mark only when a letter or digit follows,
                    // or for the dot of an abbreviation like U.S.
                    let after = end + d.len_utf8();
                    if char_at(text, after).is_some_and(is_alnum)
                        || (d == '.' && abbreviation_so_far(&text[i..end]))
                    {
                        end = after;
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            out.push(Token {
                text: &text[i..end],
                start: i,
                word: true,
            });
            i = end;
        }
    }

    proptest! {
        #[test]
        fn fast_tokenizer_splits_as_the_reference(
            text in "[a-zA-Z0-9 .,'’‘&@_\\-\t\n\u{85}\u{a0}\u{2003}éÉ中ǅ“”]{0,40}"
        ) {
            let mut fast = Vec::new();
            let mut slow = Vec::new();
            tokens_into(&text, &mut fast);
            reference_tokens_into(&text, &mut slow);
            prop_assert_eq!(fast, slow);
        }
    }

    #[test]
    fn lower_words_tell_words_apart() {
        let text = "the a ab abcdefgh abcdefghi Said été x\u{0}";
        let toks = tokens(text);
        let mut set = LowerWords::default();
        set.add(&toks);
        for w in ["the", "a", "ab", "abcdefgh", "abcdefghi", "été"] {
            assert!(set.contains(w), "{w}");
        }
        for w in [
            "Said",
            "said",
            "abc",
            "abcdefg",
            "abcdefghij",
            "ete",
            "",
            "a\u{0}",
        ] {
            assert!(!set.contains(w), "{w}");
        }
    }

    #[test]
    fn lower_cases_like_std() {
        for w in [
            "said",
            "Said",
            "U.S.",
            "ÉTAT",
            "ǅemal",
            "",
            "A-very-long-hyphenated-word-of-capitals-XYZ",
        ] {
            assert_eq!(to_lower(w).as_str(), w.to_lowercase(), "{w}");
        }
        assert_eq!(lower("ǅemal").as_str(), "ǅemal");
        assert_eq!(lower("Biden").as_str(), "biden");
    }

    #[test]
    fn words_and_marks() {
        let t: Vec<_> = tokens("The U.S. State Department’s report, “said.”")
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(
            t,
            vec![
                "The",
                "U.S.",
                "State",
                "Department’s",
                "report",
                ",",
                "“",
                "said",
                ".",
                "”"
            ]
        );
    }
}
