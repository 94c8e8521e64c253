//! An averaged perceptron over hashed features, for training only: integer
//! weights with lazily averaged totals, frozen into the runtime's quantised
//! [`Weights`] when training ends.

use brief::grammar::weights::Weights;
use rustc_hash::FxHashMap;

#[derive(Debug, Clone, Copy)]
struct Acc {
    class: u16,
    w: i32,
    total: i64,
    stamp: u32,
}

/// The perceptron being trained.
#[derive(Debug, Clone)]
pub struct Perceptron {
    pub classes: usize,
    w: FxHashMap<u64, Vec<Acc>>,
    /// Examples seen: the clock of the averages.
    i: u32,
}

impl Perceptron {
    pub fn new(classes: usize) -> Perceptron {
        Perceptron {
            classes,
            w: FxHashMap::default(),
            i: 0,
        }
    }

    /// Scores with the current (not averaged) weights.
    pub fn score(&self, feats: &[u64], scores: &mut [i64]) {
        scores.iter_mut().for_each(|s| *s = 0);
        for f in feats {
            if let Some(row) = self.w.get(f) {
                for a in row {
                    scores[usize::from(a.class)] += i64::from(a.w);
                }
            }
        }
    }

    /// One more example has been seen.
    pub fn tick(&mut self) {
        self.i += 1;
    }

    /// Moves the weights towards `truth` and away from `guess`.
    pub fn update(&mut self, truth: usize, guess: usize, feats: &[u64]) {
        if truth == guess {
            return;
        }
        let now = self.i;
        for &f in feats {
            let row = self.w.entry(f).or_default();
            for (c, v) in [(truth, 1), (guess, -1)] {
                let c = c as u16;
                let a = match row.iter_mut().position(|a| a.class == c) {
                    Some(k) => &mut row[k],
                    None => {
                        row.push(Acc {
                            class: c,
                            w: 0,
                            total: 0,
                            stamp: now,
                        });
                        row.last_mut().expect("just pushed")
                    }
                };
                a.total += i64::from(a.w) * i64::from(now - a.stamp);
                a.stamp = now;
                a.w += v;
            }
        }
    }

    /// The averaged weights, quantised to `i16` with one scale for the
    /// whole classifier; weights that round below `prune` are dropped.
    pub fn freeze(&self, prune: f64) -> Weights {
        let now = f64::from(self.i.max(1));
        let avg = |a: &Acc| (a.total as f64 + f64::from(a.w) * f64::from(self.i - a.stamp)) / now;
        let max = self
            .w
            .values()
            .flatten()
            .map(|a| avg(a).abs())
            .fold(0.0f64, f64::max)
            .max(1e-9);
        let scale = 32000.0 / max;
        let mut keys: Vec<&u64> = self.w.keys().collect();
        keys.sort_unstable();
        let rows = keys.into_iter().map(|k| {
            let mut row: Vec<(u16, i16)> = self.w[k]
                .iter()
                .filter_map(|a| {
                    let q = (avg(a) * scale).round();
                    (q.abs() >= prune.max(1.0)).then_some((a.class, q as i16))
                })
                .collect();
            row.sort_unstable();
            (*k, row)
        });
        Weights::from_rows(self.classes, rows)
    }
}
