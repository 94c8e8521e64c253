//! The TOML style loader on any text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = brief::style::Style::from_toml(text, "fuzz.toml");
});
