//! Figures of the brief and of the diff report, over the real binary: the
//! SVG files are well-formed XML whose bars and labels match the figures
//! the text gives, `--no-figures` removes them, the output is the same
//! bytes on every run, hostile section headings stay text, and the LaTeX
//! report with its TikZ chart compiles with pdfLaTeX, XeLaTeX and LuaLaTeX.

mod render_support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use quick_xml::events::Event;
use render_support::{have, root, warm_up};

fn run(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("the brief binary runs")
}

/// Runs `brief diff`, which exits 1 when the versions differ.
fn diff(args: &[&str], cwd: &Path) -> String {
    let out = run(&[&["diff"], args].concat(), cwd);
    assert_eq!(
        out.status.code(),
        Some(1),
        "brief diff {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// An element of a parsed XML document.
#[derive(Debug, Default)]
struct Node {
    name: String,
    attrs: Vec<(String, String)>,
    text: String,
    children: Vec<Node>,
}

impl Node {
    fn attr(&self, k: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
    }

    fn all<'a>(&'a self, name: &str, out: &mut Vec<&'a Node>) {
        if self.name == name {
            out.push(self);
        }
        for c in &self.children {
            c.all(name, out);
        }
    }

    fn find(&self, name: &str) -> Vec<&Node> {
        let mut v = Vec::new();
        self.all(name, &mut v);
        v
    }

    fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }
}

/// Parses a whole XML document (one root element), failing on anything
/// that is not well-formed: mismatched or unclosed tags, unknown entities,
/// bad attribute values, text outside the root.
fn parse_xml(s: &str) -> Node {
    let mut r = quick_xml::Reader::from_str(s);
    r.config_mut().check_end_names = true;
    let mut stack: Vec<Node> = vec![Node::default()];
    let element = |e: &quick_xml::events::BytesStart| -> Node {
        let mut n = Node {
            name: String::from_utf8(e.name().as_ref().to_vec()).unwrap(),
            ..Node::default()
        };
        for a in e.attributes() {
            let a = a.expect("a well-formed attribute");
            let k = String::from_utf8(a.key.as_ref().to_vec()).unwrap();
            assert!(
                n.attrs.iter().all(|(o, _)| *o != k),
                "attribute {k} given twice"
            );
            let v = a
                .unescape_value()
                .expect("an attribute value with known entities");
            n.attrs.push((k, v.into_owned()));
        }
        n
    };
    loop {
        match r.read_event().expect("well-formed XML") {
            Event::Start(e) => stack.push(element(&e)),
            Event::Empty(e) => {
                let n = element(&e);
                stack.last_mut().unwrap().children.push(n);
            }
            Event::End(_) => {
                let n = stack.pop().unwrap();
                stack.last_mut().expect("no extra end tag").children.push(n);
            }
            Event::Text(t) => {
                let t = t.decode().unwrap();
                if stack.len() == 1 {
                    assert!(t.trim().is_empty(), "text outside the root: {t:?}");
                }
                stack.last_mut().unwrap().text.push_str(&t);
            }
            Event::GeneralRef(e) => {
                let c = match e.resolve_char_ref().expect("a valid character reference") {
                    Some(c) => c,
                    None => match &*e.decode().unwrap() {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        other => panic!("unknown entity &{other};"),
                    },
                };
                assert!(stack.len() > 1, "a reference outside the root");
                stack.last_mut().unwrap().text.push(c);
            }
            Event::Eof => break,
            Event::Decl(_) | Event::Comment(_) => {}
            other => panic!("unexpected in an SVG: {other:?}"),
        }
    }
    assert_eq!(stack.len(), 1, "unclosed elements");
    let mut doc = stack.pop().unwrap();
    assert_eq!(doc.children.len(), 1, "one root element");
    doc.children.pop().unwrap()
}

/// Parses an SVG file and checks its root.
fn svg_file(p: &Path) -> Node {
    let s = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let n = parse_xml(&s);
    assert_eq!(n.name, "svg");
    assert_eq!(n.attr("xmlns"), Some("http://www.w3.org/2000/svg"));
    n
}

/// The bar segments of a chart: rects with a `<title>` (legend swatches
/// have none), as (title text, width).
fn segments(svg: &Node) -> Vec<(String, u32)> {
    svg.find("rect")
        .into_iter()
        .filter_map(|r| {
            let t = r.child("title")?;
            Some((t.text.clone(), r.attr("width")?.parse().unwrap()))
        })
        .collect()
}

fn texts(svg: &Node) -> Vec<String> {
    svg.find("text").iter().map(|t| t.text.clone()).collect()
}

fn example_pair() -> (PathBuf, PathBuf) {
    (
        root().join("examples/report-2023.md"),
        root().join("examples/report-2024.md"),
    )
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The per-section figures of the diff, from its JSON.
fn stat_json(old: &Path, new: &Path) -> serde_json::Value {
    serde_json::from_str(&diff(&[s(old), s(new), "-f", "json", "--stat"], &root())).unwrap()
}

const KINDS: [&str; 5] = ["kept", "changed", "added", "removed", "moved"];

/// The section label the report shows, from a JSON section entry.
fn section_name(sec: &serde_json::Value) -> String {
    let r = if sec["new"].is_null() {
        &sec["old"]
    } else {
        &sec["new"]
    };
    r["heading"].as_str().map_or("(opening)".to_string(), |h| {
        h.split_whitespace().collect::<Vec<_>>().join(" ")
    })
}

/// Checks a diff chart against the figures: one labelled bar per section
/// with claims, one segment per non-zero count, the similarity in text.
fn check_diff_chart(svg: &Node, stat: &serde_json::Value) {
    let segs = segments(svg);
    let mut want = Vec::new();
    let mut labels = Vec::new();
    for sec in stat["sections"].as_array().unwrap() {
        let name = section_name(sec);
        let counts: Vec<u64> = KINDS
            .iter()
            .map(|k| sec["counts"][k].as_u64().unwrap())
            .collect();
        if counts.iter().sum::<u64>() == 0 {
            continue;
        }
        labels.push(name.clone());
        for (k, v) in KINDS.iter().zip(&counts) {
            if *v > 0 {
                want.push(format!("{name}: {v} {k}"));
            }
        }
    }
    let got: Vec<String> = segs.iter().map(|(t, _)| t.clone()).collect();
    assert_eq!(got, want);
    assert!(segs.iter().all(|(_, w)| *w > 0), "an empty segment");
    let t = texts(svg);
    for l in &labels {
        // Long labels are cut (with …) to fit the label column.
        let start: String = l.chars().take(12).collect();
        assert!(
            t.iter()
                .any(|x| x == l || (x.ends_with('…') && x.starts_with(&start))),
            "label {l:?} missing from {t:?}"
        );
    }
    let sim = format!(
        "Overall similarity {:.4}",
        stat["stats"]["similarity"].as_f64().unwrap()
    );
    assert!(t.contains(&sim), "{sim:?} missing from {t:?}");
    for k in KINDS {
        assert!(t.iter().any(|x| x == k), "legend entry {k} missing");
    }
}

#[test]
fn diff_markdown_writes_an_svg_beside_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = example_pair();
    let md = dir.path().join("report.md");
    let out = diff(&[s(&old), s(&new), "-f", "markdown", "-o", s(&md)], &root());
    assert!(out.is_empty());
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(
        text.contains("<img src=\"report.changes.svg\""),
        "the report refers to its chart:\n{text}"
    );
    let svg = svg_file(&dir.path().join("report.changes.svg"));
    check_diff_chart(&svg, &stat_json(&old, &new));

    // --no-figures: no file, no reference
    let dir2 = tempfile::tempdir().unwrap();
    let md2 = dir2.path().join("report.md");
    diff(
        &[
            s(&old),
            s(&new),
            "-f",
            "markdown",
            "-o",
            s(&md2),
            "--no-figures",
        ],
        &root(),
    );
    assert!(!dir2.path().join("report.changes.svg").exists());
    let text2 = std::fs::read_to_string(&md2).unwrap();
    assert!(!text2.contains(".svg"));
    // The rest of the report is the same.
    let image = text.lines().find(|l| l.starts_with("<img ")).unwrap();
    assert_eq!(text.replace(&format!("{image}\n\n"), ""), text2);

    // On standard output there is nothing beside: no image, no file.
    let stdout = diff(&[s(&old), s(&new), "-f", "markdown"], dir.path());
    assert!(!stdout.contains("<img "));
}

#[test]
fn diff_html_inlines_the_chart_and_plain_draws_bars() {
    let (old, new) = example_pair();
    let stat = stat_json(&old, &new);
    let html = diff(&[s(&old), s(&new), "-f", "html"], &root());
    assert!(html.starts_with("<!DOCTYPE html>"));
    let a = html.find("<svg").expect("an inline SVG");
    let b = html.find("</svg>").unwrap() + "</svg>".len();
    check_diff_chart(&parse_xml(&html[a..b]), &stat);
    let html_off = diff(&[s(&old), s(&new), "-f", "html", "--no-figures"], &root());
    assert!(!html_off.contains("<svg"));
    assert!(html_off.contains("<ins>"));

    // Plain: a bar per section with claims, at most --width columns.
    let sections = stat["sections"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| KINDS.iter().any(|k| s["counts"][k].as_u64().unwrap() > 0))
        .count();
    for width in [40usize, 72, 120] {
        let w = width.to_string();
        let txt = diff(&[s(&old), s(&new), "--width", &w], &root());
        let bars: Vec<&str> = txt
            .lines()
            .filter(|l| l.contains(['░', '▒', '█', '▓', '▚']))
            .filter(|l| l.ends_with(|c: char| c.is_ascii_digit()))
            .collect();
        assert_eq!(bars.len(), sections, "{txt}");
        for l in txt.lines().skip(1).take(sections + 2) {
            let cols: usize = l.chars().count();
            assert!(cols <= width, "{cols} > {width}: {l}");
        }
        assert!(txt.contains("░ kept"), "{txt}");
    }
    // Not a terminal and no --width: 72 columns, whatever COLUMNS says.
    let piped = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["diff", s(&old), s(&new)])
        .env("COLUMNS", "200")
        .output()
        .unwrap();
    let at72 = diff(&[s(&old), s(&new), "--width", "72"], &root());
    assert_eq!(String::from_utf8(piped.stdout).unwrap(), at72);
    let off = diff(&[s(&old), s(&new), "--no-figures"], &root());
    assert!(!off.contains('░'));
}

#[test]
fn render_markdown_writes_its_svg_files() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("brief.md");
    let article = root().join("examples/blinken-human-rights-report.md");
    let out = run(&["render", s(&article), "-o", s(&md)], &root());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(text.contains("src=\"brief.sources.svg\""), "{text}");
    assert!(text.contains("src=\"brief.timeline.svg\""), "{text}");
    let sources = svg_file(&dir.path().join("brief.sources.svg"));
    // One bar per source with claims, its length in proportion to its
    // count; every label is a source the brief lists.
    let segs = segments(&sources);
    assert!(!segs.is_empty());
    let mut per_claim = Vec::new();
    for (title, w) in &segs {
        let (label, rest) = title.rsplit_once(": ").unwrap();
        let n: u32 = rest.split(' ').next().unwrap().parse().unwrap();
        assert!(n > 0);
        per_claim.push(f64::from(*w) / f64::from(n));
        let shown = texts(&sources);
        assert!(
            shown
                .iter()
                .any(|t| label.starts_with(t.trim_end_matches('…'))),
            "{label}"
        );
    }
    let (lo, hi) = per_claim
        .iter()
        .fold((f64::MAX, 0f64), |(a, b), x| (a.min(*x), b.max(*x)));
    assert!(hi - lo <= 1.0, "bars not in proportion: {per_claim:?}");
    let timeline = svg_file(&dir.path().join("brief.timeline.svg"));
    assert!(!timeline.find("circle").is_empty());

    let dir2 = tempfile::tempdir().unwrap();
    let md2 = dir2.path().join("brief.md");
    let out = run(
        &["render", s(&article), "-o", s(&md2), "--no-figures"],
        &root(),
    );
    assert!(out.status.success());
    assert_eq!(std::fs::read_dir(dir2.path()).unwrap().count(), 1);
    assert!(!std::fs::read_to_string(&md2).unwrap().contains(".svg"));

    for to in ["html", "latex", "plain"] {
        let with = run(&["render", s(&article), "--to", to], &root());
        let without = run(
            &["render", s(&article), "--to", to, "--no-figures"],
            &root(),
        );
        let (w, wo) = (
            String::from_utf8(with.stdout).unwrap(),
            String::from_utf8(without.stdout).unwrap(),
        );
        let mark = match to {
            "html" => "<svg",
            "latex" => "tikzpicture",
            _ => "█",
        };
        assert!(w.contains(mark), "{to}");
        assert!(!wo.contains(mark), "{to}");
        if to == "html" {
            let a = w.find("<svg").unwrap();
            let b = w[a..].find("</svg>").unwrap() + a + 6;
            parse_xml(&w[a..b]);
        }
    }
}

#[test]
fn figures_are_the_same_bytes_on_every_run() {
    let (old, new) = example_pair();
    let article = root().join("examples/blinken-human-rights-report.md");
    let mut runs: Vec<Vec<(String, Vec<u8>)>> = Vec::new();
    for _ in 0..2 {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        diff(
            &[s(&old), s(&new), "-f", "markdown", "-o", s(&p.join("d.md"))],
            p,
        );
        for (f, ext) in [("latex", "tex"), ("html", "html"), ("plain", "txt")] {
            let o = p.join(format!("d.{ext}"));
            diff(&[s(&old), s(&new), "-f", f, "-o", s(&o)], p);
        }
        assert!(run(&["render", s(&article), "-o", s(&p.join("b.md"))], p)
            .status
            .success());
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(p)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        files.sort();
        runs.push(files);
    }
    let names: Vec<&str> = runs[0].iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "b.md",
            "b.sources.svg",
            "b.timeline.svg",
            "d.changes.svg",
            "d.html",
            "d.md",
            "d.tex",
            "d.txt"
        ]
    );
    assert_eq!(runs[0], runs[1]);
}

/// Section headings that are markup in SVG, HTML, LaTeX or Markdown.
const HOSTILE: [&str; 5] = [
    "\\<script>alert(1)\\</script>",
    "Tom & Jerry < > \" '",
    "\\input{/etc/passwd}",
    "}{ \\end{document}",
    "Émile's ünïcödé 中文 heading that is far too long to fit the label column",
];

/// A pair of reports whose sections have hostile headings, each with a
/// change.
fn hostile_pair(dir: &Path) -> (PathBuf, PathBuf) {
    let mut old = String::from("# Hostile\n\nThe lead says one thing.\n");
    let mut new = old.clone();
    for (i, h) in HOSTILE.iter().enumerate() {
        old.push_str(&format!(
            "\n## {h}\n\nSection {i} keeps this sentence. Section {i} had 4 items.\n"
        ));
        new.push_str(&format!(
            "\n## {h}\n\nSection {i} keeps this sentence. Section {i} had 5 items. Section {i} adds one.\n"
        ));
    }
    let (o, n) = (dir.join("old.md"), dir.join("new.md"));
    std::fs::write(&o, old).unwrap();
    std::fs::write(&n, new).unwrap();
    (o, n)
}

#[test]
fn hostile_headings_stay_text() {
    let dir = tempfile::tempdir().unwrap();
    let (o, n) = hostile_pair(dir.path());
    let md = dir.path().join("r.md");
    diff(&[s(&o), s(&n), "-f", "markdown", "-o", s(&md)], dir.path());
    let svg = svg_file(&dir.path().join("r.changes.svg"));
    check_diff_chart(&svg, &stat_json(&o, &n));
    assert!(svg.find("script").is_empty());
    let raw = std::fs::read_to_string(dir.path().join("r.changes.svg")).unwrap();
    assert!(!raw.contains("<script"));
    assert!(raw.contains("&lt;script&gt;"));

    let html = diff(&[s(&o), s(&n), "-f", "html"], dir.path());
    assert!(!html.contains("<script"));
    assert!(html.contains("Tom &amp; Jerry &lt; &gt; &quot; &#39;"));

    let tex = diff(&[s(&o), s(&n), "-f", "latex"], dir.path());
    assert!(!tex.contains("\\input{/etc"));
    assert!(!tex.contains("}{ \\end{document}"));
    assert_eq!(tex.matches("\\end{document}").count(), 1);

    let txt = diff(&[s(&o), s(&n), "--width", "60"], dir.path());
    assert!(
        txt.contains("<script>"),
        "plain text shows headings as they are"
    );
}

#[test]
fn latex_diff_with_figures_compiles_with_every_engine() {
    let dir = tempfile::tempdir().unwrap();
    let (o, n) = hostile_pair(dir.path());
    let (eo, en) = example_pair();
    let docs = [
        (
            "example",
            diff(&[s(&eo), s(&en), "-f", "latex"], dir.path()),
        ),
        ("hostile", diff(&[s(&o), s(&n), "-f", "latex"], dir.path())),
    ];
    for (_, d) in &docs {
        assert!(d.contains("\\begin{tikzpicture}"));
    }
    for engine in ["pdflatex", "xelatex", "lualatex"] {
        if !have(engine) {
            continue;
        }
        warm_up(engine);
        for (name, text) in &docs {
            let work = dir.path().join(format!("{engine}-{name}"));
            std::fs::create_dir(&work).unwrap();
            std::fs::write(work.join("d.tex"), text).unwrap();
            let out = Command::new(engine)
                .args([
                    "-no-shell-escape",
                    "-interaction=nonstopmode",
                    "-halt-on-error",
                    "d.tex",
                ])
                .current_dir(&work)
                .output()
                .unwrap();
            let log = std::fs::read_to_string(work.join("d.log")).unwrap_or_default();
            assert!(
                out.status.success() && work.join("d.pdf").exists(),
                "{engine} failed on the {name} diff:\n{}",
                &log[log.len().saturating_sub(3000)..]
            );
            assert!(!log.contains("/etc/passwd"), "{engine} read /etc/passwd");
        }
    }
}
