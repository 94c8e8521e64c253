//! `brief cite`: format references and in-text citations.

use std::path::{Path, PathBuf};

use super::args::{CiteArgs, CiteFormat};
use super::{exit, output};
use crate::cite::{self, syntax, Format, Processor};
use crate::error::Error;
use crate::style::{CitationConfig, Style};

impl From<CiteFormat> for Format {
    fn from(f: CiteFormat) -> Format {
        match f {
            CiteFormat::Plain => Format::Plain,
            CiteFormat::Markdown => Format::Markdown,
            CiteFormat::Latex => Format::Latex,
            CiteFormat::Html => Format::Html,
        }
    }
}

/// The citation config `--style` names: a `.csl` file directly, else a
/// built-in or TOML style's `[citation]` table.
pub fn citation_config(style: &str) -> Result<CitationConfig, Error> {
    if style.ends_with(".csl") {
        return Ok(CitationConfig {
            csl: Some(PathBuf::from(style)),
            ..CitationConfig::default()
        });
    }
    Ok(Style::load(style)?.citation)
}

/// Prints `warning: …` on standard error.
fn warn(msg: &str) {
    super::global::warn(msg);
}

/// Runs `brief cite`.
pub fn run(a: &CiteArgs) -> Result<u8, Error> {
    let cfg = citation_config(&a.style)?;
    let items = cite::load_bibliographies(&a.bib)?;
    let format = Format::from(a.to);
    for w in cite::unknown_type_warnings(&items) {
        warn(&w);
    }
    let mut seen = std::collections::BTreeSet::new();
    for it in &items {
        if let Some(id) = it.id() {
            if !seen.insert(id.to_string()) {
                warn(&format!("duplicate key `{id}`: the first entry is used"));
            }
        }
    }
    let text = if a.csl_json {
        cite::to_csl_json(&items)
    } else {
        let processor = Processor::new(&cfg, None)?;
        if let Some(text) = &a.cite {
            let citations = syntax::find(text);
            if citations.is_empty() {
                return Err(Error::Usage {
                    message: format!("no citation in `{text}`"),
                    hint: Some("write citations as pandoc does: `[@key]`, `[see @a, p. 3; @b]`, `[-@key]`, `@key`".into()),
                });
            }
            let out = processor.process(&citations, &items, format, false);
            for key in &out.unresolved {
                let at = citations
                    .iter()
                    .flat_map(|c| c.items.iter().map(move |i| (c.span.start, i)))
                    .find(|(_, i)| &i.key == key)
                    .map_or(0, |(s, _)| s);
                let off = text[at..].find(&format!("@{key}")).map_or(at, |o| at + o);
                let (line, col) = crate::style::line_col(text, off);
                warn(&format!(
                    "<--cite>:{line}:{col}: no bibliography entry has the key `{key}`"
                ));
            }
            // The text with each citation replaced.
            let mut s = String::new();
            let mut last = 0;
            for (c, r) in citations.iter().zip(&out.citations) {
                s.push_str(&text[last..c.span.start]);
                s.push_str(r);
                last = c.span.end;
            }
            s.push_str(&text[last..]);
            s.push('\n');
            s
        } else if !a.keys.is_empty() && !a.all {
            let mut missing = Vec::new();
            let citations: Vec<_> = a.keys.iter().map(|k| syntax::Citation::of_key(k)).collect();
            let out = processor.process(&citations, &items, format, false);
            for key in &out.unresolved {
                missing.push(key.clone());
                warn(&format!("no bibliography entry has the key `{key}`"));
            }
            join_refs(out.references.iter().map(|r| r.text.as_str()))
        } else {
            let refs = processor.references(&items, format);
            join_refs(refs.iter().map(String::as_str))
        }
    };
    let target = output::Target::from_option(a.output.as_deref());
    let inputs: Vec<&Path> = a.bib.iter().map(PathBuf::as_path).collect();
    output::write(&target, text.as_bytes(), &inputs)?;
    Ok(exit::SUCCESS)
}

fn join_refs<'a>(refs: impl Iterator<Item = &'a str>) -> String {
    let mut s = String::new();
    for (i, r) in refs.enumerate() {
        if i > 0 {
            s.push('\n');
        }
        s.push_str(r);
        s.push('\n');
    }
    s
}
