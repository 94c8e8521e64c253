//! Bibliographies, citations and references.
//!
//! Every bibliography (BibTeX/BibLaTeX, CSL-JSON, CSL-YAML) is normalised in
//! our own code into CSL-JSON items ([`CslItem`]), as pandoc does; hayagriva
//! renders them with a CSL style; this module adds what hayagriva lacks
//! (prefixes and suffixes, suppress-author, narrative citations, author and
//! year disambiguation) and writes the result in each output format.
//!
//! # API for the renderer
//!
//! ```no_run
//! use brief::cite::{self, syntax, Format, Processor};
//! # fn main() -> Result<(), cite::CiteError> {
//! let style = brief::style::Style::load("apa").unwrap();
//! let items = cite::load_bibliographies(&["refs.bib".into()])?;
//! let processor = Processor::new(&style.citation, None)?;
//! // The citations of a text, with byte ranges to replace:
//! let text = "Growth slowed [see @imf2024, p. 3]; @oecd2023 disagrees.";
//! let citations = syntax::find(text);
//! let out = processor.process(&citations, &items, Format::Markdown, false);
//! // out.citations[i] replaces text[citations[i].span.clone()];
//! // out.references is the reference list; out.unresolved the unknown keys.
//! # Ok(()) }
//! ```
//!
//! - [`load_bibliographies`] reads files into items (format by extension).
//! - [`Processor::new`] loads the style and locale of a `[citation]` config.
//! - [`Processor::process`] formats a document's citations and references
//!   together (so `2000a`/`2000b` and `A. Adams`/`B. Adams` come out right).
//! - [`Processor::references`] and [`Processor::citation`] format one list or
//!   one citation.
//! - [`article_item`] makes the article itself a citable item from its
//!   front matter; [`match_source`] finds the bibliography entry for a source
//!   named in the article; [`secondary_citation`] cites a source through the
//!   article (`as cited in`).

mod article;
mod bibtex;
mod casing;
mod cslfix;
mod csljson;
mod disambig;
pub(crate) mod latex;
pub mod output;
pub mod processor;
mod quotes;
pub mod syntax;
mod xmlcheck;

use std::path::{Path, PathBuf};

use thiserror::Error;

pub use article::{article_item, match_source, secondary_citation, SourceMatcher, ARTICLE_KEY};
pub use processor::{Processed, Processor, Reference};
pub use syntax::{Citation, CiteItem, CiteMode};

/// A CSL-JSON item: the one data model every bibliography becomes.
pub type CslItem = hayagriva::citationberg::json::Item;

/// Output formats of citations and references.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Text without markup.
    Plain,
    /// Pandoc Markdown (`*emphasis*`, escaped specials).
    Markdown,
    /// LaTeX (`\emph{}`, escaped specials).
    Latex,
    /// HTML (`<i>`, escaped specials).
    Html,
}

/// Errors of the cite stage.
#[derive(Debug, Error)]
pub enum CiteError {
    /// A file cannot be read.
    #[error("{file}: cannot read: {message}")]
    Io {
        /// The file as named.
        file: String,
        /// What went wrong.
        message: String,
    },
    /// A bibliography file does not parse.
    #[error("{file}:{line}:{column}: {message}")]
    Syntax {
        /// The file as named.
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A bibliography file whose format brief does not know.
    #[error("{file}: unknown bibliography format `.{extension}`")]
    UnknownFormat {
        /// The file as named.
        file: String,
        /// Its extension.
        extension: String,
    },
    /// A CSL style file that is not valid.
    #[error("{file}:{line}:{column}: {message}")]
    Csl {
        /// The file as named.
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A built-in CSL style name that does not exist.
    #[error("unknown CSL style `{name}`")]
    UnknownCslStyle {
        /// The name as given.
        name: String,
    },
    /// A locale that is not available.
    #[error("unknown CSL locale `{code}`")]
    UnknownLocale {
        /// The code as given.
        code: String,
    },
    /// A key that is in no bibliography.
    #[error("no bibliography entry has the key `{key}`")]
    UnknownKey {
        /// The key.
        key: String,
    },
}

impl CiteError {
    /// A hint to print after the error.
    pub fn hint(&self) -> Option<String> {
        match self {
            CiteError::UnknownFormat { .. } => Some(
                "give a .bib (BibTeX/BibLaTeX), .json (CSL-JSON), .yaml/.yml (CSL-YAML) or .ris file"
                    .into(),
            ),
            CiteError::UnknownCslStyle { name } => {
                let names = crate::style::csl_style_names();
                Some(crate::style::hint_for(
                    name,
                    &names,
                    "`brief styles --csl` lists the built-in CSL styles",
                ))
            }
            _ => None,
        }
    }
}

/// Reads bibliography files into CSL-JSON items, in file order. The format
/// comes from the extension: `.bib` (BibTeX/BibLaTeX), `.json` (CSL-JSON),
/// `.yaml`/`.yml` (CSL-YAML), `.ris`.
pub fn load_bibliographies(paths: &[PathBuf]) -> Result<Vec<CslItem>, CiteError> {
    let mut items = Vec::new();
    for path in paths {
        items.extend(load_bibliography(path)?);
    }
    Ok(items)
}

/// Reads one bibliography file.
pub fn load_bibliography(path: &Path) -> Result<Vec<CslItem>, CiteError> {
    if path.as_os_str() == "-" {
        return load_stdin_bibliography();
    }
    let file = path.display().to_string();
    let text = crate::read::source::read_text_file(path, crate::read::source::DEFAULT_MAX_INPUT)
        .map_err(|e| CiteError::Io {
            file: file.clone(),
            message: if e.kind() == std::io::ErrorKind::NotFound {
                "no such file".into()
            } else {
                e.to_string()
            },
        })?;
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    parse_bibliography(&text, &ext, &file)
}

/// Reads a bibliography from standard input (`--bib -`); its format is told
/// from its first characters, as there is no extension.
fn load_stdin_bibliography() -> Result<Vec<CslItem>, CiteError> {
    let text = crate::read::source::read_text_stdin(crate::read::source::DEFAULT_MAX_INPUT)
        .map_err(|e| CiteError::Io {
            file: "<stdin>".into(),
            message: e.to_string(),
        })?;
    let t = text.trim_start_matches('\u{feff}').trim_start();
    let ext = if t.starts_with('[') || t.starts_with('{') {
        "json"
    } else if t.lines().any(|l| l.starts_with("TY  -")) {
        "ris"
    } else if t.starts_with('@') || t.starts_with('%') || t.contains("\n@") {
        "bib"
    } else {
        "yaml"
    };
    parse_bibliography(&text, ext, "<stdin>")
}

/// Parses bibliography text of a format named by its extension (`bib`,
/// `json`, `yaml`, `yml`, `ris`); `file` names it in errors.
pub fn parse_bibliography(text: &str, ext: &str, file: &str) -> Result<Vec<CslItem>, CiteError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match ext {
        "bib" | "bibtex" | "biblatex" => bibtex::parse(text, file),
        "json" => csljson::parse_json(text, file),
        "yaml" | "yml" => csljson::parse_yaml(text, file),
        "ris" => csljson::parse_ris(text, file),
        _ => Err(CiteError::UnknownFormat {
            file: file.to_string(),
            extension: ext.to_string(),
        }),
    }
}

/// Writes items as CSL-JSON text: pretty, keys sorted, names without empty
/// parts, dates as `{"date-parts": [[y, m, d]]}`.
pub fn to_csl_json(items: &[CslItem]) -> String {
    let values: Vec<serde_json::Value> = items.iter().map(item_to_json).collect();
    serde_json::to_string_pretty(&values).unwrap_or_else(|_| "[]".into()) + "\n"
}

/// One item as standard CSL-JSON.
pub fn item_to_json(item: &CslItem) -> serde_json::Value {
    use hayagriva::citationberg::json::{DateValue, NameValue, Value};
    let mut obj = serde_json::Map::new();
    // Keys starting `_` are brief's own (PROTECTED, UNKNOWN_TYPE).
    for (k, v) in item.0.iter().filter(|(k, _)| !k.starts_with('_')) {
        let j = match v {
            Value::String(s) => serde_json::Value::String(s.clone()),
            Value::Number(n) => serde_json::Value::from(*n),
            Value::Names(names) => serde_json::Value::Array(
                names
                    .iter()
                    .map(|n| match n {
                        NameValue::Literal(l) => serde_json::json!({ "literal": l.literal }),
                        NameValue::Item(i) => {
                            let mut m = serde_json::Map::new();
                            m.insert("family".into(), i.family.clone().into());
                            let opt = [
                                ("given", &i.given),
                                ("non-dropping-particle", &i.non_dropping_particle),
                                ("dropping-particle", &i.dropping_particle),
                                ("suffix", &i.suffix),
                            ];
                            for (name, val) in opt {
                                if let Some(val) = val {
                                    m.insert(name.into(), val.clone().into());
                                }
                            }
                            if i.comma_suffix == Some(true) {
                                m.insert("comma-suffix".into(), true.into());
                            }
                            serde_json::Value::Object(m)
                        }
                    })
                    .collect(),
            ),
            Value::Date(DateValue::DateParts {
                date_parts,
                literal,
                season,
                circa,
            }) => {
                let mut m = serde_json::Map::new();
                let parts: Vec<serde_json::Value> = date_parts
                    .0
                    .iter()
                    .map(|d| {
                        serde_json::Value::from(
                            d.0.iter().map(|p| i64::from(*p)).collect::<Vec<_>>(),
                        )
                    })
                    .collect();
                m.insert("date-parts".into(), parts.into());
                if let Some(l) = literal {
                    m.insert("literal".into(), l.clone().into());
                }
                if let Some(s) = season {
                    m.insert("season".into(), s.clone().into());
                }
                if *circa {
                    m.insert("circa".into(), true.into());
                }
                serde_json::Value::Object(m)
            }
            Value::Date(other) => serde_json::to_value(other).unwrap_or(serde_json::Value::Null),
        };
        obj.insert(k.clone(), j);
    }
    serde_json::Value::Object(obj)
}

/// An item made safe for hayagriva: date ranges keep their start (hayagriva
/// panics on ranges), empty values go.
/// The key under which an item read from BibTeX keeps the words its titles
/// protect (`{SDGs}`, `{$\beta$}`), space-separated, for title case; not
/// written to CSL-JSON.
pub(crate) const PROTECTED: &str = "_protected";

/// The key under which an item read from BibTeX keeps an entry type no CSL
/// type stands for (`foobar` of `@foobar`), for a warning; not written to
/// CSL-JSON.
pub(crate) const UNKNOWN_TYPE: &str = "_unknown-type";

/// A warning for every item read from an entry type brief does not know
/// (`@foobar`): pandoc formats such an entry as a generic one, and so does
/// brief, but says so.
pub fn unknown_type_warnings(items: &[CslItem]) -> Vec<String> {
    use hayagriva::citationberg::json::Value;
    items
        .iter()
        .filter_map(|it| match it.0.get(UNKNOWN_TYPE) {
            Some(Value::String(t)) => Some(format!(
                "entry `{}` has the unknown type `@{t}`: formatted as a generic entry, as pandoc does",
                it.id().unwrap_or_default()
            )),
            _ => None,
        })
        .collect()
}

pub(crate) fn prepare_for_engine(item: &CslItem) -> CslItem {
    use hayagriva::citationberg::json::{DateValue, Value, VecDateRange};
    let mut out = item.clone();
    for v in out.0.values_mut() {
        if let Value::Date(d) = v {
            match d {
                DateValue::DateParts { date_parts, .. } => {
                    if date_parts.0.len() > 1 {
                        let first = date_parts.0[0].clone();
                        *date_parts = VecDateRange(vec![first]);
                    }
                }
                DateValue::Raw { raw, .. } => {
                    raw.end = None;
                }
            }
        }
    }
    // hayagriva formats a number with a hyphen as a range (`117–167`);
    // citeproc prints report and bill numbers as written.
    if let Some(Value::String(n)) = out.0.get_mut("number") {
        *n = n.replace('-', "\u{2011}");
    }
    out.0.retain(|_, v| match v {
        Value::String(s) => !s.is_empty(),
        Value::Names(n) => !n.is_empty(),
        _ => true,
    });
    out
}
