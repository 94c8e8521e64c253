//! The brief's citations, formatted by the citation processor
//! ([`crate::cite`]) in the style's CSL style for every output format.
//!
//! - The article itself is an item (from its front matter,
//!   [`cite::article_item`]); its in-text citation follows each claim and
//!   its reference heads the title block.
//! - A claim attributed to a source that a `--bib` entry stands for (a
//!   document of that title, a work by that author: [`cite::match_source`])
//!   cites that entry instead.
//! - Pandoc citations written in a claim (`[@key]`, `[see @key, p. 3]`) of
//!   keys in the bibliography are taken out of its text and cited with it;
//!   others stay in the text as written.
//!
//! The reference list holds the article and every entry cited, in the
//! style's order; all citations of a brief are processed together, so
//! disambiguation (`2020a`/`2020b`) and numbering are consistent.

use std::collections::BTreeMap;

use crate::cite::{self, syntax, CiteError, CiteMode, CslItem, Format, Processor};
use crate::outline::Outline;
use crate::style::Style;

use super::brief::{Citations, Formatted};
use super::escape;

/// What a claim cites, when it is not just the article.
struct ClaimCites {
    id: String,
    citations: Vec<syntax::Citation>,
    text: Option<String>,
}

/// Formats the citations of a brief. `bib` are the bibliography items of
/// `--bib` (already loaded); pandoc citations in claims are read only with
/// `pandoc_citations` (Markdown input).
pub fn citations(
    o: &Outline,
    style: &Style,
    bib: &[CslItem],
    pandoc_citations: bool,
) -> Result<Citations, CiteError> {
    let processor = Processor::new(&style.citation, None)?;
    // Only web links become links: a `javascript:` URL in front matter or a
    // bibliography must not turn into one.
    let mut meta = o.meta.clone();
    meta.url = meta.url.filter(|u| escape::is_safe_url(u));
    let anonymous = meta.title.is_none()
        && meta.authors.is_empty()
        && meta.publisher.is_none()
        && meta.url.is_none();
    let mut items: Vec<CslItem> = vec![cite::article_item(&meta)];
    items.extend(bib.iter().cloned());
    for it in &mut items {
        let unsafe_url =
            it.0.get("URL")
                .and_then(|v| v.to_str())
                .is_some_and(|u| !escape::is_safe_url(&u));
        if unsafe_url {
            it.0.remove("URL");
        }
    }

    let keys: std::collections::BTreeSet<String> = items
        .iter()
        .filter_map(|it| it.id().map(|k| k.into_owned()))
        .collect();
    let matcher = cite::SourceMatcher::new(bib);
    // Many claims share a source: match each source once.
    let mut source_keys: std::collections::HashMap<&str, Option<String>> =
        std::collections::HashMap::new();
    let mut per_claim: Vec<ClaimCites> = Vec::new();
    // The author a narrative citation (`@key says`) names, once per key.
    let mut authors: BTreeMap<String, Option<String>> = BTreeMap::new();
    let mut unresolved: Vec<(String, String)> = Vec::new();
    for c in &o.claims {
        let written = if pandoc_citations {
            syntax::find(&c.text)
        } else {
            Vec::new()
        };
        let mut found: Vec<syntax::Citation> = written
            .into_iter()
            .filter(|f| !f.items.is_empty())
            .collect();
        for f in &found {
            for i in &f.items {
                if !keys.contains(&i.key) && !unresolved.iter().any(|(_, k)| k == &i.key) {
                    unresolved.push((c.id.clone(), i.key.clone()));
                }
            }
        }
        let text = if found.is_empty() {
            None
        } else {
            // Bracketed citations are taken out (they follow the claim);
            // a narrative one leaves the author it names in its place
            // (`Zenz says …`), or pandoc's `key?` for a key in no entry.
            let mut t = String::new();
            let mut last = 0;
            for f in &found {
                let narrative = f.items.len() == 1 && f.items[0].mode == CiteMode::AuthorInText;
                if narrative {
                    t.push_str(&c.text[last..f.span.start]);
                    let key = &f.items[0].key;
                    let name = authors
                        .entry(key.clone())
                        .or_insert_with(|| processor.author(key, &items));
                    match name {
                        Some(n) => t.push_str(n),
                        None if keys.contains(key) => t.push_str(&c.text[f.span.clone()]),
                        None => t.push_str(&format!("({key}?)")),
                    }
                } else {
                    t.push_str(c.text[last..f.span.start].trim_end());
                }
                last = f.span.end;
            }
            t.push_str(&c.text[last..]);
            Some(t)
        };
        // What follows the claim: every citation, a narrative one as a
        // parenthetical (its author is in the text), a key in no entry
        // only where it was bracketed.
        found.retain_mut(|f| {
            if f.items.len() == 1 && f.items[0].mode == CiteMode::AuthorInText {
                f.items[0].mode = CiteMode::Normal;
                return keys.contains(&f.items[0].key);
            }
            true
        });
        if found.is_empty() && !bib.is_empty() {
            if let Some(src) = c.source.as_deref().and_then(|id| o.source(id)) {
                let key = source_keys.entry(src.id.as_str()).or_insert_with(|| {
                    std::iter::once(&src.name)
                        .chain(src.aliases.iter())
                        .find_map(|n| matcher.find(n))
                });
                if let Some(key) = key {
                    found.push(syntax::Citation::of_key(key));
                }
            }
        }
        if !found.is_empty() || text.is_some() {
            per_claim.push(ClaimCites {
                id: c.id.clone(),
                citations: found,
                text,
            });
        }
    }

    // The article's citation first, then every claim's, in document order.
    let mut all = vec![syntax::Citation::of_key(cite::ARTICLE_KEY)];
    for pc in &per_claim {
        all.extend(pc.citations.iter().cloned());
    }

    let mut out = Citations {
        style: style.name.clone(),
        csl: style.citation.csl.as_ref().map(|p| {
            std::fs::canonicalize(p)
                .unwrap_or_else(|_| p.clone())
                .display()
                .to_string()
        }),
        link: style.citation.link_citations,
        per_claim: style.citation.per_claim,
        ..Citations::default()
    };
    for format in [Format::Plain, Format::Markdown, Format::Latex, Format::Html] {
        let processed = processor.process(&all, &items, format, false);
        let fix = |s: &str| match format {
            Format::Latex => escape::latex_unicode(s),
            _ => s.to_string(),
        };
        let mut formatted = processed.citations.iter().map(|s| fix(s));
        let article_cite = formatted.next().filter(|_| !anonymous).unwrap_or_default();
        set(&mut out.in_text, format, article_cite);
        for pc in &per_claim {
            if pc.citations.is_empty() {
                continue;
            }
            let joined: Vec<String> = formatted.by_ref().take(pc.citations.len()).collect();
            let entry = out.claims.entry(pc.id.clone()).or_default();
            set(entry, format, joined.join(" "));
        }
        // An article with no title, author, publisher or link has nothing
        // to cite it by: its reference would be a bare `(n.d.).`.
        let shown: Vec<_> = processed
            .references
            .iter()
            .filter(|r| r.key != cite::ARTICLE_KEY || !anonymous)
            .collect();
        if out.references.len() < shown.len() {
            out.references.resize(shown.len(), Formatted::default());
        }
        for (i, r) in shown.into_iter().enumerate() {
            let text = fix(&r.text);
            if r.key == cite::ARTICLE_KEY {
                set(&mut out.article, format, text.clone());
            }
            set(&mut out.references[i], format, text);
            if format == Format::Html {
                let anchor = cite::processor::reference_anchor(&r.key);
                out.anchors.push(if anchor.is_ascii() {
                    anchor
                } else {
                    String::new()
                });
            }
        }
    }
    out.authors = authors
        .into_iter()
        .filter_map(|(k, a)| Some((format!("@{k}"), a?)))
        .collect();
    out.unresolved = unresolved;
    out.texts = per_claim
        .into_iter()
        .filter_map(|pc| pc.text.map(|t| (pc.id, t)))
        .collect::<BTreeMap<_, _>>();
    Ok(out)
}

/// Names each source the article names by a narrative citation (`@zenz2019
/// says`) after the author the citation renders (`Zenz`): its name,
/// aliases and the claims' mentions. `authors` maps `@key` to the author.
pub fn name_cited_sources(o: &mut Outline, authors: &BTreeMap<String, String>) {
    let rename = |s: &mut String| {
        if s.contains('@') {
            for (key, name) in authors {
                if s.contains(key.as_str()) {
                    *s = replace_key(s, key, name);
                }
            }
        }
    };
    for src in &mut o.sources {
        rename(&mut src.name);
        for a in &mut src.aliases {
            rename(a);
        }
        src.aliases.dedup();
    }
    for c in &mut o.claims {
        if let Some(m) = c.mention.as_mut() {
            rename(&mut m.text);
        }
    }
}

/// `s` with `key` (`@zenz2019`) replaced by `name` where it stands as a
/// whole key (not `@zenz2019a`).
fn replace_key(s: &str, key: &str, name: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(at) = rest.find(key) {
        let after = &rest[at + key.len()..];
        let whole = !after.starts_with(|c: char| c.is_alphanumeric() || c == '_');
        out.push_str(&rest[..at]);
        out.push_str(if whole { name } else { key });
        rest = after;
    }
    out.push_str(rest);
    out
}

fn set(f: &mut Formatted, format: Format, s: String) {
    match format {
        Format::Plain => f.plain = s,
        Format::Markdown => f.markdown = s,
        Format::Latex => f.latex = s,
        Format::Html => f.html = s,
    }
}
