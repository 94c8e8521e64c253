//! diff of two articles: no panic, and an article against itself is empty.
#![no_main]
use brief::read::{parse, source::SourceText, InputFormat};
use libfuzzer_sys::fuzz_target;

fn outline(text: &str) -> Option<brief::outline::Outline> {
    let doc = parse(SourceText::new("fuzz.md", text), InputFormat::Markdown).ok()?;
    Some(brief::outline::build(&doc))
}

fuzz_target!(|data: (&str, &str)| {
    let (a, b) = data;
    let (Some(oa), Some(ob)) = (outline(a), outline(b)) else {
        return;
    };
    let opts = brief::diff::Options::default();
    let d = brief::diff::compare(&oa, &ob, &opts);
    let _ = brief::diff::json(&d);
    let _ = brief::diff::summary(&d);
    let same = brief::diff::compare(&oa, &oa, &opts);
    assert!(same.changes.is_empty(), "diff(a, a) is not empty");
});
