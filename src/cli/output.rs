//! Writing results: to standard output, or atomically to a file.
//!
//! `-o FILE` writes to a temporary file in the same folder and renames it
//! into place, so a failed run never leaves a half-written or emptied file.
//! brief refuses to write over one of its own inputs.

use std::io::Write;
use std::path::{Path, PathBuf};

use thiserror::Error;

/// Errors of the output stage.
#[derive(Debug, Error)]
pub enum OutputError {
    /// The output file is one of the inputs.
    #[error("{file}: refusing to write over an input file")]
    WouldOverwriteInput {
        /// The output path as given.
        file: String,
    },
    /// Standard output was closed (for example `brief … | head`).
    #[error("standard output was closed")]
    BrokenPipe,
    /// Writing failed.
    #[error("{file}: cannot write: {source}")]
    Io {
        /// The output path as given, or `<stdout>`.
        file: String,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// Where output goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Standard output.
    Stdout,
    /// A file, written atomically.
    File(PathBuf),
}

impl Target {
    /// `None` or `-` is standard output.
    pub fn from_option(path: Option<&Path>) -> Target {
        match path {
            None => Target::Stdout,
            Some(p) if p.as_os_str() == "-" => Target::Stdout,
            Some(p) => Target::File(p.to_path_buf()),
        }
    }
}

/// Checks that `output` is none of `inputs` (by canonical path, so
/// `./a.md` and `a.md` are the same file).
pub fn check_not_input(output: &Path, inputs: &[&Path]) -> Result<(), OutputError> {
    let Ok(out) = output.canonicalize() else {
        return Ok(()); // does not exist yet: cannot be an input
    };
    for input in inputs {
        if input.canonicalize().is_ok_and(|i| i == out) {
            return Err(OutputError::WouldOverwriteInput {
                file: output.display().to_string(),
            });
        }
    }
    Ok(())
}

/// Writes `bytes` to the target. For a file, checks it is not an input, then
/// writes a temporary file beside it and renames it into place.
pub fn write(target: &Target, bytes: &[u8], inputs: &[&Path]) -> Result<(), OutputError> {
    write_with(target, inputs, |w| w.write_all(bytes))
}

/// Writes what `fill` writes to the target, as [`write`] does, without
/// holding it all in memory first (an outline's JSON is several times the
/// size of its article). To a file, nothing is left behind when `fill`
/// fails.
pub fn write_with(
    target: &Target,
    inputs: &[&Path],
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), OutputError> {
    match target {
        Target::Stdout => {
            let out = std::io::stdout().lock();
            let mut w = std::io::BufWriter::with_capacity(1 << 16, out);
            fill(&mut w).and_then(|_| w.flush()).map_err(stdout_error)
        }
        Target::File(path) => {
            check_not_input(path, inputs)?;
            write_atomic(path, |f| {
                let mut w = std::io::BufWriter::with_capacity(1 << 16, f);
                fill(&mut w)?;
                w.flush()
            })
        }
    }
}

fn stdout_error(e: std::io::Error) -> OutputError {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        OutputError::BrokenPipe
    } else {
        OutputError::Io {
            file: "<stdout>".into(),
            source: e,
        }
    }
}

/// Writes to standard output; a closed pipe becomes [`OutputError::BrokenPipe`].
pub fn write_stdout(bytes: &[u8]) -> Result<(), OutputError> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|_| out.flush())
        .map_err(stdout_error)
}

/// Runs `fill` on a temporary file beside `path`, then renames it to `path`.
/// If `fill` fails the temporary file is removed and `path` is untouched.
/// A device or a pipe (`-o /dev/null`, `-o /dev/stdout`, a named pipe) is
/// written to as it is: a file renamed over it would replace it.
pub fn write_atomic(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<(), OutputError> {
    let err = |e: std::io::Error| OutputError::Io {
        file: path.display().to_string(),
        source: e,
    };
    if let Ok(meta) = std::fs::metadata(path) {
        let kind = meta.file_type();
        if !kind.is_file() && !kind.is_dir() {
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(err)?;
            return fill(&mut f).map_err(err);
        }
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(err)?;
    fill(tmp.as_file_mut()).map_err(err)?;
    tmp.as_file_mut().sync_all().map_err(err)?;
    // Keep the permissions of a file we replace.
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(tmp.path(), meta.permissions());
    }
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_leaves_old_file_on_failure() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.txt");
        std::fs::write(&p, "old").unwrap();
        let r = write_atomic(&p, |f| {
            f.write_all(b"partial")?;
            Err(std::io::Error::other("boom"))
        });
        assert!(r.is_err());
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn refuses_to_overwrite_input() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("in.md");
        std::fs::write(&p, "x").unwrap();
        assert!(matches!(
            write(&Target::File(p.clone()), b"y", &[p.as_path()]),
            Err(OutputError::WouldOverwriteInput { .. })
        ));
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "x");
    }

    #[test]
    fn streamed_write_is_atomic_too() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.json");
        let target = Target::File(p.clone());
        write_with(&target, &[], |w| w.write_all(b"{}\n")).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "{}\n");
        let r = write_with(&target, &[], |w| {
            w.write_all(b"{\"partial\":")?;
            Err(std::io::Error::other("boom"))
        });
        assert!(r.is_err());
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "{}\n");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
