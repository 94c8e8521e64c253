//! `brief diff OLD NEW`: reads both versions (in parallel), compares their
//! outlines and writes the result in the chosen format.

use std::path::Path;

use super::args::{ColorWhen, DiffArgs, DiffFormat};
use super::{exit, output};
use crate::diff::{self, DiffError};
use crate::error::Error;
use crate::read::Document;
use crate::read::{InputFormat, Origin};

fn read(origin: &Origin, from: Option<InputFormat>, max: u64) -> Result<Document, Error> {
    Ok(crate::read::read(origin, from, max)?)
}

/// The name a version goes by in reports: its file name (never a full
/// path, so output does not depend on where the files are).
fn short_name(o: &Origin) -> String {
    match o.path() {
        Some(p) => p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| p.display().to_string()),
        None => "<stdin>".to_string(),
    }
}

/// Runs `brief diff`; exit 0 when the versions say the same thing, 1 when
/// they differ.
pub fn run(a: &DiffArgs) -> Result<u8, Error> {
    run_reading(a).map(|(code, _)| code)
}

/// Runs `brief diff`; returns the exit code and the files read besides the
/// two versions (their `\\input` files), for the depfile.
pub fn run_reading(a: &DiffArgs) -> Result<(u8, Vec<std::path::PathBuf>), Error> {
    if a.old == "-" && a.new == "-" {
        return Err(DiffError::BothStdin.into());
    }
    let (oo, no) = (Origin::from_arg(&a.old), Origin::from_arg(&a.new));
    // Both versions are read at once: each is independent.
    let (old, new) = std::thread::scope(|s| {
        let h = s.spawn(|| read(&oo, a.from, a.max_input_size));
        let new = read(&no, a.from, a.max_input_size);
        let old = h.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
        (old, new)
    });
    let (old, new) = (old?, new?);
    // printed after both are read, old first, so the order never varies
    super::warn_read(&old);
    super::warn_read(&new);
    let read: Vec<std::path::PathBuf> = old
        .includes
        .iter()
        .chain(new.includes.iter())
        .cloned()
        .collect();
    let d = diff::compare_documents(&old, &new, &diff::Options::default());
    crate::alloc::dispose((old, new));
    let target = output::Target::from_option(a.output.as_deref());
    let color = match a.color {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            target == output::Target::Stdout
                && anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
        }
    };
    let (on, nn) = (short_name(&oo), short_name(&no));
    let fig = figure_options(a, &target);
    let text = match (a.format, a.stat) {
        (DiffFormat::Json, false) => diff::json(&d),
        (DiffFormat::Json, true) => diff::json_stat(&d),
        (DiffFormat::Markdown, false) => diff::markdown::render_with(&d, &on, &nn, &fig),
        (DiffFormat::Markdown, true) => diff::markdown::render_stat(&d),
        (DiffFormat::Latex, false) => diff::latex::render_with(&d, &on, &nn, &fig),
        (DiffFormat::Latex, true) => diff::latex::render_stat(&d),
        (DiffFormat::Plain, false) => {
            diff::plain::render_with(&d, &diff::plain::Palette::new(color), &fig)
        }
        (DiffFormat::Plain, true) => diff::plain::render_stat(&d),
        (DiffFormat::Html, false) => diff::html::render(&d, &on, &nn, &fig),
        (DiffFormat::Html, true) => diff::html::render_stat(&d),
    };
    let inputs: Vec<&Path> = oo
        .path()
        .into_iter()
        .chain(no.path())
        .chain(read.iter().map(std::path::PathBuf::as_path))
        .collect();
    output::write(&target, text.as_bytes(), &inputs)?;
    if let (DiffFormat::Markdown, false, Some(name), output::Target::File(p)) =
        (a.format, a.stat, &fig.svg_name, &target)
    {
        if let Some(svg) = diff::markdown::svg(&d, &fig) {
            let file = p.parent().unwrap_or(Path::new("")).join(name);
            output::write(&output::Target::File(file), svg.as_bytes(), &inputs)?;
        }
    }
    let code = if d.is_same() {
        exit::SUCCESS
    } else {
        exit::DIFFERENT
    };
    Ok((code, read))
}

/// The figures of the report: on unless `--no-figures`; Markdown written
/// to a file refers to `NAME.changes.svg` beside it (on standard output
/// there is no "beside", so the image is left out); the plain chart is as
/// wide as `--width`, else the terminal, else 72 columns, so output that is
/// not a terminal does not depend on one.
fn figure_options(a: &DiffArgs, target: &output::Target) -> diff::figures::FigureOptions {
    let svg_name = match (a.format, target) {
        (DiffFormat::Markdown, output::Target::File(p)) => p
            .file_stem()
            .map(|s| format!("{}.changes.svg", s.to_string_lossy())),
        _ => None,
    };
    let width = a.width.map_or_else(
        || {
            use std::io::IsTerminal;
            let out = std::io::stdout();
            match (target, out.is_terminal()) {
                (output::Target::Stdout, true) => terminal_size::terminal_size_of(&out)
                    .map_or(72, |(w, _)| usize::from(w.0).clamp(30, 160)),
                _ => 72,
            }
        },
        usize::from,
    );
    diff::figures::FigureOptions {
        on: !a.no_figures,
        svg_name,
        width,
    }
}
