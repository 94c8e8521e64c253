//! Turning hayagriva's rendered element trees into text of each output
//! format, escaping every piece of text for it.

use hayagriva::citationberg::{FontStyle, FontVariant, FontWeight, TextDecoration, VerticalAlign};
use hayagriva::{ElemChild, ElemChildren, Formatted, Formatting};

use super::Format;

/// Escapes `text` for `format`. Control characters (a bibliography can
/// hold an ESC that retitles a terminal) become their visible pictures and
/// bidirectional overrides U+FFFD first, in every format.
pub fn escape(text: &str, format: Format) -> String {
    let text = &*crate::render::escape::sanitize(text);
    match format {
        Format::Plain => text.to_string(),
        Format::Markdown => escape_markdown(text),
        Format::Latex => escape_latex(text),
        Format::Html => escape_html(text),
    }
}

/// Escapes Markdown's inline syntax characters.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '#' | '@' | '|' | '~' | '^' | '$'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes LaTeX's special characters so the text prints as written and no
/// command in it runs. U+FFFD is written as its code point: LuaTeX takes
/// that character for invalid UTF-8 and stops.
pub fn escape_latex(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\u{FFFD}' => out.push_str("\\texttt{[U+FFFD]}"),
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '$' | '&' | '#' | '_' | '%' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '<' => out.push_str("\\textless{}"),
            '>' => out.push_str("\\textgreater{}"),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes HTML's special characters.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// Writes rendered children as `format`.
pub fn write_children(children: &ElemChildren, format: Format, out: &mut String) {
    for child in &children.0 {
        write_child(child, format, out);
    }
}

/// Writes one rendered child as `format`.
pub fn write_child(child: &ElemChild, format: Format, out: &mut String) {
    match child {
        ElemChild::Text(t) => write_formatted(t, format, out),
        ElemChild::Elem(e) => write_children(&e.children, format, out),
        ElemChild::Markup(m) => out.push_str(&escape(m, format)),
        ElemChild::Link { text, url } => write_link(text, url, format, out),
        ElemChild::Transparent { .. } => {}
    }
}

fn write_link(text: &Formatted, url: &str, format: Format, out: &mut String) {
    match format {
        Format::Plain => write_formatted(text, format, out),
        Format::Markdown => {
            if text.text == url && text.formatting == Formatting::default() {
                out.push('<');
                out.push_str(url);
                out.push('>');
            } else {
                out.push('[');
                write_formatted(text, format, out);
                out.push_str("](");
                out.push_str(&url.replace(' ', "%20").replace(')', "%29"));
                out.push(')');
            }
        }
        Format::Latex => {
            let safe_url = latex_url(url);
            if text.text == url {
                out.push_str(&format!("\\url{{{safe_url}}}"));
            } else {
                out.push_str(&format!("\\href{{{safe_url}}}{{"));
                write_formatted(text, format, out);
                out.push('}');
            }
        }
        Format::Html => {
            out.push_str(&format!("<a href=\"{}\">", escape_html(url)));
            write_formatted(text, format, out);
            out.push_str("</a>");
        }
    }
}

/// A URL made safe inside `\url{}` / `\href{}`: braces and backslashes
/// cannot close the argument, `%` and `#` are escaped as hyperref wants.
fn latex_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '\\' | '{' | '}' | '^' => out.push_str(&format!("%{:02X}", c as u32)),
            '%' | '#' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

fn write_formatted(t: &Formatted, format: Format, out: &mut String) {
    if t.text.is_empty() {
        return;
    }
    let f = &t.formatting;
    let text = escape(&t.text, format);
    if format == Format::Plain {
        out.push_str(&text);
        return;
    }
    let mut open = String::new();
    let mut close = Vec::new();
    let mut wrap = |o: &str, c: &str| {
        open.push_str(o);
        close.push(c.to_string());
    };
    let italic = f.font_style == FontStyle::Italic;
    let bold = f.font_weight == FontWeight::Bold;
    let small_caps = f.font_variant == FontVariant::SmallCaps;
    let underline = f.text_decoration == TextDecoration::Underline;
    match format {
        Format::Markdown => {
            if italic {
                wrap("*", "*");
            }
            if bold {
                wrap("**", "**");
            }
            if small_caps {
                wrap("[", "]{.smallcaps}");
            }
            if underline {
                wrap("[", "]{.underline}");
            }
            match f.vertical_align {
                VerticalAlign::Sup => wrap("^", "^"),
                VerticalAlign::Sub => wrap("~", "~"),
                _ => {}
            }
        }
        Format::Latex => {
            if italic {
                wrap("\\emph{", "}");
            }
            if bold {
                wrap("\\textbf{", "}");
            }
            if small_caps {
                wrap("\\textsc{", "}");
            }
            if underline {
                wrap("\\underline{", "}");
            }
            match f.vertical_align {
                VerticalAlign::Sup => wrap("\\textsuperscript{", "}"),
                VerticalAlign::Sub => wrap("\\textsubscript{", "}"),
                _ => {}
            }
        }
        Format::Html => {
            if italic {
                wrap("<i>", "</i>");
            }
            if bold {
                wrap("<b>", "</b>");
            }
            if small_caps {
                wrap("<span style=\"font-variant:small-caps;\">", "</span>");
            }
            if underline {
                wrap("<span style=\"text-decoration:underline;\">", "</span>");
            }
            match f.vertical_align {
                VerticalAlign::Sup => wrap("<sup>", "</sup>"),
                VerticalAlign::Sub => wrap("<sub>", "</sub>"),
                _ => {}
            }
        }
        Format::Plain => {}
    }
    if format == Format::Markdown && (italic || bold) {
        // Emphasis markers must hug the text: move outer spaces outside.
        let lead = &t.text[..t.text.len() - t.text.trim_start().len()];
        let trail = &t.text[t.text.trim_end().len()..];
        let inner = escape(t.text.trim(), format);
        if inner.is_empty() {
            out.push_str(&text);
            return;
        }
        out.push_str(lead);
        out.push_str(&open);
        out.push_str(&inner);
        for c in close.iter().rev() {
            out.push_str(c);
        }
        out.push_str(trail);
        return;
    }
    out.push_str(&open);
    out.push_str(&text);
    for c in close.iter().rev() {
        out.push_str(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latex_escapes_commands() {
        assert_eq!(
            escape_latex("\\input{x} 50% & $5_#"),
            "\\textbackslash{}input\\{x\\} 50\\% \\& \\$5\\_\\#"
        );
    }

    #[test]
    fn html_and_markdown_escape() {
        assert_eq!(escape_html("<a & \"b\">"), "&lt;a &amp; &quot;b&quot;&gt;");
        assert_eq!(escape_markdown("*x* [@k]"), "\\*x\\* \\[\\@k\\]");
    }
}
