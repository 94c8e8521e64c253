//! `\\input`, `\\include` and `\\bibliography`: the files beside a LaTeX
//! document that brief reads.

use std::path::{Path, PathBuf};

use super::commands;
use super::cursor::Cursor;
use super::{Reader, MAX_INCLUDE_DEPTH};
use crate::read::SourceText;

impl Reader<'_> {
    /// The file name argument of `\input{…}` (or `\input name`).
    pub(super) fn file_arg(&mut self, c: &mut Cursor) -> Option<String> {
        if c.peek() == Some(b'{') {
            let r = self.skip_group(c, false)?;
            return Some(c.text[r].trim().to_string());
        }
        let b = c.text.as_bytes();
        let n = b[c.pos..]
            .iter()
            .take_while(|x| !x.is_ascii_whitespace() && !matches!(x, b'\\' | b'{' | b'}' | b'%'))
            .count();
        (n > 0).then(|| {
            let t = c.text[c.pos..c.pos + n].to_string();
            c.pos += n;
            t
        })
    }

    pub(super) fn input(&mut self, c: &mut Cursor, always_tex: bool, s: usize) {
        let Some(name) = self.file_arg(c) else {
            return;
        };
        if self.preamble || !self.visible() {
            return;
        }
        if always_tex {
            self.par_break(c, s);
        }
        let cmd = if always_tex { "include" } else { "input" };
        let not_followed = |why: &str| format!("\\{cmd}{{{name}}} not followed: {why}");
        if let Some(why) = commands::refuse_path(&name) {
            return self.warn_at(c, s, &not_followed(why));
        }
        let Some((dir, given_dir)) = self.dirs() else {
            return self.warn_at(
                c,
                s,
                &not_followed("standard input has no folder to read it from"),
            );
        };
        if c.depth + 1 > MAX_INCLUDE_DEPTH {
            let why = format!("files nest more than {MAX_INCLUDE_DEPTH} deep");
            return self.warn_at(c, s, &not_followed(&why));
        }
        let tex = format!("{name}.tex");
        let candidates: Vec<&str> = if always_tex || Path::new(&name).extension().is_none() {
            vec![tex.as_str(), name.as_str()]
        } else {
            vec![name.as_str(), tex.as_str()]
        };
        let Some(rel) = candidates.into_iter().find(|n| dir.join(n).is_file()) else {
            return self.warn_at(
                c,
                s,
                &format!("\\{cmd}{{{name}}}: no such file beside the document"),
            );
        };
        let path = dir.join(rel);
        let canon = match path.canonicalize() {
            Ok(p) if p.starts_with(&dir) => p,
            _ => {
                return self.warn_at(
                    c,
                    s,
                    &not_followed("it leads outside the document's folder"),
                )
            }
        };
        if self.reading.contains(&canon) {
            return self.warn_at(
                c,
                s,
                &not_followed("the file is already being read (an \\input loop)"),
            );
        }
        let budget = self.opts.max_size.saturating_sub(self.included_bytes);
        let text = match crate::read::source::read_text_file(&path, budget) {
            Ok(t) => t,
            Err(e) => return self.warn_at(c, s, &format!("\\{cmd}{{{name}}}: {e}")),
        };
        self.included_bytes += text.len() as u64;
        let shown = given_dir.join(rel);
        if !self.includes.contains(&shown) {
            self.includes.push(shown.clone());
        }
        let source = SourceText::new(shown.display().to_string(), &text);
        let at = c.src(s..c.pos);
        self.reading.push(canon);
        self.read_file(&source.text, Some(at), &source.name, c.depth + 1);
        self.reading.pop();
        if always_tex {
            self.par_break(c, c.pos);
        }
    }

    /// The document's folder, canonical (to check paths against) and as
    /// given (to name files in the depfile as the document was named).
    pub(super) fn dirs(&self) -> Option<(PathBuf, PathBuf)> {
        let file = self.opts.file.as_deref()?;
        let given = file.parent().unwrap_or(Path::new("")).to_path_buf();
        let dir = if given.as_os_str().is_empty() {
            Path::new(".")
        } else {
            given.as_path()
        };
        Some((dir.canonicalize().ok()?, given))
    }

    pub(super) fn bibliography(&mut self, c: &mut Cursor, add_ext: bool, s: usize) {
        self.skip_options(c);
        if c.peek() != Some(b'{') {
            return;
        }
        let Some(r) = self.skip_group(c, false) else {
            return;
        };
        if self.state.skip > 0 {
            return;
        }
        let names: Vec<String> = c.text[r]
            .split(',')
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
            .collect();
        for name in names {
            let file = if add_ext && Path::new(&name).extension().is_none() {
                format!("{name}.bib")
            } else {
                name.clone()
            };
            if let Some(why) = commands::refuse_path(&file) {
                self.warn_at(c, s, &format!("bibliography {file} not read: {why}"));
                continue;
            }
            let Some((dir, given)) = self.dirs() else {
                continue;
            };
            if !dir.join(&file).is_file() {
                self.warn_at(
                    c,
                    s,
                    &format!("bibliography {file}: no such file beside the document"),
                );
                continue;
            }
            let shown = given.join(&file);
            if !self.bibliographies.contains(&shown) {
                self.bibliographies.push(shown);
            }
        }
    }
}
