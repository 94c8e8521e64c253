//! The config file (`brief.toml`): defaults for the style, the
//! bibliographies and the output format of each subcommand.
//!
//! Which file is used, first match wins:
//!
//! 1. `--config FILE`;
//! 2. the file named by the environment variable `BRIEF_CONFIG` (when set and
//!    not empty);
//! 3. the nearest `brief.toml` in the current folder or one above it;
//! 4. none: built-in defaults.
//!
//! `-v` says which on standard error. Options on the command line override
//! the file. Every key is optional:
//!
//! ```toml
//! style = "apa"                 # render and cite; built-in name or path
//! bibliography = ["refs.bib"]   # render and cite; paths relative to this file
//! outline-format = "markdown"   # json | toml | markdown
//! render-format = "latex"       # markdown (md) | latex (tex) | plain (txt) | html
//! cite-format = "html"          # plain | markdown | latex | html
//! diff-format = "json"          # plain | json | markdown | latex
//! ```
//!
//! An unknown key or value is an error giving the file, line and column, the
//! valid keys or values, and a `did you mean "…"?` hint.

use std::path::{Path, PathBuf};

use clap::parser::ValueSource;
use clap::{ArgMatches, ValueEnum};
use serde::Deserialize;
use thiserror::Error;

use super::args::{CiteFormat, Cli, Command, DiffFormat, OutlineFormat};

/// The file name looked for in the current folder and above.
pub const FILE_NAME: &str = "brief.toml";
/// The environment variable naming a config file.
pub const ENV: &str = "BRIEF_CONFIG";

/// Errors of loading the config file.
#[derive(Debug, Error)]
pub enum ConfigError {
    /// The file cannot be read.
    #[error("{file}: cannot read config: {message}")]
    Io {
        /// The file as named.
        file: String,
        /// What went wrong.
        message: String,
    },
    /// Bad TOML, an unknown key or a bad value.
    #[error("{file}:{line}:{column}: {message}")]
    Invalid {
        /// The file as named.
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong, naming the valid keys or values.
        message: String,
        /// A `did you mean` hint, when one helps.
        hint: Option<String>,
    },
}

impl ConfigError {
    /// A hint to print after the error.
    pub fn hint(&self) -> Option<String> {
        match self {
            ConfigError::Invalid { hint, .. } => hint.clone(),
            ConfigError::Io { .. } => None,
        }
    }
}

/// The file as written: every key optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
struct File {
    /// Default `--style` of `render` and `cite`. Default: none (render uses
    /// `full`, cite `apa`).
    style: Option<String>,
    /// Default `--bib` of `render` and `cite`, relative to the config file.
    /// Default: none.
    bibliography: Vec<PathBuf>,
    /// Default `--format` of `outline`. Default: json.
    outline_format: Option<toml::Spanned<String>>,
    /// Default `--to` of `render`. Default: from -o, else markdown.
    render_format: Option<toml::Spanned<String>>,
    /// Default `--to` of `cite`. Default: plain.
    cite_format: Option<toml::Spanned<String>>,
    /// Default `--format` of `diff`. Default: plain.
    diff_format: Option<toml::Spanned<String>>,
}

/// Where the config came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// `--config FILE`.
    Flag,
    /// `$BRIEF_CONFIG`.
    Env,
    /// A `brief.toml` found in the current folder or above.
    Found,
    /// No file: built-in defaults.
    Defaults,
}

/// The defaults a config gives, checked and with paths made relative to the
/// current folder.
#[derive(Debug, Default)]
pub struct Config {
    /// The file read, if any.
    pub path: Option<PathBuf>,
    /// Default style.
    pub style: Option<String>,
    /// Default bibliographies.
    pub bibliography: Vec<PathBuf>,
    /// Default outline format.
    pub outline_format: Option<OutlineFormat>,
    /// Default render format.
    pub render_format: Option<crate::render::Format>,
    /// Default cite format.
    pub cite_format: Option<CiteFormat>,
    /// Default diff format.
    pub diff_format: Option<DiffFormat>,
}

/// Finds the config file: `--config`, else `$BRIEF_CONFIG`, else the nearest
/// `brief.toml` from `cwd` upwards. A found file's path is relative to `cwd`
/// (`brief.toml`, `../brief.toml`, …) so it never makes output depend on
/// where the project lives.
pub fn discover(
    flag: Option<&Path>,
    env: Option<std::ffi::OsString>,
    cwd: &Path,
) -> (Option<PathBuf>, Source) {
    if let Some(p) = flag {
        return (Some(p.to_path_buf()), Source::Flag);
    }
    if let Some(e) = env.filter(|e| !e.is_empty()) {
        return (Some(PathBuf::from(e)), Source::Env);
    }
    let mut rel = PathBuf::new();
    for dir in cwd.ancestors() {
        if dir.join(FILE_NAME).is_file() {
            return (Some(rel.join(FILE_NAME)), Source::Found);
        }
        rel.push("..");
    }
    (None, Source::Defaults)
}

/// Finds and loads the config, saying which on standard error with `-v`.
pub fn load_for(flag: Option<&Path>) -> Result<Config, ConfigError> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let (path, source) = discover(flag, std::env::var_os(ENV), &cwd);
    let Some(path) = path else {
        super::global::info(&format!(
            "no config file (no --config, no ${ENV}, no {FILE_NAME} here or above): built-in defaults"
        ));
        return Ok(Config::default());
    };
    let why = match source {
        Source::Flag => "from --config",
        Source::Env => "from $BRIEF_CONFIG",
        Source::Found => "found in this folder or above",
        Source::Defaults => "",
    };
    super::global::info(&format!("config {} ({why})", path.display()));
    load(&path)
}

/// Reads and checks one config file.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let label = path.display().to_string();
    let text = crate::read::source::read_text_file(path, crate::read::source::DEFAULT_MAX_INPUT)
        .map_err(|e| ConfigError::Io {
            file: label.clone(),
            message: if e.kind() == std::io::ErrorKind::NotFound {
                "no such file".into()
            } else {
                e.to_string()
            },
        })?;
    parse(&text, path)
}

/// Parses config text; `path` names it in errors and anchors relative paths.
pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
    let label = path.display().to_string();
    let file: File =
        toml::from_str(text).map_err(|e| invalid(crate::style::from_toml(&e, text, &label)))?;
    let dir = path.parent().unwrap_or(Path::new(""));
    let rel = |p: &Path| {
        if p.is_absolute() || dir.as_os_str().is_empty() {
            p.to_path_buf()
        } else {
            dir.join(p)
        }
    };
    let style = file.style.map(|s| {
        let p = rel(Path::new(&s));
        // A built-in name stays a name; anything naming a file is a path.
        if s.contains('/') || s.ends_with(".toml") || s.ends_with(".csl") || p.is_file() {
            p.display().to_string()
        } else {
            s
        }
    });
    Ok(Config {
        path: Some(path.to_path_buf()),
        style,
        bibliography: file.bibliography.iter().map(|p| rel(p)).collect(),
        outline_format: value::<OutlineFormat>(
            &file.outline_format,
            "outline-format",
            text,
            &label,
        )?,
        render_format: value::<crate::render::Format>(
            &file.render_format,
            "render-format",
            text,
            &label,
        )?,
        cite_format: value::<CiteFormat>(&file.cite_format, "cite-format", text, &label)?,
        diff_format: value::<DiffFormat>(&file.diff_format, "diff-format", text, &label)?,
    })
}

fn invalid(e: crate::style::StyleError) -> ConfigError {
    match e {
        crate::style::StyleError::Invalid {
            file,
            line,
            column,
            message,
            hint,
        } => ConfigError::Invalid {
            file,
            line,
            column,
            message,
            hint,
        },
        other => ConfigError::Invalid {
            file: String::new(),
            line: 1,
            column: 1,
            message: other.to_string(),
            hint: None,
        },
    }
}

fn value<E: ValueEnum>(
    v: &Option<toml::Spanned<String>>,
    key: &str,
    text: &str,
    label: &str,
) -> Result<Option<E>, ConfigError> {
    let Some(v) = v else { return Ok(None) };
    // Aliases (`md`, `tex`) are accepted but not listed in the error.
    if let Ok(e) = E::from_str(v.get_ref(), true) {
        return Ok(Some(e));
    }
    let names: Vec<String> = E::value_variants()
        .iter()
        .filter_map(|e| e.to_possible_value())
        .map(|p| p.get_name().to_string())
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    Err(unknown_value(v, &names, key, text, label))
}

/// The error for a value that names none of `valid`.
fn unknown_value(
    v: &toml::Spanned<String>,
    valid: &[&str],
    key: &str,
    text: &str,
    label: &str,
) -> ConfigError {
    let got = v.get_ref();
    // The span covers the quoted value; point at its first character.
    let (line, column) = crate::style::line_col(text, v.span().start);
    ConfigError::Invalid {
        file: label.to_string(),
        line,
        column,
        message: format!(
            "unknown value `{got}` for `{key}`; valid values: {}",
            valid
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        hint: Some(crate::style::hint_for(
            got,
            valid,
            "`brief help` lists the formats of each subcommand",
        )),
    }
}

/// Whether the option `id` of the subcommand was left at its default.
fn defaulted(m: &ArgMatches, id: &str) -> bool {
    m.subcommand()
        .and_then(|(_, sub)| sub.value_source(id))
        .is_none_or(|s| s == ValueSource::DefaultValue)
}

/// Fills in the options the command line left out from the config.
pub fn apply(cli: &mut Cli, m: &ArgMatches, cfg: &Config) {
    match &mut cli.command {
        Command::Outline(a) => {
            if let (Some(f), true) = (cfg.outline_format, defaulted(m, "format")) {
                a.format = f;
            }
        }
        Command::Render(a) => {
            if a.style.is_none() {
                a.style.clone_from(&cfg.style);
            }
            if a.bib.is_empty() {
                a.bib.clone_from(&cfg.bibliography);
            }
            // -o's extension chooses the format before the config does.
            let named_output = a.output.as_deref().is_some_and(|o| {
                o.as_os_str() != "-" && crate::render::Format::from_path(o).is_some()
            });
            if a.to.is_none() && !named_output {
                a.to = cfg.render_format;
            }
        }
        Command::Cite(a) => {
            if let (Some(s), true) = (&cfg.style, defaulted(m, "style")) {
                a.style.clone_from(s);
            }
            if a.bib.is_empty() {
                a.bib.clone_from(&cfg.bibliography);
            }
            if let (Some(f), true) = (cfg.cite_format, defaulted(m, "to")) {
                a.to = f;
            }
        }
        Command::Diff(a) => {
            if let (Some(f), true) = (cfg.diff_format, defaulted(m, "format")) {
                a.format = f;
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> (String, Option<String>) {
        match parse(text, Path::new("brief.toml")) {
            Err(e) => (e.to_string(), e.hint()),
            Ok(_) => panic!("should fail: {text}"),
        }
    }

    #[test]
    fn reads_every_key() {
        let c = parse(
            "style = \"ieee\"\nbibliography = [\"refs.bib\"]\noutline-format = \"markdown\"\ncite-format = \"html\"\ndiff-format = \"json\"\nrender-format = \"latex\"\n",
            Path::new("conf/brief.toml"),
        )
        .unwrap();
        assert_eq!(c.style.as_deref(), Some("ieee"));
        assert_eq!(c.bibliography, vec![PathBuf::from("conf/refs.bib")]);
        assert_eq!(c.outline_format, Some(OutlineFormat::Markdown));
        assert_eq!(c.cite_format, Some(CiteFormat::Html));
        assert_eq!(c.diff_format, Some(DiffFormat::Json));
        assert_eq!(c.render_format, Some(crate::render::Format::Latex));
    }

    #[test]
    fn style_path_is_relative_to_the_file() {
        let c = parse(
            "style = \"styles/mine.toml\"\n",
            Path::new("conf/brief.toml"),
        )
        .unwrap();
        assert_eq!(c.style.as_deref(), Some("conf/styles/mine.toml"));
    }

    #[test]
    fn unknown_key_is_located_with_a_hint() {
        let (msg, hint) = err("style = \"apa\"\nbibliografy = []\n");
        assert!(
            msg.starts_with("brief.toml:2:1: unknown key `bibliografy`"),
            "{msg}"
        );
        assert!(msg.contains("`bibliography`"), "{msg}");
        assert_eq!(hint.as_deref(), Some("did you mean \"bibliography\"?"));
    }

    #[test]
    fn bad_value_is_located_with_a_hint() {
        let (msg, hint) = err("\noutline-format = \"jsn\"\n");
        assert!(
            msg.starts_with("brief.toml:2:18: unknown value `jsn` for `outline-format`"),
            "{msg}"
        );
        assert_eq!(hint.as_deref(), Some("did you mean \"json\"?"));
    }

    #[test]
    fn discovery_order() {
        let d = tempfile::tempdir().unwrap();
        let sub = d.path().join("a/b");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(d.path().join("a/brief.toml"), "").unwrap();
        let flag = PathBuf::from("x.toml");
        assert_eq!(
            discover(Some(&flag), Some("e.toml".into()), &sub),
            (Some(flag.clone()), Source::Flag)
        );
        assert_eq!(
            discover(None, Some("e.toml".into()), &sub),
            (Some(PathBuf::from("e.toml")), Source::Env)
        );
        assert_eq!(
            discover(None, Some("".into()), &sub),
            (Some(PathBuf::from("../brief.toml")), Source::Found)
        );
    }
}
