//! The outline of any article: no panic, every claim span on char
//! boundaries of the input.
#![no_main]
use brief::read::{parse, source::SourceText, InputFormat};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: (bool, &str)| {
    let (md, text) = data;
    let fmt = if md {
        InputFormat::Markdown
    } else {
        InputFormat::Plain
    };
    if let Ok(doc) = parse(SourceText::new("fuzz", text), fmt) {
        let o = brief::outline::build(&doc);
        let json = serde_json::to_value(&o).expect("an outline serialises");
        for c in json["claims"].as_array().into_iter().flatten() {
            let s = c["span"]["start"].as_u64().unwrap_or(0) as usize;
            let e = c["span"]["end"].as_u64().unwrap_or(0) as usize;
            assert!(
                s <= e && e <= text.len(),
                "span {s}..{e} outside {}",
                text.len()
            );
            assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
        }
    }
});
