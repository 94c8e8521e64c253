//! The outline stage: from a read [`Document`] to an [`Outline`].
//!
//! 1. [`segment`] splits each body block into sentences (claims);
//! 2. [`attribution`] finds cues, sources, quotations and resolves names and
//!    pronouns to sources;
//! 3. [`entities`] finds people, organisations, places, laws and dates.
//!
//! Spans are computed in the normalised text and mapped back to the original
//! input at the end.

pub mod attribution;
pub mod entities;
pub mod lexicon;
pub mod model;
pub mod segment;
pub mod text;

pub use model::*;

use crate::read::{Block, BlockKind, Document};

/// A claim while the outline is being built: its block and its range in the
/// block's text.
#[derive(Debug, Clone)]
pub struct Draft {
    /// Index of the block in [`Document::blocks`].
    pub block: usize,
    /// Index of the paragraph among body blocks.
    pub paragraph: usize,
    /// Range in the block's text.
    pub range: std::ops::Range<usize>,
    /// Index of the claim's section.
    pub section: usize,
    /// Whether the claim starts inside a quotation opened in the paragraph before.
    pub quote_open: bool,
}

/// Builds the outline of a document.
pub fn build(doc: &Document) -> Outline {
    let mut sections: Vec<Section> = Vec::new();
    let mut drafts: Vec<Draft> = Vec::new();
    let mut paragraph = 0usize;
    let mut carry_quote = 0u8;
    let lead_start = doc
        .blocks
        .iter()
        .find(|b| b.kind != BlockKind::Title)
        .map_or(0, |b| b.span.start);
    sections.push(Section {
        id: "s1".into(),
        heading: None,
        level: 0,
        span: Span {
            start: lead_start,
            end: lead_start,
        },
        claims: Vec::new(),
    });
    for (bi, block) in doc.blocks.iter().enumerate() {
        match block.kind {
            BlockKind::Title | BlockKind::Code | BlockKind::Links => continue,
            BlockKind::Heading => {
                carry_quote = 0;
                let cur = sections.last().expect("the lead section exists");
                if cur.heading.is_none() && cur.span.end == cur.span.start && drafts.is_empty() {
                    sections.pop();
                }
                sections.push(Section {
                    id: String::new(),
                    heading: Some(block.text.clone()),
                    level: block.level,
                    span: block.span,
                    claims: Vec::new(),
                });
                continue;
            }
            BlockKind::Paragraph | BlockKind::ListItem | BlockKind::TableCell => {}
        }
        let si = sections.len() - 1;
        sections[si].span.end = sections[si].span.end.max(block.span.end);
        // A paragraph that opens a quotation without closing it continues into
        // the next, unless that one opens its own; at most twice, so that a
        // stray mark cannot swallow the rest of the article.
        let starts_quoted = block
            .text
            .trim_start_matches(['*', '_', ' '])
            .starts_with(|c: char| segment::is_open_double(c) || c == '"');
        let open = carry_quote > 0 && !starts_quoted;
        let (ranges, still_open) = segment::sentences_in(&block.text, open);
        for (k, range) in ranges.into_iter().enumerate() {
            drafts.push(Draft {
                block: bi,
                paragraph,
                range,
                section: si,
                quote_open: open && k == 0,
            });
        }
        carry_quote = match (still_open, open) {
            (true, true) => carry_quote - 1,
            (true, false) => 2,
            (false, _) => 0,
        };
        paragraph += 1;
    }
    for (i, s) in sections.iter_mut().enumerate() {
        s.id = format!("s{}", i + 1);
    }

    let mut claims: Vec<Claim> = drafts
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let block = &doc.blocks[d.block];
            Claim {
                id: format!("c{}", i + 1),
                text: block.text[d.range.clone()].to_string(),
                span: block.source_span(d.range.clone()),
                section: sections[d.section].id.clone(),
                paragraph: d.paragraph,
                block_quote: block.quote_depth > 0,
                source: None,
                cue: None,
                mention: None,
                via: None,
                quotes: Vec::new(),
                entities: Vec::new(),
            }
        })
        .collect();
    for (c, d) in claims.iter().zip(&drafts) {
        sections[d.section].claims.push(c.id.clone());
    }

    // Tokens of each claim, shared by attribution and entities.
    let claim_tokens: Vec<Vec<text::Token>> = drafts
        .iter()
        .map(|d| text::tokens(draft_text(doc, d)))
        .collect();
    let sources = attribution::attribute(doc, &drafts, &claim_tokens, &mut claims);
    let entities = entities::extract(doc, &drafts, &claim_tokens, &mut claims, &sources);

    let mut outline = Outline {
        schema: SCHEMA.to_string(),
        meta: doc.meta.clone(),
        sections,
        claims,
        sources,
        entities,
    };
    map_spans(doc, &mut outline);
    outline
}

/// Maps every span from normalised-text offsets to original-input offsets.
fn map_spans(doc: &Document, o: &mut Outline) {
    let m = |s: &mut Span| {
        s.start = doc.source.original(s.start);
        s.end = doc.source.original(s.end);
    };
    for s in &mut o.sections {
        m(&mut s.span);
    }
    for c in &mut o.claims {
        m(&mut c.span);
        if let Some(x) = c.cue.as_mut() {
            m(&mut x.span);
        }
        if let Some(x) = c.mention.as_mut() {
            m(&mut x.span);
        }
        for q in &mut c.quotes {
            m(&mut q.span);
        }
    }
    for e in &mut o.entities {
        for x in &mut e.mentions {
            m(&mut x.span);
        }
    }
}

/// The text of a draft claim.
pub fn draft_text<'a>(doc: &'a Document, d: &Draft) -> &'a str {
    &doc.blocks[d.block].text[d.range.clone()]
}

/// The block of a draft claim.
pub fn draft_block<'a>(doc: &'a Document, d: &Draft) -> &'a Block {
    &doc.blocks[d.block]
}
