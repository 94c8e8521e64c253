//! Named entities.

use super::{Claim, Draft, Entity, Source};
use crate::read::Document;

/// Finds entities in the claims.
pub fn extract(
    _doc: &Document,
    _drafts: &[Draft],
    _claims: &mut [Claim],
    _sources: &[Source],
) -> Vec<Entity> {
    Vec::new()
}
