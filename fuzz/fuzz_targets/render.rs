//! The brief of any article in every format and a built-in style: no
//! panic, no template error, and braces in the LaTeX balance (text from the
//! article can never open or close a TeX group; `fuzz/checks.rs`).
#![no_main]
use libfuzzer_sys::fuzz_target;

// Each target uses part of the checks.
#[allow(dead_code)]
#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: (u8, &str)| {
    let (which, text) = data;
    checks::render_all(which, text, "fuzz input");
});
