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
