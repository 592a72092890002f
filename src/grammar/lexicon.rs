//! The tagger's WordNet lexicon: which parts of speech WordNet 3.0 allows a word form, read
//! from `data/grammar/wordnet.tsv` (lemmas and irregular forms, built by
//! `data/build/wordnet_pos.py`) with WordNet's detachment rules (morphy) for the regular
//! inflections, as a bit set the tagger reads for words its own dictionary does not know.

use crate::fxhash::FxMap;
use crate::learn::hash_str;
use std::sync::OnceLock;

/// The lexicon file, built into the binary.
static FILE: &str = include_str!("../../data/grammar/wordnet.tsv");

/// A common-noun lemma.
pub const NOUN: u8 = 1;
/// A noun spelt with a capital in every WordNet synset (a name).
pub const NAME: u8 = 2;
pub const VERB: u8 = 4;
pub const ADJ: u8 = 8;
pub const ADV: u8 = 16;
/// An inflected noun (plural), verb (`-s`, `-ed`, `-ing`, irregular) or adjective
/// (comparative, superlative).
pub const NOUN_FORM: u8 = 32;
pub const VERB_FORM: u8 = 64;
pub const ADJ_FORM: u8 = 128;

/// WordNet's detachment rules: (ending, replacement, what the stem must be, what the form is).
const RULES: [(&str, &str, u8, u8); 20] = [
    ("s", "", NOUN | NAME, NOUN_FORM),
    ("ses", "s", NOUN | NAME, NOUN_FORM),
    ("xes", "x", NOUN | NAME, NOUN_FORM),
    ("zes", "z", NOUN | NAME, NOUN_FORM),
    ("ches", "ch", NOUN | NAME, NOUN_FORM),
    ("shes", "sh", NOUN | NAME, NOUN_FORM),
    ("men", "man", NOUN | NAME, NOUN_FORM),
    ("ies", "y", NOUN | NAME, NOUN_FORM),
    ("s", "", VERB, VERB_FORM),
    ("ies", "y", VERB, VERB_FORM),
    ("es", "e", VERB, VERB_FORM),
    ("es", "", VERB, VERB_FORM),
    ("ed", "e", VERB, VERB_FORM),
    ("ed", "", VERB, VERB_FORM),
    ("ing", "e", VERB, VERB_FORM),
    ("ing", "", VERB, VERB_FORM),
    ("er", "", ADJ, ADJ_FORM),
    ("est", "", ADJ, ADJ_FORM),
    ("er", "e", ADJ, ADJ_FORM),
    ("est", "e", ADJ, ADJ_FORM),
];

/// Word form (hashed) to its letters in the file, as bits.
#[derive(Debug, Default)]
pub struct Lexicon {
    forms: FxMap<u64, u8>,
}

fn letter_bit(c: char) -> u8 {
    match c {
        'n' => NOUN,
        'p' => NAME,
        'v' => VERB,
        'a' => ADJ,
        'r' => ADV,
        'N' => NOUN_FORM,
        'V' => VERB_FORM,
        'A' => ADJ_FORM,
        _ => 0,
    }
}

impl Lexicon {
    /// The built-in lexicon, read once.
    pub fn builtin() -> &'static Lexicon {
        static L: OnceLock<Lexicon> = OnceLock::new();
        L.get_or_init(|| Lexicon::parse(FILE))
    }

    /// Reads `form<TAB>letters` lines (`#` starts a comment line).
    pub fn parse(text: &str) -> Lexicon {
        let mut forms = FxMap::default();
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            if let Some((w, letters)) = line.split_once('\t') {
                let bits = letters.chars().fold(0, |b, c| b | letter_bit(c));
                forms.insert(hash_str(w), bits);
            }
        }
        Lexicon { forms }
    }

    fn get(&self, w: &str) -> u8 {
        self.forms.get(&hash_str(w)).copied().unwrap_or(0)
    }

    /// The bits of a lowercased word form: its own letters, and the inflected-form bits of
    /// every detachment rule whose stem WordNet has with the right part of speech. 0 when
    /// WordNet does not know the form.
    pub fn classes(&self, lower: &str) -> u8 {
        let mut bits = self.get(lower);
        let mut stem = String::with_capacity(lower.len() + 2);
        for (end, repl, need, form) in RULES {
            if bits & form != 0 || lower.len() <= end.len() + 1 {
                continue;
            }
            if let Some(base) = lower.strip_suffix(end) {
                stem.clear();
                stem.push_str(base);
                stem.push_str(repl);
                if self.get(&stem) & need != 0 {
                    bits |= form;
                }
            }
        }
        bits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn morphy_finds_inflections_and_names() {
        let l = Lexicon::builtin();
        assert_eq!(l.classes("bank"), NOUN | VERB);
        // `Banks` is also a name (Joseph Banks) in WordNet.
        assert_eq!(l.classes("banks"), NAME | NOUN_FORM | VERB_FORM);
        assert_eq!(l.classes("banked") & VERB_FORM, VERB_FORM);
        assert_eq!(l.classes("hoping"), VERB_FORM);
        assert_eq!(l.classes("churches") & NOUN_FORM, NOUN_FORM);
        assert_eq!(l.classes("geese"), NOUN_FORM);
        assert_eq!(l.classes("went") & VERB_FORM, VERB_FORM);
        assert_eq!(l.classes("greener") & ADJ_FORM, ADJ_FORM);
        assert_eq!(l.classes("quickly"), ADV);
        assert_eq!(l.classes("paris") & (NAME | NOUN), NAME);
        assert_eq!(l.classes("the"), 0);
        assert_eq!(l.classes("xqzt"), 0);
        // A one-letter stem is no lemma for the rules (`x` is a noun, `xs` no plural).
        assert_eq!(l.classes("xs"), 0);
    }

    #[test]
    fn parses_letters_and_skips_comments() {
        let l = Lexicon::parse("# note\tn\ncat\tn\nrun\tnv\nran\tV\n");
        assert_eq!(l.classes("cats"), NOUN_FORM);
        assert_eq!(l.classes("ran"), VERB_FORM);
        assert_eq!(l.classes("runs"), NOUN_FORM | VERB_FORM);
        assert_eq!(l.classes("# note"), 0);
    }
}
