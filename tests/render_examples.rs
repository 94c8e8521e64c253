//! The rendered briefs in `examples/out/`: every bundled article in every
//! built-in style and format. The test regenerates them and fails when one
//! changed, so the files in the repository always show what brief makes
//! (run `cargo test --test render_examples` again, or `make -C examples snapshots`,
//! and commit the new files). insta snapshots pin the full-style brief of
//! the Markdown article in each format.

mod render_support;

use render_support::{brief_ok, example_name, root, ARTICLES, STYLES};

const FORMATS: [(&str, &str); 4] = [
    ("markdown", "md"),
    ("latex", "tex"),
    ("plain", "txt"),
    ("html", "html"),
];

#[test]
fn examples_are_up_to_date() {
    let mut changed = Vec::new();
    for style in STYLES {
        let dir = root().join("examples/out").join(style);
        std::fs::create_dir_all(&dir).unwrap();
        for article in ARTICLES {
            for (to, ext) in FORMATS {
                if to == "markdown" {
                    // Written to a file, so that its figures are SVG files
                    // beside it.
                    let tmp = tempfile::tempdir().unwrap();
                    let md = tmp.path().join(example_name(article, ext));
                    brief_ok(&[
                        "render",
                        article,
                        "--style",
                        style,
                        "-o",
                        md.to_str().unwrap(),
                    ]);
                    refresh(tmp.path(), &dir, &mut changed);
                    continue;
                }
                let text = brief_ok(&["render", article, "--style", style, "--to", to]);
                let path = dir.join(example_name(article, ext));
                let old = std::fs::read_to_string(&path).ok();
                if old.as_deref() != Some(text.as_str()) {
                    std::fs::write(&path, &text).unwrap();
                    changed.push(path.strip_prefix(root()).unwrap().display().to_string());
                }
            }
        }
    }
    assert!(
        changed.is_empty(),
        "regenerated {} example(s); review with `git diff examples/out` and commit:\n{}",
        changed.len(),
        changed.join("\n")
    );
}

/// Copies every file of `from` into `to` that differs there, noting it.
fn refresh(from: &std::path::Path, to: &std::path::Path, changed: &mut Vec<String>) {
    let mut names: Vec<_> = std::fs::read_dir(from)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    for name in names {
        let text = std::fs::read(from.join(&name)).unwrap();
        let path = to.join(&name);
        if std::fs::read(&path).ok().as_deref() != Some(text.as_slice()) {
            std::fs::write(&path, &text).unwrap();
            changed.push(path.strip_prefix(root()).unwrap().display().to_string());
        }
    }
}

/// The diff report of the bundled pair (`report-2023.md` to
/// `report-2024.md`) in every format with its figures, in
/// `examples/out/diff/`: Markdown with `report-2023-to-2024.changes.svg`
/// beside it, HTML with the SVG inline, LaTeX with TikZ, plain text with
/// block-character bars.
#[test]
fn diff_examples_are_up_to_date() {
    let dir = root().join("examples/out/diff");
    std::fs::create_dir_all(&dir).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    for (to, ext) in [
        ("markdown", "md"),
        ("latex", "tex"),
        ("plain", "txt"),
        ("html", "html"),
        ("json", "json"),
    ] {
        let out = tmp.path().join(format!("report-2023-to-2024.{ext}"));
        let run = render_support::brief(&[
            "diff",
            "examples/report-2023.md",
            "examples/report-2024.md",
            "-f",
            to,
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(
            run.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
    let mut changed = Vec::new();
    refresh(tmp.path(), &dir, &mut changed);
    assert!(
        changed.is_empty(),
        "regenerated {} example(s); review with `git diff examples/out` and commit:\n{}",
        changed.len(),
        changed.join("\n")
    );
}

#[test]
fn snapshots_of_each_format() {
    for (to, _) in FORMATS {
        let text = brief_ok(&["render", ARTICLES[0], "--style", "full", "--to", to]);
        insta::assert_snapshot!(format!("blinken_full_{to}"), text);
    }
}

#[test]
fn executive_snapshot() {
    let text = brief_ok(&[
        "render",
        ARTICLES[1],
        "--style",
        "executive",
        "--to",
        "plain",
    ]);
    insta::assert_snapshot!("blinken_txt_executive_plain", text);
}
