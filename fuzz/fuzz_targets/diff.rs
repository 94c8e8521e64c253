//! diff of two articles as `brief diff` runs it (`compare_documents`): no
//! panic, an article against itself is empty, the report renders in every
//! format and the braces of its LaTeX balance.
#![no_main]
use brief::diff::figures::FigureOptions;
use brief::read::{parse, source::SourceText, InputFormat};
use libfuzzer_sys::fuzz_target;

/// The depth of TeX groups at the end, or `None` if one closes that was
/// never opened: `\x` is one token, `%` starts a comment.
fn brace_depth(tex: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut chars = tex.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '%' => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '{' => depth += 1,
            '}' => depth = depth.checked_sub(1)?,
            _ => {}
        }
    }
    Some(depth)
}

fuzz_target!(|data: (&str, &str)| {
    let (a, b) = data;
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
    assert_eq!(brace_depth(&tex), Some(0), "unbalanced braces in LaTeX");
    let same = brief::diff::compare_documents(&da, &da, &opts);
    assert!(same.changes.is_empty(), "diff(a, a) is not empty");
});
