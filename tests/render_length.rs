//! A brief is shorter than the article it briefs: the full brief at most
//! as many words as the article, the executive brief at most 35% of them,
//! for every bundled example, in plain text and Markdown. And the article
//! is cited once (title block, references) rather than after every claim.

mod render_support;

use render_support::{brief_ok, root, ARTICLES, STYLES};

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// The Markdown without its front matter (metadata, not the brief's text).
fn body(md: &str) -> &str {
    md.strip_prefix("---\n")
        .and_then(|rest| rest.find("\n---\n").map(|i| &rest[i + 5..]))
        .unwrap_or(md)
}

#[test]
fn briefs_are_shorter_than_their_articles() {
    let mut report = Vec::new();
    for article in ARTICLES {
        let article_words = words(&std::fs::read_to_string(root().join(article)).unwrap());
        for style in STYLES {
            let limit = if style == "executive" { 0.35 } else { 1.0 };
            for to in ["plain", "markdown"] {
                let out = brief_ok(&["render", article, "--style", style, "--to", to]);
                let n = words(body(&out));
                let share = n as f64 / article_words as f64;
                if share > limit {
                    report.push(format!(
                        "{article} in {style} ({to}): {n} words, {share:.2}x the article's {article_words} (limit {limit}x)"
                    ));
                }
            }
        }
    }
    assert!(report.is_empty(), "briefs too long:\n{}", report.join("\n"));
}

#[test]
fn the_article_is_cited_once() {
    for article in ARTICLES {
        for style in STYLES {
            let style_def = brief::style::Style::load(style).unwrap();
            let origin = brief::read::Origin::from_arg(root().join(article).to_str().unwrap());
            let doc = brief::read::read(&origin, None, 1 << 24).unwrap();
            let outline = brief::outline::build(&doc);
            let b =
                brief::cli::render::brief_of(&outline, &style_def, &doc.bibliographies).unwrap();
            let cite = &b.citations.in_text.plain;
            if cite.is_empty() {
                continue;
            }
            let plain = brief_ok(&["render", article, "--style", style, "--to", "plain"]);
            // A numbered style's `[1]` may also stand for another work.
            let n = plain.matches(cite.as_str()).count();
            assert!(
                n <= 1 || cite.starts_with('['),
                "{article} in {style}: the article's citation {cite} appears {n} times"
            );
        }
    }
}

/// An article with neither author nor date is cited by its short title,
/// and `n.d.` only where the style demands it (APA's reference and, in a
/// style citing every claim, the in-text citation), not after each claim.
#[test]
fn no_author_no_date_no_noise() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Flood Warning: Residents of the Lower Valley Told to Leave Their Homes\n\n\
                The agency said the river rose by two metres overnight. \
                Officials said the dam held. Residents said they were told to leave.\n";
    let plain = dir.path().join("a.txt");
    std::fs::write(&plain, text).unwrap();
    let out = brief_ok(&["render", plain.to_str().unwrap(), "--to", "plain"]);
    assert!(out.matches("n.d.").count() <= 2, "{out}");

    let style = dir.path().join("every.toml");
    std::fs::write(
        &style,
        "name = \"every\"\nextends = \"full\"\n[citation]\nper-claim = true\n",
    )
    .unwrap();
    let out = brief_ok(&[
        "render",
        plain.to_str().unwrap(),
        "--style",
        style.to_str().unwrap(),
        "--to",
        "plain",
    ]);
    let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(out.contains("(Flood Warning, n.d.)"), "{out}");
    assert!(!out.contains("Told to Leave Their Homes, n.d."), "{out}");
}
