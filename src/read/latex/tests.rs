use super::*;

fn read(s: &str) -> Document {
    parse(SourceText::new("t.tex", s))
}

fn doc(body: &str) -> Document {
    read(&format!(
        "\\documentclass{{article}}\n\\begin{{document}}\n{body}\n\\end{{document}}\n"
    ))
}

fn texts(d: &Document) -> Vec<(BlockKind, String)> {
    d.blocks.iter().map(|b| (b.kind, b.text.clone())).collect()
}

fn para(text: &str) -> (BlockKind, String) {
    (BlockKind::Paragraph, text.to_string())
}

#[test]
fn metadata_from_the_preamble() {
    let d = read(
        "% comment\n\\documentclass{article}\n\\usepackage[utf8]{inputenc}\n\
         \\newcommand{\\x}[1]{\\title{Not this}#1}\n\
         \\title{Water in the Basin\\thanks{Draft of May.}}\n\
         \\author{Jane Doe\\\\ Institute of Water \\and John Roe\\thanks{Corresponding.}}\n\
         \\date{3 May 2024}\nPreamble text.\n\\begin{document}\n\\maketitle\nBody.\n\\end{document}\n",
    );
    assert_eq!(d.meta.title.as_deref(), Some("Water in the Basin"));
    assert_eq!(d.meta.authors, vec!["Jane Doe", "John Roe"]);
    assert_eq!(d.meta.date.as_deref(), Some("3 May 2024"));
    assert_eq!(d.blocks[0].kind, BlockKind::Title);
    assert_eq!(texts(&d)[1..], [para("Body.")]);
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
}

#[test]
fn headings_with_levels_from_the_topmost() {
    let d = doc("\\section{One}\nA.\n\\subsection*{Two}\nB.\n\\paragraph{Three.} C.\n\\section[short]{Four}\n");
    let h: Vec<(u8, &str)> = d
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Heading)
        .map(|b| (b.level, b.text.as_str()))
        .collect();
    assert_eq!(h, vec![(1, "One"), (2, "Two"), (4, "Three."), (1, "Four")]);
    let d = doc("\\part{P}\n\\chapter{C}\n\\section{S}\n");
    let levels: Vec<u8> = d.blocks.iter().map(|b| b.level).collect();
    assert_eq!(levels, vec![1, 2, 3]);
}

#[test]
fn paragraphs_quotes_and_lists() {
    let d = doc(
        "\\begin{abstract}\nThe lead.\n\\end{abstract}\n\\section{S}\nOne\nline.\n\nTwo.\\par Three.\n\
         \\begin{quote}\nQuoted words.\n\\end{quote}\n\
         \\begin{itemize}\n\\item First.\n\\item[--] Second.\n\\end{itemize}\n\
         \\begin{description}\n\\item[Term] What it is.\n\\end{description}\nAfter.\n",
    );
    assert_eq!(
        texts(&d),
        vec![
            para("The lead."),
            (BlockKind::Heading, "S".into()),
            para("One line."),
            para("Two."),
            para("Three."),
            para("Quoted words."),
            (BlockKind::ListItem, "First.".into()),
            (BlockKind::ListItem, "Second.".into()),
            (BlockKind::ListItem, "Term: What it is.".into()),
            para("After."),
        ]
    );
    assert_eq!(d.blocks[5].quote_depth, 1);
    assert_eq!(d.blocks[6].quote_depth, 0);
}

#[test]
fn footnotes_follow_their_paragraph_with_their_own_span() {
    let src = "\\documentclass{article}\n\\begin{document}\nA claim.\\footnote{The note, p.~4.} More.\n\nNext.\n\\end{document}\n";
    let d = read(src);
    assert_eq!(
        texts(&d),
        vec![
            para("A claim. More."),
            para("The note, p. 4."),
            para("Next.")
        ]
    );
    let sp = d.blocks[1].span;
    assert_eq!(&src[sp.start..sp.end], "\\footnote{The note, p.~4.}");
    // the paragraph's own text maps to itself
    let b = &d.blocks[0];
    let s = b.source_span(9..14);
    assert_eq!(&src[s.start..s.end], "More.");
}

#[test]
fn floats_keep_only_captions_and_code_math_are_kept_out() {
    let d = doc(
        "Before the figure.\n\\begin{figure}[h]\n\\centering\\includegraphics[width=3cm]{map.png}\n\
         Stray figure text.\n\\begin{tabular}{ll}\na & b \\\\\n\\end{tabular}\n\\caption[Short]{The \\emph{map}.}\\label{fig:map}\n\
         \\end{figure}\n\n\\begin{verbatim}\nx = {1}\n\\end{verbatim}\n\
         \\begin{equation}\nE = mc^2\n\\end{equation}\nNow $x \\le 5$ and \\(y\\) hold\n\\[ z \\]\nhere.\n",
    );
    assert_eq!(
        texts(&d),
        vec![
            para("Before the figure."),
            para("The map."),
            (BlockKind::Code, "x = {1}".into()),
            para("Now x ≤ 5 and y hold here."),
        ]
    );
}

#[test]
fn characters_dashes_quotes_and_comments() {
    let d = doc(
        "Stra\\ss e, caf\\'e, {\\\"u}ber, \\\"o, na\\\"{\\i}ve, \\c{c}a, \\o, \\&, 5\\%, \\$3, a\\_b, \
         1--2, a---b, ``quoted'' and `single', it's, Dr.~No, 5\\,000, a\\\\b. % a comment\n\
         \\emph{e} \\textbf{b} \\textit{i} \\underline{u} \\textsc{s} \\texttt{t} \\url{http://x.org/a\\%20} \
         \\href{http://y.org}{the site} \\LaTeX{} \\dots\n",
    );
    assert_eq!(
        d.blocks[0].text,
        "Straße, café, über, ö, naïve, ça, ø, &, 5%, $3, a_b, 1–2, a—b, “quoted” and ‘single’, \
         it’s, Dr. No, 5\u{202f}000, a b. e b i u s t http://x.org/a%20 the site LaTeX …"
    );
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
}

#[test]
fn a_comment_line_does_not_join_or_split_paragraphs() {
    let d = doc("One%\ntwo.\n% whole line\nThree.\n%\n\nFour.\n");
    assert_eq!(texts(&d), vec![para("Onetwo. Three."), para("Four.")]);
}

#[test]
fn citations_become_pandoc_citations() {
    let d = doc(
        "A \\cite{a}. B \\citep[see][p.~3]{b,c}. C \\citet{d}. D \\parencite[ch.~2]{e}. \
         E \\textcite{f}. F \\autocite{g}. G\\footcite{h}. H \\citeyear{i}. I \\cites[see][]{j}{k}.",
    );
    assert_eq!(
        d.blocks[0].text,
        "A [@a]. B [see @b; @c, p. 3]. C @d. D [@e, ch. 2]. E @f. F [@g]. G[@h]. H [-@i]. I [see @j; @k]."
    );
    let found = crate::cite::syntax::find(&d.blocks[0].text);
    let keys: Vec<&str> = found
        .iter()
        .flat_map(|c| c.items.iter().map(|i| i.key.as_str()))
        .collect();
    assert_eq!(
        keys,
        ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"]
    );
}

#[test]
fn unknown_macros_are_counted_in_one_warning() {
    let d = doc("\\foo{Kept words} and \\bar[opt]{fig:x}\\bar \\baz{UN}.");
    assert_eq!(d.blocks[0].text, "Kept words and UN.");
    assert_eq!(d.warnings.len(), 1, "{:?}", d.warnings);
    assert!(
        d.warnings[0].contains("4 unknown LaTeX macros"),
        "{}",
        d.warnings[0]
    );
    assert!(d.warnings[0].contains("\\bar (2)"), "{}", d.warnings[0]);
}

#[test]
fn unbalanced_braces_are_warnings_with_line_and_column() {
    let d = doc("Text } here.\n\n\\emph{open\n\nMore.");
    assert!(
        d.warnings.iter().any(|w| w.starts_with("t.tex:3:6: `}`")),
        "{:?}",
        d.warnings
    );
    assert!(d.blocks.iter().any(|b| b.text == "More."));
    let d = doc("\\section{Never closed\n\nBody.\n\\begin{quote}\nQ.\n");
    assert!(
        d.warnings.iter().any(|w| w.starts_with("t.tex:3:9:")),
        "{:?}",
        d.warnings
    );
    assert!(d.blocks.iter().any(|b| b.text == "Body."));
    assert!(d
        .warnings
        .iter()
        .any(|w| w.contains("\\begin{quote} is never ended")));
}

#[test]
fn everything_after_end_document_is_ignored() {
    let d = doc("Body.");
    assert_eq!(texts(&d), vec![para("Body.")]);
    let d = read("\\begin{document}\nIn.\n\\end{document}\nOut.\n");
    assert_eq!(texts(&d), vec![para("In.")]);
}

#[test]
fn a_fragment_without_a_document_is_all_body() {
    let d = read("\\section{Intro}\nText of a chapter.\n");
    assert_eq!(d.blocks.len(), 2);
}

#[test]
fn deep_nesting_is_no_trouble() {
    let n = 200_000;
    let deep = format!("{}x{}", "{".repeat(n), "}".repeat(n));
    let d = doc(&deep);
    assert_eq!(d.blocks[0].text, "x");
    let d = doc(&"\\emph{".repeat(n));
    assert!(!d.warnings.is_empty());
    let d = doc(&"\\begin{quote}".repeat(n));
    assert!(!d.warnings.is_empty());
    let d = doc(&"$\\(\\[\\begin{equation}\\label{\\cite[".repeat(20_000));
    assert!(!d.warnings.is_empty());
}

#[test]
fn input_is_not_followed_without_a_file() {
    let d = doc("A \\input{other} B.");
    assert_eq!(d.blocks[0].text, "A B.");
    assert!(
        d.warnings[0].contains("standard input has no folder"),
        "{:?}",
        d.warnings
    );
}

#[test]
fn sniffing_standard_input() {
    assert_eq!(
        InputFormat::sniff("% !TeX\n\n\\documentclass{article}\n"),
        Some(InputFormat::Latex)
    );
    assert_eq!(InputFormat::sniff("# Title\n"), None);
}

#[test]
fn token_soup_never_panics_and_spans_stay_inside() {
    const TOKENS: [&str; 47] = [
        "\\begin{document}",
        "\\end{document}",
        "{",
        "}",
        "[",
        "]",
        "\\section{",
        "\\footnote{",
        "\\caption{",
        "\\begin{figure}",
        "\\end{figure}",
        "\\begin{quote}",
        "\\end{quote}",
        "\\item",
        "\\item[",
        "\\begin{description}",
        "\\end{itemize}",
        "\\cite[",
        "\\cite{a}",
        "$",
        "$$",
        "\\(",
        "\\]",
        "\\verb|",
        "\\begin{verbatim}",
        "\\end{verbatim}",
        "%",
        "\n",
        "\n\n",
        " ",
        "word",
        "é",
        "\\'",
        "\\\"{",
        "--",
        "``",
        "''",
        "\\\\",
        "\\title{",
        "\\and",
        "\\def",
        "\\let",
        "\\newcommand",
        "\\iffalse",
        "\\fi",
        "\\SI{",
        "\\é",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..3000 {
        let mut s = String::new();
        for _ in 0..60 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            s.push_str(TOKENS[(seed % TOKENS.len() as u64) as usize]);
        }
        let d = read(&s);
        for b in &d.blocks {
            assert!(b.span.start <= b.span.end && b.span.end <= s.len(), "{s:?}");
            let sp = b.source_span(0..b.text.len());
            assert!(sp.end <= s.len(), "{s:?}");
        }
        let _ = crate::outline::build(&d);
    }
}

#[test]
fn braces_nested_past_the_limit_only_count() {
    let n = MAX_FRAMES * 3;
    let d = doc(&format!(
        "{}x \\footnote{{y}}{}",
        "{".repeat(n),
        "}".repeat(n)
    ));
    assert_eq!(d.blocks[0].text, "x y");
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
}

#[test]
fn simple_macros_iffalse_and_quantities() {
    let d = read(
        "\\documentclass{article}\n\\newcommand{\\org}{Basin Authority}\n\\newcommand{\\ie}{i.e.\\@\\xspace}\n\
         \\newcommand{\\bold}[1]{\\textbf{#1}}\n\\begin{document}\n\
         The \\org{} said, \\ie rates rose \\SI{5}{\\percent} over \\SI{20}{\\kilo\\metre}.\n\
         \\iffalse Hidden \\ifx a b \\fi still hidden. \\fi Shown.\n\\end{document}\n",
    );
    assert_eq!(
        d.blocks[0].text,
        "The Basin Authority said, i.e. rates rose 5% over 20 kilometre. Shown."
    );
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
}
