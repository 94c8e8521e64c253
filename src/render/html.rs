//! The HTML brief: one self-contained page (inline CSS, no scripts, no
//! external resources).

use askama::Template;

use super::brief::Formatted;
use super::brief::{
    Brief, ClaimItem, Part, Piece, QuotationItem, Quotations, SourceItem, TimelineItem,
};
use super::escape::{html as h, is_safe_url};
use super::Layout;

#[derive(Template)]
#[template(path = "brief.html", escape = "brief-html")]
struct Html<'a> {
    b: &'a Brief,
    fig: &'a super::FigureOptions,
}

impl Html<'_> {
    fn fig_sources(&self) -> String {
        self.fig
            .sources_chart(self.b)
            .map_or_else(String::new, |c| {
                format!("\n<figure>\n{}</figure>", super::figures::chart_svg(&c))
            })
    }

    fn fig_timeline(&self) -> String {
        self.fig
            .timeline_strip(self.b)
            .map_or_else(String::new, |s| {
                format!("\n<figure>\n{}</figure>", super::figures::strip_svg(&s))
            })
    }

    fn formatted<'b>(&self, f: &'b Formatted) -> &'b str {
        &f.html
    }

    fn lang(&self) -> String {
        let l = self.b.language.as_deref().unwrap_or("en");
        if !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            l.to_string()
        } else {
            "en".into()
        }
    }

    fn claim(&self, c: &ClaimItem) -> String {
        let mut s = h(&c.text);
        if let Some(a) = &c.attribution {
            s.push_str(" <span class=\"by\">— ");
            s.push_str(&h(a));
            s.push_str("</span>");
        }
        let cite = c.citation.html.clone();
        if !cite.is_empty() {
            s.push_str(" <cite>");
            s.push_str(&cite);
            s.push_str("</cite>");
        }
        s
    }

    fn quote_by(&self, q: &QuotationItem) -> String {
        let mut s = match &q.speaker {
            Some(sp) => match &q.role {
                Some(r) => format!("{}, {}", h(sp), h(r)),
                None => h(sp),
            },
            None => "unattributed".into(),
        };
        let cite = q.citation.html.clone();
        if !cite.is_empty() {
            s.push_str(" <cite>");
            s.push_str(&cite);
            s.push_str("</cite>");
        }
        s
    }

    fn source(&self, s: &SourceItem) -> String {
        let mut out = format!("<strong>{}</strong>", h(&s.name));
        if let Some(r) = &s.role {
            out.push_str(&format!(" ({})", h(r)));
        }
        out.push_str(&format!(
            " — {}, {} claim{}",
            s.kind,
            s.claims,
            if s.claims == 1 { "" } else { "s" }
        ));
        out
    }

    fn date(&self, t: &TimelineItem) -> String {
        if t.date == t.written {
            format!("<time>{}</time>", h(&t.date))
        } else {
            format!("<time>{}</time> (“{}”)", h(&t.date), h(&t.written))
        }
    }

    fn url(&self) -> Option<String> {
        let u = self.b.url.as_deref()?;
        Some(if is_safe_url(u) {
            format!("<a href=\"{0}\">{0}</a>", h(u))
        } else {
            h(u)
        })
    }

    fn block_quotes(&self) -> bool {
        self.b.quotation_mode == Quotations::Block
    }
}

/// Rich text as HTML.
pub fn rich(i: &[Piece]) -> String {
    let mut s = String::new();
    for p in i {
        match p {
            Piece::Text(t) => s.push_str(&h(t)),
            Piece::Emph(t) => s.push_str(&format!("<em>{}</em>", h(t))),
            Piece::Strong(t) => s.push_str(&format!("<strong>{}</strong>", h(t))),
            Piece::Link(t, u) if is_safe_url(u) => {
                s.push_str(&format!("<a href=\"{}\">{}</a>", h(u), h(t)))
            }
            Piece::Link(t, _) => s.push_str(&h(t)),
        }
    }
    s
}

/// Renders the HTML brief.
pub fn render(b: &Brief, layout: &Layout) -> askama::Result<String> {
    Html {
        b,
        fig: &layout.figures,
    }
    .render()
}
