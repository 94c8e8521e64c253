//! The LaTeX brief compiles with pdfLaTeX, XeLaTeX and LuaLaTeX (no shell
//! escape, stop on the first error) for every bundled example in every
//! built-in style, and the PDF holds the summary's claims and the
//! references. Also the CJK fallbacks: the characters under XeLaTeX and
//! LuaLaTeX, their code points under pdfLaTeX.

mod render_support;

use std::path::Path;
use std::process::Command;

use render_support::{brief_ok, have, root, squash, ARTICLES, STYLES};

/// Compiles `tex` with `engine` in a temporary folder; returns the PDF's text.
pub fn compile(engine: &str, tex: &str, what: &str) -> String {
    render_support::warm_up(engine);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("brief.tex"), tex).unwrap();
    let out = Command::new(engine)
        .args([
            "-no-shell-escape",
            "-interaction=nonstopmode",
            "-halt-on-error",
            "brief.tex",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let log = std::fs::read_to_string(dir.path().join("brief.log")).unwrap_or_default();
    assert!(
        out.status.success(),
        "{engine} failed on {what}:\n{}",
        log.lines()
            .filter(|l| l.starts_with('!') || l.starts_with("l."))
            .collect::<Vec<_>>()
            .join("\n")
    );
    pdf_text(&dir.path().join("brief.pdf"))
}

fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn check_engine(engine: &str) {
    if !have(engine) || !have("pdftotext") {
        return;
    }
    for style_name in STYLES {
        let style = brief::style::Style::load(style_name).unwrap();
        for article in ARTICLES {
            let what = format!("{article} in {style_name}");
            let tex = brief_ok(&["render", article, "--style", style_name, "--to", "latex"]);
            let text = squash(&compile(engine, &tex, &what));

            let origin = brief::read::Origin::from_arg(root().join(article).to_str().unwrap());
            let doc = brief::read::read(&origin, None, 1 << 24).unwrap();
            let outline = brief::outline::build(&doc);
            // as `brief render` does: a LaTeX article's own bibliography
            let b = brief::cli::render::brief_of(&outline, &style, &doc.bibliographies).unwrap();
            assert!(!b.summary.is_empty());
            for c in &b.summary {
                assert!(
                    text.contains(&squash(&c.text)),
                    "{engine}, {what}: summary claim missing: {}",
                    c.text
                );
            }
            if b.parts.contains(&brief::style::Part::References) {
                for r in &b.citations.references {
                    let r = &r.plain;
                    assert!(
                        text.contains(&squash(r)),
                        "{engine}, {what}: reference missing: {r}"
                    );
                }
            }
        }
    }
}

#[test]
fn compiles_with_pdflatex() {
    check_engine("pdflatex");
}

#[test]
fn compiles_with_xelatex() {
    check_engine("xelatex");
}

#[test]
fn compiles_with_lualatex() {
    check_engine("lualatex");
}

#[test]
fn fragment_compiles_inside_a_document() {
    if !have("pdflatex") || !have("pdftotext") {
        return;
    }
    let frag = brief_ok(&["render", ARTICLES[0], "--to", "latex", "--fragment"]);
    let doc = format!(
        "\\documentclass{{article}}\n\\usepackage[T1]{{fontenc}}\n\\begin{{document}}\nHost text.\n{frag}\n\\end{{document}}\n"
    );
    let text = compile("pdflatex", &doc, "fragment");
    assert!(text.contains("Host text.") && text.contains("Summary"));
}

const CJK: &str = "tests/fixtures/cjk.md";

#[test]
fn cjk_names_under_each_engine() {
    let tex = brief_ok(&["render", CJK, "--to", "latex"]);
    for (engine, want) in [
        ("xelatex", "王毅"),
        ("lualatex", "王毅"),
        ("pdflatex", "[U+738B][U+6BC5]"),
    ] {
        if !have(engine) || !have("pdftotext") {
            continue;
        }
        let text = compile(engine, &tex, CJK);
        assert!(
            squash(&text).contains(want),
            "{engine}: {want} not in {text}"
        );
    }
}

#[test]
fn linked_citations_compile() {
    if !have("pdflatex") || !have("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let style = dir.path().join("linked.toml");
    std::fs::write(
        &style,
        "extends = \"apa\"\n[brief]\nmax-length = 0\n[citation]\nlink-citations = true\n",
    )
    .unwrap();
    let tex = brief_ok(&[
        "render",
        "tests/fixtures/render-cited.md",
        "--bib",
        "tests/fixtures/render-refs.bib",
        "--style",
        style.to_str().unwrap(),
        "--to",
        "latex",
    ]);
    assert!(tex.contains("\\hypertarget{ref-imf2024}{}"));
    let text = compile("pdflatex", &tex, "linked citations");
    assert!(squash(&text).contains(&squash("International Monetary Fund, 2024, p. 3")));
}
