//! The grammar layer: UD part-of-speech tags and basic dependencies, learned from the UD
//! English treebanks (EWT, GUM) by [`train`] and shipped in `data/grammar/en.bin`.

pub mod conllu;
pub mod context;
pub mod dictfile;
pub mod fine;
pub mod labeldict;
pub mod labeler;
pub mod lexicon;
pub mod model;
pub mod movecache;
pub mod movedict;
pub mod parser;
pub mod punct;
pub mod recent;
pub mod state;
pub mod tagctx;
pub mod tagger;
pub mod tags;
pub mod tokens;
pub mod train;
pub mod words;

pub use model::Grammar;
pub use tags::Upos;

use std::sync::OnceLock;
use words::WordInfo;

/// The shipped model, built by `cargo run --release --example train`.
static MODEL: &[u8] = include_bytes!("../../data/grammar/en.bin");

/// A parsed sentence: per word its tag, head (0 = root, else 1-based) and relation.
#[derive(Debug, Clone, PartialEq)]
pub struct Parse {
    pub upos: Vec<Upos>,
    pub head: Vec<usize>,
    pub deprel: Vec<u16>,
}

impl Grammar {
    /// The built-in model, loaded once.
    pub fn builtin() -> &'static Grammar {
        static G: OnceLock<Grammar> = OnceLock::new();
        G.get_or_init(|| match Grammar::from_bytes(MODEL) {
            Ok(g) => {
                crate::resident::release(MODEL);
                g
            }
            Err(e) => panic!("the built-in grammar model is broken: {e}"),
        })
    }

    /// Loads the built-in model and the WordNet lexicon its tagger reads, so that the first
    /// sentence parsed does not wait for them (an extractor starts this on a thread of its
    /// own while it reads its lexicons: about 0.1 s each).
    pub fn warm() {
        if Grammar::builtin().tagger.wordnet {
            lexicon::Lexicon::builtin();
        }
    }

    /// Can the word head or modify a noun phrase? `false` only for a word the treebanks saw
    /// often and never (in 5% of its uses) as a noun, proper noun, adjective or numeral: `the`,
    /// `at`, `would`, `asked`. Words they did not see often are given the benefit of the doubt.
    pub fn may_be_nominal(&self, word: &str) -> bool {
        let nominal = [Upos::Noun, Upos::Propn, Upos::Adj, Upos::Num]
            .iter()
            .fold(0u32, |m, t| m | 1 << t.index());
        self.tagger
            .dict
            .get(&WordInfo::new(word).norm)
            .is_none_or(|d| d.mask & nominal != 0)
    }

    /// Tags a sentence of words.
    pub fn tag(&self, words: &[&str]) -> Vec<Upos> {
        self.tagger.tag(words)
    }

    /// Tags and parses a sentence of words.
    pub fn parse(&self, words: &[&str]) -> Parse {
        let info: Vec<WordInfo> = words.iter().map(|w| WordInfo::new(w)).collect();
        let sent = tagger::Sent::from_info(info, words, &self.tagger.dict, self.tagger.wordnet);
        let classes = self.tagger.classes(&sent);
        let upos: Vec<Upos> = classes
            .iter()
            .map(|&c| self.tagger.tags.upos_of(c))
            .collect();
        let fine = self.tagger.tags.is_fine().then_some(&classes[..]);
        let (mut head, mut deprel) = self.parser.parse(&sent.info, &upos, fine);
        if let Some(p) = self.parser.punct() {
            punct::fix(words, &upos, &mut head, &mut deprel, (p, self.parser.root));
        }
        Parse { upos, head, deprel }
    }

    /// The name of relation `i` (`nsubj`, `nmod:poss`, ...).
    pub fn label(&self, i: u16) -> &str {
        self.parser
            .labels
            .get(i as usize)
            .map_or("dep", String::as_str)
    }
}
