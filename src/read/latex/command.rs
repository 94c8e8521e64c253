//! The LaTeX reader's commands, environments, math and arguments.

use std::ops::Range;

use super::commands::{self, Action, CiteGroup, CiteStyle, EnvKind, MetaKind};
use super::cursor::Cursor;
use super::{is_special, Frame, GroupKind, Reader, Sink, SHORT};
use crate::outline::model::Span;
use crate::read::{Block, BlockKind};

impl Reader<'_> {
    /// The index where `closer` next stands from `from` (the end of a
    /// math formula), never past a blank line.
    pub(super) fn find_math_end(&mut self, c: &Cursor, from: usize, closer: &str) -> Option<usize> {
        if self.failed.get(closer).is_some_and(|&f| from <= f) {
            return None;
        }
        let b = c.text.as_bytes();
        let cl = closer.as_bytes();
        let mut i = from;
        while i < b.len() {
            match b[i] {
                b'\\' if cl[0] == b'\\' && b[i..].starts_with(cl) => return Some(i),
                b'\\' => i += 1,
                b'$' if cl[0] == b'$' && b[i..].starts_with(cl) => return Some(i),
                b'%' => {
                    i = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |n| i + n);
                    continue;
                }
                b'\n' if c.blank_after(i) => break,
                _ => {}
            }
            i += 1;
        }
        self.failed.insert(closer.to_string(), i);
        None
    }

    pub(super) fn dollar(&mut self, c: &mut Cursor) {
        let s = c.pos;
        let display = c.text.as_bytes().get(s + 1) == Some(&b'$');
        let (open, closer) = if display { (2, "$$") } else { (1, "$") };
        match self.find_math_end(c, s + open, closer) {
            Some(e) => {
                c.pos = e + open;
                if !display {
                    let t = commands::math_text(&c.text[s + 1..e]);
                    self.text(c, &t, s..c.pos);
                }
            }
            None => {
                self.warn_at(c, s, "math that is not closed before the paragraph ends");
                c.pos = s + open;
            }
        }
    }

    /// A control symbol: `\\`, `\&`, `\'e`, `\(`, …
    pub(super) fn control_symbol(&mut self, c: &mut Cursor) {
        let s = c.pos;
        let Some(ch) = c.text[s + 1..].chars().next() else {
            c.pos += 1;
            return;
        };
        c.pos = s + 1 + ch.len_utf8();
        match ch {
            '\\' => {
                if c.peek() == Some(b'*') {
                    c.pos += 1;
                }
                if c.peek() == Some(b'[') {
                    self.skip_bracket(c);
                }
                if matches!(self.sinks.last(), Some((Sink::Meta(MetaKind::Author), _))) {
                    self.text(c, "\u{2}", s..c.pos);
                } else {
                    self.space(c, s..c.pos);
                }
            }
            '&' | '%' | '$' | '#' | '_' | '{' | '}' => {
                let mut buf = [0u8; 4];
                self.text(c, ch.encode_utf8(&mut buf), s..c.pos);
            }
            ',' => self.text(c, "\u{202f}", s..c.pos),
            ';' | ':' | ' ' | '\n' | '\t' => self.space(c, s..c.pos),
            '\'' | '`' | '^' | '"' | '~' | '=' | '.' => self.accent(c, ch, s, false),
            '(' | '[' => {
                let closer = if ch == '(' { "\\)" } else { "\\]" };
                match self.find_math_end(c, c.pos, closer) {
                    Some(e) => {
                        let inner = &c.text[c.pos..e];
                        c.pos = e + 2;
                        if ch == '(' {
                            let t = commands::math_text(inner);
                            self.text(c, &t, s..c.pos);
                        }
                    }
                    None => self.warn_at(c, s, "math that is not closed before the paragraph ends"),
                }
            }
            _ => {}
        }
    }

    /// An accent on the letter or group that follows.
    pub(super) fn accent(&mut self, c: &mut Cursor, cmd: char, s: usize, letter: bool) {
        if letter {
            c.skip_spaces();
        }
        let b = c.text.as_bytes();
        let base: String = match c.peek() {
            Some(b'{') => match c.find_close(c.pos, false, 16) {
                Ok(e) => {
                    let inner = c.text[c.pos + 1..e].trim().to_string();
                    c.pos = e + 1;
                    inner
                }
                Err(_) => String::new(),
            },
            Some(b'\\') => {
                let n = b[c.pos + 1..]
                    .iter()
                    .take_while(|x| x.is_ascii_alphabetic())
                    .count();
                let t = c.text[c.pos..c.pos + 1 + n].to_string();
                c.pos += 1 + n;
                t
            }
            Some(x) if !x.is_ascii_whitespace() && !is_special(x) || x == b'-' => {
                let ch = c.text[c.pos..].chars().next().unwrap_or(' ');
                c.pos += ch.len_utf8();
                ch.to_string()
            }
            _ => String::new(),
        };
        let out = if base.is_empty() {
            // `\~{}` is the accent itself
            cmd.to_string()
        } else {
            let key = (cmd, base);
            if let Some(v) = self.accents.get(&key) {
                v.clone()
            } else {
                let v = crate::cite::latex::accent(cmd, &key.1);
                self.accents.insert(key, v.clone());
                v
            }
        };
        self.text(c, &out, s..c.pos);
    }

    /// Skips `[…]` at the cursor, returning what it held; a bracket that
    /// does not close soon is left as text.
    pub(super) fn skip_bracket(&mut self, c: &mut Cursor) -> Option<Range<usize>> {
        match c.find_close(c.pos, false, SHORT) {
            Ok(e) => {
                let r = c.pos + 1..e;
                c.pos = e + 1;
                Some(r)
            }
            Err(_) => None,
        }
    }

    /// Skips the `{…}` at the cursor whole, returning what it held. An
    /// argument that a blank line ends (or the end of the file, for a
    /// `long` one) is a warning, and reading goes on from there.
    pub(super) fn skip_group(&mut self, c: &mut Cursor, long: bool) -> Option<Range<usize>> {
        let open = c.pos;
        match c.find_close(open, long, usize::MAX) {
            Ok(e) => {
                c.pos = e + 1;
                Some(open + 1..e)
            }
            Err(stop) => {
                self.warn_at(c, open, "`{` is never closed");
                c.pos = stop;
                None
            }
        }
    }

    /// Skips any `[…]` options at the cursor.
    pub(super) fn skip_options(&mut self, c: &mut Cursor) {
        while c.peek() == Some(b'[') {
            if self.skip_bracket(c).is_none() {
                break;
            }
            c.skip_spaces();
        }
    }

    pub(super) fn command(&mut self, c: &mut Cursor) {
        let s = c.pos;
        let b = c.text.as_bytes();
        let n = b[s + 1..]
            .iter()
            .take_while(|x| x.is_ascii_alphabetic())
            .count();
        if n == 0 {
            return self.control_symbol(c);
        }
        let text = c.text;
        let name = &text[s + 1..s + 1 + n];
        c.pos = s + 1 + n;
        if c.peek() == Some(b'*') {
            c.pos += 1;
        }
        let word_end = c.pos;
        c.skip_spaces();
        let Some(action) = commands::action(name) else {
            if let Some(t) = self.user_macros.get(name).cloned() {
                return self.text(c, &t, s..word_end);
            }
            return self.unknown(c, name);
        };
        match action {
            Action::Heading(rank) => self.sink_command(c, Sink::Heading(rank), s),
            Action::Meta(kind) => self.sink_command(c, Sink::Meta(kind), s),
            Action::Footnote => self.sink_command(c, Sink::Footnote, s),
            Action::Caption => self.sink_command(c, Sink::Caption, s),
            Action::Cite(style, many) => self.cite(c, name, style, many, s),
            Action::Nothing => {
                if matches!(
                    name,
                    "hyperref" | "makebox" | "framebox" | "footnotemark" | "printbibliography"
                ) {
                    self.skip_options(c);
                }
            }
            Action::Skip(n) => {
                self.skip_options(c);
                for _ in 0..n {
                    c.skip_spaces();
                    if c.peek() != Some(b'{') || self.skip_group(c, false).is_none() {
                        break;
                    }
                }
                if name == "hspace" {
                    self.space(c, s..c.pos);
                }
            }
            Action::Url => {
                if c.peek() == Some(b'{') {
                    if let Some(r) = self.skip_group(c, false) {
                        let t = unescape(&c.text[r]);
                        self.text(c, &t, s..c.pos);
                    }
                }
            }
            Action::Symbol(sym) => self.text(c, sym, s..word_end),
            Action::Space => {
                if c.peek() == Some(b'[') {
                    self.skip_bracket(c);
                }
                self.space(c, s..word_end);
            }
            Action::Par => self.par_break(c, s),
            Action::Item => self.item(c),
            Action::Begin => self.begin(c, s),
            Action::End => self.end(c, s),
            Action::Input(always_tex) => self.input(c, always_tex, s),
            Action::Bibliography(add_ext) => self.bibliography(c, add_ext, s),
            Action::Verb => self.verb(c, s, word_end),
            Action::Accent(ch) => self.accent(c, ch, s, true),
            Action::Enquote => {
                if c.peek() == Some(b'{') && self.frames.len() < super::MAX_FRAMES {
                    self.text(c, "“", s..c.pos + 1);
                    self.push_frame(c, GroupKind::Enquote, b'}', c.pos);
                    c.pos += 1;
                }
            }
            Action::Define(bodies) => self.define(c, name, bodies),
            Action::IfFalse => self.if_false(c, s),
            Action::Quantity => self.quantity(c, name, s),
            Action::And => {
                if matches!(self.sinks.last(), Some((Sink::Meta(MetaKind::Author), _))) {
                    self.text(c, "\u{1}", s..word_end);
                } else {
                    self.space(c, s..word_end);
                }
            }
        }
    }

    /// `\iffalse … \fi`: skipped, conditionals nested inside counted.
    pub(super) fn if_false(&mut self, c: &mut Cursor, s: usize) {
        let b = c.text.as_bytes();
        let mut depth = 1usize;
        let mut i = c.pos;
        while i < b.len() {
            if b[i] == b'\\' {
                let n = b[i + 1..]
                    .iter()
                    .take_while(|x| x.is_ascii_alphabetic())
                    .count();
                let word = &c.text[i + 1..i + 1 + n];
                if word == "fi" {
                    depth -= 1;
                    if depth == 0 {
                        c.pos = i + 3;
                        return;
                    }
                } else if word.starts_with("if") {
                    depth += 1;
                }
                i += 1 + n.max(1);
                continue;
            }
            i += 1;
        }
        self.warn_at(c, s, "\\iffalse with no \\fi: read as text");
    }

    /// `\SI{5}{\percent}`, `\num{1000}`, `\si{\km}`: the number and the unit.
    pub(super) fn quantity(&mut self, c: &mut Cursor, name: &str, s: usize) {
        self.skip_options(c);
        let mut parts = Vec::new();
        let n = if matches!(name, "num" | "si") { 1 } else { 2 };
        for _ in 0..n {
            c.skip_spaces();
            if c.peek() != Some(b'{') {
                break;
            }
            match self.skip_group(c, false) {
                Some(r) => parts.push(commands::unit_text(&c.text[r])),
                None => return,
            }
        }
        let t = match parts.as_slice() {
            [num, unit] if unit.starts_with('%') => format!("{num}{unit}"),
            [num, unit] => format!("{num} {unit}"),
            [one] => one.clone(),
            _ => return,
        };
        self.text(c, &t, s..c.pos);
    }

    pub(super) fn sink_command(&mut self, c: &mut Cursor, sink: Sink, s: usize) {
        self.skip_options(c);
        if c.peek() == Some(b'{') {
            self.open_sink(c, sink, s);
        }
    }

    /// An unknown macro: dropped and counted; of the arguments that follow
    /// it, those that do not read as text (keys, sizes, options) go too,
    /// and the first that reads as text is read as a group.
    pub(super) fn unknown(&mut self, c: &mut Cursor, name: &str) {
        if self.visible() {
            *self.dropped.entry(name.to_string()).or_insert(0) += 1;
        }
        loop {
            match c.peek() {
                Some(b'[') => {
                    if c.find_close(c.pos, false, SHORT).is_err() {
                        return;
                    }
                    self.skip_bracket(c);
                }
                Some(b'{') => match c.find_close(c.pos, false, SHORT) {
                    Ok(e) if !commands::looks_like_text(&c.text[c.pos + 1..e]) => c.pos = e + 1,
                    _ => return,
                },
                _ => return,
            }
        }
    }

    pub(super) fn cite(
        &mut self,
        c: &mut Cursor,
        name: &str,
        style: CiteStyle,
        many: bool,
        s: usize,
    ) {
        let mut groups = Vec::new();
        if many {
            // global notes `(pre)(post)` are dropped
            while c.peek() == Some(b'(') {
                match memchr::memchr(b')', &c.text.as_bytes()[c.pos..]) {
                    Some(n) if n < SHORT => c.pos += n + 1,
                    _ => break,
                }
            }
        }
        loop {
            let mut notes = Vec::new();
            while c.peek() == Some(b'[') && notes.len() < 2 {
                match self.skip_bracket(c) {
                    Some(r) => notes.push(commands::note_text(&c.text[r])),
                    None => break,
                }
            }
            if c.peek() != Some(b'{') {
                break;
            }
            let Ok(e) = c.find_close(c.pos, false, SHORT) else {
                break;
            };
            let keys = c.text[c.pos + 1..e]
                .split(',')
                .map(|k| k.trim().to_string())
                .collect();
            c.pos = e + 1;
            let (pre, post) = match notes.len() {
                2 => (notes.remove(0), notes.remove(0)),
                1 => (String::new(), notes.remove(0)),
                _ => (String::new(), String::new()),
            };
            groups.push(CiteGroup { pre, post, keys });
            if !many {
                break;
            }
        }
        match commands::pandoc_citation(style, &groups) {
            Some(t) => self.text(c, &t, s..c.pos),
            None => self.unknown(c, name),
        }
    }

    pub(super) fn item(&mut self, c: &mut Cursor) {
        if !self.visible() {
            if c.peek() == Some(b'[') {
                self.skip_bracket(c);
            }
            return;
        }
        if self.sinks.is_empty() {
            self.finish_para();
        } else {
            self.space(c, c.pos..c.pos);
        }
        if c.peek() == Some(b'[') {
            if self.state.description
                && self.frames.len() < super::MAX_FRAMES
                && c.find_close(c.pos, false, SHORT).is_ok()
            {
                self.push_frame(c, GroupKind::Label, b']', c.pos);
                c.pos += 1;
            } else {
                self.skip_bracket(c);
            }
        }
    }

    /// The name in `{…}` after `\begin` or `\end`.
    pub(super) fn env_name(&self, c: &mut Cursor) -> Option<String> {
        if c.peek() != Some(b'{') {
            return None;
        }
        let e = c.find_close(c.pos, false, 64).ok()?;
        let name = c.text[c.pos + 1..e].trim().to_string();
        if name.is_empty()
            || !name
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() || ch == '*' || ch == '@')
        {
            return None;
        }
        c.pos = e + 1;
        Some(name)
    }

    pub(super) fn begin(&mut self, c: &mut Cursor, s: usize) {
        let Some(name) = self.env_name(c) else {
            return self.unknown(c, "begin");
        };
        let kind = commands::env_kind(&name);
        if self.frames.len() >= super::MAX_FRAMES
            && !matches!(kind, EnvKind::Code | EnvKind::Dropped)
        {
            let msg = format!("\\begin{{{name}}} nested too deep: read as text");
            return self.warn_at(c, s, &msg);
        }
        match kind {
            EnvKind::Code | EnvKind::Dropped => return self.raw_env(c, &name, kind, s),
            EnvKind::Document => {
                self.preamble = false;
                self.state.hidden = 0;
            }
            _ => {}
        }
        if matches!(kind, EnvKind::Quote | EnvKind::List(_) | EnvKind::Block) {
            self.finish_para();
        }
        self.frames.push(Frame::Env {
            name: name.clone(),
            kind,
            at: s,
            depth: c.depth,
            saved: self.state,
        });
        match kind {
            EnvKind::Quote => self.state.quote = self.state.quote.saturating_add(1),
            EnvKind::List(d) => {
                self.state.list = self.state.list.saturating_add(1);
                self.state.description = d;
            }
            EnvKind::Float => {
                self.state.hidden += 1;
                self.state.floats += 1;
            }
            _ => {}
        }
        let (opt, n) = commands::env_args(&name);
        c.skip_spaces();
        if opt && c.peek() == Some(b'[') {
            self.skip_bracket(c);
        }
        for _ in 0..n {
            c.skip_spaces();
            if c.peek() != Some(b'{') || self.skip_group(c, false).is_none() {
                break;
            }
        }
    }

    /// An environment read to its `\end` as it is: code is kept as a code
    /// block, the rest dropped.
    pub(super) fn raw_env(&mut self, c: &mut Cursor, name: &str, kind: EnvKind, s: usize) {
        if kind == EnvKind::Code && c.peek() == Some(b'[') {
            self.skip_bracket(c);
        }
        let from = c.pos;
        let end_pat = format!("\\end{{{name}}}");
        let begin_pat = format!("\\begin{{{name}}}");
        let key = format!("env:{name}");
        let found = if self.failed.get(&key).is_some_and(|&f| from <= f) {
            None
        } else {
            let mut i = from;
            let mut open = 0usize;
            loop {
                let Some(e) = c.text[i..].find(&end_pat).map(|n| i + n) else {
                    self.failed.insert(key, c.text.len());
                    break None;
                };
                if kind == EnvKind::Dropped {
                    open += c.text[i..e].matches(&begin_pat).count();
                }
                if open == 0 {
                    break Some(e);
                }
                open -= 1;
                i = e + end_pat.len();
            }
        };
        let Some(e) = found else {
            let msg = format!("\\begin{{{name}}} is never ended");
            self.warn_at(c, s, &msg);
            return;
        };
        c.pos = e + end_pat.len();
        if kind == EnvKind::Code && self.visible() && self.sinks.is_empty() {
            self.finish_para();
            let body = &c.text[from..e];
            let lead = body.len() - body.trim_start().len();
            let t = body.trim();
            let src = c.src(from + lead..from + lead + t.len());
            let mut b = Block::new(
                BlockKind::Code,
                0,
                self.state.quote,
                Span::from(src.clone()),
            );
            b.push(t, src);
            Self::keep(&mut self.blocks, b);
        }
    }

    pub(super) fn end(&mut self, c: &mut Cursor, s: usize) {
        let Some(name) = self.env_name(c) else {
            return self.unknown(c, "end");
        };
        if name == "document" && self.state.skip == 0 {
            self.stopped = true;
            let inside = self
                .frames
                .iter()
                .position(|f| matches!(f, Frame::Env { name: n, .. } if n == "document"))
                .map_or(0, |i| i + 1);
            if let Some((at, depth, what)) = self.frames.get(inside).map(Frame::opened) {
                if depth == c.depth {
                    self.warn_at(c, at, &what);
                }
            }
            return;
        }
        let found = self
            .frames
            .iter()
            .rposition(|f| matches!(f, Frame::Env { name: n, .. } if *n == name));
        let Some(i) = found else {
            let msg = format!("\\end{{{name}}} with no \\begin{{{name}}}: ignored");
            return self.warn_at(c, s, &msg);
        };
        if self.frames.len() > i + 1 {
            if let Frame::Group { at, depth, .. } = self.frames[i + 1] {
                if depth == c.depth {
                    let msg = format!("`{{` is not closed before \\end{{{name}}}");
                    self.warn_at(c, at, &msg);
                }
            }
        }
        while self.frames.len() > i {
            self.pop_frame(c, c.src(s..c.pos));
        }
    }

    pub(super) fn verb(&mut self, c: &mut Cursor, s: usize, word_end: usize) {
        // `\verb` takes the very next character as its delimiter
        c.pos = word_end;
        if c.peek() == Some(b'[') {
            self.skip_bracket(c);
        }
        let Some(d) = c.text[c.pos..].chars().next() else {
            return;
        };
        if d == '{' {
            if let Some(r) = self.skip_group(c, false) {
                let t = c.text[r].to_string();
                self.text(c, &t, s..c.pos);
            }
            return;
        }
        let from = c.pos + d.len_utf8();
        let line_end =
            memchr::memchr(b'\n', &c.text.as_bytes()[from..]).map_or(c.text.len(), |n| from + n);
        match c.text[from..line_end].find(d) {
            Some(n) => {
                c.pos = from + n + d.len_utf8();
                let t = c.text[from..from + n].to_string();
                self.text(c, &t, s..c.pos);
            }
            None => c.pos = from,
        }
    }

    pub(super) fn define(&mut self, c: &mut Cursor, name: &str, bodies: u8) {
        // the macro's name: `{\x}`, `\x` or `{env}`
        let name_start = c.pos;
        if c.peek() == Some(b'{') {
            if self.skip_group(c, false).is_none() {
                return;
            }
        } else if c.peek() == Some(b'\\') {
            skip_control_sequence(c);
        }
        let defined = c.text[name_start..c.pos]
            .trim_matches(|ch: char| ch == '{' || ch == '}' || ch.is_whitespace())
            .strip_prefix('\\')
            .map(str::to_string);
        if name == "let" {
            c.skip_spaces();
            if c.peek() == Some(b'=') {
                c.pos += 1;
                c.skip_spaces();
            }
            if c.peek() == Some(b'\\') {
                skip_control_sequence(c);
            }
            return;
        }
        if name.ends_with("def") {
            // the parameter text, `#1#2`, up to the body
            let n = c.text.as_bytes()[c.pos..]
                .iter()
                .take(64)
                .take_while(|x| x.is_ascii() && **x != b'{' && **x != b'\n')
                .count();
            c.pos += n;
        }
        c.skip_spaces();
        let takes_args = c.peek() == Some(b'[');
        self.skip_options(c);
        for i in 0..bodies {
            let b = c.text.as_bytes();
            while c.pos < b.len() && b[c.pos].is_ascii_whitespace() {
                c.pos += 1;
            }
            if c.peek() != Some(b'{') {
                break;
            }
            let Some(body) = self.skip_group(c, true) else {
                break;
            };
            // `\newcommand{\org}{Basin Authority}`: a macro that stands for
            // plain text is read as that text where it is used
            if i == 0 && !takes_args && !name.ends_with("environment") {
                if let (Some(m), Some(t)) = (&defined, commands::macro_text(&c.text[body])) {
                    self.user_macros.insert(m.clone(), t);
                }
            }
            if name == "newtheorem" {
                c.skip_spaces();
                self.skip_options(c);
            }
        }
    }
}

/// Skips `\name` (letters and `@`) or `\c` (one character) at the cursor.
fn skip_control_sequence(c: &mut Cursor) {
    let b = c.text.as_bytes();
    let n = b[c.pos + 1..]
        .iter()
        .take_while(|x| x.is_ascii_alphabetic() || **x == b'@')
        .count();
    c.pos += 1 + if n > 0 {
        n
    } else {
        c.text[c.pos + 1..].chars().next().map_or(0, char::len_utf8)
    };
}

/// A URL as written, `\%` and `\#` unescaped.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(ch) = chars.next() {
        if ch == '\\' {
            if let Some(n) = chars.next() {
                out.push(n);
            }
        } else if !ch.is_whitespace() {
            out.push(ch);
        }
    }
    out
}
