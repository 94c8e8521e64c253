//! The diff model: plain serde data, versioned by [`SCHEMA`].

use serde::Serialize;

use crate::outline::Span;

/// The schema identifier written into every JSON diff.
pub const SCHEMA: &str = "brief.diff/1";

/// The comparison of two versions of a report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diff {
    /// Always [`SCHEMA`].
    pub schema: &'static str,
    /// The changes that matter most, ranked (see [`KeyReason`]); each
    /// refers to an entry of `changes` or names an entity or section.
    pub key_changes: Vec<KeyChange>,
    /// One entry per claim that was added, removed, changed or moved, in the
    /// order of the new version (removed claims where they stood).
    pub changes: Vec<Change>,
    /// Sections of both versions, matched, with their figures.
    pub sections: Vec<SectionDiff>,
    /// Entities named in one version only.
    pub entities: NameDiff,
    /// Sources named in one version only, and claims whose source changed.
    pub sources: SourceDiff,
    /// Metadata fields (title, date, …) that differ.
    pub meta: Vec<MetaChange>,
    /// Figures for the whole document.
    pub stats: Stats,
}

impl Diff {
    /// Whether the two versions say the same thing: no claim, heading,
    /// section or metadata changed (whitespace and wrapping never count).
    pub fn is_same(&self) -> bool {
        self.changes.is_empty()
            && self.meta.is_empty()
            && self
                .sections
                .iter()
                .all(|s| s.status == SectionStatus::Same)
    }
}

/// Why a change is among the key changes; the ranking is this order,
/// then document order within each reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum KeyReason {
    /// A claim kept its place or moved but gained or lost a negation
    /// (`no reports` → `reports`, `did not` → `did`).
    Reversal,
    /// A claim's figures changed (a number, percentage, amount or count).
    Figure,
    /// A person or organisation named in one version only.
    Named,
    /// A section added or removed.
    Section,
    /// One of the five longest passages added or removed.
    Passage,
}

/// One of the key changes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyChange {
    /// Why it is a key change.
    pub reason: KeyReason,
    /// Index of the change in `changes`, when it is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<usize>,
    /// The section it is in (`null` for the lead, or for names).
    pub section: Option<String>,
    /// What the reports say: `figures 37 → 44: …`, `newly named (person): …`.
    pub text: String,
}

/// What happened to a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    /// Only in the new version.
    Added,
    /// Only in the old version.
    Removed,
    /// In place, with words changed.
    Changed,
    /// Somewhere else (possibly with words changed).
    Moved,
}

impl ChangeKind {
    /// The kind as written in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Changed => "changed",
            ChangeKind::Moved => "moved",
        }
    }
}

/// One changed claim.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// What happened.
    pub kind: ChangeKind,
    /// The claim in the old version (`null` when added).
    pub old: Option<ClaimRef>,
    /// The claim in the new version (`null` when removed).
    pub new: Option<ClaimRef>,
    /// Word-level changes from old to new (empty for added, removed and
    /// claims moved unchanged).
    pub words: Vec<Word>,
    /// For moves: claims moved together share a block number (1, 2, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub block: Option<usize>,
    /// A change in place that alters no content word and no figure
    /// (punctuation, inflection, `ten` for `10`, an article): see
    /// [`super::minor`]. Reports show these last, folded together; absent
    /// (false) otherwise.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub minor: bool,
}

/// A claim in one version (or a run of claims added or removed together
/// in one paragraph, read as one passage).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimRef {
    /// Its id in that version's outline (`c12`); the first for a run.
    pub id: String,
    /// Ids of every claim covered: `[id]`, or the whole run.
    pub ids: Vec<String>,
    /// Its text, white space collapsed.
    pub text: String,
    /// Where it is in that version's input.
    pub span: Span,
    /// The heading of its section (`null` for the lead).
    pub section: Option<String>,
    /// 0-based index of its paragraph in that version.
    pub paragraph: usize,
}

/// What a stretch of words did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum WordOp {
    /// In both versions.
    Equal,
    /// Only in the old version.
    Delete,
    /// Only in the new version.
    Insert,
}

/// A stretch of words (with the spaces between them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Word {
    /// What it did.
    pub op: WordOp,
    /// The text.
    pub text: String,
}

/// How a section fared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionStatus {
    /// Same heading, same place among the matched sections.
    Same,
    /// Matched by content, under another heading.
    Renamed,
    /// Same heading, another place among the sections.
    Moved,
    /// Only in the new version.
    Added,
    /// Only in the old version.
    Removed,
}

/// A section in one version.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionRef {
    /// Its id in that version's outline.
    pub id: String,
    /// Its heading (`null` for the lead).
    pub heading: Option<String>,
}

/// A pair of matched sections (or a section in one version only) and the
/// figures of the claims in it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionDiff {
    /// How the section fared.
    pub status: SectionStatus,
    /// The section in the old version.
    pub old: Option<SectionRef>,
    /// The section in the new version.
    pub new: Option<SectionRef>,
    /// Figures of its claims (moved claims count in the section they moved to,
    /// and removed ones in the section they left).
    pub counts: Counts,
}

/// Claims kept, changed, added, removed and moved.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// In both versions, the same, in place.
    pub kept: usize,
    /// In place, with words changed.
    pub changed: usize,
    /// Only in the new version.
    pub added: usize,
    /// Only in the old version.
    pub removed: usize,
    /// Moved (with or without word changes).
    pub moved: usize,
}

impl Counts {
    /// Adds one claim of this kind (`None` is a kept claim).
    pub fn count(&mut self, kind: Option<ChangeKind>) {
        match kind {
            None => self.kept += 1,
            Some(ChangeKind::Changed) => self.changed += 1,
            Some(ChangeKind::Added) => self.added += 1,
            Some(ChangeKind::Removed) => self.removed += 1,
            Some(ChangeKind::Moved) => self.moved += 1,
        }
    }

    /// Whether anything other than kept claims is counted.
    pub fn any_change(&self) -> bool {
        self.changed + self.added + self.removed + self.moved > 0
    }
}

/// Figures for the whole document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    /// Claims in the old version.
    pub old_claims: usize,
    /// Claims in the new version.
    pub new_claims: usize,
    /// Claims kept, changed, added, removed and moved.
    #[serde(flatten)]
    pub counts: Counts,
    /// How much of the text the versions share, from 0 (nothing) to 1 (all):
    /// twice the characters of claims in both (kept, moved, and the equal
    /// words of changed ones) over the characters of both versions' claims.
    pub similarity: f64,
    /// Changed claims whose edit is minor (counted among `changed` too).
    pub minor: usize,
    /// Sections only in the new version.
    pub sections_added: usize,
    /// Sections only in the old version.
    pub sections_removed: usize,
    /// Sections renamed.
    pub sections_renamed: usize,
    /// Entities named in the new version only.
    pub entities_added: usize,
    /// Entities named in the old version only.
    pub entities_removed: usize,
    /// Sources named in the new version only.
    pub sources_added: usize,
    /// Sources named in the old version only.
    pub sources_removed: usize,
    /// Matched claims whose source changed.
    pub sources_changed: usize,
}

/// A name (entity or source) in one version only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Named {
    /// The fullest name used.
    pub name: String,
    /// Its kind (`person`, `organization`, …).
    pub kind: String,
    /// Its id in that version's outline (`brief outline`); absent when
    /// the comparison outlined only the paragraphs that differ.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// Names in one version only, in order of first mention.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct NameDiff {
    /// Named in the new version only.
    pub added: Vec<Named>,
    /// Named in the old version only.
    pub removed: Vec<Named>,
}

/// A claim whose source changed between the versions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceChange {
    /// The old claim and its source.
    pub old: AttributedRef,
    /// The new claim and its source.
    pub new: AttributedRef,
}

/// A claim and the name of its source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttributedRef {
    /// The claim's id.
    pub id: String,
    /// The claim's text.
    pub text: String,
    /// The source's name (`null` in the article's own voice).
    pub source: Option<String>,
}

/// Sources in one version only, and claims whose source changed.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SourceDiff {
    /// Named in the new version only.
    pub added: Vec<Named>,
    /// Named in the old version only.
    pub removed: Vec<Named>,
    /// Matched claims attributed to another source.
    pub changed: Vec<SourceChange>,
}

/// A metadata field that differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MetaChange {
    /// `title`, `authors`, `date`, `publisher`, `url` or `language`.
    pub field: &'static str,
    /// The old value.
    pub old: Option<String>,
    /// The new value.
    pub new: Option<String>,
}
