//! The averaged perceptron (Collins 2002, as in Honnibal's tagger and parser): a [`Trainer`]
//! that learns class weights per hashed feature, and the [`Model`] it averages into, kept in a
//! compact, byte-stable file and looked up through an open-addressing table.

use crate::fxhash::FxMap;

/// Learns weights; `finish` averages them over every instance seen.
pub struct Trainer {
    classes: usize,
    index: FxMap<u64, u32>,
    keys: Vec<u64>,
    w: Vec<f32>,
    total: Vec<f64>,
    stamp: Vec<u32>,
    /// Instances seen so far (call [`Trainer::tick`] once per instance).
    t: u32,
}

impl Trainer {
    pub fn new(classes: usize) -> Self {
        Trainer {
            classes,
            index: FxMap::default(),
            keys: Vec::new(),
            w: Vec::new(),
            total: Vec::new(),
            stamp: Vec::new(),
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
            let base = self.row(f) * self.classes;
            self.bump(base + truth, 1.0);
            self.bump(base + guess, -1.0);
        }
    }

    /// The averaged model; features whose every averaged weight rounds to zero at `precision`
    /// are dropped, so the file keeps only what changes a decision.
    pub fn finish(self, precision: f32) -> Model {
        let t = self.t.max(1) as f64;
        let c = self.classes;
        let mut rows: Vec<(u64, Vec<i16>)> = Vec::with_capacity(self.keys.len());
        for (r, &key) in self.keys.iter().enumerate() {
            let q: Vec<i16> = (0..c)
                .map(|k| {
                    let i = r * c + k;
                    let avg =
                        (self.total[i] + (self.t - self.stamp[i]) as f64 * self.w[i] as f64) / t;
                    (avg / precision as f64)
                        .round()
                        .clamp(i16::MIN as f64, i16::MAX as f64) as i16
                })
                .collect();
            if q.iter().any(|&v| v != 0) {
                rows.push((key, q));
            }
        }
        rows.sort_unstable_by_key(|r| r.0);
        let keys: Vec<u64> = rows.iter().map(|r| r.0).collect();
        let weights: Vec<i16> = rows.into_iter().flat_map(|r| r.1).collect();
        Model::new(c, precision, keys, weights)
    }
}

/// Averaged weights, quantised to `i16` steps of `scale`, behind an open-addressing table.
#[derive(Debug, Clone)]
pub struct Model {
    classes: usize,
    scale: f32,
    /// Sorted feature keys (the file order).
    keys: Vec<u64>,
    /// `classes` weights per key, in key order.
    weights: Vec<i16>,
    /// Open-addressing table: slot -> key index + 1 (0 = empty); power-of-two size.
    table: Vec<u32>,
    table_keys: Vec<u64>,
}

const MAGIC: &[u8; 8] = b"NGPERC01";

impl Model {
    fn new(classes: usize, scale: f32, keys: Vec<u64>, weights: Vec<i16>) -> Model {
        let size = (keys.len() * 2).next_power_of_two().max(16);
        let mut table = vec![0u32; size];
        let mut table_keys = vec![0u64; size];
        let mask = size - 1;
        for (i, &k) in keys.iter().enumerate() {
            let mut s = (k as usize) & mask;
            while table[s] != 0 {
                s = (s + 1) & mask;
            }
            table[s] = i as u32 + 1;
            table_keys[s] = k;
        }
        Model {
            classes,
            scale,
            keys,
            weights,
            table,
            table_keys,
        }
    }

    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Features kept in the model.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    #[inline]
    fn find(&self, k: u64) -> Option<usize> {
        let mask = self.table.len() - 1;
        let mut s = (k as usize) & mask;
        loop {
            let i = self.table[s];
            if i == 0 {
                return None;
            }
            if self.table_keys[s] == k {
                return Some(i as usize - 1);
            }
            s = (s + 1) & mask;
        }
    }

    /// Sums each feature's weights into `out` (`classes` long, cleared first), in units of the
    /// quantisation step.
    pub fn scores(&self, feats: &[u64], out: &mut [i32]) {
        out.iter_mut().for_each(|o| *o = 0);
        let c = self.classes;
        for &f in feats {
            if let Some(i) = self.find(f) {
                for (o, &w) in out.iter_mut().zip(&self.weights[i * c..(i + 1) * c]) {
                    *o += w as i32;
                }
            }
        }
    }

    /// The best class among those `allowed` says yes to (lowest index on ties).
    pub fn best(
        &self,
        feats: &[u64],
        buf: &mut Vec<i32>,
        allowed: impl Fn(usize) -> bool,
    ) -> usize {
        buf.resize(self.classes, 0);
        self.scores(feats, buf);
        let mut best = usize::MAX;
        for (c, &s) in buf.iter().enumerate() {
            if allowed(c) && (best == usize::MAX || s > buf[best]) {
                best = c;
            }
        }
        best.min(self.classes.saturating_sub(1))
    }

    /// The file form: magic, classes, scale, count, keys, weights (little-endian).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(24 + self.keys.len() * (8 + 2 * self.classes));
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(self.classes as u32).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&(self.keys.len() as u64).to_le_bytes());
        for k in &self.keys {
            out.extend_from_slice(&k.to_le_bytes());
        }
        for w in &self.weights {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out
    }

    /// Reads the file form; the error says what is wrong with it.
    pub fn from_bytes(b: &[u8]) -> Result<Model, String> {
        if b.len() < 24 || &b[..8] != MAGIC {
            return Err("not a newsgraph perceptron model".into());
        }
        let classes = u32::from_le_bytes(b[8..12].try_into().unwrap_or_default()) as usize;
        let scale = f32::from_le_bytes(b[12..16].try_into().unwrap_or_default());
        let n = u64::from_le_bytes(b[16..24].try_into().unwrap_or_default()) as usize;
        let need = n
            .checked_mul(8 + 2 * classes)
            .and_then(|x| x.checked_add(24));
        if classes == 0 || need != Some(b.len()) {
            return Err(format!("model is truncated or corrupt ({} bytes)", b.len()));
        }
        let keys: Vec<u64> = b[24..24 + 8 * n]
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes(c.try_into().unwrap_or_default()))
            .collect();
        let weights: Vec<i16> = b[24 + 8 * n..]
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect();
        Ok(Model::new(classes, scale, keys, weights))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two classes told apart by one feature each, plus a shared noise feature.
    fn train() -> Model {
        let mut t = Trainer::new(2);
        for i in 0..20 {
            let (feats, truth) = if i % 2 == 0 {
                ([1u64, 9], 0)
            } else {
                ([2u64, 9], 1)
            };
            let mut s = vec![0.0; 2];
            t.scores(&feats, &mut s);
            let guess = if s[1] > s[0] { 1 } else { 0 };
            t.update(&feats, truth, guess);
            t.tick();
        }
        t.finish(0.01)
    }

    #[test]
    fn learns_separable_classes() {
        let m = train();
        let mut buf = Vec::new();
        assert_eq!(m.best(&[1, 9], &mut buf, |_| true), 0);
        assert_eq!(m.best(&[2, 9], &mut buf, |_| true), 1);
        assert_eq!(m.best(&[2, 9], &mut buf, |c| c == 0), 0);
    }

    #[test]
    fn file_round_trip_is_identical_and_corruption_is_refused() {
        let m = train();
        let b = m.to_bytes();
        let back = Model::from_bytes(&b).unwrap();
        assert_eq!(back.to_bytes(), b);
        assert!(Model::from_bytes(&b[..b.len() - 1]).is_err());
        assert!(Model::from_bytes(b"garbage!").is_err());
    }
}
