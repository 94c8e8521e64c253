//! Property tests: the citation finder and the bibliography parsers never
//! panic, and citation spans always cut the text at character boundaries.

use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn citation_spans_are_valid(text in "([a-z @\\[\\];,\\-.:/{}é]|p\\. 3|see ){0,60}") {
        let found = brief::cite::syntax::find(&text);
        let mut last = 0;
        for c in &found {
            prop_assert!(c.span.start >= last && c.span.end <= text.len());
            prop_assert!(text.is_char_boundary(c.span.start) && text.is_char_boundary(c.span.end));
            prop_assert!(!c.items.is_empty());
            last = c.span.end;
        }
    }

    #[test]
    fn bibtex_parser_never_panics(text in "(@article\\{|@string\\{|[a-z]{1,4} = |\\{|\\}|\"|,|#|\\\\'|[a-zA-Z0-9 ]{0,6}|\n){0,40}") {
        let _ = brief::cite::parse_bibliography(&text, "bib", "x.bib");
    }

    #[test]
    fn other_parsers_never_panic(text in "[\\[\\]{}\":,a-z0-9 \n-]{0,80}") {
        let _ = brief::cite::parse_bibliography(&text, "json", "x.json");
        let _ = brief::cite::parse_bibliography(&text, "yaml", "x.yaml");
        let _ = brief::cite::parse_bibliography(&text, "ris", "x.ris");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever parses also formats, in every format, without panicking.
    #[test]
    fn parsed_entries_format(
        kind in "(article|book|report|online|misc|thesis|legislation|inproceedings)",
        author in "(\\{[A-Z][a-z]{1,8}\\}|[A-Z][a-z]{1,8}, [A-Z][a-z]{0,5})( and [A-Z][a-z]{1,8}){0,2}",
        title in "[A-Za-z {}\\-:&%$_#]{0,30}",
        date in "(19|20)[0-9]{2}(-[01][0-9](-[0-3][0-9])?)?(/20[0-9]{2})?",
        pages in "[0-9]{1,3}(--[0-9]{1,3})?",
    ) {
        let bib = format!(
            "@{kind}{{k1, author = {{{author}}}, title = {{{title}}}, date = {{{date}}}, pages = {{{pages}}}, number = {{1-2}}}}\n@{kind}{{k2, author = {{{author}}}, title = {{B}}, date = {{{date}}}}}"
        );
        if let Ok(items) = brief::cite::parse_bibliography(&bib, "bib", "x.bib") {
            for style in ["apa", "ieee"] {
                let cfg = brief::style::CitationConfig { style: style.into(), ..Default::default() };
                let p = brief::cite::Processor::new(&cfg, None).unwrap();
                let cites = brief::cite::syntax::find("[@k1; @k2, p. 3] @k1 [-@k2] [@missing]");
                for f in [brief::cite::Format::Plain, brief::cite::Format::Markdown, brief::cite::Format::Latex, brief::cite::Format::Html] {
                    let out = p.process(&cites, &items, f, true);
                    prop_assert_eq!(out.citations.len(), 4);
                }
            }
        }
    }
}
