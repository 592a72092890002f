//! A small direct-mapped memo in front of a three-class model's table (the parser's moves).
//! The move features of a parser state (pairs of positions, the arcs so far; tags, labels,
//! distances, frequent words) recur from sentence to sentence, but hashed into a 16 MB table
//! each costs a cache miss. Kept here, 16 bytes apiece in a 1 MB table the core's own cache
//! holds, 82% of them are found at once (EWT and GUM train); a feature not kept is asked of
//! the model, with the other misses of its state, and kept. The sums are exactly the model's
//! ([`Model::scores`]).

use super::perceptron::{short_key, Model};

/// One remembered feature: its key (0 = empty) and its three weights (zeros when the model
/// does not store it).
#[derive(Debug, Clone, Copy, Default)]
#[repr(C, align(16))]
struct Slot {
    key: u32,
    w: [i32; 3],
}

/// The memo of one model ([`Model::id`]); meeting another model empties it.
#[derive(Debug)]
pub struct Memo {
    model: u64,
    slots: Vec<Slot>,
    shift: u32,
}

impl Memo {
    /// A memo of `1 << bits` features.
    pub fn new(bits: u32) -> Memo {
        Memo {
            model: 0,
            slots: vec![Slot::default(); 1 << bits],
            shift: 32 - bits,
        }
    }

    /// Adds the weights `model` gives `feats` to `sum` (as [`Model::scores`] over three
    /// classes), remembering them.
    pub fn add(&mut self, model: &Model, feats: &[u64], sum: &mut [i32; 3]) {
        if self.model != model.id() {
            self.slots.iter_mut().for_each(|s| *s = Slot::default());
            self.model = model.id();
        }
        // the features not remembered are asked of the model together, so their misses overlap
        let mut missed = [0u32; 64];
        let mut n = 0;
        for &f in feats {
            let k = short_key(f);
            let slot = &self.slots[self.index(k)];
            if slot.key == k {
                for (s, w) in sum.iter_mut().zip(slot.w) {
                    *s += w;
                }
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

    fn index(&self, k: u32) -> usize {
        (k.wrapping_mul(0x85eb_ca6b) >> self.shift) as usize
    }

    fn fetch(&mut self, model: &Model, k: u32, sum: &mut [i32; 3]) {
        let w = model.weights3(k);
        let i = self.index(k);
        self.slots[i] = Slot { key: k, w };
        for (s, w) in sum.iter_mut().zip(w) {
            *s += w;
        }
    }
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

    /// Through a memo much smaller than the features asked (so slots are taken over), the
    /// sums are the model's, for a compact and a dense table, and a memo that meets a second
    /// model forgets the first one's weights.
    #[test]
    fn sums_are_the_models_and_a_new_model_is_not_answered_from_the_old() {
        let (big, small, other) = (model(3, 720_000, 0), model(3, 5_000, 0), model(3, 5_000, 9));
        assert!(big.is_compact() && !small.is_compact());
        let mut memo = Memo::new(6);
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
}
