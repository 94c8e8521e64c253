//! What the fuzz targets check of an input, shared with the replay of the
//! inputs they found (`tests/fuzz_regressions.rs` includes this file), so
//! that both run the same library calls and assertions.

use brief::diff::figures::FigureOptions;
use brief::read::{parse, source::SourceText, InputFormat};
use brief::render::escape::group_depth;
use brief::render::{render, Format, Layout};

/// The brief of `text` in every format: `which` picks the style (its low
/// bits) and the input format (its high bit). No panic, no template error,
/// and the braces of the LaTeX balance.
pub fn render_all(which: u8, text: &str, name: &str) {
    let style = ["full", "apa", "executive", "chicago", "mla", "ieee"][usize::from(which % 6)];
    let fmt = if which & 0x80 == 0 {
        InputFormat::Markdown
    } else {
        InputFormat::Plain
    };
    let Ok(doc) = parse(SourceText::new("fuzz.md", text), fmt) else {
        return;
    };
    let outline = brief::outline::build(&doc);
    let style = brief::style::Style::load(style).expect("a built-in style");
    let Ok(b) = brief::cli::render::brief_of(&outline, &style, &[]) else {
        return;
    };
    for f in [Format::Markdown, Format::Latex, Format::Plain, Format::Html] {
        let out = render(&b, f, &Layout::default()).expect("a brief renders");
        if f == Format::Latex {
            assert_eq!(
                group_depth(&out),
                Some(0),
                "unbalanced braces in LaTeX: {name}"
            );
        }
    }
}

/// The diff of two Markdown articles as `brief diff` runs it
/// (`compare_documents`), in every report format: no panic, the braces of
/// the LaTeX balance, and an article against itself is empty.
pub fn diff_reports(a: &str, b: &str, name: &str) {
    let (Ok(da), Ok(db)) = (
        parse(SourceText::new("old.md", a), InputFormat::Markdown),
        parse(SourceText::new("new.md", b), InputFormat::Markdown),
    ) else {
        return;
    };
    let opts = brief::diff::Options::default();
    let d = brief::diff::compare_documents(&da, &db, &opts);
    let _ = brief::diff::json(&d);
    let _ = brief::diff::summary(&d);
    let fig = FigureOptions {
        on: true,
        svg_name: Some("x.changes.svg".into()),
        width: 72,
    };
    let _ = brief::diff::markdown::render_with(&d, "old.md", "new.md", &fig);
    let _ = brief::diff::html::render(&d, "old.md", "new.md", &fig);
    let palette = brief::diff::plain::Palette::new(true);
    let _ = brief::diff::plain::render_with(&d, &palette, &fig);
    let tex = brief::diff::latex::render_with(&d, "old.md", "new.md", &fig);
    assert_eq!(
        group_depth(&tex),
        Some(0),
        "unbalanced braces in LaTeX: {name}"
    );
    let same = brief::diff::compare_documents(&da, &da, &opts);
    assert!(same.changes.is_empty(), "diff(a, a) is not empty: {name}");
}
