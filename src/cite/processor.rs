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
        let mut style = style;
        let flags = super::disambig::Flags::take(&mut style);
        Ok(Processor {
            flags,
            style,
            locales,
            locale: LocaleCode(code),
            link_citations: cfg.link_citations,
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

    /// Formats the citations of a document, in order, and its reference
    /// list. With `all`, every item is in the reference list, cited or not.
    /// An unresolved key renders as pandoc does (`(**key?**)` in Markdown)
    /// and is listed in [`Processed::unresolved`].
    pub fn process(
        &self,
        citations: &[Citation],
        items: &[CslItem],
        format: Format,
        all: bool,
    ) -> Processed {
        let prepared: Vec<CslItem> = items.iter().map(super::prepare_for_engine).collect();
        let by_key: BTreeMap<String, usize> = prepared
            .iter()
            .enumerate()
            .filter_map(|(i, it)| it.id().map(|k| (k.into_owned(), i)))
            .rev()
            .collect();
        let entries = prepared;
        let involved: Vec<&CslItem> = if all {
            entries.iter().collect()
        } else {
            let mut keys: Vec<&str> = citations
                .iter()
                .flat_map(|c| c.items.iter().map(|i| i.key.as_str()))
                .collect();
            keys.sort_unstable();
            keys.dedup();
            keys.iter()
                .filter_map(|k| by_key.get(*k).map(|&i| &entries[i]))
                .collect()
        };
        let mut decisions = super::disambig::Decisions::new(&involved, self.flags);

        let mut driver: BibliographyDriver<CslItem> = BibliographyDriver::new();
        let mut unresolved: Vec<String> = Vec::new();
        // What each input citation became: which driver citations hold its
        // parts.
        let mut plans: Vec<Plan> = Vec::new();
        let mut n_requests = 0usize;

        for cite in citations {
            let mut plan = Plan::default();
            for (i, ci) in cite.items.iter().enumerate() {
                if !by_key.contains_key(&ci.key) && !unresolved.contains(&ci.key) {
                    unresolved.push(ci.key.clone());
                }
                plan.affixes.push((ci.prefix.clone(), ci.suffix.clone()));
                let _ = i;
            }
            let narrative = cite.items.len() == 1
                && cite.items[0].mode == CiteMode::AuthorInText
                && by_key.contains_key(&cite.items[0].key);
            if narrative {
                let ci = &cite.items[0];
                let entry = &entries[by_key[&ci.key]];
                driver.citation(CitationRequest::new(
                    vec![CitationItem::with_entry(entry).kind(CitePurpose::Author)],
                    &self.style,
                    Some(self.locale.clone()),
                    &self.locales,
                    None,
                ));
                plan.author = Some(n_requests);
                n_requests += 1;
            }
            let mut req_items = Vec::new();
            for (i, ci) in cite.items.iter().enumerate() {
                if let Some(&idx) = by_key.get(&ci.key) {
                    let locator = ci
                        .locator
                        .as_ref()
                        .map(|(loc, val)| SpecificLocator(*loc, LocatorPayload::Str(val)));
                    req_items.push(CitationItem::with_locator(&entries[idx], locator));
                    plan.item_of_request.push(i);
                }
            }
            if !req_items.is_empty() {
                driver.citation(CitationRequest::new(
                    req_items,
                    &self.style,
                    Some(self.locale.clone()),
                    &self.locales,
                    None,
                ));
                plan.main = Some(n_requests);
                n_requests += 1;
            }
            plans.push(plan);
        }
        if all {
            for e in &entries {
                let mut item = CitationItem::with_entry(e);
                item.hidden = true;
                driver.citation(CitationRequest::new(
                    vec![item],
                    &self.style,
                    Some(self.locale.clone()),
                    &self.locales,
                    None,
                ));
            }
        }
        let mut rendered = driver.finish(BibliographyRequest::new(
            &self.style,
            Some(self.locale.clone()),
            &self.locales,
        ));
        let order: Vec<String> = match &rendered.bibliography {
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
        decisions.assign_suffixes(&order);
        if let Some(bib) = rendered.bibliography.as_mut() {
            for item in bib.items.iter_mut() {
                if let Some(sfx) = decisions.suffix.get(&item.key) {
                    super::disambig::add_year_suffix(&mut item.content, sfx);
                }
            }
        }

        let mut out = Processed {
            unresolved,
            ..Processed::default()
        };
        for (cite, plan) in citations.iter().zip(&plans) {
            out.citations.push(tidy(&self.assemble(
                cite,
                plan,
                &rendered.citations,
                format,
                &decisions,
            )));
        }
        if let Some(bib) = rendered.bibliography {
            for item in bib.items {
                let mut text = String::new();
                if let Some(first) = &item.first_field {
                    write_child(first, format, &mut text);
                    text.push(' ');
                }
                write_children(&item.content, format, &mut text);
                let text = tidy(text.trim());
                out.references.push(Reference {
                    key: item.key,
                    text,
                });
            }
        }
        out
    }

    fn assemble(
        &self,
        cite: &Citation,
        plan: &Plan,
        rendered: &[hayagriva::RenderedCitation],
        format: Format,
        decisions: &super::disambig::Decisions,
    ) -> String {
        let get = |i: Option<usize>| i.and_then(|i| rendered.get(i)).map(|r| &r.citation);
        let mut main = String::new();
        if let Some(children) = get(plan.main) {
            let suppress: Vec<bool> = plan
                .item_of_request
                .iter()
                .map(|&i| {
                    matches!(
                        cite.items[i].mode,
                        CiteMode::SuppressAuthor | CiteMode::AuthorInText
                    )
                })
                .collect();
            self.write_with_affixes(
                children, plan, &suppress, cite, format, decisions, &mut main,
            );
        }
        // Unresolved keys render as pandoc renders them.
        let missing: Vec<&str> = cite
            .items
            .iter()
            .filter(|ci| {
                !plan
                    .item_of_request
                    .iter()
                    .any(|&i| cite.items[i].key == ci.key)
            })
            .map(|ci| ci.key.as_str())
            .collect();
        let missing_text = missing
            .iter()
            .map(|k| match format {
                Format::Markdown => format!("**{}?**", escape(k, format)),
                Format::Latex => format!("\\textbf{{{}?}}", escape(k, format)),
                Format::Html => format!("<b>{}?</b>", escape(k, format)),
                Format::Plain => format!("{k}?"),
            })
            .collect::<Vec<_>>()
            .join("; ");
        if plan.main.is_none() {
            let (open, close) = self.citation_brackets(cite);
            return format!("{open}{missing_text}{close}");
        }
        if !missing_text.is_empty() {
            // Put the missing keys inside the brackets, before the closing one.
            let (_, close) = self.citation_brackets(cite);
            if !close.is_empty() && main.ends_with(&close) {
                main.truncate(main.len() - close.len());
                main.push_str("; ");
                main.push_str(&missing_text);
                main.push_str(&close);
            } else {
                main.push_str("; ");
                main.push_str(&missing_text);
            }
        }
        if let Some(author) = get(plan.author) {
            let mut author = author.clone();
            if let Some((fam, form)) = decisions.givenname.get(&cite.items[0].key) {
                super::disambig::add_givenname(&mut author, fam, form);
            }
            let mut a = String::new();
            write_children(&author, format, &mut a);
            let a = a.trim();
            return format!("{a} {main}");
        }
        let _ = self.link_citations;
        main
    }

    fn citation_brackets(&self, cite: &Citation) -> (String, String) {
        let layout = &self.style.citation.layout;
        if cite.items.iter().all(|c| c.mode == CiteMode::AuthorInText) && cite.items.len() == 1 {
            return (String::new(), String::new());
        }
        (
            layout.prefix.clone().unwrap_or_default(),
            layout.suffix.clone().unwrap_or_default(),
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn write_with_affixes(
        &self,
        children: &ElemChildren,
        plan: &Plan,
        suppress: &[bool],
        cite: &Citation,
        format: Format,
        decisions: &super::disambig::Decisions,
        out: &mut String,
    ) {
        // Works of one author and year cited together: their suffixes go in
        // order of appearance (`2010a, 2010b`), joined by the cite-group
        // delimiter, as citeproc collapses them.
        let keys_in_order: Vec<Option<&str>> = children
            .0
            .iter()
            .filter_map(|c| match c {
                ElemChild::Elem(e) => match e.meta {
                    Some(ElemMeta::Entry(idx)) => Some(
                        plan.item_of_request
                            .get(idx)
                            .and_then(|&i| cite.items.get(i))
                            .map(|ci| ci.key.as_str()),
                    ),
                    _ => None,
                },
                _ => None,
            })
            .collect();
        let mut suffix_at: Vec<Option<String>> = keys_in_order
            .iter()
            .map(|k| k.and_then(|k| decisions.suffix.get(k).cloned()))
            .collect();
        let group_of = |k: &str| decisions.group_of(k);
        let mut same_group_as_prev = vec![false; keys_in_order.len()];
        for i in 1..keys_in_order.len() {
            if let (Some(a), Some(b)) = (keys_in_order[i - 1], keys_in_order[i]) {
                if group_of(a).is_some() && group_of(a) == group_of(b) {
                    same_group_as_prev[i] = true;
                }
            }
        }
        let mut i = 0;
        while i < suffix_at.len() {
            let mut j = i + 1;
            while j < suffix_at.len() && same_group_as_prev[j] {
                j += 1;
            }
            let mut run: Vec<String> = suffix_at[i..j].iter().flatten().cloned().collect();
            run.sort();
            if run.len() == j - i {
                for (k, sfx) in run.into_iter().enumerate() {
                    suffix_at[i + k] = Some(sfx);
                }
            }
            i = j;
        }
        let mut entry_no = 0usize;
        let mut pending_delim: Option<String> = None;
        for child in &children.0 {
            if let Some(d) = pending_delim.take() {
                let is_entry = matches!(child, ElemChild::Elem(e) if matches!(e.meta, Some(ElemMeta::Entry(_))));
                if is_entry && same_group_as_prev.get(entry_no).copied().unwrap_or(false) {
                    out.push_str(", ");
                } else {
                    out.push_str(&d);
                }
            }
            match child {
                ElemChild::Text(t) if entry_no > 0 && entry_no < keys_in_order.len() => {
                    let mut d = String::new();
                    write_child(child, format, &mut d);
                    let _ = t;
                    pending_delim = Some(d);
                }
                ElemChild::Elem(e) if matches!(e.meta, Some(ElemMeta::Entry(_))) => {
                    let this_suffix = suffix_at.get(entry_no).cloned().flatten();
                    entry_no += 1;
                    let Some(ElemMeta::Entry(idx)) = e.meta else {
                        continue;
                    };
                    let item_idx = plan.item_of_request.get(idx).copied().unwrap_or(0);
                    let (prefix, suffix) = plan.affixes.get(item_idx).cloned().unwrap_or_default();
                    if !prefix.is_empty() {
                        out.push_str(&escape(&prefix, format));
                        if !prefix.ends_with(char::is_whitespace) {
                            out.push(' ');
                        }
                    }
                    let mut body = e.children.clone();
                    if let Some(ci) = cite.items.get(item_idx) {
                        if let Some(sfx) = &this_suffix {
                            super::disambig::add_year_suffix(&mut body, sfx);
                        }
                        if let Some((fam, form)) = decisions.givenname.get(&ci.key) {
                            super::disambig::add_givenname(&mut body, fam, form);
                        }
                    }
                    if suppress.get(idx).copied().unwrap_or(false) {
                        strip_names(&mut body);
                    }
                    let mut text = String::new();
                    write_children(&body, format, &mut text);
                    out.push_str(text.trim_start());
                    if !suffix.is_empty() {
                        out.push_str(&escape(&suffix, format));
                    }
                }
                other => write_child(other, format, out),
            }
        }
        let _ = cite;
    }
}

/// How one input citation maps to driver citations.
#[derive(Debug, Default)]
struct Plan {
    /// The driver citation with the author alone (narrative citations).
    author: Option<usize>,
    /// The driver citation with the items.
    main: Option<usize>,
    /// For each item of the driver citation, its index in the input citation.
    item_of_request: Vec<usize>,
    /// Prefix and suffix of each input item.
    affixes: Vec<(String, String)>,
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
    let xml = std::fs::read_to_string(path).map_err(|e| CiteError::Io {
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
fn tidy(s: &str) -> String {
    let mut out = s
        .replace("”.", ".”")
        .replace("”,", ",”")
        .replace('\u{2011}', "-");
    while out.contains("  ") {
        out = out.replace("  ", " ");
    }
    hyphen_initial_re().replace_all(&out, "$1.").into_owned()
}

fn hyphen_initial_re() -> &'static regex::Regex {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(r"\b(\p{Lu})\.-\p{Ll}+\b\.?").unwrap_or_else(|_| unreachable!())
    })
}
