//! The dependency parser: greedy arc-hybrid transitions scored by an
//! averaged perceptron (Kuhlmann et al. 2011; Goldberg & Nivre 2013; the
//! design of "Parsing English in 500 lines"), with the label of each arc
//! chosen by a second perceptron from the same state.
//!
//! The words are `0..n`; the root is word `n`, at the end of the buffer.
//! `SHIFT` pushes the first word of the buffer; `RIGHT` attaches the top of
//! the stack to the word under it; `LEFT` attaches it to the first word of
//! the buffer, the root only when the stack holds one word, so that every
//! parse has one root.

use super::features::{f1, f2, f3, mix, Lex};
use super::tagger::{argmax, tag_hash};
use super::weights::Weights;

/// Push the first word of the buffer onto the stack.
pub const SHIFT: usize = 0;
/// Attach the top of the stack to the word under it.
pub const RIGHT: usize = 1;
/// Attach the top of the stack to the first word of the buffer.
pub const LEFT: usize = 2;
/// The number of moves.
pub const MOVES: usize = 3;

/// No word.
pub const NONE: u32 = u32::MAX;

/// A parse in progress.
#[derive(Debug, Clone)]
pub struct State {
    /// The stack, top last.
    pub stack: Vec<u32>,
    /// The first word of the buffer (`n` when only the root is left).
    pub i: u32,
    /// The number of words.
    pub n: u32,
    /// The head of each word (`n` for the root, [`NONE`] while unattached).
    pub heads: Vec<u32>,
    /// The label of each attached word.
    pub labels: Vec<u16>,
    /// The two leftmost children of each word (and of the root), leftmost first.
    lefts: Vec<[u32; 2]>,
    /// The two rightmost children, rightmost first.
    rights: Vec<[u32; 2]>,
    nlefts: Vec<u8>,
    nrights: Vec<u8>,
}

impl State {
    /// The start of the parse of `n` words.
    pub fn new(n: usize) -> State {
        State {
            stack: Vec::with_capacity(n.min(64)),
            i: 0,
            n: n as u32,
            heads: vec![NONE; n],
            labels: vec![u16::MAX; n],
            lefts: vec![[NONE; 2]; n + 1],
            rights: vec![[NONE; 2]; n + 1],
            nlefts: vec![0; n + 1],
            nrights: vec![0; n + 1],
        }
    }

    /// Whether the parse is complete.
    pub fn done(&self) -> bool {
        self.stack.is_empty() && self.i >= self.n
    }

    /// Whether `m` can be made now.
    pub fn valid(&self, m: usize) -> bool {
        match m {
            SHIFT => self.i < self.n,
            RIGHT => self.stack.len() >= 2,
            LEFT => !self.stack.is_empty() && (self.i < self.n || self.stack.len() == 1),
            _ => false,
        }
    }

    /// The head and the dependent of the arc `m` makes (`None` for `SHIFT`).
    pub fn arc(&self, m: usize) -> Option<(u32, u32)> {
        let s0 = *self.stack.last()?;
        match m {
            RIGHT => Some((self.stack[self.stack.len().checked_sub(2)?], s0)),
            LEFT => Some((self.i, s0)),
            _ => None,
        }
    }

    /// Makes move `m` (which must be valid), labelling its arc `label`.
    pub fn apply(&mut self, m: usize, label: u16) {
        if m == SHIFT {
            self.stack.push(self.i);
            self.i += 1;
            return;
        }
        let Some((h, d)) = self.arc(m) else { return };
        self.stack.pop();
        self.heads[d as usize] = h;
        self.labels[d as usize] = label;
        let h = h as usize;
        if d < h as u32 {
            self.lefts[h] = [d, self.lefts[h][0]];
            self.nlefts[h] = self.nlefts[h].saturating_add(1);
        } else {
            self.rights[h] = [d, self.rights[h][0]];
            self.nrights[h] = self.nrights[h].saturating_add(1);
        }
    }
}

/// The word and tag hashes of each word, and the label hashes the state
/// gives, for the feature templates.
struct View<'a> {
    lex: &'a [Lex],
    tags: &'a [u16],
    state: &'a State,
}

const ROOT_W: u64 = 0x0200_7000_0001;
const ROOT_T: u64 = 0x0200_7000_0002;
const NONE_W: u64 = 0x0000_9000_0001;
const NONE_T: u64 = 0x0000_9000_0002;
const NONE_L: u64 = 0x0000_9000_0003;

impl View<'_> {
    fn w(&self, x: u32) -> u64 {
        match x {
            NONE => NONE_W,
            x if x == self.state.n => ROOT_W,
            x => self.lex.get(x as usize).map_or(NONE_W, |l| l.norm),
        }
    }
    fn t(&self, x: u32) -> u64 {
        match x {
            NONE => NONE_T,
            x if x == self.state.n => ROOT_T,
            x => self
                .tags
                .get(x as usize)
                .map_or(NONE_T, |&c| tag_hash(Some(c))),
        }
    }
    fn l(&self, x: u32) -> u64 {
        match self.state.labels.get(x as usize) {
            Some(&l) if l != u16::MAX => mix(0x1AB, u64::from(l)),
            _ => NONE_L,
        }
    }
}

/// Distance between two words, in buckets.
fn distance(a: u32, b: u32) -> u64 {
    match a.abs_diff(b) {
        d @ 0..=4 => u64::from(d),
        5..=6 => 5,
        7..=9 => 6,
        _ => 7,
    }
}

/// The words a state's features look at one by one: `n0 n1 n2 s0 s1 s2`,
/// then the two leftmost and rightmost children of `s0` and the two
/// leftmost of `n0`.
fn positions(st: &State) -> [u32; POSITIONS] {
    let depth = st.stack.len();
    let s = |k: usize| {
        if depth > k {
            st.stack[depth - 1 - k]
        } else {
            NONE
        }
    };
    let (s0, s1, s2) = (s(0), s(1), s(2));
    let n0 = if st.i <= st.n { st.i } else { NONE };
    let n1 = if st.i < st.n { st.i + 1 } else { NONE };
    let n2 = if st.i + 1 < st.n { st.i + 2 } else { NONE };
    let child = |table: &Vec<[u32; 2]>, x: u32, k: usize| -> u32 {
        if x == NONE {
            NONE
        } else {
            table.get(x as usize).map_or(NONE, |c| c[k])
        }
    };
    [
        n0,
        n1,
        n2,
        s0,
        s1,
        s2,
        child(&st.lefts, s0, 0),
        child(&st.lefts, s0, 1),
        child(&st.rights, s0, 0),
        child(&st.rights, s0, 1),
        child(&st.lefts, n0, 0),
        child(&st.lefts, n0, 1),
    ]
}

/// How many words [`positions`] gives.
const POSITIONS: usize = 12;

/// The features of word `x` at position `p` alone (its form, its tag, and
/// for the first five positions both together): they depend on no other
/// word, so a parse looks each up once per word and position ([`Memo`]).
fn unary(v: &View<'_>, p: usize, x: u32, out: &mut Vec<u64>) {
    let t = 100 + 2 * p as u64;
    out.push(f1(t, v.w(x)));
    out.push(f1(t + 1, v.t(x)));
    if p < 5 {
        out.push(f2(200 + p as u64, v.w(x), v.t(x)));
    }
}

/// The features of a parser state.
pub fn features(lex: &[Lex], tags: &[u16], commas: &[u32], st: &State, out: &mut Vec<u64>) {
    out.clear();
    let v = View {
        lex,
        tags,
        state: st,
    };
    for (p, x) in positions(st).into_iter().enumerate() {
        unary(&v, p, x, out);
    }
    relational(lex, tags, commas, st, out);
}

/// The features of a state that join two or more words, or a word and a
/// count or distance (appended to `out`).
fn relational(lex: &[Lex], tags: &[u16], commas: &[u32], st: &State, out: &mut Vec<u64>) {
    let v = View {
        lex,
        tags,
        state: st,
    };
    let depth = st.stack.len();
    let s = |k: usize| {
        if depth > k {
            st.stack[depth - 1 - k]
        } else {
            NONE
        }
    };
    let (s0, s1, s2) = (s(0), s(1), s(2));
    let n0 = if st.i <= st.n { st.i } else { NONE };
    let n1 = if st.i < st.n { st.i + 1 } else { NONE };
    let n2 = if st.i + 1 < st.n { st.i + 2 } else { NONE };
    let child = |table: &Vec<[u32; 2]>, x: u32, k: usize| -> u32 {
        if x == NONE {
            NONE
        } else {
            table.get(x as usize).map_or(NONE, |c| c[k])
        }
    };
    let (s0l1, s0l2) = (child(&st.lefts, s0, 0), child(&st.lefts, s0, 1));
    let (s0r1, s0r2) = (child(&st.rights, s0, 0), child(&st.rights, s0, 1));
    let (n0l1, n0l2) = (child(&st.lefts, n0, 0), child(&st.lefts, n0, 1));
    let s1r1 = child(&st.rights, s1, 0);
    let count = |table: &Vec<u8>, x: u32| -> u64 {
        if x == NONE {
            99
        } else {
            table.get(x as usize).map_or(99, |&c| u64::from(c))
        }
    };
    let (vs0l, vs0r, vn0l) = (
        count(&st.nlefts, s0),
        count(&st.nrights, s0),
        count(&st.nlefts, n0),
    );
    let d = if s0 == NONE || n0 == NONE {
        99
    } else {
        distance(s0, n0)
    };
    // Commas between the top of the stack and the buffer: a clause or an
    // aside lies between them.
    let between = if s0 == NONE || n0 == NONE {
        99
    } else {
        let c = commas.get(n0 as usize).copied().unwrap_or(0)
            - commas.get(s0 as usize).copied().unwrap_or(0);
        u64::from(c.min(3))
    };

    let (ws0, ws1, wn0) = (v.w(s0), v.w(s1), v.w(n0));
    let (ts0, ts1, ts2, tn0, tn1, tn2) = (v.t(s0), v.t(s1), v.t(s2), v.t(n0), v.t(n1), v.t(n2));
    out.extend_from_slice(&[
        f2(210, ws0, wn0),
        f3(211, wn0, tn0, ws0),
        f3(212, wn0, tn0, ts0),
        f3(213, ws0, ts0, wn0),
        f3(214, ws0, ts0, tn0),
        mix(f2(215, ws0, ts0), f2(215, wn0, tn0)),
        f2(216, ts0, tn0),
        f2(217, tn0, tn1),
        f3(218, tn0, tn1, tn2),
        f3(219, ts0, tn0, tn1),
        f3(220, ts0, ts1, tn0),
        f3(221, ts0, v.t(s0l1), tn0),
        f3(222, ts0, v.t(s0r1), tn0),
        f3(223, ts0, tn0, v.t(n0l1)),
        f3(224, ts0, v.t(s0l1), v.t(s0l2)),
        f3(225, ts0, v.t(s0r1), v.t(s0r2)),
        f3(226, tn0, v.t(n0l1), v.t(n0l2)),
        f3(227, ts0, ts1, ts2),
        f3(228, ts1, ts0, v.t(s1r1)),
        f2(229, ws1, ts0),
        f2(230, ws0, vs0r),
        f2(231, ws0, vs0l),
        f2(232, wn0, vn0l),
        f2(233, ts0, vs0r),
        f2(234, ts0, vs0l),
        f2(235, tn0, vn0l),
        f2(236, ws0, d),
        f2(237, wn0, d),
        f2(238, ts0, d),
        f2(239, tn0, d),
        f3(240, ts0, tn0, d),
        f3(241, ws0, wn0, d),
        f1(242, v.l(s0l1)),
        f1(243, v.l(s0r1)),
        f1(244, v.l(n0l1)),
        f3(245, ts0, v.l(s0l1), v.l(s0l2)),
        f3(246, ts0, v.l(s0r1), v.l(s0r2)),
        f3(247, tn0, v.l(n0l1), v.l(n0l2)),
        f2(248, ws0, v.l(s0r1)),
        f2(249, ws0, v.l(s0l1)),
        f2(250, wn0, v.l(n0l1)),
        f3(251, ts0, tn0, between),
        f3(252, ts0, ts1, between),
        f2(253, f2(0, ts0, v.l(s0r1)), f2(0, tn0, v.l(n0l1))),
        f3(254, ts1, v.l(s1r1), ts0),
    ]);
}

/// Cumulative comma counts: `commas[i]` is how many commas, semicolons and
/// dashes come before word `i` (one entry more than the words, for the root).
pub fn commas(forms: &[&str]) -> Vec<u32> {
    let mut out = Vec::with_capacity(forms.len() + 1);
    let mut c = 0;
    for f in forms {
        out.push(c);
        if matches!(*f, "," | ";" | "—" | "–" | "--" | ":") {
            c += 1;
        }
    }
    out.push(c);
    out
}

/// The rows of the [`unary`] features of each (position, word) pair met so
/// far in a parse: a word stays at the front of the buffer or on top of the
/// stack for several moves, and looking its features up again each time
/// would wait on memory for rows already found.
struct Memo {
    /// For each position, for each word (the root at `n`, no word at
    /// `n + 1`), the start of its rows in `rows` and their count, or
    /// `u32::MAX` when not yet looked up.
    at: Vec<[(u32, u8); POSITIONS]>,
    rows: Vec<u32>,
    n: usize,
}

impl Memo {
    fn new(n: usize) -> Memo {
        Memo {
            at: vec![[(u32::MAX, 0); POSITIONS]; n + 2],
            rows: Vec::with_capacity(8 * n + 16),
            n,
        }
    }

    /// The rows of word `x` at position `p`, into `out` (cleared first).
    fn rows(
        &mut self,
        weights: &Weights,
        v: &View<'_>,
        p: usize,
        x: u32,
        feats: &mut Vec<u64>,
        out: &mut Vec<u32>,
    ) {
        let i = if x == NONE {
            self.n + 1
        } else {
            (x as usize).min(self.n)
        };
        out.clear();
        let Some(slot) = self.at.get_mut(i).and_then(|a| a.get_mut(p)) else {
            return;
        };
        if slot.0 == u32::MAX {
            feats.clear();
            unary(v, p, x, feats);
            weights.lookup(feats, out);
            *slot = (self.rows.len() as u32, out.len() as u8);
            self.rows.extend_from_slice(out);
            return;
        }
        let (start, len) = (slot.0 as usize, usize::from(slot.1));
        if let Some(r) = self.rows.get(start..start + len) {
            out.extend_from_slice(r);
        }
    }
}

/// Parses a tagged sentence: the head (`None` for the root) and the label
/// index of each word. `weights` scores the moves (classes `0..MOVES`), the
/// labels of arcs to the left (the next `labels` classes) and to the right
/// (the `labels` after them).
pub fn parse(
    weights: &Weights,
    labels: usize,
    lex: &[Lex],
    tags: &[u16],
    forms: &[&str],
) -> (Vec<Option<usize>>, Vec<u16>) {
    let n = lex.len();
    let commas = commas(forms);
    let mut st = State::new(n);
    let mut feats = Vec::with_capacity(80);
    let mut rows = Vec::with_capacity(80);
    let mut more = Vec::with_capacity(64);
    let mut lscores = vec![0i32; labels];
    let mut memo = Memo::new(n);
    while !st.done() {
        rows.clear();
        let v = View {
            lex,
            tags,
            state: &st,
        };
        for (p, x) in positions(&st).into_iter().enumerate() {
            memo.rows(weights, &v, p, x, &mut feats, &mut more);
            rows.extend_from_slice(&more);
        }
        feats.clear();
        relational(lex, tags, &commas, &st, &mut feats);
        weights.lookup(&feats, &mut more);
        rows.extend_from_slice(&more);
        let mut mscores = [0i32; MOVES];
        weights.add(&rows, 0, MOVES, &mut mscores);
        let Some(m) = argmax(&mscores, |m| st.valid(m)) else {
            break;
        };
        let m = usize::from(m);
        let mut label = 0;
        if m != SHIFT {
            let lo = if m == LEFT { MOVES } else { MOVES + labels };
            lscores.iter_mut().for_each(|s| *s = 0);
            weights.add(&rows, lo, lo + labels, &mut lscores);
            label = argmax(&lscores, |_| true).unwrap_or(0);
        }
        st.apply(m, label);
    }
    let heads = st
        .heads
        .iter()
        .map(|&h| (h != NONE && h != st.n).then_some(h as usize))
        .collect();
    (
        heads,
        st.labels
            .iter()
            .map(|&l| if l == u16::MAX { 0 } else { l })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_parse_is_a_tree_with_one_root() {
        let forms = ["The", "mayor", "said", "it", "would", "stay", "open", "."];
        let lex: Vec<Lex> = forms.iter().map(|f| Lex::new(f)).collect();
        let tags = vec![0; forms.len()];
        // Untrained weights: every move scores zero, so ties decide, and the
        // moves must still make one tree.
        let w = Weights::from_rows(MOVES + 4, []);
        let (heads, _) = parse(&w, 2, &lex, &tags, &forms);
        assert_eq!(heads.iter().filter(|h| h.is_none()).count(), 1);
        for (i, _) in heads.iter().enumerate() {
            let mut x = i;
            let mut steps = 0;
            while let Some(h) = heads[x] {
                x = h;
                steps += 1;
                assert!(steps <= forms.len(), "a cycle through word {i}");
            }
        }
    }
}
