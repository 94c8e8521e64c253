//! The LaTeX brief: a whole document that compiles with pdfLaTeX, XeLaTeX
//! and LuaLaTeX, or (`--fragment`) a fragment to `\input` into another.
//!
//! Text outside T1 (CJK names, Greek, Cyrillic, symbols) is wrapped by
//! [`escape::latex`](super::escape::latex) in `\briefcjk{U+XXXX}{c}` or
//! `\briefuni{U+XXXX}{c}`. The preamble defines them per engine:
//!
//! - XeLaTeX and LuaLaTeX (fontspec): the character itself, in Noto Serif
//!   CJK SC (or Noto Sans CJK SC) when that font is installed, which also
//!   covers Greek and Cyrillic; else in the main font.
//! - pdfLaTeX: the code point in typewriter type, `[U+4E2D]`. pdfLaTeX has
//!   no CJK font of its own in a basic TeX Live (CJKutf8 needs
//!   texlive-lang-cjk and its fonts), so the brief shows which character
//!   stood there instead of failing. Use XeLaTeX or LuaLaTeX for CJK.
//!
//! A fragment defines the two commands with `\providecommand`, testing the
//! engine with `\ifdefined\XeTeXversion` / `\directlua`, so a host document
//! that defines them itself (with its own CJK font) wins.

use askama::Template;

use super::brief::Formatted;
use super::brief::{
    Brief, ClaimItem, Part, Piece, QuotationItem, Quotations, SourceItem, TimelineItem,
};
use super::escape::latex as tex;
use super::{Layout, RenderError};

#[derive(Template)]
#[template(path = "brief.tex", escape = "brief-latex", syntax = "brief-latex")]
struct Tex<'a> {
    b: &'a Brief,
    fragment: bool,
    class: &'a str,
    options: String,
    fig: &'a super::FigureOptions,
    tikz: bool,
}

impl Tex<'_> {
    fn fig_sources(&self) -> String {
        self.fig
            .sources_chart(self.b)
            .map_or_else(String::new, |c| super::figures::chart_tikz(&c))
    }

    fn fig_timeline(&self) -> String {
        self.fig
            .timeline_strip(self.b)
            .map_or_else(String::new, |s| super::figures::strip_tikz(&s))
    }

    fn formatted<'b>(&self, f: &'b Formatted) -> &'b str {
        &f.latex
    }

    fn claim(&self, c: &ClaimItem) -> String {
        let mut s = tex(&c.text);
        if let Some(a) = &c.attribution {
            s.push_str(" --- \\emph{");
            s.push_str(&tex(a));
            s.push('}');
        }
        let cite = c.citation.latex.clone();
        if !cite.is_empty() {
            s.push(' ');
            s.push_str(&cite);
        }
        s
    }

    fn quote_by(&self, q: &QuotationItem) -> String {
        let mut s = match &q.speaker {
            Some(sp) => {
                let mut s = tex(sp);
                if let Some(r) = &q.role {
                    s.push_str(", ");
                    s.push_str(&tex(r));
                }
                s
            }
            None => "unattributed".into(),
        };
        let cite = q.citation.latex.clone();
        if !cite.is_empty() {
            s.push(' ');
            s.push_str(&cite);
        }
        s
    }

    fn source(&self, s: &SourceItem) -> String {
        let mut out = format!("\\textbf{{{}}}", tex(&s.name));
        if let Some(r) = &s.role {
            out.push_str(&format!(" ({})", tex(r)));
        }
        out.push_str(&format!(
            " --- {}, {} claim{}",
            s.kind,
            s.claims,
            if s.claims == 1 { "" } else { "s" }
        ));
        out
    }

    fn date(&self, t: &TimelineItem) -> String {
        if t.date == t.written {
            tex(&t.date)
        } else {
            format!("{} (“{}”)", tex(&t.date), tex(&t.written))
        }
    }

    fn block_quotes(&self) -> bool {
        self.b.quotation_mode == Quotations::Block
    }
}

/// Rich text as LaTeX.
pub fn rich(i: &[Piece]) -> String {
    let mut s = String::new();
    for p in i {
        match p {
            Piece::Text(t) => s.push_str(&tex(t)),
            Piece::Emph(t) => s.push_str(&format!("\\emph{{{}}}", tex(t))),
            Piece::Strong(t) => s.push_str(&format!("\\textbf{{{}}}", tex(t))),
            Piece::Link(t, _) => s.push_str(&url_text(t)),
        }
    }
    s
}

/// A URL or other long token as text that may break after `/`, `.`, `-`.
fn url_text(t: &str) -> String {
    let mut s = String::from("\\texttt{");
    let chars: Vec<char> = t.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let mut buf = [0u8; 4];
        s.push_str(&tex(c.encode_utf8(&mut buf)));
        // Break after a separator, but never inside `//`.
        let next = chars.get(i + 1).copied();
        if matches!(c, '/' | '.' | '-' | '?' | '&' | '=' | '_')
            && next != Some('/')
            && next.is_some()
        {
            s.push_str("\\allowbreak{}");
        }
    }
    s.push('}');
    s
}

fn word_ok(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// Checks the LaTeX settings of a style: they go into the preamble as they
/// are, so they must be plain words.
pub fn check(l: &Layout) -> Result<(), RenderError> {
    for (key, value) in [
        ("render.latex.document-class", &l.document_class),
        ("render.latex.font-size", &l.font_size),
        ("render.latex.paper", &l.paper),
    ] {
        if !word_ok(value) {
            return Err(RenderError::Setting {
                key,
                value: value.clone(),
                expected: "letters, digits and hyphens only",
            });
        }
    }
    Ok(())
}

fn paper_option(p: &str) -> String {
    if p.ends_with("paper") {
        p.to_string()
    } else {
        format!("{p}paper")
    }
}

/// Renders the LaTeX brief.
pub fn render(b: &Brief, layout: &Layout) -> askama::Result<String> {
    Tex {
        b,
        fragment: layout.fragment,
        class: &layout.document_class,
        options: format!("{},{}", layout.font_size, paper_option(&layout.paper)),
        fig: &layout.figures,
        tikz: layout.figures.sources_chart(b).is_some()
            || layout.figures.timeline_strip(b).is_some(),
    }
    .render()
}
