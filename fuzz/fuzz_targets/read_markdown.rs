//! The Markdown reader on any text: no panic, spans inside the input.
#![no_main]
use brief::read::{parse, source::SourceText, InputFormat};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(doc) = parse(SourceText::new("fuzz.md", text), InputFormat::Markdown) {
        let _ = brief::outline::build(&doc);
    }
});
