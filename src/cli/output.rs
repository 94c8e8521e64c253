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
    /// `--depfile` names the output file (or, in a batch, one of them).
    #[error("{file}: --depfile names the output file; the Make rule would replace it")]
    DepfileIsOutput {
        /// The depfile path as given.
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

/// A path made absolute and free of `.`, `..` and symbolic links, for a file
/// that may not exist yet (its folder must).
fn resolved(path: &Path) -> Option<PathBuf> {
    if let Ok(p) = path.canonicalize() {
        return Some(p);
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Some(dir.canonicalize().ok()?.join(path.file_name()?))
}

/// Checks that the depfile is not `output` (nor, for an `--out-dir`, that
/// folder), which it would replace; neither needs to exist yet.
pub fn check_depfile_not_output(depfile: &Path, output: &Path) -> Result<(), OutputError> {
    if resolved(depfile).is_some_and(|d| resolved(output).is_some_and(|o| d == o)) {
        return Err(OutputError::DepfileIsOutput {
            file: depfile.display().to_string(),
        });
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
///
/// A new file gets the mode `0666` less the umask, as `>` in a shell gives;
/// a file written over keeps its mode. On Linux the temporary file has no
/// name until it is complete (`O_TMPFILE`), so a run killed while writing
/// leaves nothing behind; where that is not possible it is a named
/// `.NAME.XXXXXX.tmp`, and such files left by an earlier run that was
/// killed are removed by the next run writing `NAME`.
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
    stale::remove(&dir, &name);
    #[cfg(target_os = "linux")]
    if let Some(mut file) = unnamed::create(&dir) {
        fill(&mut file).map_err(err)?;
        file.sync_all().map_err(err)?;
        keep_mode(path, &file);
        return unnamed::publish(file, &dir, &name, path).map_err(err);
    }
    let mut tmp = named_temp(&dir, &name).map_err(err)?;
    fill(tmp.as_file_mut()).map_err(err)?;
    tmp.as_file_mut().sync_all().map_err(err)?;
    keep_mode(path, tmp.as_file());
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}

/// Gives `file` the permissions of the file at `path` it is to replace.
fn keep_mode(path: &Path, file: &std::fs::File) {
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.is_file() {
            let _ = file.set_permissions(meta.permissions());
        }
    }
}

/// A named temporary file `.NAME.XXXXXX.tmp` in `dir`, created with mode
/// `0666` so that the umask decides, as for any new file.
fn named_temp(dir: &Path, name: &str) -> std::io::Result<tempfile::NamedTempFile> {
    let prefix = format!(".{name}.");
    let mut b = tempfile::Builder::new();
    b.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(std::fs::Permissions::from_mode(0o666));
    }
    b.tempfile_in(dir)
}

/// Unnamed temporary files (`O_TMPFILE`), given a name once complete.
#[cfg(target_os = "linux")]
mod unnamed {
    use std::io::{Seek, Write};
    use std::os::fd::AsRawFd;
    use std::path::Path;

    use rustix::fs::{AtFlags, Mode, OFlags, CWD};

    /// An unnamed file in `dir`, or `None` where the kernel or the file
    /// system has no `O_TMPFILE` (the caller then uses a named one).
    pub(super) fn create(dir: &Path) -> Option<std::fs::File> {
        rustix::fs::openat(
            CWD,
            dir,
            OFlags::RDWR | OFlags::TMPFILE | OFlags::CLOEXEC,
            Mode::from_raw_mode(0o666),
        )
        .ok()
        .map(std::fs::File::from)
    }

    /// Links the complete `file` as `path`: directly when `path` does not
    /// exist, else under a temporary name renamed over it (a link cannot
    /// replace a file). Without `/proc` or the right to link by descriptor,
    /// the content is copied into a named temporary file instead.
    pub(super) fn publish(
        mut file: std::fs::File,
        dir: &Path,
        name: &str,
        path: &Path,
    ) -> std::io::Result<()> {
        match link(&file, path) {
            Ok(()) => return Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(_) => return copy_to_named(&mut file, dir, name, path),
        }
        for attempt in 0u32..16 {
            let tmp = dir.join(format!(".{name}.{}.tmp", suffix(attempt)));
            match link(&file, &tmp) {
                Ok(()) => {
                    return std::fs::rename(&tmp, path).inspect_err(|_| {
                        let _ = std::fs::remove_file(&tmp);
                    });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(_) => break,
            }
        }
        copy_to_named(&mut file, dir, name, path)
    }

    fn link(file: &std::fs::File, to: &Path) -> std::io::Result<()> {
        let by_proc = format!("/proc/self/fd/{}", file.as_raw_fd());
        match rustix::fs::linkat(CWD, by_proc.as_str(), CWD, to, AtFlags::SYMLINK_FOLLOW) {
            Ok(()) => Ok(()),
            Err(rustix::io::Errno::EXIST) => Err(rustix::io::Errno::EXIST.into()),
            // No /proc: linking by descriptor needs CAP_DAC_READ_SEARCH.
            Err(_) => Ok(rustix::fs::linkat(file, "", CWD, to, AtFlags::EMPTY_PATH)?),
        }
    }

    fn copy_to_named(
        file: &mut std::fs::File,
        dir: &Path,
        name: &str,
        path: &Path,
    ) -> std::io::Result<()> {
        let mut tmp = super::named_temp(dir, name)?;
        file.rewind()?;
        std::io::copy(file, tmp.as_file_mut())?;
        tmp.as_file_mut().flush()?;
        tmp.as_file_mut().sync_all()?;
        super::keep_mode(path, tmp.as_file());
        tmp.persist(path).map(|_| ()).map_err(|e| e.error)
    }

    /// Six characters that differ between processes and attempts, the shape
    /// of the temporary names [`super::stale`] recognises.
    fn suffix(attempt: u32) -> String {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let mut x = u64::from(std::process::id()) << 32 ^ u64::from(nanos) ^ u64::from(attempt);
        const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        (0..6)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                ALPHABET[(x >> 33) as usize % ALPHABET.len()] as char
            })
            .collect()
    }
}

/// Temporary files left by earlier runs that were killed while writing.
mod stale {
    use std::collections::HashMap;
    use std::path::{Path, PathBuf};
    use std::sync::{Mutex, OnceLock};
    use std::time::SystemTime;

    /// Per folder, its stale temporary files by the output name they were for.
    type Found = HashMap<PathBuf, HashMap<String, Vec<PathBuf>>>;

    static FOUND: Mutex<Option<Found>> = Mutex::new(None);
    static RUN_START: OnceLock<SystemTime> = OnceLock::new();

    /// Notes when this run started: only temporary files last written
    /// before it are stale (a run writing one now may be another brief).
    pub fn note_run_start() {
        RUN_START.get_or_init(SystemTime::now);
    }

    /// The output name a temporary file `.NAME.XXXXXX.tmp` was for.
    pub(super) fn output_name(file: &str) -> Option<&str> {
        let inner = file.strip_prefix('.')?.strip_suffix(".tmp")?;
        let (name, random) = inner.rsplit_once('.')?;
        (!name.is_empty() && random.len() == 6 && random.bytes().all(|b| b.is_ascii_alphanumeric()))
            .then_some(name)
    }

    /// Removes the stale temporary files for the output `name` in `dir`.
    /// The folder is listed once per run, so writing many outputs into it
    /// (a batch) stays linear.
    pub(super) fn remove(dir: &Path, name: &str) {
        let start = *RUN_START.get_or_init(SystemTime::now);
        let mine = {
            let mut found = FOUND.lock().unwrap_or_else(|e| e.into_inner());
            let found = found.get_or_insert_with(HashMap::new);
            let in_dir = found
                .entry(dir.to_path_buf())
                .or_insert_with(|| list(dir, start));
            in_dir.remove(name)
        };
        for file in mine.into_iter().flatten() {
            let _ = std::fs::remove_file(file);
        }
    }

    fn list(dir: &Path, start: SystemTime) -> HashMap<String, Vec<PathBuf>> {
        let mut out: HashMap<String, Vec<PathBuf>> = HashMap::new();
        let Ok(entries) = std::fs::read_dir(dir) else {
            return out;
        };
        for entry in entries.flatten() {
            let file = entry.file_name();
            let Some(name) = file.to_str().and_then(output_name) else {
                continue;
            };
            let old = entry
                .metadata()
                .is_ok_and(|m| m.is_file() && m.modified().is_ok_and(|t| t < start));
            if old {
                out.entry(name.to_string()).or_default().push(entry.path());
            }
        }
        out
    }
}

pub use stale::note_run_start;

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
