//! Lemmas: rules over the Penn tag, and a list of the words the rules get
//! wrong (irregular verbs and plurals, pronouns, clitics), which the training
//! command writes from the treebanks' own lemmas (`data/lemmas.tsv`).

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// The exceptions: (lower-case form, universal tag) → lemma.
fn exceptions() -> &'static FxHashMap<(String, String), String> {
    static CELL: OnceLock<FxHashMap<(String, String), String>> = OnceLock::new();
    CELL.get_or_init(|| parse_exceptions(include_str!("data/lemmas.tsv")))
}

/// Reads `form<TAB>upos<TAB>lemma` lines; `#` starts a comment.
pub fn parse_exceptions(text: &str) -> FxHashMap<(String, String), String> {
    let mut map = FxHashMap::default();
    for line in text.lines() {
        if line.starts_with('#') {
            continue;
        }
        let mut parts = line.split('\t');
        if let (Some(f), Some(u), Some(l)) = (parts.next(), parts.next(), parts.next()) {
            map.insert((f.to_string(), u.to_string()), l.to_string());
        }
    }
    map
}

/// The lemma of a word with its universal and Penn tags.
pub fn lemma(form: &str, upos: &str, xpos: &str) -> String {
    let lower = form.to_lowercase();
    if let Some(l) = exceptions().get(&(lower.clone(), upos.to_string())) {
        return l.clone();
    }
    rule(form, &lower, upos, xpos)
}

/// Every lemma a lower-case word can have when its tag is not known: the
/// word itself, the exceptions listed for it as a noun, verb, auxiliary or
/// adjective, and what the plural, third-person, past and `-ing` rules
/// make of it. Two words that share one may be forms of one word
/// (`provides` and `provide`, `was` and `is`, `children` and `child`).
pub fn candidates(lower: &str) -> Vec<String> {
    let mut out = vec![lower.to_string()];
    for upos in ["NOUN", "VERB", "AUX", "ADJ"] {
        if let Some(l) = exceptions().get(&(lower.to_string(), upos.to_string())) {
            out.push(l.clone());
        }
    }
    out.push(plural(lower));
    out.push(third_person(lower));
    out.extend(strip_verb(lower, "ed"));
    out.extend(strip_verb(lower, "ing"));
    out.sort();
    out.dedup();
    out
}

/// The lemma by rule alone (what the exceptions are measured against).
pub fn rule(form: &str, lower: &str, upos: &str, xpos: &str) -> String {
    match (upos, xpos) {
        ("PROPN", "NNPS") => plural(form),
        ("PROPN", _) => form.to_string(),
        ("NOUN", "NNS") => plural(lower),
        ("VERB" | "AUX", "VBZ") => third_person(lower),
        ("VERB" | "AUX", "VBD" | "VBN") => {
            strip_verb(lower, "ed").unwrap_or_else(|| lower.to_string())
        }
        ("VERB" | "AUX", "VBG") => strip_verb(lower, "ing").unwrap_or_else(|| lower.to_string()),
        ("ADJ" | "ADV", "JJR" | "RBR") => {
            strip_verb(lower, "er").unwrap_or_else(|| lower.to_string())
        }
        ("ADJ" | "ADV", "JJS" | "RBS") => {
            strip_verb(lower, "est").unwrap_or_else(|| lower.to_string())
        }
        _ => lower.to_string(),
    }
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// `cities` → `city`, `boxes` → `box`, `laws` → `law`.
fn plural(w: &str) -> String {
    if let Some(s) = w.strip_suffix("ies").filter(|s| s.len() >= 2) {
        return format!("{s}y");
    }
    for end in ["sses", "shes", "ches", "xes", "zes"] {
        if w.ends_with(end) {
            return w[..w.len() - 2].to_string();
        }
    }
    match w.strip_suffix('s') {
        Some(s) if !s.ends_with('s') && !s.is_empty() => s.to_string(),
        _ => w.to_string(),
    }
}

/// `says` → `say`, `tries` → `try`, `pushes` → `push`.
fn third_person(w: &str) -> String {
    if let Some(s) = w.strip_suffix("ies").filter(|s| s.len() >= 2) {
        return format!("{s}y");
    }
    for end in ["sses", "shes", "ches", "xes", "zes", "oes"] {
        if w.ends_with(end) {
            return w[..w.len() - 2].to_string();
        }
    }
    match w.strip_suffix('s') {
        Some(s) if !s.ends_with('s') && !s.is_empty() => s.to_string(),
        _ => w.to_string(),
    }
}

/// The stem before `-ed`, `-ing`, `-er` or `-est`: a doubled consonant is
/// undone (`stopped`), a `y` restored (`tried`), and an `e` given back
/// where English spelling drops it (`produced`, `handled`, `stating`).
fn strip_verb(w: &str, suffix: &str) -> Option<String> {
    let stem = w.strip_suffix(suffix)?;
    let b = stem.as_bytes();
    if b.len() < 2 || !b.iter().any(|&c| is_vowel(c) || c == b'y') {
        return None;
    }
    let last = b[b.len() - 1];
    let prev = b[b.len() - 2];
    if suffix != "ing" && last == b'i' {
        return Some(format!("{}y", &stem[..stem.len() - 1]));
    }
    if last == prev
        && matches!(
            last,
            b'b' | b'd' | b'g' | b'k' | b'm' | b'n' | b'p' | b'r' | b't'
        )
    {
        return Some(stem[..stem.len() - 1].to_string());
    }
    let needs_e = matches!(last, b'v' | b'c')
        || (last == b'z' && prev != b'z')
        || (last == b'g' && prev == b'd')
        || (last == b't' && prev == b'a' && b.len() >= 3 && !is_vowel(b[b.len() - 3]))
        || (last == b'l' && !is_vowel(prev) && prev != b'l' && prev != b'r')
        || (last == b'r' && matches!(prev, b'u' | b'i'))
        || (last == b's' && is_vowel(prev) && prev != b'u');
    if needs_e && suffix != "er" && suffix != "est" {
        return Some(format!("{stem}e"));
    }
    Some(stem.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_cover_regular_forms() {
        for (f, u, x, l) in [
            ("cities", "NOUN", "NNS", "city"),
            ("boxes", "NOUN", "NNS", "box"),
            ("laws", "NOUN", "NNS", "law"),
            ("says", "VERB", "VBZ", "say"),
            ("stopped", "VERB", "VBD", "stop"),
            ("produced", "VERB", "VBN", "produce"),
            ("stating", "VERB", "VBG", "state"),
            ("tried", "VERB", "VBD", "try"),
            ("handled", "VERB", "VBD", "handle"),
            ("warned", "VERB", "VBD", "warn"),
            ("Americans", "PROPN", "NNPS", "American"),
            ("Stumpf", "PROPN", "NNP", "Stumpf"),
        ] {
            assert_eq!(rule(f, &f.to_lowercase(), u, x), l, "{f}");
        }
    }
}
