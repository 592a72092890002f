//! The tag dictionary by context: a frequent ambiguous word whose class the class before it
//! settles (`to` after a verb, `that` after a noun) takes that class without the tagger's
//! model, as a frequent unambiguous word takes its one class from the tag dictionary. Learned
//! from the jack-knifed tags of the training sentences (what a tagger that had not seen them
//! chose), so it stands for the tagger on unseen text; figures in docs/benchmarks.md,
//! session 20.

use super::dictfile::{records, settled};
use super::words::WordInfo;
use crate::fxhash::FxMap;

/// What the dictionary knows a word by: its normalised form and its capitalisation, digit and
/// hyphen flags, so `Said` in `Mana Said al-Oteiba` is not `said`.
pub fn word(info: &WordInfo) -> u64 {
    info.norm ^ info.flags.wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// Contexts seen fewer times than this in training are left to the model.
pub const MIN_SEEN: u32 = 20;
/// The share of those words the most frequent class must have, in thousandths.
pub const MIN_SHARE: u32 = 990;

/// `(word, class before it + 1 or 0 at the start) -> class`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TagContext {
    map: FxMap<(u64, u16), u16>,
}

impl TagContext {
    /// The class of a word (its [`word`] key) after `prev` (the class before it,
    /// `None` at the start of a sentence), when the context settles it.
    #[inline]
    pub fn get(&self, word: u64, prev: Option<u16>) -> Option<u16> {
        if self.map.is_empty() {
            return None;
        }
        self.map.get(&(word, prev.map_or(0, |p| p + 1))).copied()
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Learns the dictionary from sentences as `(word keys, classes)`, leaving out the words
    /// `known` already settles.
    pub fn learn<'a>(
        sents: impl Iterator<Item = (&'a [u64], &'a [u16])>,
        known: impl Fn(u64) -> bool,
    ) -> TagContext {
        let mut counts: FxMap<(u64, u16), FxMap<u16, u32>> = FxMap::default();
        for (words, classes) in sents {
            for (i, (&w, &c)) in words.iter().zip(classes).enumerate() {
                if known(w) {
                    continue;
                }
                let prev = if i == 0 { 0 } else { classes[i - 1] + 1 };
                *counts.entry((w, prev)).or_default().entry(c).or_default() += 1;
            }
        }
        let map = counts
            .into_iter()
            .filter_map(|(k, by)| Some((k, settled(by.into_iter(), MIN_SEEN, MIN_SHARE)?)))
            .collect();
        TagContext { map }
    }

    /// The file form: a count, then each word, class before and class (little-endian), in
    /// key order.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut rows: Vec<(&(u64, u16), &u16)> = self.map.iter().collect();
        rows.sort_unstable();
        let mut out = (rows.len() as u64).to_le_bytes().to_vec();
        for (&(w, p), &c) in rows {
            out.extend_from_slice(&w.to_le_bytes());
            out.extend_from_slice(&p.to_le_bytes());
            out.extend_from_slice(&c.to_le_bytes());
        }
        out
    }

    /// Reads [`TagContext::to_bytes`]; `classes` is how many the tagger has.
    pub fn from_bytes(b: &[u8], classes: usize) -> Result<TagContext, String> {
        let bad = || "grammar model tag context dictionary is malformed".to_string();
        let rows = records(b, 12, "tag context dictionary")?;
        let mut map = FxMap::default();
        for e in rows {
            let w = u64::from_le_bytes(e[..8].try_into().map_err(|_| bad())?);
            let p = u16::from_le_bytes([e[8], e[9]]);
            let c = u16::from_le_bytes([e[10], e[11]]);
            if c as usize >= classes || p as usize > classes {
                return Err(bad());
            }
            map.insert((w, p), c);
        }
        Ok(TagContext { map })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A word whose class the class before it settles is learned for that context only; a
    /// word split between classes, a rare one, and one `known` settles are not; the file form
    /// reads back and refuses a class the tagger does not have.
    #[test]
    fn settles_frequent_words_in_one_context_only() {
        // "to" (9) after a verb (class 4) is a particle (class 7); "that" (8) after a noun
        // (class 2) is split; "the" (5) is known
        let (verb, noun, part, det, sconj, pron) = (4u16, 2, 7, 1, 3, 6);
        let a = ([5u64, 1, 9, 3], [det, verb, part, verb]);
        let b = ([5u64, 2, 8, 3], [det, noun, sconj, verb]);
        let c = ([5u64, 2, 8, 3], [det, noun, pron, verb]);
        let many: Vec<(&[u64], &[u16])> = (0..MIN_SEEN)
            .flat_map(|_| {
                [
                    (&a.0[..], &a.1[..]),
                    (&b.0[..], &b.1[..]),
                    (&c.0[..], &c.1[..]),
                ]
            })
            .collect();
        let d = TagContext::learn(many.iter().copied(), |w| w == 5);
        assert_eq!(d.get(9, Some(verb)), Some(part));
        assert_eq!(d.get(9, Some(noun)), None);
        assert_eq!(d.get(8, Some(noun)), None);
        assert_eq!(d.get(5, None), None);
        // the word after "to" and after "that" is a verb in every sentence
        assert_eq!(d.get(3, Some(part)), Some(verb));
        let few = TagContext::learn(many[3..].iter().copied(), |w| w == 5);
        assert_eq!(few.get(9, Some(verb)), None);
        let back = TagContext::from_bytes(&d.to_bytes(), 8).unwrap();
        assert_eq!(back, d);
        assert!(TagContext::from_bytes(&d.to_bytes(), 4).is_err());
    }
}
