//! The grammar model: the tag and label sets and the weights of the tagger
//! and the parser, read once from the file embedded at build time
//! (`data/model.bin`, written by the training command in `train/`).
//!
//! The file is little-endian: the magic `BRIEFGM1`; the tag classes (count,
//! then each universal and Penn tag as length-prefixed UTF-8); the labels;
//! the tag dictionary (count, then each word hash and class); then the
//! tagger's and the parser's weights ([`Weights::write`]): the parser's
//! classes are its moves, then the labels of arcs to the left, then to the
//! right.

use super::features::Lex;
use super::weights::{put_str, put_u32, Reader, Weights};
use super::{parser, tagger, GrammarError};
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

const MAGIC: &[u8; 8] = b"BRIEFGM1";

/// A tag class: a universal tag and the Penn tag it goes with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// The universal part of speech (`VERB`).
    pub upos: String,
    /// The Penn Treebank tag (`VBD`).
    pub xpos: String,
}

/// A trained tagger and parser.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// The tag classes.
    pub tags: Vec<Tag>,
    /// The dependency labels.
    pub labels: Vec<String>,
    /// The tagger's weights.
    pub tagger: Weights,
    /// Words that always take one tag in the training data, by their
    /// normalised form's hash ([`Lex::norm`]).
    pub dict: FxHashMap<u64, u16>,
    /// The parser's weights: its moves ([`parser::MOVES`]), then the labels
    /// of arcs to the left, then to the right.
    pub parser: Weights,
}

impl Model {
    /// The model embedded in the binary, read on first use.
    pub fn embedded() -> Result<&'static Model, GrammarError> {
        static CELL: OnceLock<Option<Model>> = OnceLock::new();
        CELL.get_or_init(|| Model::from_bytes(include_bytes!("data/model.bin")))
            .as_ref()
            .ok_or(GrammarError::Model)
    }

    /// Tags words: a tag class for each.
    pub fn tag(&self, lex: &[Lex]) -> Vec<u16> {
        tagger::tag(&self.tagger, &self.dict, lex)
    }

    /// Parses tagged words: each word's head (`None` for the root) and label.
    pub fn parse(
        &self,
        lex: &[Lex],
        tags: &[u16],
        forms: &[&str],
    ) -> (Vec<Option<usize>>, Vec<u16>) {
        parser::parse(&self.parser, self.labels.len(), lex, tags, forms)
    }

    /// The model as the bytes of a model file.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        put_u32(&mut out, self.tags.len() as u32);
        for t in &self.tags {
            put_str(&mut out, &t.upos);
            put_str(&mut out, &t.xpos);
        }
        put_u32(&mut out, self.labels.len() as u32);
        for l in &self.labels {
            put_str(&mut out, l);
        }
        let mut dict: Vec<(&u64, &u16)> = self.dict.iter().collect();
        dict.sort_unstable();
        put_u32(&mut out, dict.len() as u32);
        for (h, c) in dict {
            out.extend_from_slice(&h.to_le_bytes());
            out.extend_from_slice(&c.to_le_bytes());
        }
        self.tagger.write(&mut out);
        self.parser.write(&mut out);
        out
    }

    /// Reads a model file; `None` when it is damaged or inconsistent.
    pub fn from_bytes(bytes: &[u8]) -> Option<Model> {
        let mut r = Reader::new(bytes);
        if r.take(MAGIC.len())? != MAGIC {
            return None;
        }
        let ntags = r.u32()? as usize;
        let mut tags = Vec::with_capacity(ntags.min(1024));
        for _ in 0..ntags {
            let upos = r.str()?.to_string();
            let xpos = r.str()?.to_string();
            tags.push(Tag { upos, xpos });
        }
        let nlabels = r.u32()? as usize;
        let mut labels = Vec::with_capacity(nlabels.min(1024));
        for _ in 0..nlabels {
            labels.push(r.str()?.to_string());
        }
        let ndict = r.u32()? as usize;
        let mut dict = FxHashMap::default();
        for _ in 0..ndict {
            let h = r.u64()?;
            let c = r.u16()?;
            if usize::from(c) >= ntags {
                return None;
            }
            dict.insert(h, c);
        }
        let tagger = Weights::read(&mut r)?;
        let mut parser = Weights::read(&mut r)?;
        // The right-arc labels follow the left-arc ones in each row.
        parser.set_split(parser::MOVES + nlabels);
        let consistent = tagger.classes == ntags && parser.classes == parser::MOVES + 2 * nlabels;
        (consistent && r.is_empty() && ntags > 0 && nlabels > 0).then_some(Model {
            tags,
            labels,
            tagger,
            dict,
            parser,
        })
    }
}
