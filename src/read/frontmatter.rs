//! YAML (`---`) and TOML (`+++`) front matter.

use std::collections::BTreeMap;

use super::source::line_col;
use super::ReadError;
use crate::outline::model::Meta;

/// Front matter found at the top of a document.
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    /// The metadata it gives.
    pub meta: Meta,
    /// Byte length of the block, fences and final line break included.
    pub len: usize,
}

/// How deep YAML flow collections (`[…]`, `{…}`) may nest: the YAML
/// parser stops at 128 levels, but only after scanning time that grows with
/// the square of the depth (a minute for 100,000 levels), so deeper input is
/// refused before it is parsed.
pub const MAX_YAML_DEPTH: usize = 128;

/// The offset of the first `[` or `{` in YAML `text` that opens a flow
/// collection nested deeper than [`MAX_YAML_DEPTH`], found in one pass.
///
/// Quoted scalars and comments are skipped, and outside a flow collection a
/// bracket counts only where a node starts (`x: a[1]` is a plain scalar), so
/// that YAML the parser takes is never refused.
pub fn too_deep_yaml(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut depth = 0usize;
    // whether the next character that is not a space starts a node
    let mut node_start = true;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let spaced = |k: usize| b.get(k).is_none_or(|n| n.is_ascii_whitespace());
        match c {
            b'\n' => node_start |= depth == 0,
            b' ' | b'\t' | b'\r' => {}
            b'#' if i == 0 || b[i - 1].is_ascii_whitespace() => {
                i = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |n| i + n);
                continue;
            }
            b'\'' if node_start => {
                // '' is a quote inside; the scalar ends at a lone '
                i += 1;
                while i < b.len() {
                    if b[i] == b'\'' {
                        if b.get(i + 1) == Some(&b'\'') {
                            i += 1;
                        } else {
                            break;
                        }
                    }
                    i += 1;
                }
                node_start = false;
            }
            b'"' if node_start => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                node_start = false;
            }
            b'[' | b'{' if node_start || depth > 0 => {
                depth += 1;
                if depth > MAX_YAML_DEPTH {
                    return Some(i);
                }
                node_start = true;
            }
            b']' | b'}' if depth > 0 => {
                depth -= 1;
                node_start = false;
            }
            b',' if depth > 0 => node_start = true,
            b'-' | b'?' | b':' if spaced(i + 1) => node_start = true,
            b':' if depth > 0 => node_start = true,
            _ => node_start = false,
        }
        i += 1;
    }
    None
}

/// Finds and parses front matter at the start of `text`. Returns `None` when
/// the text does not open with a front-matter fence.
pub fn parse(name: &str, text: &str) -> Result<Option<FrontMatter>, ReadError> {
    let (fence, kind) = if text.starts_with("---\n") || text.starts_with("--- \n") {
        ("---", "YAML")
    } else if text.starts_with("+++\n") {
        ("+++", "TOML")
    } else {
        return Ok(None);
    };
    let body_start = text.find('\n').map_or(text.len(), |i| i + 1);
    // The closing fence: a line that is the fence (YAML also allows `...`).
    let mut pos = body_start;
    let mut close = None;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = text[pos..end].trim_end();
        if line == fence || (kind == "YAML" && line == "...") {
            close = Some((pos, (end + 1).min(text.len())));
            break;
        }
        pos = end + 1;
    }
    let Some((body_end, len)) = close else {
        // An opening `---` with no close is a thematic break, not front matter.
        return Ok(None);
    };
    let body = &text[body_start..body_end];
    let value: serde_json::Value = if kind == "YAML" {
        if body.trim().is_empty() {
            serde_json::Value::Object(Default::default())
        } else if let Some(at) = too_deep_yaml(body) {
            let (line, column) = line_col(body, at);
            return Err(ReadError::FrontMatter {
                file: name.to_string(),
                kind,
                line: line + 1,
                column,
                message: format!("nested more than {MAX_YAML_DEPTH} levels deep"),
            });
        } else {
            serde_norway::from_str(body).map_err(|e| {
                let (line, column) = e
                    .location()
                    .map(|l| (l.line(), l.column()))
                    .unwrap_or((1, 1));
                ReadError::FrontMatter {
                    file: name.to_string(),
                    kind,
                    line: line + 1,
                    column,
                    message: first_line(&e.to_string()),
                }
            })?
        }
    } else {
        let table: toml::Table = toml::from_str(body).map_err(|e| {
            let (line, column) = e.span().map(|s| line_col(body, s.start)).unwrap_or((1, 1));
            ReadError::FrontMatter {
                file: name.to_string(),
                kind,
                line: line + 1,
                column,
                message: first_line(e.message()),
            }
        })?;
        toml_to_json(toml::Value::Table(table))
    };
    let map = match value {
        serde_json::Value::Object(map) => map,
        serde_json::Value::Null => Default::default(),
        _ => {
            return Err(ReadError::FrontMatter {
                file: name.to_string(),
                kind,
                line: 2,
                column: 1,
                message: "front matter must be a mapping of keys to values".into(),
            })
        }
    };
    Ok(Some(FrontMatter {
        meta: meta_from_map(map),
        len,
    }))
}

fn toml_to_json(v: toml::Value) -> serde_json::Value {
    match v {
        toml::Value::String(s) => serde_json::Value::String(s),
        toml::Value::Integer(i) => i.into(),
        toml::Value::Float(f) => {
            serde_json::Number::from_f64(f).map_or(serde_json::Value::Null, Into::into)
        }
        toml::Value::Boolean(b) => b.into(),
        toml::Value::Datetime(d) => serde_json::Value::String(d.to_string()),
        toml::Value::Array(a) => a.into_iter().map(toml_to_json).collect(),
        toml::Value::Table(t) => t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect(),
    }
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").trim().to_string()
}

fn scalar(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(clean(s)),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Front matter often carries non-breaking and zero-width joiners from the web.
fn clean(s: &str) -> String {
    let s: String = s
        .chars()
        .filter(|c| !matches!(c, '\u{2060}' | '\u{200b}' | '\u{feff}'))
        .map(|c| if c == '\u{a0}' { ' ' } else { c })
        .collect();
    s.trim().to_string()
}

fn names(v: &serde_json::Value) -> Vec<String> {
    match v {
        serde_json::Value::Array(items) => items
            .iter()
            .filter_map(|i| match i {
                serde_json::Value::Object(o) => o.get("name").and_then(scalar),
                other => scalar(other),
            })
            .filter(|s| !s.is_empty())
            .collect(),
        serde_json::Value::Object(o) => o.get("name").and_then(scalar).into_iter().collect(),
        other => scalar(other)
            .map(|s| {
                // "A and B" or "A; B" in one string
                s.split(';')
                    .map(|p| p.trim().to_string())
                    .filter(|p| !p.is_empty())
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// Builds [`Meta`] from front-matter keys; keys it does not know go to `extra`.
pub fn meta_from_map(map: serde_json::Map<String, serde_json::Value>) -> Meta {
    let mut meta = Meta::default();
    let mut extra = BTreeMap::new();
    for (key, value) in map {
        match key.to_ascii_lowercase().as_str() {
            "title" => meta.title = scalar(&value),
            "author" | "authors" | "creator" => meta.authors.extend(names(&value)),
            "date" | "published" | "published_time" | "pubdate" if meta.date.is_none() => {
                meta.date = scalar(&value)
            }
            "publisher" | "publication" | "site" | "site_name" => meta.publisher = scalar(&value),
            "url" | "source_url" | "link" | "canonical" if meta.url.is_none() => {
                meta.url = scalar(&value)
            }
            "language" | "lang" => meta.language = scalar(&value),
            _ => {
                extra.insert(key, value);
            }
        }
    }
    meta.extra = extra;
    meta
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_yaml_is_refused_where_the_parser_would_refuse_it() {
        for depth in [
            1,
            64,
            100,
            120,
            MAX_YAML_DEPTH + 1,
            MAX_YAML_DEPTH + 10,
            100_000,
        ] {
            for shape in ["x: {o}1{c}\n", "- {o}{c}\n", "x:\n  - {o}a{c}\n"] {
                let (o, c) = if depth % 2 == 0 {
                    ("[", "]")
                } else {
                    ("{a: ", "}")
                };
                let yaml = shape
                    .replace("{o}", &o.repeat(depth))
                    .replace("{c}", &c.repeat(depth));
                let refused = too_deep_yaml(&yaml).is_some();
                assert_eq!(refused, depth > MAX_YAML_DEPTH, "{depth} {shape}");
                if !refused {
                    let parsed = serde_norway::from_str::<serde_json::Value>(&yaml);
                    assert!(parsed.is_ok(), "{depth} {shape}: a depth the parser takes");
                }
            }
        }
    }

    #[test]
    fn brackets_that_open_nothing_are_not_counted() {
        let deep = "[".repeat(500);
        for yaml in [
            format!("title: a{deep}\n"),
            format!("title: '{deep}'\n"),
            format!("title: \"{deep}\"\n"),
            format!("title: x # {deep}\n"),
            format!("title: 'it''s {deep}'\n"),
        ] {
            assert_eq!(too_deep_yaml(&yaml), None, "{yaml}");
            assert!(
                serde_norway::from_str::<serde_json::Value>(&yaml).is_ok(),
                "{yaml}"
            );
        }
    }

    #[test]
    fn yaml_front_matter() {
        let t = "---\ntitle: \"A\u{a0}B\"\nauthor: Jo\ntags: x\n---\n\nBody.\n";
        let fm = parse("f", t).unwrap().unwrap();
        assert_eq!(fm.meta.title.as_deref(), Some("A B"));
        assert_eq!(fm.meta.authors, vec!["Jo"]);
        assert!(fm.meta.extra.contains_key("tags"));
        assert_eq!(&t[fm.len..], "\nBody.\n");
    }

    #[test]
    fn toml_front_matter() {
        let t = "+++\ntitle = \"T\"\nauthors = [\"A\", \"B\"]\ndate = 2024-01-02\n+++\nBody\n";
        let fm = parse("f", t).unwrap().unwrap();
        assert_eq!(fm.meta.authors, vec!["A", "B"]);
        assert_eq!(fm.meta.date.as_deref(), Some("2024-01-02"));
    }

    #[test]
    fn malformed_yaml_is_an_error() {
        let t = "---\ntitle: [unclosed\n---\nBody\n";
        assert!(matches!(parse("f", t), Err(ReadError::FrontMatter { .. })));
    }

    #[test]
    fn unclosed_fence_is_not_front_matter() {
        assert!(parse("f", "---\nno close\n").unwrap().is_none());
    }
}
