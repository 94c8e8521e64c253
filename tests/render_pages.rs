//! `executive` is one page: the LaTeX brief of every bundled example,
//! on A4 and on US Letter, compiled with pdfLaTeX, is one page by
//! `pdfinfo`. Needs pdflatex and pdfinfo (poppler-utils): with CI=true a
//! missing one fails the test.

mod render_support;

use std::process::Command;

use render_support::{brief_ok, have, ARTICLES};

fn pages(pdf: &std::path::Path) -> usize {
    let out = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo runs");
    assert!(out.status.success(), "pdfinfo failed");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo gives the page count")
}

#[test]
fn executive_is_one_page_on_a4_and_letter() {
    if !have("pdflatex") || !have("pdfinfo") {
        return;
    }
    for paper in ["a4paper", "letterpaper"] {
        let dir = tempfile::tempdir().unwrap();
        let style = dir.path().join("exec.toml");
        std::fs::write(
            &style,
            format!(
                "name = \"exec\"\nextends = \"executive\"\n[render.latex]\npaper = \"{paper}\"\n"
            ),
        )
        .unwrap();
        for article in ARTICLES {
            let tex = brief_ok(&[
                "render",
                article,
                "--style",
                style.to_str().unwrap(),
                "--to",
                "latex",
            ]);
            std::fs::write(dir.path().join("brief.tex"), &tex).unwrap();
            let out = Command::new("pdflatex")
                .args([
                    "-no-shell-escape",
                    "-interaction=nonstopmode",
                    "-halt-on-error",
                    "brief.tex",
                ])
                .current_dir(dir.path())
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "pdflatex failed on {article} ({paper})"
            );
            let n = pages(&dir.path().join("brief.pdf"));
            assert_eq!(n, 1, "{article}, executive on {paper}: {n} pages");
            // As many points as fit: not a brief cut to its title.
            assert!(tex.contains("\\item"), "{article} ({paper}): no points");
        }
    }
}
