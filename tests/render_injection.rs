//! An article stuffed with LaTeX and HTML specials and injection attempts
//! (tests/fixtures/injection.txt and injection-meta.md) renders them
//! literally in every format: nothing in it becomes markup or runs.

mod render_support;

use pulldown_cmark::{Event, Options, Parser, Tag};
use render_support::{brief_ok, have, squash};

const FIXTURES: [&str; 2] = [
    "tests/fixtures/injection.txt",
    "tests/fixtures/injection-meta.md",
];

/// The default style with no length limit: every claim of a fixture is
/// shown, so every literal can be looked for.
const WHOLE: &str = "tests/fixtures/apa-whole.toml";

/// Strings from the fixtures that must come out as written.
fn literals(fixture: &str) -> &'static [&'static str] {
    if fixture.ends_with(".txt") {
        &[
            "\\input{/etc/passwd}",
            "\\write18{rm -rf /}",
            "\\immediate\\write18{touch /tmp/brief-pwned}",
            "\\catcode`\\^=7",
            "\\def\\x{oops}\\x",
            "\\csname relax\\endcsname",
            "^^5cinput",
            "# $ % & ~ _ ^ \\ { }",
            "<img src=x onerror=alert(1)>",
            "<a href=\"javascript:alert(1)\">click</a>",
            "&amp; &lt;tags&gt;",
            "*emph* _under_ [link](http://example.org) ![img](y.png)",
            "$math$ :smile: ^sup^ ~sub~ [@cite] {.class}",
            "# This looks like a heading",
            "Wang Yi (王毅) met Ольга and Σωκράτης in 東京",
        ]
    } else {
        &[
            "\\input{/etc/passwd} <script>alert('t')</script> & 50% #1 $x$ ~ _ ^ {}",
            "\\write18{id}",
            "<script>alert(2)</script>",
            "$100 & 10% #tag ~ _ ^",
        ]
    }
}

#[test]
fn markdown_shows_it_literally() {
    for f in FIXTURES {
        let md = brief_ok(&["render", f, "--style", WHOLE, "--to", "markdown"]);
        let mut text = String::new();
        for ev in Parser::new_ext(&md, Options::ENABLE_YAML_STYLE_METADATA_BLOCKS) {
            match ev {
                Event::Text(t) => text.push_str(&t),
                Event::SoftBreak | Event::HardBreak => text.push(' '),
                Event::Html(h) | Event::InlineHtml(h) => panic!("{f}: raw HTML in Markdown: {h}"),
                Event::Code(c) => panic!("{f}: code span from the article: {c}"),
                Event::Start(Tag::Link { dest_url, .. }) => {
                    assert!(dest_url.starts_with("https://"), "{f}: link to {dest_url}")
                }
                Event::Start(Tag::Image { .. }) => panic!("{f}: image from the article"),
                _ => {}
            }
        }
        for want in literals(f) {
            assert!(
                text.contains(want),
                "{f}: {want:?} not shown literally in Markdown"
            );
        }
        assert!(
            !md.contains('\u{1b}') && !md.contains('\u{7}'),
            "{f}: control characters"
        );
    }
}

#[test]
fn pandoc_shows_it_literally() {
    if !have("pandoc") {
        return;
    }
    for f in FIXTURES {
        let md = brief_ok(&["render", f, "--style", WHOLE, "--to", "markdown"]);
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("b.md");
        std::fs::write(&p, md).unwrap();
        let out = std::process::Command::new("pandoc")
            .args(["-f", "commonmark_x", "-t", "plain", "--wrap=none"])
            .arg(&p)
            .output()
            .unwrap();
        assert!(out.status.success());
        let plain = String::from_utf8_lossy(&out.stdout);
        for want in literals(f) {
            // pandoc's smart quotes curl straight ones; compare without them.
            let norm = |s: &str| s.replace(['"', '\'', '“', '”', '‘', '’'], "");
            assert!(
                norm(&plain).contains(&norm(want)),
                "{f}: pandoc lost {want:?}"
            );
        }
    }
}

fn unescape_html(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[test]
fn html_shows_it_literally() {
    for f in FIXTURES {
        let html = brief_ok(&["render", f, "--style", WHOLE, "--to", "html"]);
        assert!(!html.contains("<script"), "{f}: a script element");
        // (The citation processor's own <i> for titles is fine.)
        assert!(
            !html.contains("<img") && !html.contains("<b>Co") && !html.contains("Sons <i>"),
            "{f}: article markup"
        );
        assert!(
            !html.contains("href=\"javascript"),
            "{f}: a javascript: link"
        );
        assert!(
            html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"),
            "{f}: lang attribute"
        );
        let text = unescape_html(&html);
        for want in literals(f) {
            assert!(
                text.contains(want),
                "{f}: {want:?} not shown literally in HTML"
            );
        }
    }
}

#[test]
fn plain_shows_it_literally() {
    for f in FIXTURES {
        let txt = brief_ok(&[
            "render", f, "--style", WHOLE, "--to", "plain", "--width", "1000",
        ]);
        assert!(
            !txt.chars().any(|c| c.is_control() && c != '\n'),
            "{f}: control characters"
        );
        assert!(
            txt.contains('␛') || f.ends_with(".md"),
            "{f}: ESC shown as a control picture"
        );
        for want in literals(f) {
            assert!(txt.contains(want), "{f}: {want:?} not in plain text");
        }
    }
}

#[test]
fn latex_source_holds_no_command_from_the_article() {
    for f in FIXTURES {
        let tex = brief_ok(&["render", f, "--style", WHOLE, "--to", "latex"]);
        for bad in [
            "\\input{",
            "\\write18",
            "\\immediate",
            "\\catcode",
            "\\def\\",
            "\\csname",
            "^^",
            "\\x{",
        ] {
            assert!(!tex.contains(bad), "{f}: {bad:?} in the LaTeX source");
        }
    }
}

#[test]
fn latex_shows_it_literally_in_the_pdf() {
    let marker = std::path::Path::new("/tmp/brief-pwned");
    for engine in ["pdflatex", "xelatex", "lualatex"] {
        if !have(engine) || !have("pdftotext") {
            continue;
        }
        for f in FIXTURES {
            let tex = brief_ok(&["render", f, "--style", WHOLE, "--to", "latex"]);
            render_support::warm_up(engine);
            let dir = tempfile::tempdir().unwrap();
            std::fs::write(dir.path().join("b.tex"), &tex).unwrap();
            let out = std::process::Command::new(engine)
                .args([
                    "-no-shell-escape",
                    "-interaction=nonstopmode",
                    "-halt-on-error",
                    "b.tex",
                ])
                .current_dir(dir.path())
                .output()
                .unwrap();
            assert!(out.status.success(), "{engine} failed on {f}");
            let pdf = std::process::Command::new("pdftotext")
                .args(["-enc", "UTF-8", "b.pdf", "-"])
                .current_dir(dir.path())
                .output()
                .unwrap();
            // pdfTeX draws ~ and ^ as accents (˜ ˆ), and a straight
            // apostrophe typesets as ’ (on purpose: names like O'Brien);
            // compare without them.
            let norm = |s: &str| squash(s).replace(['~', '^', '˜', 'ˆ', '\'', '’'], "");
            let text = norm(&String::from_utf8_lossy(&pdf.stdout));
            for want in literals(f) {
                if engine == "pdflatex" && !want.is_ascii() {
                    continue; // shown as code points under pdfLaTeX
                }
                assert!(
                    text.contains(&norm(want)),
                    "{engine}, {f}: {want:?} not in the PDF"
                );
            }
            assert!(!marker.exists(), "{engine} ran a command from the article");
        }
    }
}
