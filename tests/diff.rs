//! CLI tests of `brief diff` over the real binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

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

fn run(args: &[&str]) -> Output {
    brief().args(args).output().expect("brief runs")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn identical_versions_exit_0() {
    let old = example("report-2023.md");
    let out = run(&["diff", s(&old), s(&old), "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema"], "brief.diff/1");
    assert_eq!(v["changes"].as_array().unwrap().len(), 0);
}

#[test]
fn rewrapped_copy_is_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(example("report-2023.md")).unwrap();
    // Re-wrapping and Markdown hard line breaks are no change.
    let rewrapped = text
        .replace("litres a year\nearlier", "litres a year earlier")
        .replace("The\nauthority said it", "The  \nauthority   said it");
    assert_ne!(rewrapped, text);
    let p = dir.path().join("copy.md");
    std::fs::write(&p, rewrapped).unwrap();
    let out = run(&["diff", s(&example("report-2023.md")), s(&p)]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

fn example_json() -> serde_json::Value {
    let out = run(&[
        "diff",
        s(&example("report-2023.md")),
        s(&example("report-2024.md")),
        "-f",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stderr.is_empty());
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn example_pair_differs_with_every_kind() {
    let v = example_json();
    let changes = v["changes"].as_array().unwrap();
    let kinds: Vec<&str> = changes
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    for k in ["added", "removed", "changed", "moved"] {
        assert!(kinds.contains(&k), "no {k} in {kinds:?}");
    }
    let changed = changes.iter().find(|c| c["kind"] == "changed").unwrap();
    assert!(changed["old"]["text"].is_string());
    assert!(changed["new"]["span"]["start"].is_number());
    assert!(!changed["words"].as_array().unwrap().is_empty());
    let added = changes.iter().find(|c| c["kind"] == "added").unwrap();
    assert!(added["old"].is_null());
    assert!(v["stats"]["similarity"].as_f64().unwrap() > 0.5);
    // the person newly named this year
    assert!(v["entities"]["added"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["name"] == "Lena Marquez"));
    assert!(v["sections"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["status"] == "renamed"));
}

#[test]
fn stat_prints_only_figures() {
    let out = run(&[
        "diff",
        s(&example("report-2023.md")),
        s(&example("report-2024.md")),
        "--stat",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("section"), "{text}");
    assert!(text.contains("total"));
    assert!(!text.contains("{+"));
    let out = run(&[
        "diff",
        s(&example("report-2023.md")),
        s(&example("report-2024.md")),
        "--stat",
        "-f",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["stats"]["changed"].as_u64().unwrap() > 0);
    assert!(v.get("changes").is_none());
    let same = run(&[
        "diff",
        s(&example("report-2023.md")),
        s(&example("report-2023.md")),
        "--stat",
    ]);
    assert_eq!(same.status.code(), Some(0));
}

#[test]
fn each_format() {
    let (a, b) = (example("report-2023.md"), example("report-2024.md"));
    let md = run(&["diff", s(&a), s(&b), "-f", "markdown"]);
    assert_eq!(md.status.code(), Some(1));
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(md.starts_with("# Changes from report-2023.md to report-2024.md"));
    assert!(
        md.contains("{~~") && md.contains("{++") && md.contains("{--"),
        "{md}"
    );
    let tex = run(&["diff", s(&a), s(&b), "-f", "latex"]);
    assert_eq!(tex.status.code(), Some(1));
    let tex = String::from_utf8(tex.stdout).unwrap();
    assert!(tex.starts_with("\\documentclass"));
    assert!(tex.contains("\\DIFadd{") && tex.contains("\\DIFdel{"));
    assert!(tex.trim_end().ends_with("\\end{document}"));
    let plain = run(&["diff", s(&a), s(&b), "-f", "plain", "--color", "never"]);
    assert_eq!(plain.status.code(), Some(1));
    let plain = String::from_utf8(plain.stdout).unwrap();
    assert!(plain.contains("[-") && plain.contains("{+"));
    assert!(!plain.contains('\u{1b}'));
}

#[test]
fn color_always_auto_and_no_color() {
    let (a, b) = (example("report-2023.md"), example("report-2024.md"));
    let out = run(&["diff", s(&a), s(&b), "--color", "always"]);
    assert!(String::from_utf8(out.stdout).unwrap().contains('\u{1b}'));
    // auto: standard output is a pipe here, so no colour
    let out = run(&["diff", s(&a), s(&b)]);
    assert!(!String::from_utf8(out.stdout).unwrap().contains('\u{1b}'));
    let out = brief()
        .args(["diff", s(&a), s(&b)])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!String::from_utf8(out.stdout).unwrap().contains('\u{1b}'));
}

#[test]
fn output_file_is_written_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("changes.json");
    std::fs::write(&out_path, "old").unwrap();
    let out = run(&[
        "diff",
        s(&example("report-2023.md")),
        s(&example("report-2024.md")),
        "-f",
        "json",
        "-o",
        s(&out_path),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out_path).unwrap()).unwrap();
    assert_eq!(v["schema"], "brief.diff/1");
    // only the output file is in the folder: no temporary file left behind
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn refuses_to_overwrite_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.md");
    std::fs::copy(example("report-2023.md"), &a).unwrap();
    let before = std::fs::read(&a).unwrap();
    let out = run(&["diff", s(&a), s(&example("report-2024.md")), "-o", s(&a)]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(&a).unwrap(), before);
}

#[test]
fn missing_file_is_trouble() {
    let out = run(&["diff", "no-such-file.md", s(&example("report-2024.md"))]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("error: no-such-file.md"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn stdin_for_one_side() {
    use std::io::Write;
    let text = std::fs::read(example("report-2023.md")).unwrap();
    let mut child = brief()
        .args([
            "diff",
            "-",
            s(&example("report-2023.md")),
            "--from",
            "markdown",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&text).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let both = run(&["diff", "-", "-"]);
    assert_eq!(both.status.code(), Some(2));
    assert!(String::from_utf8(both.stderr)
        .unwrap()
        .contains("standard input"));
}

#[test]
fn bad_usage_is_trouble() {
    let out = run(&["diff", s(&example("report-2023.md"))]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["diff", "a", "b", "--format", "pdf"]);
    assert_eq!(out.status.code(), Some(2));
}

/// The changes of the bundled example pair, as kinds and texts (the parts
/// that depend on the alignment, not on the entity extractor).
#[test]
fn example_pair_snapshot() {
    let v = example_json();
    let lines: Vec<String> = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let words: String = c["words"]
                .as_array()
                .unwrap()
                .iter()
                .map(|w| match w["op"].as_str().unwrap() {
                    "delete" => format!("[-{}-]", w["text"].as_str().unwrap()),
                    "insert" => format!("{{+{}+}}", w["text"].as_str().unwrap()),
                    _ => w["text"].as_str().unwrap().to_string(),
                })
                .collect();
            let text = |side: &str| c[side]["text"].as_str().unwrap_or("").to_string();
            let body = if words.is_empty() {
                if c["new"].is_null() {
                    text("old")
                } else {
                    text("new")
                }
            } else {
                words
            };
            format!("{:8} {}", c["kind"].as_str().unwrap(), body)
        })
        .collect();
    insta::assert_snapshot!(lines.join("\n"));
}
