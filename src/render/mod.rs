//! Renderers: outlines and briefs into output formats.

pub mod outline;
