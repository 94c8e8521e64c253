//! The brief of any article in every format and a built-in style: no
//! panic, no template error, and braces in the LaTeX balance (text from the
//! article can never open or close a TeX group).
#![no_main]
use brief::read::{parse, source::SourceText, InputFormat};
use brief::render::{render, Format, Layout};
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

fuzz_target!(|data: (u8, &str)| {
    let (which, text) = data;
    let style = ["full", "apa", "executive", "chicago", "mla", "ieee"][usize::from(which % 6)];
    let fmt = if which & 0x80 == 0 {
        InputFormat::Markdown
    } else {
        InputFormat::Plain
    };
    let Ok(doc) = parse(SourceText::new("fuzz.md", text), fmt) else {
        return;
    };
    let outline = brief::outline::build(&doc);
    let style = brief::style::Style::load(style).expect("a built-in style");
    let Ok(b) = brief::cli::render::brief_of(&outline, &style, &[]) else {
        return;
    };
    for f in [Format::Markdown, Format::Latex, Format::Plain, Format::Html] {
        let out = render(&b, f, &Layout::default()).expect("a brief renders");
        if f == Format::Latex {
            assert_eq!(brace_depth(&out), Some(0), "unbalanced braces in LaTeX");
        }
    }
});
