//! Renderers: outlines and briefs into output formats.
//!
//! A brief is built once as plain data ([`brief::Brief`], from the outline,
//! the style's settings and the formatted citations), then laid out by one
//! askama template per format ([`markdown`], [`latex`], [`plain`],
//! [`html`]). Every piece of text goes through the escaping function of its
//! format ([`escape`]).

pub mod brief;
pub mod cites;
pub mod escape;
pub mod figures;
pub mod html;
pub mod latex;
pub mod markdown;
pub mod outline;
pub mod plain;
pub mod salience;
pub mod timeline;
pub mod words;

use std::path::Path;

use thiserror::Error;

pub use brief::Brief;

/// Errors of the render stage.
#[derive(Debug, Error)]
pub enum RenderError {
    /// A template failed to render.
    #[error("cannot render the brief as {format}: {message}")]
    Template {
        /// The format.
        format: &'static str,
        /// What askama said.
        message: String,
    },
    /// A style setting the renderer cannot use.
    #[error("style setting `{key}` = {value:?} is not valid: {expected}")]
    Setting {
        /// The setting, as in a style file.
        key: &'static str,
        /// The value given.
        value: String,
        /// What is expected.
        expected: &'static str,
    },
}

/// The output formats of `brief render`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// CommonMark/GFM Markdown.
    #[value(alias = "md")]
    Markdown,
    /// A LaTeX document (or a fragment with `--fragment`).
    #[value(alias = "tex")]
    Latex,
    /// Plain text, wrapped.
    #[value(aliases = ["txt", "text"])]
    Plain,
    /// One self-contained HTML page.
    Html,
}

impl Format {
    /// The format's name.
    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "markdown",
            Format::Latex => "latex",
            Format::Plain => "plain",
            Format::Html => "html",
        }
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Latex => "tex",
            Format::Plain => "txt",
            Format::Html => "html",
        }
    }

    /// The format a file name asks for by its extension, if any.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" => Some(Format::Markdown),
            "tex" | "latex" => Some(Format::Latex),
            "txt" | "text" => Some(Format::Plain),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }
}

/// How a brief is laid out (from the style's `render` table and the
/// command line).
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// LaTeX: a fragment for `\input` instead of a whole document.
    pub fragment: bool,
    /// Plain text: the line width in columns.
    pub width: usize,
    /// Markdown: YAML front matter first.
    pub front_matter: bool,
    /// Markdown: GitHub Flavored Markdown (the sources as a table) rather
    /// than plain CommonMark (a list).
    pub gfm: bool,
    /// LaTeX: the document class.
    pub document_class: String,
    /// LaTeX: the base font size (`10pt`, `11pt`, `12pt`).
    pub font_size: String,
    /// LaTeX: the paper (`a4paper`, `letterpaper`, or `a4`, `letter`).
    pub paper: String,
    /// Which figures to draw, and where Markdown finds their SVG files.
    pub figures: FigureOptions,
}

/// Which figures a brief shows (from the style's `[figures]` table and
/// `--no-figures`).
#[derive(Debug, Clone, PartialEq)]
pub struct FigureOptions {
    /// The chart of claims per source. Default: `true`.
    pub sources: bool,
    /// The timeline strip. Default: `true`.
    pub timeline: bool,
    /// Markdown: the stem of the SVG files written beside the output
    /// (`NAME` gives `NAME.sources.svg`); `None` (output to stdout) leaves
    /// the images out, since there is no file to refer to.
    pub svg_stem: Option<String>,
}

impl Default for FigureOptions {
    fn default() -> FigureOptions {
        FigureOptions {
            sources: true,
            timeline: true,
            svg_stem: None,
        }
    }
}

impl FigureOptions {
    /// The sources chart, if it is wanted and has something to show.
    pub fn sources_chart(&self, b: &Brief) -> Option<figures::Chart> {
        if self.sources && b.parts.contains(&brief::Part::Sources) {
            figures::sources_chart(b)
        } else {
            None
        }
    }

    /// The timeline strip, if it is wanted and has something to show.
    pub fn timeline_strip(&self, b: &Brief) -> Option<figures::Strip> {
        if self.timeline && b.parts.contains(&brief::Part::Timeline) {
            figures::timeline_strip(b)
        } else {
            None
        }
    }

    /// The SVG files a Markdown brief refers to: (file name, contents).
    pub fn svg_files(&self, b: &Brief) -> Vec<(String, String)> {
        let Some(stem) = &self.svg_stem else {
            return Vec::new();
        };
        let mut v = Vec::new();
        if let Some(c) = self.sources_chart(b) {
            v.push((format!("{stem}.sources.svg"), figures::chart_svg(&c)));
        }
        if let Some(s) = self.timeline_strip(b) {
            v.push((format!("{stem}.timeline.svg"), figures::strip_svg(&s)));
        }
        v
    }
}

impl Default for Layout {
    fn default() -> Layout {
        Layout {
            fragment: false,
            width: 72,
            front_matter: false,
            gfm: true,
            document_class: "article".into(),
            font_size: "11pt".into(),
            paper: "a4paper".into(),
            figures: FigureOptions::default(),
        }
    }
}

/// Renders a brief in a format.
pub fn render(b: &Brief, format: Format, layout: &Layout) -> Result<String, RenderError> {
    let out = match format {
        Format::Markdown => markdown::render(b, layout),
        Format::Latex => {
            latex::check(layout)?;
            latex::render(b, layout)
        }
        Format::Plain => plain::render(b, layout),
        Format::Html => html::render(b, layout),
    };
    out.map_err(|e| RenderError::Template {
        format: format.name(),
        message: e.to_string(),
    })
    .map(|s| tidy(&s))
    .map(|s| match format {
        Format::Latex => escape::wrap_latex_lines(s),
        _ => s,
    })
}

/// Trims trailing spaces and runs of blank lines that template control
/// flow leaves, and ends the output with one newline.
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = 0;
    for line in s.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            if blank > 1 || out.is_empty() {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}
