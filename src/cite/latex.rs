//! LaTeX field values into text, keeping which parts were `{protected}`
//! from case changes.

/// A piece of converted text; `protected` pieces came from `{braces}` and
/// keep their case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// The text.
    pub text: String,
    /// Whether it stood in braces (not a command argument).
    pub protected: bool,
}

/// Converts a raw BibTeX value (braces kept) to pieces of text.
pub fn to_pieces(raw: &str) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let chars: Vec<char> = raw.chars().collect();
    convert(&chars, &mut out);
    // Merge neighbours with the same protection.
    let mut merged: Vec<Piece> = Vec::new();
    for p in out {
        match merged.last_mut() {
            Some(last) if last.protected == p.protected => last.text.push_str(&p.text),
            _ => merged.push(p),
        }
    }
    merged
}

/// Converts a raw value to plain text (protection dropped), whitespace
/// collapsed.
pub fn to_text(raw: &str) -> String {
    let s: String = to_pieces(raw).into_iter().map(|p| p.text).collect();
    collapse_ws(&s)
}

/// Collapses runs of whitespace (not no-break spaces) to one space and trims.
pub fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() && c != '\u{a0}' {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

fn push(out: &mut Vec<Piece>, text: &str, protected: bool) {
    out.push(Piece {
        text: text.to_string(),
        protected,
    });
}

/// Combining an accent command with its letter.
pub(crate) fn accent(cmd: char, base: &str) -> String {
    let mark = match cmd {
        '\'' => '\u{301}',
        '`' => '\u{300}',
        '^' => '\u{302}',
        '"' => '\u{308}',
        '~' => '\u{303}',
        '=' => '\u{304}',
        '.' => '\u{307}',
        'u' => '\u{306}',
        'v' => '\u{30c}',
        'H' => '\u{30b}',
        'c' => '\u{327}',
        'k' => '\u{328}',
        'r' => '\u{30a}',
        'd' => '\u{323}',
        'b' => '\u{331}',
        _ => return base.to_string(),
    };
    let base = match base {
        "\\i" | "i" if cmd != 'c' => "ı",
        "\\j" => "ȷ",
        b => b,
    };
    let base = if base == "ı" { "i" } else { base };
    let mut s = String::new();
    let mut it = base.chars();
    if let Some(first) = it.next() {
        s.push(first);
        s.push(mark);
        s.extend(it);
    }
    compose(&s)
}

/// Precomposes the common Latin letters with one combining mark.
fn compose(s: &str) -> String {
    const TABLE: &str = include_str!("data/accents.txt");
    let mut chars = s.chars();
    let (Some(base), Some(mark)) = (chars.next(), chars.next()) else {
        return s.to_string();
    };
    let rest: String = chars.collect();
    for line in TABLE.lines() {
        let mut f = line.split('\t');
        if let (Some(b), Some(m), Some(r)) = (f.next(), f.next(), f.next()) {
            if b.starts_with(base)
                && u32::from_str_radix(m, 16).ok().and_then(char::from_u32) == Some(mark)
            {
                return format!("{r}{rest}");
            }
        }
    }
    s.to_string()
}

/// The character a LaTeX text-symbol command (`\ss`, `\dots`) stands for.
pub(crate) fn symbol(name: &str) -> Option<&'static str> {
    Some(match name {
        "ss" => "ß",
        "o" => "ø",
        "O" => "Ø",
        "aa" => "å",
        "AA" => "Å",
        "ae" => "æ",
        "AE" => "Æ",
        "oe" => "œ",
        "OE" => "Œ",
        "l" => "ł",
        "L" => "Ł",
        "i" => "ı",
        "j" => "ȷ",
        "dh" => "ð",
        "DH" => "Ð",
        "th" => "þ",
        "TH" => "Þ",
        "ldots" | "dots" | "textellipsis" => "…",
        "textendash" => "–",
        "textemdash" => "—",
        "S" => "§",
        "P" => "¶",
        "copyright" | "textcopyright" => "©",
        "textregistered" => "®",
        "texttrademark" => "™",
        "euro" | "texteuro" => "€",
        "pounds" | "textsterling" => "£",
        "textquoteleft" => "‘",
        "textquoteright" => "’",
        "textquotedblleft" => "“",
        "textquotedblright" => "”",
        "LaTeX" => "LaTeX",
        "TeX" => "TeX",
        "textbackslash" => "\\",
        "textasciitilde" => "~",
        "textdegree" => "°",
        _ => return None,
    })
}

/// The character of a math command (`\beta` → β), as pandoc's TeX math
/// reader gives it in a title: `{$\beta$}-Convergence`.
fn math_symbol(name: &str) -> Option<&'static str> {
    const TABLE: &str = include_str!("data/math.txt");
    TABLE
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .find(|(n, _)| *n == name)
        .map(|(_, c)| c)
}

/// Where each `{` closes, for every `{` of a value, found in one pass.
///
/// A value is scanned once, not once per brace level, so deep nesting costs
/// linear time. The scan from a `{` at `k` skips the character after every
/// `\`, and from `k + 1` on it visits the same positions as a scan from the
/// start (a `{` is never a backslash), so one left-to-right pass answers the
/// question "which `}` first leaves the group opened at `k`" for every `k`,
/// escaped braces (`\{`) included. `close[k]` is `chars.len()` when the group
/// never closes; a group read from a slice `..end` closes at
/// `close[k].min(end)`.
fn closing_braces(chars: &[char]) -> Vec<usize> {
    let n = chars.len();
    let mut close = vec![n; n];
    // Open groups; each carries the escaped `{` seen while it was the
    // innermost one, which close with it.
    let mut open: Vec<(usize, Vec<usize>)> = Vec::new();
    // Escaped `{` seen outside any group: the next unmatched `}` closes them.
    let mut outside: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < n {
        match chars[i] {
            '\\' => {
                if chars.get(i + 1) == Some(&'{') {
                    match open.last_mut() {
                        Some((_, escaped)) => escaped.push(i + 1),
                        None => outside.push(i + 1),
                    }
                }
                i += 1;
            }
            '{' => open.push((i, Vec::new())),
            '}' => match open.pop() {
                Some((k, escaped)) => {
                    close[k] = i;
                    for e in escaped {
                        close[e] = i;
                    }
                }
                None => {
                    for e in outside.drain(..) {
                        close[e] = i;
                    }
                }
            },
            _ => {}
        }
        i += 1;
    }
    close
}

/// A value being converted: its characters and where each `{` closes.
struct Value<'a> {
    chars: &'a [char],
    close: Vec<usize>,
}

impl Value<'_> {
    /// The `}` closing the `{` at `open`, within a slice ending at `end`
    /// (`end` itself when it does not close there).
    fn close(&self, open: usize, end: usize) -> usize {
        self.close[open].min(end)
    }

    /// The character at `i` if it lies before `end`.
    fn get(&self, i: usize, end: usize) -> Option<char> {
        (i < end).then(|| self.chars[i])
    }

    /// Reads one argument before `end`: `{...}` or a single char; returns
    /// (text of it, next index).
    fn arg(&self, mut i: usize, end: usize) -> (String, usize) {
        let chars = self.chars;
        while i < end && chars[i] == ' ' {
            i += 1;
        }
        if i >= end {
            return (String::new(), i);
        }
        if chars[i] == '{' {
            let close = self.close(i, end);
            let inner: String = chars[i + 1..close].iter().collect();
            (inner, (close + 1).min(end))
        } else if chars[i] == '\\' {
            // `\'\i`
            let mut j = i + 1;
            while j < end && chars[j].is_ascii_alphabetic() {
                j += 1;
            }
            (chars[i..j].iter().collect(), j)
        } else {
            (chars[i].to_string(), i + 1)
        }
    }
}

/// Converts `chars` into `out`.
///
/// Groups are entered with an explicit stack rather than by recursion, so
/// the depth of a bibliography's braces cannot overflow the call stack.
fn convert(chars: &[char], out: &mut Vec<Piece>) {
    let v = Value {
        chars,
        close: closing_braces(chars),
    };
    // Where to resume in each enclosing group: (next index, its end, its depth).
    let mut outer: Vec<(usize, usize, usize)> = Vec::new();
    let (mut i, mut end, mut depth) = (0, chars.len(), 0usize);
    loop {
        if i >= end {
            match outer.pop() {
                Some((next, e, d)) => (i, end, depth) = (next, e, d),
                None => break,
            }
            continue;
        }
        let protected = depth > 0;
        let c = chars[i];
        match c {
            '{' => {
                let close = v.close(i, end);
                // `{\'e}` is an accent, not protection (BibTeX's special chars).
                let inner_depth = if v.get(i + 1, close) == Some('\\') && depth == 0 {
                    0
                } else {
                    depth + 1
                };
                outer.push((close + 1, end, depth));
                (i, end, depth) = (i + 1, close, inner_depth);
            }
            '}' => i += 1,
            '\\' => {
                let Some(next) = v.get(i + 1, end) else {
                    i += 1;
                    continue;
                };
                if "'`^\"~=.".contains(next) {
                    let (a, j) = v.arg(i + 2, end);
                    push(out, &accent(next, &a), protected);
                    i = j;
                } else if "&%$#_{}".contains(next) {
                    push(out, &next.to_string(), protected);
                    i += 2;
                } else if next == '\\' || next == ' ' {
                    push(out, " ", protected);
                    i += 2;
                } else if next.is_ascii_alphabetic() {
                    let mut j = i + 1;
                    while j < end && chars[j].is_ascii_alphabetic() {
                        j += 1;
                    }
                    let name: String = chars[i + 1..j].iter().collect();
                    let accent_cmd =
                        matches!(name.as_str(), "u" | "v" | "H" | "c" | "k" | "r" | "d" | "b");
                    if accent_cmd {
                        let (a, k) = v.arg(j, end);
                        push(
                            out,
                            &accent(name.chars().next().unwrap_or(' '), &a),
                            protected,
                        );
                        i = k;
                        continue;
                    }
                    if let Some(sym) = symbol(&name).or_else(|| math_symbol(&name)) {
                        push(out, sym, protected);
                        // A space after a command word is eaten; `{}` too.
                        if v.get(j, end) == Some(' ') {
                            j += 1;
                        } else if v.get(j, end) == Some('{') && v.get(j + 1, end) == Some('}') {
                            j += 2;
                        }
                        i = j;
                        continue;
                    }
                    // Any other command: keep its argument's text, which
                    // keeps the protection of where it stands.
                    while v.get(j, end) == Some(' ') {
                        j += 1;
                    }
                    if v.get(j, end) == Some('{') {
                        let close = v.close(j, end);
                        outer.push((close + 1, end, depth));
                        (i, end) = (j + 1, close);
                    } else {
                        i = j;
                    }
                } else {
                    push(out, &next.to_string(), protected);
                    i += 2;
                }
            }
            '~' => {
                push(out, "\u{a0}", protected);
                i += 1;
            }
            '-' if v.get(i + 1, end) == Some('-') => {
                if v.get(i + 2, end) == Some('-') {
                    push(out, "—", protected);
                    i += 3;
                } else {
                    push(out, "–", protected);
                    i += 2;
                }
            }
            '`' if v.get(i + 1, end) == Some('`') => {
                push(out, "“", protected);
                i += 2;
            }
            '\'' if v.get(i + 1, end) == Some('\'') => {
                push(out, "”", protected);
                i += 2;
            }
            '`' => {
                push(out, "‘", protected);
                i += 1;
            }
            '\'' => {
                push(out, "’", protected);
                i += 1;
            }
            '$' => i += 1,
            _ => {
                push(out, &c.to_string(), protected);
                i += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_and_symbols() {
        assert_eq!(to_text("M{\\\"u}ller"), "Müller");
        assert_eq!(
            to_text("Gar{\\'c}ia \\c{c} \\ss{} \\& 10\\%"),
            "Garćia ç ß & 10%"
        );
        assert_eq!(to_text("pp.~1--2"), "pp.\u{a0}1–2");
    }

    #[test]
    fn protection() {
        let p = to_pieces("The {NASA} Report");
        assert_eq!(
            p[1],
            Piece {
                text: "NASA".into(),
                protected: true
            }
        );
        assert!(!p[0].protected);
    }
    // The recursive converter this module had before it became iterative,
    // kept as the reference the iterative one must agree with.
    fn old_arg(chars: &[char], mut i: usize) -> (String, usize) {
        while i < chars.len() && chars[i] == ' ' {
            i += 1;
        }
        if i >= chars.len() {
            return (String::new(), i);
        }
        if chars[i] == '{' {
            let end = old_close_brace(chars, i);
            let inner: String = chars[i + 1..end.min(chars.len())].iter().collect();
            (inner, (end + 1).min(chars.len()))
        } else if chars[i] == '\\' {
            // `\'\i`
            let mut j = i + 1;
            while j < chars.len() && chars[j].is_ascii_alphabetic() {
                j += 1;
            }
            (chars[i..j].iter().collect(), j)
        } else {
            (chars[i].to_string(), i + 1)
        }
    }

    fn old_close_brace(chars: &[char], open: usize) -> usize {
        let mut depth = 0usize;
        let mut i = open;
        while i < chars.len() {
            match chars[i] {
                '\\' => i += 1,
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        return i;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        chars.len()
    }

    fn old_convert(chars: &[char], depth: usize, out: &mut Vec<Piece>) {
        let protected = depth > 0;
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            match c {
                '{' => {
                    let end = old_close_brace(chars, i);
                    let inner = &chars[i + 1..end.min(chars.len())];
                    // `{\'e}` is an accent, not protection (BibTeX's special chars).
                    if inner.first() == Some(&'\\') && depth == 0 {
                        old_convert(inner, 0, out);
                    } else {
                        old_convert(inner, depth + 1, out);
                    }
                    i = end + 1;
                }
                '}' => i += 1,
                '\\' => {
                    let Some(&next) = chars.get(i + 1) else {
                        i += 1;
                        continue;
                    };
                    if "'`^\"~=.".contains(next) {
                        let (a, j) = old_arg(chars, i + 2);
                        push(out, &accent(next, &a), protected);
                        i = j;
                    } else if "&%$#_{}".contains(next) {
                        push(out, &next.to_string(), protected);
                        i += 2;
                    } else if next == '\\' || next == ' ' {
                        push(out, " ", protected);
                        i += 2;
                    } else if next.is_ascii_alphabetic() {
                        let mut j = i + 1;
                        while j < chars.len() && chars[j].is_ascii_alphabetic() {
                            j += 1;
                        }
                        let name: String = chars[i + 1..j].iter().collect();
                        let accent_cmd =
                            matches!(name.as_str(), "u" | "v" | "H" | "c" | "k" | "r" | "d" | "b");
                        if accent_cmd {
                            let (a, k) = old_arg(chars, j);
                            push(
                                out,
                                &accent(name.chars().next().unwrap_or(' '), &a),
                                protected,
                            );
                            i = k;
                            continue;
                        }
                        if let Some(sym) = symbol(&name).or_else(|| math_symbol(&name)) {
                            push(out, sym, protected);
                            // A space after a command word is eaten; `{}` too.
                            if chars.get(j) == Some(&' ') {
                                j += 1;
                            } else if chars.get(j) == Some(&'{') && chars.get(j + 1) == Some(&'}') {
                                j += 2;
                            }
                            i = j;
                            continue;
                        }
                        // Any other command: keep its argument's text, which
                        // keeps the protection of where it stands.
                        while chars.get(j) == Some(&' ') {
                            j += 1;
                        }
                        if chars.get(j) == Some(&'{') {
                            let end = old_close_brace(chars, j);
                            old_convert(&chars[j + 1..end.min(chars.len())], depth, out);
                            i = end + 1;
                        } else {
                            i = j;
                        }
                    } else {
                        push(out, &next.to_string(), protected);
                        i += 2;
                    }
                }
                '~' => {
                    push(out, "\u{a0}", protected);
                    i += 1;
                }
                '-' if chars.get(i + 1) == Some(&'-') => {
                    if chars.get(i + 2) == Some(&'-') {
                        push(out, "—", protected);
                        i += 3;
                    } else {
                        push(out, "–", protected);
                        i += 2;
                    }
                }
                '`' if chars.get(i + 1) == Some(&'`') => {
                    push(out, "“", protected);
                    i += 2;
                }
                '\'' if chars.get(i + 1) == Some(&'\'') => {
                    push(out, "”", protected);
                    i += 2;
                }
                '`' => {
                    push(out, "‘", protected);
                    i += 1;
                }
                '\'' => {
                    push(out, "’", protected);
                    i += 1;
                }
                '$' => i += 1,
                _ => {
                    push(out, &c.to_string(), protected);
                    i += 1;
                }
            }
        }
    }

    fn old_pieces(raw: &str) -> Vec<Piece> {
        let chars: Vec<char> = raw.chars().collect();
        let mut out = Vec::new();
        old_convert(&chars, 0, &mut out);
        out
    }

    fn new_pieces(raw: &str) -> Vec<Piece> {
        let chars: Vec<char> = raw.chars().collect();
        let mut out = Vec::new();
        convert(&chars, &mut out);
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        #[test]
        fn iterative_matches_recursive(raw in "[{}\\\\'`^\"~=.a-z A-Z$&-]{0,40}") {
            proptest::prop_assert_eq!(new_pieces(&raw), old_pieces(&raw));
        }
    }

    #[test]
    fn iterative_matches_recursive_on_commands() {
        for raw in [
            "\\'{e}",
            "\\emph{A {B} c}",
            "{\\'e}t{\\'e}",
            "\\{a}",
            "}\\{a}}b",
            "{a\\{b}c}d}",
            "\\textbf {x}",
            "\\v{\\i}",
            "\\'\\i",
            "\\ss{}x",
            "a -- b --- c",
            "``q''",
            "{{\\'e}}",
            "\\c{",
            "{{{",
            "}}}",
            "\\",
            "\\{",
            "\\'{",
            "\\foo {{a}",
        ] {
            assert_eq!(new_pieces(raw), old_pieces(raw), "{raw}");
        }
    }

    #[test]
    fn deep_nesting_is_linear_and_does_not_overflow() {
        // 50,000 levels overflowed the stack of the recursive converter.
        let depth = 200_000;
        let raw = format!("{}x{}", "{".repeat(depth), "}".repeat(depth));
        let start = std::time::Instant::now();
        assert_eq!(to_text(&raw), "x");
        let unclosed = format!("{}x", "{\\emph{".repeat(depth));
        assert_eq!(to_text(&unclosed), "x");
        assert!(start.elapsed() < std::time::Duration::from_secs(5));
    }
}
