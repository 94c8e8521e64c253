//! Property tests over the whole render path: any article text, in any
//! built-in style, renders in every format without a panic, and what comes
//! out is well-formed for its format (LaTeX braces balance and no command
//! from the text survives; plain text fits its width).

use brief::read::{InputFormat, SourceText};
use brief::render::escape::group_depth;
use brief::render::{render, Format, Layout};
use brief::style::Style;
use proptest::prelude::*;

fn article() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        "[A-Z][a-z]{1,8}",
        "[a-z]{1,8}",
        Just("said".to_string()),
        Just("according to".to_string()),
        Just("\\input{x}".to_string()),
        Just("“quoted words here for the test,”".to_string()),
        Just("In May".to_string()),
        Just("March 30, 2021".to_string()),
        Just("王毅".to_string()),
        "[#$%&~_^\\\\{}<>|*`\\[\\]@:\"'-]{1,3}",
        Just("\u{1b}[31m".to_string()),
    ];
    let sentence = prop::collection::vec(word, 1..14).prop_map(|w| w.join(" ") + ".");
    let para = prop::collection::vec(sentence, 1..4).prop_map(|s| s.join(" "));
    prop::collection::vec(para, 1..5).prop_map(|p| format!("Title line\n\n{}\n", p.join("\n\n")))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn any_article_renders_everywhere(text in article(), style in 0usize..6, width in 30usize..100) {
        let styles = ["apa", "chicago", "mla", "ieee", "executive", "full"];
        let style = Style::load(styles[style]).unwrap();
        let doc = brief::read::parse(SourceText::new("prop.txt", &text), InputFormat::Plain).unwrap();
        let outline = brief::outline::build(&doc);
        let b = brief::cli::render::brief_of(&outline, &style, &[]).unwrap();
        let layout = Layout { width, ..Layout::default() };
        for format in [Format::Markdown, Format::Latex, Format::Plain, Format::Html] {
            let out = render(&b, format, &layout).unwrap();
            prop_assert!(out.ends_with('\n'));
            prop_assert!(!out.contains('\u{1b}'), "ESC in the output");
            match format {
                Format::Latex => {
                    prop_assert_eq!(group_depth(&out), Some(0), "unbalanced braces");
                    prop_assert!(!out.contains("\\input{x}"), "a command from the text");
                }
                Format::Plain => {
                    for line in out.lines() {
                        prop_assert!(unicode_width::UnicodeWidthStr::width(line) <= width, "{:?}", line);
                    }
                }
                Format::Html => prop_assert!(!out.contains("<script")),
                Format::Markdown => {}
            }
        }
    }
}
