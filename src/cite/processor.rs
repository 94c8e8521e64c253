//! The CSL processor: hayagriva renders, this module drives it with CSL-JSON
//! items and adds what it lacks (prefixes and suffixes, suppress-author,
//! narrative citations, author and year disambiguation).

use std::collections::BTreeMap;
use std::path::Path;

use hayagriva::citationberg::{
    taxonomy::Locator, IndependentStyle, Locale, LocaleCode, Style as CslStyle,
};
use hayagriva::{
    BibliographyDriver, BibliographyRequest, CitationItem, CitationRequest, CitePurpose, ElemChild,
    ElemChildren, ElemMeta, LocatorPayload, SpecificLocator,
};

use super::output::{escape, write_child, write_children};
use super::syntax::{Citation, CiteMode};
use super::{CiteError, CslItem, Format};
use crate::style::CitationConfig;

/// Locale names in the order of `hayagriva::archive::LOCALES`.
const LOCALE_NAMES: &[&str] = &[
    "af-ZA",
    "ar",
    "bal-PK",
    "bg-BG",
    "brh-PK",
    "ca-AD",
    "cs-CZ",
    "cy-GB",
    "da-DK",
    "de-AT",
    "de-CH",
    "de-DE",
    "el-GR",
    "en-GB",
    "en-US",
    "es-CL",
    "es-ES",
    "es-MX",
    "et-EE",
    "eu",
    "fa-IR",
    "fi-FI",
    "fr-CA",
    "fr-FR",
    "gl-ES",
    "he-IL",
    "hi-IN",
    "hr-HR",
    "hu-HU",
    "hy-AM",
    "id-ID",
    "is-IS",
    "it-IT",
    "ja-JP",
    "km-KH",
    "ko-KR",
    "la",
    "lij-IT",
    "lt-LT",
    "lv-LV",
    "mn-MN",
    "ms-MY",
    "nb-NO",
    "nl-NL",
    "nn-NO",
    "pa-PK",
    "pl-PL",
    "pt-BR",
    "pt-PT",
    "ro-RO",
    "ru-RU",
    "sk-SK",
    "sl-SI",
    "sr-Cyrl-RS",
    "sr-Latn-RS",
    "sv-SE",
    "th-TH",
    "tl-PH",
    "tr-TR",
    "uk-UA",
    "vi-VN",
    "zh-CN",
    "zh-TW",
];

/// Decodes one archived locale (not all of them: each takes time).
fn archived_locale(code: &str) -> Option<Locale> {
    let lang = code.split('-').next().unwrap_or(code);
    let idx = LOCALE_NAMES
        .iter()
        .position(|n| n.eq_ignore_ascii_case(code))
        .or_else(|| {
            LOCALE_NAMES
                .iter()
                .position(|n| n.split('-').next() == Some(lang))
        })?;
    let bytes = hayagriva::archive::LOCALES.get(idx)?;
    ciborium::de::from_reader::<Locale, _>(*bytes).ok()
}

/// A CSL style and locale ready to format citations and references.
#[derive(Debug)]
pub struct Processor {
    style: IndependentStyle,
    flags: super::disambig::Flags,
    locales: Vec<Locale>,
    locale: LocaleCode,
    link_citations: bool,
    /// The variables brief title-cases itself.
    title_cased: Vec<super::cslfix::TitleCased>,
}

/// A formatted reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The item's key.
    pub key: String,
    /// The formatted entry.
    pub text: String,
}

/// What [`Processor::process`] returns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Processed {
    /// One formatted citation per input citation, in order.
    pub citations: Vec<String>,
    /// The reference list: the cited items (and, with `all`, every item), in
    /// the style's order.
    pub references: Vec<Reference>,
    /// Keys cited but not in the bibliography, once each, in order.
    pub unresolved: Vec<String>,
}

impl Processor {
    /// Loads the CSL style and locale a `[citation]` config names. A relative
    /// `csl` path is taken relative to `base_dir` when given.
    pub fn new(cfg: &CitationConfig, base_dir: Option<&Path>) -> Result<Processor, CiteError> {
        let style = match &cfg.csl {
            Some(path) => {
                let path = match base_dir {
                    Some(d) if path.is_relative() => d.join(path),
                    _ => path.clone(),
                };
                load_csl_file(&path)?
            }
            None => {
                let archived = crate::style::resolve_csl_style(&cfg.style).ok_or_else(|| {
                    CiteError::UnknownCslStyle {
                        name: cfg.style.clone(),
                    }
                })?;
                match archived.get() {
                    CslStyle::Independent(s) => s,
                    CslStyle::Dependent(_) => {
                        return Err(CiteError::UnknownCslStyle {
                            name: cfg.style.clone(),
                        })
                    }
                }
            }
        };
        let code = if cfg.locale.is_empty() {
            style
                .default_locale
                .as_ref()
                .map_or_else(|| "en-US".to_string(), |l| l.0.clone())
        } else {
            cfg.locale.clone()
        };
        let mut locales = Vec::new();
        if let Some(l) = archived_locale(&code) {
            locales.push(l);
        }
        if !code.eq_ignore_ascii_case("en-US") {
            // CSL falls back to en-US for terms a locale lacks.
            if let Some(l) = archived_locale("en-US") {
                locales.push(l);
            }
        }
        if locales.is_empty() {
            return Err(CiteError::UnknownLocale { code });
        }
        mark_style_quotes(&mut locales);
        let mut style = style;
        super::cslfix::fix(&mut style);
        let title_cased = super::cslfix::own_title_case(&mut style);
        let flags = super::disambig::Flags::take(&mut style);
        Ok(Processor {
            flags,
            style,
            locales,
            locale: LocaleCode(code),
            link_citations: cfg.link_citations,
            title_cased,
        })
    }

    /// Loads a processor for a CSL file directly.
    pub fn from_csl_file(path: &Path, locale: &str) -> Result<Processor, CiteError> {
        let cfg = CitationConfig {
            csl: Some(path.to_path_buf()),
            locale: locale.to_string(),
            ..CitationConfig::default()
        };
        Processor::new(&cfg, None)
    }

    /// The reference list of `items`, every one of them, in the style's order.
    pub fn references(&self, items: &[CslItem], format: Format) -> Vec<String> {
        self.process(&[], items, format, true)
            .references
            .into_iter()
            .map(|r| r.text)
            .collect()
    }

    /// One citation on its own (no disambiguation against other citations
    /// than those of `items`).
    pub fn citation(
        &self,
        citation: &Citation,
        items: &[CslItem],
        format: Format,
    ) -> Result<String, CiteError> {
        let out = self.process(std::slice::from_ref(citation), items, format, false);
        if let Some(key) = out.unresolved.first() {
            return Err(CiteError::UnknownKey { key: key.clone() });
        }
        Ok(out.citations.into_iter().next().unwrap_or_default())
    }

    /// `item` with the variables the style title-cases
    /// ([`super::cslfix::own_title_case`]) in title case, when it is in
    /// English (no language, or one starting `en`), as the CSL specification
    /// says.
    fn title_case(&self, mut item: CslItem) -> CslItem {
        use hayagriva::citationberg::json::Value;
        if self.title_cased.is_empty() {
            return item;
        }
        let english = match item.0.get("language") {
            Some(Value::String(l)) => l.is_empty() || l.to_lowercase().starts_with("en"),
            _ => true,
        };
        if !english {
            return item;
        }
        let protected: String = match item.0.get(super::PROTECTED) {
            Some(Value::String(p)) => p.clone(),
            _ => String::new(),
        };
        let protected: Vec<&str> = protected.split(' ').filter(|w| !w.is_empty()).collect();
        let kind = match item.0.get("type") {
            Some(Value::String(t)) => t.parse::<hayagriva::citationberg::taxonomy::Kind>().ok(),
            _ => None,
        };
        for tc in &self.title_cased {
            if kind.is_some_and(|k| tc.except.contains(&k)) {
                continue;
            }
            let var = &tc.var;
            let italic = match &tc.italic {
                None => true,
                Some(types) => kind.is_some_and(|k| types.contains(&k)),
            };
            for key in [var.clone(), format!("{var}-short")] {
                if let Some(Value::String(v)) = item.0.get_mut(&key) {
                    *v = super::casing::title_case(v, &protected, !italic);
                }
            }
        }
        item
    }

    /// The author of the entry `key` of `items` as a narrative citation
    /// names it (`Zenz`, `World Bank`), in plain text; `None` when no entry
    /// has the key or the style names no one.
    pub fn author(&self, key: &str, items: &[CslItem]) -> Option<String> {
        let entry = items.iter().find(|it| it.id().as_deref() == Some(key))?;
        let entry = self.title_case(super::prepare_for_engine(entry));
        let mut driver: BibliographyDriver<CslItem> = BibliographyDriver::new();
        driver.citation(self.request(vec![
            CitationItem::with_entry(&entry).kind(CitePurpose::Author),
        ]));
        let rendered = driver.finish(BibliographyRequest::new(
            &self.style,
            Some(self.locale.clone()),
            &self.locales,
        ));
        let mut a = String::new();
        write_children(&rendered.citations.first()?.citation, Format::Plain, &mut a);
        Some(tidy(a.trim())).filter(|a| !a.is_empty())
    }

    /// Formats the citations of a document, in order, and its reference
    /// list. With `all`, every item is in the reference list, cited or not.
    /// An unresolved key renders as pandoc renders it (`(**key?**)` in
    /// Markdown) and is listed in [`Processed::unresolved`].
    pub fn process(
        &self,
        citations: &[Citation],
        items: &[CslItem],
        format: Format,
        all: bool,
    ) -> Processed {
        let entries: Vec<CslItem> = items
            .iter()
            .map(|it| self.title_case(super::prepare_for_engine(it)))
            .collect();
        // The first entry of a key wins.
        let by_key: BTreeMap<String, usize> = entries
            .iter()
            .enumerate()
            .filter_map(|(i, it)| it.id().map(|k| (k.into_owned(), i)))
            .rev()
            .collect();
        // Cited items in order of first citation, then (with `all`) the rest.
        let mut order: Vec<usize> = Vec::new();
        let mut seen = vec![false; entries.len()];
        let mut unresolved: Vec<String> = Vec::new();
        for ci in citations.iter().flat_map(|c| c.items.iter()) {
            match by_key.get(&ci.key) {
                Some(&i) if !seen[i] => {
                    seen[i] = true;
                    order.push(i);
                }
                Some(_) => {}
                None if !unresolved.contains(&ci.key) => unresolved.push(ci.key.clone()),
                None => {}
            }
        }
        if all {
            for (i, e) in entries.iter().enumerate() {
                if !seen[i] && e.id().is_some_and(|k| by_key.get(k.as_ref()) == Some(&i)) {
                    seen[i] = true;
                    order.push(i);
                }
            }
        }
        let involved: Vec<&CslItem> = order.iter().map(|&i| &entries[i]).collect();
        let mut decisions = super::disambig::Decisions::new(&involved, self.flags);

        // 1. The reference list, from the items as they are.
        let mut bib_driver: BibliographyDriver<CslItem> = BibliographyDriver::new();
        for &i in &order {
            let mut item = CitationItem::with_entry(&entries[i]);
            item.hidden = true;
            bib_driver.citation(self.request(vec![item]));
        }
        let mut bib = bib_driver
            .finish(BibliographyRequest::new(
                &self.style,
                Some(self.locale.clone()),
                &self.locales,
            ))
            .bibliography;
        let bib_order: Vec<String> = match &bib {
            Some(b) => b.items.iter().map(|i| i.key.clone()).collect(),
            None => {
                let mut keys: Vec<(String, String)> = involved
                    .iter()
                    .map(|i| {
                        let t =
                            i.0.get("title")
                                .and_then(|t| t.to_str())
                                .unwrap_or_default()
                                .to_lowercase();
                        (t, i.id().unwrap_or_default().into_owned())
                    })
                    .collect();
                keys.sort();
                keys.into_iter().map(|(_, k)| k).collect()
            }
        };
        decisions.assign_suffixes(&bib_order);

        let mut out = Processed {
            unresolved,
            ..Processed::default()
        };
        if let Some(bib) = bib.as_mut() {
            for item in bib.items.iter_mut() {
                if let Some(sfx) = decisions.suffix.get(&item.key) {
                    super::disambig::add_year_suffix(&mut item.content, sfx);
                }
                let mut text = String::new();
                if let Some(first) = &item.first_field {
                    write_child(first, format, &mut text);
                    text.push(' ');
                }
                write_children(&item.content, format, &mut text);
                out.references.push(Reference {
                    key: item.key.clone(),
                    text: tidy(text.trim()),
                });
            }
        }
        if citations.is_empty() {
            return out;
        }

        // 2. The citations, from items whose first names carry the given
        // name where it disambiguates (so the style sees them differ).
        let cite_entries: Vec<CslItem> = entries
            .iter()
            .map(
                |e| match e.id().and_then(|k| decisions.givenname.get(k.as_ref())) {
                    Some((_, form)) => super::disambig::with_primary_name(e, form),
                    None => e.clone(),
                },
            )
            .collect();
        let mut driver: BibliographyDriver<CslItem> = BibliographyDriver::new();
        let mut plans: Vec<Plan> = Vec::new();
        let mut n_requests = 0usize;
        for cite in citations {
            let mut plan = Plan::default();
            let narrative = cite.items.len() == 1
                && cite.items[0].mode == CiteMode::AuthorInText
                && by_key.contains_key(&cite.items[0].key);
            if narrative {
                let entry = &cite_entries[by_key[&cite.items[0].key]];
                driver.citation(self.request(vec![
                    CitationItem::with_entry(entry).kind(CitePurpose::Author),
                ]));
                plan.author = Some(n_requests);
                n_requests += 1;
            }
            // citeproc sorts runs of items; an item with a prefix starts a
            // new run and stays where it was written.
            let mut runs: Vec<Vec<usize>> = Vec::new();
            for (i, ci) in cite.items.iter().enumerate() {
                if !by_key.contains_key(&ci.key) {
                    continue;
                }
                if runs.is_empty() || (!ci.prefix.is_empty() && i > 0) {
                    runs.push(Vec::new());
                }
                if let Some(r) = runs.last_mut() {
                    r.push(i);
                }
            }
            for run in runs {
                let req_items = run
                    .iter()
                    .map(|&i| {
                        let ci = &cite.items[i];
                        let locator = ci
                            .locator
                            .as_ref()
                            .map(|(loc, val)| SpecificLocator(*loc, LocatorPayload::Str(val)));
                        CitationItem::with_locator(&cite_entries[by_key[&ci.key]], locator)
                    })
                    .collect();
                driver.citation(self.request(req_items));
                plan.runs.push((n_requests, run));
                n_requests += 1;
            }
            plans.push(plan);
        }
        let rendered = driver.finish(BibliographyRequest::new(
            &self.style,
            Some(self.locale.clone()),
            &self.locales,
        ));
        for (cite, plan) in citations.iter().zip(&plans) {
            let text = self.assemble(cite, plan, &rendered.citations, format, &decisions);
            out.citations.push(tidy(&text));
        }
        out
    }

    fn request<'a>(
        &'a self,
        items: Vec<CitationItem<'a, CslItem>>,
    ) -> CitationRequest<'a, CslItem> {
        CitationRequest::new(
            items,
            &self.style,
            Some(self.locale.clone()),
            &self.locales,
            None,
        )
    }

    fn assemble(
        &self,
        cite: &Citation,
        plan: &Plan,
        rendered: &[hayagriva::RenderedCitation],
        format: Format,
        decisions: &super::disambig::Decisions,
    ) -> String {
        let layout = &self.style.citation.layout;
        let open = escape(layout.prefix.as_deref().unwrap_or(""), format);
        let close = escape(layout.suffix.as_deref().unwrap_or(""), format);
        let delim = escape(layout.delimiter.as_deref().unwrap_or("; "), format);
        let mut numeric = false;
        let mut parts: Vec<String> = Vec::new();
        for (req, run) in &plan.runs {
            let Some(r) = rendered.get(*req) else {
                continue;
            };
            numeric |= has_meta(&r.citation, &|m| matches!(m, ElemMeta::CitationNumber));
            let mut text = String::new();
            self.write_run(&r.citation, run, cite, format, decisions, &mut text);
            let text = text
                .strip_prefix(open.as_str())
                .unwrap_or(&text)
                .to_string();
            let text = text
                .strip_suffix(close.as_str())
                .unwrap_or(&text)
                .to_string();
            if !text.trim().is_empty() {
                parts.push(text);
            }
        }
        // Unresolved keys render as pandoc renders them, in place.
        for ci in &cite.items {
            if !plan
                .runs
                .iter()
                .any(|(_, run)| run.iter().any(|&i| cite.items[i].key == ci.key))
            {
                parts.push(match format {
                    Format::Markdown => format!("**{}?**", escape(&ci.key, format)),
                    Format::Latex => format!("\\textbf{{{}?}}", escape(&ci.key, format)),
                    Format::Html => format!("<strong>{}?</strong>", escape(&ci.key, format)),
                    Format::Plain => format!("{}?", ci.key),
                });
            }
        }
        let inner = parts.join(&delim);
        let author = plan.author.and_then(|i| rendered.get(i)).map(|r| {
            let mut a = String::new();
            write_children(&r.citation, format, &mut a);
            a.trim().to_string()
        });
        match author {
            // Numeric styles cite narratively with the number alone.
            Some(_) if numeric => format!("{open}{inner}{close}"),
            Some(a) if inner.trim().is_empty() => a,
            Some(a) => format!("{a} {open}{inner}{close}"),
            None if inner.trim().is_empty() => String::new(),
            None => format!("{open}{inner}{close}"),
        }
    }

    /// Writes one driver citation, adding each item's prefix and suffix,
    /// its year suffix, and dropping the author where it is suppressed.
    fn write_run(
        &self,
        children: &ElemChildren,
        run: &[usize],
        cite: &Citation,
        format: Format,
        decisions: &super::disambig::Decisions,
        out: &mut String,
    ) {
        let key_of = |idx: usize| run.get(idx).and_then(|&i| cite.items.get(i));
        let entry_keys: Vec<Option<&str>> = children
            .0
            .iter()
            .filter_map(|c| match c {
                ElemChild::Elem(e) => match e.meta {
                    Some(ElemMeta::Entry(idx)) => Some(key_of(idx).map(|ci| ci.key.as_str())),
                    _ => None,
                },
                _ => None,
            })
            .collect();
        // Works of one author and year cited together collapse into
        // `2010a, 2010b`, joined by the cite-group delimiter.
        let same_group_as_prev: Vec<bool> = (0..entry_keys.len())
            .map(|i| {
                i > 0
                    && match (entry_keys[i - 1], entry_keys[i]) {
                        (Some(a), Some(b)) => {
                            decisions.group_of(a).is_some()
                                && decisions.group_of(a) == decisions.group_of(b)
                        }
                        _ => false,
                    }
            })
            .collect();
        let mut entry_no = 0usize;
        let mut pending: Option<String> = None;
        for child in &children.0 {
            let is_entry =
                matches!(child, ElemChild::Elem(e) if matches!(e.meta, Some(ElemMeta::Entry(_))));
            if let Some(d) = pending.take() {
                if is_entry && same_group_as_prev.get(entry_no).copied().unwrap_or(false) {
                    out.push_str(", ");
                } else {
                    out.push_str(&d);
                }
            }
            match child {
                ElemChild::Elem(e) if is_entry => {
                    let Some(ElemMeta::Entry(idx)) = e.meta else {
                        continue;
                    };
                    entry_no += 1;
                    let Some(ci) = key_of(idx) else { continue };
                    if !ci.prefix.is_empty() {
                        out.push_str(&escape(&ci.prefix, format));
                        if !ci.prefix.ends_with(char::is_whitespace) {
                            out.push(' ');
                        }
                    }
                    let mut body = e.children.clone();
                    if let Some(sfx) = decisions.suffix.get(&ci.key) {
                        super::disambig::add_year_suffix(&mut body, sfx);
                    }
                    if matches!(ci.mode, CiteMode::SuppressAuthor | CiteMode::AuthorInText) {
                        strip_names(&mut body);
                    }
                    let mut text = String::new();
                    write_children(&body, format, &mut text);
                    let text = text.trim_start();
                    if self.link_citations && !text.is_empty() {
                        out.push_str(&link_to_reference(&ci.key, text, format));
                    } else {
                        out.push_str(text);
                    }
                    if !ci.suffix.is_empty() {
                        out.push_str(&escape(&ci.suffix, format));
                    }
                }
                ElemChild::Text(_) if entry_no > 0 && entry_no < entry_keys.len() => {
                    let mut d = String::new();
                    write_child(child, format, &mut d);
                    pending = Some(d);
                }
                other => write_child(other, format, out),
            }
        }
    }
}

/// The anchor id of a reference in HTML and LaTeX output: `ref-KEY`, with
/// characters other than letters, digits, `-`, `_`, `.` and `:` as `-`.
pub fn reference_anchor(key: &str) -> String {
    let safe: String = key
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || "-_.:".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("ref-{safe}")
}

/// `text` linked to the reference of `key` (`link-citations = true`).
fn link_to_reference(key: &str, text: &str, format: Format) -> String {
    let anchor = reference_anchor(key);
    match format {
        Format::Plain => text.to_string(),
        Format::Markdown => format!("[{text}](#{anchor})"),
        Format::Latex => format!("\\hyperlink{{{anchor}}}{{{text}}}"),
        Format::Html => format!("<a href=\"#{anchor}\">{text}</a>"),
    }
}

/// Whether any element in `children` has meta matching `f`.
fn has_meta(children: &ElemChildren, f: &dyn Fn(&ElemMeta) -> bool) -> bool {
    children.0.iter().any(|c| match c {
        ElemChild::Elem(e) => e.meta.as_ref().is_some_and(f) || has_meta(&e.children, f),
        _ => false,
    })
}

/// How one input citation maps to driver citations.
#[derive(Debug, Default)]
struct Plan {
    /// The driver citation with the author alone (narrative citations).
    author: Option<usize>,
    /// Driver citations with the items, and for each the indices of its
    /// items in the input citation.
    runs: Vec<(usize, Vec<usize>)>,
}

/// Removes the first names element and the delimiter after it.
fn strip_names(children: &mut ElemChildren) -> bool {
    for i in 0..children.0.len() {
        let is_names = matches!(
            &children.0[i],
            ElemChild::Elem(e) if matches!(e.meta, Some(ElemMeta::Names(_)))
        );
        if is_names {
            children.0.remove(i);
            // A delimiter left in front of what follows goes too.
            if let Some(ElemChild::Text(t)) = children.0.get(i) {
                let trimmed = t
                    .text
                    .trim_start_matches(|c: char| c == ',' || c == ';' || c.is_whitespace());
                if trimmed.is_empty() {
                    children.0.remove(i);
                } else if trimmed.len() != t.text.len() {
                    let s = trimmed.to_string();
                    if let Some(ElemChild::Text(t)) = children.0.get_mut(i) {
                        t.text = s;
                    }
                }
            }
            return true;
        }
        if let ElemChild::Elem(e) = &mut children.0[i] {
            if strip_names(&mut e.children) {
                // The group may now start with a delimiter.
                if let Some(ElemChild::Text(t)) = e.children.0.first_mut() {
                    t.text = t
                        .text
                        .trim_start_matches(|c: char| c == ',' || c.is_whitespace())
                        .to_string();
                }
                return true;
            }
        }
    }
    false
}

/// Reads and parses a CSL file, with the position of an XML error.
pub fn load_csl_file(path: &Path) -> Result<IndependentStyle, CiteError> {
    let file = path.display().to_string();
    let xml = crate::read::source::read_text_file(path, crate::read::source::DEFAULT_MAX_INPUT)
        .map_err(|e| CiteError::Io {
            file: file.clone(),
            message: if e.kind() == std::io::ErrorKind::NotFound {
                "no such file".into()
            } else {
                e.to_string()
            },
        })?;
    parse_csl(&xml, &file)
}

/// Parses CSL XML text; `file` names it in errors.
/// The offset and name of the root element of `xml`, past the XML
/// declaration, comments and the doctype.
fn root_element(xml: &str) -> Option<(usize, &str)> {
    let mut at = 0;
    loop {
        let i = at + xml[at..].find('<')?;
        let after = &xml[i + 1..];
        if after.starts_with("!--") {
            at = i + 1 + after.find("-->")? + 3;
        } else if after.starts_with('?') || after.starts_with('!') {
            at = i + 1 + after.find('>')? + 1;
        } else {
            let len = after
                .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .unwrap_or(after.len());
            return Some((i, &after[..len]));
        }
    }
}

pub fn parse_csl(xml: &str, file: &str) -> Result<IndependentStyle, CiteError> {
    // quick-xml reports structure errors poorly; check well-formedness with
    // positions first.
    if let Some((offset, msg)) = super::xmlcheck::check(xml) {
        let (line, column) = crate::style::line_col(xml, offset);
        return Err(CiteError::Csl {
            file: file.to_string(),
            line,
            column,
            message: msg,
        });
    }
    // Any other XML (an HTML page, a locale file) fails deep in the
    // deserialiser with a message naming no place; say what it is instead.
    if let Some((offset, name)) = root_element(xml) {
        if name.rsplit(':').next() != Some("style") {
            let (line, column) = crate::style::line_col(xml, offset);
            return Err(CiteError::Csl {
                file: file.to_string(),
                line,
                column,
                message: format!("the root element is `<{name}>`: not a CSL style (`<style>`)"),
            });
        }
    }
    match CslStyle::from_xml(xml) {
        Ok(CslStyle::Independent(s)) => Ok(s),
        Ok(CslStyle::Dependent(d)) => {
            let parent = d.parent_link.href.to_string();
            match hayagriva::archive::ArchivedStyle::by_id(&parent).map(|a| a.get()) {
                Some(CslStyle::Independent(s)) => Ok(s),
                _ => Err(CiteError::Csl {
                    file: file.to_string(),
                    line: 1,
                    column: 1,
                    message: format!("dependent style whose parent `{parent}` is not built in"),
                }),
            }
        }
        Err(e) => Err(CiteError::Csl {
            file: file.to_string(),
            line: 1,
            column: 1,
            message: format!("not a valid CSL style: {e}"),
        }),
    }
}

/// Parses a locator label such as `p.`, `pp.`, `chap.`, `§`.
pub fn locator_from_label(label: &str) -> Option<Locator> {
    const DATA: &str = include_str!("data/locators.txt");
    let label = label.trim();
    DATA.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t'))
        .find(|(term, _)| *term == label)
        .and_then(|(_, name)| name.trim().parse::<Locator>().ok())
}

/// Fixes hayagriva's output where it differs from CSL processors: American
/// punctuation inside closing quotes, initials of hyphenated given names
/// (`J.-woo` is `J.`), doubled spaces.
/// The quotation marks a style adds (`quotes="true"`), told apart from
/// those written in a title: private-use characters while the engine runs,
/// turned back into marks by [`tidy`].
const STYLE_QUOTES: [(&str, char, char); 4] = [
    ("open-quote", '\u{e000}', '“'),
    ("close-quote", '\u{e001}', '”'),
    ("open-inner-quote", '\u{e002}', '‘'),
    ("close-inner-quote", '\u{e003}', '’'),
];

/// Makes every locale's quotation marks [`STYLE_QUOTES`]' placeholders: a
/// period or comma goes inside the marks a style adds (en-US), not inside
/// those of a title (`China: “Like We Were Enemies in a War”.` in APA).
fn mark_style_quotes(locales: &mut [Locale]) {
    let mut xml = String::from(
        r#"<locale xmlns="http://purl.org/net/xbiblio/csl" version="1.0" xml:lang="en-US"><terms>"#,
    );
    for (name, mark, _) in STYLE_QUOTES {
        xml.push_str(&format!(r#"<term name="{name}">{mark}</term>"#));
    }
    xml.push_str("</terms></locale>");
    let Ok(file) = hayagriva::citationberg::LocaleFile::from_xml(&xml) else {
        return;
    };
    let Some(marks) = file.terms else {
        return;
    };
    for l in locales {
        let terms = l
            .terms
            .get_or_insert_with(|| hayagriva::citationberg::Terms { terms: Vec::new() });
        terms
            .terms
            .retain(|t| !marks.terms.iter().any(|m| m.name == t.name));
        terms.terms.extend(marks.terms.iter().cloned());
    }
}

fn tidy(s: &str) -> String {
    let (outer, inner) = (STYLE_QUOTES[1].1, STYLE_QUOTES[3].1);
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        // A period or comma after the marks a style adds goes inside them.
        if c == outer || c == inner {
            let mut marks = vec![c];
            while let Some(&n) = chars.peek() {
                if n == outer || n == inner {
                    marks.push(n);
                    chars.next();
                } else {
                    break;
                }
            }
            if let Some(&p) = chars.peek().filter(|&&p| p == '.' || p == ',') {
                out.push(p);
                chars.next();
            }
            out.extend(marks);
        } else {
            out.push(c);
        }
    }
    let mut out = STYLE_QUOTES
        .iter()
        .fold(out, |o, (_, mark, glyph)| {
            o.replace(*mark, &glyph.to_string())
        })
        .replace('\u{2011}', "-");
    while out.contains("  ") {
        out = out.replace("  ", " ");
    }
    let out = hyphen_initial_re().replace_all(&out, "$1.");
    // A title ending in `?` or `!` takes no `.` or `,` after it, as in
    // citeproc: `Coming to an End?” The Guardian`, not `End?.”`.
    let out = question_dot_re().replace_all(&out, "$1$2");
    super::quotes::nest(&out)
}

fn question_dot_re() -> &'static regex::Regex {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(r"([?!])((?:[*_}”’]|</[a-z]+>)*)[.,]").unwrap_or_else(|_| unreachable!())
    })
}

fn hyphen_initial_re() -> &'static regex::Regex {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(r"\b(\p{Lu})\.-\p{Ll}+\b\.?").unwrap_or_else(|_| unreachable!())
    })
}
