//! `brief render` over the real binary: formats, options, errors.

mod render_support;

use render_support::{brief, brief_ok};

const ARTICLE: &str = "examples/blinken-human-rights-report.md";

#[test]
fn unknown_style_is_a_one_line_error_with_exit_2() {
    let out = brief(&["render", ARTICLE, "--style", "no-such-style"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    let first = err.lines().next().unwrap_or("");
    assert!(
        first.starts_with("error: ") && first.contains("no-such-style"),
        "{err}"
    );
    assert!(
        err.lines().count() <= 2,
        "one error line plus an optional hint: {err}"
    );
    assert!(
        err.lines().skip(1).all(|l| l.starts_with("hint: ")),
        "{err}"
    );
}

#[test]
fn output_extension_picks_the_format() {
    let dir = tempfile::tempdir().unwrap();
    for (ext, marker) in [
        ("tex", "\\documentclass"),
        ("html", "<!DOCTYPE html>"),
        ("md", "# Blinken"),
        ("txt", "========"),
    ] {
        let path = dir.path().join(format!("brief.{ext}"));
        let out = brief(&["render", ARTICLE, "-o", path.to_str().unwrap()]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stdout.is_empty());
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(marker), ".{ext} should hold {marker:?}");
    }
}

#[test]
fn to_wins_over_the_extension_and_unknown_extensions_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brief.tex");
    let out = brief(&[
        "render",
        ARTICLE,
        "--to",
        "plain",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    assert!(!std::fs::read_to_string(&path)
        .unwrap()
        .contains("\\documentclass"));

    let odd = dir.path().join("brief.docx");
    let out = brief(&["render", ARTICLE, "-o", odd.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("error: "));
    assert!(!odd.exists());
}

/// The short names `md`, `tex`, `txt` and `text` (as in the README and
/// `brief.toml`) name the same formats as the long ones.
#[test]
fn short_format_names_are_aliases() {
    for (short, long) in [
        ("md", "markdown"),
        ("tex", "latex"),
        ("txt", "plain"),
        ("text", "plain"),
    ] {
        let a = brief_ok(&["render", ARTICLE, "--to", short]);
        let b = brief_ok(&["render", ARTICLE, "--to", long]);
        assert_eq!(a, b, "render --to {short}");
        let old = "examples/report-2023.md";
        let new = "examples/report-2024.md";
        let a = brief(&["diff", old, new, "-f", short]);
        let b = brief(&["diff", old, new, "-f", long]);
        assert_eq!(a.status.code(), Some(1), "diff -f {short}");
        assert_eq!(a.stdout, b.stdout, "diff -f {short}");
    }
    let out = brief(&["outline", ARTICLE, "-f", "md"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("# "));

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("brief.toml"), "render-format = \"md\"\n").unwrap();
    let article = std::fs::canonicalize(ARTICLE).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .current_dir(dir.path())
        .args(["render", article.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        brief_ok(&["render", ARTICLE, "--to", "markdown"])
    );
}

#[test]
fn output_is_deterministic_across_runs() {
    for to in ["markdown", "latex", "plain", "html"] {
        let a = brief_ok(&["render", ARTICLE, "--to", to]);
        let b = brief_ok(&["render", ARTICLE, "--to", to]);
        assert_eq!(a, b, "{to} differs between two runs");
        assert!(
            !a.contains(env!("CARGO_MANIFEST_DIR")),
            "{to} holds an absolute path"
        );
    }
}

#[test]
fn fragment_has_no_preamble() {
    let full = brief_ok(&["render", ARTICLE, "--to", "latex"]);
    let frag = brief_ok(&["render", ARTICLE, "--to", "latex", "--fragment"]);
    assert!(full.contains("\\begin{document}") && full.contains("\\end{document}"));
    assert!(!frag.contains("\\documentclass") && !frag.contains("\\begin{document}"));
    assert!(frag.contains("\\section*{Summary}"));
}

#[test]
fn width_wraps_plain_text() {
    for width in ["40", "72", "100"] {
        let text = brief_ok(&["render", ARTICLE, "--to", "plain", "--width", width]);
        let w: usize = width.parse().unwrap();
        for line in text.lines() {
            assert!(
                unicode_width::UnicodeWidthStr::width(line) <= w,
                "line wider than {w}: {line:?}"
            );
        }
    }
    let out = brief(&["render", ARTICLE, "--to", "plain", "--width", "5"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn styles_shape_the_brief() {
    let full = brief_ok(&["render", ARTICLE, "--style", "full", "--to", "markdown"]);
    let exec = brief_ok(&[
        "render",
        ARTICLE,
        "--style",
        "executive",
        "--to",
        "markdown",
    ]);
    assert!(full.contains("## Claims"));
    assert!(!exec.contains("## Claims"), "executive has no claims part");
    let summary = |s: &str| {
        s.split("## Summary")
            .nth(1)
            .and_then(|t| t.split("\n## ").next())
            .map(|t| {
                t.lines()
                    .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()))
                    .count()
            })
            .unwrap_or(0)
    };
    assert_eq!(summary(&full), 5);
    // At most the style's three, fewer where the brief would run over a
    // page or 35% of the article.
    assert!((1..=3).contains(&summary(&exec)), "{exec}");
}

#[test]
fn style_file_works_and_reads_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let style = dir.path().join("mine.toml");
    std::fs::write(
        &style,
        "extends = \"full\"\n[summary]\nclaims = 2\n[brief]\nparts = [\"title\", \"summary\"]\n",
    )
    .unwrap();
    let text = brief_ok(&[
        "render",
        ARTICLE,
        "--style",
        style.to_str().unwrap(),
        "--to",
        "plain",
    ]);
    assert!(text.contains("Summary") && !text.contains("References"));
    assert!(text.contains("\n1. ") && text.contains("\n2. ") && !text.contains("\n3. "));

    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["render", "-", "--from", "markdown", "--to", "html"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    let article = std::fs::read(render_support::root().join(ARTICLE)).unwrap();
    child.stdin.take().unwrap().write_all(&article).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("<h1>Blinken"));
}

#[test]
fn refuses_to_overwrite_the_article() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.md");
    std::fs::copy(render_support::root().join(ARTICLE), &article).unwrap();
    let before = std::fs::read(&article).unwrap();
    let out = brief(&[
        "render",
        article.to_str().unwrap(),
        "-o",
        article.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(&article).unwrap(), before);
}

#[test]
fn bibliography_entries_are_cited_and_listed() {
    let args = [
        "render",
        "tests/fixtures/render-cited.md",
        "--bib",
        "tests/fixtures/render-refs.bib",
        "--style",
        "tests/fixtures/apa-whole.toml",
        "--to",
        "plain",
        "--width",
        "1000",
    ];
    let text = brief_ok(&args);
    // A pandoc citation in a claim is formatted and taken out of its text.
    assert!(
        text.contains(
            "Growth slowed sharply last year. (see International Monetary Fund, 2024, p. 3)"
        ),
        "{text}"
    );
    assert!(!text.contains("[see @imf2024"));
    // A source with a bibliography entry cites it.
    assert!(text.contains("(United Nations Water, 2023)"), "{text}");
    // The references hold the article and both entries, in APA order.
    let refs = text.split("References\n----------\n").nth(1).unwrap_or("");
    let lines: Vec<&str> = refs.lines().filter(|l| l.starts_with("- ")).collect();
    assert_eq!(lines.len(), 3, "{refs}");
    assert!(lines[0].starts_with("- International Monetary Fund. (2024)"));
    assert!(lines[1].starts_with("- Roe, J. (2024, February 1). Water Supplies Under Strain."));
    assert!(lines[2].starts_with("- United Nations Water. (2023)"));

    let ieee = brief_ok(&[
        "render",
        "tests/fixtures/render-cited.md",
        "--bib",
        "tests/fixtures/render-refs.bib",
        "--style",
        "tests/fixtures/ieee-whole.toml",
        "--to",
        "plain",
    ]);
    assert!(ieee.contains("[1]") && ieee.contains("[3]"), "{ieee}");

    let missing = brief(&[
        "render",
        "tests/fixtures/render-cited.md",
        "--bib",
        "tests/fixtures/nope.bib",
    ]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).starts_with("error: "));
}

#[test]
fn linked_citations_point_at_their_references() {
    let dir = tempfile::tempdir().unwrap();
    let style = dir.path().join("linked.toml");
    std::fs::write(
        &style,
        "extends = \"ieee\"\n[brief]\nmax-length = 0\n[citation]\nlink-citations = true\n[render.markdown]\nflavor = \"commonmark\"\n",
    )
    .unwrap();
    let base = [
        "render",
        "tests/fixtures/render-cited.md",
        "--bib",
        "tests/fixtures/render-refs.bib",
        "--style",
    ];
    let run = |to: &str| {
        let mut a = base.to_vec();
        a.extend([style.to_str().unwrap(), "--to", to]);
        brief_ok(&a)
    };
    let html = run("html");
    // The article is cited once, by its reference in the title block, so
    // no in-text citation links to it; the works its claims cite do.
    for key in ["article", "outlook2023", "imf2024"] {
        assert!(
            key == "article" || html.contains(&format!("href=\"#ref-{key}\"")),
            "no link to {key}"
        );
        assert!(
            html.contains(&format!("<li id=\"ref-{key}\">")),
            "no anchor for {key}"
        );
    }
    let md = run("markdown");
    assert!(md.contains("](#ref-imf2024)") && md.contains("<a id=\"ref-imf2024\"></a>"));
    assert!(
        md.contains("- **Officials** — group, 1 claim"),
        "commonmark: sources as a list"
    );
    let tex = run("latex");
    assert!(
        tex.contains("\\hyperlink{ref-imf2024}") && tex.contains("\\hypertarget{ref-imf2024}{}")
    );
    // Without link-citations (the built-in styles), no anchors.
    let plain_html = brief_ok(&["render", "tests/fixtures/render-cited.md", "--to", "html"]);
    assert!(!plain_html.contains("id=\"ref-") && !plain_html.contains("href=\"#ref-"));
}

#[test]
fn citations_never_break_a_sentence_nor_become_sources() {
    let out = brief(&[
        "render",
        "tests/fixtures/render-cites-inline.md",
        "--bib",
        "tests/fixtures/render-cites-inline.bib",
        "--style",
        "tests/fixtures/apa-whole.toml",
        "--to",
        "markdown",
    ]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    // A locator (`chap.`, `n.`) ends no sentence: no `[see;, chap.` nor `2].`.
    assert!(!text.contains("chap."), "{text}");
    assert!(!text.contains("\\["), "{text}");
    assert!(!text.contains("2\\]."), "{text}");
    assert!(
        text.contains("The camps expanded quickly in 2018. (see Zenz, 2019, Chapter 2)"),
        "{text}"
    );
    // `@key says` is the cited author, named as the style names them.
    assert!(!text.contains("@zenz2019"), "{text}");
    assert!(
        text.contains("Zenz says the detention system grew to over a million people."),
        "{text}"
    );
    assert!(text.contains("| Zenz |  | person | 1 |"), "{text}");
    // A suffix names no one.
    assert!(!text.contains("emphasis |"), "{text}");
    assert!(!text.contains("**People:** emphasis"), "{text}");
    assert!(
        text.contains("The policy was coercive. (Zenz, 2019, p. 12, emphasis added)"),
        "{text}"
    );
    // A key in no entry renders as pandoc renders it, with one warning
    // that says where it is.
    assert!(
        text.contains("The budget rose sharply. (**nokey2020?**)"),
        "{text}"
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err,
        "warning: tests/fixtures/render-cites-inline.md:15:26: no bibliography entry has the key `nokey2020`\n"
    );
}
