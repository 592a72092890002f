//! Training an averaged perceptron (Collins 2002, as in Honnibal's tagger and parser): class
//! weights per hashed feature, averaged over every instance seen into a [`Model`].

use super::perceptron::{short_key, Model};
use crate::fxhash::FxMap;

/// Learns weights; `finish` averages them over every instance seen.
pub struct Trainer {
    classes: usize,
    index: FxMap<u64, u32>,
    keys: Vec<u64>,
    w: Vec<f32>,
    total: Vec<f64>,
    stamp: Vec<u32>,
    /// Updates each feature took part in.
    updates: Vec<u32>,
    /// Instances seen so far (call [`Trainer::tick`] once per instance).
    t: u32,
}

impl Trainer {
    /// A trainer for `classes` classes (at most 63: a feature's entries are counted in six bits).
    pub fn new(classes: usize) -> Self {
        assert!((1..=63).contains(&classes), "1 to 63 classes");
        Trainer {
            classes,
            index: FxMap::default(),
            keys: Vec::new(),
            w: Vec::new(),
            total: Vec::new(),
            stamp: Vec::new(),
            updates: Vec::new(),
            t: 0,
        }
    }

    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Adds each feature's current weights to `out` (`classes` long, not cleared).
    pub fn scores(&self, feats: &[u64], out: &mut [f32]) {
        for f in feats {
            if let Some(&row) = self.index.get(f) {
                let row = &self.w[row as usize * self.classes..][..self.classes];
                for (o, w) in out.iter_mut().zip(row) {
                    *o += w;
                }
            }
        }
    }

    /// One instance seen.
    pub fn tick(&mut self) {
        self.t += 1;
    }

    fn row(&mut self, f: u64) -> usize {
        let next = self.keys.len() as u32;
        let row = *self.index.entry(f).or_insert(next);
        if row == next {
            self.keys.push(f);
            self.updates.push(0);
            let n = self.w.len() + self.classes;
            self.w.resize(n, 0.0);
            self.total.resize(n, 0.0);
            self.stamp.resize(n, 0);
        }
        row as usize
    }

    fn bump(&mut self, i: usize, delta: f32) {
        self.total[i] += (self.t - self.stamp[i]) as f64 * self.w[i] as f64;
        self.stamp[i] = self.t;
        self.w[i] += delta;
    }

    /// Moves weight from `guess` to `truth` on every feature (nothing when they agree).
    pub fn update(&mut self, feats: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        for &f in feats {
            let row = self.row(f);
            self.updates[row] += 1;
            let base = row * self.classes;
            self.bump(base + truth, 1.0);
            self.bump(base + guess, -1.0);
        }
    }

    /// The averaged model, quantised to steps of `precision`. A feature that took part in
    /// fewer than `min_updates` updates is dropped: most features are seen in one mistake and
    /// never again, and dropping them makes the model several times smaller and faster to
    /// read for little accuracy.
    pub fn finish(&self, precision: f32, min_updates: u32) -> Model {
        let t = self.t.max(1) as f64;
        let c = self.classes;
        let mut rows: Vec<(u32, Vec<i16>)> = Vec::with_capacity(self.keys.len());
        for (r, &key) in self.keys.iter().enumerate() {
            let q: Vec<i16> = (0..c)
                .map(|k| {
                    let i = r * c + k;
                    let avg =
                        (self.total[i] + (self.t - self.stamp[i]) as f64 * self.w[i] as f64) / t;
                    (avg / precision as f64)
                        .round()
                        .clamp(-(i16::MAX as f64), i16::MAX as f64) as i16
                })
                .collect();
            if self.updates[r] >= min_updates && q.iter().any(|&v| v != 0) {
                rows.push((short_key(key), q));
            }
        }
        // two long keys may share a short one: keep the first in key order, deterministically
        rows.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| b.1.cmp(&a.1)));
        rows.dedup_by_key(|r| r.0);
        Model::new(c, precision, rows)
    }
}
