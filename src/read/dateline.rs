//! Lines before the body that are metadata, not sections.
//!
//! Reports converted from PDF or web pages often open, after their title,
//! with a few short lines: a bare year (`2005`), a release date (`March 8,
//! 2006`), the issuing office (`Bureau of Democracy, Human Rights, and
//! Labor`), a link (`Source PDF: https://…`). Read as headings they make
//! sections that hold nothing, and a comparison of two years opens with
//! `Section removed: 2005 / Section added: 2006`. [`lift`] takes them out
//! of the blocks into the metadata (date, publisher, URL), in Markdown and
//! plain text alike. What counts is the grammar of the line — a date, a
//! URL — never its words: the leading run of one-line blocks before the
//! first paragraph of prose is metadata up to its last date or URL line,
//! and the short lines among them name the publisher.

use std::sync::OnceLock;

use regex::Regex;

use super::{Block, BlockKind};
use crate::outline::model::Meta;

/// What a line before the body is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// A date (or a bare year); `full` when it has a month.
    Date {
        /// Whether it names a month (a release date rather than a year).
        full: bool,
    },
    /// A URL, alone or after a short label; the URL.
    Url(String),
    /// A short line that is neither: a name (office, publisher).
    Name,
    /// Anything else (prose, a long line).
    Other,
}

fn alternation(text: &str) -> String {
    let mut names: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .flat_map(|l| l.split('|').map(|n| regex::escape(n.trim())))
        .collect();
    // longest first, so `Sept.` wins over `Sep`
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.join("|")
}

fn date_re() -> &'static Option<Regex> {
    static CELL: OnceLock<Option<Regex>> = OnceLock::new();
    CELL.get_or_init(|| {
        let month = alternation(include_str!("../render/data/months.txt"));
        let day = alternation(include_str!("data/weekdays.txt"));
        let year = r"(?:1[0-9]|2[0-9])[0-9]{2}";
        let d = r"[0-3]?[0-9](?:st|nd|rd|th)?";
        let pattern = format!(
            r"^(?:(?:{day}),?\s+)?(?:(?P<m1>{month})\s+{d},?\s+{year}|{d}\s+(?P<m2>{month}),?\s+{year}|(?P<m3>{month}),?\s+{year}|{year}-[01][0-9]-[0-3][0-9]|{year})\.?$"
        );
        Regex::new(&pattern).ok()
    })
}

fn url_re() -> &'static Option<Regex> {
    static CELL: OnceLock<Option<Regex>> = OnceLock::new();
    CELL.get_or_init(|| {
        Regex::new(r"^(?:[\p{L}\p{N} ]{1,40}:\s*)?<?(?P<url>https?://[^\s<>]+)>?$").ok()
    })
}

/// What one line before the body is.
pub fn classify(line: &str) -> Line {
    let t = line.trim();
    if let Some(c) = date_re().as_ref().and_then(|r| r.captures(t)) {
        let full = c.name("m1").is_some() || c.name("m2").is_some() || c.name("m3").is_some();
        return Line::Date { full };
    }
    if let Some(c) = url_re().as_ref().and_then(|r| r.captures(t)) {
        if let Some(u) = c.name("url") {
            return Line::Url(u.as_str().to_string());
        }
    }
    let words = t.split_whitespace().count();
    if words > 0 && words <= 10 && super::looks_like_heading(t) {
        return Line::Name;
    }
    Line::Other
}

/// Moves the one-line blocks between the title and the first paragraph of
/// prose that are metadata (see the module) out of `blocks` into `meta`;
/// fields the front matter set stay as they are.
pub fn lift(blocks: &mut Vec<Block>, meta: &mut Meta) {
    let start = blocks
        .iter()
        .position(|b| b.kind != BlockKind::Title)
        .unwrap_or(blocks.len());
    let mut lines: Vec<Line> = Vec::new();
    for b in &blocks[start..] {
        let one_line = matches!(
            b.kind,
            BlockKind::Heading | BlockKind::Paragraph | BlockKind::Links
        ) && b.quote_depth == 0
            && b.text.len() <= 160;
        let l = if one_line {
            classify(&b.text)
        } else {
            Line::Other
        };
        if l == Line::Other {
            break;
        }
        lines.push(l);
    }
    let Some(last) = lines
        .iter()
        .rposition(|l| matches!(l, Line::Date { .. } | Line::Url(_)))
    else {
        return;
    };
    // More than a few names is a list of contents, not a masthead.
    if lines[..=last].iter().filter(|l| **l == Line::Name).count() > 3 {
        return;
    }
    let (mut date, mut full_date, mut url, mut publisher) = (None, None, None, None);
    for (l, b) in lines[..=last].iter().zip(&blocks[start..]) {
        let text = b.text.trim().to_string();
        match l {
            Line::Date { full: true } => {
                full_date.get_or_insert(text);
            }
            Line::Date { full: false } => {
                date.get_or_insert(text);
            }
            Line::Url(u) => {
                url.get_or_insert(u.clone());
            }
            Line::Name => {
                publisher.get_or_insert(text);
            }
            Line::Other => {}
        }
    }
    if meta.date.is_none() {
        meta.date = full_date.or(date);
    }
    if meta.url.is_none() {
        meta.url = url;
    }
    if meta.publisher.is_none() {
        meta.publisher = publisher;
    }
    blocks.drain(start..=start + last);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_lines() {
        for d in [
            "2005",
            "March 8, 2006",
            "8 March 2006",
            "Monday, March 8, 2006",
            "Sept. 30, 2024.",
            "2024-08-23",
            "March 2006",
        ] {
            assert!(matches!(classify(d), Line::Date { .. }), "{d}");
        }
        assert_eq!(classify("2005"), Line::Date { full: false });
        for d in [
            "2005 was a hard year.",
            "May we go",
            "12345",
            "March on Rome",
        ] {
            assert!(!matches!(classify(d), Line::Date { .. }), "{d}");
        }
    }

    #[test]
    fn url_and_name_lines() {
        assert_eq!(
            classify("Source PDF: https://example.org/a.pdf"),
            Line::Url("https://example.org/a.pdf".into())
        );
        assert_eq!(
            classify("Bureau of Democracy, Human Rights, and Labor"),
            Line::Name
        );
        assert_eq!(classify("The ministry said it would act."), Line::Other);
    }
}
