//! The LaTeX reader on any text: no panic, block spans inside the input,
//! and the outline builds.
#![no_main]
use brief::read::{parse, source::SourceText, InputFormat};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(doc) = parse(SourceText::new("fuzz.tex", text), InputFormat::Latex) {
        for b in &doc.blocks {
            assert!(b.span.start <= b.span.end && b.span.end <= doc.source.text.len());
        }
        let _ = brief::outline::build(&doc);
    }
});
