//! The LaTeX and Markdown outputs of `brief diff` are valid documents:
//! the LaTeX compiles with pdfLaTeX (never running what an article wrote),
//! the Markdown renders its CriticMarkup intact with no stray emphasis.

use std::path::Path;
use std::process::Command;

fn brief() -> Command {
    Command::new(env!("CARGO_BIN_EXE_brief"))
}

/// An edited copy of the example report with text that is hostile to
/// LaTeX and Markdown in every changed, added and removed sentence.
const HOSTILE: &[(&str, &str)] = &[
    (
        "Operating revenue rose to 96 million dollars.",
        "Operating revenue rose to 101 million dollars (+5% & more_than #1 at $ {x} ~y ^z) \\input{/etc/passwd} \\write18{touch pwned} ^^5cinput{x} `code` *not bold* _not em_ <b>html</b> [link](http://x) ~~gone~~ --- é ü ß œ “quoted” – 中文 Ελληνικά 😀 \u{7}bell.",
    ),
    (
        "The authority carried 310 million dollars of debt at the end of the year.",
        "The authority carried 310 million dollars of debt at the end of the year. **Bold claim **with trailing space, \\\\ and a backslash\\ at the end\\",
    ),
    (
        "Crews repaired 2,930 reported leaks, and the median repair took four days.",
        "1. Crews repaired 2,930 reported leaks {++ and ++} {~~x~>y~~} in 4 days.",
    ),
];

fn write_pair(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let old = std::fs::read_to_string(root.join("report-2023.md")).unwrap();
    let flat = old
        .replace('\n', "\u{1}")
        .replace("\u{1}\u{1}", "\n\n")
        .replace('\u{1}', " ");
    let mut new = flat.clone();
    for (a, b) in HOSTILE {
        assert!(new.contains(a), "{a}");
        new = new.replace(a, b);
    }
    new.push_str("\n\n## Annex & {Notes} #2 \\relax\n\nA new section names Dr. Ada Lovelace of the Analytical Engine Society.\n");
    let (o, n) = (dir.join("old.md"), dir.join("new.md"));
    std::fs::write(&o, flat).unwrap();
    std::fs::write(&n, new).unwrap();
    (o, n)
}

fn diff(dir: &Path, format: &str) -> String {
    let (o, n) = write_pair(dir);
    let out = brief()
        .args([
            "diff",
            o.to_str().unwrap(),
            n.to_str().unwrap(),
            "-f",
            format,
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn have(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn latex_diff_compiles_with_pdflatex() {
    if !have("pdflatex") {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "pdflatex is missing, and CI=true: install TeX Live (see .ci/run)"
        );
        eprintln!("note: pdflatex not found; skipping the LaTeX compile test");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let tex = diff(dir.path(), "latex");
    assert!(
        !tex.contains("\\input{/etc"),
        "an article's \\input stayed active"
    );
    assert!(!tex.contains("\\write18"));
    assert!(!tex.contains("^^5c"));
    let work = dir.path().join("tex");
    std::fs::create_dir(&work).unwrap();
    std::fs::write(work.join("diff.tex"), &tex).unwrap();
    let out = Command::new("pdflatex")
        .args([
            "-no-shell-escape",
            "-interaction=nonstopmode",
            "-halt-on-error",
            "diff.tex",
        ])
        .current_dir(&work)
        .output()
        .unwrap();
    let log = std::fs::read_to_string(work.join("diff.log")).unwrap_or_default();
    assert!(
        out.status.success(),
        "pdflatex failed:\n{}",
        &log[log.len().saturating_sub(3000)..]
    );
    assert!(work.join("diff.pdf").exists());
    assert!(!work.join("pwned").exists());
    assert!(!log.contains("/etc/passwd"));

    // --stat in LaTeX is a document of its own
    let (o, n) = write_pair(dir.path());
    let stat = brief()
        .args([
            "diff",
            o.to_str().unwrap(),
            n.to_str().unwrap(),
            "-f",
            "latex",
            "--stat",
        ])
        .output()
        .unwrap();
    std::fs::write(work.join("stat.tex"), &stat.stdout).unwrap();
    let out = Command::new("pdflatex")
        .args([
            "-no-shell-escape",
            "-interaction=nonstopmode",
            "-halt-on-error",
            "stat.tex",
        ])
        .current_dir(&work)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn markdown_diff_renders_its_markup() {
    use pulldown_cmark::{html, Event, Options, Parser, Tag};
    let dir = tempfile::tempdir().unwrap();
    let md = diff(dir.path(), "markdown");
    // CommonMark as pulldown-cmark reads it by default.
    let mut strong = 0;
    let mut emphasis = 0;
    let mut raw_html = false;
    let mut links = false;
    let mut code = false;
    for e in Parser::new_ext(&md, Options::empty()) {
        match e {
            Event::Start(Tag::Strong) => strong += 1,
            Event::Start(Tag::Emphasis) => emphasis += 1,
            Event::Start(Tag::Link { .. }) => links = true,
            Event::Html(_) | Event::InlineHtml(_) => raw_html = true,
            Event::Code(_) => code = true,
            _ => {}
        }
    }
    let labels = md.matches("- **").count();
    assert_eq!(strong, labels, "bold only for our labels:\n{md}");
    assert_eq!(emphasis, 0, "no emphasis from article text:\n{md}");
    assert!(!raw_html && !links && !code, "article markup leaked:\n{md}");
    let mut out = String::new();
    html::push_html(&mut out, Parser::new_ext(&md, Options::empty()));
    let text = out
        .replace("&gt;", ">")
        .replace("&lt;", "<")
        .replace("&amp;", "&");
    assert!(text.contains("{~~"), "{text}");
    assert!(text.contains("{++Operating revenue rose to 101"), "{text}");
    assert!(text.contains("{--Operating revenue rose to 96"), "{text}");
    assert!(text.contains("**Bold claim **with"), "{text}");
    assert!(text.contains("\\input{/etc/passwd}"), "{text}");
    // the article's own CriticMarkup stays text, escaped
    assert!(md.contains("\\{++") && !md.contains(" {++ and"), "{md}");
}
