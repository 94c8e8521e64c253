//! Inputs the fuzz targets (fuzz/) found or that once broke brief, replayed
//! through the same library calls as the targets: tests/fuzz-regressions/
//! TARGET/NAME holds one raw input each. A panic here is a regression.

use std::path::PathBuf;

use brief::read::{parse, source::SourceText, InputFormat};

#[path = "../fuzz/checks.rs"]
mod checks;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-regressions")
        .join(target);
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter(|e| e.file_name() != ".gitkeep")
                .map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    (name, std::fs::read(e.path()).expect("readable"))
                })
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn outline(text: &str, fmt: InputFormat) -> Option<brief::outline::Outline> {
    let doc = parse(SourceText::new("fuzz", text), fmt).ok()?;
    Some(brief::outline::build(&doc))
}

#[test]
fn readers_and_outline() {
    for target in ["read_markdown", "read_plain", "read_latex", "outline"] {
        for (name, bytes) in inputs(target) {
            let text = String::from_utf8_lossy(&bytes);
            for fmt in [
                InputFormat::Markdown,
                InputFormat::Plain,
                InputFormat::Latex,
            ] {
                if let Some(o) = outline(&text, fmt) {
                    let json = serde_json::to_string(&o).expect("serialises");
                    assert!(!json.is_empty(), "{target}/{name}");
                }
            }
        }
    }
}

#[test]
fn render_every_format() {
    for (name, bytes) in inputs("render") {
        // As the target reads its input: a selector byte, then the text.
        let Some((&which, rest)) = bytes.split_first() else {
            continue;
        };
        checks::render_all(
            which,
            &String::from_utf8_lossy(rest),
            &format!("render/{name}"),
        );
    }
}

#[test]
fn style_loader() {
    for (_, bytes) in inputs("style_toml") {
        let _ = brief::style::Style::from_toml(&String::from_utf8_lossy(&bytes), "fuzz.toml");
    }
}

#[test]
fn bibliography_loaders() {
    for (_, bytes) in inputs("bibliography") {
        let text = String::from_utf8_lossy(&bytes);
        for ext in ["bib", "json", "yaml", "ris"] {
            if let Ok(items) = brief::cite::parse_bibliography(&text, ext, "fuzz") {
                let _ = brief::cite::to_csl_json(&items);
            }
        }
    }
}

#[test]
fn diff_of_two() {
    for (name, bytes) in inputs("diff") {
        let text = String::from_utf8_lossy(&bytes);
        // The two versions are split at the first NUL, or the input and its
        // reverse when there is none.
        let (a, b) = match text.split_once('\0') {
            Some((a, b)) => (a.to_string(), b.to_string()),
            None => (text.to_string(), text.chars().rev().collect()),
        };
        let opts = brief::diff::Options::default();
        // What `brief diff` runs, and its reports, as the fuzz target does.
        checks::diff_reports(&a, &b, &format!("diff/{name}"));
        // The comparison of whole outlines.
        let (Some(oa), Some(ob)) = (
            outline(&a, InputFormat::Markdown),
            outline(&b, InputFormat::Markdown),
        ) else {
            continue;
        };
        let _ = brief::diff::json(&brief::diff::compare(&oa, &ob, &opts));
        assert!(
            brief::diff::compare(&oa, &oa, &opts).changes.is_empty(),
            "diff/{name}: diff(a, a) is not empty"
        );
    }
}
