//! Accuracy of the grammar on gold treebank sentences, as the training
//! command and the accuracy test measure it: the gold words, the model's
//! own tags, and the attachment scores without punctuation (the CoNLL
//! shared tasks' convention).

use super::conllu::Sentence;
use super::features::Lex;
use super::lemma;
use super::model::Model;

/// Counts of correct analyses.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Score {
    /// Words.
    pub words: usize,
    /// Words with the right universal tag.
    pub upos: usize,
    /// Words with the right Penn tag.
    pub xpos: usize,
    /// Words with the right lemma.
    pub lemma: usize,
    /// Words that are not punctuation (gold `PUNCT`): the attachment scores
    /// count these.
    pub scored: usize,
    /// Of those, words with the right head.
    pub uas: usize,
    /// Of those, words with the right head and label.
    pub las: usize,
}

fn percent(a: usize, b: usize) -> f64 {
    100.0 * a as f64 / b.max(1) as f64
}

impl Score {
    /// UPOS accuracy, in percent.
    pub fn upos(&self) -> f64 {
        percent(self.upos, self.words)
    }

    /// Unlabelled attachment score without punctuation, in percent.
    pub fn uas(&self) -> f64 {
        percent(self.uas, self.scored)
    }

    /// Labelled attachment score without punctuation, in percent.
    pub fn las(&self) -> f64 {
        percent(self.las, self.scored)
    }

    /// One line with every figure.
    pub fn line(&self) -> String {
        format!(
            "UPOS {:.2}  XPOS {:.2}  lemma {:.2}  UAS {:.2}  LAS {:.2}  ({} words, {} without punctuation)",
            self.upos(),
            percent(self.xpos, self.words),
            percent(self.lemma, self.words),
            self.uas(),
            self.las(),
            self.words,
            self.scored
        )
    }
}

/// Scores `model` on gold sentences, through the code the outline runs.
pub fn evaluate(model: &Model, gold: &[Sentence]) -> Score {
    let mut s = Score::default();
    for sent in gold {
        let forms: Vec<&str> = sent.rows.iter().map(|r| r.form.as_str()).collect();
        let lex: Vec<Lex> = forms.iter().map(|f| Lex::new(f)).collect();
        let tags = model.tag(&lex);
        let (heads, labels) = model.parse(&lex, &tags, &forms);
        for (i, r) in sent.rows.iter().enumerate() {
            let Some(t) = model.tags.get(usize::from(tags[i])) else {
                continue;
            };
            s.words += 1;
            s.upos += usize::from(t.upos == r.upos);
            s.xpos += usize::from(t.xpos == r.xpos);
            s.lemma += usize::from(lemma::lemma(&r.form, &t.upos, &t.xpos) == r.lemma);
            if r.upos == "PUNCT" {
                continue;
            }
            s.scored += 1;
            if heads[i] == r.head {
                s.uas += 1;
                let l = match heads[i] {
                    None => "root",
                    Some(_) => model
                        .labels
                        .get(usize::from(labels[i]))
                        .map_or("", String::as_str),
                };
                s.las += usize::from(l == r.deprel);
            }
        }
    }
    s
}
