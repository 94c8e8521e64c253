//! The diff as a LaTeX document in the manner of latexdiff: added text
//! underlined in blue, removed text struck out in red (`ulem`, `xcolor`).
//!
//! Every piece of article text goes through [`crate::render::escape::latex`],
//! and each marked stretch lies inside one claim, so no markup spans a
//! paragraph or a command argument. Under pdfLaTeX, characters the fonts
//! lack print as a boxed question mark instead of stopping the run.

use std::fmt::Write;

use super::figures::FigureOptions;
use super::model::{Change, ChangeKind, Diff, SectionStatus, Word, WordOp};
use super::{groups, heading_name, key_label, minor_changes, summary};
use crate::render::escape::latex as esc;

const PREAMBLE: &str = r"\documentclass[11pt]{article}
\usepackage{iftex}
\ifPDFTeX
  \usepackage[T1]{fontenc}
  \usepackage[utf8]{inputenc}
  \usepackage{lmodern}
  \usepackage{textcomp}
  \makeatletter
  % A character no font here has prints as a boxed ? instead of an error.
  \def\UTFviii@undefined@err#1{\fbox{?}}
  \makeatother
\else
  \usepackage{fontspec}
\fi
% render::escape::latex wraps characters outside T1 in these (see src/render/latex.rs).
\providecommand\briefuni[2]{\ifdefined\XeTeXversion\iffontchar\font`#2 #2\else\texttt{[#1]}\fi
  \else\ifdefined\directlua\iffontchar\font`#2 #2\else\texttt{[#1]}\fi\else\texttt{[#1]}\fi\fi}
\providecommand\briefcjk[2]{\briefuni{#1}{#2}}
\usepackage[normalem]{ulem}
\usepackage{xcolor}
\usepackage[margin=2.5cm]{geometry}
\providecommand{\DIFadd}[1]{{\protect\color{blue}\uline{#1}}}
\providecommand{\DIFdel}[1]{{\protect\color{red}\sout{#1}}}
\newcommand{\DIFlabel}[1]{\textbf{#1}}
\setlength{\parindent}{0pt}
\setlength{\parskip}{0.5em}
\begin{document}
";

/// The most changed text one item underlines or strikes out, in bytes.
/// ulem boxes every word it marks, and a changed passage of a few hundred
/// kilobytes exhausted TeX's main memory; past this, changes are marked by
/// colour alone (blue added, red deleted).
const MAX_MARKED: usize = 20_000;

fn marked(cmd: &str, text: &str) -> String {
    let e = esc(text);
    if e.trim().is_empty() {
        // ulem cannot mark a bare space; show it unmarked.
        return e;
    }
    let long = cmd.ends_with("long") || text.len() > MAX_MARKED;
    match cmd.trim_end_matches("long") {
        "DIFadd" if long => format!("{{\\color{{blue}}{e}}}"),
        "DIFdel" if long => format!("{{\\color{{red}}{e}}}"),
        c => format!("\\{c}{{{e}}}"),
    }
}

/// Word changes as `\DIFdel{…}` and `\DIFadd{…}`, text escaped.
pub fn words(ws: &[Word]) -> String {
    let changed: usize = ws
        .iter()
        .filter(|w| w.op != WordOp::Equal)
        .map(|w| w.text.len())
        .sum();
    let (del, add) = if changed > MAX_MARKED {
        ("DIFdellong", "DIFaddlong")
    } else {
        ("DIFdel", "DIFadd")
    };
    let mut s = String::new();
    for w in ws {
        match w.op {
            WordOp::Equal => s.push_str(&esc(&w.text)),
            WordOp::Delete => s.push_str(&marked(del, &w.text)),
            WordOp::Insert => s.push_str(&marked(add, &w.text)),
        }
    }
    s
}

fn item(c: &Change) -> String {
    let text = |r: &Option<super::ClaimRef>| r.as_ref().map_or(String::new(), |r| r.text.clone());
    match c.kind {
        ChangeKind::Added => format!(
            "\\item \\DIFlabel{{Added:}} {}",
            marked("DIFadd", &text(&c.new))
        ),
        ChangeKind::Removed => format!(
            "\\item \\DIFlabel{{Removed:}} {}",
            marked("DIFdel", &text(&c.old))
        ),
        ChangeKind::Changed => format!("\\item \\DIFlabel{{Changed:}} {}", words(&c.words)),
        ChangeKind::Moved => {
            let from = c
                .old
                .as_ref()
                .map(|o| heading_name(&o.section))
                .unwrap_or_default();
            let to = c
                .new
                .as_ref()
                .map(|n| heading_name(&n.section))
                .unwrap_or_default();
            let whence = if from == to {
                String::new()
            } else {
                format!(" (from ``{}'')", esc(&from))
            };
            let body = if c.words.is_empty() {
                esc(&text(&c.new))
            } else {
                words(&c.words)
            };
            format!("\\item \\DIFlabel{{Moved{whence}:}} {body}")
        }
    }
}

/// The whole diff as a LaTeX document, without figures.
pub fn render(d: &Diff, old_name: &str, new_name: &str) -> String {
    render_with(d, old_name, new_name, &FigureOptions::default())
}

/// The whole diff as a LaTeX document; with figures on, the chart of
/// claims per section follows the summary as a TikZ picture (plain
/// rectangles and nodes, which pdfLaTeX, XeLaTeX and LuaLaTeX draw alike).
pub fn render_with(d: &Diff, old_name: &str, new_name: &str, fig: &FigureOptions) -> String {
    crate::render::escape::wrap_latex_lines(render_lines(d, old_name, new_name, fig))
}

/// [`render_with`] before long lines are broken for TeX's input buffer.
fn render_lines(d: &Diff, old_name: &str, new_name: &str, fig: &FigureOptions) -> String {
    let chart = fig.chart(d);
    let mut s = if chart.is_some() {
        PREAMBLE.replace(
            "\\begin{document}\n",
            "\\usepackage{tikz}\n\\begin{document}\n",
        )
    } else {
        String::from(PREAMBLE)
    };
    let _ = writeln!(
        s,
        "\\section*{{Changes from {} to {}}}\n",
        esc(old_name),
        esc(new_name)
    );
    let _ = writeln!(s, "{}\n", esc(&summary(d)));
    if let Some(c) = chart {
        s.push_str(&crate::render::figures::chart_tikz(&c));
        s.push('\n');
    }
    if d.is_same() {
        s.push_str("The two versions say the same thing.\n\n\\end{document}\n");
        return s;
    }
    if !d.key_changes.is_empty() {
        s.push_str("\\subsection*{Key changes}\n\\begin{enumerate}\n");
        for k in &d.key_changes {
            let sec = k
                .section
                .as_deref()
                .map(|x| format!(" ({})", esc(x)))
                .unwrap_or_default();
            let _ = writeln!(
                s,
                "\\item \\DIFlabel{{{}}}{sec}: {}",
                key_label(k),
                esc(&k.text)
            );
        }
        s.push_str("\\end{enumerate}\n\n");
    }
    let mut notes: Vec<String> = Vec::new();
    for m in &d.meta {
        notes.push(format!(
            "\\item \\DIFlabel{{{}:}} {} $\\to$ {}",
            esc(m.field),
            marked("DIFdel", m.old.as_deref().unwrap_or("(none)")),
            marked("DIFadd", m.new.as_deref().unwrap_or("(none)"))
        ));
    }
    for sec in &d.sections {
        let name = |r: &Option<super::SectionRef>| {
            esc(&r
                .as_ref()
                .map(|r| heading_name(&r.heading))
                .unwrap_or_default())
        };
        notes.push(match sec.status {
            SectionStatus::Same => continue,
            SectionStatus::Renamed => format!(
                "\\item Section renamed: ``{}'' $\\to$ ``{}''",
                name(&sec.old),
                name(&sec.new)
            ),
            SectionStatus::Moved => format!("\\item Section moved: ``{}''", name(&sec.new)),
            SectionStatus::Added => format!("\\item Section added: ``{}''", name(&sec.new)),
            SectionStatus::Removed => format!("\\item Section removed: ``{}''", name(&sec.old)),
        });
    }
    if !notes.is_empty() {
        let _ = writeln!(
            s,
            "\\begin{{itemize}}\n{}\n\\end{{itemize}}\n",
            notes.join("\n")
        );
    }
    for (heading, changes) in groups(d) {
        let _ = writeln!(s, "\\subsection*{{{}}}\n\\begin{{itemize}}", esc(&heading));
        for c in changes {
            let _ = writeln!(s, "{}", item(c));
        }
        s.push_str("\\end{itemize}\n\n");
    }
    let e = &d.entities;
    let src = &d.sources;
    let mut names: Vec<String> = Vec::new();
    for n in &e.added {
        names.push(format!(
            "\\item \\DIFlabel{{Newly named}} ({}): {}",
            esc(&n.kind),
            marked("DIFadd", &n.name)
        ));
    }
    for n in &e.removed {
        names.push(format!(
            "\\item \\DIFlabel{{No longer named}} ({}): {}",
            esc(&n.kind),
            marked("DIFdel", &n.name)
        ));
    }
    for n in &src.added {
        names.push(format!(
            "\\item \\DIFlabel{{New source}} ({}): {}",
            esc(&n.kind),
            marked("DIFadd", &n.name)
        ));
    }
    for n in &src.removed {
        names.push(format!(
            "\\item \\DIFlabel{{Source dropped}} ({}): {}",
            esc(&n.kind),
            marked("DIFdel", &n.name)
        ));
    }
    for c in &src.changed {
        names.push(format!(
            "\\item \\DIFlabel{{Source changed}} from {} to {}: {}",
            marked(
                "DIFdel",
                c.old.source.as_deref().unwrap_or("the article itself")
            ),
            marked(
                "DIFadd",
                c.new.source.as_deref().unwrap_or("the article itself")
            ),
            esc(&c.new.text)
        ));
    }
    if !names.is_empty() {
        let _ = writeln!(
            s,
            "\\subsection*{{Names and sources}}\n\\begin{{itemize}}\n{}\n\\end{{itemize}}\n",
            names.join("\n")
        );
    }
    let minor = minor_changes(d);
    if !minor.is_empty() {
        let _ = writeln!(
            s,
            "\\subsection*{{Minor edits ({})}}\nNo content word or figure changed in these.\n{{\\small\n\\begin{{itemize}}",
            minor.len()
        );
        for c in minor {
            let sec = heading_name(&c.new.as_ref().and_then(|n| n.section.clone()));
            let _ = writeln!(s, "\\item \\DIFlabel{{{}:}} {}", esc(&sec), words(&c.words));
        }
        s.push_str("\\end{itemize}\n}\n\n");
    }
    s.push_str("\\end{document}\n");
    s
}

/// Only the figures, as a LaTeX document with one table.
pub fn render_stat(d: &Diff) -> String {
    let mut s = String::from(PREAMBLE);
    s.push_str("\\begin{tabular}{lrrrrr}\nSection & Kept & Changed & Added & Removed & Moved \\\\\n\\hline\n");
    for sec in &d.sections {
        let r = sec.new.as_ref().or(sec.old.as_ref());
        let name = r.map(|r| heading_name(&r.heading)).unwrap_or_default();
        let c = sec.counts;
        let _ = writeln!(
            s,
            "{} & {} & {} & {} & {} & {} \\\\",
            esc(&name),
            c.kept,
            c.changed,
            c.added,
            c.removed,
            c.moved
        );
    }
    let c = d.stats.counts;
    let _ = writeln!(
        s,
        "\\hline\nTotal & {} & {} & {} & {} & {} \\\\\n\\end{{tabular}}\n\n{}\n\n\\end{{document}}",
        c.kept,
        c.changed,
        c.added,
        c.removed,
        c.moved,
        esc(&summary(d))
    );
    s
}
