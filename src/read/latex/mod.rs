//! The LaTeX reader: the text of a document's body, its structure and its
//! citations, in one pass over the source.
//!
//! - The preamble is skipped; `\title`, `\author` (split at `\and`,
//!   `\thanks` dropped) and `\date` fill the metadata, wherever they are.
//!   Everything after `\end{document}` is ignored. A file with no
//!   `\begin{document}` (a chapter read on its own) is all body.
//! - `\part` … `\subparagraph` (and starred forms) are headings, their
//!   levels counted from the topmost one used; paragraphs end at blank
//!   lines and `\par`; `quote`, `quotation` and `verse` are block
//!   quotations; `itemize`, `enumerate` and `description` items are list
//!   items; the `abstract`, which stands before the first heading, is the
//!   lead.
//! - A footnote is a paragraph of its own after the paragraph it is in,
//!   with its own span; so is a float's caption. The rest of a float, and
//!   tables, pictures and display math, are dropped; `verbatim` and
//!   `lstlisting` are code (kept out of claims); inline math is its source
//!   with the commonest symbols made characters.
//! - Accents, special characters, dashes and quotes become Unicode;
//!   formatting commands give their text; unknown macros are dropped, with
//!   those of their arguments that read as text kept, and counted in one
//!   warning.
//! - `\cite`, `\citep`, `\citet`, `\parencite`, `\textcite`, `\autocite`,
//!   `\footcite` and their kin, with pre- and postnotes, become pandoc
//!   citations in the text (`[see @key, p. 3]`, `@key [p. 3]`), the very
//!   text the Markdown reader keeps, so that rendering resolves them
//!   through `--bib` in the same way.
//! - `\input` and `\include` are followed for relative paths inside the
//!   document's folder (never absolute paths, `..` or `|command`), at most
//!   16 deep and never in a loop. Included text has no offsets of its own
//!   in the document: every block and claim read from it has the span of
//!   the `\input` command in the top file.
//!
//! Groups and environments are kept on an explicit stack, so nesting in
//! the input never deepens the call stack; every scan moves forward or is
//! bounded, so time is linear in the input. Unbalanced braces and
//! environments are warnings with the file, line and column, and reading
//! goes on.

mod command;
mod commands;
mod cursor;
mod files;

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::PathBuf;

use commands::{EnvKind, MetaKind};
use cursor::Cursor;

use super::source::line_col;
use super::{Block, BlockKind, Document, InputFormat, SourceText};
use crate::outline::model::{Meta, Span};

/// Where the document is, for following its `\input` files.
#[derive(Debug, Clone)]
pub struct Options {
    /// The document's file; `None` for standard input, whose `\input`
    /// commands are not followed.
    pub file: Option<PathBuf>,
    /// The most bytes all included files may hold together.
    pub max_size: u64,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            file: None,
            max_size: super::source::DEFAULT_MAX_INPUT,
        }
    }
}

/// How deep `\input` files may nest.
pub const MAX_INCLUDE_DEPTH: usize = 16;
/// How many groups and environments may be open at once. Braces nested
/// deeper only count (TeX itself stops at 255 levels), so that memory does
/// not grow with the depth.
const MAX_FRAMES: usize = 10_000;
/// Warnings listed one by one; the rest are counted.
const MAX_WARNINGS: usize = 20;
/// How far a scan for a short argument (a key, an option, a note) looks.
const SHORT: usize = 256;

/// Reads LaTeX that is not in a file (`\input` is not followed).
pub fn parse(source: SourceText) -> Document {
    parse_with(source, &Options::default())
}

/// Reads a LaTeX document.
pub fn parse_with(source: SourceText, opts: &Options) -> Document {
    let has_body = source.text.contains("\\begin{document}");
    let mut r = Reader::new(opts, has_body);
    if let Some(canon) = opts.file.as_deref().and_then(|f| f.canonicalize().ok()) {
        r.reading.push(canon);
    }
    r.read_file(&source.text, None, &source.name, 0);
    let (meta, blocks, warnings, includes, bibliographies) = r.finish();
    Document {
        meta,
        blocks,
        source,
        format: InputFormat::Latex,
        includes,
        bibliographies,
        warnings,
    }
}

/// Where a group's text goes when it is not the running paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sink {
    Heading(u8),
    Meta(MetaKind),
    Footnote,
    Caption,
}

/// What closing a group does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum GroupKind {
    /// `{…}`: nothing.
    Plain,
    /// Its text is dropped.
    Skip,
    /// Its text went to a sink, which is now done.
    Sink(Sink),
    /// `\enquote{…}`: a closing quotation mark.
    Enquote,
    /// A `description` item's label: a colon after it.
    Label,
}

/// The reader's state that a group or environment restores when it closes.
#[derive(Debug, Clone, Copy, Default)]
struct Saved {
    /// Text is read but not kept (the preamble, a float's body).
    hidden: u32,
    /// Nothing is kept, not even captions.
    skip: u32,
    quote: u8,
    list: u8,
    description: bool,
    floats: u32,
}

#[derive(Debug)]
enum Frame {
    Group {
        kind: GroupKind,
        close: u8,
        at: usize,
        depth: usize,
        saved: Saved,
    },
    Env {
        name: String,
        kind: EnvKind,
        at: usize,
        depth: usize,
        saved: Saved,
    },
}

impl Frame {
    /// Where it opened, in which file (by include depth), and what it is.
    fn opened(&self) -> (usize, usize, String) {
        match self {
            Frame::Group { at, depth, .. } => (*at, *depth, "`{` is never closed".into()),
            Frame::Env {
                at, depth, name, ..
            } => (*at, *depth, format!("\\begin{{{name}}} is never ended")),
        }
    }

    fn saved(&self) -> Saved {
        match self {
            Frame::Group { saved, .. } | Frame::Env { saved, .. } => *saved,
        }
    }
}

/// The reader's state over the whole document and its `\input` files.
struct Reader<'o> {
    opts: &'o Options,
    blocks: Vec<Block>,
    para: Option<Block>,
    pending: Vec<Block>,
    sinks: Vec<(Sink, Block)>,
    frames: Vec<Frame>,
    /// Braces open beyond [`MAX_FRAMES`].
    overflow: usize,
    state: Saved,
    preamble: bool,
    stopped: bool,
    meta: Meta,
    title_span: Option<Span>,
    warnings: Vec<String>,
    more_warnings: usize,
    dropped: BTreeMap<String, usize>,
    includes: Vec<PathBuf>,
    bibliographies: Vec<PathBuf>,
    /// Canonical paths of the files being read, outermost first.
    reading: Vec<PathBuf>,
    included_bytes: u64,
    /// For each closing delimiter, where a search for it last failed: a
    /// search from before there fails too, and is not made again.
    failed: HashMap<String, usize>,
    accents: HashMap<(char, String), String>,
    /// Macros the document defines as plain text, by name.
    user_macros: HashMap<String, String>,
}

impl<'o> Reader<'o> {
    fn new(opts: &'o Options, has_body: bool) -> Reader<'o> {
        Reader {
            opts,
            blocks: Vec::new(),
            para: None,
            pending: Vec::new(),
            sinks: Vec::new(),
            frames: Vec::new(),
            overflow: 0,
            state: Saved {
                hidden: u32::from(has_body),
                ..Saved::default()
            },
            preamble: has_body,
            stopped: false,
            meta: Meta::default(),
            title_span: None,
            warnings: Vec::new(),
            more_warnings: 0,
            dropped: BTreeMap::new(),
            includes: Vec::new(),
            bibliographies: Vec::new(),
            reading: Vec::new(),
            included_bytes: 0,
            failed: HashMap::new(),
            accents: HashMap::new(),
            user_macros: HashMap::new(),
        }
    }

    fn warn_at(&mut self, c: &Cursor, pos: usize, msg: &str) {
        if self.warnings.len() >= MAX_WARNINGS {
            self.more_warnings += 1;
            return;
        }
        let (line, col) = line_col(c.text, pos);
        self.warnings
            .push(format!("{}:{line}:{col}: {msg}", c.name));
    }

    fn visible(&self) -> bool {
        self.state.hidden == 0 && self.state.skip == 0
    }

    /// The block text goes to: the innermost sink, else the paragraph
    /// (started here when there is none).
    fn target(&mut self, at: usize) -> &mut Block {
        if self.sinks.is_empty() {
            let kind = if self.state.list > 0 {
                BlockKind::ListItem
            } else {
                BlockKind::Paragraph
            };
            let q = self.state.quote;
            self.para
                .get_or_insert_with(|| Block::new(kind, 0, q, Span { start: at, end: at }))
        } else {
            let n = self.sinks.len() - 1;
            &mut self.sinks[n].1
        }
    }

    fn text(&mut self, c: &Cursor, s: &str, r: Range<usize>) {
        if s.is_empty() || !self.visible() {
            return;
        }
        let src = c.src(r);
        let b = self.target(src.start);
        b.push(s, src.clone());
        b.span.end = b.span.end.max(src.end);
    }

    fn space(&mut self, c: &Cursor, r: Range<usize>) {
        if !self.visible() {
            return;
        }
        let src = c.src(r);
        let b = if self.sinks.is_empty() {
            match self.para.as_mut() {
                Some(b) => b,
                None => return,
            }
        } else {
            let n = self.sinks.len() - 1;
            &mut self.sinks[n].1
        };
        if !b.text.is_empty() && !b.text.ends_with(' ') {
            if src.len() == 1 {
                b.push(" ", src);
            } else {
                b.push(" ", src.start..src.start);
            }
        }
    }

    fn keep(blocks: &mut Vec<Block>, mut b: Block) {
        b.trim();
        if b.text.chars().any(char::is_alphanumeric) {
            blocks.push(b);
        }
    }

    /// Ends the running paragraph, then the footnotes and captions it held.
    fn finish_para(&mut self) {
        if !self.sinks.is_empty() {
            return;
        }
        if let Some(b) = self.para.take() {
            Self::keep(&mut self.blocks, b);
        }
        for b in std::mem::take(&mut self.pending) {
            Self::keep(&mut self.blocks, b);
        }
    }

    fn push_frame(&mut self, c: &Cursor, kind: GroupKind, close: u8, at: usize) {
        self.frames.push(Frame::Group {
            kind,
            close,
            at,
            depth: c.depth,
            saved: self.state,
        });
        if kind == GroupKind::Skip {
            self.state.skip += 1;
        }
    }

    /// Closes the innermost frame; `src` is where it closes in the top file.
    fn pop_frame(&mut self, c: &Cursor, src: Range<usize>) {
        let Some(f) = self.frames.pop() else {
            return;
        };
        if let Frame::Group { kind, .. } = &f {
            match kind {
                GroupKind::Enquote => self.text(c, "”", src.clone()),
                GroupKind::Label => {
                    let ends_word = self
                        .para
                        .as_ref()
                        .and_then(|b| b.text.trim_end().chars().last())
                        .is_some_and(char::is_alphanumeric);
                    if ends_word {
                        self.text(c, ":", src.clone());
                    }
                    self.space(c, src.clone());
                }
                GroupKind::Sink(_) => self.close_sink(src.clone()),
                GroupKind::Plain | GroupKind::Skip => {}
            }
        }
        let kind = match &f {
            Frame::Env { kind, .. } => Some(*kind),
            Frame::Group { .. } => None,
        };
        self.state = f.saved();
        if matches!(
            kind,
            Some(EnvKind::Quote | EnvKind::List(_) | EnvKind::Block)
        ) {
            self.finish_para();
        }
    }

    fn open_sink(&mut self, c: &mut Cursor, sink: Sink, cmd: usize) {
        let allowed = self.state.skip == 0
            && match sink {
                Sink::Meta(_) => true,
                Sink::Caption => self.state.hidden == 0 || self.state.floats > 0,
                Sink::Heading(_) => self.state.hidden == 0 && self.sinks.is_empty(),
                Sink::Footnote => self.state.hidden == 0,
            };
        let brace = c.pos;
        c.pos += 1;
        if self.frames.len() >= MAX_FRAMES {
            self.overflow += 1;
            return;
        }
        if !allowed {
            let kind = if matches!(sink, Sink::Heading(_)) && self.visible() {
                GroupKind::Plain
            } else {
                GroupKind::Skip
            };
            self.push_frame(c, kind, b'}', brace);
            return;
        }
        if matches!(sink, Sink::Heading(_)) {
            self.finish_para();
        }
        self.push_frame(c, GroupKind::Sink(sink), b'}', brace);
        self.state.hidden = 0;
        let at = c.src(cmd..cmd).start;
        let span = Span { start: at, end: at };
        let block = match sink {
            Sink::Heading(rank) => Block::new(BlockKind::Heading, rank + 1, self.state.quote, span),
            Sink::Caption => Block::new(BlockKind::Paragraph, 0, self.state.quote, span),
            Sink::Footnote | Sink::Meta(_) => Block::new(BlockKind::Paragraph, 0, 0, span),
        };
        self.sinks.push((sink, block));
    }

    fn close_sink(&mut self, src: Range<usize>) {
        let Some((sink, mut b)) = self.sinks.pop() else {
            return;
        };
        b.span.end = b.span.end.max(src.end);
        match sink {
            Sink::Heading(_) => {
                Self::keep(&mut self.blocks, b);
                for p in std::mem::take(&mut self.pending) {
                    Self::keep(&mut self.blocks, p);
                }
            }
            Sink::Footnote | Sink::Caption => {
                b.trim();
                if self.para.is_some() || !self.sinks.is_empty() {
                    self.pending.push(b);
                } else {
                    Self::keep(&mut self.blocks, b);
                    for p in std::mem::take(&mut self.pending) {
                        Self::keep(&mut self.blocks, p);
                    }
                }
            }
            Sink::Meta(kind) => {
                let fold = |s: &str| crate::cite::latex::collapse_ws(s);
                match kind {
                    MetaKind::Title => {
                        let t = fold(&b.text.replace(['\u{1}', '\u{2}'], " "));
                        if !t.is_empty() {
                            self.meta.title = Some(t);
                            self.title_span = Some(b.span);
                        }
                    }
                    MetaKind::Date => {
                        let t = fold(&b.text.replace(['\u{1}', '\u{2}'], " "));
                        if !t.is_empty() {
                            self.meta.date = Some(t);
                        }
                    }
                    MetaKind::Author => {
                        for part in b.text.split('\u{1}') {
                            // the lines after the name are an affiliation
                            let name = part.split('\u{2}').next().unwrap_or("");
                            let name = fold(name);
                            let name = name.trim_matches(|c: char| c == ',' || c.is_whitespace());
                            if name.chars().any(char::is_alphanumeric) {
                                self.meta.authors.push(name.to_string());
                            }
                        }
                    }
                }
            }
        }
    }

    /// A blank line or `\par`: the paragraph ends, and so do the groups
    /// that cannot hold one (a heading, a caption, an option).
    fn par_break(&mut self, c: &Cursor, at: usize) {
        let short = self.frames.iter().position(|f| {
            matches!(
                f,
                Frame::Group {
                    kind: GroupKind::Sink(Sink::Heading(_) | Sink::Meta(_) | Sink::Caption)
                        | GroupKind::Label,
                    ..
                } | Frame::Group { close: b']', .. }
            )
        });
        if let Some(i) = short {
            if let Frame::Group {
                at: open, depth, ..
            } = self.frames[i]
            {
                if depth == c.depth {
                    self.warn_at(
                        c,
                        open,
                        "this group is not closed before the paragraph ends",
                    );
                }
            }
            while self.frames.len() > i {
                self.pop_frame(c, c.src(at..at));
            }
        }
        if self.sinks.is_empty() {
            self.finish_para();
        } else {
            self.space(c, at..at);
        }
    }

    /// Reads one file; `at` maps all of an included file's text to the
    /// `\input` command in the top file.
    fn read_file(&mut self, text: &str, at: Option<Range<usize>>, name: &str, depth: usize) {
        let mut c = Cursor {
            text,
            pos: 0,
            at,
            name,
            depth,
        };
        let base = self.frames.len();
        let failed = std::mem::take(&mut self.failed);
        let b = text.as_bytes();
        while c.pos < b.len() && !self.stopped {
            let s = c.pos;
            match b[s] {
                b'\\' => self.command(&mut c),
                b'{' => {
                    if self.frames.len() < MAX_FRAMES {
                        self.push_frame(&c, GroupKind::Plain, b'}', s);
                    } else {
                        self.overflow += 1;
                    }
                    c.pos += 1;
                }
                b'}' if self.overflow > 0 => {
                    self.overflow -= 1;
                    c.pos += 1;
                }
                b'}' => {
                    c.pos += 1;
                    let inside = match self.frames.last() {
                        Some(Frame::Group { close: b'}', .. }) => None,
                        Some(Frame::Env { name, .. }) => Some(Some(name.clone())),
                        _ => Some(None),
                    };
                    match inside {
                        None => self.pop_frame(&c, c.src(s..s + 1)),
                        Some(Some(env)) => {
                            let msg = format!("`}}` with no `{{` inside \\begin{{{env}}}: ignored");
                            self.warn_at(&c, s, &msg);
                        }
                        Some(None) => self.warn_at(&c, s, "`}` with no `{` before it: ignored"),
                    }
                }
                b']' => {
                    c.pos += 1;
                    if matches!(self.frames.last(), Some(Frame::Group { close: b']', .. })) {
                        self.pop_frame(&c, c.src(s..s + 1));
                    } else {
                        self.text(&c, "]", s..s + 1);
                    }
                }
                b'%' => {
                    c.pos = memchr::memchr(b'\n', &b[s..]).map_or(b.len(), |n| s + n + 1);
                    while c.pos < b.len() && (b[c.pos] == b' ' || b[c.pos] == b'\t') {
                        c.pos += 1;
                    }
                    if c.peek() == Some(b'\n') {
                        self.blank_lines(&mut c);
                    }
                }
                b'$' => self.dollar(&mut c),
                b'~' => {
                    c.pos += 1;
                    self.space(&c, s..s + 1);
                }
                b'\n' => {
                    if c.blank_after(s) {
                        self.blank_lines(&mut c);
                    } else {
                        c.pos += 1;
                        self.space(&c, s..s + 1);
                        while c.pos < b.len() && (b[c.pos] == b' ' || b[c.pos] == b'\t') {
                            c.pos += 1;
                        }
                    }
                }
                b' ' | b'\t' => {
                    while c.pos < b.len() && (b[c.pos] == b' ' || b[c.pos] == b'\t') {
                        c.pos += 1;
                    }
                    self.space(&c, s..c.pos);
                }
                b'`' => {
                    let two = b.get(s + 1) == Some(&b'`');
                    c.pos += if two { 2 } else { 1 };
                    self.text(&c, if two { "“" } else { "‘" }, s..c.pos);
                }
                b'\'' => {
                    let two = b.get(s + 1) == Some(&b'\'');
                    c.pos += if two { 2 } else { 1 };
                    self.text(&c, if two { "”" } else { "’" }, s..c.pos);
                }
                b'-' => {
                    let n = b[s..].iter().take(3).take_while(|&&x| x == b'-').count();
                    c.pos += n;
                    self.text(&c, ["-", "–", "—"][n - 1], s..c.pos);
                }
                _ => {
                    c.pos += 1;
                    while c.pos < b.len() && !is_special(b[c.pos]) {
                        c.pos += 1;
                    }
                    self.text(&c, &text[s..c.pos], s..c.pos);
                }
            }
        }
        if !self.stopped && self.frames.len() > base {
            let (open, _, what) = self.frames[base].opened();
            self.warn_at(&c, open, &what);
            let end = c.src(b.len()..b.len());
            while self.frames.len() > base {
                self.pop_frame(&c, end.clone());
            }
        }
        self.failed = failed;
    }

    /// At a line break that a blank line follows: skips the blank lines and
    /// ends the paragraph.
    fn blank_lines(&mut self, c: &mut Cursor) {
        let at = c.pos;
        let b = c.text.as_bytes();
        while c.pos < b.len() && b[c.pos].is_ascii_whitespace() {
            c.pos += 1;
        }
        self.par_break(c, at);
    }
}

impl Reader<'_> {
    #[allow(clippy::type_complexity)]
    fn finish(mut self) -> (Meta, Vec<Block>, Vec<String>, Vec<PathBuf>, Vec<PathBuf>) {
        // `\end{document}` inside a group: the group closes quietly
        while !self.frames.is_empty() {
            let end = self.blocks.last().map_or(0, |b| b.span.end);
            let c = Cursor {
                text: "",
                pos: 0,
                at: Some(end..end),
                name: "",
                depth: usize::MAX,
            };
            self.pop_frame(&c, end..end);
        }
        while let Some((_, b)) = self.sinks.pop() {
            Self::keep(&mut self.pending, b);
        }
        self.state = Saved::default();
        self.finish_para();
        for p in std::mem::take(&mut self.pending) {
            Self::keep(&mut self.blocks, p);
        }
        // heading levels from the topmost sectioning command used
        if let Some(top) = self
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Heading)
            .map(|b| b.level)
            .min()
        {
            for b in self
                .blocks
                .iter_mut()
                .filter(|b| b.kind == BlockKind::Heading)
            {
                b.level = (b.level - top + 1).min(6);
            }
        }
        if let (Some(t), Some(span)) = (&self.meta.title, self.title_span) {
            let mut b = Block::new(BlockKind::Title, 1, 0, span);
            b.push(t, span.start..span.end);
            self.blocks.insert(0, b);
        }
        if self.more_warnings > 0 {
            self.warnings.push(format!(
                "… and {} more warnings like these",
                self.more_warnings
            ));
        }
        if !self.dropped.is_empty() {
            let total: usize = self.dropped.values().sum();
            let mut by_count: Vec<(&String, &usize)> = self.dropped.iter().collect();
            by_count.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let mut names: Vec<String> = by_count
                .iter()
                .take(6)
                .map(|(n, k)| format!("\\{n} ({k})"))
                .collect();
            if by_count.len() > 6 {
                names.push("…".into());
            }
            let name = self.reading_name();
            self.warnings.push(format!(
                "{name}{total} unknown LaTeX macro{} dropped (their text kept where it reads as text): {}",
                if total == 1 { "" } else { "s" },
                names.join(", ")
            ));
        }
        (
            self.meta,
            self.blocks,
            self.warnings,
            self.includes,
            self.bibliographies,
        )
    }

    fn reading_name(&self) -> String {
        self.opts
            .file
            .as_deref()
            .map(|f| format!("{}: ", f.display()))
            .unwrap_or_default()
    }
}

/// Bytes that end a run of plain text.
fn is_special(b: u8) -> bool {
    matches!(
        b,
        b'\\'
            | b'{'
            | b'}'
            | b']'
            | b'%'
            | b'$'
            | b'~'
            | b'\n'
            | b' '
            | b'\t'
            | b'`'
            | b'\''
            | b'-'
    )
}

#[cfg(test)]
mod tests;
