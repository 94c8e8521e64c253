//! The Markdown brief parses as intended: pandoc reads it without warnings,
//! pulldown-cmark finds the expected headings and lists.

mod render_support;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use render_support::{brief_ok, have, root, ARTICLES, STYLES};

#[test]
fn pandoc_reads_it_without_warnings() {
    if !have("pandoc") {
        return;
    }
    for style in STYLES {
        for article in ARTICLES {
            let md = brief_ok(&["render", article, "--style", style, "--to", "markdown"]);
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("brief.md");
            std::fs::write(&path, &md).unwrap();
            let out = std::process::Command::new("pandoc")
                .args(["-f", "commonmark_x", "-t", "html", "--fail-if-warnings"])
                .arg(&path)
                .current_dir(root())
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "pandoc failed on {article} in {style}"
            );
            assert!(
                out.stderr.is_empty(),
                "pandoc warned on {article} in {style}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let html = String::from_utf8_lossy(&out.stdout);
            assert!(
                html.contains("<h2 id=\"summary\">Summary</h2>"),
                "{style}: {html}"
            );
        }
    }
}

/// Headings (level, text) and the number of items of each top-level list.
fn structure(md: &str) -> (Vec<(u8, String)>, Vec<usize>) {
    let opts = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS | Options::ENABLE_TABLES;
    let mut headings = Vec::new();
    let mut lists = Vec::new();
    let mut heading: Option<(u8, String)> = None;
    let mut depth = 0usize;
    for ev in Parser::new_ext(md, opts) {
        match ev {
            Event::Start(Tag::Heading { level, .. }) => {
                let n = match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    _ => 4,
                };
                heading = Some((n, String::new()));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, s)) = heading.as_mut() {
                    s.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => headings.extend(heading.take()),
            Event::Start(Tag::List(_)) => {
                if depth == 0 {
                    lists.push(0);
                }
                depth += 1;
            }
            Event::End(TagEnd::List(_)) => depth -= 1,
            Event::Start(Tag::Item) if depth == 1 => *lists.last_mut().unwrap() += 1,
            Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML in the brief: {h}"),
            _ => {}
        }
    }
    (headings, lists)
}

/// How many tables pulldown-cmark finds (GFM tables on).
fn table_count(md: &str) -> usize {
    let n = Parser::new_ext(
        md,
        Options::ENABLE_TABLES | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS,
    )
    .filter(|e| matches!(e, Event::Start(Tag::Table(_))))
    .count();
    n
}

#[test]
fn pulldown_cmark_finds_the_headings_and_lists() {
    let md = brief_ok(&["render", ARTICLES[0], "--style", "full", "--to", "markdown"]);
    let (headings, lists) = structure(&md);
    let h2: Vec<&str> = headings
        .iter()
        .filter(|h| h.0 == 2)
        .map(|h| h.1.as_str())
        .collect();
    assert_eq!(headings[0].0, 1);
    assert!(headings[0].1.starts_with("Blinken: Sanctions Imposed"));
    for want in [
        "Summary",
        "Claims",
        "Key quotations",
        "Sources",
        "Timeline",
        "References",
    ] {
        assert!(h2.contains(&want), "no ## {want} in {h2:?}");
    }
    // The summary is the first list, with the style's five claims.
    assert_eq!(lists[0], 5, "{lists:?}");
    // GFM (the built-in styles' flavor): the sources are a table.
    assert_eq!(table_count(&md), 1);

    let exec = brief_ok(&[
        "render",
        ARTICLES[0],
        "--style",
        "executive",
        "--to",
        "markdown",
    ]);
    let (headings, lists) = structure(&exec);
    let h2: Vec<&str> = headings
        .iter()
        .filter(|h| h.0 == 2)
        .map(|h| h.1.as_str())
        .collect();
    assert_eq!(h2.first(), Some(&"Summary"));
    assert!(!h2.contains(&"Claims") && !h2.contains(&"Index of entities"));
    // At most the style's three claims, fewer where a page is full.
    assert!((1..=3).contains(&lists[0]), "{}", lists[0]);
}
