//! Command-line arguments (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::read::InputFormat;

const AFTER_HELP: &str = "\
Exit codes:
  0  success (for `diff`: the versions say the same thing)
  1  `diff`: the versions differ; batch runs: some inputs failed
  2  trouble: bad input, bad usage, an output that could not be written";

/// brief: outlines, briefs and year-over-year diffs of reports and articles.
#[derive(Debug, Parser)]
#[command(name = "brief", version, about, long_about = None, after_help = AFTER_HELP)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
    /// Global options: config, depfile, colour, verbosity.
    #[command(flatten)]
    pub global: super::global::GlobalArgs,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read an article into a structured outline: sections, claims, sources,
    /// quotations and entities.
    #[command(after_help = "\
Examples:
  brief outline report.md                  JSON outline on standard output
  brief outline report.txt --format markdown
  brief outline - --from markdown < report.md
  brief outline paper.tex                  LaTeX, its \\input files followed
  brief outline report.md -o report.outline.json
  brief outline reports/*.md --out-dir outlines/   batch, in parallel")]
    Outline(OutlineArgs),
    /// Build a briefing document from an article, with citations in a style.
    #[command(after_help = "\
Examples:
  brief render report.md --style apa --to latex -o brief.tex
  brief render report.txt --to plain
  brief render report.md --bib refs.bib -o brief.html --depfile brief.d
  brief render reports/*.md --to html --out-dir briefs/   batch, in parallel")]
    Render(RenderArgs),
    /// Format references and citations from bibliographies.
    #[command(after_help = "\
Examples:
  brief cite --bib refs.bib --style apa --all
  brief cite --bib refs.bib --style ieee --cite '[see @doe2020, p. 3]'")]
    Cite(CiteArgs),
    /// Compare two versions of a report: claims added, removed, changed and moved.
    #[command(after_help = "\
Examples:
  brief diff report-2023.md report-2024.md
  brief diff old.txt new.txt --format json
  brief diff old.md new.md --stat
  brief diff old.md new.md --format latex -o changes.tex
  git show HEAD~1:report.md | brief diff - report.md --from markdown

Exit status is 0 when the versions say the same thing, 1 when they differ,
2 on trouble, as diff(1) does.")]
    Diff(DiffArgs),
    /// List the built-in styles, or print one as a starting point.
    #[command(after_help = "\
Examples:
  brief styles                      names and descriptions
  brief styles show apa > mine.toml a style file to edit
  brief styles --csl                the built-in CSL citation styles")]
    Styles(StylesArgs),
    /// Print a shell completion script.
    #[command(after_help = "\
Examples:
  brief completions bash > ~/.local/share/bash-completion/completions/brief
  brief completions zsh > ~/.zfunc/_brief
  brief completions fish > ~/.config/fish/completions/brief.fish
  brief completions powershell >> $PROFILE")]
    Completions(super::global::CompletionsArgs),
    /// Print the manual page (roff) on standard output.
    #[command(after_help = "\
Examples:
  brief man | man -l -
  brief man -o brief.1")]
    Man(super::global::ManArgs),
}

/// Arguments of `brief styles`.
#[derive(Debug, Args)]
pub struct StylesArgs {
    /// List the built-in CSL citation style names instead.
    #[arg(long)]
    pub csl: bool,
    /// `show NAME`: print a built-in style's TOML.
    #[command(subcommand)]
    pub action: Option<StylesAction>,
}

/// What `brief styles` does besides listing.
#[derive(Debug, Subcommand)]
pub enum StylesAction {
    /// Print a built-in style's TOML, to copy and edit.
    Show {
        /// The built-in style's name.
        name: String,
    },
}

/// Output formats of `brief outline`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutlineFormat {
    /// The versioned JSON schema (`brief.outline/1`).
    Json,
    /// The same data as TOML.
    Toml,
    /// A readable summary for people.
    #[value(alias = "md")]
    Markdown,
    /// The grammar's analysis of every claim as CoNLL-U (words, lemmas,
    /// parts of speech, dependencies), to see why a claim got its source
    /// or to read with any Universal Dependencies tool.
    Conllu,
}

/// Arguments of `brief outline`.
#[derive(Debug, Clone, Args)]
pub struct OutlineArgs {
    /// The article to read (`-` for standard input).
    pub input: String,
    /// More articles: a batch run, with --out-dir.
    #[arg(value_name = "MORE")]
    pub more: Vec<String>,
    /// Batch: write one outline per article into this folder
    /// (`NAME.outline.json`, `.toml`, `.md` or `.conllu`).
    #[arg(long, value_name = "DIR", conflicts_with = "output")]
    pub out_dir: Option<PathBuf>,
    /// The input format; by default from the file extension (`.md` and
    /// `.markdown` are Markdown, `.tex` and `.latex` LaTeX, anything else
    /// plain text; standard input that starts with `\documentclass` is LaTeX).
    #[arg(long, value_enum)]
    pub from: Option<InputFormat>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value = "json")]
    pub format: OutlineFormat,
    /// Write to this file (atomically) instead of standard output.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    /// Refuse inputs larger than this many bytes.
    #[arg(long, default_value_t = crate::read::source::DEFAULT_MAX_INPUT, value_name = "BYTES")]
    pub max_input_size: u64,
}

/// Arguments of `brief render`.
#[derive(Debug, Clone, Args)]
pub struct RenderArgs {
    /// The article to read (`-` for standard input).
    pub input: String,
    /// More articles: a batch run, with --out-dir.
    #[arg(value_name = "MORE")]
    pub more: Vec<String>,
    /// Batch: write one brief per article into this folder (`NAME.md`,
    /// `.tex`, `.txt` or `.html`, from --to).
    #[arg(long, value_name = "DIR", conflicts_with = "output")]
    pub out_dir: Option<PathBuf>,
    /// A built-in style name or a path to a style TOML file.
    #[arg(long, short = 's')]
    pub style: Option<String>,
    /// Output format; by default from the extension of -o (.md, .tex, .txt,
    /// .html), else markdown.
    #[arg(long, short = 't', value_enum)]
    pub to: Option<crate::render::Format>,
    /// Bibliography files (BibTeX, CSL-JSON, CSL-YAML).
    #[arg(long)]
    pub bib: Vec<PathBuf>,
    /// Write to this file (atomically) instead of standard output.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    /// LaTeX: a fragment to \input into a larger document, without preamble.
    #[arg(long)]
    pub fragment: bool,
    /// Leave out the figures (the style's `[figures]` table turns them on).
    #[arg(long)]
    pub no_figures: bool,
    /// Plain text: wrap lines at this many columns (default from the style, else 72).
    #[arg(long, value_name = "COLUMNS", value_parser = clap::value_parser!(u16).range(20..))]
    pub width: Option<u16>,
    /// The input format; by default from the file extension.
    #[arg(long, value_enum)]
    pub from: Option<InputFormat>,
    /// Refuse inputs larger than this many bytes.
    #[arg(long, default_value_t = crate::read::source::DEFAULT_MAX_INPUT, value_name = "BYTES")]
    pub max_input_size: u64,
}

/// Arguments of `brief cite`.
#[derive(Debug, Args)]
pub struct CiteArgs {
    /// A bibliography file: BibTeX/BibLaTeX (.bib), CSL-JSON (.json),
    /// CSL-YAML (.yaml), RIS (.ris). Repeat for several.
    /// Default: `bibliography` of the config file.
    #[arg(long, value_name = "FILE")]
    pub bib: Vec<PathBuf>,
    /// A built-in style name, a style TOML file, or a CSL file.
    #[arg(long, short = 's', default_value = "apa")]
    pub style: String,
    /// Keys of the entries to format (default with no --cite: all).
    pub keys: Vec<String>,
    /// Format every entry of the bibliographies.
    #[arg(long)]
    pub all: bool,
    /// Format the in-text citation(s) in TEXT, such as `[see @a, p. 3]`.
    #[arg(long, value_name = "TEXT")]
    pub cite: Option<String>,
    /// Output format.
    #[arg(long, short = 't', value_enum, default_value = "plain")]
    pub to: CiteFormat,
    /// Print the bibliography as normalised CSL-JSON instead.
    #[arg(long)]
    pub csl_json: bool,
    /// Write to this file (atomically) instead of standard output.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
}

/// Output formats of `brief cite`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CiteFormat {
    /// Text without markup.
    #[value(aliases = ["txt", "text"])]
    Plain,
    /// Pandoc Markdown.
    #[value(alias = "md")]
    Markdown,
    /// LaTeX.
    #[value(alias = "tex")]
    Latex,
    /// HTML.
    Html,
}

/// Output formats of `brief diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// A terminal view in the manner of wdiff: `[-old-]{+new+}`.
    #[value(aliases = ["txt", "text"])]
    Plain,
    /// The versioned JSON schema (`brief.diff/1`).
    Json,
    /// A Markdown report with CriticMarkup word changes.
    #[value(alias = "md")]
    Markdown,
    /// A LaTeX document in the manner of latexdiff (ulem, xcolor).
    #[value(alias = "tex")]
    Latex,
    /// A standalone HTML page (`<ins>`/`<del>`, the chart inlined as SVG).
    Html,
}

/// When to colour the plain output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// When standard output is a terminal and NO_COLOR is unset.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Arguments of `brief diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The old version (`-` for standard input).
    pub old: String,
    /// The new version (`-` for standard input; only one side may be `-`).
    pub new: String,
    /// The input format of both versions; by default from each file extension.
    #[arg(long, value_enum)]
    pub from: Option<InputFormat>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value = "plain")]
    pub format: DiffFormat,
    /// Print only the figures (per section and overall).
    #[arg(long)]
    pub stat: bool,
    /// Colour the plain output: the global `--color`.
    #[arg(skip = ColorWhen::Auto)]
    pub color: ColorWhen,
    /// Write to this file (atomically) instead of standard output.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    /// Leave out the chart of claims per section (on by default; Markdown
    /// writes it as NAME.changes.svg beside `-o NAME.md`).
    #[arg(long)]
    pub no_figures: bool,
    /// Plain text: the width of the chart in columns (default: the
    /// terminal's width on a terminal, else 72).
    #[arg(long, value_name = "COLUMNS", value_parser = clap::value_parser!(u16).range(30..))]
    pub width: Option<u16>,
    /// Refuse inputs larger than this many bytes.
    #[arg(long, default_value_t = crate::read::source::DEFAULT_MAX_INPUT, value_name = "BYTES")]
    pub max_input_size: u64,
}
