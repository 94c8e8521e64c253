//! Escaping: one function per output format, through which every piece of
//! text from an article passes before it reaches a brief.
//!
//! - [`latex`]: every character that means something to TeX (`# $ % & ~ _ ^
//!   \ { }`) becomes a command that prints it, so nothing in an article can
//!   run (`\input`, `\write18`, `\catcode`, `\def`, `\csname`, `^^` sequences
//!   all print as written). Characters pdfLaTeX cannot typeset with T1 fonts
//!   are wrapped in `\briefuni{U+XXXX}{c}` (or `\briefcjk` for CJK
//!   ideographs and kana), which the preamble defines per engine: the
//!   character in a CJK-capable font under XeLaTeX and LuaLaTeX, its code
//!   point in typewriter type under pdfLaTeX.
//! - [`markdown`]: backslash-escapes the punctuation that CommonMark, GFM and
//!   pandoc's `commonmark_x` give a meaning inline, and the markers that would
//!   start a block, so text reads as itself.
//! - [`html`]: `& < > " '` as character references.
//! - [`plain`]: control characters only.
//!
//! All four first [`sanitize`] the text: line breaks and tabs become spaces
//! and other control characters become their visible Unicode "control
//! pictures" (`␛` for ESC), so no terminal escape sequence or stray byte
//! reaches the output.

use std::fmt::{self, Write};

/// The depth of TeX groups at the end of `tex`, or `None` if a group closes
/// that was never opened: `\x` is one token (so `\{` opens nothing) and
/// `%` starts a comment. Text escaped by [`latex`] never changes it, which
/// is what the property tests and fuzz targets check of every LaTeX output.
pub fn group_depth(tex: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut chars = tex.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '%' => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '{' => depth += 1,
            '}' => depth = depth.checked_sub(1)?,
            _ => {}
        }
    }
    Some(depth)
}

/// Replaces control characters: tabs and line breaks become spaces, C0
/// controls and DEL their control pictures (U+2400…), C1 controls and
/// bidirectional overrides U+FFFD. Everything else is kept.
pub fn sanitize(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(needs_sanitizing) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(s.chars().map(sanitize_char).collect())
}

fn needs_sanitizing(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// Whether `c` is a bidirectional embedding, override or isolate
/// (U+202A–U+202E, U+2066–U+2069), which reorder the text around them.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn sanitize_char(c: char) -> char {
    match c {
        '\t' | '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' => ' ',
        '\u{00}'..='\u{1F}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
        '\u{7F}' => '\u{2421}',
        c if c.is_control() || is_bidi_control(c) => '\u{FFFD}',
        c => c,
    }
}

/// Escapes text for LaTeX body text (outside math, not inside verbatim).
pub fn latex(s: &str) -> String {
    let s = sanitize(s);
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    let mut prev = '\0';
    for c in s.chars() {
        match c {
            '#' | '$' | '%' | '&' | '_' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '\\' => out.push_str("\\textbackslash{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            // T1 fonts turn `<<`, `>>`, `!`` and `?`` into other glyphs, and
            // OT1 would print `<`, `>` and `|` as ¡ ¿ —.
            '<' => out.push_str("\\textless{}"),
            '>' => out.push_str("\\textgreater{}"),
            '|' => out.push_str("\\textbar{}"),
            '`' => out.push_str("\\textasciigrave{}"),
            // XeTeX's and LuaTeX's TeX ligatures curl a straight `"`.
            '"' => out.push_str("\\textquotedbl{}"),
            // `--` and `---` are ligatures for dashes; keep hyphens literal.
            '-' if prev == '-' => out.push_str("{}-"),
            // `''` would become a closing double quote.
            '\'' if prev == '\'' => out.push_str("{}'"),
            // thin spaces (digit groups, `5\,000` read from LaTeX) as TeX's own
            '\u{2009}' | '\u{202F}' => out.push_str("\\,"),
            '[' | ']' => {
                // Brackets right after a command (like `\\`) read as an
                // optional argument; braces keep them text.
                out.push('{');
                out.push(c);
                out.push('}');
            }
            c if c.is_ascii() => out.push(c),
            c if pdflatex_t1(c) => out.push(c),
            c => push_wrapped(&mut out, c),
        }
        prev = c;
    }
    out
}

/// Makes LaTeX that is already escaped (from the citation processor) safe
/// for every engine: control characters become their pictures and
/// characters outside T1 are wrapped as [`latex`] wraps them. ASCII is left
/// alone, so the commands in it keep working.
pub fn latex_unicode(s: &str) -> String {
    let s = sanitize(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() || pdflatex_t1(c) {
            out.push(c);
        } else {
            push_wrapped(&mut out, c);
        }
    }
    out
}

/// Writes a character outside T1 as `\briefcjk{U+XXXX}{c}` or
/// `\briefuni{U+XXXX}{c}`. U+FFFD (what sanitising makes of C1 controls and
/// bidirectional overrides) is written as its code point alone: LuaTeX
/// reads that character as the mark of invalid UTF-8 and stops with
/// "String contains an invalid utf-8 sequence".
fn push_wrapped(out: &mut String, c: char) {
    if c == '\u{FFFD}' {
        out.push_str("\\texttt{[U+FFFD]}");
        return;
    }
    let macro_name = if is_cjk(c) { "briefcjk" } else { "briefuni" };
    let _ = write!(out, "\\{macro_name}{{U+{:04X}}}{{{c}}}", c as u32);
}

/// The longest line of LaTeX brief writes, in bytes. pdfTeX, XeTeX and
/// LuaTeX stop at a line longer than their input buffer (200,000 bytes in
/// TeX Live: "Unable to read an entire line"); a claim can be longer.
pub const MAX_LATEX_LINE: usize = 8192;

/// Breaks LaTeX lines longer than [`MAX_LATEX_LINE`] without changing what
/// TeX reads: at a space (an end of line is a space to TeX), else with a
/// `%` that comments out the line break, never inside a control word,
/// before a space (which would be skipped at the start of the next line) or
/// after a comment has begun. Lines are only ever split where the part before
/// holds more than spaces, so no blank line (a paragraph break) is made.
pub fn wrap_latex_lines(tex: String) -> String {
    if tex.split('\n').all(|l| l.len() <= MAX_LATEX_LINE) {
        return tex;
    }
    let mut out = String::with_capacity(tex.len() + tex.len() / MAX_LATEX_LINE * 2 + 2);
    for (k, line) in tex.split('\n').enumerate() {
        if k > 0 {
            out.push('\n');
        }
        wrap_latex_line(line, MAX_LATEX_LINE, &mut out);
    }
    out
}

fn wrap_latex_line(line: &str, max: usize, out: &mut String) {
    let b = line.as_bytes();
    let mut start = 0;
    // the last space that may become a line break, and the last character
    // before which `%` and a line break may go
    let (mut space, mut cut): (Option<usize>, Option<usize>) = (None, None);
    let (mut after_backslash, mut in_word) = (false, false);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if after_backslash {
            after_backslash = false;
            in_word = c.is_ascii_alphabetic();
        } else if in_word && c.is_ascii_alphabetic() {
        } else {
            in_word = false;
            match c {
                b'\\' => after_backslash = true,
                // an unescaped `%` comments out the rest of the line
                b'%' => break,
                b' ' if i > start && b[i - 1] != b' ' => space = Some(i),
                b' ' => {}
                // not inside a UTF-8 sequence
                _ if c & 0xC0 != 0x80 && i > start => cut = Some(i),
                _ => {}
            }
        }
        if i - start >= max && c != b' ' && !after_backslash {
            if let Some(sp) = space {
                out.push_str(&line[start..sp]);
                out.push('\n');
                start = sp + 1;
            } else if let Some(k) = cut {
                out.push_str(&line[start..k]);
                out.push_str("%\n");
                start = k;
            }
            (space, cut) = (None, None);
        }
        i += 1;
    }
    out.push_str(&line[start..]);
}

/// Whether pdfLaTeX with `inputenc` (UTF-8), `fontenc` T1 and the TS1
/// symbols of the kernel typesets the character. Checked against TeX Live
/// 2022 by compiling each one.
fn pdflatex_t1(c: char) -> bool {
    matches!(c,
        '\u{A0}'..='\u{FF}'
        | '\u{100}'..='\u{148}' | '\u{14A}'..='\u{17F}'
        | '\u{2013}' | '\u{2014}' | '\u{2018}'..='\u{201E}' | '\u{2020}'..='\u{2022}'
        | '\u{2026}' | '\u{2030}' | '\u{2039}' | '\u{203A}' | '\u{20AC}' | '\u{2122}'
    )
}

/// CJK ideographs, kana, Hangul and CJK punctuation: they need a CJK font.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{2FFF}'     // radicals
        | '\u{3000}'..='\u{303F}'   // CJK symbols and punctuation
        | '\u{3040}'..='\u{30FF}'   // hiragana, katakana
        | '\u{3100}'..='\u{312F}'   // bopomofo
        | '\u{3130}'..='\u{318F}'   // Hangul compatibility jamo
        | '\u{31F0}'..='\u{31FF}'
        | '\u{3400}'..='\u{4DBF}'   // extension A
        | '\u{4E00}'..='\u{9FFF}'   // unified ideographs
        | '\u{AC00}'..='\u{D7AF}'   // Hangul syllables
        | '\u{F900}'..='\u{FAFF}'   // compatibility ideographs
        | '\u{FF00}'..='\u{FFEF}'   // half- and full-width forms
        | '\u{20000}'..='\u{2FA1F}'
    )
}

/// Escapes text for a Markdown inline context (a paragraph, list item,
/// heading or table cell) that may start a line.
pub fn markdown(s: &str) -> String {
    markdown_at(s, true)
}

/// Escapes text that follows other text on its line: the markers that can
/// only start a block are left alone.
pub fn markdown_continued(s: &str) -> String {
    markdown_at(s, false)
}

fn markdown_at(s: &str, line_start: bool) -> String {
    let s = sanitize(s);
    let s = collapse_spaces(&s);
    let s = if line_start {
        s.trim_start()
    } else {
        s.as_str()
    };
    let marker_end = if line_start { list_marker_end(s) } else { None };
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let escape = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '$' | '&' | '^'
            | '{' | '}' => true,
            // `:smile:` is an emoji under pandoc's commonmark_x.
            ':' => next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '+' || n == '-'),
            // Block markers only mean something at the start of a line, and
            // sanitising leaves a single line: the first character is the
            // only one that can start a block.
            '-' | '+' | '=' | '(' if i == 0 && line_start => true,
            '.' | ')' => Some(i) == marker_end,
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Where an ordered-list marker (`1.`, `a)`, `iv.`, `(b)`, pandoc's fancy
/// lists) at the start of `s` has its delimiter.
fn list_marker_end(s: &str) -> Option<usize> {
    let body = s.strip_prefix('(').unwrap_or(s);
    let offset = s.len() - body.len();
    let n = body
        .char_indices()
        .find(|&(_, c)| !c.is_ascii_alphanumeric())
        .map(|(i, _)| i)?;
    let word = &body[..n];
    let all_digits = word.chars().all(|c| c.is_ascii_digit());
    let all_letters = word.chars().all(|c| c.is_ascii_alphabetic());
    if n == 0 || !(all_digits || all_letters) {
        return None;
    }
    let delim = body[n..].chars().next()?;
    let after = body[n + delim.len_utf8()..].chars().next();
    ((delim == '.' || delim == ')') && matches!(after, None | Some(' '))).then_some(offset + n)
}

/// Trims and collapses runs of spaces (after [`sanitize`], the only
/// whitespace left that matters), so indentation cannot start a code block.
fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c == ' ' {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

/// Escapes text for HTML text and double- or single-quoted attribute values.
pub fn html(s: &str) -> String {
    let s = sanitize(s);
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// An SVG figure in Markdown, as an HTML `<img>` block rather than a
/// Markdown image: GitHub, CommonMark renderers and pandoc's HTML output
/// show it, while pandoc's LaTeX, PDF and DOCX writers drop raw HTML
/// instead of failing for want of an SVG converter (`rsvg-convert`). The
/// brief's tables and lists hold the same figures as text. `file` is a
/// file name beside the Markdown; it is percent-encoded as a relative URL.
pub fn markdown_svg_figure(file: &str, alt: &str) -> String {
    let mut src = String::with_capacity(file.len());
    for b in file.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            src.push(b as char);
        } else {
            src.push_str(&format!("%{b:02X}"));
        }
    }
    format!("<img src=\"{src}\" alt=\"{}\">", html(alt))
}

/// Plain text: control characters made visible, runs of spaces collapsed.
pub fn plain(s: &str) -> String {
    collapse_spaces(&sanitize(s))
}

/// Whether a URL is safe to print as a Markdown autolink or HTML `href`:
/// http(s) only, no spaces, quotes or angle brackets.
pub fn is_safe_url(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && url.len() > 8
        && !url.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '\'' | '`' | '\\')
        })
}

macro_rules! escaper {
    ($name:ident, $f:path, $doc:literal) => {
        #[doc = $doc]
        #[derive(Debug, Clone, Copy, Default)]
        pub struct $name;

        impl askama::filters::Escaper for $name {
            fn write_escaped_str<W: Write>(&self, mut dest: W, string: &str) -> fmt::Result {
                dest.write_str(&$f(string))
            }
        }
    };
}

escaper!(
    Latex,
    latex,
    "The askama escaper for LaTeX templates (see `askama.toml`)."
);
escaper!(
    Markdown,
    markdown,
    "The askama escaper for Markdown templates."
);
escaper!(Html, html, "The askama escaper for HTML templates.");
escaper!(Plain, plain, "The askama escaper for plain-text templates.");

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn group_depth_counts_tex_groups() {
        assert_eq!(group_depth(r"\textbf{a} {b}"), Some(0));
        assert_eq!(group_depth(r"\{ \} {"), Some(1));
        assert_eq!(group_depth("% }\n{}"), Some(0));
        assert_eq!(group_depth("}{"), None);
        assert_eq!(group_depth(&latex("}{ \\end{document} %")), Some(0));
    }

    /// Undoes [`latex`] escaping: what a reader sees in the PDF.
    fn unlatex(s: &str) -> String {
        let chars: Vec<char> = s.chars().collect();
        let mut res = String::new();
        let mut i = 0;
        // The content of the brace group starting at `i` (which must be `{`).
        let group = |i: usize| -> (String, usize) {
            assert_eq!(chars[i], '{');
            let mut j = i + 1;
            let mut out = String::new();
            while chars[j] != '}' {
                out.push(chars[j]);
                j += 1;
            }
            (out, j + 1)
        };
        while i < chars.len() {
            match chars[i] {
                '\\' => {
                    let mut j = i + 1;
                    let mut name = String::new();
                    while j < chars.len() && chars[j].is_ascii_alphabetic() {
                        name.push(chars[j]);
                        j += 1;
                    }
                    if name.is_empty() {
                        res.push(chars[j]);
                        i = j + 1;
                        continue;
                    }
                    match name.as_str() {
                        "briefuni" | "briefcjk" => {
                            let (_, k) = group(j);
                            let (c, k) = group(k);
                            res.push_str(&c);
                            i = k;
                        }
                        _ => {
                            res.push(match name.as_str() {
                                "textbackslash" => '\\',
                                "textasciicircum" => '^',
                                "textasciitilde" => '~',
                                "textless" => '<',
                                "textgreater" => '>',
                                "textbar" => '|',
                                "textasciigrave" => '`',
                                "textquotedbl" => '"',
                                other => panic!("unexpected command {other}"),
                            });
                            i = j + 2; // the `{}` after the command
                        }
                    }
                }
                '{' | '}' => i += 1,
                c => {
                    res.push(c);
                    i += 1;
                }
            }
        }
        res
    }

    #[test]
    fn latex_specials() {
        assert_eq!(latex("# $ % & _ { }"), "\\# \\$ \\% \\& \\_ \\{ \\}");
        assert_eq!(latex("a\\b"), "a\\textbackslash{}b");
        assert_eq!(latex("^^5c"), "\\textasciicircum{}\\textasciicircum{}5c");
        assert_eq!(latex("--"), "-{}-");
        assert_eq!(latex("中"), "\\briefcjk{U+4E2D}{中}");
        assert_eq!(
            latex("é–“"),
            "é–\\briefuni{U+201C}{“}".replace("\\briefuni{U+201C}{“}", "“")
        );
        assert_eq!(latex("\u{1b}[31m"), "\\briefuni{U+241B}{␛}{[}31m");
    }

    #[test]
    fn latex_injection_is_inert() {
        let s = latex("\\input{/etc/passwd} \\write18{rm -rf /} \\catcode`\\@=11 \\def\\x{} \\csname end\\endcsname");
        // No backslash is followed by a letter except our own commands.
        let mut rest = s.as_str();
        while let Some(i) = rest.find('\\') {
            let after = &rest[i + 1..];
            let word: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect();
            assert!(
                word.is_empty()
                    || matches!(
                        word.as_str(),
                        "textbackslash"
                            | "textasciicircum"
                            | "textasciitilde"
                            | "textless"
                            | "textgreater"
                            | "textbar"
                            | "textasciigrave"
                            | "textquotedbl"
                            | "briefuni"
                            | "briefcjk"
                    ),
                "unexpected command \\{word} in {s}"
            );
            rest = &after[word.len().max(1).min(after.len())..];
        }
    }

    #[test]
    fn markdown_specials() {
        assert_eq!(
            markdown("*a* _b_ [c](d) <e>"),
            "\\*a\\* \\_b\\_ \\[c\\](d) \\<e\\>"
        );
        assert_eq!(markdown("# h"), "\\# h");
        assert_eq!(markdown("- x"), "\\- x");
        assert_eq!(markdown("12. x"), "12\\. x");
        assert_eq!(markdown("U.S. 2.5"), "U.S. 2.5");
        assert_eq!(markdown("a\n\nb"), "a b");
        assert_eq!(markdown_continued("(x) - y"), "(x) - y");
    }

    #[test]
    fn html_specials() {
        assert_eq!(html("<script>&\"'"), "&lt;script&gt;&amp;&quot;&#39;");
    }

    #[test]
    fn long_latex_lines_are_broken_where_tex_reads_the_same() {
        let claim = "The report notes costs rose sharply. ".repeat(8_000);
        let tex = format!("\\item {claim}\n\n\\item x{}\n", "\\emph{y}".repeat(40_000));
        let out = wrap_latex_lines(tex.clone());
        assert!(out.lines().all(|l| l.len() <= MAX_LATEX_LINE + 1));
        assert_eq!(
            out.replace("%\n", "").replace('\n', " "),
            tex.replace('\n', " ")
        );
        assert_eq!(out.matches("\n\n").count(), 1, "no new paragraph");
        let short = "\\section{A}\n\nText.\n".to_string();
        assert_eq!(wrap_latex_lines(short.clone()), short);
    }

    #[test]
    fn u_fffd_never_reaches_latex_raw() {
        for s in ["\u{FFFD}", "\u{202E}", "\u{9b}", "\u{2067}"] {
            assert_eq!(latex(s), "\\texttt{[U+FFFD]}");
            assert_eq!(latex_unicode(s), "\\texttt{[U+FFFD]}");
        }
    }

    /// Whether a `%` line break at the end of `before` splits a control
    /// sequence: a lone backslash, or a control word going on in `after`.
    fn splits_a_command(before: &str, after: &str) -> bool {
        let trailing = before.len() - before.trim_end_matches('\\').len();
        if trailing % 2 == 1 {
            return true;
        }
        let letters = before.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let in_word = letters.len() < before.len()
            && (letters.len() - letters.trim_end_matches('\\').len()) % 2 == 1;
        in_word && after.starts_with(|c: char| c.is_ascii_alphabetic())
    }

    proptest! {
        #[test]
        fn wrapping_keeps_what_tex_reads(line in "[a-z é{}\\\\]{0,300}") {
            let mut out = String::new();
            wrap_latex_line(&line, 12, &mut out);
            prop_assert_eq!(out.replace("%\n", "").replace('\n', " "), line.clone());
            for (k, l) in out.split('\n').enumerate() {
                prop_assert!(l.trim() != "" || out.split('\n').count() == 1, "blank line {k}: {out:?}");
                prop_assert!(!l.starts_with(' ') || k == 0 || !out.split('\n').nth(k - 1).is_some_and(|p| p.ends_with('%')), "{out:?}");
            }
            for (at, _) in out.match_indices("%\n") {
                prop_assert!(!splits_a_command(&out[..at], &out[at + 2..]), "{out:?}");
            }
        }
    }

    #[test]
    fn sanitize_controls() {
        assert_eq!(plain("a\u{1b}[2Jb\u{202E}c\td"), "a␛[2Jb\u{FFFD}c d");
    }

    #[test]
    fn safe_urls() {
        assert!(is_safe_url("https://example.org/a?b=c#d"));
        assert!(!is_safe_url("javascript:alert(1)"));
        assert!(!is_safe_url("https://x.org/\"onmouseover"));
    }

    proptest! {
        #[test]
        fn latex_has_no_active_characters(s in "\\PC*") {
            let e = latex(&s);
            // Every TeX special is escaped: none stands bare.
            let bytes: Vec<char> = e.chars().collect();
            for (i, &c) in bytes.iter().enumerate() {
                match c {
                    '#' | '$' | '%' | '&' | '_' => prop_assert_eq!(bytes.get(i.wrapping_sub(1)), Some(&'\\')),
                    '~' | '^' => prop_assert!(false, "bare {} in {}", c, e),
                    _ => {}
                }
                prop_assert!(!c.is_control());
            }
            prop_assert!(!e.contains("^^"));
        }

        #[test]
        fn latex_round_trips(s in "[ -~éü中\u{1F600}“”\t\n]*") {
            let e = latex(&s);
            let want: String = sanitize(&s).into_owned();
            prop_assert_eq!(unlatex(&e), want);
        }

        #[test]
        fn latex_braces_balance(s in "\\PC*") {
            let e = latex(&s);
            let mut depth = 0i64;
            let mut chars = e.chars();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => { chars.next(); }
                    '{' => depth += 1,
                    '}' => { depth -= 1; prop_assert!(depth >= 0); }
                    _ => {}
                }
            }
            prop_assert_eq!(depth, 0);
        }

        #[test]
        fn html_has_no_markup(s in "\\PC*") {
            let e = html(&s);
            prop_assert!(!e.contains('<') && !e.contains('>') && !e.contains('"') && !e.contains('\''));
            let back = e.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
            prop_assert_eq!(back, sanitize(&s).into_owned());
        }

        #[test]
        fn markdown_renders_as_the_text(s in "[ -~é中]{0,40}") {
            // pulldown-cmark parses the escaped text to one paragraph whose
            // text is the input (spaces collapsed).
            let e = markdown(&s);
            let want = collapse_spaces(&sanitize(&s)).trim().to_string();
            let mut got = String::new();
            let mut other = Vec::new();
            for ev in pulldown_cmark::Parser::new_ext(&e, pulldown_cmark::Options::all() - pulldown_cmark::Options::ENABLE_SMART_PUNCTUATION) {
                match ev {
                    pulldown_cmark::Event::Text(t) => got.push_str(&t),
                    pulldown_cmark::Event::Start(pulldown_cmark::Tag::Paragraph)
                    | pulldown_cmark::Event::End(pulldown_cmark::TagEnd::Paragraph) => {}
                    ev => other.push(format!("{ev:?}")),
                }
            }
            prop_assert!(other.is_empty(), "{:?} from {:?}", other, e);
            prop_assert_eq!(got, want);
        }

        #[test]
        fn plain_has_no_controls(s in "\\PC*|[\u{0}-\u{9f}]*") {
            prop_assert!(!plain(&s).chars().any(|c| c.is_control()));
        }
    }
}
