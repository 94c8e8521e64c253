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
    convert(&chars, 0, &mut out);
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
fn accent(cmd: char, base: &str) -> String {
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

fn symbol(name: &str) -> Option<&'static str> {
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

/// Reads one argument: `{...}` or a single char; returns (text of it, next
/// index).
fn arg(chars: &[char], mut i: usize) -> (String, usize) {
    while i < chars.len() && chars[i] == ' ' {
        i += 1;
    }
    if i >= chars.len() {
        return (String::new(), i);
    }
    if chars[i] == '{' {
        let end = close_brace(chars, i);
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

fn close_brace(chars: &[char], open: usize) -> usize {
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

fn convert(chars: &[char], depth: usize, out: &mut Vec<Piece>) {
    let protected = depth > 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '{' => {
                let end = close_brace(chars, i);
                let inner = &chars[i + 1..end.min(chars.len())];
                // `{\'e}` is an accent, not protection (BibTeX's special chars).
                if inner.first() == Some(&'\\') && depth == 0 {
                    convert(inner, 0, out);
                } else {
                    convert(inner, depth + 1, out);
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
                    let (a, j) = arg(chars, i + 2);
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
                        let (a, k) = arg(chars, j);
                        push(
                            out,
                            &accent(name.chars().next().unwrap_or(' '), &a),
                            protected,
                        );
                        i = k;
                        continue;
                    }
                    if let Some(sym) = symbol(&name) {
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
                        let end = close_brace(chars, j);
                        convert(&chars[j + 1..end.min(chars.len())], depth, out);
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
}
