//! The diff as one self-contained HTML page (inline CSS, no scripts, no
//! external resources): added words in `<ins>`, removed ones in `<del>`,
//! and the chart of claims per section inlined as SVG.
//!
//! Every piece of article text, file names included, goes through
//! [`crate::render::escape::html`], so the only markup is ours.

use std::fmt::Write;

use super::figures::{section_label, FigureOptions};
use super::model::{Change, ChangeKind, ClaimRef, Diff, SectionStatus, Word, WordOp};
use super::{groups, heading_name, key_label, minor_changes, summary};
use crate::render::escape::html as h;

const STYLE: &str = "body { font: 16px/1.5 Georgia, \"Noto Serif\", \"DejaVu Serif\", serif, \"Noto Serif CJK SC\"; color: #222; background: #fff; margin: 0; }
main { max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin-bottom: .25rem; }
h2 { font-size: 1.2rem; border-bottom: 1px solid #ccc; margin-top: 2rem; }
li { margin: .25rem 0; }
ins { color: #006b4f; background: #e3f5ee; text-decoration: underline; }
del { color: #a33a00; background: #fbe9e1; text-decoration: line-through; }
.label { font-weight: bold; }
.summary { color: #444; }
figure { margin: 1.5rem 0; }
figure svg { width: 100%; max-width: 40rem; height: auto; }
table { border-collapse: collapse; }
th, td { padding: .2rem .6rem; border-bottom: 1px solid #ddd; }
td { text-align: right; }
td:first-child, th:first-child { text-align: left; }
@media print { main { margin: 0; max-width: none; } }
";

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"brief\">\n<title>{}</title>\n<style>\n{STYLE}</style>\n\
         </head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n",
        h(title)
    )
}

/// Word changes as `<del>` and `<ins>`, text escaped.
pub fn words(ws: &[Word]) -> String {
    ws.iter()
        .map(|w| match w.op {
            WordOp::Equal => h(&w.text),
            WordOp::Delete => format!("<del>{}</del>", h(&w.text)),
            WordOp::Insert => format!("<ins>{}</ins>", h(&w.text)),
        })
        .collect()
}

fn item(c: &Change) -> String {
    let text = |r: &Option<ClaimRef>| r.as_ref().map_or(String::new(), |r| r.text.clone());
    let (label, body) = match c.kind {
        ChangeKind::Added => (
            "Added".to_string(),
            format!("<ins>{}</ins>", h(&text(&c.new))),
        ),
        ChangeKind::Removed => (
            "Removed".to_string(),
            format!("<del>{}</del>", h(&text(&c.old))),
        ),
        ChangeKind::Changed => ("Changed".to_string(), words(&c.words)),
        ChangeKind::Moved => {
            let from = c.old.as_ref().map(|o| heading_name(&o.section));
            let to = c.new.as_ref().map(|n| heading_name(&n.section));
            let label = match from {
                Some(f) if Some(&f) != to.as_ref() => format!("Moved (from “{}”)", h(&f)),
                _ => "Moved".to_string(),
            };
            let body = if c.words.is_empty() {
                h(&text(&c.new))
            } else {
                words(&c.words)
            };
            (label, body)
        }
    };
    format!(
        "<li class=\"{}\"><span class=\"label\">{label}:</span> {body}</li>",
        c.kind.as_str()
    )
}

/// The whole diff as an HTML page; with figures on, the chart of claims
/// per section follows the summary as inline SVG.
pub fn render(d: &Diff, old_name: &str, new_name: &str, fig: &FigureOptions) -> String {
    let title = format!("Changes from {old_name} to {new_name}");
    let mut s = String::new();
    let _ = writeln!(s, "<h1>{}</h1>", h(&title));
    let _ = writeln!(s, "<p class=\"summary\">{}</p>", h(&summary(d)));
    if d.is_same() {
        s.push_str("<p>The two versions say the same thing.</p>\n");
        return page(&title, &s);
    }
    if let Some(c) = fig.chart(d) {
        let _ = write!(
            s,
            "<figure>\n{}</figure>\n",
            crate::render::figures::chart_svg(&c)
        );
    }
    if !d.key_changes.is_empty() {
        s.push_str("<section class=\"key\">\n<h2>Key changes</h2>\n<ol>\n");
        for k in &d.key_changes {
            let sec = k
                .section
                .as_deref()
                .map(|x| format!(" ({})", h(x)))
                .unwrap_or_default();
            let _ = writeln!(
                s,
                "<li><span class=\"label\">{}</span>{sec}: {}</li>",
                key_label(k),
                h(&k.text)
            );
        }
        s.push_str("</ol>\n</section>\n");
    }
    let mut notes: Vec<String> = Vec::new();
    for m in &d.meta {
        notes.push(format!(
            "<li><span class=\"label\">{}:</span> <del>{}</del> → <ins>{}</ins></li>",
            h(m.field),
            h(m.old.as_deref().unwrap_or("(none)")),
            h(m.new.as_deref().unwrap_or("(none)"))
        ));
    }
    for sec in &d.sections {
        let name = |r: &Option<super::SectionRef>| {
            h(&r.as_ref()
                .map(|r| heading_name(&r.heading))
                .unwrap_or_default())
        };
        notes.push(match sec.status {
            SectionStatus::Same => continue,
            SectionStatus::Renamed => format!(
                "<li>Section renamed: “{}” → “{}”</li>",
                name(&sec.old),
                name(&sec.new)
            ),
            SectionStatus::Moved => format!("<li>Section moved: “{}”</li>", name(&sec.new)),
            SectionStatus::Added => format!("<li>Section added: “{}”</li>", name(&sec.new)),
            SectionStatus::Removed => format!("<li>Section removed: “{}”</li>", name(&sec.old)),
        });
    }
    if !notes.is_empty() {
        let _ = writeln!(s, "<ul>\n{}\n</ul>", notes.join("\n"));
    }
    for (heading, changes) in groups(d) {
        let _ = writeln!(s, "<section>\n<h2>{}</h2>\n<ul>", h(&heading));
        for c in changes {
            let _ = writeln!(s, "{}", item(c));
        }
        s.push_str("</ul>\n</section>\n");
    }
    let e = &d.entities;
    let src = &d.sources;
    let mut names: Vec<String> = Vec::new();
    let named = |label: &str, tag: &str, kind: &str, name: &str| {
        format!(
            "<li><span class=\"label\">{label}</span> ({}): <{tag}>{}</{tag}></li>",
            h(kind),
            h(name)
        )
    };
    for n in &e.added {
        names.push(named("Newly named", "ins", &n.kind, &n.name));
    }
    for n in &e.removed {
        names.push(named("No longer named", "del", &n.kind, &n.name));
    }
    for n in &src.added {
        names.push(named("New source", "ins", &n.kind, &n.name));
    }
    for n in &src.removed {
        names.push(named("Source dropped", "del", &n.kind, &n.name));
    }
    for c in &src.changed {
        names.push(format!(
            "<li><span class=\"label\">Source changed</span> from <del>{}</del> to <ins>{}</ins>: {}</li>",
            h(c.old.source.as_deref().unwrap_or("the article itself")),
            h(c.new.source.as_deref().unwrap_or("the article itself")),
            h(&c.new.text)
        ));
    }
    if !names.is_empty() {
        let _ = writeln!(
            s,
            "<section>\n<h2>Names and sources</h2>\n<ul>\n{}\n</ul>\n</section>",
            names.join("\n")
        );
    }
    let minor = minor_changes(d);
    if !minor.is_empty() {
        // Folded away: a reader opens them when they care about wording.
        let _ = writeln!(
            s,
            "<section class=\"minor\">\n<details>\n<summary>Minor edits ({}): no content word or figure changed</summary>\n<ul>",
            minor.len()
        );
        for c in minor {
            let sec = heading_name(&c.new.as_ref().and_then(|n| n.section.clone()));
            let _ = writeln!(
                s,
                "<li class=\"changed minor\"><span class=\"label\">{}:</span> {}</li>",
                h(&sec),
                words(&c.words)
            );
        }
        s.push_str("</ul>\n</details>\n</section>\n");
    }
    page(&title, &s)
}

/// Only the figures, as an HTML page with one table.
pub fn render_stat(d: &Diff) -> String {
    let mut s = String::from(
        "<table>\n<thead><tr><th>Section</th><th>Kept</th><th>Changed</th><th>Added</th><th>Removed</th><th>Moved</th></tr></thead>\n<tbody>\n",
    );
    let row = |name: &str, c: super::Counts| {
        format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            name, c.kept, c.changed, c.added, c.removed, c.moved
        )
    };
    for sec in &d.sections {
        s.push_str(&row(&h(&section_label(sec)), sec.counts));
    }
    s.push_str(&row("<strong>Total</strong>", d.stats.counts));
    let _ = writeln!(s, "</tbody>\n</table>\n<p>{}</p>", h(&summary(d)));
    page("Changes", &s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_escaped() {
        let ws = vec![
            Word {
                op: WordOp::Equal,
                text: "a <b> & ".into(),
            },
            Word {
                op: WordOp::Insert,
                text: "<script>".into(),
            },
        ];
        assert_eq!(words(&ws), "a &lt;b&gt; &amp; <ins>&lt;script&gt;</ins>");
    }
}
