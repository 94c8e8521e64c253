//! Frozen perceptron weights: for each hashed feature, the classes it
//! votes for and by how much (quantised to `i16`), in a compact binary form
//! that the model file embeds.

use rustc_hash::FxHashMap;

/// The weights of one linear classifier.
#[derive(Debug, Default, Clone)]
pub struct Weights {
    /// How many classes the classifier chooses among.
    pub classes: usize,
    /// Feature ([`key`]) → range in `entries`.
    index: FxHashMap<u32, (u32, u32)>,
    entries: Vec<(u16, i16)>,
}

/// The 32-bit key a feature is stored under: a model keeps a few hundred
/// thousand features, so an unseen feature matches a stored one about once
/// in ten thousand lookups, and such a stray vote is one weight among
/// dozens; half the size of 64-bit keys is worth it.
#[inline]
pub fn key(f: u64) -> u32 {
    ((f >> 32) ^ f) as u32
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
            w.push(k, &row);
        }
        w
    }

    fn push(&mut self, k: u32, row: &[(u16, i16)]) {
        let start = self.entries.len() as u32;
        self.entries.extend_from_slice(row);
        self.index.insert(k, (start, self.entries.len() as u32));
    }

    /// Adds the votes of `features` into `scores` (one per class).
    #[inline]
    pub fn score(&self, features: &[u64], scores: &mut [i32]) {
        for &f in features {
            if let Some(&(a, b)) = self.index.get(&key(f)) {
                for &(c, v) in &self.entries[a as usize..b as usize] {
                    if let Some(s) = scores.get_mut(usize::from(c)) {
                        *s += i32::from(v);
                    }
                }
            }
        }
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
                w.push(k, &row);
            }
        }
        w
    }

    /// The rows in key order.
    fn sorted(&self) -> Vec<(u32, &[(u16, i16)])> {
        let mut rows: Vec<(u32, &[(u16, i16)])> = self
            .index
            .iter()
            .map(|(&k, &(a, b))| (k, &self.entries[a as usize..b as usize]))
            .collect();
        rows.sort_unstable_by_key(|r| r.0);
        rows
    }

    /// The number of features with a weight.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether no feature has a weight.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// The number of (feature, class) weights.
    pub fn entries(&self) -> usize {
        self.entries.len()
    }

    /// Writes the weights: the number of classes and of rows, then the rows
    /// in key order, each as the difference of its key from the last one,
    /// its length, and its classes and weights (all as LEB128 numbers, the
    /// weights zigzag-coded), so that the same weights always give the same
    /// bytes and a model of a million weights takes a few megabytes.
    pub fn write(&self, out: &mut Vec<u8>) {
        put_u32(out, self.classes as u32);
        put_u32(out, self.index.len() as u32);
        let mut last = 0u32;
        for (k, row) in self.sorted() {
            put_var(out, u64::from(k - last));
            last = k;
            put_var(out, row.len() as u64);
            for &(c, v) in row {
                put_var(out, u64::from(c));
                put_var(out, u64::from(((v << 1) ^ (v >> 15)) as u16));
            }
        }
    }

    /// Reads weights written by [`Weights::write`].
    pub fn read(r: &mut Reader<'_>) -> Option<Weights> {
        let classes = r.u32()? as usize;
        let n = r.u32()? as usize;
        let mut w = Weights {
            classes,
            index: FxHashMap::with_capacity_and_hasher(n.min(1 << 22), Default::default()),
            entries: Vec::new(),
        };
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
            w.push(last, &row);
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
}
