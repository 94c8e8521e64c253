//! Loading input bytes and normalising them to clean UTF-8 text.
//!
//! Readers work on normalised text (no byte-order mark, `\n` line endings);
//! [`SourceText::original`] maps offsets in that text back to offsets in the
//! original input, so spans in the outline point into the file as it is on
//! disk.

use std::path::{Path, PathBuf};

use super::ReadError;

/// The default limit on the size of one input, in bytes (64 MiB).
pub const DEFAULT_MAX_INPUT: u64 = 64 * 1024 * 1024;

/// Where an input came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A file on disk.
    File(PathBuf),
    /// Standard input (`-`).
    Stdin,
}

impl Origin {
    /// Parses a command-line argument: `-` is standard input.
    pub fn from_arg(arg: &str) -> Origin {
        if arg == "-" {
            Origin::Stdin
        } else {
            Origin::File(PathBuf::from(arg))
        }
    }

    /// The name used in messages: the path as given, or `<stdin>`.
    pub fn display_name(&self) -> String {
        match self {
            Origin::File(p) => p.display().to_string(),
            Origin::Stdin => "<stdin>".to_string(),
        }
    }

    /// The file's path, if any.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Origin::File(p) => Some(p),
            Origin::Stdin => None,
        }
    }
}

/// Normalised input text with a map back to the original bytes.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// Display name of the input (path or `<stdin>`).
    pub name: String,
    /// The text: UTF-8, no BOM, `\n` line endings.
    pub text: String,
    /// Offsets (in `text`) at which one original byte was dropped, sorted.
    removed: Vec<usize>,
}

impl SourceText {
    /// Normalises already-decoded text (drops a BOM, turns CRLF and lone CR into LF).
    pub fn new(name: impl Into<String>, raw: &str) -> SourceText {
        let mut removed = Vec::new();
        let mut body = raw;
        if let Some(rest) = body.strip_prefix('\u{feff}') {
            removed.extend([0, 0, 0]);
            body = rest;
        }
        let mut text = String::with_capacity(body.len());
        let bytes = body.as_bytes();
        let mut last = 0;
        for i in memchr::memchr_iter(b'\r', bytes) {
            text.push_str(&body[last..i]);
            if bytes.get(i + 1) == Some(&b'\n') {
                removed.push(text.len());
            } else {
                text.push('\n');
            }
            last = i + 1;
        }
        text.push_str(&body[last..]);
        SourceText {
            name: name.into(),
            text,
            removed,
        }
    }

    /// [`SourceText::new`] on owned text, which is kept as it is (not
    /// copied) when it has no BOM and no carriage return, as most input.
    pub fn from_string(name: impl Into<String>, raw: String) -> SourceText {
        if raw.starts_with('\u{feff}') || memchr::memchr(b'\r', raw.as_bytes()).is_some() {
            return SourceText::new(name, &raw);
        }
        SourceText {
            name: name.into(),
            text: raw,
            removed: Vec::new(),
        }
    }

    /// Maps an offset in the normalised text to an offset in the original input.
    pub fn original(&self, offset: usize) -> usize {
        offset + self.removed.partition_point(|&p| p <= offset)
    }

    /// Maps an offset in the original input to one in the normalised text
    /// (a dropped byte maps to the character after it).
    pub fn normalised(&self, original: usize) -> usize {
        // The k-th dropped byte stood at `removed[k] + k` in the original.
        let dropped = self
            .removed
            .iter()
            .enumerate()
            .take_while(|&(k, &p)| p + k < original)
            .count();
        original - dropped
    }

    /// 1-based line and column (in characters) of an offset in the normalised text.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        line_col(&self.text, offset)
    }
}

/// 1-based line and column (in characters) of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// Reads an input whole, checking that it is a non-empty UTF-8 text file.
///
/// At most `max_size + 1` bytes are read whatever the input is (a pipe,
/// `/dev/zero`, a file growing while it is read), so an input over the
/// limit is refused without first filling memory with it.
pub fn load(origin: &Origin, max_size: u64) -> Result<SourceText, ReadError> {
    let name = origin.display_name();
    let io_error = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => ReadError::NotFound { file: name.clone() },
        _ => ReadError::Io {
            file: name.clone(),
            source: e,
        },
    };
    let bytes = match origin {
        Origin::Stdin => read_capped(std::io::stdin().lock(), max_size, 0).map_err(io_error)?,
        Origin::File(path) => {
            let file = std::fs::File::open(path).map_err(io_error)?;
            let meta = file.metadata().map_err(io_error)?;
            if meta.is_dir() {
                return Err(ReadError::IsDirectory { file: name });
            }
            if meta.is_file() && meta.len() > max_size {
                return Err(ReadError::TooLarge {
                    file: name,
                    size: meta.len(),
                    limit: max_size,
                });
            }
            let hint = if meta.is_file() { meta.len() } else { 0 };
            read_capped(file, max_size, hint).map_err(io_error)?
        }
    };
    decode(name, bytes, max_size)
}

/// Reads from `r` until its end or until one byte past `limit`, whichever
/// comes first; `size_hint` is the expected size, to allocate once.
fn read_capped(r: impl std::io::Read, limit: u64, size_hint: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    // The hint is the size a regular file had when it was opened; never
    // trust it beyond the limit.
    let capacity = usize::try_from(size_hint.min(limit)).unwrap_or(0);
    let mut buf = Vec::with_capacity(capacity);
    r.take(limit.saturating_add(1)).read_to_end(&mut buf)?;
    Ok(buf)
}

/// Reads a whole UTF-8 text file (a bibliography, style, config or CSL
/// file), refusing one over `limit` bytes, whatever kind of file it is,
/// with an [`std::io::ErrorKind::FileTooLarge`] error.
pub fn read_text_file(path: &Path, limit: u64) -> std::io::Result<String> {
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if meta.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "is a directory",
        ));
    }
    let hint = if meta.is_file() { meta.len() } else { 0 };
    let bytes = if meta.is_file() && meta.len() > limit {
        Vec::new()
    } else {
        read_capped(file, limit, hint)?
    };
    if bytes.len() as u64 > limit || (meta.is_file() && meta.len() > limit) {
        return Err(too_large(limit));
    }
    String::from_utf8(bytes).map_err(|e| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "invalid UTF-8 at byte offset {}",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

/// Reads standard input as [`read_text_file`] reads a file.
pub fn read_text_stdin(limit: u64) -> std::io::Result<String> {
    let bytes = read_capped(std::io::stdin().lock(), limit, 0)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(limit));
    }
    String::from_utf8(bytes).map_err(|e| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "invalid UTF-8 at byte offset {}",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

fn too_large(limit: u64) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::FileTooLarge,
        format!("larger than the limit of {limit} bytes"),
    )
}

/// Checks and decodes input bytes.
pub fn decode(name: String, bytes: Vec<u8>, max_size: u64) -> Result<SourceText, ReadError> {
    if bytes.len() as u64 > max_size {
        return Err(ReadError::TooLarge {
            file: name,
            size: bytes.len() as u64,
            limit: max_size,
        });
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    if body.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ReadError::Empty { file: name });
    }
    if let Some(offset) = binary_marker(&bytes) {
        return Err(ReadError::Binary { file: name, offset });
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        ReadError::InvalidUtf8 {
            file: name.clone(),
            offset,
        }
    })?;
    Ok(SourceText::from_string(name, text))
}

/// The offset of a NUL byte in the first 8 KiB, the usual sign of a binary file
/// (as git and grep decide). Later NULs are kept and treated as text.
fn binary_marker(bytes: &[u8]) -> Option<usize> {
    let head = &bytes[..bytes.len().min(8192)];
    memchr::memchr(0, head)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_and_bom_map_back() {
        let s = SourceText::new("t", "\u{feff}ab\r\ncd\r\n");
        assert_eq!(s.text, "ab\ncd\n");
        assert_eq!(s.original(0), 3);
        assert_eq!(s.original(3), 3 + 3 + 1); // 'c' after BOM and one CR
    }

    #[test]
    fn lone_cr_becomes_newline() {
        let s = SourceText::new("t", "a\rb");
        assert_eq!(s.text, "a\nb");
        assert_eq!(s.original(2), 2);
    }

    #[test]
    fn invalid_utf8_reports_offset() {
        let err = decode("f".into(), b"abc\xffdef".to_vec(), 100).unwrap_err();
        assert!(matches!(err, ReadError::InvalidUtf8 { offset: 3, .. }));
    }

    #[test]
    fn empty_and_binary() {
        assert!(matches!(
            decode("f".into(), b"  \n".to_vec(), 100),
            Err(ReadError::Empty { .. })
        ));
        assert!(matches!(
            decode("f".into(), b"ab\0cd".to_vec(), 100),
            Err(ReadError::Binary { offset: 2, .. })
        ));
    }

    #[test]
    fn line_col_counts_chars() {
        assert_eq!(line_col("ab\ncé d", 7), (2, 4));
    }
}
