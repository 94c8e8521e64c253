//! The article itself as a citable item, and the sources it names.

use std::collections::BTreeMap;

use hayagriva::citationberg::json::{Item, LiteralName, NameItem, NameValue, Value};

use super::csljson::{date_value, parse_date_text};
use super::CslItem;
use crate::outline::model::Meta;

/// The key of the article's own item.
pub const ARTICLE_KEY: &str = "article";

fn person(name: &str) -> NameValue {
    let name = name.trim();
    // An organisation (no space-separated given name, or a known word) stays
    // literal; `Family, Given` and `Given Family` are split.
    if let Some((family, given)) = name.split_once(',') {
        return NameValue::Item(NameItem {
            family: family.trim().into(),
            given: Some(given.trim().to_string()).filter(|g| !g.is_empty()),
            non_dropping_particle: None,
            dropping_particle: None,
            suffix: None,
            comma_suffix: None,
        });
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let org = words.len() < 2
        || words.len() > 4
        || words.iter().any(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "of" | "the"
                    | "for"
                    | "and"
                    | "department"
                    | "office"
                    | "ministry"
                    | "agency"
                    | "committee"
                    | "council"
                    | "bank"
                    | "university"
                    | "institute"
                    | "staff"
            )
        });
    if org {
        return NameValue::Literal(LiteralName {
            literal: name.into(),
        });
    }
    let (given, family) = words.split_at(words.len() - 1);
    NameValue::Item(NameItem {
        family: family[0].into(),
        given: Some(given.join(" ")),
        non_dropping_particle: None,
        dropping_particle: None,
        suffix: None,
        comma_suffix: None,
    })
}

/// A CSL item for the article from its front matter: authors, title,
/// publisher (as the container title of a news article), date, URL. Its key
/// is [`ARTICLE_KEY`]. A `type` front-matter key (`report`,
/// `article-newspaper`, `webpage`, …) overrides the default
/// `article-newspaper` (or `report` when the publisher is also the author).
pub fn article_item(meta: &Meta) -> CslItem {
    let mut m: BTreeMap<String, Value> = BTreeMap::new();
    m.insert("id".into(), Value::String(ARTICLE_KEY.into()));
    let explicit_type = meta
        .extra
        .get("type")
        .and_then(|v| v.as_str())
        .map(str::to_string);
    let org_author = meta.authors.is_empty()
        || meta
            .publisher
            .as_ref()
            .is_some_and(|p| meta.authors.iter().any(|a| a == p));
    let ty = explicit_type.unwrap_or_else(|| {
        if org_author && meta.publisher.is_some() {
            "report".into()
        } else if meta.url.is_some() && meta.publisher.is_none() {
            "webpage".into()
        } else {
            "article-newspaper".into()
        }
    });
    if let Some(t) = &meta.title {
        m.insert("title".into(), Value::String(t.clone()));
        let given = meta.extra.get("title-short").and_then(|v| v.as_str());
        let short = given.map(str::to_string).or_else(|| short_title(t));
        if let Some(short) = short {
            m.insert("title-short".into(), Value::String(short));
        }
    }
    if !meta.authors.is_empty() {
        m.insert(
            "author".into(),
            Value::Names(meta.authors.iter().map(|a| person(a)).collect()),
        );
    } else if let Some(p) = &meta.publisher {
        m.insert(
            "author".into(),
            Value::Names(vec![NameValue::Literal(LiteralName { literal: p.clone() })]),
        );
    }
    if let Some(p) = &meta.publisher {
        let key = if ty.starts_with("article") || ty == "webpage" {
            "container-title"
        } else {
            "publisher"
        };
        m.insert(key.into(), Value::String(p.clone()));
    }
    if let Some(parts) = meta
        .date
        .as_deref()
        .and_then(|d| parse_date_text(d.get(..10).unwrap_or(d)))
    {
        m.insert("issued".into(), date_value(&parts));
    }
    if let Some(u) = &meta.url {
        m.insert("URL".into(), Value::String(u.clone()));
    }
    if let Some(l) = &meta.language {
        m.insert("language".into(), Value::String(l.clone()));
    }
    m.insert("type".into(), Value::String(ty));
    Item(m)
}

/// Words of a title a short citation keeps (APA: "the first few words").
const SHORT_TITLE_WORDS: usize = 4;

/// The short form of a title, which a style cites a work without an author
/// by: the main title before a subtitle (`Blinken: Sanctions …` gives
/// `Blinken`), cut to its first few words; `None` when the title is short
/// already.
fn short_title(title: &str) -> Option<String> {
    let main = title
        .split([':', '—', '–'])
        .next()
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .unwrap_or(title);
    let words: Vec<&str> = main.split_whitespace().collect();
    let short = if words.len() > SHORT_TITLE_WORDS {
        let mut s = words[..SHORT_TITLE_WORDS].join(" ");
        while s.ends_with([',', ';', '.']) {
            s.pop();
        }
        s
    } else {
        words.join(" ")
    };
    (short.split_whitespace().count() < title.split_whitespace().count()).then_some(short)
}

fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The key of the bibliography entry a source named in the article stands
/// for: a document whose title matches `name` (ignoring case and
/// punctuation), or a work whose (first) author's family or literal name is
/// in `name`. `None` when nothing matches; then cite the source through the
/// article with [`secondary_citation`].
pub fn match_source(name: &str, items: &[CslItem]) -> Option<String> {
    SourceMatcher::new(items).find(name)
}

/// [`match_source`] over one bibliography for many names: the titles and
/// first authors are normalised once, not once per name.
#[derive(Debug, Clone)]
pub struct SourceMatcher {
    /// Each entry's key with its normalised title (empty when none).
    titles: Vec<(Option<String>, String)>,
    /// Each entry's key with its normalised first author, if any.
    authors: Vec<(Option<String>, Option<FirstAuthor>)>,
}

#[derive(Debug, Clone)]
enum FirstAuthor {
    Literal(String),
    Family(String),
}

impl SourceMatcher {
    /// Prepares a bibliography for matching.
    pub fn new(items: &[CslItem]) -> SourceMatcher {
        let key = |it: &CslItem| it.id().map(|k| k.into_owned());
        SourceMatcher {
            titles: items
                .iter()
                .map(|it| {
                    let t = it.0.get("title").and_then(|t| t.to_str());
                    (key(it), t.map(|t| norm(&t)).unwrap_or_default())
                })
                .collect(),
            authors: items
                .iter()
                .map(|it| {
                    let first = match it.0.get("author") {
                        Some(Value::Names(names)) => names.first().map(|p| match p {
                            NameValue::Literal(l) => FirstAuthor::Literal(norm(&l.literal)),
                            NameValue::Item(i) => FirstAuthor::Family(norm(&i.family)),
                        }),
                        _ => None,
                    };
                    (key(it), first)
                })
                .collect(),
        }
    }

    /// The key of the entry `name` stands for, as [`match_source`] says.
    pub fn find(&self, name: &str) -> Option<String> {
        let n = norm(name);
        if n.is_empty() {
            return None;
        }
        let by_title = self
            .titles
            .iter()
            .find(|(_, t)| !t.is_empty() && (*t == n || (n.len() > 12 && t.contains(&n))));
        if let Some((k, _)) = by_title {
            return k.clone();
        }
        let words: Vec<&str> = n.split(' ').collect();
        self.authors
            .iter()
            .find(|(_, a)| match a {
                Some(FirstAuthor::Literal(l)) => *l == n,
                Some(FirstAuthor::Family(f)) => !f.is_empty() && words.contains(&f.as_str()),
                None => false,
            })
            .and_then(|(k, _)| k.clone())
    }
}

/// A secondary citation: `source` as cited in the article, in the form APA
/// and Chicago use (`Name, as cited in Article, 2024`), built from the
/// article's formatted in-text citation `article_cite` (such as
/// `(Smith, 2024)`). The result keeps the brackets of `article_cite`.
pub fn secondary_citation(source: &str, article_cite: &str) -> String {
    let (open, inner, close) = match (article_cite.chars().next(), article_cite.chars().last()) {
        (Some(o @ ('(' | '[')), Some(c @ (')' | ']'))) if article_cite.len() >= 2 => (
            o.to_string(),
            &article_cite[o.len_utf8()..article_cite.len() - c.len_utf8()],
            c.to_string(),
        ),
        _ => (String::new(), article_cite, String::new()),
    };
    format!("{open}{source}, as cited in {inner}{close}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_from_meta() {
        let meta = Meta {
            title: Some("Report on Human Rights".into()),
            authors: vec!["Antony J. Blinken".into()],
            date: Some("2023-03-20".into()),
            publisher: Some("U.S. Department of State".into()),
            url: Some("https://www.state.gov/x".into()),
            ..Meta::default()
        };
        let it = article_item(&meta);
        assert_eq!(it.id().unwrap(), "article");
        let json = serde_json::to_string(&it).unwrap();
        assert!(json.contains("\"family\":\"Blinken\""), "{json}");
        assert!(
            json.contains("\"container-title\":\"U.S. Department of State\""),
            "{json}"
        );
    }

    #[test]
    fn secondary() {
        assert_eq!(
            secondary_citation("Human Rights Watch", "(Blinken, 2023)"),
            "(Human Rights Watch, as cited in Blinken, 2023)"
        );
    }

    #[test]
    fn matches_by_author_and_title() {
        let items = crate::cite::parse_bibliography(
            "@book{k, author = {Keohane, Robert O.}, title = {After Hegemony}, year = 1984}",
            "bib",
            "x.bib",
        )
        .unwrap();
        assert_eq!(match_source("Robert Keohane", &items).as_deref(), Some("k"));
        assert_eq!(match_source("After Hegemony", &items).as_deref(), Some("k"));
        assert_eq!(match_source("Someone Else", &items), None);
    }
}
