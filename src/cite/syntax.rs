//! Pandoc's citation syntax in Markdown text.
//!
//! - `[@key]`, `[@key, p. 33]`, `[see @a; @b, chap. 2]`: parenthetical
//!   citations, with a prefix, a locator and a suffix per item;
//! - `[-@key]`: the author suppressed (`(2000)`);
//! - `@key` and `@key [p. 33]`: narrative citations (`Adams (2000, p. 33)`).
//!
//! Keys start with a letter, digit or `_` and may contain alphanumerics, `_`
//! and internal punctuation `:.#$%&-+?<>~/`; `@{key}` takes any key.
//! [`find`] returns every citation with its byte range, for the renderer to
//! replace.

use std::ops::Range;

use hayagriva::citationberg::taxonomy::Locator;

use super::processor::locator_from_label;

/// How an item is cited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CiteMode {
    /// `[@key]`: author and date in parentheses (or a number).
    #[default]
    Normal,
    /// `[-@key]`: the author left out.
    SuppressAuthor,
    /// `@key`: the author in the running text, the rest in parentheses.
    AuthorInText,
}

/// One cited item.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CiteItem {
    /// The bibliography key.
    pub key: String,
    /// Text before the item (`see`).
    pub prefix: String,
    /// Text after the item and its locator (`, emphasis added`).
    pub suffix: String,
    /// The locator: its type and value (`page`, `33`).
    pub locator: Option<(Locator, String)>,
    /// How the item is cited.
    pub mode: CiteMode,
}

/// A citation: one or more items cited together.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Citation {
    /// The items, in the order written.
    pub items: Vec<CiteItem>,
    /// Where the citation stands in the text it was found in.
    pub span: Range<usize>,
}

impl Citation {
    /// A citation of one key, in parentheses.
    pub fn of_key(key: &str) -> Citation {
        Citation {
            items: vec![CiteItem {
                key: key.to_string(),
                ..CiteItem::default()
            }],
            span: 0..0,
        }
    }
}

fn is_key_start(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn is_key_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || ":.#$%&-+?<>~/".contains(c)
}

/// Reads a key at `s` (which starts after `@`); returns the key and the
/// number of bytes used.
fn read_key(s: &str) -> Option<(String, usize)> {
    if let Some(rest) = s.strip_prefix('{') {
        let end = rest.find('}')?;
        let key = &rest[..end];
        if key.is_empty() {
            return None;
        }
        return Some((key.to_string(), end + 2));
    }
    let mut chars = s.char_indices();
    let (_, first) = chars.next()?;
    if !is_key_start(first) {
        return None;
    }
    let mut end = first.len_utf8();
    for (i, c) in chars {
        if is_key_char(c) {
            end = i + c.len_utf8();
        } else {
            break;
        }
    }
    // Internal punctuation only: trailing punctuation is not part of the key.
    let key = s[..end].trim_end_matches(|c: char| !(c.is_alphanumeric() || c == '_'));
    Some((key.to_string(), key.len()))
}

/// Brackets longer than this (in bytes) are text, not a citation: parsing
/// every level of deeply nested long brackets as a citation took quadratic time.
const MAX_BRACKETED: usize = 4096;

/// Finds every citation in `text`, in order, with byte ranges.
pub fn find(text: &str) -> Vec<Citation> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let pairs = bracket_pairs(text);
    let matching_bracket = |_: &str, open: usize| pairs.get(&open).copied();
    let mut i = 0;
    let mut in_code = false;
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'`' {
            in_code = !in_code;
            i += 1;
            continue;
        }
        if in_code {
            i += 1;
            continue;
        }
        if c == b'\\' {
            i += 2;
            continue;
        }
        if c == b'[' {
            if let Some(end) = matching_bracket(text, i).filter(|&e| e - i <= MAX_BRACKETED) {
                if let Some(items) = parse_bracketed(&text[i + 1..end]) {
                    out.push(Citation {
                        items,
                        span: i..end + 1,
                    });
                    i = end + 1;
                    continue;
                }
            }
        }
        if c == b'@' {
            let prev_ok = text[..i]
                .chars()
                .next_back()
                .is_none_or(|p| !(p.is_alphanumeric() || p == '_' || p == '\\'));
            if prev_ok {
                if let Some((key, used)) = read_key(&text[i + 1..]) {
                    let mut end = i + 1 + used;
                    let mut item = CiteItem {
                        key,
                        mode: CiteMode::AuthorInText,
                        ..CiteItem::default()
                    };
                    // `@key [p. 33]`: a locator and suffix in brackets after.
                    let after = &text[end..];
                    let ws = after.len() - after.trim_start_matches(' ').len();
                    if after[ws..].starts_with('[') && ws <= 1 {
                        let open = end + ws;
                        if let Some(close) = matching_bracket(text, open) {
                            let inner = &text[open + 1..close];
                            if !inner.contains('@') {
                                let (loc, suffix) = split_locator(inner);
                                item.locator = loc;
                                item.suffix = suffix;
                                end = close + 1;
                            }
                        }
                    }
                    out.push(Citation {
                        items: vec![item],
                        span: i..end,
                    });
                    i = end;
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

/// The closing bracket of every `[` that has one before the next blank line,
/// found in one pass: scanning forward from each `[` made 20,000 nested
/// brackets take quadratic time.
fn bracket_pairs(text: &str) -> std::collections::HashMap<usize, usize> {
    let mut pairs = std::collections::HashMap::new();
    let mut open = Vec::new();
    let mut prev = '\0';
    for (j, c) in text.char_indices() {
        match c {
            '[' => open.push(j),
            ']' => {
                if let Some(o) = open.pop() {
                    pairs.insert(o, j);
                }
            }
            '\n' if prev == '\n' => open.clear(),
            _ => {}
        }
        prev = c;
    }
    pairs
}

/// Parses the inside of `[...]` as citation items; `None` if it is not a
/// citation (some part has no key).
fn parse_bracketed(inner: &str) -> Option<Vec<CiteItem>> {
    let mut items = Vec::new();
    for part in inner.split(';') {
        let at = find_key_at(part)?;
        let (mut prefix, mut mode) = (part[..at].to_string(), CiteMode::Normal);
        if prefix.ends_with('-') {
            prefix.pop();
            mode = CiteMode::SuppressAuthor;
        }
        let (key, used) = read_key(&part[at + 1..])?;
        let rest = &part[at + 1 + used..];
        let (locator, suffix) = split_locator(rest);
        items.push(CiteItem {
            key,
            prefix: prefix.trim().to_string(),
            suffix,
            locator,
            mode,
        });
    }
    if items.is_empty() {
        return None;
    }
    Some(items)
}

/// The byte index of the `@` that starts a key in `part`.
fn find_key_at(part: &str) -> Option<usize> {
    let mut prev: Option<char> = None;
    for (i, c) in part.char_indices() {
        if c == '@'
            && prev.is_none_or(|p| !(p.is_alphanumeric() || p == '_'))
            && read_key(&part[i + 1..]).is_some()
        {
            return Some(i);
        }
        prev = Some(c);
    }
    None
}

/// Splits what follows a key into a locator and a suffix: `, p. 33` is page
/// 33; `, 33` is page 33 too; anything else is a suffix.
pub fn split_locator(rest: &str) -> (Option<(Locator, String)>, String) {
    let t = rest.trim_start();
    let t = t.strip_prefix(',').unwrap_or(t).trim_start();
    if t.is_empty() {
        return (None, String::new());
    }
    // A label: the longest run up to the first space that we know.
    let (label, after) = match t.split_once(char::is_whitespace) {
        Some((l, a)) => (l, a.trim_start()),
        None => (t, ""),
    };
    let (loc, value_text) = match locator_from_label(label) {
        Some(loc) => (loc, after),
        None if t.starts_with(|c: char| c.is_ascii_digit()) => (Locator::Page, t),
        None => return (None, keep_suffix(rest)),
    };
    // The value: digits, roman numerals, ranges and lists, up to a comma
    // that is followed by a non-number.
    let mut end = 0;
    let chars: Vec<(usize, char)> = value_text.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (idx, c) = chars[k];
        let ok = c.is_alphanumeric() || "-–—:.".contains(c);
        let list = c == ',' || c == ' ' || c == '&';
        if ok {
            end = idx + c.len_utf8();
        } else if list {
            // Continue only if a digit follows the separators.
            let next = chars[k..]
                .iter()
                .find(|(_, d)| !(*d == ',' || *d == ' ' || *d == '&'));
            if !next.is_some_and(|(_, d)| d.is_ascii_digit()) {
                break;
            }
        } else {
            break;
        }
        if c.is_alphabetic()
            && !value_text[..idx + c.len_utf8()]
                .chars()
                .any(|d| d.is_ascii_digit())
        {
            // A word, not a number: roman numerals only.
            if !"ivxlcdmIVXLCDM".contains(c) {
                end = 0;
                break;
            }
        }
        k += 1;
    }
    let value = value_text[..end].trim().to_string();
    if value.is_empty() {
        return (None, keep_suffix(rest));
    }
    let suffix = &value_text[end..];
    (Some((loc, value)), keep_suffix(suffix))
}

fn keep_suffix(s: &str) -> String {
    let s = s.trim_end();
    if s.trim().is_empty() {
        return String::new();
    }
    // A suffix that starts with a word gets a separating space.
    if s.starts_with(|c: char| c.is_whitespace()) {
        format!(" {}", s.trim_start())
    } else {
        s.to_string()
    }
}

/// Parses a whole `--cite` argument: one or more citations and the text
/// around them.
pub fn parse_one(text: &str) -> Option<Citation> {
    let found = find(text);
    (found.len() == 1)
        .then(|| found.into_iter().next())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bracketed_with_prefix_and_locator() {
        let c = find("As shown [see @a; @b, chap. 2].");
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].span, 9..30);
        assert_eq!(c[0].items[0].prefix, "see");
        assert_eq!(c[0].items[0].key, "a");
        assert_eq!(
            c[0].items[1].locator,
            Some((Locator::Chapter, "2".to_string()))
        );
    }

    #[test]
    fn keys_with_punctuation() {
        let c = find("[@doe:2020.x-y/z, p. 33] and @smith.2000.");
        assert_eq!(c[0].items[0].key, "doe:2020.x-y/z");
        assert_eq!(c[0].items[0].locator, Some((Locator::Page, "33".into())));
        assert_eq!(c[1].items[0].key, "smith.2000");
        assert_eq!(c[1].items[0].mode, CiteMode::AuthorInText);
    }

    #[test]
    fn suppress_author_and_narrative_locator() {
        let c = find("[-@key] and @adams [p. 3]");
        assert_eq!(c[0].items[0].mode, CiteMode::SuppressAuthor);
        assert_eq!(c[1].items[0].locator, Some((Locator::Page, "3".into())));
        assert_eq!(c[1].span.end, 25);
    }

    #[test]
    fn emails_and_plain_brackets_are_not_citations() {
        assert!(find("write to a@b.org [not a cite]").is_empty());
    }

    #[test]
    fn suffix_kept() {
        let c = find("[@a, pp. 33-35, emphasis added]");
        assert_eq!(c[0].items[0].locator, Some((Locator::Page, "33-35".into())));
        assert_eq!(c[0].items[0].suffix, ", emphasis added");
    }
}
