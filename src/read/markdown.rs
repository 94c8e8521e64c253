//! The Markdown reader: CommonMark with GFM tables and footnotes, over
//! pulldown-cmark's offset iterator, and YAML or TOML front matter.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::SourceText;
use super::{frontmatter, looks_like_heading, Block, BlockKind, Document, InputFormat, ReadError};
use crate::outline::model::Span;

/// Reads Markdown.
pub fn parse(source: SourceText) -> Result<Document, ReadError> {
    let text = source.text.as_str();
    let fm = frontmatter::parse(&source.name, text)?;
    let (mut meta, offset) = match fm {
        Some(fm) => (fm.meta, fm.len),
        None => (Default::default(), 0),
    };
    let body = &text[offset..];
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_FOOTNOTES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);

    let mut blocks: Vec<Block> = Vec::new();
    let mut cur: Option<Block> = None;
    let mut quote_depth: u8 = 0;
    let mut item_depth = 0usize;
    let mut link_depth = 0usize;
    let mut image_depth = 0usize;
    let mut emph_depth = 0usize;
    let mut link_chars = 0usize;
    let mut plain_chars = 0usize;
    let mut emph_chars = 0usize;
    let mut in_code = false;
    // A table is one block: its cells are words of one claim, not claims.
    let mut in_table = false;

    let shift = |r: std::ops::Range<usize>| r.start + offset..r.end + offset;

    fn finish(
        blocks: &mut Vec<Block>,
        cur: &mut Option<Block>,
        link_chars: &mut usize,
        plain_chars: &mut usize,
        emph_chars: &mut usize,
    ) {
        if let Some(mut b) = cur.take() {
            b.trim();
            let total = (*link_chars + *plain_chars).max(1);
            b.link_share = *link_chars as f32 / total as f32;
            b.all_emphasis = *emph_chars > 0 && *emph_chars + 1 >= *plain_chars + *link_chars;
            if b.text.chars().any(|c| c.is_alphanumeric()) {
                blocks.push(b);
            }
        }
        *link_chars = 0;
        *plain_chars = 0;
        *emph_chars = 0;
    }

    for (event, range) in Parser::new_ext(body, opts).into_offset_iter() {
        let range = shift(range);
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => {
                    finish(
                        &mut blocks,
                        &mut cur,
                        &mut link_chars,
                        &mut plain_chars,
                        &mut emph_chars,
                    );
                    cur = Some(Block::new(
                        BlockKind::Heading,
                        level as u8,
                        quote_depth,
                        Span::from(range),
                    ));
                }
                Tag::Paragraph => {
                    let reuse = matches!(&cur, Some(b) if b.kind == BlockKind::ListItem && b.text.trim().is_empty());
                    if !reuse {
                        finish(
                            &mut blocks,
                            &mut cur,
                            &mut link_chars,
                            &mut plain_chars,
                            &mut emph_chars,
                        );
                        let kind = if item_depth > 0 {
                            BlockKind::ListItem
                        } else {
                            BlockKind::Paragraph
                        };
                        cur = Some(Block::new(kind, 0, quote_depth, Span::from(range)));
                    } else if let Some(b) = cur.as_mut() {
                        b.span = Span::from(range);
                    }
                }
                Tag::Item => {
                    finish(
                        &mut blocks,
                        &mut cur,
                        &mut link_chars,
                        &mut plain_chars,
                        &mut emph_chars,
                    );
                    item_depth += 1;
                    cur = Some(Block::new(
                        BlockKind::ListItem,
                        0,
                        quote_depth,
                        Span::from(range),
                    ));
                }
                Tag::BlockQuote(_) => {
                    finish(
                        &mut blocks,
                        &mut cur,
                        &mut link_chars,
                        &mut plain_chars,
                        &mut emph_chars,
                    );
                    quote_depth = quote_depth.saturating_add(1);
                }
                Tag::CodeBlock(_) => {
                    finish(
                        &mut blocks,
                        &mut cur,
                        &mut link_chars,
                        &mut plain_chars,
                        &mut emph_chars,
                    );
                    in_code = true;
                    cur = Some(Block::new(
                        BlockKind::Code,
                        0,
                        quote_depth,
                        Span::from(range),
                    ));
                }
                Tag::Table(_) => {
                    finish(
                        &mut blocks,
                        &mut cur,
                        &mut link_chars,
                        &mut plain_chars,
                        &mut emph_chars,
                    );
                    in_table = true;
                    // the table as written, its lines joined: a claim's
                    // text must stand in the article as it is
                    let mut b =
                        Block::new(BlockKind::Table, 0, quote_depth, Span::from(range.clone()));
                    let mut at = range.start;
                    for line in text[range.clone()].split('\n') {
                        let lead = line.len() - line.trim_start().len();
                        let t = line.trim();
                        if !t.is_empty() {
                            if !b.text.is_empty() {
                                b.push_space(at);
                            }
                            b.push(t, at + lead..at + lead + t.len());
                        }
                        at += line.len() + 1;
                    }
                    plain_chars += b.text.len();
                    cur = Some(b);
                }
                Tag::Link { .. } => link_depth += 1,
                Tag::Image { .. } => image_depth += 1,
                Tag::Emphasis | Tag::Strong => emph_depth += 1,
                Tag::FootnoteDefinition(_) => {
                    finish(
                        &mut blocks,
                        &mut cur,
                        &mut link_chars,
                        &mut plain_chars,
                        &mut emph_chars,
                    );
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Table => {
                    in_table = false;
                    finish(
                        &mut blocks,
                        &mut cur,
                        &mut link_chars,
                        &mut plain_chars,
                        &mut emph_chars,
                    );
                }
                TagEnd::Heading(_) | TagEnd::Paragraph => {
                    finish(
                        &mut blocks,
                        &mut cur,
                        &mut link_chars,
                        &mut plain_chars,
                        &mut emph_chars,
                    );
                }
                TagEnd::CodeBlock => {
                    in_code = false;
                    finish(
                        &mut blocks,
                        &mut cur,
                        &mut link_chars,
                        &mut plain_chars,
                        &mut emph_chars,
                    );
                }
                TagEnd::Item => {
                    finish(
                        &mut blocks,
                        &mut cur,
                        &mut link_chars,
                        &mut plain_chars,
                        &mut emph_chars,
                    );
                    item_depth = item_depth.saturating_sub(1);
                }
                TagEnd::BlockQuote(_) => {
                    finish(
                        &mut blocks,
                        &mut cur,
                        &mut link_chars,
                        &mut plain_chars,
                        &mut emph_chars,
                    );
                    quote_depth = quote_depth.saturating_sub(1);
                }
                TagEnd::Link => link_depth = link_depth.saturating_sub(1),
                TagEnd::Image => image_depth = image_depth.saturating_sub(1),
                TagEnd::Emphasis | TagEnd::Strong => emph_depth = emph_depth.saturating_sub(1),
                _ => {}
            },
            Event::Text(t) | Event::Code(t) => {
                if image_depth > 0 || in_table {
                    continue;
                }
                let b = cur.get_or_insert_with(|| {
                    let kind = if item_depth > 0 {
                        BlockKind::ListItem
                    } else {
                        BlockKind::Paragraph
                    };
                    Block::new(kind, 0, quote_depth, Span::from(range.clone()))
                });
                if in_code {
                    b.push(&t, range.clone());
                    continue;
                }
                let n = if t.is_ascii() {
                    t.bytes()
                        .filter(|&c| !(c.is_ascii_whitespace() || c == 0x0B))
                        .count()
                } else {
                    t.chars().filter(|c| !c.is_whitespace()).count()
                };
                if link_depth > 0 {
                    link_chars += n;
                } else {
                    plain_chars += n;
                }
                if emph_depth > 0 {
                    emph_chars += n;
                }
                // Text may hold line breaks of its own (tables, code spans).
                if t.contains('\n') {
                    let joined = t.split('\n').map(str::trim).collect::<Vec<_>>().join(" ");
                    b.push(&joined, range.clone());
                } else {
                    b.push(&t, range.clone());
                }
            }
            Event::SoftBreak => {
                if let Some(b) = cur.as_mut() {
                    b.push_break(range);
                }
            }
            Event::HardBreak => {
                if let Some(b) = cur.as_mut() {
                    b.push_space(range.start);
                }
            }
            _ => {}
        }
    }
    finish(
        &mut blocks,
        &mut cur,
        &mut link_chars,
        &mut plain_chars,
        &mut emph_chars,
    );

    classify(&mut blocks, &mut meta);
    super::dateline::lift(&mut blocks, &mut meta);
    Ok(Document {
        meta,
        blocks,
        source,
        format: InputFormat::Markdown,
        includes: Vec::new(),
        bibliographies: Vec::new(),
        warnings: Vec::new(),
    })
}

/// Decides which paragraphs are really headings, titles or link lists.
fn classify(blocks: &mut [Block], meta: &mut crate::outline::model::Meta) {
    // The first `#` heading, before any body text, is the title.
    if let Some(first) = blocks.first_mut() {
        if first.kind == BlockKind::Heading && first.level == 1 {
            first.kind = BlockKind::Title;
            if meta.title.is_none() {
                meta.title = Some(first.text.clone());
            }
        }
    }
    let n = blocks.len();
    for i in 0..n {
        if blocks[i].kind != BlockKind::Paragraph || blocks[i].quote_depth > 0 {
            continue;
        }
        let text = blocks[i]
            .text
            .trim_matches(|c| c == '*' || c == '_' || c == ' ');
        // Only small counts matter below (3, 5, 14): stop counting at 15.
        let words = text.split_whitespace().take(15).count();
        // A paragraph that is mostly links is a list of links, not prose.
        if blocks[i].link_share > 0.6 && words >= 3 {
            blocks[i].kind = BlockKind::Links;
            continue;
        }
        // **Bold line** or a short unpunctuated line standing alone is a heading.
        if (blocks[i].all_emphasis && words <= 14 && !ends_sentence(text))
            || looks_like_heading(text)
        {
            blocks[i].kind = BlockKind::Heading;
            blocks[i].level = 3;
            continue;
        }
        // "Related articles:" introducing a list of links.
        if words <= 5 && text.ends_with(':') {
            if let Some(next) = blocks.get(i + 1) {
                if next.link_share > 0.6 {
                    blocks[i].kind = BlockKind::Heading;
                    blocks[i].level = 3;
                }
            }
        }
    }
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .chars()
        .last()
        .is_some_and(|c| matches!(c, '.' | '!' | '?' | '"' | '”' | '…'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Document {
        parse(SourceText::new("t.md", s)).unwrap()
    }

    #[test]
    fn front_matter_title_and_paragraphs() {
        let d = read(
            "---\ntitle: T\n---\n\n# T\n\nOne [link](http://x) here.\nNext line.\n\n> Quoted.\n",
        );
        assert_eq!(d.meta.title.as_deref(), Some("T"));
        assert_eq!(d.blocks[0].kind, BlockKind::Title);
        assert_eq!(d.blocks[1].text, "One link here. Next line.");
        assert_eq!(d.blocks[2].quote_depth, 1);
        let sp = d.blocks[1].source_span(4..8);
        assert_eq!(&d.source.text[sp.start..sp.end], "link");
    }

    #[test]
    fn bold_line_is_a_heading() {
        let d = read("Intro sentence here.\n\n**Over blocking**\n\nBody.\n");
        assert_eq!(d.blocks[1].kind, BlockKind::Heading);
    }

    #[test]
    fn tables_and_footnotes() {
        let d = read("| a | b |\n|---|---|\n| one | two |\n\nText.[^1]\n\n[^1]: Note.\n");
        assert!(d
            .blocks
            .iter()
            .any(|b| b.kind == BlockKind::Table && b.text == "| a | b | |---|---| | one | two |"));
        assert!(d.blocks.iter().any(|b| b.text == "Note."));
    }

    #[test]
    fn a_code_block_of_white_space_only() {
        // Trimming used to underflow on a block that is all white space.
        let d = read("- item\n    ```\n\n");
        assert!(d.blocks.iter().all(|b| !b.text.trim().is_empty()));
    }
}
