//! A position in one LaTeX file, and the scans that look ahead from it.

use std::ops::Range;

/// One file being read, and where.
pub(super) struct Cursor<'t> {
    pub(super) text: &'t str,
    pub(super) pos: usize,
    /// The span in the top file that all text of an included file maps to.
    pub(super) at: Option<Range<usize>>,
    pub(super) name: &'t str,
    pub(super) depth: usize,
}

impl Cursor<'_> {
    pub(super) fn src(&self, r: Range<usize>) -> Range<usize> {
        match &self.at {
            Some(a) => a.clone(),
            None => r,
        }
    }

    pub(super) fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    /// Whether the line after the line break at `nl` is blank (or the end).
    pub(super) fn blank_after(&self, nl: usize) -> bool {
        let b = self.text.as_bytes();
        let mut j = nl + 1;
        while j < b.len() && (b[j] == b' ' || b[j] == b'\t') {
            j += 1;
        }
        j >= b.len() || b[j] == b'\n'
    }

    /// Skips spaces and tabs, and one line break unless a blank line follows:
    /// what TeX skips after a control word and between arguments.
    pub(super) fn skip_spaces(&mut self) {
        let b = self.text.as_bytes();
        while self.pos < b.len() && (b[self.pos] == b' ' || b[self.pos] == b'\t') {
            self.pos += 1;
        }
        if self.peek() == Some(b'\n') && !self.blank_after(self.pos) {
            self.pos += 1;
            while self.pos < b.len() && (b[self.pos] == b' ' || b[self.pos] == b'\t') {
                self.pos += 1;
            }
        }
    }

    /// The end of the group or bracket opened at `open`, scanning at most
    /// `limit` bytes and never past a blank line (`long` lifts both).
    pub(super) fn find_close(&self, open: usize, long: bool, limit: usize) -> Result<usize, usize> {
        let b = self.text.as_bytes();
        let (o, cl) = if b.get(open) == Some(&b'[') {
            (b'[', b']')
        } else {
            (b'{', b'}')
        };
        let mut depth = 0usize;
        let mut braces = 0usize;
        let mut i = open;
        let end = if long {
            b.len()
        } else {
            b.len().min(open.saturating_add(limit))
        };
        while i < end {
            match b[i] {
                b'\\' => i += 1,
                b'%' => {
                    i = memchr::memchr(b'\n', &b[i..end]).map_or(end, |n| i + n);
                    continue;
                }
                b'\n' if !long && self.blank_after(i) => return Err(i),
                c if c == o && (o == b'{' || braces == 0) => depth += 1,
                c if c == cl && (cl == b'}' || braces == 0) => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(i);
                    }
                }
                b'{' => braces += 1,
                b'}' => braces = braces.saturating_sub(1),
                _ => {}
            }
            i += 1;
        }
        Err(end)
    }
}
