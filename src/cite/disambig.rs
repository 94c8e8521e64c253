//! Author and year disambiguation done in our code: hayagriva's own gets it
//! wrong (its issues #470, #330 and #347: initials leak into the reference
//! list, year suffixes go missing), so the processor turns it off and this
//! module decides, from the items, what each citation needs:
//!
//! - works whose first authors share a family name but not a given name, in
//!   the same year, get the given name (`A. Adams` / `B. Adams` under APA's
//!   `primary-name-with-initials`, `Alice Adams` under `primary-name`);
//! - otherwise works with the same authors and year get year suffixes
//!   (`2000a`, `2000b`) in reference-list order.

use std::collections::BTreeMap;

use hayagriva::citationberg::json::{NameValue, Value};
use hayagriva::citationberg::{DisambiguationRule, IndependentStyle};
use hayagriva::{ElemChild, ElemChildren, ElemMeta};

use super::CslItem;

/// What the style asks for (read before the flags are turned off).
#[derive(Debug, Clone, Copy)]
pub struct Flags {
    pub givenname: bool,
    pub rule: DisambiguationRule,
    pub year_suffix: bool,
}

impl Flags {
    /// Reads the flags and turns hayagriva's own disambiguation off.
    pub fn take(style: &mut IndependentStyle) -> Flags {
        let c = &mut style.citation;
        let flags = Flags {
            givenname: c.disambiguate_add_givenname,
            rule: c.givenname_disambiguation_rule,
            year_suffix: c.disambiguate_add_year_suffix,
        };
        c.disambiguate_add_givenname = false;
        c.disambiguate_add_names = false;
        c.disambiguate_add_year_suffix = false;
        flags
    }
}

fn year(item: &CslItem) -> Option<i64> {
    use hayagriva::citationberg::json::DateValue;
    match item.0.get("issued")? {
        Value::Date(DateValue::DateParts { date_parts, .. }) => {
            date_parts.0.first()?.0.first().map(|y| i64::from(*y))
        }
        Value::Date(DateValue::Raw { raw, .. }) => Some(i64::from(raw.start.year)),
        _ => None,
    }
}

/// (family, given) of each author (or editor).
fn people(item: &CslItem) -> Vec<(String, String)> {
    let v = item.0.get("author").or_else(|| item.0.get("editor"));
    match v {
        Some(Value::Names(names)) => names
            .iter()
            .map(|n| match n {
                NameValue::Literal(l) => (l.literal.clone(), String::new()),
                NameValue::Item(i) => {
                    let fam = match &i.non_dropping_particle {
                        Some(p) => format!("{p} {}", i.family),
                        None => i.family.clone(),
                    };
                    (fam, i.given.clone().unwrap_or_default())
                }
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn initials(given: &str) -> String {
    given
        .split([' ', '-'])
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_alphabetic())
        .map(|c| format!("{c}."))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The decisions for one document.
#[derive(Debug, Default)]
pub struct Decisions {
    /// Key → the primary name to print in citations instead of the family
    /// name alone: (family, replacement).
    pub givenname: BTreeMap<String, (String, String)>,
    /// Keys that need a year suffix, grouped; suffixes are given in
    /// reference-list order by [`Decisions::assign_suffixes`].
    groups: Vec<Vec<String>>,
    /// Key → suffix letter(s).
    pub suffix: BTreeMap<String, String>,
}

impl Decisions {
    /// Decides for `items` (the cited ones, or all).
    pub fn new(items: &[&CslItem], flags: Flags) -> Decisions {
        let mut d = Decisions::default();
        // Group by (family names, year).
        let mut groups: BTreeMap<(Vec<String>, Option<i64>), Vec<&CslItem>> = BTreeMap::new();
        for it in items {
            let p = people(it);
            if p.is_empty() {
                continue;
            }
            let fams = p.iter().map(|(f, _)| f.clone()).collect();
            groups.entry((fams, year(it))).or_default().push(it);
        }
        for ((_, _), members) in groups {
            if members.len() < 2 {
                continue;
            }
            let mut by_given: BTreeMap<String, Vec<&CslItem>> = BTreeMap::new();
            for m in &members {
                let p = people(m);
                by_given.entry(p[0].1.clone()).or_default().push(m);
            }
            let givens_differ = by_given.len() > 1;
            let initials_differ = {
                let mut all: Vec<String> = by_given.keys().map(|g| initials(g)).collect();
                all.sort();
                all.dedup();
                all.len() == by_given.len()
            };
            if flags.givenname && givens_differ {
                for m in &members {
                    let p = people(m);
                    let (fam, given) = &p[0];
                    if given.is_empty() {
                        continue;
                    }
                    let form = if initials_differ
                        || matches!(
                            flags.rule,
                            DisambiguationRule::PrimaryNameWithInitials
                                | DisambiguationRule::AllNamesWithInitials
                        ) {
                        format!("{} {fam}", initials(given))
                    } else {
                        format!("{given} {fam}")
                    };
                    if let Some(id) = m.id() {
                        d.givenname.insert(id.into_owned(), (fam.clone(), form));
                    }
                }
                // Same person, same year, several works: suffixes too.
                for same in by_given.values().filter(|v| v.len() > 1) {
                    if flags.year_suffix {
                        d.groups.push(
                            same.iter()
                                .filter_map(|m| m.id().map(|s| s.into_owned()))
                                .collect(),
                        );
                    }
                }
            } else if flags.year_suffix {
                d.groups.push(
                    members
                        .iter()
                        .filter_map(|m| m.id().map(|s| s.into_owned()))
                        .collect(),
                );
            }
        }
        d
    }

    /// The index of the year-suffix group `key` is in.
    pub fn group_of(&self, key: &str) -> Option<usize> {
        self.groups.iter().position(|g| g.iter().any(|k| k == key))
    }

    /// Gives suffixes `a`, `b`, … in the order of `order` (reference-list
    /// keys); keys not in it follow in their group's order.
    pub fn assign_suffixes(&mut self, order: &[String]) {
        for g in &self.groups {
            let mut g = g.clone();
            g.sort_by_key(|k| order.iter().position(|o| o == k).unwrap_or(usize::MAX));
            for (i, k) in g.iter().enumerate() {
                self.suffix.insert(k.clone(), suffix_letters(i));
            }
        }
    }
}

/// `a` … `z`, `aa`, `ab`, …
fn suffix_letters(i: usize) -> String {
    let letters = b"abcdefghijklmnopqrstuvwxyz";
    if i < 26 {
        (letters[i] as char).to_string()
    } else {
        format!(
            "{}{}",
            letters[(i / 26 - 1) % 26] as char,
            letters[i % 26] as char
        )
    }
}

/// Appends `suffix` to the first rendered date.
pub fn add_year_suffix(children: &mut ElemChildren, suffix: &str) -> bool {
    for child in children.0.iter_mut() {
        if let ElemChild::Elem(e) = child {
            if matches!(e.meta, Some(ElemMeta::Date)) {
                if let Some(t) = last_text(&mut e.children) {
                    t.push_str(suffix);
                    return true;
                }
            }
            if add_year_suffix(&mut e.children, suffix) {
                return true;
            }
        }
    }
    false
}

fn last_text(children: &mut ElemChildren) -> Option<&mut String> {
    for child in children.0.iter_mut().rev() {
        match child {
            ElemChild::Text(t) if t.text.chars().any(char::is_alphanumeric) => {
                return Some(&mut t.text)
            }
            ElemChild::Elem(e) => {
                if let Some(t) = last_text(&mut e.children) {
                    return Some(t);
                }
            }
            _ => {}
        }
    }
    None
}

/// A copy of `item` whose first author (or editor) is the literal `form`
/// (`A. Adams`), so citations print it and the style sees the works differ.
pub fn with_primary_name(item: &CslItem, form: &str) -> CslItem {
    use hayagriva::citationberg::json::LiteralName;
    let mut out = item.clone();
    let key = if out.0.contains_key("author") {
        "author"
    } else {
        "editor"
    };
    if let Some(Value::Names(names)) = out.0.get_mut(key) {
        if let Some(first) = names.first_mut() {
            *first = NameValue::Literal(LiteralName {
                literal: form.to_string(),
            });
        }
    }
    out
}
