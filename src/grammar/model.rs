//! The grammar model file (`data/grammar/en.bin`): the tagger's weights and tag dictionary, the
//! parser's move and label weights and its label names, in one byte-stable container.

use super::fine::TagSet;
use super::labeldict::LabelDict;
use super::movedict::MoveDict;
use super::parser::Parser;
use super::tagctx::TagContext;
use super::tagger::{DictEntry, Tagger};
use crate::fxhash::FxMap;
use crate::learn::Model;

const MAGIC: &[u8; 8] = b"NGGRAM03";
/// The same container for a tagger that reads WordNet ([`Tagger::wordnet`]), so a model
/// without it keeps the bytes it had before the flag existed.
const MAGIC_WORDNET: &[u8; 8] = b"NGGRAM04";
/// A tagger of fine tags ([`TagSet`]): then a flags word (1 = WordNet), the class names and
/// each UPOS's default class.
const MAGIC_FINE: &[u8; 8] = b"NGGRAM05";
/// The same with a label dictionary ([`LabelDict`]) at the end.
const MAGIC_SETTLED: &[u8; 8] = b"NGGRAM06";
/// The same with a label dictionary, a move dictionary ([`MoveDict`]) and a tag dictionary by
/// context ([`TagContext`]) at the end.
const MAGIC_DECIDED: &[u8; 8] = b"NGGRAM07";

fn put_bytes(out: &mut Vec<u8>, b: &[u8]) {
    out.extend_from_slice(&(b.len() as u64).to_le_bytes());
    out.extend_from_slice(b);
}

/// Reads the container front to back; every read says what is missing.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        if self.0.len() < n {
            return Err("grammar model is truncated".into());
        }
        let (a, b) = self.0.split_at(n);
        self.0 = b;
        Ok(a)
    }

    fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().unwrap_or_default(),
        ))
    }

    fn bytes(&mut self) -> Result<&'a [u8], String> {
        let n = self.u64()? as usize;
        self.take(n)
    }
}

/// The tagger and the parser together.
#[derive(Debug, Clone)]
pub struct Grammar {
    pub tagger: Tagger,
    pub parser: Parser,
}

impl Grammar {
    /// The file form. The tag dictionary is written in key order, so the same model gives the
    /// same bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let tags = &self.tagger.tags;
        let (settled, decided) = (&self.parser.settled, &self.parser.decided);
        let after = &self.tagger.after;
        let more = !(decided.is_empty() && after.is_empty());
        let mut out = if tags.is_fine() {
            let magic = if more {
                MAGIC_DECIDED
            } else if !settled.is_empty() {
                MAGIC_SETTLED
            } else {
                MAGIC_FINE
            };
            let mut out = magic.to_vec();
            out.extend_from_slice(&(self.tagger.wordnet as u64).to_le_bytes());
            put_bytes(&mut out, tags.names.join("\n").as_bytes());
            for d in tags.defaults() {
                out.extend_from_slice(&d.to_le_bytes());
            }
            out
        } else if self.tagger.wordnet {
            MAGIC_WORDNET.to_vec()
        } else {
            MAGIC.to_vec()
        };
        put_bytes(&mut out, self.parser.labels.join("\n").as_bytes());
        out.extend_from_slice(&(self.parser.root as u64).to_le_bytes());
        let mut dict: Vec<(&u64, &DictEntry)> = self.tagger.dict.iter().collect();
        dict.sort_unstable_by_key(|d| *d.0);
        out.extend_from_slice(&(dict.len() as u64).to_le_bytes());
        for (k, d) in dict {
            out.extend_from_slice(&k.to_le_bytes());
            out.extend_from_slice(&d.mask.to_le_bytes());
            out.push(d.single.unwrap_or(255));
        }
        put_bytes(&mut out, &self.tagger.model.to_bytes());
        put_bytes(&mut out, &self.parser.moves.to_bytes());
        put_bytes(&mut out, &self.parser.labeler.to_bytes());
        put_bytes(&mut out, &self.parser.relabeler.to_bytes());
        if tags.is_fine() && (more || !settled.is_empty()) {
            put_bytes(&mut out, &settled.to_bytes());
        }
        if tags.is_fine() && more {
            put_bytes(&mut out, &decided.to_bytes());
            put_bytes(&mut out, &after.to_bytes());
        }
        out
    }

    pub fn from_bytes(b: &[u8]) -> Result<Grammar, String> {
        let mut r = Reader(b);
        let magic = r.take(8)?;
        let (wordnet, tags) = match magic {
            m if m == MAGIC => (false, TagSet::plain()),
            m if m == MAGIC_WORDNET => (true, TagSet::plain()),
            m if m == MAGIC_FINE || m == MAGIC_SETTLED || m == MAGIC_DECIDED => {
                let wordnet = r.u64()? & 1 == 1;
                let names = std::str::from_utf8(r.bytes()?)
                    .map_err(|_| "grammar model tags are not UTF-8".to_string())?
                    .split('\n')
                    .map(str::to_string)
                    .collect();
                let mut tags = TagSet::from_names(names)?;
                let mut d = [0u16; 17];
                for x in &mut d {
                    *x = u16::from_le_bytes(r.take(2)?.try_into().unwrap_or_default());
                }
                tags.set_defaults(d)?;
                (wordnet, tags)
            }
            _ => return Err("not a newsgraph grammar model".into()),
        };
        let labels: Vec<String> = std::str::from_utf8(r.bytes()?)
            .map_err(|_| "grammar model labels are not UTF-8".to_string())?
            .split('\n')
            .map(str::to_string)
            .collect();
        let root = r.u64()? as u16;
        let n = r.u64()? as usize;
        let mut dict = FxMap::default();
        dict.reserve(n.min(1 << 24));
        for _ in 0..n {
            let k = r.u64()?;
            let mask = u32::from_le_bytes(r.take(4)?.try_into().unwrap_or_default());
            let t = r.take(1)?[0];
            let single = (t != 255 && (t as usize) < tags.len()).then_some(t);
            dict.insert(k, DictEntry { mask, single });
        }
        let tagger = Model::from_bytes(r.bytes()?)?;
        let moves = Model::from_bytes(r.bytes()?)?;
        let labeler = Model::from_bytes(r.bytes()?)?;
        let relabeler = Model::from_bytes(r.bytes()?)?;
        if tagger.classes() != tags.len()
            || moves.classes() != 3
            || labeler.classes() != labels.len()
            || relabeler.classes() != labels.len()
        {
            return Err("grammar model parts do not fit together".into());
        }
        let mut parser = Parser::new(moves, labeler, relabeler, labels, root);
        if magic == MAGIC_SETTLED || magic == MAGIC_DECIDED {
            parser.settled = LabelDict::from_bytes(r.bytes()?, parser.labels.len())?;
        }
        let mut after = TagContext::default();
        if magic == MAGIC_DECIDED {
            parser.decided = MoveDict::from_bytes(r.bytes()?)?;
            after = TagContext::from_bytes(r.bytes()?, tags.len())?;
        }
        Ok(Grammar {
            tagger: Tagger {
                model: tagger,
                dict,
                wordnet,
                tags,
                after,
            },
            parser,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shipped model read into memory (the move weights in the compact 8-byte table)
    /// writes back to the same bytes, so the in-memory layout loses nothing.
    #[test]
    fn the_shipped_model_reads_back_to_the_same_bytes() {
        let g = Grammar::from_bytes(super::super::MODEL).unwrap();
        assert!(g.parser.moves.is_compact());
        assert!(!g.parser.labeler.is_compact());
        assert!(g.to_bytes() == super::super::MODEL);
    }

    /// The shipped model (session 13) is a WordNet tagger of fine tags with label, move and
    /// tag-context dictionaries (session 20): its file says so in its first bytes, and either
    /// flag reads back as written, to the same bytes; without the move and tag-context
    /// dictionaries it is the container of the label dictionary alone, without all three the
    /// container of session 13.
    #[test]
    fn the_wordnet_and_fine_flags_survive_the_file() {
        let g = Grammar::from_bytes(super::super::MODEL).unwrap();
        assert!(g.tagger.wordnet);
        assert!(g.tagger.tags.is_fine());
        assert!(!g.parser.settled.is_empty() && !g.parser.decided.is_empty());
        assert!(!g.tagger.after.is_empty());
        assert_eq!(&super::super::MODEL[..8], MAGIC_DECIDED);
        for wordnet in [false, true] {
            let mut f = g.clone();
            f.tagger.wordnet = wordnet;
            let b = f.to_bytes();
            assert_eq!(&b[..8], MAGIC_DECIDED);
            let back = Grammar::from_bytes(&b).unwrap();
            assert_eq!(back.tagger.tags, g.tagger.tags);
            assert_eq!(back.tagger.wordnet, wordnet);
            assert_eq!(back.parser.settled, g.parser.settled);
            assert_eq!(back.parser.decided, g.parser.decided);
            assert_eq!(back.tagger.after, g.tagger.after);
            assert!(back.to_bytes() == b);
        }
        let mut fewer = g.clone();
        fewer.parser.decided = Default::default();
        // either dictionary of the newest container keeps it
        assert_eq!(&fewer.to_bytes()[..8], MAGIC_DECIDED);
        fewer.tagger.after = Default::default();
        for magic in [MAGIC_SETTLED, MAGIC_FINE] {
            let b = fewer.to_bytes();
            assert_eq!(&b[..8], magic);
            let back = Grammar::from_bytes(&b).unwrap();
            assert_eq!(back.parser.settled, fewer.parser.settled);
            assert!(back.parser.decided.is_empty());
            assert!(back.to_bytes() == b);
            fewer.parser.settled = Default::default();
        }
        // a dictionary naming a class the tagger does not have is refused
        let mut bad = super::super::MODEL.to_vec();
        let last = bad.len() - 1;
        bad[last] = 0xff;
        assert!(Grammar::from_bytes(&bad).is_err());
        assert!(Grammar::from_bytes(b"NGGRAM99").is_err());
    }
}
