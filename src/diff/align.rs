//! Aligning the claims of two versions.
//!
//! The versions are sequences of *units*: section headings and claims, each
//! hashed on its text with white space collapsed (so re-wrapping and line
//! breaks never count). Alignment is near-linear:
//!
//! 1. units whose text occurs exactly once in each version are paired;
//! 2. among those pairs, the heaviest subsequence in the same order in both
//!    versions (a weighted longest increasing subsequence, O(n log n)) stays
//!    in place: these are the anchors. Each paragraph and heading weighs
//!    about the same whatever its number of sentences, so when a paragraph
//!    moves past three others, the one paragraph is what moved;
//!    unique pairs off that subsequence moved;
//! 3. between consecutive anchors (a *gap*), the remaining units are diffed
//!    by hash (Myers, with a deadline), which pairs repeated sentences in
//!    place;
//! 4. repeated sentences left over are paired by text but not reported as
//!    moves (boilerplate), unless they sit right beside a moved claim in
//!    both versions, as part of the moved block;
//! 5. the claims still left are matched fuzzily: candidates share rare words
//!    (an inverted index over the leftovers only), scored by the Dice
//!    coefficient of their words; a pair in the same gap is a change in
//!    place, a pair across gaps (held to a higher score) a move with edits.

use std::borrow::Cow;
use std::hash::{Hash, Hasher};

use rustc_hash::FxHashMap as HashMap;
use std::time::Instant;

use similar::{Algorithm, DiffOp};

/// How an old claim corresponds to a new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// Same text, in place (or a repeated sentence paired by text).
    Kept,
    /// In place, text changed.
    Changed,
    /// Moved; the text may have changed too.
    Moved,
}

/// One version, ready to align.
#[derive(Debug, Clone)]
pub struct Units<'a> {
    /// Hash of each unit's normalised text.
    pub hash: Vec<u64>,
    /// The claim index of each unit (`None` for a heading).
    pub claim: Vec<Option<usize>>,
    /// Weight group of each unit: units of one paragraph share one.
    pub group: Vec<usize>,
    /// Normalised text of each claim (by claim index).
    pub texts: Vec<Cow<'a, str>>,
}

/// The result: for each claim of each version, its partner and how.
#[derive(Debug, Clone)]
pub struct Alignment {
    /// For each old claim: the new claim and the link.
    pub old: Vec<Option<(usize, Link)>>,
    /// For each new claim: the old claim and the link.
    pub new: Vec<Option<(usize, Link)>>,
}

/// Collapses white space runs to one space and trims; drops soft hyphens
/// and zero-width spaces, which show nothing.
pub fn normalize(s: &str) -> String {
    normalize_cow(s).into_owned()
}

/// [`normalize`], borrowing the text when it is clean already (most claims
/// are), so large documents are not copied again.
pub fn normalize_cow(s: &str) -> Cow<'_, str> {
    let invisible = |c: char| c == '\u{AD}' || c == '\u{200B}';
    let clean = !s.starts_with(' ')
        && !s.ends_with(' ')
        && if s.is_ascii() {
            // one pass over the bytes: no control white space, no double space
            let b = s.as_bytes();
            !b.iter()
                .any(|&c| matches!(c, b'\t' | b'\n' | 0x0B | 0x0C | b'\r'))
                && memchr::memmem::find(b, b"  ").is_none()
        } else {
            !s.contains("  ")
                && !s
                    .chars()
                    .any(|c| (c.is_whitespace() && c != ' ') || invisible(c))
        };
    if clean {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for w in s.split(char::is_whitespace) {
        if w.chars().all(invisible) {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().filter(|&c| !invisible(c)));
    }
    Cow::Owned(out)
}

/// A stable hash of a string (the same in every run).
pub fn hash_str(prefix: u8, s: &str) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    prefix.hash(&mut h);
    s.hash(&mut h);
    h.finish()
}

const PARAGRAPH_WEIGHT: u64 = 1 << 24;
const TIE_BREAK: u64 = 255;

/// Aligns two versions. `deadline` bounds the sequence diffs.
pub fn align(old: &Units, new: &Units, deadline: Instant) -> Alignment {
    let (no, nn) = (old.hash.len(), new.hash.len());
    // unit index -> partner unit index and link
    let mut om: Vec<Option<(usize, Link)>> = vec![None; no];
    let mut nm: Vec<Option<(usize, Link)>> = vec![None; nn];

    // 1. unique pairs
    let mut seen: HashMap<u64, (u32, u32, usize, usize)> =
        HashMap::with_capacity_and_hasher(no + nn, Default::default());
    for (i, &h) in old.hash.iter().enumerate() {
        let e = seen.entry(h).or_insert((0, 0, i, 0));
        e.0 += 1;
    }
    for (j, &h) in new.hash.iter().enumerate() {
        if let Some(e) = seen.get_mut(&h) {
            e.1 += 1;
            if e.1 == 1 {
                e.3 = j;
            }
        }
    }
    let mut uniq: Vec<(usize, usize)> = seen
        .values()
        .filter(|e| e.0 == 1 && e.1 == 1)
        .map(|e| (e.2, e.3))
        .collect();
    uniq.sort_unstable();
    let repeated = |h: u64| seen.get(&h).is_some_and(|e| e.0 > 1 || e.1 > 1);

    // 2. weighted LIS
    // A claim weighs its share of the larger of its two paragraphs (old and
    // new), so a sentence that left a paragraph to join a longer one weighs
    // as a member of the longer one.
    let mut old_size: HashMap<usize, u64> = HashMap::default();
    let mut new_size: HashMap<usize, u64> = HashMap::default();
    for &(o, n) in &uniq {
        *old_size.entry(old.group[o]).or_insert(0) += 1;
        *new_size.entry(new.group[n]).or_insert(0) += 1;
    }
    // Ties go to the claim that stayed closer to its old relative place.
    let weights: Vec<u64> = uniq
        .iter()
        .map(|&(o, n)| {
            let shift = (o as f64 / no as f64 - n as f64 / nn as f64).abs();
            let near = ((1.0 - shift.min(1.0)) * TIE_BREAK as f64) as u64 + 1;
            if old.claim[o].is_none() {
                PARAGRAPH_WEIGHT + near
            } else {
                let a = old_size.get(&old.group[o]).copied().unwrap_or(1);
                let b = new_size.get(&new.group[n]).copied().unwrap_or(1);
                PARAGRAPH_WEIGHT / a.max(b).max(1) + near
            }
        })
        .collect();
    let anchors = heaviest_increasing(&uniq, nn, |k| weights[k]);
    let mut is_anchor = vec![false; uniq.len()];
    for &k in &anchors {
        is_anchor[k] = true;
    }
    for (k, &(o, n)) in uniq.iter().enumerate() {
        let link = if is_anchor[k] {
            Link::Kept
        } else {
            Link::Moved
        };
        om[o] = Some((n, link));
        nm[n] = Some((o, link));
    }

    // 3. gaps between anchors
    let mut ogap = vec![0usize; no];
    let mut ngap = vec![0usize; nn];
    let mut bounds: Vec<(usize, usize)> = anchors.iter().map(|&k| uniq[k]).collect();
    bounds.push((no, nn));
    let (mut po, mut pn) = (0usize, 0usize);
    for (g, &(ao, an)) in bounds.iter().enumerate() {
        for x in &mut ogap[po..ao] {
            *x = g;
        }
        for x in &mut ngap[pn..an] {
            *x = g;
        }
        let oi: Vec<usize> = (po..ao).filter(|&i| om[i].is_none()).collect();
        let ni: Vec<usize> = (pn..an).filter(|&j| nm[j].is_none()).collect();
        if !oi.is_empty() && !ni.is_empty() {
            let oh: Vec<u64> = oi.iter().map(|&i| old.hash[i]).collect();
            let nh: Vec<u64> = ni.iter().map(|&j| new.hash[j]).collect();
            let ops =
                similar::capture_diff_slices_deadline(Algorithm::Myers, &oh, &nh, Some(deadline));
            for op in ops {
                if let DiffOp::Equal {
                    old_index,
                    new_index,
                    len,
                } = op
                {
                    for d in 0..len {
                        let (o, n) = (oi[old_index + d], ni[new_index + d]);
                        om[o] = Some((n, Link::Kept));
                        nm[n] = Some((o, Link::Kept));
                    }
                }
            }
        }
        if ao < no {
            ogap[ao] = g;
            ngap[an] = g;
        }
        po = ao + 1;
        pn = an + 1;
    }

    // 4. repeated sentences left over
    let mut left_new: HashMap<u64, std::collections::VecDeque<usize>> = HashMap::default();
    for j in 0..nn {
        if nm[j].is_none() && new.claim[j].is_some() && repeated(new.hash[j]) {
            left_new.entry(new.hash[j]).or_default().push_back(j);
        }
    }
    let mut boiler: Vec<(usize, usize)> = Vec::new();
    for i in 0..no {
        if om[i].is_some() || old.claim[i].is_none() {
            continue;
        }
        if let Some(v) = left_new.get_mut(&old.hash[i]) {
            if let Some(j) = v.pop_front() {
                om[i] = Some((j, Link::Kept));
                nm[j] = Some((i, Link::Kept));
                boiler.push((i, j));
            }
        }
    }
    // A repeated sentence beside a moved one in both versions moved with it.
    let moved_at = |om: &[Option<(usize, Link)>], i: usize, j: usize| matches!(om.get(i), Some(Some((n, Link::Moved))) if *n == j);
    let mut grew = true;
    while grew {
        grew = false;
        for &(i, j) in &boiler {
            if om[i].is_some_and(|(_, l)| l == Link::Moved) {
                continue;
            }
            let before = i > 0 && j > 0 && moved_at(&om, i - 1, j - 1);
            if before || moved_at(&om, i + 1, j + 1) {
                om[i] = Some((j, Link::Moved));
                nm[j] = Some((i, Link::Moved));
                grew = true;
            }
        }
    }

    // 5. fuzzy matching of the claims left
    let lo: Vec<usize> = (0..no)
        .filter(|&i| om[i].is_none() && old.claim[i].is_some())
        .collect();
    let ln: Vec<usize> = (0..nn)
        .filter(|&j| nm[j].is_none() && new.claim[j].is_some())
        .collect();
    if !lo.is_empty() && !ln.is_empty() {
        let otok: Vec<Vec<u64>> = lo.iter().map(|&i| tokens(text(old, i))).collect();
        let ntok: Vec<Vec<u64>> = ln.iter().map(|&j| tokens(text(new, j))).collect();
        for (a, b) in fuzzy_pairs(&lo, &ln, &otok, &ntok, &ogap, &ngap) {
            let (o, n) = (lo[a], ln[b]);
            let link = if ogap[o] == ngap[n] {
                Link::Changed
            } else {
                Link::Moved
            };
            om[o] = Some((n, link));
            nm[n] = Some((o, link));
        }
    }

    // Back from units to claims; headings are aligned only to anchor claims.
    let mut a = Alignment {
        old: vec![None; old.texts.len()],
        new: vec![None; new.texts.len()],
    };
    for (i, m) in om.iter().enumerate() {
        if let (Some(c), Some((j, link))) = (old.claim[i], m) {
            if let Some(d) = new.claim[*j] {
                a.old[c] = Some((d, *link));
                a.new[d] = Some((c, *link));
            }
        }
    }
    a
}

fn text<'u>(u: &'u Units<'_>, i: usize) -> &'u str {
    u.claim[i].map_or("", |c| u.texts[c].as_ref())
}

/// The words of a claim, lower-cased and hashed, sorted.
fn tokens(s: &str) -> Vec<u64> {
    let mut v: Vec<u64> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| hash_str(b'w', &w.to_lowercase()))
        .collect();
    v.sort_unstable();
    v
}

/// Dice coefficient of two sorted multisets.
fn dice(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

/// Lowest word score for a change in place.
pub const IN_PLACE_MIN: f64 = 0.5;
/// Lowest word score for a move with edits.
pub const MOVED_MIN: f64 = 0.7;
const RARE_WORDS: usize = 8;
const POSTING_CAP: usize = 400;
const SMALL_GAP: usize = 64;
const CANDIDATES: usize = 24;

/// Pairs leftover claims by word similarity; returns index pairs into
/// `lo`/`ln`, best first.
fn fuzzy_pairs(
    lo: &[usize],
    ln: &[usize],
    otok: &[Vec<u64>],
    ntok: &[Vec<u64>],
    ogap: &[usize],
    ngap: &[usize],
) -> Vec<(usize, usize)> {
    let mut post: HashMap<u64, Vec<u32>> = HashMap::default();
    for (b, t) in ntok.iter().enumerate() {
        let mut last = None;
        for &w in t {
            if last != Some(w) {
                post.entry(w).or_default().push(b as u32);
                last = Some(w);
            }
        }
    }
    // New leftovers of each gap, for gaps small enough to compare in full.
    let mut by_gap: HashMap<usize, Vec<u32>> = HashMap::default();
    for (b, &n) in ln.iter().enumerate() {
        by_gap.entry(ngap[n]).or_default().push(b as u32);
    }
    let mut cands: Vec<(f64, usize, usize)> = Vec::new();
    let mut hits: HashMap<u32, u32> = HashMap::default();
    for (a, t) in otok.iter().enumerate() {
        if t.is_empty() {
            continue;
        }
        hits.clear();
        let gap = ogap[lo[a]];
        if let Some(v) = by_gap.get(&gap) {
            if v.len() <= SMALL_GAP {
                for &b in v {
                    *hits.entry(b).or_insert(0) += RARE_WORDS as u32;
                }
            }
        }
        let mut words: Vec<(usize, u64)> = t
            .iter()
            .filter_map(|w| post.get(w).map(|p| (p.len(), *w)))
            .filter(|&(n, _)| n <= POSTING_CAP)
            .collect();
        words.sort_unstable();
        words.dedup();
        for &(_, w) in words.iter().take(RARE_WORDS) {
            for &b in &post[&w] {
                *hits.entry(b).or_insert(0) += 1;
            }
        }
        let mut best: Vec<(u32, u32)> = hits.iter().map(|(&b, &h)| (h, b)).collect();
        best.sort_unstable_by(|x, y| y.cmp(x));
        for &(_, b) in best.iter().take(CANDIDATES) {
            let b = b as usize;
            let same = ngap[ln[b]] == gap;
            let s = dice(t, &ntok[b]);
            if s >= if same { IN_PLACE_MIN } else { MOVED_MIN } {
                cands.push((s + if same { 0.15 } else { 0.0 }, a, b));
            }
        }
    }
    cands.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut used_a = vec![false; lo.len()];
    let mut used_b = vec![false; ln.len()];
    let mut out = Vec::new();
    for (_, a, b) in cands {
        if !used_a[a] && !used_b[b] {
            used_a[a] = true;
            used_b[b] = true;
            out.push((a, b));
        }
    }
    out
}

/// The heaviest subsequence of `pairs` (sorted by old index) whose new
/// indices increase, `weight` taking an index into `pairs`; returns indices
/// into `pairs`, in order. A Fenwick tree
/// over new indices keeps it O(n log n).
fn heaviest_increasing(
    pairs: &[(usize, usize)],
    n_new: usize,
    weight: impl Fn(usize) -> u64,
) -> Vec<usize> {
    // tree[i] = (best total, pair index) over a range of new indices
    let mut tree: Vec<(u64, usize)> = vec![(0, usize::MAX); n_new + 1];
    let mut prev = vec![usize::MAX; pairs.len()];
    let mut total = vec![0u64; pairs.len()];
    let mut best = (0u64, usize::MAX);
    for (k, &(_, n)) in pairs.iter().enumerate() {
        // prefix max over new indices < n (1-based positions 1..=n)
        let mut q = (0u64, usize::MAX);
        let mut i = n;
        while i > 0 {
            if tree[i].0 > q.0 {
                q = tree[i];
            }
            i &= i - 1;
        }
        let t = q.0 + weight(k);
        prev[k] = q.1;
        total[k] = t;
        let mut i = n + 1;
        while i <= n_new {
            if t > tree[i].0 {
                tree[i] = (t, k);
            }
            i += i & i.wrapping_neg();
        }
        if t > best.0 {
            best = (t, k);
        }
    }
    let mut out = Vec::new();
    let mut k = best.1;
    while k != usize::MAX {
        out.push(k);
        k = prev[k];
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units<'a>(texts: &[&'a str], paras: &[usize]) -> Units<'a> {
        Units {
            hash: texts
                .iter()
                .map(|t| hash_str(b'c', &normalize(t)))
                .collect(),
            claim: (0..texts.len()).map(Some).collect(),
            group: paras.to_vec(),
            texts: texts.iter().map(|t| normalize_cow(t)).collect(),
        }
    }

    fn far() -> Instant {
        Instant::now() + std::time::Duration::from_secs(5)
    }

    #[test]
    fn lis_prefers_weight() {
        let pairs = [(0, 3), (1, 0), (2, 1), (3, 2)];
        assert_eq!(heaviest_increasing(&pairs, 4, |_| 1), vec![1, 2, 3]);
        assert_eq!(
            heaviest_increasing(&pairs, 4, |k| if k == 0 { 10 } else { 1 }),
            vec![0]
        );
    }

    #[test]
    fn one_paragraph_moves_not_three() {
        // paragraph A has three sentences; B, C, D one each; A moves to the end
        let old = units(&["a1", "a2", "a3", "b", "c", "d"], &[0, 0, 0, 1, 2, 3]);
        let new = units(&["b", "c", "d", "a1", "a2", "a3"], &[0, 1, 2, 3, 3, 3]);
        let al = align(&old, &new, far());
        assert_eq!(al.old[0], Some((3, Link::Moved)));
        assert_eq!(al.old[3], Some((0, Link::Kept)));
    }

    #[test]
    fn edits_in_place_and_boilerplate() {
        let old = units(
            &[
                "The board met on Monday in the capital.",
                "Boiler.",
                "Other news here today.",
                "Boiler.",
            ],
            &[0, 0, 1, 1],
        );
        let new = units(
            &[
                "The board met on Tuesday in the capital.",
                "Boiler.",
                "Other news here today.",
                "Boiler.",
            ],
            &[0, 0, 1, 1],
        );
        let al = align(&old, &new, far());
        assert_eq!(al.old[0], Some((0, Link::Changed)));
        assert_eq!(al.old[1], Some((1, Link::Kept)));
        assert_eq!(al.old[3], Some((3, Link::Kept)));
    }

    #[test]
    fn normalize_collapses() {
        assert_eq!(normalize("  a \n b\t\tc "), "a b c");
    }
}
