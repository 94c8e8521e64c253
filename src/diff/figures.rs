//! The figure of a diff report: one stacked bar per section (claims kept,
//! changed, added, removed and moved, sections in document order) and the
//! overall similarity, built from the figures the [`Diff`] already holds
//! and drawn by the brief's chart renderers ([`crate::render::figures`]).

use super::model::Diff;
use super::{heading_name, SectionDiff};
use crate::render::figures::{Chart, Palette, Row};

/// The series of the chart, in stacking and legend order.
pub const SERIES: [&str; 5] = ["kept", "changed", "added", "removed", "moved"];

/// What the diff reports draw, and where Markdown finds the SVG file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FigureOptions {
    /// Draw the chart (`brief diff` draws it unless `--no-figures`).
    pub on: bool,
    /// Markdown: the file name of the SVG written beside the report, which
    /// the report refers to; `None` (output to standard output) leaves the
    /// image out, since there is no file to refer to.
    pub svg_name: Option<String>,
    /// Plain text: the width of the bars and their labels, in columns.
    pub width: usize,
}

impl FigureOptions {
    /// The chart, when it is wanted and the versions differ.
    pub fn chart(&self, d: &Diff) -> Option<Chart> {
        if self.on {
            changes_chart(d)
        } else {
            None
        }
    }
}

/// The name shown for a section: its new heading, else its old one.
pub fn section_label(s: &SectionDiff) -> String {
    s.new
        .as_ref()
        .or(s.old.as_ref())
        .map(|r| heading_name(&r.heading))
        .unwrap_or_default()
}

/// The overall similarity as the text says it (four decimals).
pub fn similarity_note(d: &Diff) -> String {
    format!("Overall similarity {:.4}", d.stats.similarity)
}

/// The chart of claims per section; `None` when the versions say the same
/// thing or no section holds a claim. Sections without claims in either
/// version have no bar.
pub fn changes_chart(d: &Diff) -> Option<Chart> {
    if d.is_same() {
        return None;
    }
    let rows: Vec<Row> = d
        .sections
        .iter()
        .filter_map(|s| {
            let c = s.counts;
            let values = vec![c.kept, c.changed, c.added, c.removed, c.moved];
            (values.iter().sum::<usize>() > 0).then(|| Row {
                label: section_label(s),
                values,
            })
        })
        .collect();
    (!rows.is_empty()).then(|| Chart {
        title: "Claims per section".into(),
        series: SERIES.iter().map(|s| s.to_string()).collect(),
        rows,
        note: Some(similarity_note(d)),
        palette: Palette::Changes,
    })
}
