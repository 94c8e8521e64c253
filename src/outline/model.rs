//! The outline model: plain serde data, versioned by [`SCHEMA`].
//!
//! Every claim, quotation, cue, mention and entity mention keeps its byte
//! [`Span`] in the original input, so every output can point back to where it
//! came from. Ids are stable within one outline: `s1…` for sections, `c1…` for
//! claims, `src1…` for sources, `e1…` for entities, numbered in order of first
//! appearance.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The schema identifier written into every outline.
pub const SCHEMA: &str = "brief.outline/1";

/// A half-open byte range `[start, end)` in the original input.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Span {
        Span {
            start: r.start,
            end: r.end,
        }
    }
}

impl Span {
    /// Whether `other` lies inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// An outline of one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outline {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// The article's metadata.
    pub meta: Meta,
    /// Sections in document order; the first may have no heading (the lead).
    pub sections: Vec<Section>,
    /// Claims (sentences of the body) in document order.
    pub claims: Vec<Claim>,
    /// Sources claims are attributed to, in order of first attribution.
    pub sources: Vec<Source>,
    /// Named entities, in order of first mention.
    pub entities: Vec<Entity>,
}

/// Metadata of the article, from front matter or the title line.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// The title.
    pub title: Option<String>,
    /// Authors, in order.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Publication date as written (ISO dates stay ISO).
    pub date: Option<String>,
    /// Publisher or publication.
    pub publisher: Option<String>,
    /// Where the article was published.
    pub url: Option<String>,
    /// Language tag, such as `en`.
    pub language: Option<String>,
    /// Every other front-matter key, kept as given.
    #[serde(default)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// A section of the article: the text under one heading.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// `s1`, `s2`, …
    pub id: String,
    /// The heading text; `None` for text before the first heading.
    pub heading: Option<String>,
    /// Heading level (1–6); 0 for the lead.
    pub level: u8,
    /// From the heading to the end of the section's last block.
    pub span: Span,
    /// Ids of the claims in this section.
    pub claims: Vec<String>,
}

/// Words in the input and where they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marked {
    /// The words as written.
    pub text: String,
    /// Where they are.
    pub span: Span,
}

/// The words that attribute a claim, and what they attribute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cue {
    /// The words as written.
    pub text: String,
    /// Where they are.
    pub span: Span,
    /// What the source does: says it, shows it, believes it, or intends it.
    #[serde(default)]
    pub kind: CueKind,
}

/// What a cue attributes. A `belief` or an `intention` is the source's
/// stance (`Trump wants a wall`), not a statement: GUIDELINES.md reads such a
/// claim as the article's own voice, while PolNeAR annotates it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum CueKind {
    /// Said, written, announced, asked (`according to`, a speaker label).
    #[default]
    Speech,
    /// Shown by a document or by evidence (`records show`, `the study found`).
    Evidence,
    /// What the source believes, thinks, fears or expects.
    Belief,
    /// What the source wants, plans, seeks or intends.
    Intention,
}

impl CueKind {
    /// Whether the cue gives a stance rather than a statement.
    pub fn is_stance(self) -> bool {
        matches!(self, CueKind::Belief | CueKind::Intention)
    }
}

/// A claim: one sentence of the body (a quotation opened inside it runs on
/// until it closes).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// `c1`, `c2`, …
    pub id: String,
    /// The sentence as it stands, markup removed.
    pub text: String,
    /// Where it is.
    pub span: Span,
    /// Id of its section.
    pub section: String,
    /// 0-based index of the paragraph (block) it belongs to.
    pub paragraph: usize,
    /// Whether it stands in a block quotation.
    #[serde(default)]
    pub block_quote: bool,
    /// Id of the source it is attributed to; `None` in the article's own voice.
    pub source: Option<String>,
    /// The attributing words (`said`, `according to`), if in this claim.
    pub cue: Option<Cue>,
    /// The words naming the source in this claim, if any.
    pub mention: Option<Marked>,
    /// Id of the source relaying a nested attribution.
    pub via: Option<String>,
    /// Direct quotations in the claim.
    #[serde(default)]
    pub quotes: Vec<Quote>,
    /// Ids of entities mentioned in the claim.
    #[serde(default)]
    pub entities: Vec<String>,
}

/// A direct quotation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted words, without the quotation marks.
    pub text: String,
    /// Where they are (inside the marks).
    pub span: Span,
    /// Id of the source who said or wrote it, if known.
    pub speaker: Option<String>,
}

/// What kind of source a claim comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// A named person, or a person described by role.
    Person,
    /// An organisation, agency, company, newspaper.
    Organization,
    /// A report, study, document, post.
    Document,
    /// A group of people (survivors, critics, many).
    Group,
}

/// A source: someone or something the article attributes claims to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// `src1`, `src2`, …
    pub id: String,
    /// The fullest name the article gives.
    pub name: String,
    /// Person, organisation, document or group.
    pub kind: SourceKind,
    /// Title or role, split off the name (`Secretary of State`).
    pub role: Option<String>,
    /// Every name the article uses for it, the name included.
    pub aliases: Vec<String>,
    /// How many claims are attributed to it.
    pub claims: usize,
}

/// What kind of entity a name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntityKind {
    /// A person.
    Person,
    /// An organisation.
    Organization,
    /// A place.
    Place,
    /// A law, treaty or declaration.
    Law,
    /// A date.
    Date,
    /// Anything else.
    Other,
}

/// A named entity and where it is mentioned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// `e1`, `e2`, …
    pub id: String,
    /// The fullest name used.
    pub name: String,
    /// Its kind.
    pub kind: EntityKind,
    /// Other names used for it.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Every mention, in order.
    pub mentions: Vec<Marked>,
}

impl Outline {
    /// Looks up a source by id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        // Ids are numbered in order (`src1`, `src2`, …): try that place
        // first, so a lookup per claim stays linear on long documents.
        let n = id.trim_start_matches(|c: char| !c.is_ascii_digit());
        let at = n.parse::<usize>().ok().and_then(|n| n.checked_sub(1));
        match at.and_then(|i| self.sources.get(i)) {
            Some(s) if s.id == id => Some(s),
            _ => self.sources.iter().find(|s| s.id == id),
        }
    }

    /// Looks up a section by id.
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// Looks up an entity by id.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id == id)
    }
}
