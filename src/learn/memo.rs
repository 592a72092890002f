//! A small direct-mapped memo in front of a three-class model's table (the parser's moves).
//! The move features of a parser state (pairs of positions, the arcs so far; tags, labels,
//! distances, frequent words) recur from sentence to sentence, but hashed into a 16 MB table
//! each costs a cache miss. Kept here, 8 bytes apiece, 128 K of them in 1 MB that the core's
//! own cache holds, 85% of them are found at once (EWT and GUM train); a feature not kept is
//! asked of the model, with the other misses of its state, and kept. The sums are exactly
//! the model's ([`Model::scores`]).

use super::perceptron::{short_key, Model};

/// The memo of one model ([`Model::id`]); meeting another model empties it. A slot is 8
/// bytes: a key `k` goes to slot `h >> (32 - bits)` of `h = k * 0x85eb_ca6b` (odd, so a
/// bijection), and the slot keeps the rest of `h` (at most 15 bits) with a bit saying it is
/// taken, then the three weights as `i16`: slot and check give back `h`, so a hit is exact.
#[derive(Debug)]
pub struct Memo {
    model: u64,
    slots: Vec<u64>,
    bits: u32,
}

/// The fewest index bits: the rest of the hash and the taken bit share 16.
pub const MIN_BITS: u32 = 17;
const TAKEN: u64 = 0x8000;

impl Memo {
    /// A memo of `1 << bits` features (`bits` at least [`MIN_BITS`]).
    pub fn new(bits: u32) -> Memo {
        let bits = bits.clamp(MIN_BITS, 31);
        Memo {
            model: 0,
            slots: vec![0; 1 << bits],
            bits,
        }
    }

    /// Adds the weights `model` gives `feats` to `sum` (as [`Model::scores`] over three
    /// classes), remembering them.
    pub fn add(&mut self, model: &Model, feats: &[u64], sum: &mut [i32; 3]) {
        if self.model != model.id() {
            self.slots.iter_mut().for_each(|s| *s = 0);
            self.model = model.id();
        }
        // the features not remembered are asked of the model together, so their misses overlap
        let mut missed = [0u32; 64];
        let mut n = 0;
        for &f in feats {
            let k = short_key(f);
            let (i, check) = self.place(k);
            let slot = self.slots[i];
            if slot & 0xffff == check {
                add3(sum, slot);
            } else if n < missed.len() {
                model.prefetch(&[f]);
                missed[n] = k;
                n += 1;
            } else {
                self.fetch(model, k, sum);
            }
        }
        for &k in &missed[..n] {
            self.fetch(model, k, sum);
        }
    }

    /// A key's slot and the check that slot keeps for it.
    fn place(&self, k: u32) -> (usize, u64) {
        let h = k.wrapping_mul(0x85eb_ca6b);
        let i = (h >> (32 - self.bits)) as usize;
        let check = (h as u64 & ((1 << (32 - self.bits)) - 1)) | TAKEN;
        (i, check)
    }

    fn fetch(&mut self, model: &Model, k: u32, sum: &mut [i32; 3]) {
        let w = model.weights3(k);
        let (i, check) = self.place(k);
        // the model's weights are `i16`s, so each fits its 16 bits
        let slot = check
            | (w[0] as u16 as u64) << 16
            | (w[1] as u16 as u64) << 32
            | (w[2] as u16 as u64) << 48;
        self.slots[i] = slot;
        add3(sum, slot);
    }
}

/// Adds a slot's three weights to `sum`.
#[inline]
fn add3(sum: &mut [i32; 3], slot: u64) {
    sum[0] += (slot >> 16) as u16 as i16 as i32;
    sum[1] += (slot >> 32) as u16 as i16 as i32;
    sum[2] += (slot >> 48) as u16 as i16 as i32;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(classes: usize, n: u32, salt: i16) -> Model {
        let rows = (1..=n)
            .map(|k| {
                let w = [
                    (k % 7) as i16 - 3 + salt,
                    -((k % 11) as i16),
                    (k % 5) as i16,
                ];
                (k * 5, w[..classes].to_vec())
            })
            .collect();
        Model::new(classes, 0.01, rows)
    }

    /// The sums are the model's, for a compact and a dense table, whether the features are
    /// remembered or not, and a memo that meets a second model forgets the first one's weights.
    #[test]
    fn sums_are_the_models_and_a_new_model_is_not_answered_from_the_old() {
        let (big, small, other) = (model(3, 720_000, 0), model(3, 5_000, 0), model(3, 5_000, 9));
        assert!(big.is_compact() && !small.is_compact());
        let mut memo = Memo::new(MIN_BITS);
        for m in [&big, &small, &other, &small] {
            for round in 0..3u64 {
                // features that repeat across rounds, some stored, some not, more than 64
                let feats: Vec<u64> = (0..150u64).map(|k| (k * 3 + round % 2) << 32).collect();
                let mut want = [0; 3];
                m.scores(&feats, &mut want);
                let mut got = [0; 3];
                memo.add(m, &feats, &mut got);
                assert_eq!(got, want);
                assert_ne!(got, [0; 3]);
            }
        }
    }

    /// Keys that share one slot take it over in turn, and each is answered with its own
    /// weights, never another's.
    #[test]
    fn keys_sharing_a_slot_are_told_apart() {
        // h = k * 0x85eb_ca6b is 7 << 15 | c: slot 7 of a MIN_BITS memo, check c
        let keys: Vec<u32> = (0..40u32)
            .map(|c| (7u32 << 15 | c).wrapping_mul(0xa5cb_9243))
            .collect();
        let mut rows: Vec<(u32, Vec<i16>)> = (0..40i16)
            .map(|i| (keys[i as usize], vec![i + 1, -i, 3]))
            .collect();
        rows.sort_unstable_by_key(|r| r.0);
        let m = Model::new(3, 0.01, rows);
        let mut memo = Memo::new(MIN_BITS);
        for round in 0..3 {
            for (i, &k) in keys.iter().enumerate() {
                let mut got = [0; 3];
                memo.add(&m, &[(k as u64) << 32], &mut got);
                assert_eq!(
                    got,
                    [i as i32 + 1, -(i as i32), 3],
                    "round {round}, key {i}"
                );
            }
        }
    }
}
