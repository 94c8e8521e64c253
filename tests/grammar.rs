//! The grammar model's accuracy on held-out gold data: UD_English-PUD (news
//! and Wikipedia, CC BY-SA 4.0), which training never reads (train/README.md).
//! Gold words, the tagger's own tags; attachment scores without punctuation.

use brief::grammar::conllu;
use brief::grammar::eval::evaluate;
use brief::grammar::model::Model;
use brief::grammar::words::words;

fn pud() -> Vec<conllu::Sentence> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/en_pud-ud-test.conllu"
    ))
    .expect("tests/data/en_pud-ud-test.conllu is in the repository");
    conllu::read(&text)
}

#[test]
fn accuracy_on_held_out_news_text() {
    let model = Model::embedded().expect("the embedded model reads");
    let gold = pud();
    assert_eq!(gold.len(), 1000);
    let s = evaluate(model, &gold);
    eprintln!("UD_English-PUD: {}", s.line());
    assert!(s.upos() >= 95.0, "UPOS {:.2} < 95", s.upos());
    assert!(s.uas() >= 84.0, "UAS {:.2} < 84", s.uas());
    assert!(s.las() >= 80.0, "LAS {:.2} < 80", s.las());
    let news: Vec<conllu::Sentence> = gold.into_iter().filter(|s| s.id.starts_with('n')).collect();
    eprintln!(
        "UD_English-PUD, news sentences only: {}",
        evaluate(model, &news).line()
    );
}

/// brief's own word splitting gives the treebank's words for nearly every
/// sentence of the raw text, so the figures above hold for what the outline
/// parses.
#[test]
fn words_match_the_treebank() {
    let gold = pud();
    let (mut same, mut found, mut total, mut made) = (0, 0, 0, 0);
    for s in &gold {
        let ours: Vec<&str> = words(&s.text).into_iter().map(|r| &s.text[r]).collect();
        let theirs: Vec<&str> = s.rows.iter().map(|r| r.form.as_str()).collect();
        same += usize::from(ours == theirs);
        total += theirs.len();
        made += ours.len();
        // Words in common, in order (a longest common subsequence of two
        // short sequences).
        let mut row = vec![0usize; theirs.len() + 1];
        for a in &ours {
            let mut prev = 0;
            for (j, b) in theirs.iter().enumerate() {
                let keep = row[j + 1];
                row[j + 1] = if a == b {
                    prev + 1
                } else {
                    row[j + 1].max(row[j])
                };
                prev = keep;
            }
        }
        found += row[theirs.len()];
    }
    let f1 = 2.0 * found as f64 / (total + made) as f64;
    eprintln!(
        "words: {same} of {} sentences split as the treebank does; word F1 {f1:.4}",
        gold.len()
    );
    assert!(f1 >= 0.99, "word F1 {f1:.4}");
}
