//! CSL-JSON, CSL-YAML and RIS input.

use hayagriva::citationberg::json::{
    DateValue, Item, NameItem, NameValue, Value, VecDate, VecDateRange,
};

use super::{CiteError, CslItem};

/// Parses a CSL-JSON array of items (or one item).
pub fn parse_json(text: &str, file: &str) -> Result<Vec<CslItem>, CiteError> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| CiteError::Syntax {
        file: file.to_string(),
        line: e.line(),
        column: e.column(),
        message: format!("invalid JSON: {e}"),
    })?;
    let items = match value {
        serde_json::Value::Array(a) => a,
        o @ serde_json::Value::Object(_) => vec![o],
        _ => {
            return Err(CiteError::Syntax {
                file: file.to_string(),
                line: 1,
                column: 1,
                message: "CSL-JSON must be an array of items".into(),
            })
        }
    };
    from_values(items, file, |i| locate_nth_item(text, i))
}

/// Where the `n`th top-level object of a JSON array starts (line, column).
fn locate_nth_item(text: &str, n: usize) -> (usize, usize) {
    let mut depth = 0i32;
    let mut count = 0usize;
    let mut in_str = false;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if in_str {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_str = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_str = true,
            '{' => {
                if depth == 1 {
                    if count == n {
                        return crate::style::line_col(text, i);
                    }
                    count += 1;
                }
                depth += 1;
            }
            '[' => depth += 1,
            '}' | ']' => depth -= 1,
            _ => {}
        }
    }
    (1, 1)
}

/// Parses CSL-YAML: a list of items, or a mapping with `references:`.
pub fn parse_yaml(text: &str, file: &str) -> Result<Vec<CslItem>, CiteError> {
    // Pandoc's CSL-YAML files are often a YAML block between `---` lines.
    let body = text
        .trim_start()
        .strip_prefix("---")
        .map(
            |rest| match rest.find("\n---").or_else(|| rest.find("\n...")) {
                Some(end) => &rest[..end],
                None => rest,
            },
        )
        .unwrap_or(text);
    if let Some(at) = crate::read::frontmatter::too_deep_yaml(body) {
        let start = (body.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
        let (line, column) = crate::read::source::line_col(text, start + at);
        return Err(CiteError::Syntax {
            file: file.to_string(),
            line,
            column,
            message: format!(
                "invalid YAML: nested more than {} levels deep",
                crate::read::frontmatter::MAX_YAML_DEPTH
            ),
        });
    }
    let value: serde_json::Value = serde_norway::from_str(body).map_err(|e| {
        let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
        // `body` is a slice of `text`: the lines before it are those before
        // its first byte (not the bytes it is short of: the block may end
        // before the text does).
        let start = (body.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
        let offset_lines = text
            .get(..start)
            .map_or(0, |before| before.matches('\n').count());
        CiteError::Syntax {
            file: file.to_string(),
            line: line + offset_lines,
            column,
            message: format!("invalid YAML: {e}"),
        }
    })?;
    let items = match value {
        serde_json::Value::Array(a) => a,
        serde_json::Value::Object(mut o) => match o.remove("references") {
            Some(serde_json::Value::Array(a)) => a,
            _ => {
                return Err(CiteError::Syntax {
                    file: file.to_string(),
                    line: 1,
                    column: 1,
                    message: "CSL-YAML must be a list of items or have a `references:` list".into(),
                })
            }
        },
        _ => Vec::new(),
    };
    from_values(items, file, |_| (1, 1))
}

fn from_values(
    values: Vec<serde_json::Value>,
    file: &str,
    locate: impl Fn(usize) -> (usize, usize),
) -> Result<Vec<CslItem>, CiteError> {
    let mut out = Vec::with_capacity(values.len());
    for (i, mut v) in values.into_iter().enumerate() {
        normalise_value(&mut v);
        let item: Item = serde_json::from_value(v).map_err(|e| {
            let (line, column) = locate(i);
            CiteError::Syntax {
                file: file.to_string(),
                line,
                column,
                message: format!("item {} is not a valid CSL item: {e}", i + 1),
            }
        })?;
        if item.id().is_none() {
            let (line, column) = locate(i);
            return Err(CiteError::Syntax {
                file: file.to_string(),
                line,
                column,
                message: format!("item {} has no `id`", i + 1),
            });
        }
        out.push(item);
    }
    Ok(out)
}

/// Fixes what CSL-JSON in the wild has and citationberg refuses: numbers as
/// floats, booleans, nested objects of unknown shape, `date-parts` with
/// strings, `raw` dates.
fn normalise_value(v: &mut serde_json::Value) {
    let Some(obj) = v.as_object_mut() else {
        return;
    };
    let keys: Vec<String> = obj.keys().cloned().collect();
    for k in keys {
        let Some(val) = obj.get_mut(&k) else { continue };
        match val {
            serde_json::Value::Number(n) if n.as_i64().is_none() => {
                *val = serde_json::Value::String(n.to_string());
            }
            serde_json::Value::Bool(b) => *val = serde_json::Value::String(b.to_string()),
            serde_json::Value::Null => {
                obj.remove(&k);
            }
            serde_json::Value::Object(o)
                if o.contains_key("raw") && !o.contains_key("date-parts") =>
            {
                if let Some(parts) = o
                    .get("raw")
                    .and_then(|r| r.as_str())
                    .and_then(parse_date_text)
                {
                    *val = serde_json::json!({ "date-parts": [parts] });
                } else if let Some(lit) = o.get("raw").and_then(|r| r.as_str()).map(str::to_string)
                {
                    *val = serde_json::json!({ "literal": lit });
                }
            }
            serde_json::Value::Array(a) if a.iter().all(|x| x.is_string()) && !a.is_empty() => {
                // A list of strings where a string is expected (keywords, ISSN).
                let joined = a
                    .iter()
                    .filter_map(|x| x.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                *val = serde_json::Value::String(joined);
            }
            _ => {}
        }
    }
}

/// `2020`, `2020-05`, `2020-05-04` into date parts.
pub fn parse_date_text(s: &str) -> Option<Vec<i64>> {
    let s = s.trim();
    let mut parts = Vec::new();
    for p in s.split(['-', '/']).take(3) {
        parts.push(p.trim().parse::<i64>().ok()?);
    }
    if parts.is_empty() || parts[0] < 1 {
        return None;
    }
    Some(parts)
}

/// A CSL date value from date parts.
pub fn date_value(parts: &[i64]) -> Value {
    Value::Date(DateValue::DateParts {
        date_parts: VecDateRange(vec![VecDate(parts.iter().map(|&p| p as i16).collect())]),
        literal: None,
        season: None,
        circa: false,
    })
}

/// Parses RIS (`TY  - JOUR` … `ER  -`).
pub fn parse_ris(text: &str, file: &str) -> Result<Vec<CslItem>, CiteError> {
    let mut out = Vec::new();
    let mut cur: Option<(Item, usize)> = None;
    let mut pages: (Option<String>, Option<String>) = (None, None);
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            continue;
        }
        let (tag, value) = match (line.get(..2), line.get(2..6)) {
            (Some(tag), Some(sep)) if sep.trim_end() == "  -" || sep == "  - " => {
                (tag, line.get(6..).unwrap_or("").trim())
            }
            (Some(tag), _) if line.len() <= 5 && line[2..].trim() == "-" => (tag, ""),
            _ => {
                return Err(CiteError::Syntax {
                    file: file.to_string(),
                    line: n + 1,
                    column: 1,
                    message: "expected an RIS line `XX  - value`".into(),
                })
            }
        };
        if tag == "TY" {
            let ty = match value {
                "JOUR" | "JFULL" | "MGZN" => "article-journal",
                "NEWS" => "article-newspaper",
                "BOOK" => "book",
                "CHAP" => "chapter",
                "RPRT" => "report",
                "THES" => "thesis",
                "ELEC" | "WEB" => "webpage",
                "CONF" | "CPAPER" => "paper-conference",
                "DATA" => "dataset",
                "STAT" | "BILL" => "legislation",
                _ => "document",
            };
            let mut item = Item(Default::default());
            item.0.insert("type".into(), Value::String(ty.into()));
            cur = Some((item, n + 1));
            pages = (None, None);
            continue;
        }
        let Some((item, _)) = cur.as_mut() else {
            return Err(CiteError::Syntax {
                file: file.to_string(),
                line: n + 1,
                column: 1,
                message: format!("`{tag}` before the first `TY` line"),
            });
        };
        let set = |item: &mut Item, k: &str, v: &str| {
            item.0
                .entry(k.into())
                .or_insert_with(|| Value::String(v.into()));
        };
        match tag {
            "ER" => {
                let (mut item, start) = cur.take().unwrap_or_else(|| (Item(Default::default()), n));
                if let (Some(sp), ep) = (&pages.0, &pages.1) {
                    let p = match ep {
                        Some(ep) => format!("{sp}-{ep}"),
                        None => sp.clone(),
                    };
                    item.0.insert("page".into(), Value::String(p));
                }
                if item.id().is_none() {
                    item.0
                        .insert("id".into(), Value::String(format!("ris{start}")));
                }
                out.push(item);
            }
            "ID" => set(item, "id", value),
            "AU" | "A1" | "A2" | "ED" => {
                let key = if matches!(tag, "ED" | "A2") {
                    "editor"
                } else {
                    "author"
                };
                let name = match value.split_once(',') {
                    Some((f, g)) => NameValue::Item(NameItem {
                        family: f.trim().into(),
                        given: Some(g.trim().into()).filter(|g: &String| !g.is_empty()),
                        non_dropping_particle: None,
                        dropping_particle: None,
                        suffix: None,
                        comma_suffix: None,
                    }),
                    None => NameValue::Literal(hayagriva::citationberg::json::LiteralName {
                        literal: value.into(),
                    }),
                };
                if let Value::Names(v) = item
                    .0
                    .entry(key.into())
                    .or_insert_with(|| Value::Names(Vec::new()))
                {
                    v.push(name);
                }
            }
            "TI" | "T1" => set(item, "title", value),
            "T2" | "JO" | "JF" | "BT" => set(item, "container-title", value),
            "PY" | "Y1" | "DA" => {
                if let Some(parts) = parse_date_text(value.trim_end_matches('/')) {
                    item.0.insert("issued".into(), date_value(&parts));
                }
            }
            "Y2" => {
                if let Some(parts) = parse_date_text(value) {
                    item.0.insert("accessed".into(), date_value(&parts));
                }
            }
            "VL" => set(item, "volume", value),
            "IS" => set(item, "issue", value),
            "SP" => pages.0 = Some(value.into()),
            "EP" => pages.1 = Some(value.into()),
            "DO" => set(item, "DOI", value),
            "UR" => set(item, "URL", value),
            "PB" => set(item, "publisher", value),
            "CY" => set(item, "publisher-place", value),
            "SN" => set(item, "ISBN", value),
            "AB" => set(item, "abstract", value),
            _ => {}
        }
    }
    if let Some((_, start)) = cur {
        return Err(CiteError::Syntax {
            file: file.to_string(),
            line: start,
            column: 1,
            message: "record has no closing `ER  -` line".into(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_error_has_location() {
        let e = parse_json("[\n {\"id\": \"a\",}\n]", "x.json").unwrap_err();
        assert!(e.to_string().starts_with("x.json:2:"), "{e}");
    }

    #[test]
    fn yaml_references() {
        let items = parse_yaml(
            "---\nreferences:\n- id: a\n  type: book\n  title: T\n  issued:\n    date-parts: [[2000]]\n---\n",
            "x.yaml",
        )
        .unwrap();
        assert_eq!(items[0].id().unwrap(), "a");
    }

    #[test]
    fn yaml_error_line_counts_from_the_file_start() {
        // The unclosed `[` of line 4 is found where the block ends, at the
        // `---` of line 5; a multi-byte character follows the block (the
        // fuzz target's crash: tests/fuzz-regressions/bibliography/).
        let text = "\n---\nreferences:\n- id: [a\n---\nnotes ך\n";
        let e = parse_yaml(text, "x.yaml").unwrap_err();
        let CiteError::Syntax { line, .. } = e else {
            panic!("{e}");
        };
        assert_eq!(line, 5);
    }

    #[test]
    fn ris_record() {
        let items = parse_ris(
            "TY  - JOUR\nAU  - Smith, Jane\nTI  - A title\nPY  - 2019\nSP  - 1\nEP  - 9\nID  - s19\nER  - \n",
            "x.ris",
        )
        .unwrap();
        assert_eq!(items[0].id().unwrap(), "s19");
        assert_eq!(items[0].0.get("page"), Some(&Value::String("1-9".into())));
    }
}
