//! `brief diff OLD NEW`: reads both versions (in parallel), compares their
//! outlines and writes the result in the chosen format.

use std::path::Path;

use super::args::{ColorWhen, DiffArgs, DiffFormat};
use super::{exit, output};
use crate::diff::{self, DiffError};
use crate::error::Error;
use crate::outline::Outline;
use crate::read::{InputFormat, Origin};

fn outline_of(origin: &Origin, from: Option<InputFormat>, max: u64) -> Result<Outline, Error> {
    let doc = crate::read::read(origin, from, max)?;
    Ok(crate::outline::build(&doc))
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
    if a.old == "-" && a.new == "-" {
        return Err(DiffError::BothStdin.into());
    }
    let (oo, no) = (Origin::from_arg(&a.old), Origin::from_arg(&a.new));
    // Both versions are read and outlined at once: each is independent.
    let (old, new) = std::thread::scope(|s| {
        let h = s.spawn(|| outline_of(&oo, a.from, a.max_input_size));
        let new = outline_of(&no, a.from, a.max_input_size);
        let old = h.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
        (old, new)
    });
    let (old, new) = (old?, new?);
    let d = diff::compare(&old, &new, &diff::Options::default());
    drop((old, new));
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
    let text = match (a.format, a.stat) {
        (DiffFormat::Json, false) => diff::json(&d),
        (DiffFormat::Json, true) => diff::json_stat(&d),
        (DiffFormat::Markdown, false) => diff::markdown::render(&d, &on, &nn),
        (DiffFormat::Markdown, true) => diff::markdown::render_stat(&d),
        (DiffFormat::Latex, false) => diff::latex::render(&d, &on, &nn),
        (DiffFormat::Latex, true) => diff::latex::render_stat(&d),
        (DiffFormat::Plain, false) => diff::plain::render(&d, &diff::plain::Palette::new(color)),
        (DiffFormat::Plain, true) => diff::plain::render_stat(&d),
    };
    let inputs: Vec<&Path> = oo.path().into_iter().chain(no.path()).collect();
    output::write(&target, text.as_bytes(), &inputs)?;
    Ok(if d.is_same() {
        exit::SUCCESS
    } else {
        exit::DIFFERENT
    })
}
