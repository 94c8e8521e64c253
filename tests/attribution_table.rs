//! One attribution pattern per row of `tests/data/attribution_table.tsv`,
//! each a made-up sentence run alone through `brief outline`: the source's
//! name (as whole words of the name given), the cue and its kind that the outline must give, or `-` for a
//! sentence in the article's own voice.
//!
//! Rows marked `gap` in the last column are patterns brief still gets
//! wrong; the test checks that they are still wrong, so that whoever fixes
//! one must move it into the table proper.

use std::io::Write;
use std::process::{Command, Stdio};

struct Row {
    line: usize,
    sentence: String,
    source: String,
    cue: String,
    kind: String,
    gap: bool,
}

fn rows() -> Vec<Row> {
    let text = include_str!("data/attribution_table.tsv");
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| {
            let f: Vec<&str> = l.split('\t').collect();
            assert!(f.len() >= 4, "line {}: four tab-separated fields", i + 1);
            Row {
                line: i + 1,
                sentence: f[0].to_string(),
                source: f[1].to_string(),
                cue: f[2].to_string(),
                kind: f[3].to_string(),
                gap: f.get(4).is_some_and(|g| g.trim() == "gap"),
            }
        })
        .collect()
}

/// (source name, cue text, cue kind) of the sentence's claim, `-` where
/// there is none.
fn outline(sentence: &str) -> (String, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["outline", "--format", "json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("brief runs");
    let input = format!("Title\n\n{sentence}\n");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let o: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let claim = &o["claims"][0];
    let dash = || "-".to_string();
    let source = claim["source"]
        .as_str()
        .and_then(|id| {
            o["sources"]
                .as_array()?
                .iter()
                .find(|s| s["id"] == id)
                .and_then(|s| s["name"].as_str())
                .map(str::to_string)
        })
        .unwrap_or_else(dash);
    let cue = claim["cue"]["text"].as_str().map(str::to_string);
    let kind = claim["cue"]["kind"].as_str().map(str::to_string);
    if source == "-" {
        return (dash(), dash(), dash());
    }
    (source, cue.unwrap_or_else(dash), kind.unwrap_or_else(dash))
}

/// Whether the name given holds the expected one as whole words, case
/// aside: `Engineers at the plant` names `Engineers`, `Many voters` names
/// `voters`.
fn names(got: &str, want: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (g, w) = (words(got), words(want));
    !w.is_empty() && g.windows(w.len()).any(|x| x == w.as_slice())
}

fn right(r: &Row, got: &(String, String, String)) -> bool {
    if r.source == "-" {
        return got.0 == "-";
    }
    names(&got.0, &r.source) && got.1.eq_ignore_ascii_case(&r.cue) && got.2 == r.kind
}

#[test]
fn attribution_table() {
    let rows = rows();
    assert!(
        rows.len() >= 60,
        "at least 60 patterns, {} found",
        rows.len()
    );
    let mut wrong = Vec::new();
    let mut fixed = Vec::new();
    let mut passed = 0;
    for r in &rows {
        let got = outline(&r.sentence);
        match (right(r, &got), r.gap) {
            (true, false) => passed += 1,
            (false, false) => wrong.push(format!(
                "line {}: {:?}\n    want {} / {} / {}\n    got  {} / {} / {}",
                r.line, r.sentence, r.source, r.cue, r.kind, got.0, got.1, got.2
            )),
            (true, true) => fixed.push(format!("line {}: {:?}", r.line, r.sentence)),
            (false, true) => {}
        }
    }
    eprintln!(
        "attribution table: {passed} of {} right, {} known gaps",
        rows.len(),
        rows.iter().filter(|r| r.gap).count()
    );
    assert!(wrong.is_empty(), "wrong attribution:\n{}", wrong.join("\n"));
    assert!(
        fixed.is_empty(),
        "now right, remove their `gap` mark:\n{}",
        fixed.join("\n")
    );
}
