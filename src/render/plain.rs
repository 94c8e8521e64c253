//! The plain-text brief: for e-mail and terminals, wrapped at a width in
//! display columns (East Asian wide characters count two), with hanging
//! indents for list items.

use askama::Template;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::brief::Formatted;
use super::brief::{Brief, ClaimItem, Part, QuotationItem, Quotations, SourceItem, TimelineItem};
use super::escape::plain as esc;
use super::Layout;

#[derive(Template)]
#[template(path = "brief.txt", escape = "brief-plain")]
struct Txt<'a> {
    b: &'a Brief,
    width: usize,
    fig: &'a super::FigureOptions,
}

impl Txt<'_> {
    fn fig_sources(&self) -> String {
        self.fig
            .sources_chart(self.b)
            .map_or_else(String::new, |c| {
                format!("\n{}\n", super::figures::chart_text(&c, self.width))
            })
    }

    fn fig_timeline(&self) -> String {
        self.fig
            .timeline_strip(self.b)
            .map_or_else(String::new, |s| {
                format!("\n{}\n", super::figures::strip_text(&s, self.width))
            })
    }

    /// A heading, underlined with `=` (level 1) or `-` (level 2).
    fn heading(&self, text: &str, level: u8) -> String {
        let t = wrap(&esc(text), self.width, "", "");
        let w = t
            .lines()
            .map(UnicodeWidthStr::width)
            .max()
            .unwrap_or(0)
            .min(self.width);
        let rule = if level == 1 { "=" } else { "-" };
        format!("{t}\n{}", rule.repeat(w.max(1)))
    }

    fn para(&self, text: &str) -> String {
        wrap(&esc(text), self.width, "", "")
    }

    fn rich_para(&self, label: &str, f: &Formatted) -> String {
        wrap(&format!("{label}{}", esc(&f.plain)), self.width, "", "    ")
    }

    fn item(&self, marker: &str, text: &str) -> String {
        let indent = " ".repeat(UnicodeWidthStr::width(marker));
        wrap(text, self.width, marker, &indent)
    }

    fn claim_text(&self, c: &ClaimItem) -> String {
        let mut s = esc(&c.text);
        if let Some(a) = &c.attribution {
            s.push_str(" — ");
            s.push_str(&esc(a));
        }
        let cite = esc(&c.citation.plain);
        if !cite.is_empty() {
            s.push(' ');
            s.push_str(&cite);
        }
        s
    }

    fn numbered(&self, n: &usize, c: &ClaimItem) -> String {
        let total = self.b.summary.len();
        let digits = total.to_string().len();
        self.item(&format!("{n:>digits$}. "), &self.claim_text(c))
    }

    fn bullet(&self, c: &ClaimItem) -> String {
        self.item("- ", &self.claim_text(c))
    }

    fn quote(&self, q: &QuotationItem) -> String {
        let by = match &q.speaker {
            Some(sp) => match &q.role {
                Some(r) => format!("{}, {}", esc(sp), esc(r)),
                None => esc(sp),
            },
            None => "unattributed".into(),
        };
        let cite = esc(&q.citation.plain);
        let by = if cite.is_empty() {
            by
        } else {
            format!("{by} {cite}")
        };
        let text = format!("“{}”", esc(&q.text));
        if self.b.quotation_mode == Quotations::Block {
            format!(
                "{}\n{}",
                self.item("    ", &text),
                self.item("      — ", &by)
            )
        } else {
            self.item("- ", &format!("{text} — {by}"))
        }
    }

    fn source(&self, s: &SourceItem) -> String {
        let mut out = esc(&s.name);
        if let Some(r) = &s.role {
            out.push_str(&format!(" ({})", esc(r)));
        }
        out.push_str(&format!(
            " — {}, {} claim{}",
            s.kind,
            s.claims,
            if s.claims == 1 { "" } else { "s" }
        ));
        self.item("- ", &out)
    }

    fn entities(&self, label: &str, names: &[super::brief::EntityEntry]) -> String {
        let list: Vec<String> = names
            .iter()
            .map(|e| {
                if e.mentions > 1 {
                    format!("{} ({})", esc(&e.name), e.mentions)
                } else {
                    esc(&e.name)
                }
            })
            .collect();
        self.item(&format!("{}: ", esc(label)), &list.join(", "))
    }

    fn dated(&self, t: &TimelineItem) -> String {
        let date = if t.date == t.written {
            esc(&t.date)
        } else {
            format!("{} (“{}”)", esc(&t.date), esc(&t.written))
        };
        format!(
            "{}\n{}",
            self.item("- ", &date),
            self.item("  ", &self.claim_text(&t.claim))
        )
    }

    fn reference(&self, r: &Formatted) -> String {
        self.item("- ", &esc(&r.plain))
    }
}

/// Wraps `text` at `width` display columns: the first line starts with
/// `first`, the others with `rest`. Words wider than a line are broken
/// between grapheme clusters.
pub fn wrap(text: &str, width: usize, first: &str, rest: &str) -> String {
    let mut out = String::new();
    let mut line = String::from(first);
    let mut line_w = UnicodeWidthStr::width(first);
    let mut empty = true;
    let indent_w = UnicodeWidthStr::width(rest);
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let w = UnicodeWidthStr::width(word);
        let need = if empty { w } else { w + 1 };
        if line_w + need <= width || (empty && line_w + w <= width) {
            if !empty {
                line.push(' ');
            }
            line.push_str(word);
            line_w += need;
            empty = false;
            continue;
        }
        if !empty {
            out.push_str(line.trim_end());
            out.push('\n');
            line = String::from(rest);
            line_w = indent_w;
            empty = true;
        }
        if line_w + w <= width {
            line.push_str(word);
            line_w += w;
            empty = false;
            continue;
        }
        // Too wide for any line: break it.
        for g in word.graphemes(true) {
            let gw = UnicodeWidthStr::width(g);
            if line_w + gw > width && !empty {
                out.push_str(&line);
                out.push('\n');
                line = String::from(rest);
                line_w = indent_w;
            }
            line.push_str(g);
            line_w += gw;
            empty = false;
        }
    }
    out.push_str(line.trim_end());
    out
}

/// Renders the plain-text brief.
pub fn render(b: &Brief, layout: &Layout) -> askama::Result<String> {
    Txt {
        b,
        width: layout.width.max(20),
        fig: &layout.figures,
    }
    .render()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn wraps_with_hanging_indent() {
        let s = wrap("aaa bbb ccc ddd", 9, "- ", "  ");
        assert_eq!(s, "- aaa bbb\n  ccc ddd");
    }

    #[test]
    fn wide_characters_count_two() {
        let s = wrap("王毅 外交部长 说", 8, "", "");
        for l in s.lines() {
            assert!(UnicodeWidthStr::width(l) <= 8, "{l:?}");
        }
    }

    proptest! {
        #[test]
        fn no_line_is_wider_than_the_width(text in "[a-z王 ]{0,200}", width in 20usize..100) {
            let s = wrap(&text, width, "- ", "  ");
            for l in s.lines() {
                prop_assert!(UnicodeWidthStr::width(l) <= width, "{:?}", l);
            }
            let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
            let joined: String = s.replace(['\n', ' '], "").replacen('-', "", 1);
            prop_assert_eq!(joined, words.concat());
        }
    }
}
