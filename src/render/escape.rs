//! Escaping input text for output formats.
//!
//! Every piece of article text that goes into LaTeX or Markdown output passes
//! through one of these functions, so that a word in an article can never
//! become markup, and a command written in an article (`\input`, `\write18`,
//! `^^5c`) can never run.

/// Escapes text for LaTeX (body text and command arguments alike).
///
/// - The ten special characters become commands that print them:
///   `# $ % & _ { }` are backslash-escaped, `\` `~` `^` become
///   `\textbackslash{}`, `\textasciitilde{}`, `\textasciicircum{}`, so no
///   control sequence and no `^^` notation can form;
/// - control characters are dropped, and line breaks, tabs and the Unicode
///   line and paragraph separators become spaces, so escaped text never ends
///   a paragraph or a command argument early;
/// - `<`, `>` and `|` become text-mode commands (they print other glyphs in
///   the OT1 encoding), and `-` is kept from forming `--` ligatures;
/// - other Unicode text is kept as it is (pdfLaTeX reads it as UTF-8; XeLaTeX
///   and LuaLaTeX directly).
pub fn latex(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    let mut prev = '\0';
    for c in s.chars() {
        match c {
            '#' | '$' | '%' | '&' | '_' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '\\' => out.push_str("\\textbackslash{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '<' => out.push_str("\\textless{}"),
            '>' => out.push_str("\\textgreater{}"),
            '|' => out.push_str("\\textbar{}"),
            '-' if prev == '-' => out.push_str("{}-"),
            '\n' | '\r' | '\t' | '\u{2028}' | '\u{2029}' | '\u{85}' => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c if c.is_control() => {}
            // Zero-width and bidi controls print nothing useful and some
            // fonts lack them.
            '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{FEFF}' => {}
            '\u{A0}' => out.push('~'),
            c => out.push(c),
        }
        prev = c;
    }
    out
}

/// Escapes text for Markdown inline content (CommonMark), so that it renders
/// as the same characters and never as emphasis, code, links, HTML, headings
/// or lists. Line breaks become spaces.
pub fn markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    let mut at_start = true;
    let mut digits_only = true;
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '{' | '}' | '&'
            | '!' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' | '=' if at_start => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if digits_only && !at_start => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' | '\u{2028}' | '\u{2029}' => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
        digits_only = digits_only && c.is_ascii_digit();
        at_start = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latex_specials() {
        assert_eq!(latex("# $ % & _ { }"), "\\# \\$ \\% \\& \\_ \\{ \\}");
        assert_eq!(
            latex("a\\b~c^d"),
            "a\\textbackslash{}b\\textasciitilde{}c\\textasciicircum{}d"
        );
    }

    #[test]
    fn latex_commands_stay_inert() {
        for evil in [
            "\\input{/etc/passwd}",
            "\\write18{rm -rf /}",
            "^^5cinput",
            "\\csname x\\endcsname",
        ] {
            let e = latex(evil);
            // Every backslash left starts one of our own escapes.
            for (i, _) in e.match_indices('\\') {
                let rest = &e[i..];
                assert!(
                    [
                        "\\textbackslash{}",
                        "\\textasciicircum{}",
                        "\\textasciitilde{}",
                        "\\{",
                        "\\}",
                        "\\textless{}",
                        "\\textgreater{}",
                        "\\textbar{}"
                    ]
                    .iter()
                    .any(|ok| rest.starts_with(ok)),
                    "{evil} -> {e}"
                );
            }
            assert!(!e.contains("^^"));
        }
    }

    #[test]
    fn latex_controls_and_breaks() {
        assert_eq!(latex("a\n\nb\u{0}c\u{7}"), "a bc");
        assert_eq!(latex("x\u{2029}y"), "x y");
        assert_eq!(latex("é – “ü” 中文"), "é – “ü” 中文");
        assert_eq!(latex("a--b"), "a-{}-b");
    }

    #[test]
    fn markdown_specials() {
        assert_eq!(markdown("*a* _b_ `c`"), "\\*a\\* \\_b\\_ \\`c\\`");
        assert_eq!(markdown("- item"), "\\- item");
        assert_eq!(markdown("1. one"), "1\\. one");
        assert_eq!(markdown("in 2024. Then"), "in 2024. Then");
        assert_eq!(markdown("{++x++}"), "\\{++x++\\}");
        assert_eq!(markdown("<b>&amp;"), "\\<b\\>\\&amp;");
    }
}
