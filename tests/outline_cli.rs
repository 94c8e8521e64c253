//! CLI tests of `brief outline` over the real binary: each reader, each bad
//! input, standard input, output formats, and the golden outline of the
//! bundled example.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn brief() -> Command {
    Command::new(env!("CARGO_BIN_EXE_brief"))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> Output {
    brief().args(args).output().expect("brief runs")
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = brief()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("brief runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON output")
}

/// The outline with spans and offsets removed, to compare inputs that differ
/// only in bytes that are not text (BOM, CRLF).
fn without_spans(v: &serde_json::Value) -> serde_json::Value {
    match v {
        serde_json::Value::Object(m) => m
            .iter()
            .filter(|(k, _)| k.as_str() != "span")
            .map(|(k, v)| (k.clone(), without_spans(v)))
            .collect(),
        serde_json::Value::Array(a) => a.iter().map(without_spans).collect(),
        other => other.clone(),
    }
}

fn one_line_error(out: &Output, needle: &str) {
    assert_eq!(out.status.code(), Some(2), "exit code");
    assert!(out.stdout.is_empty(), "no output on error");
    let err = String::from_utf8_lossy(&out.stderr);
    let first = err.lines().next().unwrap_or("");
    assert!(first.starts_with("error: "), "stderr: {err}");
    assert!(
        first.contains(needle),
        "stderr {err:?} should mention {needle:?}"
    );
    assert!(!err.contains("panicked"), "no panic: {err}");
}

#[test]
fn plain_text_reader() {
    let p = root().join("examples/blinken-human-rights-report.txt");
    let o = json(&run(&["outline", p.to_str().unwrap()]));
    assert_eq!(o["schema"], "brief.outline/1");
    assert!(o["meta"]["title"]
        .as_str()
        .unwrap()
        .starts_with("Blinken: Sanctions"));
    let headings: Vec<_> = o["sections"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["heading"].as_str())
        .collect();
    assert_eq!(
        headings,
        vec![
            "Report Focuses on Persecution of Falun Gong and Other Groups",
            "Report Focuses on Human Rights Lawyers and Dissidents"
        ]
    );
    assert!(o["claims"].as_array().unwrap().len() >= 30);
}

#[test]
fn markdown_reader_with_front_matter() {
    let p = root().join("examples/blinken-human-rights-report.md");
    let o = json(&run(&["outline", p.to_str().unwrap()]));
    assert_eq!(o["meta"]["authors"][0], "Brief Examples");
    assert_eq!(o["meta"]["date"], "2021-03-31");
    assert_eq!(o["meta"]["extra"], serde_json::json!({}));
    // the same claims as the plain-text twin
    let t = json(&run(&[
        "outline",
        root()
            .join("examples/blinken-human-rights-report.txt")
            .to_str()
            .unwrap(),
    ]));
    let texts = |o: &serde_json::Value| {
        o["claims"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["text"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(texts(&o), texts(&t));
}

#[test]
fn toml_front_matter_and_extra_keys() {
    let out = run_stdin(
        &["outline", "-", "--from", "markdown"],
        b"+++\ntitle = \"T\"\nauthors = [\"A\", \"B\"]\ntags = [\"x\"]\n+++\n\nThe ministry said it would act.\n",
    );
    let o = json(&out);
    assert_eq!(o["meta"]["authors"], serde_json::json!(["A", "B"]));
    assert_eq!(o["meta"]["extra"]["tags"], serde_json::json!(["x"]));
}

#[test]
fn every_span_points_at_its_text() {
    let p = root().join("examples/blinken-human-rights-report.md");
    let src = std::fs::read_to_string(&p).unwrap();
    let o = json(&run(&["outline", p.to_str().unwrap()]));
    for c in o["claims"].as_array().unwrap() {
        let s = c["span"]["start"].as_u64().unwrap() as usize;
        let e = c["span"]["end"].as_u64().unwrap() as usize;
        assert_eq!(&src[s..e], c["text"].as_str().unwrap());
        for q in c["quotes"].as_array().unwrap() {
            let s = q["span"]["start"].as_u64().unwrap() as usize;
            let e = q["span"]["end"].as_u64().unwrap() as usize;
            assert_eq!(&src[s..e], q["text"].as_str().unwrap());
        }
        for key in ["cue", "mention"] {
            if let Some(m) = c[key].as_object() {
                let s = m["span"]["start"].as_u64().unwrap() as usize;
                let e = m["span"]["end"].as_u64().unwrap() as usize;
                assert_eq!(&src[s..e], m["text"].as_str().unwrap());
            }
        }
    }
}

#[test]
fn stdin_reads_plain_text_by_default() {
    let out = run_stdin(
        &["outline", "-"],
        b"A Title\n\nThe report said it. He agreed.\n",
    );
    let o = json(&out);
    assert_eq!(o["meta"]["title"], "A Title");
    assert_eq!(o["claims"].as_array().unwrap().len(), 2);
}

#[test]
fn missing_file() {
    one_line_error(
        &run(&["outline", "no/such/file.md"]),
        "no/such/file.md: no such file",
    );
}

#[test]
fn directory() {
    let d = tempfile::tempdir().unwrap();
    one_line_error(
        &run(&["outline", d.path().to_str().unwrap()]),
        "is a directory",
    );
}

#[test]
fn empty_file() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("empty.md");
    std::fs::write(&p, "\n \n").unwrap();
    one_line_error(&run(&["outline", p.to_str().unwrap()]), "empty");
}

#[test]
fn binary_file() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("x.txt");
    std::fs::write(&p, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    one_line_error(&run(&["outline", p.to_str().unwrap()]), "binary");
}

#[test]
fn invalid_utf8_names_the_offset() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("x.txt");
    std::fs::write(&p, b"Title\n\nCaf\xe9 au lait.\n").unwrap();
    one_line_error(
        &run(&["outline", p.to_str().unwrap()]),
        "invalid UTF-8 at byte offset 10",
    );
}

#[test]
fn malformed_front_matter_names_line() {
    let out = run_stdin(
        &["outline", "-", "--from", "markdown"],
        b"---\ntitle: [unclosed\n---\n\nBody.\n",
    );
    one_line_error(&out, "<stdin>:");
}

fn twin(bytes: &[u8], name: &str) -> serde_json::Value {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    json(&run(&["outline", p.to_str().unwrap()]))
}

#[test]
fn bom_and_crlf_give_the_same_outline() {
    for name in [
        "blinken-human-rights-report.txt",
        "blinken-human-rights-report.md",
    ] {
        let clean = std::fs::read(root().join("examples").join(name)).unwrap();
        let crlf: Vec<u8> = String::from_utf8(clean.clone())
            .unwrap()
            .replace('\n', "\r\n")
            .into_bytes();
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(&clean);
        let base = without_spans(&twin(&clean, name));
        assert_eq!(without_spans(&twin(&crlf, name)), base, "CRLF {name}");
        assert_eq!(without_spans(&twin(&bom, name)), base, "BOM {name}");
        // and spans still point into the file as it is on disk
        let o = twin(&crlf, name);
        let text = String::from_utf8(crlf.clone()).unwrap();
        let c = &o["claims"][0];
        let (s, e) = (
            c["span"]["start"].as_u64().unwrap() as usize,
            c["span"]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            text[s..e].replace("\r\n", "\n").replace('\n', " "),
            c["text"].as_str().unwrap()
        );
    }
}

#[test]
fn formats_toml_and_markdown() {
    let p = root().join("examples/blinken-human-rights-report.txt");
    let t = run(&["outline", p.to_str().unwrap(), "--format", "toml"]);
    assert!(t.status.success());
    let parsed: toml::Table =
        toml::from_str(&String::from_utf8(t.stdout).unwrap()).expect("valid TOML");
    assert_eq!(parsed["schema"].as_str(), Some("brief.outline/1"));
    let m = run(&["outline", p.to_str().unwrap(), "--format", "markdown"]);
    let md = String::from_utf8(m.stdout).unwrap();
    assert!(md.starts_with("# Blinken: Sanctions"));
    assert!(md.contains("## Sources"));
    assert!(md.contains("**[Antony Blinken]**"));
}

#[test]
fn output_file_and_determinism() {
    let p = root().join("examples/blinken-human-rights-report.md");
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("o.json");
    let r = run(&["outline", p.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(r.status.success());
    assert!(r.stdout.is_empty());
    let a = std::fs::read(&out).unwrap();
    let b = run(&["outline", p.to_str().unwrap()]).stdout;
    assert_eq!(a, b, "same bytes to a file and to stdout, run after run");
}

#[test]
fn refuses_to_overwrite_its_input() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("a.md");
    std::fs::write(&p, "# T\n\nBody text.\n").unwrap();
    let r = run(&["outline", p.to_str().unwrap(), "-o", p.to_str().unwrap()]);
    one_line_error(&r, "refusing to write over an input");
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "# T\n\nBody text.\n");
}

fn snapshot_outline(path: &Path) -> String {
    let out = run(&["outline", path.to_str().unwrap()]);
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn golden_outline_of_the_examples() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(root().join("tests/snapshots"));
    settings.bind(|| {
        insta::assert_snapshot!(
            "outline_blinken_txt",
            snapshot_outline(&root().join("examples/blinken-human-rights-report.txt"))
        );
        insta::assert_snapshot!(
            "outline_blinken_md",
            snapshot_outline(&root().join("examples/blinken-human-rights-report.md"))
        );
    });
}
