//! The averaged perceptron's [`Model`] (what a [`super::Trainer`] averages into): quantised
//! class weights per hashed feature, kept in a compact, byte-stable file and looked up through
//! an open-addressing table.

/// The 32-bit key a feature is stored under (never 0, which marks an empty slot). With a few
/// million features, an unseen feature matches a stored one about once in a thousand lookups.
#[inline]
pub(crate) fn short_key(k: u64) -> u32 {
    ((k >> 32) as u32 ^ k as u32).max(1)
}

/// Averaged weights, quantised to `i16` steps of `scale`, behind an open-addressing table of
/// 32-bit keys. A model of many classes keeps in each slot its key and where its sparse
/// `(class, weight)` entries are (one cache miss for the slot, one for the entries); a model
/// of at most four classes (the parser's moves) keeps the key and the weights together in one
/// 16-byte slot, so a feature costs one cache line.
#[derive(Debug, Clone)]
pub struct Model {
    classes: usize,
    scale: f32,
    /// Slot -> (key, 0 = empty; entries: start << 6 | count), power-of-two size; empty for a
    /// dense model.
    table: Vec<(u32, u32)>,
    /// `class << 16 | weight as u16`, each feature's entries together, in key order.
    entries: Vec<u32>,
    /// A dense model's slots, power-of-two size (empty for a sparse model).
    dense: Vec<Dense>,
    /// Number of stored features.
    len: usize,
}

/// A slot of a dense model: the key (0 = empty) and the weights of up to four classes, aligned
/// so that a slot never straddles two cache lines.
#[derive(Debug, Clone, Copy, Default)]
#[repr(C, align(16))]
struct Dense {
    key: u32,
    w: [i16; 4],
}

const MAGIC: &[u8; 8] = b"NGPERC02";

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn get_varint(b: &[u8], pos: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let x = *b.get(*pos)?;
        *pos += 1;
        v |= ((x & 0x7f) as u64) << shift;
        if x < 0x80 {
            return Some(v);
        }
    }
    None
}

fn zigzag(v: i16) -> u64 {
    ((v as i32) << 1 ^ (v as i32) >> 31) as u32 as u64
}

fn unzigzag(v: u64) -> i16 {
    ((v >> 1) as i32 ^ -((v & 1) as i32)) as i16
}

impl Model {
    /// `rows`: (key, dense class weights), sorted by key, keys unique.
    pub(crate) fn new(classes: usize, scale: f32, rows: Vec<(u32, Vec<i16>)>) -> Model {
        let mut keys = Vec::with_capacity(rows.len());
        let mut spans = Vec::with_capacity(rows.len());
        let mut entries = Vec::new();
        for (k, w) in rows {
            let start = entries.len() as u32;
            for (c, &v) in w.iter().enumerate() {
                if v != 0 {
                    entries.push((c as u32) << 16 | v as u16 as u32);
                }
            }
            keys.push(k);
            spans.push(start << 6 | (entries.len() as u32 - start));
        }
        Model::from_parts(classes, scale, &keys, &spans, entries)
    }

    /// Builds the table from features in key order: their keys, `start << 6 | count` spans
    /// into `entries`.
    fn from_parts(
        classes: usize,
        scale: f32,
        keys: &[u32],
        spans: &[u32],
        entries: Vec<u32>,
    ) -> Model {
        let size = (keys.len() * 3 / 2 + 1).next_power_of_two().max(16);
        let mask = size - 1;
        let row = |span: u32| {
            let start = (span >> 6) as usize;
            let mut w = [0i16; 4];
            for &e in entries
                .get(start..start + (span & 63) as usize)
                .unwrap_or(&[])
            {
                w[(e >> 16) as usize & 3] = e as u16 as i16;
            }
            w
        };
        let (mut table, mut dense) = (Vec::new(), Vec::new());
        if classes <= 4 {
            dense = vec![Dense::default(); size];
            for (&key, &span) in keys.iter().zip(spans) {
                let mut s = hash_slot(key, mask);
                while dense[s].key != 0 {
                    s = (s + 1) & mask;
                }
                dense[s] = Dense { key, w: row(span) };
            }
        } else {
            table = vec![(0u32, 0u32); size];
            for (&k, &span) in keys.iter().zip(spans) {
                let mut s = hash_slot(k, mask);
                while table[s].0 != 0 {
                    s = (s + 1) & mask;
                }
                table[s] = (k, span);
            }
        }
        Model {
            classes,
            scale,
            table,
            entries: if classes <= 4 { Vec::new() } else { entries },
            dense,
            len: keys.len(),
        }
    }

    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Features kept in the model.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The slot of a feature, if it is stored.
    #[inline]
    fn slot(&self, k: u64) -> Option<usize> {
        let k = short_key(k);
        let mask = self.table.len() - 1;
        let mut s = hash_slot(k, mask);
        loop {
            match self.table[s].0 {
                0 => return None,
                x if x == k => return Some(s),
                _ => s = (s + 1) & mask,
            }
        }
    }

    /// The span (`start << 6 | count`) of a feature's entries; 0 when it is not stored.
    #[inline]
    fn span(&self, k: u64) -> u32 {
        self.slot(k).map_or(0, |s| self.table[s].1)
    }

    /// Sums each feature's weights into `out` (`classes` long, cleared first), in units of the
    /// quantisation step. Memory, not arithmetic, is the cost: the slots of a batch of features
    /// are asked for first, then their entries, so the cache misses overlap.
    pub fn scores(&self, feats: &[u64], out: &mut [i32]) {
        out.iter_mut().for_each(|o| *o = 0);
        if !self.dense.is_empty() {
            let mask = self.dense.len() - 1;
            for &f in feats {
                prefetch(&self.dense[hash_slot(short_key(f), mask)]);
            }
            let mut sum = [0i32; 4];
            for &f in feats {
                let k = short_key(f);
                let mut s = hash_slot(k, mask);
                loop {
                    let d = &self.dense[s];
                    if d.key == k {
                        for (a, &w) in sum.iter_mut().zip(&d.w) {
                            *a += w as i32;
                        }
                        break;
                    }
                    if d.key == 0 {
                        break;
                    }
                    s = (s + 1) & mask;
                }
            }
            for (o, a) in out.iter_mut().zip(sum) {
                *o = a;
            }
            return;
        }
        let mask = self.table.len() - 1;
        let mut spans = [0u32; 64];
        for chunk in feats.chunks(64) {
            for &f in chunk {
                prefetch(&self.table[hash_slot(short_key(f), mask)]);
            }
            for (sp, &f) in spans.iter_mut().zip(chunk) {
                *sp = self.span(f);
                if let Some(e) = self.entries.get((*sp >> 6) as usize) {
                    prefetch(e);
                }
            }
            for &sp in &spans[..chunk.len()] {
                let start = (sp >> 6) as usize;
                let es = self
                    .entries
                    .get(start..start + (sp & 63) as usize)
                    .unwrap_or(&[]);
                for &e in es {
                    if let Some(o) = out.get_mut((e >> 16) as usize) {
                        *o += e as u16 as i16 as i32;
                    }
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

    /// The stored rows in key order: (key, sparse entries).
    fn rows(&self) -> Vec<(u32, Vec<u32>)> {
        let mut r: Vec<(u32, Vec<u32>)> = self
            .table
            .iter()
            .filter(|(k, _)| *k != 0)
            .map(|&(k, span)| {
                let start = (span >> 6) as usize;
                (
                    k,
                    self.entries[start..start + (span & 63) as usize].to_vec(),
                )
            })
            .collect();
        r.extend(self.dense.iter().filter(|d| d.key != 0).map(|d| {
            let es = (0..self.classes.min(4))
                .filter(|&c| d.w[c] != 0)
                .map(|c| (c as u32) << 16 | d.w[c] as u16 as u32);
            (d.key, es.collect())
        }));
        r.sort_unstable_by_key(|x| x.0);
        r
    }

    /// The file form: magic, classes, scale, count, then per feature in key order the key's
    /// gap from the previous one and its `(class, weight)` entries, as varints.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.extend_from_slice(&(self.classes as u32).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&(self.len as u64).to_le_bytes());
        let mut prev = 0u32;
        for (k, es) in self.rows() {
            put_varint(&mut out, (k - prev) as u64);
            prev = k;
            put_varint(&mut out, es.len() as u64);
            for &e in &es {
                put_varint(&mut out, (e >> 16) as u64);
                put_varint(&mut out, zigzag(e as u16 as i16));
            }
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
        let bad = || format!("model is truncated or corrupt ({} bytes)", b.len());
        if classes == 0 || classes > u16::MAX as usize || n > b.len() {
            return Err(bad());
        }
        let mut pos = 24;
        let (mut keys, mut spans) = (Vec::with_capacity(n), Vec::with_capacity(n));
        let mut entries = Vec::with_capacity(n * 2);
        let mut key = 0u32;
        for _ in 0..n {
            let gap = get_varint(b, &mut pos).ok_or_else(bad)?;
            key = key
                .checked_add(u32::try_from(gap).map_err(|_| bad())?)
                .ok_or_else(bad)?;
            if key == 0 || keys.last().is_some_and(|&k| k >= key) {
                return Err(bad());
            }
            let m = get_varint(b, &mut pos).ok_or_else(bad)? as usize;
            if m > classes || m > 63 {
                return Err(bad());
            }
            let start = entries.len() as u32;
            for _ in 0..m {
                let c = get_varint(b, &mut pos).ok_or_else(bad)? as usize;
                let w = unzigzag(get_varint(b, &mut pos).ok_or_else(bad)?);
                if c >= classes {
                    return Err(bad());
                }
                entries.push((c as u32) << 16 | w as u16 as u32);
            }
            keys.push(key);
            spans.push(start << 6 | m as u32);
        }
        if pos != b.len() {
            return Err(bad());
        }
        Ok(Model::from_parts(classes, scale, &keys, &spans, entries))
    }
}

/// A hint to load `x`'s cache line; nothing on targets without one.
#[inline(always)]
fn prefetch<T>(x: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is a hint; it never faults and reads nothing into the program.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
            x as *const T as *const i8,
        );
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}

#[inline]
fn hash_slot(k: u32, mask: usize) -> usize {
    (k.wrapping_mul(0x9e37_79b9) as usize) & mask
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learn::Trainer;

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
        t.finish(0.01, 0)
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
