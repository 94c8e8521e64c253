//! The plain-text reader.
//!
//! The first line is the title. Paragraphs are separated by blank lines, and
//! hard-wrapped lines inside a paragraph join with a space. A paragraph of
//! one short line with no final punctuation is a section heading.

use super::{looks_like_heading, Block, BlockKind, Document, InputFormat, SourceText};
use crate::outline::model::{Meta, Span};

/// Reads plain text.
pub fn parse(source: SourceText) -> Document {
    let text = &source.text;
    let mut blocks = Vec::new();
    let mut meta = Meta::default();
    // Lines as (start, end) offsets, end excluding the newline.
    let mut lines = Vec::new();
    let mut pos = 0;
    while pos <= text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        lines.push((pos, end));
        if end == text.len() {
            break;
        }
        pos = end + 1;
    }
    let is_blank = |&(s, e): &(usize, usize)| text[s..e].trim().is_empty();
    let mut i = 0;
    let mut seen_title = false;
    while i < lines.len() {
        if is_blank(&lines[i]) {
            i += 1;
            continue;
        }
        if !seen_title {
            seen_title = true;
            let (s, e) = lines[i];
            let mut b = Block::new(BlockKind::Title, 1, 0, Span { start: s, end: e });
            b.push(&text[s..e], s..e);
            b.trim();
            meta.title = Some(b.text.clone());
            blocks.push(b);
            i += 1;
            continue;
        }
        let first = i;
        i += 1;
        // a list item starts a paragraph of its own (see `list_marker`)
        while i < lines.len()
            && !is_blank(&lines[i])
            && list_marker(&text[lines[i].0..lines[i].1]).is_none()
        {
            i += 1;
        }
        let para = &lines[first..i];
        let span = Span {
            start: para[0].0,
            end: para[para.len() - 1].1,
        };
        let single = para.len() == 1;
        let item = list_marker(&text[para[0].0..para[0].1]).is_some();
        let kind = if single && !item && looks_like_heading(&text[span.start..span.end]) {
            BlockKind::Heading
        } else {
            BlockKind::Paragraph
        };
        let mut b = Block::new(
            kind,
            if kind == BlockKind::Heading { 2 } else { 0 },
            0,
            span,
        );
        for (k, &(s, e)) in para.iter().enumerate() {
            let line = &text[s..e];
            let lead = match list_marker(line).filter(|_| k == 0) {
                Some(m) => m,
                None => line.len() - line.trim_start().len(),
            };
            let trimmed = line[lead..].trim();
            if trimmed.is_empty() {
                continue;
            }
            b.push_space(s);
            b.push(trimmed, s + lead..s + lead + trimmed.len());
        }
        b.trim();
        blocks.push(b);
    }
    super::dateline::lift(&mut blocks, &mut meta);
    Document {
        meta,
        blocks,
        source,
        format: InputFormat::Plain,
        includes: Vec::new(),
        bibliographies: Vec::new(),
        warnings: Vec::new(),
    }
}

/// The length of the list marker opening a line (with the white space
/// around it): `- `, `* `, `• `, `1. `, `2) `. Each item is a paragraph.
fn list_marker(line: &str) -> Option<usize> {
    let t = line.trim_start();
    let lead = line.len() - t.len();
    let marker = if let Some(r) = t
        .strip_prefix("- ")
        .or_else(|| t.strip_prefix("* "))
        .or_else(|| t.strip_prefix("• "))
    {
        t.len() - r.len()
    } else {
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        let rest = &t[digits..];
        if (1..=3).contains(&digits) && (rest.starts_with(". ") || rest.starts_with(") ")) {
            digits + 2
        } else {
            return None;
        }
    };
    let rest = &t[marker..];
    let gap = rest.len() - rest.trim_start().len();
    (!rest.trim().is_empty()).then_some(lead + marker + gap)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_items_are_paragraphs() {
        let src = SourceText::new(
            "t",
            "Title\n\nThe report makes two recommendations:\n\n- Cap rents\n- Require landlords to\n  publish rents\n1. Build homes\n",
        );
        let d = parse(src);
        let texts: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "Title",
                "The report makes two recommendations:",
                "Cap rents",
                "Require landlords to publish rents",
                "Build homes"
            ]
        );
        assert!(d.blocks[2..].iter().all(|b| b.kind == BlockKind::Paragraph));
        let sp = d.blocks[3].source_span(0..d.blocks[3].text.len());
        assert_eq!(
            &d.source.text[sp.start..sp.end],
            "Require landlords to\n  publish rents"
        );
    }

    #[test]
    fn title_headings_and_wrapped_paragraphs() {
        let src = SourceText::new(
            "t",
            "My Title\n\nFirst line\nwraps here.\n\nA Heading\n\nBody text.\n",
        );
        let d = parse(src);
        let kinds: Vec<_> = d.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            vec![
                BlockKind::Title,
                BlockKind::Paragraph,
                BlockKind::Heading,
                BlockKind::Paragraph
            ]
        );
        assert_eq!(d.blocks[1].text, "First line wraps here.");
        assert_eq!(d.meta.title.as_deref(), Some("My Title"));
        let b = &d.blocks[1];
        let sp = b.source_span(11..16);
        assert_eq!(&d.source.text[sp.start..sp.end], "wraps");
    }
}
