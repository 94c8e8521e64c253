//! The Markdown brief as pandoc takes it, with no extra converters: every
//! bundled example in every built-in style goes through
//! `pandoc --citeproc` (its front matter names no CSL file pandoc cannot
//! find), and the full and executive briefs become a PDF with pandoc's
//! default engine (pdfLaTeX) without `rsvg-convert`: the SVG figures are
//! HTML `<img>` blocks, which pandoc keeps for HTML targets only.
//!
//! Needs pandoc and pdflatex: with CI=true a missing one fails the test.

mod render_support;

use std::process::Command;

use render_support::{brief_ok, example_name, have, ARTICLES, STYLES};

/// Writes the Markdown brief of `article` in `style` (with its SVG files)
/// into `dir`; returns the Markdown's file name.
fn write_brief(dir: &std::path::Path, article: &str, style: &str) -> String {
    let name = example_name(article, "md");
    let md = dir.join(&name);
    brief_ok(&[
        "render",
        article,
        "--style",
        style,
        "-o",
        md.to_str().unwrap(),
    ]);
    name
}

fn pandoc(dir: &std::path::Path, args: &[&str], what: &str) -> String {
    let out = Command::new("pandoc")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("pandoc runs");
    assert!(
        out.status.success(),
        "pandoc {args:?} failed on {what}:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn pandoc_citeproc_reads_every_brief() {
    if !have("pandoc") {
        return;
    }
    for style in STYLES {
        for article in ARTICLES {
            let dir = tempfile::tempdir().unwrap();
            let md = write_brief(dir.path(), article, style);
            let what = format!("{article} in {style}");
            let json = pandoc(dir.path(), &[&md, "--citeproc", "-t", "json"], &what);
            // SVG is an image only to HTML writers: no Markdown image of one.
            assert!(
                !json.contains(".svg\",\""),
                "{what}: an SVG figure is a Markdown image"
            );
            let html = pandoc(dir.path(), &[&md, "--citeproc", "-t", "html"], &what);
            let svgs = std::fs::read_dir(dir.path())
                .unwrap()
                .filter_map(|e| e.ok())
                .filter(|e| e.path().extension().is_some_and(|x| x == "svg"))
                .count();
            assert_eq!(
                html.matches(".svg\"").count(),
                svgs,
                "{what}: the HTML shows every SVG figure written"
            );
        }
    }
}

#[test]
fn pandoc_makes_a_pdf_without_svg_converters() {
    if !have("pandoc") || !have("pdflatex") {
        return;
    }
    for style in ["full", "executive"] {
        for article in ARTICLES {
            let dir = tempfile::tempdir().unwrap();
            let md = write_brief(dir.path(), article, style);
            let what = format!("{article} in {style}");
            pandoc(dir.path(), &[&md, "-o", "brief.pdf"], &what);
            assert!(dir.path().join("brief.pdf").is_file(), "{what}: no PDF");
        }
    }
}

/// A style naming a CSL file writes `csl:` as that file's path, which
/// `pandoc --citeproc` reads.
#[test]
fn a_csl_file_is_written_as_its_path() {
    let csl = std::path::Path::new("/usr/share/citation-style-language/styles/apa.csl");
    if !have("pandoc") {
        return;
    }
    if !csl.exists() {
        assert_ne!(
            std::env::var("CI").as_deref(),
            Ok("true"),
            "the CSL styles are missing (apt-get install citation-style-language-styles)"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(csl, dir.path().join("house.csl")).unwrap();
    let style = dir.path().join("house.toml");
    std::fs::write(
        &style,
        "name = \"house\"\nextends = \"full\"\n[citation]\ncsl = \"house.csl\"\n",
    )
    .unwrap();
    let md = dir.path().join("brief.md");
    brief_ok(&[
        "render",
        ARTICLES[0],
        "--style",
        style.to_str().unwrap(),
        "-o",
        md.to_str().unwrap(),
    ]);
    let text = std::fs::read_to_string(&md).unwrap();
    let real = std::fs::canonicalize(dir.path().join("house.csl")).unwrap();
    assert!(
        text.contains(&format!("csl: {}\n", real.display())),
        "{text}"
    );
    pandoc(
        dir.path(),
        &["brief.md", "--citeproc", "-t", "html"],
        "house style",
    );
}
