//! The brief's word lists (embedded from `src/render/data/`) and the
//! attribution phrases built from them ("the report notes", "Blinken said",
//! "according to Human Rights Watch").

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::outline::{Claim, Outline, SourceKind};

/// A list file: `#` comments, `[group]` headers, one entry a line.
#[derive(Debug, Default)]
pub struct List {
    groups: BTreeMap<String, Vec<String>>,
}

impl List {
    /// Parses a list file.
    pub fn parse(text: &str) -> List {
        let mut groups: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut current = String::new();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                current = name.to_string();
                continue;
            }
            groups
                .entry(current.clone())
                .or_default()
                .push(line.to_string());
        }
        List { groups }
    }

    /// The entries of a group, in file order (`""` is the unnamed group).
    pub fn get(&self, group: &str) -> &[String] {
        self.groups.get(group).map_or(&[], Vec::as_slice)
    }
}

macro_rules! list {
    ($fn:ident, $file:literal) => {
        #[doc = concat!("The embedded list `", $file, "`.")]
        pub fn $fn() -> &'static List {
            static CELL: OnceLock<List> = OnceLock::new();
            CELL.get_or_init(|| List::parse(include_str!(concat!("data/", $file))))
        }
    };
}

list!(months, "months.txt");
list!(date_prepositions, "date_prepositions.txt");
list!(attribution, "attribution.txt");
list!(stopwords, "stopwords.txt");

fn default_verb(kind: SourceKind) -> &'static str {
    let key = match kind {
        SourceKind::Person => "person",
        SourceKind::Organization => "organization",
        SourceKind::Document => "document",
        SourceKind::Group => "group",
    };
    attribution()
        .get("default-verb")
        .iter()
        .find_map(|l| {
            let (k, v) = l.split_once('=')?;
            (k.trim() == key).then(|| v.trim())
        })
        .unwrap_or("said")
}

fn is_pronoun(s: &str) -> bool {
    let lower = s.trim().to_lowercase();
    attribution().get("pronouns").contains(&lower)
}

/// The kind of a source in words, for lists of sources.
pub fn kind_label(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::Person => "person",
        SourceKind::Organization => "organization",
        SourceKind::Document => "document",
        SourceKind::Group => "group",
    }
}

/// Names longer than this many words make a clumsy attribution phrase.
const SHORT_NAME_WORDS: usize = 4;

fn is_short(t: &str) -> bool {
    let n = t.split_whitespace().count();
    n > 0 && n <= SHORT_NAME_WORDS && !is_pronoun(t)
}

/// A short name for a source: its name when short (or not a person and no
/// alias is short), else its shortest short alias; a common noun gets its
/// article back ("report" → "the report") and a leading "The" is lowered,
/// as the phrase is used mid-sentence.
fn short_name(src: &crate::outline::Source) -> String {
    let mut names: Vec<&String> = src.aliases.iter().filter(|a| is_short(a)).collect();
    names.sort_by_key(|a| (a.split_whitespace().count(), a.len()));
    // The full name reads better than a one-word alias for anything but a person.
    let name = match names.first() {
        Some(a) if src.kind == SourceKind::Person || !is_short(&src.name) => (*a).clone(),
        _ => src.name.clone(),
    };
    noun_phrase(&name)
}

fn noun_phrase(name: &str) -> String {
    let name = if name.starts_with(char::is_lowercase) && !starts_with_determiner(name) {
        format!("the {name}")
    } else {
        name.to_string()
    };
    lower_article(&name)
}

/// How the brief names a claim's source: the words the claim itself uses
/// when they are short and not a pronoun, else [`short_name`].
fn source_words(o: &Outline, c: &Claim) -> Option<String> {
    let src = o.source(c.source.as_deref()?)?;
    Some(match &c.mention {
        Some(m) if is_short(m.text.trim()) => noun_phrase(m.text.trim()),
        _ => short_name(src),
    })
}

fn starts_with_determiner(name: &str) -> bool {
    let first = name.split_whitespace().next().unwrap_or("").to_lowercase();
    attribution().get("determiners").contains(&first)
}

fn lower_article(name: &str) -> String {
    match name.strip_prefix("The ") {
        Some(rest) => format!("the {rest}"),
        None => name.to_string(),
    }
}

/// The attribution of a claim in words: "the report notes", "Blinken said",
/// "according to Human Rights Watch", with ", via X" for a relayed claim.
/// `None` for a claim in the article's own voice.
pub fn attribution_phrase(o: &Outline, c: &Claim) -> Option<String> {
    let src = o.source(c.source.as_deref()?)?;
    let who = source_words(o, c)?;
    let cue = c
        .cue
        .as_ref()
        .map(|m| m.text.trim().to_string())
        .filter(|t| !t.is_empty());
    let mut phrase = match cue {
        Some(cue) => {
            let lower = cue.to_lowercase();
            if attribution().get("prepositional").contains(&lower) {
                format!("{lower} {who}")
            } else {
                format!("{who} {lower}")
            }
        }
        None => format!("{who} {}", default_verb(src.kind)),
    };
    if let Some(via) = c.via.as_deref().and_then(|v| o.source(v)) {
        phrase.push_str(", via ");
        phrase.push_str(&short_name(via));
    }
    Some(phrase)
}

/// Upper-cases the first letter, for a phrase that starts a sentence.
pub fn capitalize(s: &str) -> String {
    let mut it = s.chars();
    match it.next() {
        Some(f) => f.to_uppercase().chain(it).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outline::{Marked, Meta, Source, Span};

    fn outline(kind: SourceKind, name: &str) -> Outline {
        Outline {
            schema: crate::outline::SCHEMA.into(),
            meta: Meta::default(),
            sections: vec![],
            claims: vec![],
            sources: vec![Source {
                id: "src1".into(),
                name: name.into(),
                kind,
                role: None,
                aliases: vec![],
                claims: 1,
            }],
            entities: vec![],
        }
    }

    fn claim(cue: Option<&str>, mention: Option<&str>) -> Claim {
        let m = |t: &str| Marked {
            text: t.into(),
            span: Span::default(),
        };
        Claim {
            id: "c1".into(),
            text: String::new(),
            span: Span::default(),
            section: "s1".into(),
            paragraph: 0,
            block_quote: false,
            source: Some("src1".into()),
            cue: cue.map(|t| crate::outline::Cue {
                text: t.into(),
                span: Span::default(),
                kind: crate::outline::CueKind::Speech,
            }),
            mention: mention.map(m),
            via: None,
            quotes: vec![],
            entities: vec![],
        }
    }

    #[test]
    fn phrases() {
        let o = outline(SourceKind::Document, "The report");
        assert_eq!(
            attribution_phrase(&o, &claim(Some("notes"), Some("The report"))).unwrap(),
            "the report notes"
        );
        assert_eq!(
            attribution_phrase(&o, &claim(Some("According to"), Some("the report"))).unwrap(),
            "according to the report"
        );
        assert_eq!(
            attribution_phrase(&o, &claim(None, Some("It"))).unwrap(),
            "the report says"
        );
        let o = outline(SourceKind::Person, "Antony Blinken");
        assert_eq!(
            attribution_phrase(&o, &claim(Some("said"), Some("Blinken"))).unwrap(),
            "Blinken said"
        );
        assert_eq!(
            attribution_phrase(&o, &claim(Some("said"), Some("He"))).unwrap(),
            "Antony Blinken said"
        );
        let mut o = outline(SourceKind::Person, "Antony Blinken");
        o.sources[0].aliases = vec!["Antony Blinken".into(), "Blinken".into()];
        assert_eq!(
            attribution_phrase(&o, &claim(Some("said"), Some("He"))).unwrap(),
            "Blinken said"
        );
        assert_eq!(
            attribution_phrase(
                &o,
                &claim(Some("said"), Some("Secretary of State Antony Blinken"))
            )
            .unwrap(),
            "Blinken said"
        );
    }

    #[test]
    fn lists_load() {
        assert_eq!(months().get("").len(), 12);
        assert!(!stopwords().get("").is_empty());
        assert_eq!(default_verb(SourceKind::Group), "say");
    }
}
