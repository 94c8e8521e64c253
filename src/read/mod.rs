//! Reading articles: Markdown (with YAML or TOML front matter), LaTeX and
//! plain text.
//!
//! A reader turns normalised input text ([`SourceText`]) into a [`Document`]:
//! the article's metadata and its blocks in order. Each block carries its
//! visible text (markup removed, line breaks joined) and a map from that text
//! back to byte offsets in the input.

pub mod dateline;
pub mod frontmatter;
pub mod latex;
pub mod markdown;
pub mod plain;
pub mod source;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;

pub use source::{load, Origin, SourceText};

use crate::outline::model::{Meta, Span};

/// Errors of the read stage. Each names the input it is about.
#[derive(Debug, Error)]
pub enum ReadError {
    /// The file does not exist.
    #[error("{file}: no such file")]
    NotFound {
        /// The file as named.
        file: String,
    },
    /// A directory was given where a file was expected.
    #[error("{file}: is a directory, not a file")]
    IsDirectory {
        /// The path as named.
        file: String,
    },
    /// The input holds no text.
    #[error("{file}: the input is empty")]
    Empty {
        /// The file as named.
        file: String,
    },
    /// The input looks binary.
    #[error("{file}: looks like a binary file (NUL byte at offset {offset}), not an article")]
    Binary {
        /// The file as named.
        file: String,
        /// Byte offset of the first NUL.
        offset: usize,
    },
    /// The input is not UTF-8.
    #[error("{file}: invalid UTF-8 at byte offset {offset}")]
    InvalidUtf8 {
        /// The file as named.
        file: String,
        /// Offset of the first invalid byte.
        offset: usize,
    },
    /// The input is larger than the limit.
    #[error("{file}: the input is {}", over_limit(*size, *limit))]
    TooLarge {
        /// The file as named.
        file: String,
        /// Its size; `limit + 1` for a stream, which is read no further.
        size: u64,
        /// The limit (`--max-input-size`).
        limit: u64,
    },
    /// Front matter that does not parse.
    #[error("{file}:{line}:{column}: malformed {kind} front matter: {message}")]
    FrontMatter {
        /// The file as named.
        file: String,
        /// `YAML` or `TOML`.
        kind: &'static str,
        /// 1-based line in the input.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The parser's message.
        message: String,
    },
    /// Any other I/O failure.
    #[error("{file}: {source}")]
    Io {
        /// The file as named.
        file: String,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// How much over the limit an input is: its size when it is known (a
/// regular file), else only that it is over (a pipe or device, whose reading
/// stops one byte past the limit).
fn over_limit(size: u64, limit: u64) -> String {
    if size > limit.saturating_add(1) {
        format!("{size} bytes, over the limit of {limit} bytes")
    } else {
        format!("over the limit of {limit} bytes")
    }
}

/// The input formats brief reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum InputFormat {
    /// CommonMark with GFM tables and footnotes, and front matter.
    #[value(alias = "md")]
    Markdown,
    /// Plain text: title on the first line, blank lines between paragraphs.
    #[value(aliases = ["txt", "text"])]
    Plain,
    /// LaTeX: the document body's text, structure and citations.
    #[value(alias = "tex")]
    Latex,
}

impl InputFormat {
    /// Guesses the format from a file name: `.md`/`.markdown` are Markdown,
    /// `.tex`/`.latex`/`.ltx` LaTeX, everything else (`.txt`, no extension,
    /// standard input) is plain text.
    pub fn from_path(path: Option<&Path>) -> InputFormat {
        let ext = path
            .and_then(|p| p.extension())
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase());
        match ext.as_deref() {
            Some("md" | "markdown" | "mdown" | "mkd" | "mkdn") => InputFormat::Markdown,
            Some("tex" | "latex" | "ltx") => InputFormat::Latex,
            _ => InputFormat::Plain,
        }
    }

    /// Guesses the format of standard input from its first lines: a
    /// document that opens with `\documentclass` (after blank lines and
    /// `%` comments) is LaTeX; anything else is left to the default.
    pub fn sniff(text: &str) -> Option<InputFormat> {
        for line in text.lines().take(200) {
            let t = line.trim_start();
            if t.is_empty() || t.starts_with('%') {
                continue;
            }
            return t
                .starts_with("\\documentclass")
                .then_some(InputFormat::Latex);
        }
        None
    }
}

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BlockKind {
    /// The document title (first line of plain text, or the first `#` heading
    /// when it repeats or stands in for the front matter's title).
    Title,
    /// A section heading.
    Heading,
    /// A paragraph of body text.
    Paragraph,
    /// A list item's text.
    ListItem,
    /// A table: the text of its cells in order, as one block.
    Table,
    /// Code (kept out of claims).
    Code,
    /// A paragraph that is mostly links (related articles, navigation): kept out of claims.
    Links,
}

/// One block of the document, in reading order.
#[derive(Debug, Clone)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// Heading level (1–6) for headings, 0 otherwise.
    pub level: u8,
    /// Block-quote depth (0 outside block quotes).
    pub quote_depth: u8,
    /// The visible text, markup removed, line breaks turned into spaces.
    pub text: String,
    /// Span of the block in the normalised input.
    pub span: Span,
    /// Share of the visible text that is link text (0.0–1.0).
    pub link_share: f32,
    /// Whether the whole block is emphasised (`**Heading**`).
    pub all_emphasis: bool,
    map: Vec<Seg>,
}

/// A piece of visible text and where it came from.
#[derive(Debug, Clone, Copy)]
struct Seg {
    text_start: usize,
    text_end: usize,
    src_start: usize,
    src_end: usize,
}

impl Block {
    /// A block with no text yet, room made for as much text as its span
    /// (its visible text is seldom longer), so that the text is not moved
    /// as it grows.
    pub fn new(kind: BlockKind, level: u8, quote_depth: u8, span: Span) -> Block {
        Block {
            kind,
            level,
            quote_depth,
            text: String::with_capacity(span.end.saturating_sub(span.start)),
            span,
            link_share: 0.0,
            all_emphasis: false,
            map: Vec::new(),
        }
    }

    /// Appends visible text that comes from `src` in the input.
    pub fn push(&mut self, s: &str, src: std::ops::Range<usize>) {
        if s.is_empty() {
            return;
        }
        let start = self.text.len();
        self.text.push_str(s);
        // Runs of text copied as they are from consecutive input (lines of
        // a paragraph and the line breaks between them) share one piece.
        if let Some(last) = self.map.last_mut() {
            let same = |a: usize, b: usize, c: usize, d: usize| b - a == d - c;
            if last.text_end == start
                && last.src_end == src.start
                && same(last.text_start, last.text_end, last.src_start, last.src_end)
                && same(start, self.text.len(), src.start, src.end)
            {
                last.text_end = self.text.len();
                last.src_end = src.end;
                return;
            }
        }
        self.map.push(Seg {
            text_start: start,
            text_end: self.text.len(),
            src_start: src.start,
            src_end: src.end,
        });
    }

    /// Appends a space standing for a line break (never two in a row).
    pub fn push_space(&mut self, at: usize) {
        if !self.text.is_empty() && !self.text.ends_with(' ') {
            self.push(" ", at..at);
        }
    }

    /// Appends a space standing for the line break at `src` in the input:
    /// when that is a single byte (`\n`), the space maps onto it.
    pub fn push_break(&mut self, src: std::ops::Range<usize>) {
        if src.len() == 1 {
            if !self.text.is_empty() && !self.text.ends_with(' ') {
                self.push(" ", src);
            }
        } else {
            self.push_space(src.start);
        }
    }

    /// Trims surrounding whitespace from the text, keeping the map right.
    pub fn trim(&mut self) {
        let lead = self.text.len() - self.text.trim_start().len();
        // All white space: the leading part is all of it.
        let trail = self.text.trim_start().len() - self.text.trim().len();
        if lead == 0 && trail == 0 {
            return;
        }
        let new_len = self.text.len() - lead - trail;
        self.text = self.text[lead..lead + new_len].to_string();
        let mut map = Vec::with_capacity(self.map.len());
        for seg in &self.map {
            let ts = seg.text_start.max(lead);
            let te = seg.text_end.min(lead + new_len);
            if ts >= te {
                continue;
            }
            let (ss, se) = if seg.text_end - seg.text_start == seg.src_end - seg.src_start {
                (
                    seg.src_start + (ts - seg.text_start),
                    seg.src_end - (seg.text_end - te),
                )
            } else {
                (seg.src_start, seg.src_end)
            };
            map.push(Seg {
                text_start: ts - lead,
                text_end: te - lead,
                src_start: ss,
                src_end: se,
            });
        }
        self.map = map;
    }

    /// Maps a byte offset in [`Block::text`] to an offset in the normalised input.
    /// `end` says whether the offset closes a range (it then maps to the end
    /// of the source piece when the piece was rewritten, such as an escape).
    pub fn source_offset(&self, offset: usize, end: bool) -> usize {
        let i = self.map.partition_point(|s| s.text_end <= offset);
        let seg = match self.map.get(i) {
            Some(seg) if seg.text_start <= offset => seg,
            Some(seg) => return seg.src_start,
            None => return self.map.last().map_or(self.span.end, |s| s.src_end),
        };
        if end && offset == seg.text_start && i > 0 {
            return self.map[i - 1].src_end;
        }
        if seg.text_end - seg.text_start == seg.src_end - seg.src_start {
            seg.src_start + (offset - seg.text_start)
        } else if end {
            seg.src_end
        } else {
            seg.src_start
        }
    }

    /// Maps a range of [`Block::text`] to a span of the normalised input.
    pub fn source_span(&self, range: std::ops::Range<usize>) -> Span {
        let start = self.source_offset(range.start, false);
        let end = self.source_offset(range.end, true).max(start);
        Span { start, end }
    }
}

/// A document as read: metadata and blocks.
#[derive(Debug, Clone)]
pub struct Document {
    /// Metadata from front matter and the title line.
    pub meta: Meta,
    /// The blocks in reading order.
    pub blocks: Vec<Block>,
    /// The input, normalised.
    pub source: SourceText,
    /// The format it was read as.
    pub format: InputFormat,
    /// Other files the document was read from (LaTeX `\\input` and
    /// `\\include`), in the order first read, for `--depfile`.
    pub includes: Vec<PathBuf>,
    /// Bibliographies the document names that exist beside it (LaTeX
    /// `\\bibliography`, `\\addbibresource`), used when no `--bib` is given.
    pub bibliographies: Vec<PathBuf>,
    /// What the reader passed over or could not follow, one line each,
    /// for the command line to print as warnings.
    pub warnings: Vec<String>,
}

/// Reads a document from normalised text in the given format.
pub fn parse(source: SourceText, format: InputFormat) -> Result<Document, ReadError> {
    match format {
        InputFormat::Markdown => markdown::parse(source),
        InputFormat::Plain => Ok(plain::parse(source)),
        InputFormat::Latex => Ok(latex::parse(source)),
    }
}

/// Loads and reads a document: the format from `--from`, else from the
/// file name, else (standard input) from its first line. A LaTeX file's
/// `\\input` files are read from its folder, within the same size limit.
pub fn read(
    origin: &Origin,
    from: Option<InputFormat>,
    max_size: u64,
) -> Result<Document, ReadError> {
    let source = load(origin, max_size)?;
    let format = from.unwrap_or_else(|| match origin {
        Origin::Stdin => InputFormat::sniff(&source.text).unwrap_or(InputFormat::Plain),
        Origin::File(p) => InputFormat::from_path(Some(p)),
    });
    match (format, origin.path()) {
        (InputFormat::Latex, Some(path)) => Ok(latex::parse_with(
            source,
            &latex::Options {
                file: Some(path.to_path_buf()),
                max_size,
            },
        )),
        _ => parse(source, format),
    }
}

/// Whether a short standalone line looks like a heading: few words, no
/// sentence-final punctuation, starts with a capital or digit.
pub fn looks_like_heading(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || t.len() > 120 {
        return false;
    }
    let words = t.split_whitespace().count();
    if words == 0 || words > 14 {
        return false;
    }
    let last = t.chars().last().unwrap_or(' ');
    if matches!(
        last,
        '.' | '!' | '?' | ',' | ';' | ':' | '"' | '”' | '’' | '…' | ')' | '-' | '–' | '—'
    ) {
        return false;
    }
    let first = t.chars().next().unwrap_or(' ');
    first.is_uppercase() || first.is_ascii_digit() || (!first.is_alphabetic() && !first.is_ascii())
}
