//! Serialising an outline: JSON, TOML and a readable Markdown view.

use std::fmt::Write;

use crate::outline::{EntityKind, Outline};

/// Pretty, deterministic JSON with a final newline.
pub fn to_json(o: &Outline) -> String {
    let mut s = serde_json::to_string_pretty(o).unwrap_or_default();
    s.push('\n');
    s
}

/// [`to_json`], written to `w` as it is made.
pub fn write_json(o: &Outline, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    // The serializer makes many writes of a few bytes; through `dyn Write`
    // each was a call that could not be inlined, a sixth of an outline's
    // time. A buffer of a known type takes them inline.
    let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
    serde_json::to_writer_pretty(&mut w, o)?;
    std::io::Write::write_all(&mut w, b"\n")?;
    std::io::Write::flush(&mut w)
}

/// TOML. `null` fields are left out, as TOML has no null.
pub fn to_toml(o: &Outline) -> String {
    toml::to_string_pretty(o).unwrap_or_default()
}

/// Escapes text for Markdown inline content. Control characters become
/// their visible pictures and bidirectional overrides U+FFFD, so an
/// article's ESC or BEL cannot drive the terminal the outline is shown on.
pub fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in crate::render::escape::sanitize(s).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '$'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A readable outline: the title, each section with its claims tagged by
/// source, then the sources and the entities by kind.
pub fn to_markdown(o: &Outline) -> String {
    let mut s = String::new();
    let title = o.meta.title.as_deref().unwrap_or("Outline");
    let _ = writeln!(s, "# {}\n", md_escape(title));
    let mut byline = Vec::new();
    if !o.meta.authors.is_empty() {
        byline.push(o.meta.authors.join(", "));
    }
    if let Some(p) = &o.meta.publisher {
        byline.push(p.clone());
    }
    if let Some(d) = &o.meta.date {
        byline.push(d.clone());
    }
    if !byline.is_empty() {
        let _ = writeln!(s, "*{}*\n", md_escape(&byline.join(" · ")));
    }
    for sec in &o.sections {
        if sec.claims.is_empty() && sec.heading.is_none() {
            continue;
        }
        let _ = writeln!(
            s,
            "## {}\n",
            md_escape(sec.heading.as_deref().unwrap_or("Lead"))
        );
        for cid in &sec.claims {
            let Some(c) = o.claims.iter().find(|c| &c.id == cid) else {
                continue;
            };
            let tag = match c.source.as_deref().and_then(|id| o.source(id)) {
                Some(src) => {
                    let via = c
                        .via
                        .as_deref()
                        .and_then(|v| o.source(v))
                        .map(|v| format!(", via {}", md_escape(&v.name)))
                        .unwrap_or_default();
                    format!("**[{}{}]** ", md_escape(&src.name), via)
                }
                None => String::new(),
            };
            let _ = writeln!(s, "- {}{}", tag, md_escape(&c.text));
        }
        s.push('\n');
    }
    if !o.sources.is_empty() {
        s.push_str("## Sources\n\n");
        for src in &o.sources {
            let role = src
                .role
                .as_deref()
                .map(|r| format!(", {}", md_escape(r)))
                .unwrap_or_default();
            let aliases: Vec<_> = src
                .aliases
                .iter()
                .filter(|a| **a != src.name)
                .map(|a| md_escape(a))
                .collect();
            let aka = if aliases.is_empty() {
                String::new()
            } else {
                format!(" (also: {})", aliases.join("; "))
            };
            let _ = writeln!(
                s,
                "- **{}**{} — {:?}, {} claim{}{}",
                md_escape(&src.name),
                role,
                src.kind,
                src.claims,
                if src.claims == 1 { "" } else { "s" },
                aka
            );
        }
        s.push('\n');
    }
    let kinds = [
        (EntityKind::Person, "People"),
        (EntityKind::Organization, "Organizations"),
        (EntityKind::Place, "Places"),
        (EntityKind::Law, "Laws"),
        (EntityKind::Date, "Dates"),
        (EntityKind::Other, "Other"),
    ];
    let mut any = false;
    for (kind, label) in kinds {
        let names: Vec<_> = o
            .entities
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| md_escape(&e.name))
            .collect();
        if names.is_empty() {
            continue;
        }
        if !any {
            s.push_str("## Entities\n\n");
            any = true;
        }
        let _ = writeln!(s, "- **{}**: {}", label, names.join(", "));
    }
    while s.ends_with("\n\n") {
        s.pop();
    }
    s
}
