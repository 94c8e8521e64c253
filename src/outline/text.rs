//! Word-level tokens over claim text.

/// Lower-cases without allocating when the text has no upper-case letter.
pub fn lower(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().any(char::is_uppercase) {
        std::borrow::Cow::Owned(s.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// A token: a word or a punctuation mark, with its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// The token text.
    pub text: &'a str,
    /// Start offset in the tokenised text.
    pub start: usize,
    /// End offset.
    pub end: usize,
    /// Whether the token is a word (letters or digits).
    pub word: bool,
}

impl Token<'_> {
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

/// Splits text into words and single punctuation marks. A word holds letters,
/// digits, and inner `.`, `'`, `’`, `-` or `&` (`U.S.`, `Biden’s`, `mil-mil`).
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::with_capacity(text.len() / 5 + 4);
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c.is_whitespace() {
            continue;
        }
        // a handle (`@voz_do_buzi`) is one word
        let handle =
            c == '@' && text[i + 1..].starts_with(|n: char| n.is_alphanumeric() || n == '_');
        if is_alnum(c) || handle {
            let mut end = i + c.len_utf8();
            if handle {
                end += text[end..]
                    .find(|n: char| !(n.is_alphanumeric() || n == '_'))
                    .unwrap_or(text.len() - end);
                out.push(Token {
                    text: &text[i..end],
                    start: i,
                    end,
                    word: true,
                });
                while iter.peek().is_some_and(|&(j, _)| j < end) {
                    iter.next();
                }
                continue;
            }
            while let Some(&(j, d)) = iter.peek() {
                if is_alnum(d) {
                    end = j + d.len_utf8();
                    iter.next();
                } else if matches!(d, '.' | '\'' | '’' | '-' | '&' | '‘') {
                    // keep an inner mark only when a letter or digit follows,
                    // or for the dot of an abbreviation like U.S.
                    let rest = &text[j + d.len_utf8()..];
                    let next = rest.chars().next();
                    let abbrev_dot = d == '.'
                        && text[i..j].chars().all(|x| x.is_alphabetic() || x == '.')
                        && text[i..j].split('.').all(|p| p.chars().count() <= 2)
                        && text[i..j].contains('.');
                    if next.is_some_and(|n| n.is_alphanumeric()) || abbrev_dot {
                        end = j + d.len_utf8();
                        iter.next();
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
                end,
                word: true,
            });
        } else {
            out.push(Token {
                text: &text[i..i + c.len_utf8()],
                start: i,
                end: i + c.len_utf8(),
                word: false,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
