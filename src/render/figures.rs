//! Figures: small charts built from data the text already shows (the
//! brief's sources and timeline, the diff's figures), drawn as SVG
//! (hand-written, every text escaped as XML), TikZ (plain `\fill`
//! rectangles, which every TeX engine draws alike) and block characters.
//!
//! One model serves every bar chart: rows with one value per series.
//! A chart of sources has one series per kind of source (each row has one
//! non-zero value); a chart of changes stacks kept, changed, added, removed
//! and moved. Output is deterministic: fixed sizes, integer coordinates,
//! colours by series position.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthChar;

use super::brief::Brief;
use super::escape::{html as xml, latex as tex, plain};

/// A bar chart: rows of values, one value per series, stacked.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// The chart's title (also the SVG's accessible name).
    pub title: String,
    /// The series, in legend (and stacking) order.
    pub series: Vec<String>,
    /// The rows, top to bottom.
    pub rows: Vec<Row>,
    /// A line under the title (the diff's overall similarity), if any.
    pub note: Option<String>,
    /// How the series are told apart.
    pub palette: Palette,
}

/// Colours and block characters of a chart's series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Palette {
    /// By series position: distinct colours with no meaning of their own
    /// (kinds of sources).
    #[default]
    Kinds,
    /// Kept, changed, added, removed, moved: grey for what stayed, the
    /// colours of a diff for the rest.
    Changes,
}

/// Colours of [`Palette::Changes`]: kept grey, changed orange, added
/// bluish green, removed vermillion, moved blue (Okabe–Ito).
const CHANGE_COLOURS: [(u8, u8, u8); 5] = [
    (170, 170, 170),
    (230, 159, 0),
    (0, 158, 115),
    (213, 94, 0),
    (0, 114, 178),
];

/// Block characters of [`Palette::Changes`]: kept light, changes dense.
const CHANGE_BLOCKS: [char; 5] = ['░', '▒', '█', '▓', '▚'];

impl Palette {
    fn colour(self, k: usize) -> (u8, u8, u8) {
        match self {
            Palette::Kinds => colour(k),
            Palette::Changes => CHANGE_COLOURS[k % CHANGE_COLOURS.len()],
        }
    }

    fn block(self, k: usize) -> char {
        match self {
            Palette::Kinds => BLOCKS[k % BLOCKS.len()],
            Palette::Changes => CHANGE_BLOCKS[k % CHANGE_BLOCKS.len()],
        }
    }
}

/// One bar of a [`Chart`].
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The label left of the bar.
    pub label: String,
    /// One value per series.
    pub values: Vec<usize>,
}

impl Row {
    fn total(&self) -> usize {
        self.values.iter().sum()
    }
}

/// A strip of dated statements.
#[derive(Debug, Clone, PartialEq)]
pub struct Strip {
    /// The strip's title.
    pub title: String,
    /// The dates, in order, as labels, with their position on the strip in
    /// thousandths (0 = first date, 1000 = last).
    pub points: Vec<(String, u32)>,
}

/// Fill colours by series position (colour-blind safe, Okabe–Ito).
const COLOURS: [(u8, u8, u8); 6] = [
    (0, 114, 178),
    (230, 159, 0),
    (0, 158, 115),
    (204, 121, 167),
    (86, 180, 233),
    (213, 94, 0),
];

/// Block characters by series position, for the text rendering.
const BLOCKS: [char; 6] = ['█', '▓', '▒', '░', '#', '='];

fn colour(i: usize) -> (u8, u8, u8) {
    COLOURS[i % COLOURS.len()]
}

/// The chart of sources by the number of claims attributed to them, one
/// series per kind; `None` when no source has a claim.
pub fn sources_chart(b: &Brief) -> Option<Chart> {
    let mut series: Vec<String> = Vec::new();
    for s in &b.sources {
        if s.claims > 0 && !series.contains(&s.kind) {
            series.push(s.kind.clone());
        }
    }
    let rows: Vec<Row> = b
        .sources
        .iter()
        .filter(|s| s.claims > 0)
        .map(|s| Row {
            label: s.name.clone(),
            values: series
                .iter()
                .map(|k| if *k == s.kind { s.claims } else { 0 })
                .collect(),
        })
        .collect();
    (!rows.is_empty()).then(|| Chart {
        title: "Claims per source".into(),
        series,
        rows,
        note: None,
        palette: Palette::Kinds,
    })
}

/// Days since 1970-01-01 of an ISO date (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`).
fn day_number(d: &str) -> Option<i64> {
    let mut it = d.split('-');
    let y: i64 = it.next()?.parse().ok()?;
    let m: i64 = it.next().map_or(Some(1), |s| s.parse().ok())?;
    let dd: i64 = it.next().map_or(Some(1), |s| s.parse().ok())?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&dd) {
        return None;
    }
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + dd - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The timeline strip of the dated statements, to scale: each ISO date at
/// its day. Statements whose year the article does not give cannot be
/// placed on the scale: they follow, evenly spaced after a gap, and the
/// title says so. `None` when nothing is dated.
pub fn timeline_strip(b: &Brief) -> Option<Strip> {
    if b.timeline.is_empty() {
        return None;
    }
    let mut dates: Vec<String> = Vec::new();
    for t in &b.timeline {
        if dates.last() != Some(&t.date) {
            dates.push(t.date.clone());
        }
    }
    let days: Vec<Option<i64>> = dates.iter().map(|d| day_number(d)).collect();
    let scaled: Vec<i64> = days.iter().flatten().copied().collect();
    let unplaced = days.len() - scaled.len();
    // The scale's share of the strip: all of it, or three quarters with the
    // unplaced dates after.
    let end: i64 = if unplaced == 0 { 1000 } else { 750 };
    let (first, last) = (
        scaled.iter().min().copied().unwrap_or(0),
        scaled.iter().max().copied().unwrap_or(0),
    );
    let span = last - first;
    let mut k = 0usize;
    let pos: Vec<u32> = days
        .iter()
        .map(|d| match d {
            Some(d) if span > 0 => ((d - first).clamp(0, span) * end / span) as u32,
            Some(_) if unplaced == 0 => 500,
            Some(_) => 0,
            None => {
                k += 1;
                if scaled.is_empty() {
                    if unplaced == 1 {
                        500
                    } else {
                        ((k - 1) * 1000 / (unplaced - 1)) as u32
                    }
                } else {
                    (850 + (k - 1) * 150 / unplaced.max(2).saturating_sub(1).max(1)) as u32
                }
            }
        })
        .collect();
    let title = match (scaled.len(), unplaced) {
        (_, 0) => "Timeline of dated statements (to scale)".to_string(),
        (0, _) => "Timeline of dated statements (not to scale: no year given)".to_string(),
        (_, n) => {
            format!("Timeline of dated statements (to scale, but for the last {n}: no year given)")
        }
    };
    Some(Strip {
        title,
        points: dates.into_iter().zip(pos).collect(),
    })
}

/// Cuts a label to at most `max` display columns, marking the cut with `…`.
fn cut(s: &str, max: usize) -> String {
    let mut w = 0;
    let mut out = String::new();
    let total: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= max {
        return s.to_string();
    }
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > max {
            break;
        }
        w += cw;
        out.push(c);
    }
    out.push('…');
    out
}

fn width_of(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

const SVG_W: usize = 560;
const LABEL_W: usize = 210;
/// Labels longer than this many columns are cut (with `…`).
const LABEL_COLS: usize = 28;
const ROW_H: usize = 20;
const FONT: &str = "font-family=\"sans-serif\" font-size=\"12\"";

/// The chart as a standalone SVG document (no XML declaration, so it can
/// be inlined in HTML as it is). Each bar segment carries a `<title>`
/// (row, series and value) that viewers show as a tooltip.
pub fn chart_svg(c: &Chart) -> String {
    let max = c.rows.iter().map(Row::total).max().unwrap_or(0).max(1);
    // The label column fits the longest (cut) label, at about 7 px a column.
    let label_w = (c
        .rows
        .iter()
        .map(|r| width_of(&cut(&r.label, LABEL_COLS)))
        .max()
        .unwrap_or(0)
        * 7
        + 14)
        .clamp(60, LABEL_W);
    let digits = max.to_string().len();
    let bar_w = SVG_W - label_w - 12 - 8 * digits;
    let top = if c.note.is_some() { 40 } else { 24 };
    // The legend wraps onto more lines when it is wider than the chart.
    let mut legend: Vec<(usize, usize, usize, &str)> = Vec::new();
    let (mut lx, mut line) = (0usize, 0usize);
    for (k, name) in c.series.iter().enumerate() {
        let w = 26 + (13 * width_of(name).min(24)).div_ceil(2);
        if lx > 0 && lx + w > SVG_W {
            lx = 0;
            line += 1;
        }
        legend.push((k, lx, line, name));
        lx += w;
    }
    let legend_y = top + c.rows.len() * ROW_H + 10;
    let height = legend_y + 18 * (line + 1) + 6;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{SVG_W}\" height=\"{height}\" \
         viewBox=\"0 0 {SVG_W} {height}\" role=\"img\" aria-label=\"{t}\">\n\
         <title>{t}</title>\n\
         <text x=\"0\" y=\"14\" {FONT} font-weight=\"bold\">{t}</text>\n",
        t = xml(&c.title)
    );
    if let Some(note) = &c.note {
        let _ = writeln!(s, "<text x=\"0\" y=\"31\" {FONT}>{}</text>", xml(note));
    }
    for (i, r) in c.rows.iter().enumerate() {
        let y = top + i * ROW_H;
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\" {FONT} text-anchor=\"end\">{}</text>",
            label_w - 6,
            y + 14,
            xml(&cut(&r.label, LABEL_COLS))
        );
        let mut x = 0;
        let mut acc = 0;
        for (k, v) in r.values.iter().enumerate() {
            if *v == 0 {
                continue;
            }
            // Cumulative rounding: a stacked bar is as long as its total says.
            acc += v;
            // A value too small for its share still shows, one pixel wide.
            let end = ((acc * bar_w + max / 2) / max).max(x + 1);
            let w = end - x;
            let (cr, cg, cb) = c.palette.colour(k);
            let _ = writeln!(
                s,
                "<rect x=\"{}\" y=\"{}\" width=\"{w}\" height=\"{}\" fill=\"rgb({cr},{cg},{cb})\">\
                 <title>{}: {v} {}</title></rect>",
                label_w + x,
                y + 3,
                ROW_H - 6,
                xml(&r.label),
                xml(c.series.get(k).map_or("", String::as_str))
            );
            x = end;
        }
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\" {FONT}>{}</text>",
            label_w + x + 4,
            y + 14,
            r.total()
        );
    }
    for (k, x, line, name) in legend {
        let (cr, cg, cb) = c.palette.colour(k);
        let y = legend_y + 18 * line;
        let _ = writeln!(
            s,
            "<rect x=\"{x}\" y=\"{y}\" width=\"12\" height=\"12\" fill=\"rgb({cr},{cg},{cb})\"/>\
             <text x=\"{}\" y=\"{}\" {FONT}>{}</text>",
            x + 16,
            y + 11,
            xml(&cut(name, 24))
        );
    }
    s.push_str("</svg>\n");
    s
}

/// The strip as a standalone SVG document.
pub fn strip_svg(st: &Strip) -> String {
    let (x0, x1) = (20usize, SVG_W - 20);
    let line_y = 70;
    let height = 120;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{SVG_W}\" height=\"{height}\" \
         viewBox=\"0 0 {SVG_W} {height}\" role=\"img\" aria-label=\"{t}\">\n\
         <title>{t}</title>\n\
         <text x=\"0\" y=\"14\" {FONT} font-weight=\"bold\">{t}</text>\n\
         <line x1=\"{x0}\" y1=\"{line_y}\" x2=\"{x1}\" y2=\"{line_y}\" stroke=\"rgb(90,90,90)\" stroke-width=\"2\"/>\n",
        t = xml(&st.title)
    );
    for (i, (label, p)) in st.points.iter().enumerate() {
        let x = x0 + (x1 - x0) * *p as usize / 1000;
        let (cr, cg, cb) = colour(0);
        // Alternate labels above and below the line so that close dates
        // do not print over each other.
        let ly = if i % 2 == 0 { line_y - 12 } else { line_y + 22 };
        // A label centred on a date near either end would run off the
        // picture (seen in Chromium): it is kept inside.
        let label = cut(label, 16);
        let half = (width_of(&label) * 7).div_ceil(2) + 2;
        let tx = x.clamp(half, SVG_W - half);
        let _ = writeln!(
            s,
            "<circle cx=\"{x}\" cy=\"{line_y}\" r=\"5\" fill=\"rgb({cr},{cg},{cb})\"/>\
             <text x=\"{tx}\" y=\"{ly}\" {FONT} text-anchor=\"middle\">{}</text>",
            xml(&label)
        );
    }
    s.push_str("</svg>\n");
    s
}

/// A LaTeX fragment `\input` into a document without TikZ leaves the
/// figures out rather than failing.
const TIKZ_BEGIN: &str =
    "\\ifdefined\\tikzpicture\n\\begin{center}\n\\begin{tikzpicture}[x=1mm,y=1mm]\n";
const TIKZ_END: &str = "\\end{tikzpicture}\n\\end{center}\n\\fi\n";

fn tikz_colours(p: Palette, n: usize) -> String {
    let mut s = String::new();
    for k in 0..n {
        let (r, g, b) = p.colour(k);
        let _ = writeln!(s, "\\definecolor{{briefc{k}}}{{RGB}}{{{r},{g},{b}}}");
    }
    s
}

fn mm(v: usize) -> String {
    format!("{}.{}", v / 10, v % 10)
}

/// The chart as a TikZ picture (units: millimetres, one decimal).
pub fn chart_tikz(c: &Chart) -> String {
    let max = c.rows.iter().map(Row::total).max().unwrap_or(0).max(1);
    let bar_w = 700; // tenths of a millimetre
    let row_h = 50;
    let mut s = String::from(TIKZ_BEGIN);
    s.push_str(&tikz_colours(c.palette, c.series.len()));
    let title_y = if c.note.is_some() { 11 } else { 6 };
    let _ = writeln!(
        s,
        "\\node[anchor=west,font=\\bfseries\\small] at (-45,{title_y}) {{{}}};",
        tex(&c.title)
    );
    if let Some(note) = &c.note {
        let _ = writeln!(
            s,
            "\\node[anchor=west,font=\\small] at (-45,5) {{{}}};",
            tex(note)
        );
    }
    for (i, r) in c.rows.iter().enumerate() {
        let y = i * row_h;
        let _ = writeln!(
            s,
            "\\node[anchor=east,font=\\small] at (-1,-{}) {{{}}};",
            mm(y + row_h / 2),
            tex(&cut(&r.label, LABEL_COLS))
        );
        let mut x = 0;
        let mut acc = 0;
        for (k, v) in r.values.iter().enumerate() {
            if *v == 0 {
                continue;
            }
            acc += v;
            let end = (acc * bar_w + max / 2) / max;
            let _ = writeln!(
                s,
                "\\fill[briefc{k}] ({},-{}) rectangle ({},-{});",
                mm(x),
                mm(y + 8),
                mm(end),
                mm(y + row_h - 8)
            );
            x = end;
        }
        let _ = writeln!(
            s,
            "\\node[anchor=west,font=\\small,text height=1.5ex,text depth=0.3ex] at ({},-{}) {{{}}};",
            mm(x + 10),
            mm(y + row_h / 2),
            r.total()
        );
    }
    // Each legend entry starts 3 mm after the text of the one before, as
    // TeX measured it: a guessed width let long names run into the next
    // swatch (seen in the PDF).
    let ly = c.rows.len() * row_h + 55;
    for (k, name) in c.series.iter().enumerate() {
        let at = if k == 0 {
            format!("(0,-{})", mm(ly))
        } else {
            format!("([xshift=3mm]brieflg{}.east)", k - 1)
        };
        let _ = writeln!(
            s,
            "\\coordinate (brieflp{k}) at {at};\n\
             \\fill[briefc{k}] ([yshift=-1.5mm]brieflp{k}) rectangle ([xshift=3mm,yshift=1.5mm]brieflp{k});\n\
             \\node[anchor=west,inner sep=0pt,font=\\small,text height=1.5ex,text depth=0.3ex] (brieflg{k}) at ([xshift=4mm]brieflp{k}) {{{}}};",
            tex(&cut(name, 24))
        );
    }
    s.push_str(TIKZ_END);
    s
}

/// The strip as a TikZ picture.
pub fn strip_tikz(st: &Strip) -> String {
    let len = 1100; // tenths of a millimetre
    let mut s = String::from(TIKZ_BEGIN);
    s.push_str(&tikz_colours(Palette::Kinds, 1));
    let _ = writeln!(s, "\\fill[black!60] (0,-0.3) rectangle ({},0.3);", mm(len));
    for (i, (label, p)) in st.points.iter().enumerate() {
        let x = len * *p as usize / 1000;
        let (anchor, y) = if i % 2 == 0 {
            ("south", "2")
        } else {
            ("north", "-2")
        };
        let _ = writeln!(
            s,
            "\\fill[briefc0] ({},0) circle (1.2);\n\
             \\node[anchor={anchor},font=\\scriptsize] at ({},{y}) {{{}}};",
            mm(x),
            mm(x),
            tex(&cut(label, 16))
        );
    }
    s.push_str(TIKZ_END);
    s
}

/// The chart in block characters, one row per line, within `width`
/// display columns; a legend line follows when there are several series.
pub fn chart_text(c: &Chart, width: usize) -> String {
    chart_text_painted(c, width, &|_, s| s)
}

/// [`chart_text`] with each run of blocks (and each legend block) passed
/// through `paint` with its series index, to colour it for a terminal.
pub fn chart_text_painted(
    c: &Chart,
    width: usize,
    paint: &dyn Fn(usize, String) -> String,
) -> String {
    let width = width.max(30);
    let max = c.rows.iter().map(Row::total).max().unwrap_or(0).max(1);
    let digits = max.to_string().len();
    let label_w = c
        .rows
        .iter()
        .map(|r| width_of(&plain(&r.label)))
        .max()
        .unwrap_or(0)
        .min(width / 3);
    let bar_w = width - label_w - digits - 3;
    let mut s = String::new();
    for r in &c.rows {
        let label = cut(&plain(&r.label), label_w);
        let pad = label_w - width_of(&label);
        s.push_str(&label);
        s.push_str(&" ".repeat(pad + 1));
        // Cumulative rounding keeps the stacked total exact.
        let mut lens: Vec<usize> = Vec::with_capacity(r.values.len());
        let (mut acc, mut used) = (0, 0);
        for v in &r.values {
            acc += v;
            let end = (acc * bar_w + max / 2) / max;
            lens.push(end.saturating_sub(used));
            used = used.max(end);
        }
        // A value too small for its share still shows as one block, taken
        // from the longest run of the bar.
        for k in 0..lens.len() {
            if r.values[k] > 0 && lens[k] == 0 {
                if let Some(big) = (0..lens.len())
                    .filter(|&j| lens[j] > 1)
                    .max_by_key(|&j| lens[j])
                {
                    lens[big] -= 1;
                    lens[k] = 1;
                }
            }
        }
        let mut used = 0;
        for (k, n) in lens.into_iter().enumerate() {
            if n > 0 {
                s.push_str(&paint(
                    k,
                    std::iter::repeat_n(c.palette.block(k), n).collect(),
                ));
            }
            used += n;
        }
        let _ = writeln!(
            s,
            "{} {:>digits$}",
            " ".repeat(bar_w.saturating_sub(used)),
            r.total()
        );
    }
    if c.series.len() > 1 {
        // The legend wraps at the width like the text around it (widths
        // counted without the colours).
        let mut line = String::new();
        let mut line_w = 0;
        for (k, n) in c.series.iter().enumerate() {
            let name = plain(n);
            let w = 2 + width_of(&name);
            if line_w > 0 && line_w + 2 + w > width {
                s.push_str(&line);
                s.push('\n');
                line.clear();
                line_w = 0;
            }
            if line_w > 0 {
                line.push_str("  ");
                line_w += 2;
            }
            line.push_str(&paint(k, c.palette.block(k).to_string()));
            line.push(' ');
            line.push_str(&name);
            line_w += w;
        }
        s.push_str(&line);
        s.push('\n');
    }
    s
}

/// The strip in text: a line of the width with `●` at each date, then the
/// dates numbered in order.
pub fn strip_text(st: &Strip, width: usize) -> String {
    let width = width.max(20);
    let mut line: Vec<char> = vec!['─'; width];
    for (_, p) in &st.points {
        line[(width - 1) * *p as usize / 1000] = '●';
    }
    let mut s: String = line.into_iter().collect();
    s.push('\n');
    if let (Some(first), Some(last)) = (st.points.first(), st.points.last()) {
        let (a, b) = (&plain(&first.0), &plain(&last.0));
        if a == b {
            let _ = writeln!(s, "{a}");
        } else {
            let gap = width.saturating_sub(width_of(a) + width_of(b)).max(1);
            let _ = writeln!(s, "{a}{}{b}", " ".repeat(gap));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart() -> Chart {
        Chart {
            title: "A <b> & c".into(),
            series: vec!["person".into(), "organization".into()],
            note: None,
            palette: Palette::Kinds,
            rows: vec![
                Row {
                    label: "Smith & Co <x>".into(),
                    values: vec![3, 0],
                },
                Row {
                    label: "Ann".into(),
                    values: vec![0, 1],
                },
            ],
        }
    }

    #[test]
    fn svg_escapes_text() {
        let s = chart_svg(&chart());
        assert!(s.contains("Smith &amp; Co &lt;x&gt;"));
        assert!(!s.contains("<b>"));
    }

    #[test]
    fn text_bars_fit_the_width() {
        let t = chart_text(&chart(), 40);
        for l in t.lines() {
            assert!(width_of(l) <= 40, "{l}");
        }
        assert!(t.contains("█ person  ▓ organization"));
    }

    #[test]
    fn a_small_value_still_shows() {
        let c = Chart {
            title: "t".into(),
            series: vec!["kept".into(), "removed".into()],
            rows: vec![Row {
                label: "A".into(),
                values: vec![1000, 1],
            }],
            note: None,
            palette: Palette::Changes,
        };
        let t = chart_text(&c, 40);
        let bar = t.lines().next().unwrap();
        assert_eq!(bar.matches('▒').count(), 1, "{t}");
        assert!(width_of(bar) <= 40);
        let svg = chart_svg(&c);
        assert!(svg.contains("width=\"1\" height=\"14\""), "{svg}");
    }

    #[test]
    fn tikz_escapes_labels() {
        let t = chart_tikz(&chart());
        assert!(t.contains("Smith \\& Co"));
    }

    #[test]
    fn day_numbers() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2000-03-01"), Some(11017));
        assert_eq!(day_number("March"), None);
    }
}
