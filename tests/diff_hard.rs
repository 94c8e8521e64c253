//! `brief diff` over the real binary on the edits issue 16 names: cosmetic
//! rewrites that must be no change, minor edits that must be folded away,
//! datelines that are not sections, false-rename bait and reordered or
//! restructured paragraphs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn brief() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_brief"));
    c.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE");
    c
}

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

/// Writes both versions (named `old.EXT` and `new.EXT`) and runs
/// `brief diff` on them with `args`.
fn diff_texts(ext: &str, old: &str, new: &str, args: &[&str]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let (po, pn) = (
        dir.path().join(format!("old.{ext}")),
        dir.path().join(format!("new.{ext}")),
    );
    std::fs::write(&po, old).unwrap();
    std::fs::write(&pn, new).unwrap();
    brief()
        .arg("diff")
        .arg(&po)
        .arg(&pn)
        .args(args)
        .output()
        .expect("brief runs")
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// The body of a Markdown file after its front matter, and the front
/// matter itself.
fn split_front(text: &str) -> (&str, &str) {
    match text.strip_prefix("---\n").and_then(|r| r.find("\n---\n")) {
        Some(k) => text.split_at(k + 4 + 5),
        None => ("", text),
    }
}

/// Typography a copy editor might apply: curly quotes and apostrophes,
/// em dashes for `--`, `…` for `...`, non-breaking hyphens inside words,
/// no-break spaces before units, soft hyphens in long words.
fn typeset(body: &str) -> String {
    let mut out = String::new();
    let mut open = true;
    let chars: Vec<char> = body.chars().collect();
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        let prev = k.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(k + 1).copied();
        let alpha = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        match c {
            '"' => {
                out.push(if open { '“' } else { '”' });
                open = !open;
            }
            '\'' if alpha(prev) && alpha(next) => out.push('’'),
            '-' if next == Some('-') => {
                out.push('—');
                k += 1;
            }
            '-' if alpha(prev) && alpha(next) => out.push('\u{2011}'),
            '.' if next == Some('.') && chars.get(k + 2) == Some(&'.') => {
                out.push('…');
                k += 2;
            }
            ' ' if prev.is_some_and(|c| c.is_ascii_digit()) => out.push('\u{A0}'),
            c => out.push(c),
        }
        if c.is_alphabetic() && next.is_some_and(char::is_alphabetic) && k % 11 == 0 {
            out.push('\u{AD}');
        }
        k += 1;
    }
    out
}

const TYPO_OLD: &str = "# Annual review\n\n## Budget\n\nThe ministry's \"final\" budget -- approved in May -- rose by 5 per cent. Officials said the well-known plan would hold... for now.\n\nThe board met twice. It said: \"We expect 300-400 new posts.\"\n";

#[test]
fn typography_alone_is_no_change() {
    let new = typeset(TYPO_OLD);
    assert_ne!(new, TYPO_OLD);
    assert!(new.contains('’') && new.contains('—') && new.contains('…'));
    for (ext, old, new) in [
        ("md", TYPO_OLD.to_string(), new.clone()),
        (
            "txt",
            TYPO_OLD.replace("# ", "").replace("## ", ""),
            new.replace("# ", "").replace("## ", ""),
        ),
    ] {
        let out = diff_texts(ext, &old, &new, &["--format", "json"]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{ext}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        let v = json(&out);
        assert_eq!(v["changes"].as_array().unwrap().len(), 0, "{ext}");
        assert_eq!(v["stats"]["similarity"], 1.0, "{ext}");
    }
}

#[test]
fn typeset_examples_are_no_change() {
    for name in [
        "report-2023.md",
        "report-2024.md",
        "blinken-human-rights-report.md",
        "blinken-human-rights-report.txt",
    ] {
        let text = std::fs::read_to_string(example(name)).unwrap();
        let (front, body) = split_front(&text);
        let new = format!("{front}{}", typeset(body));
        assert_ne!(new, text, "{name}");
        let ext = name.rsplit('.').next().unwrap();
        let out = diff_texts(ext, &text, &new, &["--format", "json"]);
        let v = json(&out);
        assert_eq!(out.status.code(), Some(0), "{name}: {:#}", v["changes"]);
    }
}

#[test]
fn typography_inside_a_real_change_is_not_shown() {
    let new = typeset(&TYPO_OLD.replace("5 per cent", "6 per cent"));
    let out = diff_texts("md", TYPO_OLD, &new, &["--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    let changes = v["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{changes:#?}");
    let c = &changes[0];
    assert_eq!(c["kind"], "changed");
    // The claim's text and span are the new version's own.
    assert!(c["new"]["text"].as_str().unwrap().contains('’'));
    let changed: Vec<(String, String)> = c["words"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["op"] != "equal")
        .map(|w| {
            (
                w["op"].as_str().unwrap().into(),
                w["text"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        changed,
        vec![("delete".into(), "5".into()), ("insert".into(), "6".into())]
    );
}

#[test]
fn spans_point_into_the_original_text() {
    let new = typeset(&TYPO_OLD.replace("met twice", "met three times"));
    let out = diff_texts("md", TYPO_OLD, &new, &["--format", "json"]);
    let v = json(&out);
    let c = &v["changes"][0];
    let span = &c["new"]["span"];
    let (a, b) = (
        span["start"].as_u64().unwrap() as usize,
        span["end"].as_u64().unwrap() as usize,
    );
    let shown: String = new[a..b].chars().filter(|&c| c != '\u{AD}').collect();
    assert!(shown.starts_with("The board met three times."), "{shown}");
}

const MINOR_OLD: &str = "# Country report\n\n## Freedom of speech\n\nThe law provides for freedom of speech. Ten journalists were detained in the capital. There were no reports of deaths in custody.\n\nThe government generally respected this right. Officials said the ministry's budget was 2 million dollars.\n";

/// The old report with minor edits (inflection, a numeral, an article,
/// punctuation) and two that matter (a figure and a reversal).
fn minor_new() -> String {
    MINOR_OLD
        .replace("The law provides", "The law provide")
        .replace("Ten journalists", "10 journalists")
        .replace(
            "generally respected this right.",
            "generally respected the right!",
        )
        .replace("2 million dollars", "3 million dollars")
        .replace("There were no reports", "There were reports")
}

#[test]
fn minor_edits_are_marked_counted_and_last() {
    let new = minor_new();
    let out = diff_texts("md", MINOR_OLD, &new, &["--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    let changes = v["changes"].as_array().unwrap();
    let minor: Vec<&str> = changes
        .iter()
        .filter(|c| c["minor"] == true)
        .map(|c| c["new"]["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        minor,
        vec![
            "The law provide for freedom of speech.",
            "10 journalists were detained in the capital.",
            "The government generally respected the right!",
        ]
    );
    let major: Vec<&str> = changes
        .iter()
        .filter(|c| c.get("minor").is_none())
        .map(|c| c["new"]["text"].as_str().unwrap())
        .collect();
    assert_eq!(major.len(), 2, "{major:?}");
    assert_eq!(v["stats"]["minor"], 3);
    assert_eq!(v["stats"]["changed"], 5);

    // Every report shows the minor edits last, under their own heading.
    for (format, heading) in [
        ("plain", "== Minor edits (3)"),
        ("markdown", "## Minor edits (3)"),
        ("html", "<summary>Minor edits (3)"),
        ("latex", "\\subsection*{Minor edits (3)}"),
    ] {
        let out = diff_texts("md", MINOR_OLD, &new, &["--format", format, "--no-figures"]);
        let text = String::from_utf8_lossy(&out.stdout);
        let at = text
            .find(heading)
            .unwrap_or_else(|| panic!("{format}: no {heading:?} in\n{text}"));
        let (before, after) = text.split_at(at);
        for m in [
            "freedom of speech",
            "journalists were detained",
            "generally respected",
        ] {
            assert!(
                after.contains(m),
                "{format}: {m:?} not among the minor edits"
            );
        }
        for m in ["budget was", "deaths in custody"] {
            assert!(
                before.contains(m) && !after.contains(m),
                "{format}: {m:?} is not a minor edit"
            );
        }
        assert!(
            !before.contains("journalists were detained"),
            "{format}: a minor edit is shown among the changes"
        );
    }
}

fn dated(year: u32, released: &str, heading: &str) -> String {
    format!(
        "{heading}Republic of Freedonia\n\n{year}\n\nBureau of Democracy, Human Rights, and Labor\n\n{released}\n\nSource PDF: https://example.org/{year}/freedonia.pdf\n\n{heading}Section 1. Respect for the Integrity of the Person\n\nThere were no reports that the government committed arbitrary killings.\n\nThe constitution prohibits torture.\n"
    )
}

#[test]
fn datelines_are_metadata_not_sections() {
    for (ext, heading) in [("md", "# "), ("txt", "")] {
        let old = dated(2005, "March 8, 2006", heading);
        let new = dated(2006, "March 6, 2007", heading).replace("no reports", "reports");
        let out = diff_texts(ext, &old, &new, &["--format", "json"]);
        let v = json(&out);
        let sections: Vec<String> = v["sections"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["status"] != "same")
            .map(|s| format!("{} {}", s["status"], s["new"]["heading"]))
            .collect();
        assert!(sections.is_empty(), "{ext}: {sections:?}");
        let meta: Vec<(String, String, String)> = v["meta"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                (
                    m["field"].as_str().unwrap().into(),
                    m["old"].as_str().unwrap_or("").into(),
                    m["new"].as_str().unwrap_or("").into(),
                )
            })
            .collect();
        assert!(
            meta.contains(&(
                "date".into(),
                "March 8, 2006".into(),
                "March 6, 2007".into()
            )),
            "{ext}: {meta:?}"
        );
        assert!(meta.iter().any(|m| m.0 == "url"), "{ext}: {meta:?}");
        let changes = v["changes"].as_array().unwrap();
        assert_eq!(changes.len(), 1, "{ext}: {changes:#?}");
        assert_eq!(
            changes[0]["new"]["section"],
            "Section 1. Respect for the Integrity of the Person"
        );
        let plain = diff_texts(ext, &old, &new, &["--no-figures"]);
        let text = String::from_utf8_lossy(&plain.stdout);
        assert!(!text.contains("section removed"), "{ext}: {text}");
        assert!(!text.contains("section added"), "{ext}: {text}");
    }
}

#[test]
fn a_first_section_heading_stays_a_section() {
    // No date or URL line before the body: the short line is a heading.
    let old = "# Report\n\nSummary\n\nThe board met twice.\n\nBudget\n\nSpending rose.\n";
    let new = old.replace("Summary", "Overview");
    let out = diff_texts("md", old, &new, &["--format", "json"]);
    let v = json(&out);
    let headings: Vec<&str> = v["sections"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["new"]["heading"].as_str())
        .collect();
    assert!(headings.contains(&"Overview"), "{headings:?}");
}

#[test]
fn one_shared_claim_is_no_rename() {
    let old = "# Report\n\n## Discrimination and Societal Abuses\n\nWomen faced discrimination in employment. The law does not prohibit it.\n\n## Workers\n\nUnions were free to organise.\n";
    let new = "# Report\n\n## Coercion in Population Control\n\nThere were no reports of coerced abortion. The law does not prohibit it.\n\n## Workers\n\nUnions were free to organise.\n";
    let v = json(&diff_texts("md", old, new, &["--format", "json"]));
    let status: Vec<String> = v["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["status"].as_str().unwrap().to_string())
        .collect();
    assert!(!status.contains(&"renamed".to_string()), "{status:?}");
    assert!(status.contains(&"added".to_string()) && status.contains(&"removed".to_string()));

    // Two of two claims going with the section is a rename.
    let renamed = old.replace(
        "## Discrimination and Societal Abuses",
        "## Equality Before the Law",
    );
    let v = json(&diff_texts("md", old, &renamed, &["--format", "json"]));
    assert_eq!(v["stats"]["sections_renamed"], 1);
}
