//! The grammar stage: parts of speech, lemmas and dependencies for the
//! sentences of an article, between segmentation and attribution.
//!
//! 1. [`words`] splits a sentence into syntactic words as the Universal
//!    Dependencies English treebanks write them (`don't` → `do` `n't`);
//! 2. [`tagger`] gives each word a universal and a Penn tag (an averaged
//!    perceptron);
//! 3. [`parser`] attaches each word to its head with a UD label (greedy
//!    arc-hybrid transitions, an averaged perceptron);
//! 4. [`lemma`] gives lemmas by rule and exception list.
//!
//! The model ([`model::Model`]) is trained on openly licensed treebanks by
//! the command in `train/` and embedded in the binary; it is read once, on
//! first use. Every word is a byte range of the analysed text.

pub mod conllu;
pub mod eval;
pub mod features;
pub mod lemma;
pub mod model;
pub mod parser;
pub mod tagger;
pub mod weights;
pub mod words;

use features::Lex;
use model::Model;
use std::ops::Range;
use thiserror::Error;

/// Errors of the grammar stage.
#[derive(Debug, Error)]
pub enum GrammarError {
    /// The embedded model file cannot be read (a damaged build).
    #[error("the grammar model built into brief is damaged")]
    Model,
}

/// A word of an analysed sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Its bytes in the analysed text.
    pub range: Range<usize>,
    /// Its tag class ([`Model::tags`]).
    pub tag: u16,
    /// The word it depends on; `None` for the root of the sentence.
    pub head: Option<usize>,
    /// Its dependency label ([`Model::labels`]).
    pub label: u16,
}

/// The analysis of one sentence.
#[derive(Debug, Clone)]
pub struct Analysis<'a> {
    /// The analysed text.
    pub text: &'a str,
    /// Its words, in order.
    pub words: Vec<Word>,
    model: &'static Model,
}

/// Analyses a sentence: splits it into words, tags and parses them.
pub fn analyse(text: &str) -> Result<Analysis<'_>, GrammarError> {
    Ok(tag(text)?.parse())
}

/// Splits a sentence into words and tags them, leaving the parse (most of
/// the work) to [`Tagged::parse`], for callers that parse only where the
/// tags call for it.
pub fn tag(text: &str) -> Result<Tagged<'_>, GrammarError> {
    let model = Model::embedded()?;
    Ok(tag_with(model, text, words::words(text)))
}

/// Analyses a sentence already split into words (`ranges` of `text`).
pub fn analyse_with<'a>(
    model: &'static Model,
    text: &'a str,
    ranges: Vec<Range<usize>>,
) -> Analysis<'a> {
    tag_with(model, text, ranges).parse()
}

/// The universal part of speech the tagger always gives `word`, whatever
/// its context, if its dictionary fixes one (`said` is always a `VERB`):
/// a caller can then skip tagging the sentence to learn it.
pub fn fixed_upos(word: &str) -> Option<&'static str> {
    let model = Model::embedded().ok()?;
    let lex = Lex::new(word);
    let &t = model.dict.get(&lex.norm)?;
    model.tags.get(usize::from(t)).map(|t| t.upos.as_str())
}

/// Tags a sentence already split into words (`ranges` of `text`).
pub fn tag_with<'a>(model: &'static Model, text: &'a str, ranges: Vec<Range<usize>>) -> Tagged<'a> {
    let lex: Vec<Lex> = ranges.iter().map(|r| Lex::new(&text[r.clone()])).collect();
    let tags = model.tag(&lex);
    Tagged {
        text,
        ranges,
        lex,
        tags,
        model,
    }
}

/// A sentence split into words and tagged, not yet parsed.
#[derive(Debug, Clone)]
pub struct Tagged<'a> {
    /// The analysed text.
    pub text: &'a str,
    /// Its words' byte ranges, in order.
    pub ranges: Vec<Range<usize>>,
    lex: Vec<Lex>,
    tags: Vec<u16>,
    model: &'static Model,
}

impl<'a> Tagged<'a> {
    /// The number of words.
    pub fn len(&self) -> usize {
        self.ranges.len()
    }

    /// Whether the sentence has no word.
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// The text of word `i`.
    pub fn form(&self, i: usize) -> &'a str {
        self.ranges.get(i).map_or("", |r| &self.text[r.clone()])
    }

    /// The tag of word `i`.
    fn tag(&self, i: usize) -> Option<&'static model::Tag> {
        self.tags
            .get(i)
            .and_then(|&t| self.model.tags.get(usize::from(t)))
    }

    /// The universal part of speech of word `i` (`VERB`).
    pub fn upos(&self, i: usize) -> &'static str {
        self.tag(i).map_or("X", |t| t.upos.as_str())
    }

    /// The Penn tag of word `i` (`VBD`).
    pub fn xpos(&self, i: usize) -> &'static str {
        self.tag(i).map_or("X", |t| t.xpos.as_str())
    }

    /// Parses the tagged words.
    pub fn parse(self) -> Analysis<'a> {
        let forms: Vec<&str> = self.ranges.iter().map(|r| &self.text[r.clone()]).collect();
        let (heads, labels) = self.model.parse(&self.lex, &self.tags, &forms);
        let words = self
            .ranges
            .into_iter()
            .zip(self.tags)
            .zip(heads.into_iter().zip(labels))
            .map(|((range, tag), (head, label))| Word {
                range,
                tag,
                head,
                label,
            })
            .collect();
        Analysis {
            text: self.text,
            words,
            model: self.model,
        }
    }
}

impl<'a> Analysis<'a> {
    /// The number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the sentence has no word.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The text of word `i`.
    pub fn form(&self, i: usize) -> &'a str {
        self.words
            .get(i)
            .map_or("", |w| &self.text[w.range.clone()])
    }

    /// The universal part of speech of word `i` (`VERB`).
    pub fn upos(&self, i: usize) -> &'static str {
        self.words
            .get(i)
            .and_then(|w| self.model.tags.get(usize::from(w.tag)))
            .map_or("X", |t| t.upos.as_str())
    }

    /// The Penn tag of word `i` (`VBD`).
    pub fn xpos(&self, i: usize) -> &'static str {
        self.words
            .get(i)
            .and_then(|w| self.model.tags.get(usize::from(w.tag)))
            .map_or("_", |t| t.xpos.as_str())
    }

    /// The dependency label of word `i` (`nsubj`).
    pub fn deprel(&self, i: usize) -> &'static str {
        match self.words.get(i) {
            Some(w) if w.head.is_none() => "root",
            Some(w) => self
                .model
                .labels
                .get(usize::from(w.label))
                .map_or("dep", String::as_str),
            None => "dep",
        }
    }

    /// The lemma of word `i`.
    pub fn lemma(&self, i: usize) -> String {
        lemma::lemma(self.form(i), self.upos(i), self.xpos(i))
    }

    /// The words that depend on word `i`, in order.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.words
            .iter()
            .enumerate()
            .filter(move |(_, w)| w.head == Some(i))
            .map(|(k, _)| k)
    }

    /// Appends the sentence as CoNLL-U: `# sent_id` and `# text` lines, then
    /// one line per word (FORM, LEMMA, UPOS, XPOS, HEAD, DEPREL, and in
    /// MISC the word's byte range in the text and `SpaceAfter=No` where no
    /// space follows), then a blank line.
    pub fn write_conllu(&self, id: &str, out: &mut String) {
        use std::fmt::Write as _;
        let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let _ = writeln!(out, "# sent_id = {}", one_line(id));
        let _ = writeln!(out, "# text = {}", one_line(self.text));
        for (i, w) in self.words.iter().enumerate() {
            let space_after = self
                .words
                .get(i + 1)
                .is_none_or(|n| n.range.start > w.range.end);
            let misc = format!(
                "TokenRange={}:{}{}",
                w.range.start,
                w.range.end,
                if space_after { "" } else { "|SpaceAfter=No" }
            );
            let _ = writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t{}",
                i + 1,
                conllu::field(self.form(i)),
                conllu::field(&self.lemma(i)),
                self.upos(i),
                self.xpos(i),
                w.head.map_or(0, |h| h + 1),
                self.deprel(i),
                misc
            );
        }
        out.push('\n');
    }
}
