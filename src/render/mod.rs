//! Renderers: outlines and briefs into output formats.

pub mod escape;
pub mod outline;
