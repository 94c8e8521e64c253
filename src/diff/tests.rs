use super::*;
use crate::read::{InputFormat, SourceText};

fn outline(md: &str) -> Outline {
    let doc = crate::read::parse(SourceText::new("t.md", md), InputFormat::Markdown).unwrap();
    crate::outline::build(&doc)
}

fn diff(a: &str, b: &str) -> Diff {
    compare(&outline(a), &outline(b), &Options::default())
}

fn kinds(d: &Diff) -> Vec<(&'static str, String)> {
    d.changes
        .iter()
        .map(|c| {
            let t = c
                .new
                .as_ref()
                .or(c.old.as_ref())
                .map(|r| r.text.clone())
                .unwrap_or_default();
            (c.kind.as_str(), t)
        })
        .collect()
}

const OLD: &str = "# Report\n\n## Budget\n\nThe ministry spent 40 million on schools. Teachers were hired in March. Classes resumed in April.\n\nThe board approved the plan. Figures are provisional.\n\n## Health\n\nClinics opened in five towns. Doctors arrived from the capital.\n\nNurses were trained in June. Figures are provisional.\n";

#[test]
fn identical_is_same() {
    let d = diff(OLD, OLD);
    assert!(d.is_same());
    assert!(d.changes.is_empty());
    assert_eq!(d.stats.similarity, 1.0);
}

#[test]
fn rewrapping_is_no_change() {
    let new = OLD.replace(
        "spent 40 million on schools. ",
        "spent 40 million\non schools.  \n",
    );
    let d = diff(OLD, &new);
    assert!(d.is_same(), "{:?}", kinds(&d));
}

#[test]
fn each_kind() {
    let new = OLD
        .replace("40 million", "45 million")
        .replace("Teachers were hired in March. ", "")
        .replace(
            "Classes resumed in April.",
            "Classes resumed in April. A new canteen opened.",
        );
    let d = diff(OLD, &new);
    let k = kinds(&d);
    assert_eq!(
        k,
        vec![
            (
                "changed",
                "The ministry spent 45 million on schools.".to_string()
            ),
            ("removed", "Teachers were hired in March.".to_string()),
            ("added", "A new canteen opened.".to_string()),
        ]
    );
    let w = &d.changes[0].words;
    assert!(w.iter().any(|w| w.op == WordOp::Delete && w.text == "40"));
    assert!(w.iter().any(|w| w.op == WordOp::Insert && w.text == "45"));
}

#[test]
fn paragraph_move_and_boilerplate() {
    let old = "# R\n\nA one. A two. A three.\n\nB one.\n\nC one.\n\nD one.\n\nFigures are provisional.\n\nE one. Figures are provisional.\n";
    let new = "# R\n\nB one.\n\nC one.\n\nD one.\n\nA one. A two. A three.\n\nFigures are provisional.\n\nE one. Figures are provisional.\n";
    let d = diff(old, new);
    let k = kinds(&d);
    assert_eq!(k.len(), 3, "{k:?}");
    assert!(k
        .iter()
        .all(|(kind, t)| *kind == "moved" && t.starts_with("A ")));
    assert!(d.changes.iter().all(|c| c.block == Some(1)));
}

#[test]
fn renamed_section() {
    let new = OLD.replace("## Health", "## Public health");
    let d = diff(OLD, &new);
    assert!(d.changes.is_empty());
    assert!(!d.is_same());
    assert!(d
        .sections
        .iter()
        .any(|s| s.status == SectionStatus::Renamed));
}

#[test]
fn moved_with_edit() {
    let old = "# R\n\nThe harbour was dredged to a depth of twelve metres last spring. A two.\n\nB one.\n\nC one.\n\nD one.\n";
    let new = "# R\n\nA two.\n\nB one.\n\nC one.\n\nD one.\n\nThe harbour was dredged to a depth of fourteen metres last spring.\n";
    let d = diff(old, new);
    let k = kinds(&d);
    assert_eq!(k.len(), 1, "{k:?}");
    assert_eq!(k[0].0, "moved");
    assert!(!d.changes[0].words.is_empty());
}

#[test]
fn outputs_render() {
    let new = OLD.replace("40 million", "45 million").replace(
        "## Health\n",
        "## Health\n\nDr. Maria Okafor leads the *programme*.\n",
    );
    let d = diff(OLD, &new);
    let md = markdown::render(&d, "a.md", "b.md");
    assert!(md.contains("{~~40~>45~~}"), "{md}");
    assert!(
        md.contains("\\*programme\\*") || md.contains("programme"),
        "{md}"
    );
    let tex = latex::render(&d, "a_1.md", "b.md");
    assert!(tex.contains("\\DIFdel{40}\\DIFadd{45}"), "{tex}");
    assert!(tex.contains("a\\_1.md"));
    let plain = plain::render(&d, &plain::Palette::new(false));
    assert!(plain.contains("[-40-]{+45+}"), "{plain}");
    let j: serde_json::Value = serde_json::from_str(&json(&d)).unwrap();
    assert_eq!(j["schema"], "brief.diff/1");
    assert_eq!(j["changes"][0]["kind"], "changed");
}

#[test]
fn transplanted_sentence_is_removed_and_added() {
    let old = "# R\n\nThe harbour was dredged to a depth of twelve metres. A two.\n\nB one.\n\nC one.\n\nD one. D two.\n";
    let new = "# R\n\nA two.\n\nB one.\n\nC one.\n\nD one. The harbour was dredged to a depth of twelve metres. D two.\n";
    let k = kinds(&diff(old, new));
    assert_eq!(
        k.iter().map(|x| x.0).collect::<Vec<_>>(),
        vec!["removed", "added"],
        "{k:?}"
    );
}

#[test]
fn names_are_found_as_whole_words_for_every_owner() {
    let hay = ["Maria Okafor spoke.", "The AGENCY agreed; agencies too."];
    let items: Vec<Vec<String>> = vec![
        vec!["Maria Okafor".into()],
        vec!["Maria Okafor".into(), "Okafor".into()],
        vec!["Agency".into()],
        vec!["gency".into()],
        vec!["Lena Marquez".into()],
    ];
    let found = super::found_in(&hay, items.iter().map(Vec::as_slice));
    assert_eq!(found, vec![true, true, true, false, false]);
}

#[test]
fn focused_comparison_finds_what_full_outlines_find() {
    let a = "# R\n\n## One\n\nMaria Okafor said the ministry counted 12 cases. He added that more would come.\n\nThe board met twice. It reported no change.\n\n## Two\n\nFigures remain provisional. The agency found 40 schools rebuilt.\n";
    let b = "# R\n\n## One\n\nLena Marquez said the ministry counted 14 cases. He added that more would come.\n\nThe board met twice. It reported no change.\n\n## Two\n\nFigures remain provisional. The agency found 40 schools rebuilt. A new audit began.\n";
    let read =
        |s: &str| crate::read::parse(SourceText::new("t.md", s), InputFormat::Markdown).unwrap();
    let full = diff(a, b);
    let focused = compare_documents(&read(a), &read(b), &Options::default());
    assert_eq!(kinds(&full), kinds(&focused));
    assert_eq!(full.stats.counts, focused.stats.counts);
    assert_eq!(full.stats.similarity, focused.stats.similarity);
    let names =
        |d: &Diff| -> Vec<String> { d.sources.added.iter().map(|n| n.name.clone()).collect() };
    assert_eq!(names(&full), names(&focused));
    assert_eq!(names(&focused), vec!["Lena Marquez".to_string()]);
    assert_eq!(full.sources.changed.len(), focused.sources.changed.len());
}

#[test]
fn one_shared_claim_renames_nothing() {
    let old = "# R\n\n## Abuses\n\nWomen faced bias at work. The law is silent.\n";
    let new = "# R\n\n## Coercion\n\nNo coerced abortions were reported. The law is silent.\n";
    let d = diff(old, new);
    assert!(d
        .sections
        .iter()
        .all(|s| s.status != SectionStatus::Renamed));
}

#[test]
fn typography_is_no_change_and_minor_edits_are_marked() {
    let new = OLD
        .replace("Figures are provisional.", "Figures are provisional …")
        .replace("The board approved the plan.", "The board approves plan.");
    let typeset = OLD
        .replace("spent 40", "spent\u{A0}40")
        .replace("in March. Classes", "in March\u{2026} Classes");
    assert!(diff(
        &OLD.replace("in March. Classes", "in March... Classes"),
        &typeset
    )
    .is_same());
    let d = diff(OLD, &new);
    let minor: Vec<bool> = d.changes.iter().map(|c| c.minor).collect();
    assert!(minor.iter().all(|&m| m), "{:?}", kinds(&d));
    assert_eq!(d.stats.minor, d.changes.len());
    assert!(groups(&d).is_empty());
    assert_eq!(minor_changes(&d).len(), d.changes.len());
}
