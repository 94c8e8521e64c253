//! `--depfile FILE`: a Make-format list of the files an output was built
//! from, for Make (`-include out/x.d`) and Ninja (`depfile = $out.d`).
//!
//! Each output gets one rule `OUTPUT: DEP…`, and each dependency an empty
//! rule `DEP:` (as `gcc -MP` writes) so that Make does not fail when a
//! dependency is deleted. Paths are written as given (relative stays
//! relative) and escaped for Make: a space as `\ `, `#` as `\#`, `$` as `$$`.

use std::path::{Path, PathBuf};

/// One output and the files it was built from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// The output file.
    pub target: PathBuf,
    /// Every file it was built from, in the order first named.
    pub deps: Vec<PathBuf>,
}

impl Rule {
    /// A rule with `deps` de-duplicated (keeping the first of each).
    pub fn new(target: PathBuf, deps: impl IntoIterator<Item = PathBuf>) -> Rule {
        let mut seen = std::collections::BTreeSet::new();
        let deps = deps
            .into_iter()
            .filter(|d| seen.insert(d.clone()))
            .collect();
        Rule { target, deps }
    }
}

/// Escapes a path for a Make rule.
pub fn escape(path: &Path) -> String {
    let s = path.to_string_lossy();
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            ' ' | '\t' | '#' => {
                // Backslashes just before a space or # are doubled, as gcc does.
                let mut j = i;
                while j > 0 && chars[j - 1] == '\\' {
                    out.push('\\');
                    j -= 1;
                }
                out.push('\\');
                out.push(c);
            }
            '$' => out.push_str("$$"),
            _ => out.push(c),
        }
    }
    out
}

/// The depfile text for `rules`.
pub fn render(rules: &[Rule]) -> String {
    let mut s = String::new();
    for r in rules {
        s.push_str(&escape(&r.target));
        s.push(':');
        for d in &r.deps {
            s.push_str(" \\\n  ");
            s.push_str(&escape(d));
        }
        s.push('\n');
    }
    let mut phony = std::collections::BTreeSet::new();
    for r in rules {
        for d in &r.deps {
            if phony.insert(d) {
                s.push('\n');
                s.push_str(&escape(d));
                s.push_str(":\n");
            }
        }
    }
    s
}

/// The files a `--style` value was read from: the style file, every file it
/// `extends` (built-in styles are not files) and its `citation.csl`.
/// Errors are ignored: the style has been loaded successfully already.
pub fn style_files(style: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if style.ends_with(".csl") {
        out.push(PathBuf::from(style));
        return out;
    }
    let mut next = Some(PathBuf::from(style));
    if !is_path_like(style) {
        return out;
    }
    // The chain is short (brief allows 8 levels); the bound guards cycles.
    for _ in 0..16 {
        let Some(path) = next.take() else { break };
        let Ok(text) =
            crate::read::source::read_text_file(&path, crate::read::source::DEFAULT_MAX_INPUT)
        else {
            break;
        };
        out.push(path.clone());
        let Ok(table) = text.parse::<toml::Table>() else {
            break;
        };
        let dir = path.parent().unwrap_or(Path::new(""));
        if let Some(csl) = table
            .get("citation")
            .and_then(|c| c.get("csl"))
            .and_then(|c| c.as_str())
        {
            out.push(dir.join(csl));
        }
        next = table
            .get("extends")
            .and_then(|e| e.as_str())
            .filter(|e| {
                e.contains('/') || e.ends_with(".toml") || crate::style::builtin(e).is_none()
            })
            .map(|e| dir.join(e));
    }
    out
}

fn is_path_like(s: &str) -> bool {
    s.contains('/')
        || s.contains(std::path::MAIN_SEPARATOR)
        || s.ends_with(".toml")
        || Path::new(s).is_file()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_for_make() {
        assert_eq!(escape(Path::new("a b#c$d.md")), "a\\ b\\#c$$d.md");
        assert_eq!(escape(Path::new("plain/path.md")), "plain/path.md");
    }

    #[test]
    fn rule_lists_deps_once_with_phony_targets() {
        let r = Rule::new(
            "out/x.md".into(),
            ["x.md".into(), "refs.bib".into(), "x.md".into()],
        );
        assert_eq!(
            render(&[r]),
            "out/x.md: \\\n  x.md \\\n  refs.bib\n\nx.md:\n\nrefs.bib:\n"
        );
    }

    #[test]
    fn follows_extends_and_csl() {
        let d = tempfile::tempdir().unwrap();
        let base = d.path().join("base.toml");
        std::fs::write(&base, "extends = \"apa\"\n[citation]\ncsl = \"my.csl\"\n").unwrap();
        let mine = d.path().join("mine.toml");
        std::fs::write(&mine, "extends = \"base.toml\"\n").unwrap();
        let files = style_files(mine.to_str().unwrap());
        assert_eq!(files, vec![mine, base, d.path().join("my.csl")]);
        assert!(style_files("apa").is_empty());
    }
}
