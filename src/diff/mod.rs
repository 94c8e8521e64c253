//! Comparing two versions of a report on their outlines.
//!
//! [`compare`] aligns the claims (sentences) of two outlines, not their
//! lines: re-wrapped paragraphs, changed white space and Markdown line
//! breaks are no change. Each claim is kept, `changed` in place (with its
//! word changes), `moved` (with word changes when it was also edited),
//! `added` or `removed`; see [`align`] for how. Sections are matched by
//! heading, or by the claims they share when renamed. Entities and sources
//! named in one version only, claims whose source changed, metadata changes
//! and figures complete the [`Diff`].
//!
//! The renderers ([`json`], [`markdown`], [`latex`], [`plain`]) read the
//! [`Diff`] only.

// Alignment walks several arrays indexed by the same claim number at once;
// index loops say that more plainly than zipped iterators.
#![allow(clippy::needless_range_loop)]

pub mod align;
pub mod figures;
pub mod fold;
pub mod html;
pub mod latex;
pub mod markdown;
pub mod minor;
pub mod model;
pub mod plain;
pub mod words;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;
use std::time::{Duration, Instant};

use thiserror::Error;

pub use model::*;

use crate::outline::{Claim, Outline, Partial, Section};
use crate::read::Document;
use align::{Link, Units};

/// Errors of the diff stage.
#[derive(Debug, Error)]
pub enum DiffError {
    /// Both versions were to be read from standard input.
    #[error("only one of the two versions can be read from standard input (`-`)")]
    BothStdin,
}

/// Settings of a comparison.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Time after which the sequence diffs stop refining and settle for a
    /// coarser alignment (default 10 s).
    pub deadline: Duration,
    /// Time each claim's word diff may take before it settles (default 50 ms).
    pub word_budget: Duration,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            deadline: Duration::from_secs(10),
            word_budget: Duration::from_millis(50),
        }
    }
}

/// Builds the alignment units of a version: each section's heading, then
/// its claims; and the number of characters of each claim's normalised text.
fn units<'a>(view: &View<'a>) -> (Units<'a>, Vec<usize>) {
    let View {
        layout,
        sections,
        text,
    } = *view;
    // Claims are aligned on their cosmetic key: typography is no change.
    let texts: Vec<Cow<str>> = (0..layout.len()).map(|i| fold::fold(text(i))).collect();
    let n = layout.len() + sections.len();
    let mut u = Units {
        hash: Vec::with_capacity(n),
        claim: Vec::with_capacity(n),
        group: Vec::with_capacity(n),
        texts: Vec::new(),
    };
    // Claims come in document order and sections hold runs of them: each
    // heading goes before the first claim of a later section (headings of
    // sections without claims too).
    let mut next_section = 0usize;
    let mut push_headings = |u: &mut Units, upto: usize| {
        while next_section < upto.min(sections.len()) {
            if let Some(h) = &sections[next_section].heading {
                u.hash
                    .push(align::hash_str(b'h', &fold::fold(h).to_lowercase()));
                u.claim.push(None);
                u.group.push(usize::MAX - next_section);
            }
            next_section += 1;
        }
    };
    for (ci, t) in texts.iter().enumerate() {
        push_headings(&mut u, layout.section[ci] as usize + 1);
        u.hash.push(align::hash_str(b'c', t));
        u.claim.push(Some(ci));
        u.group.push(layout.paragraph[ci] as usize);
    }
    push_headings(&mut u, sections.len());
    let chars = texts.iter().map(|t| t.chars().count()).collect();
    u.texts = texts;
    (u, chars)
}

/// Where each claim of a version is: the index of its section and its
/// paragraph.
struct Layout {
    section: Vec<u32>,
    paragraph: Vec<u32>,
}

impl Layout {
    fn of_outline(o: &Outline) -> Layout {
        let idx = section_index(&o.sections);
        Layout {
            section: o
                .claims
                .iter()
                .map(|c| idx.get(c.section.as_str()).copied().unwrap_or(0) as u32)
                .collect(),
            paragraph: o.claims.iter().map(|c| c.paragraph as u32).collect(),
        }
    }

    fn of_partial(p: &Partial) -> Layout {
        Layout {
            section: (0..p.len()).map(|i| p.section_of(i) as u32).collect(),
            paragraph: (0..p.len()).map(|i| p.paragraph(i) as u32).collect(),
        }
    }

    fn len(&self) -> usize {
        self.section.len()
    }
}

/// A version as the comparison reads it after the alignment: its outline,
/// which may hold only some of its claims, and where each claim is.
struct Side<'a> {
    outline: &'a Outline,
    /// Index in `outline.claims` of each claim (`u32::MAX`: not built);
    /// `None` when the outline holds every claim.
    slots: Option<&'a [u32]>,
    layout: &'a Layout,
}

impl<'a> Side<'a> {
    /// Claim `i`; a claim not built reads as empty (the comparison only
    /// reads claims it had built).
    fn claim(&self, i: usize) -> &'a Claim {
        let k = match self.slots {
            None => Some(i),
            Some(s) => s.get(i).filter(|&&k| k != u32::MAX).map(|&k| k as usize),
        };
        k.and_then(|k| self.outline.claims.get(k))
            .unwrap_or_else(|| empty_claim())
    }

    fn len(&self) -> usize {
        self.layout.len()
    }

    /// The heading of claim `i`'s section.
    fn heading(&self, i: usize) -> Option<String> {
        let s = self.layout.section.get(i).copied().unwrap_or(0) as usize;
        self.outline.sections.get(s).and_then(|s| s.heading.clone())
    }
}

fn empty_claim() -> &'static Claim {
    static EMPTY: std::sync::OnceLock<Claim> = std::sync::OnceLock::new();
    EMPTY.get_or_init(Claim::default)
}

/// The alignment of two versions, and the number of characters of each
/// claim's normalised text in each (for the similarity figure).
struct Aligned {
    al: align::Alignment,
    old_chars: Vec<usize>,
    new_chars: Vec<usize>,
}

/// A version as alignment sees it: where its claims are, its sections and
/// each claim's text.
#[derive(Clone, Copy)]
struct View<'a> {
    layout: &'a Layout,
    sections: &'a [Section],
    text: &'a (dyn Fn(usize) -> &'a str + Sync),
}

/// Aligns the claims of two versions; each version's units are built on a
/// thread of their own.
fn align_claims(old: View, new: View, deadline: Instant) -> Aligned {
    let ((uo, old_chars), (un, new_chars)) = std::thread::scope(|s| {
        let h = s.spawn(|| units(&old));
        let un = units(&new);
        (
            h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)),
            un,
        )
    });
    let mut al = align::align(&uo, &un, deadline);
    demote_transplants(&mut al, &old.layout.paragraph, &new.layout.paragraph);
    Aligned {
        old_chars,
        new_chars,
        al,
    }
}

/// Compares two outlines.
pub fn compare(old: &Outline, new: &Outline, opts: &Options) -> Diff {
    let deadline = Instant::now() + opts.deadline;
    let (ot, nt) = (
        |i: usize| old.claims[i].text.as_str(),
        |i: usize| new.claims[i].text.as_str(),
    );
    let (lo, ln) = (Layout::of_outline(old), Layout::of_outline(new));
    let al = align_claims(
        View {
            layout: &lo,
            sections: &old.sections,
            text: &ot,
        },
        View {
            layout: &ln,
            sections: &new.sections,
            text: &nt,
        },
        deadline,
    );
    let side = |outline, layout| Side {
        outline,
        slots: None,
        layout,
    };
    finish(&side(old, &lo), &side(new, &ln), al, None, deadline, opts)
}

/// Compares two documents, outlining only what the comparison needs.
///
/// Both versions are segmented and their claims aligned first; sources,
/// quotations and entities are then extracted only from the paragraphs
/// that differ and the paragraph after each (where a newly named person
/// can become the `he` of the next sentence), in both versions alike.
/// Identical paragraphs in identical surroundings say the same thing with
/// the same sources, so this finds the same changes as [`compare`] on full
/// outlines at a fraction of the cost; a name counts as in one version
/// only when the other version's text does not contain it at all. The two
/// versions are worked on in parallel.
pub fn compare_documents(old: &Document, new: &Document, opts: &Options) -> Diff {
    let deadline = Instant::now() + opts.deadline;
    let (mut po, mut pn) = std::thread::scope(|s| {
        let h = s.spawn(|| Partial::lean(old));
        let pn = Partial::lean(new);
        (
            h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)),
            pn,
        )
    });
    let (lo, ln) = (Layout::of_partial(&po), Layout::of_partial(&pn));
    let al = {
        let (ot, nt) = (|i: usize| po.text(i), |i: usize| pn.text(i));
        align_claims(
            View {
                layout: &lo,
                sections: po.sections(),
                text: &ot,
            },
            View {
                layout: &ln,
                sections: pn.sections(),
                text: &nt,
            },
            deadline,
        )
    };
    // The text of every claim that is not simply kept is shown.
    let shown = |m: &Option<(usize, Link)>| !matches!(m, Some((_, Link::Kept)));
    let (oshown, nshown) = (
        |i: usize| al.al.old.get(i).is_some_and(shown),
        |i: usize| al.al.new.get(i).is_some_and(shown),
    );
    po.show(&oshown);
    pn.show(&nshown);
    let focus = Focus::of(&al.al, &lo, &ln);
    // Entities only where the text changed: kept claims name the same.
    std::thread::scope(|s| {
        s.spawn(|| po.enrich_with(&|p| focus.old.get(p).copied().unwrap_or(false), &oshown));
        pn.enrich_with(&|p| focus.new.get(p).copied().unwrap_or(false), &nshown);
    });
    let ((old_o, old_slots), (new_o, new_slots)) = (po.finish_sparse(), pn.finish_sparse());
    let d = finish(
        &Side {
            outline: &old_o,
            slots: Some(&old_slots),
            layout: &lo,
        },
        &Side {
            outline: &new_o,
            slots: Some(&new_slots),
            layout: &ln,
        },
        al,
        Some((&focus, old, new)),
        deadline,
        opts,
    );
    crate::alloc::dispose((old_o, new_o, old_slots, new_slots, lo, ln));
    d
}

/// Which paragraphs of each version a focused comparison looks into.
struct Focus {
    /// Per old paragraph: differs, follows one that differs, or holds the
    /// partner of a claim in such a paragraph of the new version.
    old: Vec<bool>,
    /// The same per new paragraph.
    new: Vec<bool>,
}

impl Focus {
    fn of(al: &align::Alignment, old: &Layout, new: &Layout) -> Focus {
        let para = |l: &Layout, i: usize| l.paragraph[i] as usize;
        let paras = |l: &Layout| l.paragraph.last().map_or(0, |&p| p as usize + 1);
        let mut fo = vec![false; paras(old)];
        let mut fnew = vec![false; paras(new)];
        for (i, m) in al.old.iter().enumerate() {
            if !matches!(m, Some((_, Link::Kept))) {
                fo[para(old, i)] = true;
            }
        }
        for (j, m) in al.new.iter().enumerate() {
            if !matches!(m, Some((_, Link::Kept))) {
                fnew[para(new, j)] = true;
            }
        }
        // What a paragraph says can change how the next one reads.
        let forward = |v: &mut Vec<bool>| {
            for p in (1..v.len()).rev() {
                if v[p - 1] {
                    v[p] = true;
                }
            }
        };
        forward(&mut fo);
        forward(&mut fnew);
        // Both sides of every pair in focus, so that each pair compared
        // was read the same way.
        let (so, sn) = (fo.clone(), fnew.clone());
        for (i, m) in al.old.iter().enumerate() {
            if let Some((j, _)) = *m {
                if so[para(old, i)] || sn[para(new, j)] {
                    fo[para(old, i)] = true;
                    fnew[para(new, j)] = true;
                }
            }
        }
        Focus { old: fo, new: fnew }
    }

    /// Whether the pair of old claim `i` and new claim `j` was compared
    /// (`old` and `new` being the layouts the focus was made from).
    fn pair(&self, old: &Layout, i: usize, new: &Layout, j: usize) -> bool {
        let o = old.paragraph.get(i).and_then(|&p| self.old.get(p as usize));
        let n = new.paragraph.get(j).and_then(|&p| self.new.get(p as usize));
        o.copied().unwrap_or(false) && n.copied().unwrap_or(false)
    }
}

/// Everything after the alignment: changes with their word diffs, sections,
/// names, sources and figures.
fn finish<'a>(
    old: &Side<'a>,
    new: &Side<'a>,
    aligned: Aligned,
    focused: Option<(&Focus, &'a Document, &'a Document)>,
    deadline: Instant,
    opts: &Options,
) -> Diff {
    let focus = focused.map(|f| f.0);
    let Aligned {
        al,
        old_chars,
        new_chars,
    } = aligned;
    // Normalised claim text, made when needed: most claims are kept and
    // never shown.
    let tx = |o: &Side, i: usize| align::normalize_cow(&o.claim(i).text).into_owned();
    let cref = |o: &Side, i: usize| {
        let c = o.claim(i);
        ClaimRef {
            id: c.id.clone(),
            ids: vec![c.id.clone()],
            text: tx(o, i),
            span: c.span,
            section: o.heading(i),
            paragraph: c.paragraph,
        }
    };

    // Changes, keyed by position in the new version.
    let mut keyed: Vec<((i64, u8, usize), Change)> = Vec::new();
    let mut eq_chars = 0usize;
    let all_chars: usize = old_chars.iter().chain(&new_chars).sum();
    for (j, m) in al.new.iter().enumerate() {
        let (kind, old_i) = match *m {
            None => (ChangeKind::Added, None),
            Some((_, Link::Kept)) => {
                eq_chars += 2 * new_chars[j];
                continue;
            }
            Some((i, Link::Changed)) => (ChangeKind::Changed, Some(i)),
            Some((i, Link::Moved)) => (ChangeKind::Moved, Some(i)),
        };
        let words = match old_i.map(|i| (tx(old, i), tx(new, j))) {
            Some((a, b)) if fold::fold(&a) != fold::fold(&b) => {
                if Instant::now() < deadline {
                    words::diff(&a, &b, opts.word_budget)
                } else {
                    vec![
                        Word {
                            op: WordOp::Delete,
                            text: a,
                        },
                        Word {
                            op: WordOp::Insert,
                            text: b,
                        },
                    ]
                }
            }
            _ => Vec::new(),
        };
        let minor = kind == ChangeKind::Changed
            && !words.is_empty()
            && minor::is_minor(
                &words::side(&words, WordOp::Delete),
                &words::side(&words, WordOp::Insert),
            );
        if old_i.is_some() {
            if words.is_empty() {
                eq_chars += 2 * new_chars[j];
            } else {
                let (eq, _, _) = words::shared_chars(&words);
                eq_chars += 2 * eq;
            }
        }
        keyed.push((
            (j as i64, 0, 0),
            Change {
                kind,
                old: old_i.map(|i| cref(old, i)),
                new: Some(cref(new, j)),
                words,
                block: None,
                minor,
            },
        ));
    }
    let mut last_in_place: i64 = -1;
    for (i, m) in al.old.iter().enumerate() {
        match *m {
            Some((j, Link::Kept | Link::Changed)) => last_in_place = j as i64,
            Some(_) => {}
            None => keyed.push((
                (last_in_place, 1, i),
                Change {
                    kind: ChangeKind::Removed,
                    old: Some(cref(old, i)),
                    new: None,
                    words: Vec::new(),
                    block: None,
                    minor: false,
                },
            )),
        }
    }
    keyed.sort_by_key(|(k, _)| *k);
    let changes = merge_runs(keyed.into_iter().map(|(_, c)| c));
    let mut changes = changes;
    number_blocks(&mut changes);

    let sections = match_sections(old, new, &al);
    // In a focused comparison, names come from the paragraphs read only:
    // one is in one version only if the other's text never has it. The
    // two directions are looked up at once.
    // A lean outline has the text of few claims: the blocks have it all.
    let hay = |o: &'a Outline, d: &'a Document| -> Vec<&'a str> {
        o.sections
            .iter()
            .filter_map(|s| s.heading.as_deref())
            .chain(d.blocks.iter().map(|b| b.text.as_str()))
            .collect()
    };
    let (old_hay, new_hay) = match focused {
        Some((_, od, nd)) => (Some(hay(old.outline, od)), Some(hay(new.outline, nd))),
        None => (None, None),
    };
    let ((ent_added, src_added), (ent_removed, src_removed)) = std::thread::scope(|s| {
        let h = s.spawn(|| only_in(new.outline, old.outline, old_hay));
        let removed = only_in(old.outline, new.outline, new_hay);
        (
            h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)),
            removed,
        )
    });
    let entities = NameDiff {
        added: ent_added,
        removed: ent_removed,
    };
    let sources = SourceDiff {
        added: src_added,
        removed: src_removed,
        changed: source_changes(old, new, &al, focus),
    };
    let meta = meta_changes(old.outline, new.outline);

    let mut counts = Counts::default();
    for s in &sections {
        counts.kept += s.counts.kept;
        counts.changed += s.counts.changed;
        counts.added += s.counts.added;
        counts.removed += s.counts.removed;
        counts.moved += s.counts.moved;
    }
    let similarity = if all_chars == 0 {
        1.0
    } else {
        ((eq_chars as f64 / all_chars as f64) * 10_000.0).round() / 10_000.0
    };
    let st = |k: SectionStatus| sections.iter().filter(|s| s.status == k).count();
    let stats = Stats {
        old_claims: old.len(),
        new_claims: new.len(),
        counts,
        similarity: similarity.min(1.0),
        minor: changes.iter().filter(|c| c.minor).count(),
        sections_added: st(SectionStatus::Added),
        sections_removed: st(SectionStatus::Removed),
        sections_renamed: st(SectionStatus::Renamed),
        entities_added: entities.added.len(),
        entities_removed: entities.removed.len(),
        sources_added: sources.added.len(),
        sources_removed: sources.removed.len(),
        sources_changed: sources.changed.len(),
    };
    let key_changes = key_changes(&changes, &sections, &entities);
    Diff {
        schema: SCHEMA,
        key_changes,
        changes,
        sections,
        entities,
        sources,
        meta,
        stats,
    }
}

/// How many of the longest added or removed passages are key changes.
const KEY_PASSAGES: usize = 5;

/// The key changes, ranked by [`KeyReason`] (reversals of polarity, changed
/// figures, people and organisations named in one version only, sections
/// added or removed, the longest new and dropped passages), each reason
/// in document order. Minor changes are never key changes.
fn key_changes(changes: &[Change], sections: &[SectionDiff], names: &NameDiff) -> Vec<KeyChange> {
    let mut out: Vec<KeyChange> = Vec::new();
    let side = |c: &Change, op: WordOp| words::side(&c.words, op);
    let section = |c: &Change| {
        c.new
            .as_ref()
            .or(c.old.as_ref())
            .and_then(|r| r.section.clone())
    };
    let mut reversals = Vec::new();
    let mut figures = Vec::new();
    for (k, c) in changes.iter().enumerate() {
        if c.minor || c.words.is_empty() {
            continue;
        }
        let (a, b) = (side(c, WordOp::Delete), side(c, WordOp::Insert));
        let text = c.new.as_ref().map(|r| r.text.clone()).unwrap_or_default();
        if minor::negation_count(&a) != minor::negation_count(&b) {
            reversals.push(KeyChange {
                reason: KeyReason::Reversal,
                change: Some(k),
                section: section(c),
                text: text.clone(),
            });
        }
        let (fa, fb) = (minor::figures(&a), minor::figures(&b));
        if fa != fb {
            let show = |v: &[f64]| {
                v.iter()
                    .map(|x| x.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            figures.push(KeyChange {
                reason: KeyReason::Figure,
                change: Some(k),
                section: section(c),
                text: format!("figures {} → {}: {text}", show(&fa), show(&fb)),
            });
        }
    }
    out.extend(reversals);
    out.extend(figures);
    let person_or_org = |n: &&Named| matches!(n.kind.as_str(), "person" | "organization");
    for n in names.added.iter().filter(person_or_org) {
        out.push(KeyChange {
            reason: KeyReason::Named,
            change: None,
            section: None,
            text: format!("newly named ({}): {}", n.kind, n.name),
        });
    }
    for n in names.removed.iter().filter(person_or_org) {
        out.push(KeyChange {
            reason: KeyReason::Named,
            change: None,
            section: None,
            text: format!("no longer named ({}): {}", n.kind, n.name),
        });
    }
    for s in sections {
        let (label, r) = match s.status {
            SectionStatus::Added => ("section added", &s.new),
            SectionStatus::Removed => ("section removed", &s.old),
            _ => continue,
        };
        let heading = r
            .as_ref()
            .map(|r| heading_name(&r.heading))
            .unwrap_or_default();
        out.push(KeyChange {
            reason: KeyReason::Section,
            change: None,
            section: r.as_ref().and_then(|r| r.heading.clone()),
            text: format!("{label}: {heading}"),
        });
    }
    let mut passages: Vec<(usize, usize)> = changes
        .iter()
        .enumerate()
        .filter_map(|(k, c)| {
            let r = match c.kind {
                ChangeKind::Added => c.new.as_ref(),
                ChangeKind::Removed => c.old.as_ref(),
                _ => None,
            }?;
            Some((r.text.chars().count(), k))
        })
        .collect();
    passages.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
    passages.truncate(KEY_PASSAGES);
    passages.sort_by_key(|p| p.1);
    for (_, k) in passages {
        let c = &changes[k];
        let (label, r) = if c.kind == ChangeKind::Added {
            ("added", &c.new)
        } else {
            ("removed", &c.old)
        };
        out.push(KeyChange {
            reason: KeyReason::Passage,
            change: Some(k),
            section: section(c),
            text: format!(
                "{label}: {}",
                r.as_ref().map(|r| r.text.as_str()).unwrap_or_default()
            ),
        });
    }
    out
}

fn section_index(sections: &[Section]) -> HashMap<&str, usize> {
    sections
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect()
}

/// A lone sentence (no neighbour moved with it) that now sits inside
/// another paragraph, among claims that did not come with it, is new
/// writing in its new context: it is reported as removed where it was and
/// added where it is. Moves are of paragraphs, runs of claims, or a
/// sentence standing as its own paragraph — or of a sentence that stays
/// among claims of its own old paragraph (sentences reordered within a
/// paragraph, a paragraph moved with a sentence added or dropped): those
/// stay moves.
fn demote_transplants(al: &mut align::Alignment, old_paragraph: &[u32], paragraph: &[u32]) {
    // How far to look for a claim of the same old paragraph on each side:
    // bounds the work in a paragraph of thousands of sentences.
    const REACH: usize = 64;
    let moved_to = |al: &align::Alignment, j: usize, i: usize| matches!(al.new.get(j), Some(Some((o, Link::Moved))) if *o == i);
    let mut demote = Vec::new();
    for (j, m) in al.new.iter().enumerate() {
        let Some((i, Link::Moved)) = *m else { continue };
        let with_prev = j > 0 && i > 0 && moved_to(al, j - 1, i - 1);
        let with_next = moved_to(al, j + 1, i + 1);
        if with_prev || with_next {
            continue;
        }
        let para = paragraph[j];
        let crowded = (j > 0 && paragraph[j - 1] == para) || paragraph.get(j + 1) == Some(&para);
        if !crowded {
            continue;
        }
        let home = old_paragraph.get(i).copied();
        let from_home = |k: usize| matches!(al.new.get(k), Some(Some((o, _))) if old_paragraph.get(*o).copied() == home);
        let before = (j.saturating_sub(REACH)..j)
            .rev()
            .take_while(|&k| paragraph[k] == para)
            .any(from_home);
        let after = (j + 1..(j + 1 + REACH).min(paragraph.len()))
            .take_while(|&k| paragraph[k] == para)
            .any(from_home);
        if !(before || after) {
            demote.push((i, j));
        }
    }
    for (i, j) in demote {
        al.old[i] = None;
        al.new[j] = None;
    }
}

/// Joins claims added (or removed) one after another in one paragraph into
/// one change: a passage written (or dropped) as a whole reads as one, and
/// a sentence that one segmentation splits in two stays whole.
fn merge_runs(changes: impl Iterator<Item = Change>) -> Vec<Change> {
    let mut out: Vec<Change> = Vec::new();
    for c in changes {
        if let Some(p) = out.last_mut() {
            if p.kind == c.kind && matches!(c.kind, ChangeKind::Added | ChangeKind::Removed) {
                let (pa, cb) = if c.kind == ChangeKind::Added {
                    (p.new.as_mut(), c.new.as_ref())
                } else {
                    (p.old.as_mut(), c.old.as_ref())
                };
                if let (Some(a), Some(b)) = (pa, cb) {
                    let next = a
                        .ids
                        .last()
                        .is_some_and(|l| claim_number(l) + 1 == claim_number(&b.id));
                    if next && a.paragraph == b.paragraph {
                        a.text.push(' ');
                        a.text.push_str(&b.text);
                        a.span.end = b.span.end;
                        a.ids.extend(b.ids.iter().cloned());
                        continue;
                    }
                }
            }
        }
        out.push(c);
    }
    out
}

/// Numbers blocks of moves: consecutive moved claims whose old claims are
/// consecutive too moved together.
fn number_blocks(changes: &mut [Change]) {
    let mut block = 0usize;
    let mut prev: Option<(usize, usize)> = None;
    for c in changes.iter_mut() {
        if c.kind != ChangeKind::Moved {
            if c.kind != ChangeKind::Removed {
                prev = None;
            }
            continue;
        }
        let (Some(o), Some(n)) = (&c.old, &c.new) else {
            continue;
        };
        let (oi, ni) = (claim_number(&o.id), claim_number(&n.id));
        let together = matches!(prev, Some((po, pn)) if po + 1 == oi && pn + 1 == ni);
        if !together {
            block += 1;
        }
        c.block = Some(block);
        prev = Some((oi, ni));
    }
}

/// The number in a claim id (`c12` -> 12); ids are assigned in document order.
fn claim_number(id: &str) -> usize {
    id.trim_start_matches(|c: char| !c.is_ascii_digit())
        .parse()
        .unwrap_or(0)
}

fn heading_key(h: &Option<String>) -> Option<String> {
    h.as_ref().map(|h| fold::fold(h).to_lowercase())
}

fn heading_words(h: &Option<String>) -> Vec<String> {
    let mut v: Vec<String> = h
        .as_deref()
        .unwrap_or("")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    v.sort();
    v
}

/// Fewest claims two sections must share to be one section renamed.
pub const RENAME_MIN_SHARED: usize = 2;

/// Matches sections: by heading, then by the claims they share (renamed:
/// at least [`RENAME_MIN_SHARED`] claims, and at least half the claims of
/// the smaller of the two, so that one sentence quoted in another section
/// never renames it), then by similar headings; counts each matched pair's
/// claims.
fn match_sections(old: &Side, new: &Side, al: &align::Alignment) -> Vec<SectionDiff> {
    let (oc, nc): (Vec<usize>, Vec<usize>) = (
        old.layout.section.iter().map(|&s| s as usize).collect(),
        new.layout.section.iter().map(|&s| s as usize).collect(),
    );
    let (old, new) = (old.outline, new.outline);
    let (osec, nsec) = (section_index(&old.sections), section_index(&new.sections));
    let (no, nn) = (old.sections.len(), new.sections.len());
    let sizes = |of: &[usize], n: usize| {
        let mut v = vec![0usize; n];
        for &s in of {
            if let Some(x) = v.get_mut(s) {
                *x += 1;
            }
        }
        v
    };
    let (osize, nsize) = (sizes(&oc, no), sizes(&nc, nn));
    let mut om: Vec<Option<usize>> = vec![None; no];
    let mut nm: Vec<Option<usize>> = vec![None; nn];
    // 1. same heading, in order
    let mut by_key: HashMap<Option<String>, Vec<usize>> = HashMap::default();
    for (j, s) in new.sections.iter().enumerate().rev() {
        by_key.entry(heading_key(&s.heading)).or_default().push(j);
    }
    for (i, s) in old.sections.iter().enumerate() {
        if let Some(v) = by_key.get_mut(&heading_key(&s.heading)) {
            if let Some(j) = v.pop() {
                om[i] = Some(j);
                nm[j] = Some(i);
            }
        }
    }
    // 2. shared claims
    let mut votes: HashMap<(usize, usize), usize> = HashMap::default();
    for (i, m) in al.old.iter().enumerate() {
        if let Some((j, _)) = m {
            let (a, b) = (oc[i], nc[*j]);
            if om[a].is_none() && nm[b].is_none() {
                *votes.entry((a, b)).or_insert(0) += 1;
            }
        }
    }
    let mut v: Vec<((usize, usize), usize)> = votes.into_iter().collect();
    v.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    for ((a, b), n) in v {
        let smaller = osize[a].min(nsize[b]);
        if om[a].is_none() && nm[b].is_none() && n >= RENAME_MIN_SHARED && 2 * n >= smaller {
            om[a] = Some(b);
            nm[b] = Some(a);
        }
    }
    // 3. similar headings
    for a in 0..no {
        if om[a].is_some() || old.sections[a].heading.is_none() {
            continue;
        }
        let wa = heading_words(&old.sections[a].heading);
        let best = (0..nn)
            .filter(|&b| nm[b].is_none() && new.sections[b].heading.is_some())
            .map(|b| {
                let wb = heading_words(&new.sections[b].heading);
                let common = wa.iter().filter(|w| wb.binary_search(w).is_ok()).count();
                (2.0 * common as f64 / (wa.len() + wb.len()).max(1) as f64, b)
            })
            .filter(|&(s, _)| s >= 0.5)
            .max_by(|x, y| x.0.total_cmp(&y.0).then(y.1.cmp(&x.1)));
        if let Some((_, b)) = best {
            om[a] = Some(b);
            nm[b] = Some(a);
        }
    }
    // Order: matched pairs off the longest common order moved.
    let pairs: Vec<(usize, usize)> = (0..no).filter_map(|i| om[i].map(|j| (i, j))).collect();
    let in_order: HashSet<usize> = lis(&pairs).into_iter().map(|k| pairs[k].0).collect();

    let mut keyed: Vec<((i64, u8, usize), SectionDiff)> = Vec::new();
    let sref = |o: &Outline, i: usize| SectionRef {
        id: o.sections[i].id.clone(),
        heading: o.sections[i].heading.clone(),
    };
    let mut entry_of_new = vec![0usize; nn];
    for j in 0..nn {
        let status = match nm[j] {
            None => SectionStatus::Added,
            Some(i)
                if heading_key(&old.sections[i].heading)
                    != heading_key(&new.sections[j].heading) =>
            {
                SectionStatus::Renamed
            }
            Some(i) if !in_order.contains(&i) => SectionStatus::Moved,
            Some(_) => SectionStatus::Same,
        };
        keyed.push((
            (j as i64, 0, 0),
            SectionDiff {
                status,
                old: nm[j].map(|i| sref(old, i)),
                new: Some(sref(new, j)),
                counts: Counts::default(),
            },
        ));
    }
    let mut last: i64 = -1;
    for i in 0..no {
        match om[i] {
            Some(j) => last = j as i64,
            None => keyed.push((
                (last, 1, i),
                SectionDiff {
                    status: SectionStatus::Removed,
                    old: Some(sref(old, i)),
                    new: None,
                    counts: Counts::default(),
                },
            )),
        }
    }
    keyed.sort_by_key(|(k, _)| *k);
    let mut out: Vec<SectionDiff> = keyed.into_iter().map(|(_, s)| s).collect();
    let mut entry_of_old = vec![0usize; no];
    for (e, s) in out.iter().enumerate() {
        if let Some(r) = &s.new {
            if let Some(&j) = nsec.get(r.id.as_str()) {
                entry_of_new[j] = e;
            }
        }
        if let Some(r) = &s.old {
            if let Some(&i) = osec.get(r.id.as_str()) {
                entry_of_old[i] = e;
            }
        }
    }
    for (j, m) in al.new.iter().enumerate() {
        let kind = match m {
            None => Some(ChangeKind::Added),
            Some((_, Link::Kept)) => None,
            Some((_, Link::Changed)) => Some(ChangeKind::Changed),
            Some((_, Link::Moved)) => Some(ChangeKind::Moved),
        };
        out[entry_of_new[nc[j]]].counts.count(kind);
    }
    for (i, m) in al.old.iter().enumerate() {
        if m.is_none() {
            out[entry_of_old[oc[i]]]
                .counts
                .count(Some(ChangeKind::Removed));
        }
    }
    out
}

/// Longest increasing subsequence of `pairs` (sorted by the first) in the
/// second; indices into `pairs`.
fn lis(pairs: &[(usize, usize)]) -> Vec<usize> {
    // tails[k] = index of the smallest tail of an increasing run of length k+1
    let mut tails: Vec<usize> = Vec::new();
    let mut prev = vec![usize::MAX; pairs.len()];
    for (k, &(_, b)) in pairs.iter().enumerate() {
        let pos = tails.partition_point(|&t| pairs[t].1 < b);
        if pos > 0 {
            prev[k] = tails[pos - 1];
        }
        if pos == tails.len() {
            tails.push(k);
        } else {
            tails[pos] = k;
        }
    }
    let mut out = Vec::new();
    let mut k = tails.last().copied().unwrap_or(usize::MAX);
    while k != usize::MAX {
        out.push(k);
        k = prev[k];
    }
    out.reverse();
    out
}

fn kind_name<T: serde::Serialize>(k: &T) -> String {
    serde_json::to_value(k)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// An entity or a source as the diff names it (with its id when
/// `with_id`), and every spelling it goes by: its name, then its aliases.
fn named<K: serde::Serialize>(
    name: &str,
    aliases: &[String],
    kind: &K,
    id: &str,
    with_id: bool,
) -> (Named, Vec<String>) {
    let mut names = vec![name.to_string()];
    names.extend(aliases.iter().cloned());
    (
        Named {
            name: name.to_string(),
            kind: kind_name(kind),
            id: with_id.then(|| id.to_string()),
        },
        names,
    )
}

fn name_key(s: &str) -> String {
    fold::fold(s).to_lowercase()
}

fn name_set<'a>(items: impl Iterator<Item = (&'a String, &'a Vec<String>)>) -> HashSet<String> {
    let mut set = HashSet::default();
    for (name, aliases) in items {
        set.insert(name_key(name));
        for a in aliases {
            set.insert(name_key(a));
        }
    }
    set
}

/// The entities and the sources of `this` none of whose spellings `other`
/// has (as an entity or source); given `other`'s text `hay` (only part of
/// each version was outlined), also none that the text contains as whole
/// words (see [`found_in`]).
fn only_in(this: &Outline, other: &Outline, hay: Option<Vec<&str>>) -> (Vec<Named>, Vec<Named>) {
    let full = hay.is_none();
    let eset = name_set(other.entities.iter().map(|e| (&e.name, &e.aliases)));
    let sset = name_set(other.sources.iter().map(|s| (&s.name, &s.aliases)));
    let keep =
        |set: &HashSet<String>, names: &[String]| !names.iter().any(|n| set.contains(&name_key(n)));
    let ents: Vec<(Named, Vec<String>)> = this
        .entities
        .iter()
        .map(|e| named(&e.name, &e.aliases, &e.kind, &e.id, full))
        .filter(|(_, n)| keep(&eset, n))
        .collect();
    let srcs: Vec<(Named, Vec<String>)> = this
        .sources
        .iter()
        .map(|s| named(&s.name, &s.aliases, &s.kind, &s.id, full))
        .filter(|(_, n)| keep(&sset, n))
        .collect();
    let Some(hay) = hay else {
        let names = |v: Vec<(Named, Vec<String>)>| v.into_iter().map(|(n, _)| n).collect();
        return (names(ents), names(srcs));
    };
    let found = found_in(&hay, ents.iter().chain(&srcs).map(|(_, n)| n.as_slice()));
    let (fe, fs) = found.split_at(ents.len());
    let unfound = |v: Vec<(Named, Vec<String>)>, f: &[bool]| {
        v.into_iter()
            .zip(f)
            .filter(|(_, f)| !**f)
            .map(|((n, _), _)| n)
            .collect()
    };
    (unfound(ents, fe), unfound(srcs, fs))
}

/// For each list of spellings, whether one of them occurs in `hay` as whole
/// words, as written, in lower case or in capitals. One pass over the text;
/// exact patterns (rather than case-insensitive ones) let the search skip
/// ahead with SIMD prefilters.
fn found_in<'a>(hay: &[&str], items: impl Iterator<Item = &'a [String]>) -> Vec<bool> {
    // each distinct spelling once, with every item it stands for
    let mut owners: Vec<Vec<usize>> = Vec::new();
    let mut pats: Vec<String> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::default();
    let mut n = 0;
    for (k, names) in items.enumerate() {
        n = k + 1;
        for name in names {
            let name = align::normalize(name);
            if name.is_empty() {
                continue;
            }
            for variant in [name.to_lowercase(), name.to_uppercase(), name] {
                let p = *index.entry(variant.clone()).or_insert_with(|| {
                    pats.push(variant);
                    owners.push(Vec::new());
                    pats.len() - 1
                });
                if !owners[p].contains(&k) {
                    owners[p].push(k);
                }
            }
        }
    }
    let mut found = vec![false; n];
    let mut left = n;
    let Ok(ac) = aho_corasick::AhoCorasick::new(&pats) else {
        return found;
    };
    'scan: for &text in hay {
        for m in ac.find_overlapping_iter(text) {
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
            if word(before) || word(after) {
                continue;
            }
            for &k in &owners[m.pattern().as_usize()] {
                if !found[k] {
                    found[k] = true;
                    left -= 1;
                    if left == 0 {
                        break 'scan;
                    }
                }
            }
        }
    }
    found
}

fn source_changes(
    old: &Side,
    new: &Side,
    al: &align::Alignment,
    focus: Option<&Focus>,
) -> Vec<SourceChange> {
    let names = |o: &Outline| -> HashMap<String, (String, HashSet<String>)> {
        o.sources
            .iter()
            .map(|s| {
                let mut keys: HashSet<String> = s.aliases.iter().map(|a| name_key(a)).collect();
                keys.insert(name_key(&s.name));
                (s.id.clone(), (s.name.clone(), keys))
            })
            .collect()
    };
    let (on, nn) = (names(old.outline), names(new.outline));
    let mut out = Vec::new();
    for (j, m) in al.new.iter().enumerate() {
        let Some((i, _)) = *m else { continue };
        if focus.is_some_and(|f| !f.pair(old.layout, i, new.layout, j)) {
            continue;
        }
        let (oc, nc) = (old.claim(i), new.claim(j));
        let a = oc.source.as_deref().and_then(|id| on.get(id));
        let b = nc.source.as_deref().and_then(|id| nn.get(id));
        // The same source may go by another of its names in the other
        // version (`Blinken`, `Secretary Blinken`).
        let same = match (a, b) {
            (None, None) => true,
            (Some(x), Some(y)) => x.0 == y.0 || !x.1.is_disjoint(&y.1),
            _ => false,
        };
        if !same {
            out.push(SourceChange {
                old: AttributedRef {
                    id: oc.id.clone(),
                    text: align::normalize(&oc.text),
                    source: a.map(|x| x.0.clone()),
                },
                new: AttributedRef {
                    id: nc.id.clone(),
                    text: align::normalize(&nc.text),
                    source: b.map(|x| x.0.clone()),
                },
            });
        }
    }
    out
}

fn meta_changes(old: &Outline, new: &Outline) -> Vec<MetaChange> {
    let (a, b) = (&old.meta, &new.meta);
    let join = |v: &[String]| {
        if v.is_empty() {
            None
        } else {
            Some(v.join(", "))
        }
    };
    let fields: [(&'static str, Option<String>, Option<String>); 6] = [
        ("title", a.title.clone(), b.title.clone()),
        ("authors", join(&a.authors), join(&b.authors)),
        ("date", a.date.clone(), b.date.clone()),
        ("publisher", a.publisher.clone(), b.publisher.clone()),
        ("url", a.url.clone(), b.url.clone()),
        ("language", a.language.clone(), b.language.clone()),
    ];
    fields
        .into_iter()
        .filter(|(_, x, y)| x.as_deref().map(fold::fold) != y.as_deref().map(fold::fold))
        .map(|(field, old, new)| MetaChange { field, old, new })
        .collect()
}

/// The name shown for a section heading (`None` is the text before the
/// first heading).
pub fn heading_name(h: &Option<String>) -> String {
    match h {
        Some(h) => align::normalize(h),
        None => "(opening)".to_string(),
    }
}

/// Changes grouped by the section they are in (the new version's section,
/// or for removed claims the section their old section became), in order;
/// minor changes are left out (see [`minor_changes`]).
pub fn groups(d: &Diff) -> Vec<(String, Vec<&Change>)> {
    let renamed: HashMap<Option<&str>, Option<&str>> = d
        .sections
        .iter()
        .filter(|s| s.status == SectionStatus::Renamed)
        .filter_map(|s| {
            Some((
                s.old.as_ref()?.heading.as_deref(),
                s.new.as_ref()?.heading.as_deref(),
            ))
        })
        .collect();
    let mut out: Vec<(String, Vec<&Change>)> = Vec::new();
    for c in d.changes.iter().filter(|c| !c.minor) {
        let name = match (&c.new, &c.old) {
            (Some(n), _) => heading_name(&n.section),
            (None, Some(o)) => {
                let h = o.section.as_deref();
                heading_name(&renamed.get(&h).copied().unwrap_or(h).map(str::to_string))
            }
            (None, None) => String::new(),
        };
        match out.last_mut() {
            Some((n, v)) if *n == name => v.push(c),
            _ => out.push((name, vec![c])),
        }
    }
    out
}

/// The minor changes (see [`minor`]), in document order: every report
/// shows them last, folded together, after the changes that matter.
pub fn minor_changes(d: &Diff) -> Vec<&Change> {
    d.changes.iter().filter(|c| c.minor).collect()
}

/// The label of a key change's reason, as every report writes it.
pub fn key_label(k: &KeyChange) -> &'static str {
    match k.reason {
        KeyReason::Reversal => "reversal",
        KeyReason::Figure => "figure",
        KeyReason::Named => "name",
        KeyReason::Section => "section",
        KeyReason::Passage => "passage",
    }
}

/// One line of figures: `3 changed, 2 added, … (similarity 0.95)`.
pub fn summary(d: &Diff) -> String {
    let s = &d.stats;
    let c = s.counts;
    let minor = if s.minor > 0 {
        format!(" ({} minor)", s.minor)
    } else {
        String::new()
    };
    format!(
        "{} claims before, {} after: {} kept, {} changed{minor}, {} added, {} removed, {} moved; similarity {:.4}",
        s.old_claims, s.new_claims, c.kept, c.changed, c.added, c.removed, c.moved, s.similarity
    )
}

/// The diff as pretty JSON (schema `brief.diff/1`) with a final newline.
pub fn json(d: &Diff) -> String {
    let mut s = serde_json::to_string_pretty(d).unwrap_or_default();
    s.push('\n');
    s
}

/// Only the figures as JSON: overall and per section.
pub fn json_stat(d: &Diff) -> String {
    let v = serde_json::json!({
        "schema": SCHEMA,
        "stats": d.stats,
        "sections": d.sections,
    });
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests;
