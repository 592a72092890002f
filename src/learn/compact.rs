//! The compact table of a big three-class model (the parser's moves): one 8-byte slot per
//! feature, half the memory of [`super::perceptron`]'s 16-byte slots, with exactly the same
//! answers (a feature is found if and only if its 32-bit key was stored).
//!
//! A key `k` is stored through `h = k * 0x9e3779b9` (a bijection of `u32`): its home slot is
//! `h`'s low `bits` bits, as in the wide table, and the slot keeps the other `32 - bits`
//! bits of `h` with the slot's distance from home, which together give back `k`. Linear
//! probing as in the wide table; the rare key that would sit more than `max_disp` slots from
//! home goes to a short sorted side list instead.

/// Hash multiplier (odd, so a bijection) and its inverse modulo 2^32.
const PHI: u32 = 0x9e37_79b9;
const PHI_INV: u32 = 0x144c_bc89;

/// The fewest slot-index bits the layout supports: the rest of the hash (`32 - bits`) and the
/// displacement must share a 16-bit check.
pub(super) const MIN_BITS: u32 = 21;

#[derive(Debug, Clone, Default)]
pub(super) struct Compact {
    /// Low 16 bits: 0 for an empty slot, else `1 + (rest << disp_bits | displacement)`;
    /// above them the three class weights as `i16`.
    slots: Vec<u64>,
    bits: u32,
    /// Keys that sat too far from home, sorted, with their weights.
    side: Vec<(u32, [i16; 3])>,
}

impl Compact {
    /// A table of `1 << bits` slots (`bits >= MIN_BITS`) holding `rows` in the given order,
    /// the order the wide table is filled in.
    pub(super) fn new(bits: u32, rows: impl Iterator<Item = (u32, [i16; 3])>) -> Compact {
        debug_assert!((MIN_BITS..32).contains(&bits));
        let mask = (1usize << bits) - 1;
        let max_disp = (1usize << (bits - 16)) - 2;
        let mut slots = vec![0u64; 1 << bits];
        let mut side = Vec::new();
        for (key, w) in rows {
            let h = key.wrapping_mul(PHI);
            let home = h as usize & mask;
            let Some(d) = (0..=max_disp).find(|d| slots[(home + d) & mask] == 0) else {
                side.push((key, w));
                continue;
            };
            let check = 1 + ((h as u64 >> bits) << (bits - 16) | d as u64);
            slots[(home + d) & mask] = check
                | (w[0] as u16 as u64) << 16
                | (w[1] as u16 as u64) << 32
                | (w[2] as u16 as u64) << 48;
        }
        side.sort_unstable_by_key(|s| s.0);
        Compact { slots, bits, side }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    #[inline]
    fn home(&self, key: u32) -> (usize, u32) {
        let h = key.wrapping_mul(PHI);
        (h as usize & (self.slots.len() - 1), h)
    }

    /// Asks the cache for a key's home slot.
    #[inline]
    pub(super) fn prefetch(&self, key: u32) {
        super::perceptron::prefetch(&self.slots[self.home(key).0]);
    }

    /// Adds a key's weights to `sum` if it is stored.
    #[inline]
    pub(super) fn add(&self, key: u32, sum: &mut [i32; 4]) {
        let (mut i, h) = self.home(key);
        let mask = self.slots.len() - 1;
        // the check a slot holds for this key at each distance from home, nearest first
        let mut want = 1 + ((h as u64 >> self.bits) << (self.bits - 16));
        let last = want + (1u64 << (self.bits - 16)) - 2;
        while want <= last {
            let s = self.slots[i];
            let check = s & 0xffff;
            if check == want {
                sum[0] += (s >> 16) as u16 as i16 as i32;
                sum[1] += (s >> 32) as u16 as i16 as i32;
                sum[2] += (s >> 48) as u16 as i16 as i32;
                return;
            }
            if check == 0 {
                return;
            }
            want += 1;
            i = (i + 1) & mask;
        }
        if let Ok(i) = self.side.binary_search_by_key(&key, |s| s.0) {
            for (a, &w) in sum.iter_mut().zip(&self.side[i].1) {
                *a += w as i32;
            }
        }
    }

    /// Every stored key with its weights, in no particular order.
    pub(super) fn rows(&self) -> impl Iterator<Item = (u32, [i16; 3])> + '_ {
        // an empty table (a model that does not use this layout) has no bits to read
        let shift = self.bits.saturating_sub(16);
        let mask = self.slots.len().saturating_sub(1);
        let disp_mask = (1u64 << shift) - 1;
        let slots = self
            .slots
            .iter()
            .enumerate()
            .filter(|(_, &s)| s & 0xffff != 0);
        slots
            .map(move |(i, &s)| {
                let c = (s & 0xffff) - 1;
                let home = (i.wrapping_sub((c & disp_mask) as usize)) & mask;
                let h = ((c >> shift) as u32) << self.bits | home as u32;
                let w = [16, 32, 48].map(|sh| (s >> sh) as u16 as i16);
                (h.wrapping_mul(PHI_INV), w)
            })
            .chain(self.side.iter().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_come_back_and_only_stored_keys_are_found() {
        let bits = MIN_BITS;
        // 40 keys with the same home slot (more than fit within the displacement limit, so
        // some go to the side list) and many spread keys
        let same_home: Vec<u32> = (1..=40u32)
            .map(|j| (7 | j << bits).wrapping_mul(PHI_INV))
            .collect();
        let spread = (1..200_000u32).map(|k| k.wrapping_mul(2_654_435_761) | 1);
        let keys: Vec<u32> = same_home.iter().copied().chain(spread).collect();
        let w = |k: u32| [k as i16, (k >> 16) as i16, -(k as i16 >> 1)];
        let t = Compact::new(bits, keys.iter().map(|&k| (k, w(k))));
        assert!(!t.side.is_empty());
        let mut back: Vec<(u32, [i16; 3])> = t.rows().collect();
        back.sort_unstable_by_key(|r| r.0);
        let mut want: Vec<(u32, [i16; 3])> = keys.iter().map(|&k| (k, w(k))).collect();
        want.sort_unstable_by_key(|r| r.0);
        assert_eq!(back, want);
        for &k in keys.iter().step_by(97).chain(&same_home) {
            let mut sum = [0; 4];
            t.add(k, &mut sum);
            assert_eq!(sum[..3], w(k).map(i32::from));
        }
        // unstored keys sharing the crowded home, or anywhere, add nothing
        for k in (41..60u32)
            .map(|j| (7 | j << bits).wrapping_mul(PHI_INV))
            .chain((0..1000u32).map(|k| k * 2))
        {
            let mut sum = [0; 4];
            t.add(k, &mut sum);
            assert_eq!(sum, [0; 4], "{k}");
        }
    }
}
