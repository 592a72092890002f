//! The Universal Dependencies part-of-speech tags, as a small `Copy` enum.

/// A UPOS tag (universaldependencies.org/u/pos).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Upos {
    Adj,
    Adp,
    Adv,
    Aux,
    Cconj,
    Det,
    Intj,
    Noun,
    Num,
    Part,
    Pron,
    Propn,
    Punct,
    Sconj,
    Sym,
    Verb,
    X,
}

/// Every tag, in class-index order.
pub const ALL: [Upos; 17] = [
    Upos::Adj,
    Upos::Adp,
    Upos::Adv,
    Upos::Aux,
    Upos::Cconj,
    Upos::Det,
    Upos::Intj,
    Upos::Noun,
    Upos::Num,
    Upos::Part,
    Upos::Pron,
    Upos::Propn,
    Upos::Punct,
    Upos::Sconj,
    Upos::Sym,
    Upos::Verb,
    Upos::X,
];

const NAMES: [&str; 17] = [
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
    "PUNCT", "SCONJ", "SYM", "VERB", "X",
];

impl Upos {
    /// The tag as CoNLL-U writes it (`PROPN`).
    pub fn as_str(self) -> &'static str {
        NAMES[self as usize]
    }

    /// Class index (0..17).
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn from_index(i: usize) -> Upos {
        ALL[i.min(16)]
    }

    /// Reads `NOUN`, `PROPN`, ...; anything else is `None`.
    pub fn parse(s: &str) -> Option<Upos> {
        NAMES.iter().position(|n| *n == s).map(Upos::from_index)
    }

    /// Nouns, proper nouns and pronouns: what can name an actor.
    pub fn is_nominal(self) -> bool {
        matches!(self, Upos::Noun | Upos::Propn | Upos::Pron)
    }
}

impl std::fmt::Display for Upos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for t in ALL {
            assert_eq!(Upos::parse(t.as_str()), Some(t));
            assert_eq!(Upos::from_index(t.index()), t);
        }
        assert_eq!(Upos::parse("NN"), None);
    }
}
