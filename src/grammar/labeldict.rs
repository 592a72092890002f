//! The label dictionary: arcs whose relation the two words' fine tags and the arc's direction
//! settle (a determiner left of its noun is `det`, a preposition `case`), learned from the
//! training trees, so the parser labels them without asking the arc labeller, as the tag
//! dictionary settles frequent unambiguous words for the tagger. The labeller is a
//! 51-class perceptron over 26 features; on EWT and GUM dev about a third of the arcs that are
//! not punctuation are settled here (the numbers are in docs/benchmarks.md, session 20).

use super::context::Context;
use super::dictfile::{records, settled};
use crate::fxhash::FxMap;

/// Arcs seen fewer times than this in training are left to the labeller.
pub const MIN_SEEN: u32 = 50;
/// The share of its arcs the most frequent relation must have, in thousandths.
pub const MIN_SHARE: u32 = 980;

/// `(key, relation)` pairs sorted by key; see [`key`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LabelDict {
    entries: Vec<(u32, u16)>,
}

/// The key of an arc `head -> dep`: the two words' fine classes as the parser reads them
/// ([`Context::f`]: class + 1, 100 for the root) and whether the dependent comes first.
fn key(c: &Context, head: u32, dep: u32) -> u32 {
    let (h, d) = (c.f(head) as u32 & 0x7fff, c.f(dep) as u32 & 0x7fff);
    (d << 16 | h) << 1 | (dep < head) as u32
}

impl LabelDict {
    /// The relation of arc `head -> dep`, when the dictionary settles it.
    #[inline]
    pub fn get(&self, c: &Context, head: u32, dep: u32) -> Option<u16> {
        if self.entries.is_empty() || c.fine.is_empty() {
            return None;
        }
        let k = key(c, head, dep);
        let i = self.entries.binary_search_by_key(&k, |e| e.0).ok()?;
        Some(self.entries[i].1)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Learns the dictionary from gold trees read with the tags the parser trains on:
    /// `arcs` gives, per sentence, its context and each word's gold head (`n` for the root)
    /// and relation. Root arcs and relations in `skip` (punctuation, which the parser labels
    /// by its tag) are not counted.
    pub fn learn<'a>(
        arcs: impl Iterator<Item = (&'a Context, &'a [u32], &'a [usize])>,
        skip: &[usize],
    ) -> LabelDict {
        let mut counts: FxMap<u32, FxMap<usize, u32>> = FxMap::default();
        for (c, heads, labels) in arcs {
            let n = heads.len() as u32;
            for (d, (&h, &l)) in heads.iter().zip(labels).enumerate() {
                if h >= n || skip.contains(&l) {
                    continue;
                }
                *counts
                    .entry(key(c, h, d as u32))
                    .or_default()
                    .entry(l)
                    .or_default() += 1;
            }
        }
        let mut entries: Vec<(u32, u16)> = counts
            .into_iter()
            .filter_map(|(k, by)| {
                let l = settled(by.into_iter(), MIN_SEEN, MIN_SHARE)?;
                Some((k, l as u16))
            })
            .collect();
        entries.sort_unstable();
        LabelDict { entries }
    }

    /// The file form: a count, then each key and relation (little-endian).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = (self.entries.len() as u64).to_le_bytes().to_vec();
        for &(k, l) in &self.entries {
            out.extend_from_slice(&k.to_le_bytes());
            out.extend_from_slice(&l.to_le_bytes());
        }
        out
    }

    /// Reads [`LabelDict::to_bytes`]; `labels` is how many relations the parser has.
    pub fn from_bytes(b: &[u8], labels: usize) -> Result<LabelDict, String> {
        let what = "label dictionary";
        let entries: Vec<(u32, u16)> = records(b, 6, what)?
            .map(|e| {
                let k = u32::from_le_bytes([e[0], e[1], e[2], e[3]]);
                (k, u16::from_le_bytes([e[4], e[5]]))
            })
            .collect();
        let sorted = entries.windows(2).all(|w| w[0].0 < w[1].0);
        if !sorted || entries.iter().any(|e| e.1 as usize >= labels) {
            return Err(format!("grammar model {what} is malformed"));
        }
        Ok(LabelDict { entries })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::tags::Upos;
    use crate::grammar::words::WordInfo;

    fn context(classes: &[u16]) -> Context {
        let words = ["the", "dog", "barks", "x"];
        let info: Vec<WordInfo> = words[..classes.len()]
            .iter()
            .map(|w| WordInfo::new(w))
            .collect();
        let tags = vec![Upos::Noun; classes.len()];
        Context::new(&info, &tags, Some(classes))
    }

    /// A pair of classes seen often with one relation is settled, in its direction only; a
    /// pair split between two relations, or seen too rarely, is not; the file form reads back.
    #[test]
    fn settles_only_frequent_unambiguous_arcs() {
        // words: 0 det -> 1 (class 7 -> 3), 1 nsubj -> 2 (3 -> 5), 2 root
        let c = context(&[7, 3, 5]);
        let heads = [1u32, 2, 3];
        let (det, nsubj, obj, root) = (4usize, 9, 10, 0);
        let plain = [det, nsubj, root];
        let many = (0..MIN_SEEN).map(|_| (&c, &heads[..], &plain[..]));
        // the noun before the verb is nsubj as often as obj: not settled
        let split = [det, obj, root];
        let split = (0..MIN_SEEN).map(|_| (&c, &heads[..], &split[..]));
        let d = LabelDict::learn(many.chain(split), &[]);
        assert_eq!(d.len(), 1);
        assert_eq!(d.get(&c, 1, 0), Some(det as u16));
        assert_eq!(d.get(&c, 2, 1), None);
        // the same classes the other way round are another arc
        let flipped = context(&[3, 7, 5]);
        assert_eq!(d.get(&flipped, 0, 1), None);
        // seen once too few
        let few = (1..MIN_SEEN).map(|_| (&c, &heads[..], &plain[..]));
        assert!(LabelDict::learn(few, &[]).is_empty());
        // punctuation's relation is skipped
        let punct = (0..MIN_SEEN).map(|_| (&c, &heads[..], &plain[..]));
        assert!(LabelDict::learn(punct, &[det]).get(&c, 1, 0).is_none());
        let back = LabelDict::from_bytes(&d.to_bytes(), 11).unwrap();
        assert_eq!(back, d);
        assert!(LabelDict::from_bytes(&d.to_bytes(), 4).is_err());
        assert!(LabelDict::from_bytes(&d.to_bytes()[..9], 11).is_err());
    }
}
