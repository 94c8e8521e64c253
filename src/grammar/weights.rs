//! Frozen perceptron weights: for each hashed feature, the classes it
//! votes for and by how much (quantised to `i16`), in a compact binary form
//! that the model file embeds.

use rustc_hash::FxHashMap;

/// The weights of one linear classifier.
#[derive(Debug, Default, Clone)]
pub struct Weights {
    /// How many classes the classifier chooses among.
    pub classes: usize,
    /// An open-addressing table (linear probing) from a feature's [`key`]
    /// to its row in `entries`; key 0 marks an empty slot. A table of our
    /// own, rather than a `HashMap`, lets [`Weights::score`] start the
    /// memory reads of many features before it waits for the first: the
    /// weights of a model do not fit in a cache, and scoring waits on
    /// memory more than it adds.
    slots: Vec<Slot>,
    rows: usize,
    /// The weights of the classes from [`HEAD`] on, row after row.
    entries: Vec<(u16, i16)>,
    /// The class set by [`Weights::set_split`] (0 for none).
    split: usize,
}

/// How many classes have their weights in the slot itself: the parser
/// scores its three moves at every step, and reading them beside the key
/// saves a second wait on memory for each feature.
const HEAD: usize = 3;

#[derive(Debug, Default, Clone, Copy)]
struct Slot {
    key: u32,
    /// The row's first entry (upper 24 bits) and length (lower 8 bits) in
    /// `entries`, for the classes from [`HEAD`] on.
    row: u32,
    /// The weights of classes `0..HEAD`.
    head: [i16; HEAD],
    /// Where in the row's tail the classes from [`Weights::set_split`]'s
    /// class on begin.
    split: u16,
}

/// The most entries a model may hold: row starts have 24 bits.
const MAX_ENTRIES: usize = 1 << 24;

/// The 32-bit key a feature is stored under (never 0, which marks an empty
/// slot): a model keeps a few hundred thousand features, so an unseen
/// feature matches a stored one about once in ten thousand lookups, and
/// such a stray vote is one weight among dozens; half the size of 64-bit
/// keys is worth it.
#[inline]
pub fn key(f: u64) -> u32 {
    (((f >> 32) ^ f) as u32).max(1)
}

impl Weights {
    /// Weights from `(feature, [(class, weight)])` rows.
    pub fn from_rows(
        classes: usize,
        rows: impl IntoIterator<Item = (u64, Vec<(u16, i16)>)>,
    ) -> Weights {
        let mut by_key: FxHashMap<u32, Vec<(u16, i16)>> = FxHashMap::default();
        for (f, row) in rows {
            let e = by_key.entry(key(f)).or_default();
            for (c, v) in row {
                match e.iter_mut().find(|x| x.0 == c) {
                    Some(x) => x.1 = x.1.saturating_add(v),
                    None => e.push((c, v)),
                }
            }
        }
        let mut keys: Vec<u32> = by_key.keys().copied().collect();
        keys.sort_unstable();
        let mut w = Weights {
            classes,
            ..Weights::default()
        };
        for k in keys {
            let mut row = by_key.remove(&k).unwrap_or_default();
            row.retain(|x| x.1 != 0);
            if row.is_empty() {
                continue;
            }
            row.sort_unstable();
            let _ = w.push(k, &row);
        }
        w
    }

    /// The slot where `k` is or would go.
    #[inline]
    fn home(&self, k: u32) -> usize {
        let bits = self.slots.len().trailing_zeros();
        ((u64::from(k).wrapping_mul(0x9E37_79B9_7F4A_7C15)) >> (64 - bits.max(1))) as usize
            & (self.slots.len() - 1)
    }

    /// The slot of key `k`, probing from slot `i` whose content is `first`.
    #[inline]
    fn find_from(&self, k: u32, mut i: usize, first: Slot) -> Option<usize> {
        let mut s = first;
        loop {
            if s.key == k {
                return Some(i);
            }
            if s.key == 0 {
                return None;
            }
            i = (i + 1) & (self.slots.len() - 1);
            s = self.slots[i];
        }
    }

    /// Adds a row (the key must be new). Rows longer than 255 entries or
    /// beyond [`MAX_ENTRIES`] are refused.
    fn push(&mut self, k: u32, row: &[(u16, i16)]) -> Option<()> {
        if row.len() > 255 || self.entries.len() + row.len() > MAX_ENTRIES {
            return None;
        }
        if (self.rows + 1) * 8 > self.slots.len() * 5 {
            self.grow();
        }
        let start = self.entries.len() as u32;
        let mut head = [0i16; HEAD];
        let mut tail = 0;
        for &(c, v) in row {
            match head.get_mut(usize::from(c)) {
                Some(h) => *h = v,
                None => {
                    self.entries.push((c, v));
                    tail += 1;
                }
            }
        }
        let slot = Slot {
            key: k,
            row: (start << 8) | tail,
            head,
            split: 0,
        };
        self.place(slot);
        self.rows += 1;
        Some(())
    }

    /// Makes room for `rows` rows without growing the table again.
    fn reserve(&mut self, rows: usize) {
        let mut size = self.slots.len().max(16);
        while rows * 8 > size * 5 {
            size *= 2;
        }
        if size > self.slots.len() {
            self.resize(size);
        }
    }

    fn grow(&mut self) {
        self.resize((self.slots.len() * 2).max(16));
    }

    /// Moves the rows into a table of `size` slots.
    fn resize(&mut self, size: usize) {
        let old = std::mem::replace(&mut self.slots, vec![Slot::default(); size]);
        for s in old.into_iter().filter(|s| s.key != 0) {
            self.place(s);
        }
    }

    /// Puts a slot in the first empty one from its key's home (the table
    /// has room: it grows before it is full).
    fn place(&mut self, s: Slot) {
        let mut i = self.home(s.key);
        while self.slots[i].key != 0 {
            i = (i + 1) & (self.slots.len() - 1);
        }
        self.slots[i] = s;
    }

    /// Marks in every row where the classes from `class` on begin, so that
    /// [`Weights::add`] over classes from `class` on starts there.
    pub fn set_split(&mut self, class: usize) {
        self.split = class;
        for i in 0..self.slots.len() {
            let s = self.slots[i];
            if s.key == 0 {
                continue;
            }
            let at = self
                .tail(s.row)
                .partition_point(|&(c, _)| usize::from(c) < class);
            self.slots[i].split = at as u16;
        }
    }

    /// The entries of a row past the head.
    #[inline]
    fn tail(&self, row: u32) -> &[(u16, i16)] {
        let a = (row >> 8) as usize;
        self.entries
            .get(a..a + (row & 0xff) as usize)
            .unwrap_or(&[])
    }

    /// The whole row of a slot, in class order.
    fn row(&self, s: &Slot) -> Vec<(u16, i16)> {
        let mut row: Vec<(u16, i16)> = (0..HEAD as u16)
            .zip(s.head)
            .filter(|&(_, v)| v != 0)
            .collect();
        row.extend_from_slice(self.tail(s.row));
        row
    }

    /// Adds the votes of `features` into `scores` (one per class).
    #[inline]
    pub fn score(&self, features: &[u64], scores: &mut [i32]) {
        let mut rows = Vec::with_capacity(features.len());
        self.lookup(features, &mut rows);
        self.add(&rows, 0, self.classes, scores);
    }

    /// The slots of the `features` that have weights, into `rows` (cleared
    /// first), to add up with [`Weights::add`].
    #[inline]
    pub fn lookup(&self, features: &[u64], rows: &mut Vec<u32>) {
        rows.clear();
        if self.slots.is_empty() {
            return;
        }
        const BATCH: usize = 16;
        let mut at = [0usize; BATCH];
        let mut first = [Slot::default(); BATCH];
        let mut keys = [0u32; BATCH];
        for chunk in features.chunks(BATCH) {
            // The reads of a batch do not depend on each other, so they
            // are all under way before the first is compared.
            for (j, &f) in chunk.iter().enumerate() {
                keys[j] = key(f);
                at[j] = self.home(keys[j]);
                first[j] = self.slots[at[j]];
            }
            for j in 0..chunk.len() {
                if let Some(r) = self.find_from(keys[j], at[j], first[j]) {
                    rows.push(r as u32);
                }
            }
        }
    }

    /// Adds the weights of `rows` for the classes `lo..hi` into `scores`
    /// (`scores[0]` for class `lo`). Rows are sorted by class, so the
    /// parser adds up its three moves for every state and the labels of
    /// one direction only when it makes an arc.
    #[inline]
    pub fn add(&self, rows: &[u32], lo: usize, hi: usize, scores: &mut [i32]) {
        for &r in rows {
            let Some(slot) = self.slots.get(r as usize) else {
                continue;
            };
            for c in lo..hi.min(HEAD) {
                if let Some(s) = scores.get_mut(c - lo) {
                    *s += i32::from(slot.head[c]);
                }
            }
            if hi <= HEAD {
                continue;
            }
            let tail = self.tail(slot.row);
            // Rows are in class order: those from the split class on start
            // at `split`, so the parser's right-arc labels need no walk
            // past its left-arc ones.
            let from = if lo >= self.split && self.split > 0 {
                usize::from(slot.split)
            } else {
                0
            };
            for &(c, v) in tail.get(from..).unwrap_or(&[]) {
                let c = usize::from(c);
                if c >= hi {
                    break;
                }
                if let Some(s) = scores.get_mut(c - lo) {
                    *s += i32::from(v);
                }
            }
        }
    }

    /// One classifier scoring the classes of both: `a`'s first, then
    /// `b`'s, shifted by `a.classes`. The parser scores its moves and the
    /// labels of their arcs from the same features, so one lookup of each
    /// feature serves both.
    pub fn merge(a: &Weights, b: &Weights) -> Weights {
        let shift = a.classes as u16;
        let mut rows: FxHashMap<u32, Vec<(u16, i16)>> = FxHashMap::default();
        for (k, row) in a.sorted() {
            rows.entry(k).or_default().extend_from_slice(&row);
        }
        for (k, row) in b.sorted() {
            rows.entry(k)
                .or_default()
                .extend(row.iter().map(|&(c, v)| (c + shift, v)));
        }
        let mut keys: Vec<u32> = rows.keys().copied().collect();
        keys.sort_unstable();
        let mut w = Weights {
            classes: a.classes + b.classes,
            ..Weights::default()
        };
        for k in keys {
            let _ = w.push(k, &rows[&k]);
        }
        w
    }

    /// The weights without those smaller in absolute value than `min` gives
    /// for their class (and without the features left with none).
    pub fn pruned_by(&self, min: impl Fn(u16) -> i16) -> Weights {
        let mut w = Weights {
            classes: self.classes,
            ..Weights::default()
        };
        for (k, row) in self.sorted() {
            let row: Vec<(u16, i16)> = row
                .iter()
                .copied()
                .filter(|&(c, v)| v.unsigned_abs() >= min(c).unsigned_abs())
                .collect();
            if !row.is_empty() {
                let _ = w.push(k, &row);
            }
        }
        w
    }

    /// The weights without those smaller than `min` in absolute value (and
    /// without the features left with none).
    pub fn pruned(&self, min: i16) -> Weights {
        let mut w = Weights {
            classes: self.classes,
            ..Weights::default()
        };
        for (k, row) in self.sorted() {
            let row: Vec<(u16, i16)> = row
                .iter()
                .copied()
                .filter(|&(_, v)| v.unsigned_abs() >= min.unsigned_abs())
                .collect();
            if !row.is_empty() {
                let _ = w.push(k, &row);
            }
        }
        w
    }

    /// The rows in key order.
    fn sorted(&self) -> Vec<(u32, Vec<(u16, i16)>)> {
        let mut rows: Vec<(u32, Vec<(u16, i16)>)> = self
            .slots
            .iter()
            .filter(|s| s.key != 0)
            .map(|s| (s.key, self.row(s)))
            .collect();
        rows.sort_unstable_by_key(|r| r.0);
        rows
    }

    /// The number of features with a weight.
    pub fn len(&self) -> usize {
        self.rows
    }

    /// Whether no feature has a weight.
    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// The number of (feature, class) weights.
    pub fn entries(&self) -> usize {
        let head: usize = self
            .slots
            .iter()
            .filter(|s| s.key != 0)
            .map(|s| s.head.iter().filter(|&&v| v != 0).count())
            .sum();
        self.entries.len() + head
    }

    /// Writes the weights: the number of classes and of rows, then the rows
    /// in key order, each as the difference of its key from the last one,
    /// its length, and its classes and weights (all as LEB128 numbers, the
    /// weights zigzag-coded), so that the same weights always give the same
    /// bytes and a model of a million weights takes a few megabytes.
    pub fn write(&self, out: &mut Vec<u8>) {
        put_u32(out, self.classes as u32);
        put_u32(out, self.rows as u32);
        let mut last = 0u32;
        for (k, row) in self.sorted() {
            put_var(out, u64::from(k - last));
            last = k;
            put_var(out, row.len() as u64);
            for (c, v) in row {
                put_var(out, u64::from(c));
                put_var(out, u64::from(((v << 1) ^ (v >> 15)) as u16));
            }
        }
    }

    /// Reads weights written by [`Weights::write`].
    pub fn read(r: &mut Reader<'_>) -> Option<Weights> {
        let classes = r.u32()? as usize;
        let n = r.u32()? as usize;
        if classes > 255 {
            return None;
        }
        let mut w = Weights {
            classes,
            ..Weights::default()
        };
        // the table at its final size from the start: growing it on the
        // way moves every row already in, which was most of a short run's
        // time to read the model
        w.reserve(n.min(MAX_ENTRIES));
        let mut last = 0u32;
        let mut row = Vec::new();
        for k in 0..n {
            let delta = u32::try_from(r.var()?).ok()?;
            if k > 0 && delta == 0 {
                return None;
            }
            last = last.checked_add(delta)?;
            let len = usize::try_from(r.var()?).ok()?;
            if len > classes {
                return None;
            }
            row.clear();
            for _ in 0..len {
                let c = u16::try_from(r.var()?).ok()?;
                let z = u16::try_from(r.var()?).ok()?;
                if usize::from(c) >= classes {
                    return None;
                }
                row.push((c, ((z >> 1) as i16) ^ -((z & 1) as i16)));
            }
            w.push(last, &row)?;
        }
        Some(w)
    }
}

/// Appends a LEB128 number.
pub fn put_var(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Appends a little-endian `u32`.
pub fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// Appends a string as its length and bytes.
pub fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u32(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}

/// Reads the model file's little-endian numbers and strings; every read is
/// checked, so a short or damaged file gives `None`, never a panic.
#[derive(Debug)]
pub struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    /// A reader at the start of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes }
    }

    /// The next `n` bytes.
    pub fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.bytes.len() < n {
            return None;
        }
        let (a, b) = self.bytes.split_at(n);
        self.bytes = b;
        Some(a)
    }

    /// A `u16`.
    pub fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes(self.take(2)?.try_into().ok()?))
    }

    /// A `u32`.
    pub fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    /// A `u64`.
    pub fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    /// A LEB128 number written by [`put_var`].
    pub fn var(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.take(1)?[0];
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some(v);
            }
        }
        None
    }

    /// A string written by [`put_str`].
    pub fn str(&mut self) -> Option<&'a str> {
        let n = self.u32()? as usize;
        std::str::from_utf8(self.take(n)?).ok()
    }

    /// Whether every byte was read.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_round_trip_and_score() {
        let w = Weights::from_rows(
            3,
            [
                (7, vec![(0, 5), (2, -3)]),
                (9, vec![(1, 2)]),
                (1 << 40, vec![(1, -300)]),
            ],
        );
        let mut bytes = Vec::new();
        w.write(&mut bytes);
        let r = Weights::read(&mut Reader::new(&bytes)).expect("reads back");
        let mut s = [0; 3];
        r.score(&[7, 9, 11, 1 << 40], &mut s);
        assert_eq!(s, [5, -298, -3]);
        let mut again = Vec::new();
        r.write(&mut again);
        assert_eq!(bytes, again);
        assert!(Weights::read(&mut Reader::new(&bytes[..bytes.len() - 1])).is_none());
    }

    #[test]
    fn long_rows_add_up_past_the_head_and_the_split() {
        // long rows past the head, and the split, add up as a plain sum
        // over the row would
        let classes = 300;
        let rows: Vec<(u64, Vec<(u16, i16)>)> = (1..40u64)
            .map(|f| {
                let row = (0..classes as u16)
                    .filter(|c| (u64::from(*c) + f) % (f % 9 + 2) == 0)
                    .map(|c| (c, (c as i16 % 13) - 6 + f as i16))
                    .collect();
                (f, row)
            })
            .collect();
        let mut w = Weights::from_rows(classes, rows.clone());
        w.set_split(200);
        let feats: Vec<u64> = (1..45).collect();
        let mut found = Vec::new();
        w.lookup(&feats, &mut found);
        for (lo, hi) in [(0, 3), (3, 200), (200, 300), (0, 300)] {
            let mut got = vec![0i32; hi - lo];
            w.add(&found, lo, hi, &mut got);
            let mut want = vec![0i32; hi - lo];
            for (_, row) in &rows {
                for &(c, v) in row {
                    let c = usize::from(c);
                    if (lo..hi).contains(&c) {
                        want[c - lo] += i32::from(v);
                    }
                }
            }
            assert_eq!(got, want, "classes {lo}..{hi}");
        }
    }
}
