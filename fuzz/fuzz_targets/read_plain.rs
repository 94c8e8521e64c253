//! The plain-text reader on any text.
#![no_main]
use brief::read::{parse, source::SourceText, InputFormat};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = parse(SourceText::new("fuzz.txt", text), InputFormat::Plain);
});
