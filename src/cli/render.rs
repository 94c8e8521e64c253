//! `brief render`: article → outline → brief → Markdown, LaTeX, plain text
//! or HTML.

use crate::error::Error;
use crate::render::{Format, Layout};
use crate::style::Style;

use super::args::RenderArgs;
use super::{exit, output};

/// The style used when `--style` is not given.
pub const DEFAULT_STYLE: &str = "full";

/// The layout a style asks for, with the command line's overrides.
pub fn layout(style: &Style, a: &RenderArgs) -> Layout {
    let r = &style.render;
    Layout {
        fragment: a.fragment,
        width: a.width.map_or(r.plain.width, usize::from),
        front_matter: r.markdown.front_matter,
        gfm: r.markdown.flavor == crate::style::Flavor::Gfm,
        document_class: r.latex.document_class.clone(),
        font_size: r.latex.font_size.clone(),
        paper: r.latex.paper.clone(),
        figures: crate::render::FigureOptions {
            sources: style.figures.sources && !a.no_figures,
            timeline: style.figures.timeline && !a.no_figures,
            svg_stem: None,
        },
    }
}

/// The output format: `--to`, else the extension of `-o`, else Markdown.
pub fn format(a: &RenderArgs) -> Result<Format, Error> {
    if let Some(f) = a.to {
        return Ok(f);
    }
    match a.output.as_deref() {
        Some(p) if p.as_os_str() != "-" => Format::from_path(p).ok_or_else(|| Error::Usage {
            message: format!(
                "{}: cannot tell the output format from the file name",
                p.display()
            ),
            hint: Some("name the file .md, .tex, .txt or .html, or give --to".into()),
        }),
        _ => Ok(Format::Markdown),
    }
}

/// The brief of an outline in a style, with its citations formatted.
pub fn brief_of(
    outline: &crate::outline::Outline,
    style: &Style,
    bib: &[std::path::PathBuf],
) -> Result<crate::render::Brief, Error> {
    brief_with(outline, style, bib, true)
}

/// [`brief_of`], reading pandoc citations (`[@key]`) in the claims only
/// with `pandoc_citations` (Markdown input: plain text has no such syntax).
pub fn brief_with(
    outline: &crate::outline::Outline,
    style: &Style,
    bib: &[std::path::PathBuf],
    pandoc_citations: bool,
) -> Result<crate::render::Brief, Error> {
    let items = crate::cite::load_bibliographies(bib)?;
    for w in crate::cite::unknown_type_warnings(&items) {
        crate::cli::global::warn(&w);
    }
    let citations = crate::render::cites::citations(outline, style, &items, pandoc_citations)?;
    if citations.authors.is_empty() {
        return Ok(crate::render::brief::build(outline, style, citations));
    }
    let mut named = outline.clone();
    crate::render::cites::name_cited_sources(&mut named, &citations.authors);
    Ok(crate::render::brief::build(&named, style, citations))
}

/// Warns of every key cited in no bibliography entry, as `brief cite
/// --cite` does: `FILE:LINE:COL: no bibliography entry has the key `K``.
fn warn_unresolved(
    brief: &crate::render::Brief,
    outline: &crate::outline::Outline,
    doc: &crate::read::Document,
) {
    for (claim, key) in &brief.citations.unresolved {
        let from = outline
            .claims
            .iter()
            .find(|c| &c.id == claim)
            .map_or(0, |c| doc.source.normalised(c.span.start));
        let text = &doc.source.text;
        let needle = format!("@{key}");
        let at = text
            .get(from..)
            .and_then(|t| t.find(&needle))
            .map(|o| from + o)
            .or_else(|| text.find(&needle));
        let place = match at {
            Some(at) => {
                let (line, col) = doc.source.line_col(at);
                format!("{}:{line}:{col}: ", doc.source.name)
            }
            None => format!("{}: ", doc.source.name),
        };
        crate::cli::global::warn(&format!("{place}no bibliography entry has the key `{key}`"));
    }
}

/// Runs `brief render`.
pub fn run(a: &RenderArgs) -> Result<u8, Error> {
    run_reading(a).map(|(code, _)| code)
}

/// Runs `brief render`; returns the exit code and the files read besides
/// the article, the style and `--bib` (its `\\input` files, and the
/// bibliographies it names when no `--bib` is given), for the depfile.
pub fn run_reading(a: &RenderArgs) -> Result<(u8, Vec<std::path::PathBuf>), Error> {
    let style = Style::load(a.style.as_deref().unwrap_or(DEFAULT_STYLE))?;
    let format = format(a)?;
    let mut layout = layout(&style, a);
    // Markdown refers to its figures as SVG files beside the output file;
    // on standard output there is no "beside", so the images are left out.
    let svg_dir = match (&a.output, format) {
        (Some(p), Format::Markdown) if p.as_os_str() != "-" => {
            layout.figures.svg_stem = p.file_stem().map(|s| s.to_string_lossy().into_owned());
            p.parent().map(std::path::Path::to_path_buf)
        }
        _ => None,
    };
    let origin = crate::read::Origin::from_arg(&a.input);
    let doc = super::read_article(&origin, a.from, a.max_input_size)?;
    let outline = crate::outline::build(&doc);
    // A LaTeX document's own `\bibliography` stands in for a missing --bib.
    let bib = if a.bib.is_empty() {
        &doc.bibliographies
    } else {
        &a.bib
    };
    // pandoc citations are read where the reader writes them: Markdown, and
    // LaTeX, whose `\cite` commands become them
    let citations = matches!(
        doc.format,
        crate::read::InputFormat::Markdown | crate::read::InputFormat::Latex
    );
    let brief = brief_with(&outline, &style, bib, citations)?;
    warn_unresolved(&brief, &outline, &doc);
    let text = crate::render::render(&brief, format, &layout)?;
    let target = output::Target::from_option(a.output.as_deref());
    let mut read = doc.includes.clone();
    if a.bib.is_empty() {
        read.extend(doc.bibliographies.iter().cloned());
    }
    let inputs: Vec<&std::path::Path> = origin
        .path()
        .into_iter()
        .chain(read.iter().map(std::path::PathBuf::as_path))
        .collect();
    output::write(&target, text.as_bytes(), &inputs)?;
    if let Some(dir) = svg_dir {
        for (name, svg) in layout.figures.svg_files(&brief) {
            let file = output::Target::File(dir.join(name));
            output::write(&file, svg.as_bytes(), &inputs)?;
        }
    }
    Ok((exit::SUCCESS, read))
}
