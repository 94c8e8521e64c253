//! Style configs: a TOML file that chooses the citation style and the shape
//! of a brief.
//!
//! A style is loaded with [`Style::load`] from a built-in name (`apa`,
//! `chicago`, `mla`, `ieee`, `executive`, `full`; the files live in
//! `styles/*.toml` and are embedded at build time) or from a path. Every key
//! is optional: a missing key takes the default documented on its field. A
//! style may start from another with `extends = "NAME"` (a built-in name or a
//! path relative to the style file); its tables are merged key by key before
//! the result is read, so a style only states what it changes.
//!
//! ```toml
//! name = "apa"
//! description = "APA 7th edition citations, full brief"
//! extends = "full"
//! [citation]
//! style = "apa"
//! ```
//!
//! Unknown keys and values are errors that give the file, line and column,
//! the valid keys or values, and a `did you mean "…"?` hint.

mod error;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use error::{from_toml, hint_for, line_col, StyleError};

/// A style: citation settings, the shape of the brief, and per-format
/// rendering options.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Style {
    /// The style's name. Default: the built-in name or the file stem.
    pub name: String,
    /// One line on what the style is for. Default: empty.
    pub description: String,
    /// A style to start from (built-in name or path relative to this file).
    /// Default: none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extends: Option<String>,
    /// How citations and references are formatted.
    pub citation: CitationConfig,
    /// The summary part of the brief.
    pub summary: SummaryConfig,
    /// Which parts the brief has, in order.
    pub brief: BriefConfig,
    /// Options of each output format.
    pub render: RenderConfig,
    /// Which figures to draw.
    pub figures: FiguresConfig,
}

/// `[citation]`: the CSL style, locale and links.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct CitationConfig {
    /// A built-in CSL style name (see `brief styles --csl`), such as `apa`,
    /// `chicago-author-date`, `mla`, `ieee`. Default: `apa`. Ignored when
    /// `csl` is set.
    pub style: String,
    /// A CSL file. Relative paths are relative to the style file (resolved by
    /// [`Style::load`]). Default: none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub csl: Option<PathBuf>,
    /// The CSL locale, a BCP 47 tag. Default: `en-US`.
    pub locale: String,
    /// Whether in-text citations link to their reference (HTML and LaTeX).
    /// Default: `false`.
    pub link_citations: bool,
    /// Whether every claim and quotation cites the article it comes from
    /// (as a style for a brief of several articles would ask). Default:
    /// `false`: the article is cited once, in the title block and the
    /// references, and a claim carries a citation only where it comes
    /// from another work (a `--bib` entry for its source, a pandoc
    /// citation in its text).
    pub per_claim: bool,
}

impl Default for CitationConfig {
    fn default() -> Self {
        CitationConfig {
            style: "apa".into(),
            csl: None,
            locale: "en-US".into(),
            link_citations: false,
            per_claim: false,
        }
    }
}

/// `[summary]`: the key claims at the top of the brief.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct SummaryConfig {
    /// How many key claims. Default: 5.
    pub claims: usize,
    /// Order of the key claims. Default: `salience`.
    pub order: ClaimOrder,
    /// Grouping of the claims part. Default: `source`.
    pub grouping: Grouping,
    /// How quotations are shown. Default: `inline`.
    pub quotations: Quotations,
    /// Cut a claim longer than this many words in the summary; 0 means no
    /// limit. Default: 0.
    pub max_words: usize,
}

impl Default for SummaryConfig {
    fn default() -> Self {
        SummaryConfig {
            claims: 5,
            order: ClaimOrder::Salience,
            grouping: Grouping::Source,
            quotations: Quotations::Inline,
            max_words: 0,
        }
    }
}

/// Order of the key claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClaimOrder {
    /// Most salient first.
    Salience,
    /// As they stand in the article.
    Document,
}

/// Grouping of the claims part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Grouping {
    /// By the source each claim is attributed to.
    Source,
    /// By the article's section.
    Section,
    /// One list.
    None,
}

/// How quotations are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Quotations {
    /// In the running text, in quotation marks.
    Inline,
    /// As block quotations.
    Block,
    /// Left out.
    Omit,
}

/// `[brief]`: which parts the brief has.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct BriefConfig {
    /// The parts, in order. Default: all of them, in the order of [`Part`].
    pub parts: Vec<Part>,
    /// At most this many quotations. Default: 8.
    pub max_quotations: usize,
    /// The brief's length at most, as a share of the article's words
    /// (`1.0`: no longer than the article); the least salient points are
    /// left out until it fits. `0` is no limit. Default: `1.0`.
    pub max_length: f64,
    /// The pages the brief fits in, typeset (LaTeX, HTML print) on A4 or
    /// US Letter; the least salient points are left out until it does.
    /// `0` is no limit. Default: `0`.
    pub pages: usize,
}

impl Default for BriefConfig {
    fn default() -> Self {
        BriefConfig {
            parts: Part::ALL.to_vec(),
            max_quotations: 8,
            max_length: 1.0,
            pages: 0,
        }
    }
}

/// A part of the brief.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Part {
    /// Title, author, date, publisher.
    Title,
    /// The key claims.
    Summary,
    /// All claims, grouped as `summary.grouping` says.
    Claims,
    /// Direct quotations.
    Quotations,
    /// The sources claims are attributed to.
    Sources,
    /// People, organisations, places and laws named.
    Entities,
    /// Dated events in order.
    Timeline,
    /// The reference list.
    References,
}

impl Part {
    /// Every part, in the default order.
    pub const ALL: [Part; 8] = [
        Part::Title,
        Part::Summary,
        Part::Claims,
        Part::Quotations,
        Part::Sources,
        Part::Entities,
        Part::Timeline,
        Part::References,
    ];
}

/// `[render]`: options of each output format.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct RenderConfig {
    /// `[render.latex]`
    pub latex: LatexConfig,
    /// `[render.markdown]`
    pub markdown: MarkdownConfig,
    /// `[render.plain]`
    pub plain: PlainConfig,
    /// `[render.html]`
    pub html: HtmlConfig,
}

/// `[render.latex]`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct LatexConfig {
    /// The document class. Default: `article`.
    pub document_class: String,
    /// The class's font-size option. Default: `11pt`.
    pub font_size: String,
    /// The paper option. Default: `a4paper`.
    pub paper: String,
}

impl Default for LatexConfig {
    fn default() -> Self {
        LatexConfig {
            document_class: "article".into(),
            font_size: "11pt".into(),
            paper: "a4paper".into(),
        }
    }
}

/// `[render.markdown]`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct MarkdownConfig {
    /// The Markdown flavor. Default: `gfm`.
    pub flavor: Flavor,
    /// Whether to write YAML front matter. Default: `true`.
    pub front_matter: bool,
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig {
            flavor: Flavor::Gfm,
            front_matter: true,
        }
    }
}

/// A Markdown flavor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Flavor {
    /// GitHub Flavored Markdown (tables, strikethrough).
    Gfm,
    /// Plain CommonMark.
    Commonmark,
}

/// `[render.plain]`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct PlainConfig {
    /// Wrap lines at this many columns. Default: 72.
    pub width: usize,
}

impl Default for PlainConfig {
    fn default() -> Self {
        PlainConfig { width: 72 }
    }
}

/// `[render.html]` (no options yet; the table exists so styles can name it).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct HtmlConfig {}

/// `[figures]`: which figures to draw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct FiguresConfig {
    /// Claims per source. Default: `true`.
    pub sources: bool,
    /// Dated events. Default: `true`.
    pub timeline: bool,
    /// Changes between versions (in `brief diff`). Default: `true`.
    pub diff: bool,
}

impl Default for FiguresConfig {
    fn default() -> Self {
        FiguresConfig {
            sources: true,
            timeline: true,
            diff: true,
        }
    }
}

/// A built-in style: its name, one-line description and TOML text.
#[derive(Debug, Clone, Copy)]
pub struct BuiltinStyle {
    /// The name `--style` takes.
    pub name: &'static str,
    /// The TOML text (`brief styles show NAME` prints it).
    pub toml: &'static str,
}

/// The built-in styles, embedded from `styles/*.toml`, in listing order.
pub const BUILTIN: &[BuiltinStyle] = &[
    BuiltinStyle {
        name: "apa",
        toml: include_str!("../../styles/apa.toml"),
    },
    BuiltinStyle {
        name: "chicago",
        toml: include_str!("../../styles/chicago.toml"),
    },
    BuiltinStyle {
        name: "mla",
        toml: include_str!("../../styles/mla.toml"),
    },
    BuiltinStyle {
        name: "ieee",
        toml: include_str!("../../styles/ieee.toml"),
    },
    BuiltinStyle {
        name: "executive",
        toml: include_str!("../../styles/executive.toml"),
    },
    BuiltinStyle {
        name: "full",
        toml: include_str!("../../styles/full.toml"),
    },
];

/// The built-in style of this name.
pub fn builtin(name: &str) -> Option<&'static BuiltinStyle> {
    BUILTIN.iter().find(|b| b.name == name)
}

/// The names of the built-in CSL styles `[citation] style` accepts.
pub fn csl_style_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = hayagriva::archive::ArchivedStyle::all()
        .iter()
        .flat_map(|s| s.names().iter().copied())
        .chain(CSL_ALIASES.iter().map(|(a, _)| *a))
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// Short names for CSL styles, beside hayagriva's own names.
const CSL_ALIASES: &[(&str, &str)] = &[("chicago", "chicago-author-date")];

/// The hayagriva archive name for a `[citation] style` value, if it is one.
pub fn resolve_csl_style(name: &str) -> Option<hayagriva::archive::ArchivedStyle> {
    let name = CSL_ALIASES
        .iter()
        .find(|(a, _)| *a == name)
        .map_or(name, |(_, n)| n);
    hayagriva::archive::ArchivedStyle::by_name(name)
}

/// How deep `extends` chains may go (a guard against cycles).
const MAX_EXTENDS: usize = 8;

/// Where a style's text came from.
#[derive(Debug, Clone)]
enum Origin {
    Builtin(&'static str),
    File(PathBuf),
}

impl Origin {
    fn label(&self) -> String {
        match self {
            Origin::Builtin(n) => format!("styles/{n}.toml"),
            Origin::File(p) => p.display().to_string(),
        }
    }
    fn dir(&self) -> Option<&Path> {
        match self {
            Origin::Builtin(_) => None,
            Origin::File(p) => p.parent(),
        }
    }
}

impl Style {
    /// Loads a style by built-in name or path.
    ///
    /// A value that names an existing file, or contains a path separator, or
    /// ends in `.toml`, is a path; anything else is a built-in name.
    /// `extends` is followed and merged. A relative `citation.csl` becomes
    /// relative to the style file's folder.
    pub fn load(name_or_path: &str) -> Result<Style, StyleError> {
        let origin = if is_path_like(name_or_path) {
            Origin::File(PathBuf::from(name_or_path))
        } else {
            match builtin(name_or_path) {
                Some(b) => Origin::Builtin(b.name),
                None => {
                    return Err(StyleError::UnknownStyle {
                        name: name_or_path.to_string(),
                        valid: BUILTIN.iter().map(|b| b.name.to_string()).collect(),
                    })
                }
            }
        };
        let mut style = load_origin(&origin, 0)?;
        if style.name.is_empty() {
            style.name = match &origin {
                Origin::Builtin(n) => (*n).to_string(),
                Origin::File(p) => p
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            };
        }
        Ok(style)
    }

    /// Reads a style from TOML text without `extends` (which needs a file to
    /// be relative to); `label` names the text in errors.
    pub fn from_toml(text: &str, label: &str) -> Result<Style, StyleError> {
        let style = parse_checked(text, label)?;
        if style.extends.is_some() {
            let table = parse_table(text, label)?;
            let merged = resolve_extends(table, None, label, 0)?;
            let style = finish(merged, text, label)?;
            check_values(&style, text, label)?;
            return Ok(style);
        }
        check_values(&style, text, label)?;
        Ok(style)
    }
}

fn is_path_like(s: &str) -> bool {
    s.contains('/')
        || s.contains(std::path::MAIN_SEPARATOR)
        || s.ends_with(".toml")
        || Path::new(s).is_file()
}

fn read_origin(origin: &Origin) -> Result<String, StyleError> {
    match origin {
        Origin::Builtin(n) => Ok(builtin(n).map(|b| b.toml).unwrap_or_default().to_string()),
        Origin::File(p) => {
            crate::read::source::read_text_file(p, crate::read::source::DEFAULT_MAX_INPUT).map_err(
                |e| StyleError::Io {
                    file: p.display().to_string(),
                    message: if e.kind() == std::io::ErrorKind::NotFound {
                        "no such file".into()
                    } else {
                        e.to_string()
                    },
                },
            )
        }
    }
}

fn load_origin(origin: &Origin, depth: usize) -> Result<Style, StyleError> {
    let text = read_origin(origin)?;
    let label = origin.label();
    // Read the file alone first: its own errors get its own line and column.
    let alone = parse_checked(&text, &label)?;
    let mut style = if alone.extends.is_some() {
        let table = parse_table(&text, &label)?;
        let merged = resolve_extends(table, origin.dir(), &label, depth)?;
        finish(merged, &text, &label)?
    } else {
        alone
    };
    if let Some(csl) = &style.citation.csl {
        if csl.is_relative() {
            if let Some(dir) = origin.dir() {
                style.citation.csl = Some(dir.join(csl));
            }
        }
    }
    check_values(&style, &text, &label)?;
    Ok(style)
}

/// Checks the values serde cannot: the CSL style name, the brief's length.
fn check_values(style: &Style, text: &str, label: &str) -> Result<(), StyleError> {
    let share = style.brief.max_length;
    if !share.is_finite() || share < 0.0 {
        let (line, column) = locate_key(text, "brief", "max-length");
        return Err(StyleError::Invalid {
            file: label.to_string(),
            line,
            column,
            message: format!("[brief] max-length must be a share of 0 or more, not {share}"),
            hint: Some(
                "1.0 keeps the brief no longer than the article, 0.35 a third of it; 0 sets no limit"
                    .to_string(),
            ),
        });
    }
    if style.citation.csl.is_none() && resolve_csl_style(&style.citation.style).is_none() {
        let (line, column) = locate_key(text, "citation", "style");
        return Err(StyleError::Invalid {
            file: label.to_string(),
            line,
            column,
            message: format!(
                "unknown CSL style `{}` in [citation] style",
                style.citation.style
            ),
            hint: Some(error::hint_for(
                &style.citation.style,
                &csl_style_names(),
                "set `csl = \"FILE.csl\"` for a style that is not built in; `brief styles --csl` lists the built-in ones",
            )),
        });
    }
    Ok(())
}

/// The line and column of `key` in table `[table]` of `text` (1, 1 if not
/// found, for instance when the value came from `extends`).
fn locate_key(text: &str, table: &str, key: &str) -> (usize, usize) {
    let Ok(doc) = text.parse::<toml::Table>() else {
        return (1, 1);
    };
    if !doc
        .get(table)
        .and_then(|t| t.as_table())
        .is_some_and(|t| t.contains_key(key))
    {
        return (1, 1);
    }
    let mut in_table = false;
    for (i, line) in text.lines().enumerate() {
        let t = line.trim_start();
        if t.starts_with('[') {
            in_table = t
                .trim_end()
                .trim_start_matches('[')
                .trim_end_matches(']')
                .trim()
                == table;
            continue;
        }
        let dotted = format!("{table}.{key}");
        let k = t.split('=').next().unwrap_or("").trim();
        if (in_table && k == key) || k == dotted {
            let col = line.len() - t.len();
            let vcol = line.find('=').map_or(col, |e| {
                e + 1 + (line[e + 1..].len() - line[e + 1..].trim_start().len())
            });
            return (i + 1, vcol + 1);
        }
    }
    (1, 1)
}

fn parse_checked(text: &str, label: &str) -> Result<Style, StyleError> {
    toml::from_str::<Style>(text).map_err(|e| error::from_toml(&e, text, label))
}

fn parse_table(text: &str, label: &str) -> Result<toml::Table, StyleError> {
    text.parse::<toml::Table>()
        .map_err(|e| error::from_toml(&e, text, label))
}

fn finish(table: toml::Table, text: &str, label: &str) -> Result<Style, StyleError> {
    let merged = toml::to_string(&table).map_err(|e| StyleError::Invalid {
        file: label.to_string(),
        line: 1,
        column: 1,
        message: e.to_string(),
        hint: None,
    })?;
    // Each file was checked alone, so an error here is a clash between them;
    // report it against this file.
    toml::from_str::<Style>(&merged).map_err(|e| {
        let mut err = error::from_toml(&e, &merged, label);
        if let StyleError::Invalid { line, column, .. } = &mut err {
            *line = 1;
            *column = 1;
        }
        let _ = text;
        err
    })
}

/// Merges `table` over the style it extends (recursively).
fn resolve_extends(
    mut table: toml::Table,
    dir: Option<&Path>,
    label: &str,
    depth: usize,
) -> Result<toml::Table, StyleError> {
    let Some(parent) = table.remove("extends") else {
        return Ok(table);
    };
    let parent = parent.as_str().unwrap_or_default().to_string();
    if depth >= MAX_EXTENDS {
        return Err(StyleError::ExtendsLoop {
            file: label.to_string(),
            name: parent,
        });
    }
    let origin = if let Some(b) = builtin(&parent).filter(|_| !is_path_like(&parent)) {
        Origin::Builtin(b.name)
    } else if is_path_like(&parent) {
        Origin::File(dir.map_or_else(|| PathBuf::from(&parent), |d| d.join(&parent)))
    } else {
        let (line, column) = locate_top_key(label, &parent);
        return Err(StyleError::Invalid {
            file: label.to_string(),
            line,
            column,
            message: format!("`extends` names an unknown style `{parent}`"),
            hint: Some(error::hint_for(
                &parent,
                &BUILTIN.iter().map(|b| b.name).collect::<Vec<_>>(),
                "give a built-in style name or a path to a style file",
            )),
        });
    };
    let ptext = read_origin(&origin)?;
    let plabel = origin.label();
    parse_checked(&ptext, &plabel)?;
    let ptable = parse_table(&ptext, &plabel)?;
    let mut base = resolve_extends(ptable, origin.dir(), &plabel, depth + 1)?;
    // The parent's name and description are not inherited.
    base.remove("name");
    base.remove("description");
    merge(&mut base, table);
    Ok(base)
}

fn locate_top_key(label: &str, _value: &str) -> (usize, usize) {
    let Ok(text) = crate::read::source::read_text_file(
        Path::new(label),
        crate::read::source::DEFAULT_MAX_INPUT,
    ) else {
        return (1, 1);
    };
    for (i, line) in text.lines().enumerate() {
        let t = line.trim_start();
        if t.starts_with("extends") {
            let col = line.find('=').map_or(1, |e| e + 2);
            return (i + 1, col + 1);
        }
        if t.starts_with('[') {
            break;
        }
    }
    (1, 1)
}

/// Deep merge: tables merge key by key, everything else is replaced.
fn merge(base: &mut toml::Table, over: toml::Table) {
    for (k, v) in over {
        match (base.get_mut(&k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, v) => {
                base.insert(k, v);
            }
        }
    }
}

/// Renders the style list of `brief styles`: one `name  description` line each.
pub fn list() -> String {
    let width = BUILTIN.iter().map(|b| b.name.len()).max().unwrap_or(0);
    let mut out = String::new();
    for b in BUILTIN {
        let desc = Style::load(b.name)
            .map(|s| s.description)
            .unwrap_or_default();
        out.push_str(&format!("{:width$}  {}\n", b.name, desc, width = width));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_loads() {
        for b in BUILTIN {
            let s = Style::load(b.name).unwrap();
            assert_eq!(s.name, b.name);
            assert!(!s.description.is_empty(), "{} has no description", b.name);
        }
    }

    #[test]
    fn apa_extends_full() {
        let s = Style::load("apa").unwrap();
        assert_eq!(s.citation.style, "apa");
        assert_eq!(s.brief.parts, Part::ALL.to_vec());
    }

    #[test]
    fn executive_has_no_entities() {
        let s = Style::load("executive").unwrap();
        assert!(!s.brief.parts.contains(&Part::Entities));
        assert!(s.summary.claims <= 3);
    }

    #[test]
    fn builtin_csl_names_resolve() {
        for b in BUILTIN {
            let s = Style::load(b.name).unwrap();
            assert!(resolve_csl_style(&s.citation.style).is_some());
        }
    }

    #[test]
    fn unknown_key_has_location_and_hint() {
        let e =
            Style::from_toml("[summary]\nclaims = 3\nordr = \"document\"\n", "x.toml").unwrap_err();
        let msg = e.to_string();
        assert!(msg.starts_with("x.toml:3:1:"), "{msg}");
        assert!(msg.contains("`order`"), "{msg}");
        assert_eq!(
            e.hint()
                .as_deref()
                .map(|h| h.starts_with("did you mean \"order\"?")),
            Some(true)
        );
    }

    #[test]
    fn unknown_value_has_location_and_hint() {
        let e = Style::from_toml("[summary]\ngrouping = \"sections\"\n", "x.toml").unwrap_err();
        let msg = e.to_string();
        assert!(msg.starts_with("x.toml:2:"), "{msg}");
        assert!(msg.contains("`section`"), "{msg}");
        assert!(e.hint().unwrap().contains("\"section\""));
    }

    #[test]
    fn extends_merges_tables() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("mine.toml");
        std::fs::write(
            &p,
            "extends = \"executive\"\n[citation]\nstyle = \"ieee\"\n[render.plain]\nwidth = 60\n",
        )
        .unwrap();
        let s = Style::load(p.to_str().unwrap()).unwrap();
        let exec = Style::load("executive").unwrap();
        assert_eq!(s.name, "mine");
        assert_eq!(s.citation.style, "ieee");
        assert_eq!(s.render.plain.width, 60);
        assert_eq!(s.brief.parts, exec.brief.parts);
        assert_eq!(s.summary.claims, exec.summary.claims);
    }

    #[test]
    fn csl_path_is_relative_to_style_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("mine.toml");
        std::fs::write(&p, "[citation]\ncsl = \"my.csl\"\n").unwrap();
        let s = Style::load(p.to_str().unwrap()).unwrap();
        assert_eq!(s.citation.csl.unwrap(), dir.path().join("my.csl"));
    }

    #[test]
    fn unknown_csl_style_is_located() {
        let e = Style::from_toml("[citation]\nstyle = \"chicag\"\n", "x.toml").unwrap_err();
        assert!(e.hint().unwrap().contains("\"chicago\""));
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("bad.toml");
        std::fs::write(&p, "[citation]\nstyle = \"chicago-autor-date\"\n").unwrap();
        let e = Style::load(p.to_str().unwrap()).unwrap_err();
        assert!(e.to_string().contains(":2:9:"), "{e}");
        assert!(e.hint().unwrap().contains("chicago-author-date"));
    }

    #[test]
    fn unknown_builtin_name() {
        let e = Style::load("apaa").unwrap_err();
        assert!(e.hint().unwrap().contains("\"apa\""));
    }
}
