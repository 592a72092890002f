//! Hashed features: a template number and its string or number parts folded into one `u64`,
//! the same on every machine and every run (the model files depend on it).

/// FNV-1a over bytes, then a final mix, so features are stable across platforms and releases.
#[inline]
pub fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[inline]
pub fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h
}

/// One feature: template `t` with string parts `parts` (separated so `("ab","c")` and
/// `("a","bc")` differ).
#[inline]
pub fn feat(t: u16, parts: &[&str]) -> u64 {
    let mut h = fnv(0xcbf2_9ce4_8422_2325, &t.to_le_bytes());
    for p in parts {
        h = fnv(h, p.as_bytes());
        h = fnv(h, &[0xff]);
    }
    mix(h)
}

/// Template `t` over precomputed hashes (words, tags, ids): the fast path of the tagger and
/// parser, which hash each word once per sentence.
#[inline]
pub fn combine(t: u16, vals: &[u64]) -> u64 {
    let mut h = (t as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for &v in vals {
        h = (h.rotate_left(23) ^ v).wrapping_mul(0x5851_f42d_4c95_7f2d);
    }
    mix(h)
}

/// A string's own hash, for use as a part of [`combine`].
#[inline]
pub fn hash_str(s: &str) -> u64 {
    mix(fnv(0xcbf2_9ce4_8422_2325, s.as_bytes()))
}

/// A reusable list of feature hashes, built per decision.
#[derive(Default, Debug, Clone)]
pub struct Feats(pub Vec<u64>);

impl Feats {
    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// Template `t` with string parts.
    #[inline]
    pub fn add(&mut self, t: u16, parts: &[&str]) {
        self.0.push(feat(t, parts));
    }

    /// Template `t` over precomputed hashes (see [`combine`]).
    #[inline]
    pub fn push(&mut self, t: u16, vals: &[u64]) {
        self.0.push(combine(t, vals));
    }

    /// Template `t` with small-number parts (ids, tags, distances).
    #[inline]
    pub fn add_ids(&mut self, t: u16, ids: &[u32]) {
        let mut h = fnv(0x84222325_cbf29ce4, &t.to_le_bytes());
        for i in ids {
            h = fnv(h, &i.to_le_bytes());
        }
        self.0.push(mix(h));
    }

    /// A precomputed hash combined with template `t` and small-number parts.
    #[inline]
    pub fn add_hash(&mut self, t: u16, base: u64, ids: &[u32]) {
        let mut h = fnv(base ^ 0x9e37_79b9_7f4a_7c15, &t.to_le_bytes());
        for i in ids {
            h = fnv(h, &i.to_le_bytes());
        }
        self.0.push(mix(h));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_separated_and_templates_differ() {
        assert_ne!(feat(1, &["ab", "c"]), feat(1, &["a", "bc"]));
        assert_ne!(feat(1, &["x"]), feat(2, &["x"]));
        assert_eq!(feat(3, &["word"]), feat(3, &["word"]));
    }

    #[test]
    fn id_features_differ_by_template_and_value() {
        let mut f = Feats::default();
        f.add_ids(1, &[2, 3]);
        f.add_ids(1, &[3, 2]);
        f.add_ids(2, &[2, 3]);
        assert_eq!(f.0.len(), 3);
        assert_ne!(f.0[0], f.0[1]);
        assert_ne!(f.0[0], f.0[2]);
    }
}
