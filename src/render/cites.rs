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

use crate::cite::{self, syntax, CiteError, CslItem, Format, Processor};
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
/// `--bib` (already loaded).
pub fn citations(o: &Outline, style: &Style, bib: &[CslItem]) -> Result<Citations, CiteError> {
    let processor = Processor::new(&style.citation, None)?;
    // Only web links become links: a `javascript:` URL in front matter or a
    // bibliography must not turn into one.
    let mut meta = o.meta.clone();
    meta.url = meta.url.filter(|u| escape::is_safe_url(u));
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
    for c in &o.claims {
        // Only citations of known keys are taken out: `[@x]` with no entry
        // is text like any other and stays as written.
        let mut found: Vec<syntax::Citation> = syntax::find(&c.text)
            .into_iter()
            .filter(|f| !f.items.is_empty() && f.items.iter().all(|i| keys.contains(&i.key)))
            .collect();
        let text = if found.is_empty() {
            None
        } else {
            let mut t = String::new();
            let mut last = 0;
            for f in &found {
                t.push_str(c.text[last..f.span.start].trim_end());
                last = f.span.end;
            }
            t.push_str(&c.text[last..]);
            Some(t)
        };
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
        if !found.is_empty() {
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
        link: style.citation.link_citations,
        ..Citations::default()
    };
    for format in [Format::Plain, Format::Markdown, Format::Latex, Format::Html] {
        let processed = processor.process(&all, &items, format, false);
        let fix = |s: &str| match format {
            Format::Latex => escape::latex_unicode(s),
            _ => s.to_string(),
        };
        let mut formatted = processed.citations.iter().map(|s| fix(s));
        let article_cite = formatted.next().unwrap_or_default();
        set(&mut out.in_text, format, article_cite);
        for pc in &per_claim {
            let joined: Vec<String> = formatted.by_ref().take(pc.citations.len()).collect();
            let entry = out.claims.entry(pc.id.clone()).or_default();
            set(entry, format, joined.join(" "));
        }
        if out.references.len() < processed.references.len() {
            out.references
                .resize(processed.references.len(), Formatted::default());
        }
        for (i, r) in processed.references.iter().enumerate() {
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
    out.texts = per_claim
        .into_iter()
        .filter_map(|pc| pc.text.map(|t| (pc.id, t)))
        .collect::<BTreeMap<_, _>>();
    Ok(out)
}

fn set(f: &mut Formatted, format: Format, s: String) {
    match format {
        Format::Plain => f.plain = s,
        Format::Markdown => f.markdown = s,
        Format::Latex => f.latex = s,
        Format::Html => f.html = s,
    }
}
