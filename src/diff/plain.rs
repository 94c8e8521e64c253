//! The diff as text for a terminal, in the manner of wdiff:
//! `[-removed-]{+added+}`, coloured (red and green) when asked.

use std::fmt::Write;

use anstyle::{AnsiColor, Style};

use super::figures::FigureOptions;
use super::model::{Change, ChangeKind, Diff, SectionStatus, Word, WordOp};
use super::{groups, heading_name, key_label, minor_changes, summary};

/// Styles of the plain output; all plain when colour is off.
#[derive(Debug, Clone, Copy, Default)]
pub struct Palette {
    del: Style,
    ins: Style,
    head: Style,
    label: Style,
    kept: Style,
    changed: Style,
    moved: Style,
}

impl Palette {
    /// Colours (`true`) or none.
    pub fn new(color: bool) -> Palette {
        if !color {
            return Palette::default();
        }
        Palette {
            del: AnsiColor::Red.on_default(),
            ins: AnsiColor::Green.on_default(),
            head: Style::new().bold(),
            label: AnsiColor::Cyan.on_default(),
            kept: AnsiColor::BrightBlack.on_default(),
            changed: AnsiColor::Yellow.on_default(),
            moved: AnsiColor::Blue.on_default(),
        }
    }
}

fn paint(st: Style, s: &str) -> String {
    if st == Style::new() {
        s.to_string()
    } else {
        format!("{}{}{}", st.render(), s, st.render_reset())
    }
}

/// Drops control characters from article text so it cannot drive the
/// terminal (escape sequences), and bidirectional overrides and isolates so
/// it cannot reorder what is shown; turns line breaks into spaces.
fn clean(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() || crate::render::escape::is_bidi_control(c) => None,
            c => Some(c),
        })
        .collect()
}

fn del(p: &Palette, s: &str) -> String {
    paint(p.del, &format!("[-{}-]", clean(s)))
}

fn ins(p: &Palette, s: &str) -> String {
    paint(p.ins, &format!("{{+{}+}}", clean(s)))
}

/// Word changes, wdiff style.
pub fn words(p: &Palette, ws: &[Word]) -> String {
    ws.iter()
        .map(|w| match w.op {
            WordOp::Equal => clean(&w.text),
            WordOp::Delete => del(p, &w.text),
            WordOp::Insert => ins(p, &w.text),
        })
        .collect()
}

fn line(p: &Palette, c: &Change) -> String {
    let text = |r: &Option<super::ClaimRef>| r.as_ref().map_or(String::new(), |r| r.text.clone());
    let (label, body) = match c.kind {
        ChangeKind::Added => ("added  ", ins(p, &text(&c.new))),
        ChangeKind::Removed => ("removed", del(p, &text(&c.old))),
        ChangeKind::Changed => ("changed", words(p, &c.words)),
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
            let body = if c.words.is_empty() {
                clean(&text(&c.new))
            } else {
                words(p, &c.words)
            };
            let body = if from == to {
                body
            } else {
                format!("(from \"{}\") {body}", clean(&from))
            };
            ("moved  ", body)
        }
    };
    format!("{} {}", paint(p.label, label), body)
}

/// The whole diff for a terminal, without figures.
pub fn render(d: &Diff, p: &Palette) -> String {
    render_with(d, p, &FigureOptions::default())
}

/// The whole diff for a terminal; with figures on, a bar of block
/// characters per section follows the summary, within `fig.width` columns.
pub fn render_with(d: &Diff, p: &Palette, fig: &FigureOptions) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{}", summary(d));
    if d.is_same() {
        return s;
    }
    if let Some(c) = fig.chart(d) {
        // Series in the order of figures::SERIES: kept, changed, added,
        // removed, moved.
        let style = |k: usize| match k {
            1 => p.changed,
            2 => p.ins,
            3 => p.del,
            4 => p.moved,
            _ => p.kept,
        };
        let paint_k = |k: usize, t: String| paint(style(k), &t);
        let text = crate::render::figures::chart_text_painted(&c, fig.width, &paint_k);
        let _ = write!(s, "\n{text}");
    }
    if !d.key_changes.is_empty() {
        let _ = writeln!(s, "\n{}", paint(p.head, "== Key changes =="));
        for (n, k) in d.key_changes.iter().enumerate() {
            let sec = k
                .section
                .as_deref()
                .map(|h| format!(" [{}]", clean(h)))
                .unwrap_or_default();
            let _ = writeln!(
                s,
                "{:>2}. {}{sec} {}",
                n + 1,
                paint(p.label, key_label(k)),
                clean(&k.text)
            );
        }
        s.push('\n');
    }
    for m in &d.meta {
        let _ = writeln!(
            s,
            "{} {}: {}{}",
            paint(p.label, "meta   "),
            m.field,
            del(p, m.old.as_deref().unwrap_or("")),
            ins(p, m.new.as_deref().unwrap_or(""))
        );
    }
    for sec in &d.sections {
        let name = |r: &Option<super::SectionRef>| {
            clean(
                &r.as_ref()
                    .map(|r| heading_name(&r.heading))
                    .unwrap_or_default(),
            )
        };
        let l = match sec.status {
            SectionStatus::Same => continue,
            SectionStatus::Renamed => {
                format!("renamed \"{}\" -> \"{}\"", name(&sec.old), name(&sec.new))
            }
            SectionStatus::Moved => format!("moved \"{}\"", name(&sec.new)),
            SectionStatus::Added => format!("added \"{}\"", name(&sec.new)),
            SectionStatus::Removed => format!("removed \"{}\"", name(&sec.old)),
        };
        let _ = writeln!(s, "{} {}", paint(p.label, "section"), l);
    }
    for (heading, changes) in groups(d) {
        let _ = writeln!(
            s,
            "\n{}",
            paint(p.head, &format!("== {} ==", clean(&heading)))
        );
        for c in changes {
            let _ = writeln!(s, "{}", line(p, c));
        }
    }
    let e = &d.entities;
    let src = &d.sources;
    let mut names: Vec<String> = Vec::new();
    for n in &e.added {
        names.push(format!("newly named ({}): {}", n.kind, ins(p, &n.name)));
    }
    for n in &e.removed {
        names.push(format!("no longer named ({}): {}", n.kind, del(p, &n.name)));
    }
    for n in &src.added {
        names.push(format!("new source ({}): {}", n.kind, ins(p, &n.name)));
    }
    for n in &src.removed {
        names.push(format!("source dropped ({}): {}", n.kind, del(p, &n.name)));
    }
    for c in &src.changed {
        names.push(format!(
            "source changed {}{}: {}",
            del(p, c.old.source.as_deref().unwrap_or("(article)")),
            ins(p, c.new.source.as_deref().unwrap_or("(article)")),
            clean(&c.new.text)
        ));
    }
    if !names.is_empty() {
        let _ = writeln!(s, "\n{}", paint(p.head, "== Names and sources =="));
        for n in names {
            let _ = writeln!(s, "{n}");
        }
    }
    let minor = minor_changes(d);
    if !minor.is_empty() {
        let _ = writeln!(
            s,
            "\n{}",
            paint(
                p.head,
                &format!(
                    "== Minor edits ({}): no content word or figure changed ==",
                    minor.len()
                )
            )
        );
        for c in minor {
            let sec = heading_name(&c.new.as_ref().and_then(|n| n.section.clone()));
            let _ = writeln!(
                s,
                "{} [{}] {}",
                paint(p.label, "minor  "),
                clean(&sec),
                words(p, &c.words)
            );
        }
    }
    s
}

/// Only the figures: one line per section with changes, then the total.
pub fn render_stat(d: &Diff) -> String {
    let mut rows: Vec<(String, [usize; 5])> = Vec::new();
    for sec in &d.sections {
        let r = sec.new.as_ref().or(sec.old.as_ref());
        let name = clean(&r.map(|r| heading_name(&r.heading)).unwrap_or_default());
        let c = sec.counts;
        rows.push((name, [c.kept, c.changed, c.added, c.removed, c.moved]));
    }
    let c = d.stats.counts;
    rows.push((
        "total".into(),
        [c.kept, c.changed, c.added, c.removed, c.moved],
    ));
    let w = rows
        .iter()
        .map(|(n, _)| unicode_width::UnicodeWidthStr::width(n.as_str()))
        .max()
        .unwrap_or(5)
        .clamp(7, 48);
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{:w$}  {:>6} {:>7} {:>6} {:>7} {:>6}",
        "section", "kept", "changed", "added", "removed", "moved"
    );
    for (name, v) in rows {
        let shown: String = truncate(&name, w);
        let pad = w.saturating_sub(unicode_width::UnicodeWidthStr::width(shown.as_str()));
        let _ = writeln!(
            s,
            "{shown}{}  {:>6} {:>7} {:>6} {:>7} {:>6}",
            " ".repeat(pad),
            v[0],
            v[1],
            v[2],
            v[3],
            v[4]
        );
    }
    let _ = writeln!(s, "{}", summary(d));
    s
}

fn truncate(s: &str, width: usize) -> String {
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw > width {
            out.pop();
            out.push('…');
            break;
        }
        out.push(c);
        w += cw;
    }
    out
}
