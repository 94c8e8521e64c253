//! The summary over the real binary: every point a whole sentence or
//! clause, the article's central point first in every style.

mod render_support;

use render_support::{brief_ok, root};

/// The numbered items of a plain brief's Summary section, each with the
/// attribution and citation brief appends after " — " removed.
fn summary(article: &str, style: &str) -> Vec<String> {
    let out = brief_ok(&["render", article, "--style", style, "--to", "plain"]);
    let lines: Vec<&str> = out.lines().collect();
    let mut items: Vec<String> = Vec::new();
    let mut inside = false;
    for (k, line) in lines.iter().enumerate() {
        let next = lines.get(k + 1).map_or("", |l| l.trim());
        if !line.trim().is_empty() && next.len() >= 3 && next.chars().all(|c| c == '-') {
            if inside {
                break;
            }
            inside = line.trim() == "Summary";
            continue;
        }
        let t = line.trim();
        if !inside || t.is_empty() || t.chars().all(|c| c == '-') {
            continue;
        }
        let numbered = t
            .split_once(". ")
            .filter(|(n, _)| n.parse::<usize>().is_ok());
        match numbered {
            Some((_, rest)) if line.starts_with(|c: char| c.is_ascii_digit()) => {
                items.push(rest.to_string())
            }
            _ => {
                if let Some(last) = items.last_mut() {
                    last.push(' ');
                    last.push_str(t);
                }
            }
        }
    }
    items
        .into_iter()
        .map(|i| {
            i.split(" \u{2014} ")
                .next()
                .unwrap_or("")
                .trim()
                .to_string()
        })
        .collect()
}

/// The articles brief is tuned and checked on: those of the key-point files
/// inside the repository (the examples and tests/eval), not the blind set.
fn articles() -> Vec<String> {
    let dir = root().join("tests/summary/keypoints");
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .filter_map(|t| {
            let line = t.lines().find(|l| l.starts_with("article = "))?;
            Some(line["article = ".len()..].trim_matches('"').to_string())
        })
        .filter(|a| !a.starts_with("../") && !a.starts_with("tests/summary/articles/"))
        .collect();
    v.sort();
    v.dedup();
    v
}

/// A text's words, lower-cased.
fn word_set(t: &str) -> std::collections::BTreeSet<String> {
    t.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The claim text before any trailing in-text citation "(Author, year)".
fn without_citation(item: &str) -> &str {
    match item.rfind(" (") {
        Some(at) if item.ends_with(')') => &item[..at],
        _ => item,
    }
}

#[test]
fn summary_points_are_never_cut_mid_phrase() {
    for article in articles() {
        for style in ["full", "executive"] {
            for item in summary(&article, style) {
                let claim = without_citation(&item);
                assert!(!claim.contains('\u{2026}'), "{article} {style}: {item}");
                assert!(
                    claim.ends_with(['.', '!', '?', '\u{201d}', '"', ')', '\u{2019}']),
                    "{article} {style}: not a whole sentence: {item}"
                );
            }
        }
    }
}

#[test]
fn central_point_leads_in_every_style() {
    for article in articles() {
        let full = summary(&article, "full");
        let exec = summary(&article, "executive");
        let (Some(f), Some(e)) = (full.first(), exec.first()) else {
            continue;
        };
        // The executive point may be the same claim shortened to a clause.
        let (fw, ew) = (word_set(without_citation(f)), word_set(without_citation(e)));
        assert!(
            ew.is_subset(&fw),
            "{article}: full leads with {f:?}, executive with {e:?}"
        );
    }
}

#[test]
fn blinken_states_the_report_s_finding_and_not_the_sanctions_twice() {
    let items = summary("examples/blinken-human-rights-report.md", "executive");
    assert_eq!(items.len(), 3, "{items:?}");
    let all = items.join(" ").to_lowercase();
    assert!(all.contains("crimes against humanity"), "{items:?}");
    let sanctions = items
        .iter()
        .filter(|i| i.to_lowercase().contains("sanction"))
        .count();
    assert!(sanctions <= 1, "{items:?}");
}
