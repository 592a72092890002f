//! What the parser's features read of a tagged sentence: each word's form, UPOS and, from a
//! fine tagger, its UPOS/XPOS class, hashed once, with prefix counts for what lies between two
//! words.

use super::state::NONE;
use super::tags::Upos;
use super::words::WordInfo;

/// What the features read of each word: its normalised form and tag (hashes), and the root.
pub struct Context {
    pub word: Vec<u64>,
    /// The UPOS + 1; 100 for the root.
    pub tag: Vec<u64>,
    /// A fine tagger's class ([`super::fine::TagSet`]) + 1, 100 for the root; empty for a
    /// plain tagger, whose parser reads no fine-tag templates.
    pub fine: Vec<u64>,
    pub suffix: Vec<u64>,
    /// Capitalisation, digit and hyphen bits.
    pub flags: Vec<u64>,
    /// Punctuation marks and verbs before each position (prefix counts).
    punct: Vec<u32>,
    verbs: Vec<u32>,
}

const ROOT_WORD: u64 = 0x00f0_0d00_0000_0001;
const NO_WORD: u64 = 0x00f0_0d00_0000_0002;

impl Context {
    /// The context of words with their UPOS tags and, for a fine tagger, their classes.
    pub fn new(info: &[WordInfo], tags: &[Upos], classes: Option<&[u16]>) -> Context {
        let mut word: Vec<u64> = info.iter().map(|i| i.norm).collect();
        let tag = tags
            .iter()
            .map(|t| t.index() as u64 + 1)
            .chain([100])
            .collect();
        let fine = classes.map_or_else(Vec::new, |c| {
            c.iter().map(|&c| c as u64 + 1).chain([100]).collect()
        });
        let mut suffix: Vec<u64> = info.iter().map(|i| i.suffix3).collect();
        let flags = info.iter().map(|i| i.flags).collect();
        word.push(ROOT_WORD);
        suffix.push(ROOT_WORD);
        let (mut punct, mut verbs) = (vec![0u32], vec![0u32]);
        for t in tags {
            punct.push(punct[punct.len() - 1] + (*t == Upos::Punct) as u32);
            verbs.push(verbs[verbs.len() - 1] + matches!(t, Upos::Verb | Upos::Aux) as u32);
        }
        Context {
            word,
            tag,
            fine,
            suffix,
            flags,
            punct,
            verbs,
        }
    }

    /// The fine class of word `i` + 1 (0 past the root or for a plain tagger).
    pub fn f(&self, i: u32) -> u64 {
        self.fine.get(i as usize).copied().unwrap_or(0)
    }

    pub fn w(&self, i: u32) -> u64 {
        self.word.get(i as usize).copied().unwrap_or(NO_WORD)
    }

    pub fn p(&self, i: u32) -> u64 {
        self.tag.get(i as usize).copied().unwrap_or(0)
    }

    /// Punctuation and verbs strictly between two words (capped at 2 each).
    pub fn between(&self, a: u32, b: u32) -> u64 {
        if a == NONE || b == NONE {
            return 99;
        }
        let (a, b) = (
            a.min(b) as usize + 1,
            (a.max(b) as usize).min(self.punct.len() - 1),
        );
        if a >= b {
            return 0;
        }
        let p = (self.punct[b] - self.punct[a]).min(2) as u64;
        let v = (self.verbs[b] - self.verbs[a]).min(2) as u64;
        p * 3 + v
    }
}
