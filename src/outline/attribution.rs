//! Attribution: cues, sources, quotations.

use super::{Claim, Draft, Source};
use crate::read::Document;

/// Attributes claims to sources; returns the sources.
pub fn attribute(_doc: &Document, _drafts: &[Draft], _claims: &mut [Claim]) -> Vec<Source> {
    Vec::new()
}
