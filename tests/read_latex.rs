//! The LaTeX reader over the real binary: `brief outline` on a small report
//! (with an `\input` file and a bibliography beside it) gives its headings,
//! claims, quotation, footnote, citations and metadata with no TeX left in
//! the claims; spans index the file; `\input` outside the folder is
//! refused with file, line and column; standard input is sniffed; the
//! brief finds the `\bibliography` and compiles with pdfLaTeX.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const REPORT: &str = r#"% A small report for the tests.
\documentclass{article}
\usepackage{natbib}
\title{Flood Defences on the Orrin: A Review}
\author{Ada Lind\thanks{Orrin Institute.} \and Ben Okoro}
\date{2024-05-02}
\begin{document}
\maketitle
\begin{abstract}
This review looks at the Orrin flood defences after the 2023 floods.
\end{abstract}

\section{Findings}
The river authority said that 14 of the 52 levees failed in
March.\footnote{Counted by the authority's engineers in April.} Repairs will
cost \emph{at least} \$40~million, according to the \textbf{Treasury}
\citep[see][p.~7]{orrin2023}.

\subsection*{Residents}
\begin{quote}
``Nobody warned us,'' said Mara Quill, who lives by the river.
\end{quote}
\input{parts/extra}
\begin{itemize}
\item Levees were last inspected in 2019 \cite{insp2019}.
\end{itemize}
\input{../outside}
\mystery{Plain words} stay.
\end{document}
Ignored text after the end.
"#;

const EXTRA: &str = "Engineers said the pumps had worked as designed.\n";

const BIB: &str = "@report{orrin2023, author = {{Orrin River Authority}}, title = {Levee Survey 2023}, year = {2023}, institution = {Orrin River Authority}}\n\
@report{insp2019, author = {Pell, Iris}, title = {Inspection of the Orrin Levees}, year = {2019}, institution = {Orrin Institute}}\n";

fn brief(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("brief runs")
}

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("docs");
    std::fs::create_dir_all(d.join("parts")).unwrap();
    std::fs::write(d.join("report.tex"), REPORT).unwrap();
    std::fs::write(d.join("parts/extra.tex"), EXTRA).unwrap();
    std::fs::write(d.join("report.bib"), BIB).unwrap();
    std::fs::write(dir.path().join("outside.tex"), "Secret outside text.\n").unwrap();
    let with_bib = REPORT.replace("\\end{document}", "\\bibliography{report}\n\\end{document}");
    std::fs::write(d.join("cited.tex"), with_bib).unwrap();
    dir
}

fn outline(dir: &Path, file: &str) -> (serde_json::Value, String) {
    let out = brief(dir, &["outline", file, "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        serde_json::from_slice(&out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn claims(o: &serde_json::Value) -> Vec<String> {
    o["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn outline_of_a_latex_report() {
    let dir = setup();
    let (o, stderr) = outline(dir.path(), "docs/report.tex");
    assert_eq!(o["meta"]["title"], "Flood Defences on the Orrin: A Review");
    assert_eq!(
        o["meta"]["authors"],
        serde_json::json!(["Ada Lind", "Ben Okoro"])
    );
    assert_eq!(o["meta"]["date"], "2024-05-02");
    let headings: Vec<(&str, u64)> = o["sections"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| Some((s["heading"].as_str()?, s["level"].as_u64()?)))
        .collect();
    assert_eq!(headings, vec![("Findings", 1), ("Residents", 2)]);
    let texts = claims(&o);
    assert_eq!(
        texts,
        vec![
            "This review looks at the Orrin flood defences after the 2023 floods.",
            "The river authority said that 14 of the 52 levees failed in March.",
            "Repairs will cost at least $40 million, according to the Treasury [see @orrin2023, p. 7].",
            "Counted by the authority’s engineers in April.",
            "“Nobody warned us,” said Mara Quill, who lives by the river.",
            "Engineers said the pumps had worked as designed.",
            "Levees were last inspected in 2019 [@insp2019].",
            "Plain words stay.",
        ]
    );
    for t in &texts {
        assert!(
            !t.contains('\\') && !t.contains('{') && !t.contains('}') && !t.contains('~'),
            "TeX markup in a claim: {t}"
        );
    }
    let cl = o["claims"].as_array().unwrap();
    // the lead is the abstract; the quotation is a block quotation
    assert_eq!(cl[0]["section"], "s1");
    assert_eq!(cl[4]["block_quote"], true);
    assert!(cl[4]["quotes"][0]["text"]
        .as_str()
        .unwrap()
        .starts_with("Nobody warned us,"));
    // the footnote is a claim of its own after its paragraph
    assert_ne!(cl[3]["paragraph"], cl[2]["paragraph"]);
    // citation keys, as pandoc's `[@key]` gives them
    let keys: Vec<String> = texts
        .iter()
        .flat_map(|t| brief::cite::syntax::find(t))
        .flat_map(|c| c.items.into_iter().map(|i| i.key))
        .collect();
    assert_eq!(keys, ["orrin2023", "insp2019"]);
    // spans index the file's bytes
    let span = |c: &serde_json::Value| {
        let s = c["span"]["start"].as_u64().unwrap() as usize;
        let e = c["span"]["end"].as_u64().unwrap() as usize;
        &REPORT[s..e]
    };
    assert_eq!(
        span(&cl[1]),
        "The river authority said that 14 of the 52 levees failed in\nMarch."
    );
    assert_eq!(
        span(&cl[3]),
        "Counted by the authority's engineers in April."
    );
    assert!(span(&cl[2]).starts_with("Repairs will") && span(&cl[2]).ends_with("{orrin2023}."));
    // included text has the span of its \input command
    assert_eq!(span(&cl[5]), "\\input{parts/extra}");
    // what was passed over, on standard error, one line each
    assert!(
        stderr.contains(
            "docs/report.tex:27:1: \\input{../outside} not followed: outside the document's folder"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 unknown LaTeX macro dropped") && stderr.contains("\\mystery (1)"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
    assert!(!texts
        .iter()
        .any(|t| t.contains("Secret") || t.contains("Ignored")));
}

#[test]
fn input_files_are_in_the_depfile() {
    let dir = setup();
    let out = brief(
        dir.path(),
        &[
            "outline",
            "docs/report.tex",
            "-o",
            "o.json",
            "--depfile",
            "o.d",
        ],
    );
    assert!(out.status.success());
    let dep = std::fs::read_to_string(dir.path().join("o.d")).unwrap();
    assert!(
        dep.starts_with("o.json: \\\n  docs/report.tex \\\n  docs/parts/extra.tex\n"),
        "{dep}"
    );
}

#[test]
fn standard_input_is_sniffed_and_from_latex_forces_it() {
    let dir = setup();
    let mut child = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["outline", "-", "--format", "json"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let input = "%% comment first\n\\documentclass{article}\n\\begin{document}\n\\section{One}\nIt is \\emph{read}.\n\\end{document}\n";
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let o: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(claims(&o), vec!["It is read."]);
    std::fs::write(
        dir.path().join("a.txt"),
        "\\section{S}\nText \\textbf{here}.\n",
    )
    .unwrap();
    let out = brief(dir.path(), &["outline", "a.txt", "--from", "latex"]);
    let o: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(claims(&o), vec!["Text here."]);
}

#[test]
fn render_finds_the_bibliography_and_compiles() {
    let dir = setup();
    let out = brief(
        dir.path(),
        &[
            "render",
            "docs/cited.tex",
            "--to",
            "plain",
            "-o",
            "b.txt",
            "--depfile",
            "b.d",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(dir.path().join("b.txt")).unwrap();
    assert!(
        text.contains("Pell, I. (2019). Inspection of the orrin levees"),
        "{text}"
    );
    assert!(!text.contains("@insp2019"), "{text}");
    let dep = std::fs::read_to_string(dir.path().join("b.d")).unwrap();
    assert!(dep.contains("docs/report.bib"), "{dep}");
    // an explicit --bib wins over the document's own
    let out = brief(
        dir.path(),
        &[
            "render",
            "docs/cited.tex",
            "--to",
            "plain",
            "--bib",
            "docs/report.bib",
        ],
    );
    assert!(out.status.success());

    let found = std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join("pdflatex").is_file()));
    if !found {
        assert!(
            std::env::var("CI").map_or(true, |v| v != "true"),
            "pdflatex is needed by this test (CI=true)"
        );
        eprintln!("note: pdflatex not found; skipping the compile");
        return;
    }
    let out = brief(
        dir.path(),
        &["render", "docs/cited.tex", "--to", "latex", "-o", "b.tex"],
    );
    assert!(out.status.success());
    let run = Command::new("pdflatex")
        .args([
            "-no-shell-escape",
            "-interaction=nonstopmode",
            "-halt-on-error",
            "b.tex",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stdout)
    );
}

#[test]
fn input_loops_missing_files_and_unbalanced_braces_are_warnings() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.tex"),
        "\\documentclass{article}\n\\begin{document}\nIn a. \\input{b}\n\\input{gone}\n\nText } and {open\n\\end{document}\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("b.tex"), "In b. \\input{a}\n").unwrap();
    let out = brief(dir.path(), &["outline", "a.tex", "--format", "json"]);
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines,
        vec![
            "warning: b.tex:1:7: \\input{a} not followed: the file is already being read (an \\input loop)",
            "warning: a.tex:4:1: \\input{gone}: no such file beside the document",
            "warning: a.tex:6:6: `}` with no `{` inside \\begin{document}: ignored",
            "warning: a.tex:6:12: `{` is never closed",
        ],
        "{stderr}"
    );
    let o: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(claims(&o), vec!["In a.", "In b.", "Text and open"]);
}
