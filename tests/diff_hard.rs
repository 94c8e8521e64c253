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

/// The claims of a document as `brief outline` finds them: (text, span
/// start, span end, paragraph).
fn claims(path: &Path) -> Vec<(String, usize, usize, u64)> {
    let out = brief()
        .args(["outline", "--format", "json"])
        .arg(path)
        .output()
        .expect("brief runs");
    let v = json(&out);
    v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["text"].as_str().unwrap().to_string(),
                c["span"]["start"].as_u64().unwrap() as usize,
                c["span"]["end"].as_u64().unwrap() as usize,
                c["paragraph"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// The kinds and texts of the changes, each claim of a run on its own.
fn reported(v: &serde_json::Value) -> Vec<(String, String)> {
    v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let side = if c["kind"] == "removed" { "old" } else { "new" };
            (
                c["kind"].as_str().unwrap().to_string(),
                c[side]["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn f1(tp: usize, reported: usize, gold: usize) -> f64 {
    if reported + gold == 0 {
        return 1.0;
    }
    2.0 * tp as f64 / (reported + gold) as f64
}

const REAL: [&str; 4] = [
    "report-2023.md",
    "report-2024.md",
    "blinken-human-rights-report.md",
    "blinken-human-rights-report.txt",
];

#[test]
fn sentences_reordered_within_a_paragraph_are_moved() {
    let mut gold_pairs = 0;
    let (mut tp, mut moved, mut other) = (0, 0, 0);
    for name in REAL {
        let path = example(name);
        let text = std::fs::read_to_string(&path).unwrap();
        let cs = claims(&path);
        // Swap the first two sentences of every paragraph that has two
        // or more, where only white space stands between them.
        let mut new = String::new();
        let mut at = 0;
        let mut pairs: Vec<(String, String)> = Vec::new();
        let mut k = 0;
        while k + 1 < cs.len() {
            let (a, b) = (&cs[k], &cs[k + 1]);
            let gap = &text[a.2..b.1];
            let first_of_para = k == 0 || cs[k - 1].3 != a.3;
            if first_of_para && a.3 == b.3 && gap.trim().is_empty() {
                new.push_str(&text[at..a.1]);
                new.push_str(&text[b.1..b.2]);
                new.push_str(gap);
                new.push_str(&text[a.1..a.2]);
                at = b.2;
                pairs.push((a.0.clone(), b.0.clone()));
                k += 2;
            } else {
                k += 1;
            }
        }
        new.push_str(&text[at..]);
        assert!(!pairs.is_empty(), "{name}");
        gold_pairs += pairs.len();
        let ext = name.rsplit('.').next().unwrap();
        let v = json(&diff_texts(ext, &text, &new, &["--format", "json"]));
        for (kind, t) in reported(&v) {
            if kind == "moved" {
                moved += 1;
                if pairs.iter().any(|(a, b)| *a == t || *b == t) {
                    tp += 1;
                }
            } else {
                other += 1;
            }
        }
    }
    let score = f1(tp, moved, gold_pairs);
    eprintln!("reordered: moved F1 {score:.3} ({tp} of {moved} reported, {gold_pairs} gold)");
    assert!(
        score >= 0.95,
        "moved F1 {score:.3} ({tp} of {moved} reported, {gold_pairs} gold)"
    );
    assert_eq!(other, 0, "reordering added, removed or changed nothing");
}

#[test]
fn a_moved_paragraph_that_gained_or_lost_a_sentence_keeps_its_moves() {
    const NEW_SENTENCE: &str = "An inspector counted the remaining valves by hand.";
    let (mut gold, mut reported_n, mut tp) = (0, 0, 0);
    for name in REAL {
        let path = example(name);
        let text = std::fs::read_to_string(&path).unwrap();
        let cs = claims(&path);
        // the first paragraph with the most claims (at least 3)
        let mut best: Option<(u64, usize)> = None;
        for c in &cs {
            let n = cs.iter().filter(|d| d.3 == c.3).count();
            if n >= 3 && best.is_none_or(|(_, m)| n > m) {
                best = Some((c.3, n));
            }
        }
        let para = match best {
            Some((p, _)) => p,
            // a paragraph of two: only the gained variant applies
            None => {
                cs.iter()
                    .find(|c| cs.iter().filter(|d| d.3 == c.3).count() == 2)
                    .unwrap()
                    .3
            }
        };
        let members: Vec<&(String, usize, usize, u64)> =
            cs.iter().filter(|c| c.3 == para).collect();
        let last = cs.last().unwrap();
        if last.3 == para {
            continue;
        }
        let (start, end) = (members[0].1, members.last().unwrap().2);
        for lose in [false, true] {
            if lose && members.len() < 3 {
                continue;
            }
            let mut body: Vec<&str> = members.iter().map(|c| &text[c.1..c.2]).collect();
            let mut truth: Vec<(&str, String)> = Vec::new();
            if lose {
                let dropped = body.remove(1);
                truth.push((
                    "removed",
                    dropped.split_whitespace().collect::<Vec<_>>().join(" "),
                ));
            } else {
                body.insert(1, NEW_SENTENCE);
                truth.push(("added", NEW_SENTENCE.to_string()));
            }
            for c in &members {
                if !lose || c.0 != members[1].0 {
                    truth.push(("moved", c.0.clone()));
                }
            }
            // The paragraph leaves its place and follows the last one.
            let moved = body.join(" ");
            let tail_end = text[last.2..]
                .find("\n\n")
                .map_or(text.len(), |k| last.2 + k);
            let new = format!(
                "{}{}\n\n{}{}",
                &text[..start],
                &text[end..tail_end],
                moved,
                &text[tail_end..]
            );
            let ext = name.rsplit('.').next().unwrap();
            let v = json(&diff_texts(ext, &text, &new, &["--format", "json"]));
            let got = reported(&v);
            gold += truth.len();
            reported_n += got.len();
            for (kind, t) in &got {
                if truth.iter().any(|(k, g)| k == kind && g == t) {
                    tp += 1;
                }
            }
        }
    }
    let score = f1(tp, reported_n, gold);
    eprintln!(
        "moved and restructured: change F1 {score:.3} ({tp} of {reported_n} reported, {gold} gold)"
    );
    assert!(
        score >= 0.95,
        "change F1 {score:.3} ({tp} of {reported_n} reported, {gold} gold)"
    );
}

#[test]
fn key_changes_open_every_report_reversals_first() {
    let new = minor_new();
    let v = json(&diff_texts("md", MINOR_OLD, &new, &["--format", "json"]));
    let keys = v["key_changes"].as_array().unwrap();
    let reasons: Vec<&str> = keys.iter().map(|k| k["reason"].as_str().unwrap()).collect();
    assert_eq!(reasons, vec!["reversal", "figure"], "{keys:#?}");
    let k0 = keys[0]["change"].as_u64().unwrap() as usize;
    assert!(v["changes"][k0]["new"]["text"]
        .as_str()
        .unwrap()
        .starts_with("There were reports"));
    assert!(keys[1]["text"]
        .as_str()
        .unwrap()
        .contains("2000000 → 3000000"));
    // Minor edits are never key changes.
    assert!(keys
        .iter()
        .all(|k| v["changes"][k["change"].as_u64().unwrap() as usize]
            .get("minor")
            .is_none()));
    for (format, heading) in [
        ("plain", "== Key changes =="),
        ("markdown", "## Key changes"),
        ("html", "<h2>Key changes</h2>"),
        ("latex", "\\subsection*{Key changes}"),
    ] {
        let out = diff_texts("md", MINOR_OLD, &new, &["--format", format, "--no-figures"]);
        let text = String::from_utf8_lossy(&out.stdout);
        let at = text
            .find(heading)
            .unwrap_or_else(|| panic!("{format}: {text}"));
        let first_section = text.find("Freedom of speech").unwrap_or(text.len());
        assert!(at < first_section, "{format}: key changes come first");
        assert!(
            text[at..].find("reversal") < text[at..].find("figure"),
            "{format}"
        );
    }
}
