//! The diff as Markdown, with word changes as CriticMarkup
//! (`{++added++}`, `{--removed--}`, `{~~old~>new~~}`).
//!
//! All article text is escaped ([`crate::render::escape::markdown`]), so the
//! only markup in the output is ours: headings, list items, bold labels and
//! CriticMarkup. CriticMarkup is text to a CommonMark renderer and reads as
//! tracked changes to a CriticMarkup-aware one.

use std::fmt::Write;

use super::figures::{FigureOptions, SERIES};
use super::model::{Change, ChangeKind, Diff, SectionStatus, Word, WordOp};
use super::{groups, heading_name, key_label, minor_changes, summary};
// Every piece of text follows our own markup on its line.
use crate::render::escape::markdown_continued as esc;

/// Word changes as CriticMarkup, text escaped.
pub fn critic(words: &[Word]) -> String {
    let mut s = String::new();
    let mut i = 0;
    while i < words.len() {
        let w = &words[i];
        match w.op {
            WordOp::Equal => s.push_str(&esc(&w.text)),
            WordOp::Delete => {
                if let Some(n) = words.get(i + 1).filter(|n| n.op == WordOp::Insert) {
                    let _ = write!(s, "{{~~{}~>{}~~}}", esc(&w.text), esc(&n.text));
                    i += 1;
                } else {
                    let _ = write!(s, "{{--{}--}}", esc(&w.text));
                }
            }
            WordOp::Insert => {
                let _ = write!(s, "{{++{}++}}", esc(&w.text));
            }
        }
        i += 1;
    }
    s
}

fn line(c: &Change) -> String {
    let text = |r: &Option<super::ClaimRef>| r.as_ref().map_or(String::new(), |r| r.text.clone());
    match c.kind {
        ChangeKind::Added => format!("- **Added:** {{++{}++}}", esc(&text(&c.new))),
        ChangeKind::Removed => format!("- **Removed:** {{--{}--}}", esc(&text(&c.old))),
        ChangeKind::Changed => format!("- **Changed:** {}", critic(&c.words)),
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
                format!(" (from “{}”)", esc(&from))
            };
            let body = if c.words.is_empty() {
                esc(&text(&c.new))
            } else {
                critic(&c.words)
            };
            format!("- **Moved{whence}:** {body}")
        }
    }
}

/// The whole diff as a Markdown report, without figures.
pub fn render(d: &Diff, old_name: &str, new_name: &str) -> String {
    render_with(d, old_name, new_name, &FigureOptions::default())
}

/// The whole diff as a Markdown report; with figures on and an SVG file
/// name, the chart of claims per section is referred to as an image
/// (the caller writes [`svg`] to that file beside the report).
pub fn render_with(d: &Diff, old_name: &str, new_name: &str, fig: &FigureOptions) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# Changes from {} to {}\n", esc(old_name), esc(new_name));
    let _ = writeln!(s, "{}\n", esc(&summary(d)));
    if let (Some(name), Some(c)) = (&fig.svg_name, fig.chart(d)) {
        let alt = format!(
            "{}: {}; {}",
            c.title,
            SERIES.join(", "),
            c.note.as_deref().unwrap_or_default()
        );
        let _ = writeln!(
            s,
            "{}\n",
            crate::render::escape::markdown_svg_figure(name, &alt)
        );
    }
    if d.is_same() {
        let _ = writeln!(s, "The two versions say the same thing.");
        return s;
    }
    if !d.key_changes.is_empty() {
        let _ = writeln!(s, "## Key changes\n");
        for k in &d.key_changes {
            let sec = k
                .section
                .as_deref()
                .map(|h| format!(" (“{}”)", esc(h)))
                .unwrap_or_default();
            let _ = writeln!(s, "- **{}**{sec}: {}", key_label(k), esc(&k.text));
        }
        s.push('\n');
    }
    for m in &d.meta {
        let _ = writeln!(
            s,
            "- **{}:** {} → {}",
            m.field,
            esc(m.old.as_deref().unwrap_or("(none)")),
            esc(m.new.as_deref().unwrap_or("(none)"))
        );
    }
    let mut any = false;
    for sec in &d.sections {
        let name = |r: &Option<super::SectionRef>| {
            r.as_ref()
                .map(|r| heading_name(&r.heading))
                .unwrap_or_default()
        };
        let l = match sec.status {
            SectionStatus::Same => continue,
            SectionStatus::Renamed => format!(
                "- Section renamed: “{}” → “{}”",
                esc(&name(&sec.old)),
                esc(&name(&sec.new))
            ),
            SectionStatus::Moved => format!("- Section moved: “{}”", esc(&name(&sec.new))),
            SectionStatus::Added => format!("- Section added: “{}”", esc(&name(&sec.new))),
            SectionStatus::Removed => format!("- Section removed: “{}”", esc(&name(&sec.old))),
        };
        let _ = writeln!(s, "{l}");
        any = true;
    }
    if any || !d.meta.is_empty() {
        s.push('\n');
    }
    for (heading, changes) in groups(d) {
        let _ = writeln!(s, "## {}\n", esc(&heading));
        for c in changes {
            let _ = writeln!(s, "{}", line(c));
        }
        s.push('\n');
    }
    let e = &d.entities;
    let src = &d.sources;
    if !e.added.is_empty()
        || !e.removed.is_empty()
        || !src.added.is_empty()
        || !src.removed.is_empty()
        || !src.changed.is_empty()
    {
        let _ = writeln!(s, "## Names and sources\n");
        for n in &e.added {
            let _ = writeln!(s, "- **Newly named** ({}): {}", n.kind, esc(&n.name));
        }
        for n in &e.removed {
            let _ = writeln!(s, "- **No longer named** ({}): {}", n.kind, esc(&n.name));
        }
        for n in &src.added {
            let _ = writeln!(s, "- **New source** ({}): {}", n.kind, esc(&n.name));
        }
        for n in &src.removed {
            let _ = writeln!(s, "- **Source dropped** ({}): {}", n.kind, esc(&n.name));
        }
        for c in &src.changed {
            let _ = writeln!(
                s,
                "- **Source changed** from {} to {}: {}",
                esc(c.old.source.as_deref().unwrap_or("the article itself")),
                esc(c.new.source.as_deref().unwrap_or("the article itself")),
                esc(&c.new.text)
            );
        }
        s.push('\n');
    }
    let minor = minor_changes(d);
    if !minor.is_empty() {
        let _ = writeln!(s, "## Minor edits ({})\n", minor.len());
        let _ = writeln!(
            s,
            "No content word or figure changed in these: punctuation, inflection, numerals, articles.\n"
        );
        for c in minor {
            let sec = heading_name(&c.new.as_ref().and_then(|n| n.section.clone()));
            let _ = writeln!(s, "- **Minor** (“{}”): {}", esc(&sec), critic(&c.words));
        }
        s.push('\n');
    }
    while s.ends_with("\n\n") {
        s.pop();
    }
    s
}

/// The SVG file a Markdown report refers to, if figures are on and the
/// versions differ.
pub fn svg(d: &Diff, fig: &FigureOptions) -> Option<String> {
    fig.svg_name.as_ref()?;
    fig.chart(d).map(|c| crate::render::figures::chart_svg(&c))
}

/// Only the figures, as a Markdown table.
pub fn render_stat(d: &Diff) -> String {
    let mut s = String::from(
        "| Section | Kept | Changed | Added | Removed | Moved |\n|---|---:|---:|---:|---:|---:|\n",
    );
    for sec in &d.sections {
        let r = sec.new.as_ref().or(sec.old.as_ref());
        let name = r.map(|r| heading_name(&r.heading)).unwrap_or_default();
        let c = sec.counts;
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} |",
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
        "| **Total** | {} | {} | {} | {} | {} |\n\n{}",
        c.kept,
        c.changed,
        c.added,
        c.removed,
        c.moved,
        esc(&summary(d))
    );
    s
}
