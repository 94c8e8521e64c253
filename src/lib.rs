//! # brief
//!
//! brief turns reports and news articles into structured outlines, briefing
//! documents with citations, and year-over-year comparisons.
//!
//! The pipeline has four stages, each in its own module:
//!
//! 1. **read** ([`read`]): an article (Markdown with front matter, LaTeX,
//!    or plain text) becomes a [`read::Document`]: metadata plus a list of blocks
//!    (headings, paragraphs, quotations, list items), each with the byte span
//!    it came from in the original input.
//! 2. **outline** ([`outline`]): the document becomes an [`outline::Outline`]:
//!    sections, claims (sentences), the source each claim is attributed to,
//!    the cue words that attribute it, direct quotations with their speakers,
//!    and named entities. Every claim, quote and mention keeps its span.
//! 3. **style** ([`style`]): a TOML style config chooses the citation style and
//!    the shape of the brief; [`cite`] formats citations and references.
//! 4. **render** ([`render`]): the outline and the style become a brief in
//!    Markdown, LaTeX, plain text or HTML. Renderers never parse the article
//!    again; they read the outline.
//!
//! [`diff`] compares the outlines of two versions of a report.
//!
//! The binary (`src/main.rs`) is a thin layer over [`cli`].

pub mod alloc;
pub mod cite;
pub mod cli;
pub mod diff;
pub mod error;
pub mod grammar;
pub mod outline;
pub mod read;
pub mod render;
pub mod style;

pub use error::Error;
