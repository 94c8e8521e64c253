//! The bibliography loaders (BibTeX, CSL-JSON, CSL-YAML, RIS) on any text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: (u8, &str)| {
    let (which, text) = data;
    let ext = ["bib", "json", "yaml", "ris"][usize::from(which % 4)];
    if let Ok(items) = brief::cite::parse_bibliography(text, ext, "fuzz") {
        let _ = brief::cite::to_csl_json(&items);
    }
});
