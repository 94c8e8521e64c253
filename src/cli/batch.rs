//! Batch runs: several inputs into `--out-dir DIR`, in parallel on every
//! core (rayon), with a progress bar on standard error when it is a
//! terminal (indicatif). A failed input is reported and the others go on;
//! the exit code is 1 when any failed.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{exit, global};
use crate::error::Error;

/// One input of a batch and the output it is written to.
#[derive(Debug, Clone)]
pub struct Job {
    /// The input as given.
    pub input: String,
    /// The output file inside the out folder.
    pub output: PathBuf,
}

/// Pairs each input with `DIR/STEM.SUFFIX`; two inputs with the same stem,
/// or standard input, are usage errors (their outputs would collide).
pub fn plan(inputs: &[String], dir: &Path, suffix: &str) -> Result<Vec<Job>, Error> {
    let mut seen = std::collections::BTreeMap::new();
    let mut jobs = Vec::with_capacity(inputs.len());
    for input in inputs {
        if input == "-" {
            return Err(Error::Usage {
                message: "a batch run cannot read standard input (`-`)".into(),
                hint: Some("give file names, or run one input without --out-dir".into()),
            });
        }
        let stem = Path::new(input)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".into());
        let output = dir.join(format!("{stem}.{suffix}"));
        if let Some(prev) = seen.insert(output.clone(), input.clone()) {
            return Err(Error::Usage {
                message: format!(
                    "{prev} and {input} would both be written to {}",
                    output.display()
                ),
                hint: Some("run them in separate batches with different --out-dir".into()),
            });
        }
        jobs.push(Job {
            input: input.clone(),
            output,
        });
    }
    Ok(jobs)
}

/// Runs `work` on every job in parallel. Failures are reported on standard
/// error as they happen; returns the exit code (0, or 1 when any input
/// failed) and the jobs that succeeded with what `work` returned for
/// them, in input order.
pub fn run<F, T>(dir: &Path, jobs: Vec<Job>, work: F) -> Result<(u8, Vec<(Job, T)>), Error>
where
    F: Fn(&Job) -> Result<T, Error> + Sync,
    T: Send,
{
    std::fs::create_dir_all(dir).map_err(|e| {
        Error::Output(super::output::OutputError::Io {
            file: dir.display().to_string(),
            source: e,
        })
    })?;
    let bar = if std::io::stderr().is_terminal() && !global::quiet() {
        let bar = indicatif::ProgressBar::new(jobs.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {wide_msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let results: Vec<Option<T>> = jobs
        .par_iter()
        .map(|job| {
            bar.set_message(job.input.clone());
            let r = work(job);
            match &r {
                Ok(_) => bar.suspend(|| {
                    global::info(&format!("{} -> {}", job.input, job.output.display()))
                }),
                Err(e) => bar.suspend(|| super::report(e)),
            }
            bar.inc(1);
            r.ok()
        })
        .collect();
    bar.finish_and_clear();
    let failed = results.iter().filter(|r| r.is_none()).count();
    if failed > 0 {
        global::error(&format!("{failed} of {} inputs failed", jobs.len()), None);
    }
    let done = jobs
        .into_iter()
        .zip(results)
        .filter_map(|(j, r)| r.map(|t| (j, t)))
        .collect();
    Ok((
        if failed > 0 {
            exit::DIFFERENT
        } else {
            exit::SUCCESS
        },
        done,
    ))
}
