//! Errors of the style stage, with locations and `did you mean` hints.

use thiserror::Error;

/// Errors of loading a style.
#[derive(Debug, Error)]
pub enum StyleError {
    /// `--style NAME` names no built-in style and no file.
    #[error("unknown style `{name}`; built-in styles: {}", valid.join(", "))]
    UnknownStyle {
        /// The name as given.
        name: String,
        /// The built-in names.
        valid: Vec<String>,
    },
    /// The style file cannot be read.
    #[error("{file}: cannot read style: {message}")]
    Io {
        /// The file as named.
        file: String,
        /// What went wrong.
        message: String,
    },
    /// The style file is not valid: bad TOML, an unknown key or value.
    #[error("{file}:{line}:{column}: {message}")]
    Invalid {
        /// The file as named (`styles/NAME.toml` for a built-in).
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong, naming the valid keys or values.
        message: String,
        /// A `did you mean` hint, when one helps.
        hint: Option<String>,
    },
    /// `extends` chains too deep, or in a circle.
    #[error("{file}: `extends = \"{name}\"` goes round in a circle or too deep")]
    ExtendsLoop {
        /// The file whose `extends` was followed last.
        file: String,
        /// The style it names.
        name: String,
    },
}

impl StyleError {
    /// A hint to print after the error.
    pub fn hint(&self) -> Option<String> {
        match self {
            StyleError::UnknownStyle { name, valid } => Some(hint_for(
                name,
                &valid.iter().map(String::as_str).collect::<Vec<_>>(),
                "give a built-in name (`brief styles` lists them) or a path to a style file",
            )),
            StyleError::Invalid { hint, .. } => hint.clone(),
            _ => None,
        }
    }
}

/// `did you mean "X"?` when a valid name is close to `got`, else `fallback`.
pub fn hint_for(got: &str, valid: &[&str], fallback: &str) -> String {
    match closest(got, valid) {
        Some(best) => format!("did you mean \"{best}\"?"),
        None => fallback.to_string(),
    }
}

/// The valid name nearest to `got` by edit distance, if it is near enough to
/// be a likely typo.
pub fn closest<'a>(got: &str, valid: &[&'a str]) -> Option<&'a str> {
    let got_l = got.to_lowercase();
    valid
        .iter()
        .map(|v| (edit_distance(&got_l, &v.to_lowercase()), *v))
        .filter(|(d, v)| *d <= (v.chars().count().max(got.chars().count()) / 3).max(1))
        .min_by_key(|(d, v)| (*d, *v))
        .map(|(_, v)| v)
}

/// Levenshtein distance over chars.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// 1-based line and column of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The `[table]` header in force at byte `offset`, for messages.
fn table_at(text: &str, offset: usize) -> Option<String> {
    let offset = offset.min(text.len());
    text[..offset]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('['))
        .map(|l| l.split('#').next().unwrap_or(l).trim().to_string())
}

/// Turns a toml/serde error into [`StyleError::Invalid`], rewording serde's
/// "unknown field/variant" messages into keys and values and adding a hint.
pub fn from_toml(e: &toml::de::Error, text: &str, label: &str) -> StyleError {
    let span = e.span().unwrap_or(0..0);
    let (line, column) = line_col(text, span.start);
    let raw = e.message().trim().to_string();
    let quoted: Vec<&str> = raw.split('`').skip(1).step_by(2).collect();
    let (message, hint) = if raw.starts_with("unknown field") && !quoted.is_empty() {
        let got = quoted[0];
        let valid = &quoted[1..];
        let place = table_at(text, span.start)
            .map(|t| format!(" in {t}"))
            .unwrap_or_else(|| " at the top level".into());
        (
            format!("unknown key `{got}`{place}; valid keys: {}", list(valid)),
            closest(got, valid).map(|b| format!("did you mean \"{b}\"?")),
        )
    } else if raw.starts_with("unknown variant") && !quoted.is_empty() {
        let got = quoted[0];
        let valid = &quoted[1..];
        let key = text[..span.start.min(text.len())]
            .lines()
            .last()
            .and_then(|l| l.split('=').next())
            .map(|k| k.trim().trim_start_matches('[').trim())
            .filter(|k| !k.is_empty())
            .map(|k| format!(" for `{k}`"))
            .unwrap_or_default();
        (
            format!("unknown value `{got}`{key}; valid values: {}", list(valid)),
            closest(got, valid).map(|b| format!("did you mean \"{b}\"?")),
        )
    } else {
        (raw, None)
    };
    StyleError::Invalid {
        file: label.to_string(),
        line,
        column,
        message,
        hint,
    }
}

fn list(valid: &[&str]) -> String {
    valid
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(closest("ordr", &["order", "claims"]), Some("order"));
        assert_eq!(closest("zzzzzz", &["order", "claims"]), None);
    }

    #[test]
    fn line_and_column() {
        assert_eq!(line_col("a\nbc\nd", 3), (2, 2));
        assert_eq!(line_col("abc", 0), (1, 1));
    }
}
