//! diff of two articles as `brief diff` runs it (`compare_documents`): no
//! panic, an article against itself is empty, the report renders in every
//! format and the braces of its LaTeX balance (`fuzz/checks.rs`).
#![no_main]
use libfuzzer_sys::fuzz_target;

// Each target uses part of the checks.
#[allow(dead_code)]
#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: (&str, &str)| {
    let (a, b) = data;
    checks::diff_reports(a, b, "fuzz input");
});
