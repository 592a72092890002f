//! The file form of a perceptron [`Model`]: magic, classes, scale, count, then per feature in
//! key order the key's gap from the previous one and its `(class, weight)` entries, as
//! varints; byte-stable, so the same model always gives the same file.

use super::perceptron::Model;

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
    /// The stored rows in key order: (key, sparse entries).
    pub(super) fn rows(&self) -> Vec<(u32, Vec<u32>)> {
        let mut r: Vec<(u32, Vec<u32>)> = self
            .table
            .iter()
            .filter(|slot| slot.key != 0)
            .map(|slot| (slot.key, self.slot_entries(slot).to_vec()))
            .collect();
        r.extend(self.dense.iter().filter(|d| d.key != 0).map(|d| {
            let es = (0..self.classes.min(4))
                .filter(|&c| d.w[c] != 0)
                .map(|c| (c as u32) << 16 | d.w[c] as u16 as u32);
            (d.key, es.collect())
        }));
        r.extend(self.compact.rows().map(|(k, w)| {
            let es = (0..self.classes.min(3))
                .filter(|&c| w[c] != 0)
                .map(|c| (c as u32) << 16 | w[c] as u16 as u32);
            (k, es.collect())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learn::Trainer;

    #[test]
    fn file_round_trip_is_identical_and_corruption_is_refused() {
        let mut t = Trainer::new(2);
        for i in 0..20u64 {
            let feats = [1 + i % 2, 9];
            let mut s = vec![0.0; 2];
            t.scores(&feats, &mut s);
            t.update(&feats, (i % 2) as usize, (s[1] > s[0]) as usize);
            t.tick();
        }
        let m = t.finish(0.01, 0);
        let b = m.to_bytes();
        let back = Model::from_bytes(&b).unwrap();
        assert_eq!(back.to_bytes(), b);
        assert!(Model::from_bytes(&b[..b.len() - 1]).is_err());
        assert!(Model::from_bytes(b"garbage!").is_err());
    }
}
