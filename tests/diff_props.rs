//! Property tests of `brief diff`: a version compared with itself has no
//! change (and the binary exits 0); in simple generated edits, the diff
//! names exactly the claims that differ.

use std::collections::BTreeSet;

use brief::diff::{compare, ChangeKind, Diff, Options};
use brief::read::{parse, InputFormat, SourceText};
use proptest::prelude::*;

const NOUNS: &[&str] = &[
    "budget", "harbour", "council", "clinic", "school", "bridge", "market", "railway",
];
const VERBS: &[&str] = &[
    "approved",
    "reviewed",
    "delayed",
    "expanded",
    "inspected",
    "funded",
];

/// A sentence that is unique by its index.
fn sentence(i: usize, noun: usize, verb: usize) -> String {
    format!(
        "The {} committee {} plan number {} after a long debate.",
        NOUNS[noun % NOUNS.len()],
        VERBS[verb % VERBS.len()],
        1000 + i
    )
}

/// Paragraphs of sentences, each paragraph a list of (index, noun, verb).
fn doc_strategy() -> impl Strategy<Value = Vec<Vec<(usize, usize, usize)>>> {
    prop::collection::vec(prop::collection::vec((0usize..8, 0usize..6), 1..5), 1..8).prop_map(
        |paras| {
            let mut i = 0;
            paras
                .into_iter()
                .map(|p| {
                    p.into_iter()
                        .map(|(n, v)| {
                            i += 1;
                            (i, n, v)
                        })
                        .collect()
                })
                .collect()
        },
    )
}

fn render(paras: &[Vec<String>], width: usize) -> String {
    let mut out = String::from("# Report\n\n");
    for p in paras {
        let mut line = 0;
        for w in p.join(" ").split(' ') {
            if line > 0 && line + w.len() > width {
                out.push('\n');
                line = 0;
            } else if line > 0 {
                out.push(' ');
                line += 1;
            }
            out.push_str(w);
            line += w.len();
        }
        out.push_str("\n\n");
    }
    out
}

fn texts(p: &[Vec<(usize, usize, usize)>]) -> Vec<Vec<String>> {
    p.iter()
        .map(|s| s.iter().map(|&(i, n, v)| sentence(i, n, v)).collect())
        .collect()
}

fn diff(a: &str, b: &str) -> Diff {
    let o = |t: &str| {
        let doc = parse(SourceText::new("t.md", t), InputFormat::Markdown).unwrap();
        brief::outline::build(&doc)
    };
    compare(&o(a), &o(b), &Options::default())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn same_version_has_no_change(doc in doc_strategy(), w1 in 30usize..100, w2 in 30usize..100) {
        let t = texts(&doc);
        let d = diff(&render(&t, w1), &render(&t, w2));
        prop_assert!(d.changes.is_empty(), "{:?}", d.changes);
        prop_assert!(d.is_same());
    }

    #[test]
    fn names_exactly_the_edited_claims(
        doc in doc_strategy(),
        edits in prop::collection::vec((0usize..3, any::<prop::sample::Index>()), 1..4),
    ) {
        let t = texts(&doc);
        // flat positions, never two neighbours, so each change is one claim
        let flat: Vec<(usize, usize)> = t.iter().enumerate()
            .flat_map(|(pi, p)| (0..p.len()).map(move |si| (pi, si))).collect();
        let mut chosen: BTreeSet<usize> = BTreeSet::new();
        let mut plan = Vec::new();
        for (kind, idx) in edits {
            let k = idx.index(flat.len());
            if chosen.iter().any(|&c| c.abs_diff(k) <= 1) { continue; }
            chosen.insert(k);
            plan.push((kind, flat[k]));
        }
        let mut new = t.clone();
        let (mut want_removed, mut want_added, mut want_changed) = (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
        // apply from the end so earlier positions stay valid
        plan.sort_by_key(|p| std::cmp::Reverse(p.1));
        for (n, (kind, (pi, si))) in plan.into_iter().enumerate() {
            let s = new[pi][si].clone();
            match kind {
                0 => { want_removed.insert(s); new[pi].remove(si); }
                1 => {
                    let added = format!("A fresh finding number {} was published in the annex.", 9000 + n);
                    want_added.insert(added.clone());
                    new[pi].insert(si + 1, added);
                }
                _ => {
                    let changed = s.replace("after a long", "after a short");
                    want_changed.insert((s, changed.clone()));
                    new[pi][si] = changed;
                }
            }
        }
        new.retain(|p| !p.is_empty());
        let d = diff(&render(&t, 72), &render(&new, 60));
        let mut got_removed = BTreeSet::new();
        let mut got_added = BTreeSet::new();
        let mut got_changed = BTreeSet::new();
        for c in &d.changes {
            match c.kind {
                ChangeKind::Removed => { got_removed.insert(c.old.as_ref().unwrap().text.clone()); }
                ChangeKind::Added => { got_added.insert(c.new.as_ref().unwrap().text.clone()); }
                ChangeKind::Changed => {
                    got_changed.insert((c.old.as_ref().unwrap().text.clone(), c.new.as_ref().unwrap().text.clone()));
                }
                ChangeKind::Moved => prop_assert!(false, "unexpected move {:?}", c),
            }
        }
        prop_assert_eq!(got_removed, want_removed);
        prop_assert_eq!(got_added, want_added);
        prop_assert_eq!(got_changed, want_changed);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    #[test]
    fn binary_exits_0_on_same_and_1_on_different(doc in doc_strategy()) {
        let dir = tempfile::tempdir().unwrap();
        let t = texts(&doc);
        let (a, b, c) = (dir.path().join("a.md"), dir.path().join("b.md"), dir.path().join("c.md"));
        std::fs::write(&a, render(&t, 70)).unwrap();
        std::fs::write(&b, render(&t, 40)).unwrap();
        let mut other = t.clone();
        other[0].push("An extra closing remark was added this year.".into());
        std::fs::write(&c, render(&other, 70)).unwrap();
        let run = |x: &std::path::Path, y: &std::path::Path| std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
            .args(["diff", x.to_str().unwrap(), y.to_str().unwrap(), "-f", "json"]).output().unwrap();
        let same = run(&a, &b);
        prop_assert_eq!(same.status.code(), Some(0));
        let v: serde_json::Value = serde_json::from_slice(&same.stdout).unwrap();
        prop_assert_eq!(v["changes"].as_array().unwrap().len(), 0);
        prop_assert_eq!(run(&a, &c).status.code(), Some(1));
    }
}
