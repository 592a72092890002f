//! The averaged perceptron's [`Model`] (what a [`super::Trainer`] averages into): quantised
//! class weights per hashed feature, kept in a compact, byte-stable file and looked up through
//! an open-addressing table.

use super::compact::{self, Compact};

/// The 32-bit key a feature is stored under (never 0, which marks an empty slot). With a few
/// million features, an unseen feature matches a stored one about once in a thousand lookups.
#[inline]
pub(crate) fn short_key(k: u64) -> u32 {
    ((k >> 32) as u32 ^ k as u32).max(1)
}

/// Averaged weights, quantised to `i16` steps of `scale`, behind an open-addressing table of
/// 32-bit keys in 16-byte slots, so a slot never straddles two cache lines. A model of at most
/// four classes (the parser's moves) keeps each feature's weights in its slot; a model of more
/// keeps up to three `(class, weight)` entries there (most features have two or three) and
/// the rest in `entries`, so most lookups cost one cache miss.
#[derive(Debug, Clone)]
pub struct Model {
    pub(super) classes: usize,
    pub(super) scale: f32,
    /// A sparse model's slots, power-of-two size (empty for a dense model).
    pub(super) table: Vec<Sparse>,
    /// `class << 16 | weight as u16`, the entries of features with more than three.
    pub(super) entries: Vec<u32>,
    /// The weights of every class, `classes` a row, of the spilled features with entries for
    /// at least half the classes (their slot's `e[1]` is the row): one short loop over
    /// adjacent weights instead of a loop over scattered entries; the same sums.
    pub(super) full_rows: Vec<i16>,
    /// A dense model's slots, power-of-two size (empty for a sparse or a compact model).
    pub(super) dense: Vec<Dense>,
    /// A big three-class model's 8-byte slots (empty otherwise).
    pub(super) compact: Compact,
    /// Number of stored features.
    pub(super) len: usize,
    /// Which model this is, for [`super::memo::Memo`] (a clone shares it: same weights).
    pub(super) id: u64,
}

/// The ids of models, one each as they are built.
static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// A slot of a dense model: the key (0 = empty) and the weights of up to four classes.
#[derive(Debug, Clone, Copy, Default)]
#[repr(C, align(16))]
pub(super) struct Dense {
    pub(super) key: u32,
    pub(super) w: [i16; 4],
}

/// A slot of a sparse model: the key (0 = empty) and up to three entries `class << 16 |
/// weight` ([`NO_ENTRY`] for none), or, when `e[0]` has [`SPILL`] set, `start << 6 | count`
/// of the feature's entries in `entries`, and in `e[1]` its row in `full_rows` ([`NO_ENTRY`] for
/// none).
#[derive(Debug, Clone, Copy)]
#[repr(C, align(16))]
pub(super) struct Sparse {
    pub(super) key: u32,
    pub(super) e: [u32; 3],
}

/// The cells of [`Model::sparse_sums`]'s accumulator on the stack, for a model of fewer
/// classes (every shipped one): a power of two, so an index is masked into range.
const ACC: usize = 64;

/// An unused inline entry (its class, 0xffff, is never a real one).
const NO_ENTRY: u32 = u32::MAX;
/// Marks a slot whose entries live in `entries` (a real entry's class is under 64).
const SPILL: u32 = 1 << 31;

impl Default for Sparse {
    fn default() -> Self {
        Sparse {
            key: 0,
            e: [NO_ENTRY; 3],
        }
    }
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
    pub(super) fn from_parts(
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
        let (mut table, mut dense, mut spilled) = (Vec::new(), Vec::new(), Vec::new());
        let mut dense_rows: Vec<i16> = Vec::new();
        let mut compact = Compact::default();
        let bits = size.trailing_zeros();
        if classes <= 3 && bits >= compact::MIN_BITS {
            let rows = keys.iter().zip(spans).map(|(&key, &span)| {
                let w = row(span);
                (key, [w[0], w[1], w[2]])
            });
            compact = Compact::new(bits, rows);
        } else if classes <= 4 {
            dense = vec![Dense::default(); size];
            for (&key, &span) in keys.iter().zip(spans) {
                let mut s = hash_slot(key, mask);
                while dense[s].key != 0 {
                    s = (s + 1) & mask;
                }
                dense[s] = Dense { key, w: row(span) };
            }
        } else {
            table = vec![Sparse::default(); size];
            for (&key, &span) in keys.iter().zip(spans) {
                let mut s = hash_slot(key, mask);
                while table[s].key != 0 {
                    s = (s + 1) & mask;
                }
                let (start, count) = ((span >> 6) as usize, (span & 63) as usize);
                let es = entries.get(start..start + count).unwrap_or(&[]);
                let mut slot = Sparse {
                    key,
                    ..Sparse::default()
                };
                if es.len() <= 3 {
                    slot.e[..es.len()].copy_from_slice(es);
                } else {
                    slot.e[0] = SPILL | (spilled.len() as u32) << 6 | es.len() as u32;
                    spilled.extend_from_slice(es);
                    if es.len() * 2 >= classes {
                        slot.e[1] = (dense_rows.len() / classes) as u32;
                        let mut w = vec![0i16; classes];
                        for &e in es {
                            if let Some(x) = w.get_mut((e >> 16) as usize) {
                                *x = e as u16 as i16;
                            }
                        }
                        dense_rows.extend_from_slice(&w);
                    }
                }
                table[s] = slot;
            }
        }
        Model {
            classes,
            scale,
            table,
            entries: spilled,
            full_rows: dense_rows,
            dense,
            compact,
            len: keys.len(),
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// This model's id, unique among the models built in this process.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// The three weights stored under short key `k` (zeros if none) of a model of three
    /// classes or fewer (a compact or dense table); as [`Model::scores`] of that one feature.
    pub(super) fn weights3(&self, k: u32) -> [i32; 3] {
        debug_assert!(self.classes <= 3 && self.table.is_empty());
        let mut sum = [0i32; 4];
        if !self.compact.is_empty() {
            self.compact.add(k, &mut sum);
        } else if !self.dense.is_empty() {
            self.dense_add(k, &mut sum);
        }
        [sum[0], sum[1], sum[2]]
    }

    /// Adds the weights a dense model stores under short key `k` to `sum`, if any.
    #[inline]
    fn dense_add(&self, k: u32, sum: &mut [i32; 4]) {
        let mask = self.dense.len() - 1;
        let mut s = hash_slot(k, mask);
        loop {
            let d = &self.dense[s];
            if d.key == k {
                for (a, &w) in sum.iter_mut().zip(&d.w) {
                    *a += w as i32;
                }
                return;
            }
            if d.key == 0 {
                return;
            }
            s = (s + 1) & mask;
        }
    }

    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Features kept in the model.
    pub fn len(&self) -> usize {
        self.len
    }

    /// How many features keep their entries outside their slot (a sparse model's features
    /// with more than three classes: their lookups cost a second cache miss).
    pub fn spilled(&self) -> usize {
        self.table
            .iter()
            .filter(|s| s.key != 0 && s.e[0] != NO_ENTRY && s.e[0] & SPILL != 0)
            .count()
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether the weights are in the compact 8-byte table (big three-class models).
    pub fn is_compact(&self) -> bool {
        !self.compact.is_empty()
    }

    /// The slot of a feature in a sparse model, if it is stored.
    #[inline]
    fn slot(&self, k: u64) -> Option<&Sparse> {
        let k = short_key(k);
        let mask = self.table.len() - 1;
        let mut s = hash_slot(k, mask);
        loop {
            match self.table[s].key {
                0 => return None,
                x if x == k => return Some(&self.table[s]),
                _ => s = (s + 1) & mask,
            }
        }
    }

    /// A sparse slot's entries: inline, or its span in `entries`.
    pub(super) fn slot_entries<'a>(&'a self, slot: &'a Sparse) -> &'a [u32] {
        if slot.e[0] & SPILL == 0 {
            let n = slot.e.iter().take_while(|&&e| e != NO_ENTRY).count();
            &slot.e[..n]
        } else {
            let start = ((slot.e[0] & !SPILL) >> 6) as usize;
            let n = (slot.e[0] & 63) as usize;
            self.entries.get(start..start + n).unwrap_or(&[])
        }
    }

    /// Sums each feature's weights into `out` (`classes` long, cleared first), in units of the
    /// quantisation step. Memory, not arithmetic, is the cost: the slots of a batch of features
    /// are asked for first, then their entries, so the cache misses overlap.
    pub fn scores(&self, feats: &[u64], out: &mut [i32]) {
        out.iter_mut().for_each(|o| *o = 0);
        if !self.compact.is_empty() {
            self.prefetch(feats);
            let mut sum = [0i32; 4];
            for &f in feats {
                self.compact.add(short_key(f), &mut sum);
            }
            for (o, a) in out.iter_mut().zip(sum) {
                *o = a;
            }
            return;
        }
        if !self.dense.is_empty() {
            self.prefetch(feats);
            let mut sum = [0i32; 4];
            for &f in feats {
                self.dense_add(short_key(f), &mut sum);
            }
            for (o, a) in out.iter_mut().zip(sum) {
                *o = a;
            }
            return;
        }
        if self.classes < ACC {
            let mut acc = [0i32; ACC];
            self.sparse_sums(feats, &mut acc);
            out.iter_mut().zip(acc).for_each(|(o, a)| *o = a);
        } else {
            let mut acc = vec![0i32; (self.classes + 1).next_power_of_two()];
            self.sparse_sums(feats, &mut acc);
            out.iter_mut().zip(acc).for_each(|(o, a)| *o = a);
        }
    }

    /// A sparse model's sums into `acc`, a power of two longer than the classes, whose index
    /// is masked rather than checked: an inline slot's three entries are added without
    /// looking at them, an unused one ([`NO_ENTRY`], class 0xffff) landing on a cell past the
    /// classes, which no one reads. Memory, not arithmetic, is the cost: the slots of a batch
    /// of features are asked for first, then their entries, so the cache misses overlap.
    #[inline(always)]
    fn sparse_sums(&self, feats: &[u64], acc: &mut [i32]) {
        let mask = self.table.len() - 1;
        let c = self.classes;
        let cells = acc.len() - 1;
        let add = |acc: &mut [i32], e: u32| {
            acc[(e >> 16) as usize & cells] += e as u16 as i16 as i32;
        };
        let mut spills = [0u32; 64];
        let mut rows = [0u32; 64];
        for chunk in feats.chunks(64) {
            for &f in chunk {
                prefetch(&self.table[hash_slot(short_key(f), mask)]);
            }
            let (mut n, mut r) = (0, 0);
            for &f in chunk {
                let Some(slot) = self.slot(f) else { continue };
                if slot.e[0] & SPILL == 0 {
                    slot.e.iter().for_each(|&e| add(acc, e));
                } else if slot.e[1] != NO_ENTRY {
                    rows[r] = slot.e[1];
                    r += 1;
                    let start = slot.e[1] as usize * c;
                    if let Some(w) = self.full_rows.get(start) {
                        prefetch(w);
                    }
                    if let Some(w) = self.full_rows.get(start + c - 1) {
                        prefetch(w);
                    }
                } else {
                    spills[n] = slot.e[0];
                    n += 1;
                    if let Some(e) = self.entries.get(((slot.e[0] & !SPILL) >> 6) as usize) {
                        prefetch(e);
                    }
                }
            }
            for &sp in &spills[..n] {
                let start = ((sp & !SPILL) >> 6) as usize;
                let es = self.entries.get(start..start + (sp & 63) as usize);
                es.unwrap_or(&[]).iter().for_each(|&e| add(acc, e));
            }
            for &row in &rows[..r] {
                let start = row as usize * c;
                let w = self.full_rows.get(start..start + c).unwrap_or(&[]);
                for (a, &w) in acc.iter_mut().zip(w) {
                    *a += w as i32;
                }
            }
        }
    }

    /// Asks the cache for the slots of `feats` without waiting: a caller that knows the next
    /// decision's features (or most of them) before the current one is scored lets the misses
    /// of both overlap. Changes nothing but timing.
    pub fn prefetch(&self, feats: &[u64]) {
        if !self.compact.is_empty() {
            for &f in feats {
                self.compact.prefetch(short_key(f));
            }
        } else if !self.dense.is_empty() {
            let mask = self.dense.len() - 1;
            for &f in feats {
                prefetch(&self.dense[hash_slot(short_key(f), mask)]);
            }
        } else if !self.table.is_empty() {
            let mask = self.table.len() - 1;
            for &f in feats {
                prefetch(&self.table[hash_slot(short_key(f), mask)]);
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
        self.pick(buf, allowed)
    }

    /// The best class among those `allowed` says yes to, given its `scores` (lowest index on
    /// ties; the last class when none is allowed).
    pub fn pick(&self, scores: &[i32], allowed: impl Fn(usize) -> bool) -> usize {
        let mut best = usize::MAX;
        for (c, &s) in scores.iter().enumerate() {
            if allowed(c) && (best == usize::MAX || s > scores[best]) {
                best = c;
            }
        }
        best.min(self.classes.saturating_sub(1))
    }
}

/// A hint to load `x`'s cache line; nothing on targets without one.
#[inline(always)]
pub(super) fn prefetch<T>(x: &T) {
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
