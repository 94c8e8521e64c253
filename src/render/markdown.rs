//! The Markdown brief: CommonMark with GFM-compatible lists, optional YAML
//! front matter, readable as plain text.

use askama::Template;

use super::brief::Formatted;
use super::brief::{
    Brief, ClaimItem, Part, Piece, QuotationItem, Quotations, SourceItem, TimelineItem,
};
use super::escape::{is_safe_url, markdown as md, markdown_continued as md_cont};
use super::Layout;

#[derive(Template)]
#[template(path = "brief.md", escape = "brief-markdown")]
struct Md<'a> {
    b: &'a Brief,
    front_matter: Option<String>,
    gfm: bool,
    fig: &'a super::FigureOptions,
}

impl Md<'_> {
    fn fig_image(&self, what: &str, alt: &str, on: bool) -> String {
        match &self.fig.svg_stem {
            Some(stem) if on => {
                let file = format!("{stem}.{what}.svg");
                format!("\n\n{}", super::escape::markdown_svg_figure(&file, alt))
            }
            _ => String::new(),
        }
    }

    fn fig_sources(&self) -> String {
        let on = self.fig.sources_chart(self.b).is_some();
        self.fig_image("sources", "Claims per source", on)
    }

    fn fig_timeline(&self) -> String {
        let on = self.fig.timeline_strip(self.b).is_some();
        self.fig_image("timeline", "Timeline of dated statements", on)
    }

    fn formatted<'b>(&self, f: &'b Formatted) -> &'b str {
        &f.markdown
    }

    fn claim(&self, c: &ClaimItem) -> String {
        let mut s = md(&c.text);
        if let Some(a) = &c.attribution {
            s.push_str(" — *");
            s.push_str(&md_cont(a));
            s.push('*');
        }
        let cite = c.citation.markdown.clone();
        if !cite.is_empty() {
            s.push(' ');
            s.push_str(&cite);
        }
        s
    }

    fn quote_by(&self, q: &QuotationItem) -> String {
        let mut s = String::new();
        if let Some(sp) = &q.speaker {
            s.push_str(&md_cont(sp));
            if let Some(r) = &q.role {
                s.push_str(", ");
                s.push_str(&md_cont(r));
            }
        } else {
            s.push_str("unattributed");
        }
        let cite = q.citation.markdown.clone();
        if !cite.is_empty() {
            s.push(' ');
            s.push_str(&cite);
        }
        s
    }

    fn source(&self, s: &SourceItem) -> String {
        let mut out = format!("**{}**", md_cont(&s.name));
        if let Some(r) = &s.role {
            out.push_str(&format!(" ({})", md_cont(r)));
        }
        out.push_str(&format!(
            " — {}, {} claim{}",
            s.kind,
            s.claims,
            if s.claims == 1 { "" } else { "s" }
        ));
        out
    }

    /// A row of the GFM table of sources.
    fn source_row(&self, s: &SourceItem) -> String {
        format!(
            "| {} | {} | {} | {} |",
            md_cont(&s.name),
            s.role.as_deref().map(md_cont).unwrap_or_default(),
            s.kind,
            s.claims
        )
    }

    /// An anchor citations link to (raw HTML: CommonMark, GFM and pandoc
    /// all keep it). Anchors are `ref-` and ASCII letters, digits, `-_.:`.
    fn anchor_mark(&self, a: &str) -> String {
        format!("<a id=\"{a}\"></a>")
    }

    fn date(&self, t: &TimelineItem) -> String {
        if t.date == t.written {
            format!("**{}**", md_cont(&t.date))
        } else {
            format!("**{}** (“{}”)", md_cont(&t.date), md_cont(&t.written))
        }
    }

    fn url(&self) -> Option<String> {
        let u = self.b.url.as_deref()?;
        Some(if is_safe_url(u) {
            format!("<{u}>")
        } else {
            md(u)
        })
    }

    fn block_quotes(&self) -> bool {
        self.b.quotation_mode == Quotations::Block
    }
}

/// Rich text as Markdown; `line_start` when it begins a line.
pub fn rich(i: &[Piece], line_start: bool) -> String {
    let mut s = String::new();
    for (n, p) in i.iter().enumerate() {
        let esc = |t: &str| {
            if n == 0 && line_start {
                md(t)
            } else {
                md_cont(t)
            }
        };
        match p {
            Piece::Text(t) => s.push_str(&esc(t)),
            Piece::Emph(t) if !t.trim().is_empty() => {
                s.push('*');
                s.push_str(&esc(t));
                s.push('*');
            }
            Piece::Strong(t) if !t.trim().is_empty() => {
                s.push_str("**");
                s.push_str(&esc(t));
                s.push_str("**");
            }
            Piece::Emph(t) | Piece::Strong(t) => s.push_str(&esc(t)),
            Piece::Link(t, u) if is_safe_url(u) => {
                if t == u {
                    s.push_str(&format!("<{u}>"));
                } else {
                    s.push_str(&format!("[{}](<{u}>)", esc(t)));
                }
            }
            Piece::Link(t, _) => s.push_str(&esc(t)),
        }
    }
    s
}

/// YAML front matter: title, authors, date, publisher, url, language and
/// the style's CSL file when it has one. Values are Markdown-escaped, as pandoc reads them as Markdown.
fn front_matter(b: &Brief) -> String {
    let mut map = serde_json::Map::new();
    map.insert("title".into(), md(&b.title).into());
    if !b.authors.is_empty() {
        map.insert(
            "author".into(),
            b.authors.iter().map(|a| md(a)).collect::<Vec<_>>().into(),
        );
    }
    if let Some(d) = &b.date {
        map.insert("date".into(), md(d).into());
    }
    if let Some(p) = &b.publication {
        map.insert("publisher".into(), md(p).into());
    }
    if let Some(u) = b.url.as_deref().filter(|u| is_safe_url(u)) {
        map.insert("url".into(), u.into());
    }
    if let Some(l) = &b.language {
        map.insert("lang".into(), md(l).into());
    }
    // pandoc reads `citation-style` (and `csl`) as the CSL file to use with
    // --citeproc, so a style name there breaks it; only a CSL file the
    // style names is written, as its path.
    if let Some(csl) = &b.citations.csl {
        map.insert("csl".into(), csl.clone().into());
    }
    let yaml = serde_norway::to_string(&map).unwrap_or_default();
    format!("---\n{}---\n", yaml)
}

/// Renders the Markdown brief.
pub fn render(b: &Brief, layout: &Layout) -> askama::Result<String> {
    Md {
        b,
        front_matter: layout.front_matter.then(|| front_matter(b)),
        gfm: layout.gfm,
        fig: &layout.figures,
    }
    .render()
}
