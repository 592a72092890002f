//! Fine tags: the tagger's classes when it predicts the treebank's UPOS/XPOS pair (`VERB/VBD`,
//! `PART/TO`, `PRON/WDT`) rather than UPOS alone, so the parser can tell a past tense from a
//! participle. Each class knows its UPOS, which every other consumer reads unchanged; the
//! plain tag set is the 17 UPOS tags as classes `0..17`.

use super::tags::{Upos, ALL};
use crate::fxhash::FxMap;

/// The most classes a tag set may have (the sparse model stores classes under 64).
pub const MAX_CLASSES: usize = 60;

/// The tagger's classes: each a name (`VERB/VBD`, or `VERB` for a plain tag set) and its UPOS.
#[derive(Debug, Clone, PartialEq)]
pub struct TagSet {
    pub names: Vec<String>,
    pub upos: Vec<Upos>,
    /// Each UPOS's class when its XPOS is not in the set (its most frequent pair).
    default: [u16; 17],
    index: FxMap<String, u16>,
}

impl TagSet {
    /// The 17 UPOS tags as classes: a plain tagger.
    pub fn plain() -> TagSet {
        TagSet::from_names(ALL.iter().map(|u| u.as_str().to_string()).collect())
            .unwrap_or_else(|_| unreachable!())
    }

    /// Whether the classes are UPOS/XPOS pairs.
    pub fn is_fine(&self) -> bool {
        self.names.iter().any(|n| n.contains('/'))
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The tag set of the pairs seen at least `min` times (the most frequent pair of every UPOS
    /// always), sorted by UPOS then XPOS, at most [`MAX_CLASSES`] (the least frequent go).
    pub fn build<'a>(pairs: impl Iterator<Item = (Upos, &'a str)>, min: u32) -> TagSet {
        let mut counts: FxMap<(Upos, &str), u32> = FxMap::default();
        for p in pairs {
            *counts.entry(p).or_insert(0) += 1;
        }
        let mut all: Vec<((Upos, &str), u32)> = counts.into_iter().collect();
        all.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut keep: Vec<(Upos, &str)> = Vec::new();
        for u in ALL {
            let top = all.iter().find(|(p, _)| p.0 == u).map_or("_", |(p, _)| p.1);
            keep.push((u, top));
        }
        for &(p, n) in &all {
            if n >= min && !keep.contains(&p) && keep.len() < MAX_CLASSES {
                keep.push(p);
            }
        }
        keep.sort_unstable();
        let names = keep.iter().map(|(u, x)| format!("{u}/{x}")).collect();
        let mut t = TagSet::from_names(names).unwrap_or_else(|_| unreachable!());
        for u in ALL {
            let top = all.iter().find(|(p, _)| p.0 == u).map_or("_", |(p, _)| p.1);
            t.default[u.index()] = t.index[&format!("{u}/{top}")];
        }
        t
    }

    /// The tag set of a model file's class names; a plain set's defaults are the UPOS classes,
    /// a fine set's the first class of each UPOS unless [`TagSet::set_defaults`] says otherwise.
    pub fn from_names(names: Vec<String>) -> Result<TagSet, String> {
        if names.is_empty() || names.len() > MAX_CLASSES {
            return Err("grammar model has a bad tag set".into());
        }
        let mut upos = Vec::new();
        let mut index = FxMap::default();
        let mut default = [u16::MAX; 17];
        for (i, n) in names.iter().enumerate() {
            let u = Upos::parse(n.split('/').next().unwrap_or(""))
                .ok_or_else(|| format!("grammar model tag `{n}` has no UPOS"))?;
            upos.push(u);
            index.insert(n.clone(), i as u16);
            if default[u.index()] == u16::MAX {
                default[u.index()] = i as u16;
            }
        }
        if default.contains(&u16::MAX) {
            return Err("grammar model tag set lacks a UPOS".into());
        }
        Ok(TagSet {
            names,
            upos,
            default,
            index,
        })
    }

    /// The default class of each UPOS, in UPOS order (stored in the model file).
    pub fn defaults(&self) -> [u16; 17] {
        self.default
    }

    pub fn set_defaults(&mut self, d: [u16; 17]) -> Result<(), String> {
        if d.iter()
            .enumerate()
            .any(|(u, &c)| self.upos.get(c as usize).map(|x| x.index()) != Some(u))
        {
            return Err("grammar model tag defaults do not fit".into());
        }
        self.default = d;
        Ok(())
    }

    /// The class of a treebank word: its pair when in the set, else its UPOS's default.
    pub fn class(&self, upos: Upos, xpos: &str) -> u16 {
        if !self.is_fine() {
            return upos.index() as u16;
        }
        self.index
            .get(&format!("{upos}/{xpos}"))
            .copied()
            .unwrap_or(self.default[upos.index()])
    }

    /// The UPOS of class `c`.
    #[inline]
    pub fn upos_of(&self, c: u16) -> Upos {
        self.upos.get(c as usize).copied().unwrap_or(Upos::X)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_classes_are_the_upos_indices() {
        let t = TagSet::plain();
        assert!(!t.is_fine());
        assert_eq!(t.len(), 17);
        for u in ALL {
            assert_eq!(t.class(u, "VBD"), u.index() as u16);
            assert_eq!(t.upos_of(u.index() as u16), u);
        }
    }

    #[test]
    fn rare_pairs_go_to_their_upos_most_frequent_pair() {
        let mut pairs = vec![(Upos::Verb, "VBD"); 5];
        pairs.extend(vec![(Upos::Verb, "VBN"); 3]);
        pairs.push((Upos::Verb, "NNP"));
        pairs.extend(vec![(Upos::Part, "TO"); 3]);
        let t = TagSet::build(pairs.into_iter(), 3);
        assert!(t.is_fine());
        // every UPOS has a class, VERB two, PART one; NNP is too rare
        assert_eq!(t.len(), 18);
        let vbd = t.class(Upos::Verb, "VBD");
        assert_eq!(t.names[vbd as usize], "VERB/VBD");
        assert_ne!(t.class(Upos::Verb, "VBN"), vbd);
        assert_eq!(t.class(Upos::Verb, "NNP"), vbd);
        assert_eq!(t.upos_of(t.class(Upos::Part, "TO")), Upos::Part);
        assert_eq!(t.upos_of(t.class(Upos::Noun, "NN")), Upos::Noun);
        // the file form (names and defaults) gives the same set
        let mut back = TagSet::from_names(t.names.clone()).unwrap();
        back.set_defaults(t.defaults()).unwrap();
        assert_eq!(back, t);
        assert!(back.set_defaults([0; 17]).is_err());
    }
}
