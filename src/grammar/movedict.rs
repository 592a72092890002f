//! The move dictionary: parser states whose move the trained model all but always makes from
//! the fine tags around it alone (a determiner on the stack before its noun is attached to
//! it; a preposition waits for its noun), learned by parsing the training sentences with the
//! finished model, so the parser makes that move without scoring the state: about 70
//! feature lookups saved each time. It is the model's own choice, cached by tag context; the
//! parses differ from the model's in the few states where the model would have chosen
//! otherwise (figures in docs/benchmarks.md, session 20).

use super::context::Context;
use super::dictfile::{records, settled};
use super::state::{Move, State, MOVES};
use crate::fxhash::FxMap;

/// Contexts the model met fewer times than this in training are scored as before.
pub const MIN_SEEN: u32 = 20;
/// The share of those states in which the model made the one move, in thousandths.
pub const MIN_SHARE: u32 = 990;

/// `(key, move)` pairs sorted by key; see [`key`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MoveDict {
    entries: Vec<(u32, u8)>,
}

/// The key of a state: the fine classes ([`Context::f`], 0 for none, 100 for the root) of
/// the second and first words of the stack and of the first two of the buffer, and which
/// moves are valid.
pub fn key(c: &Context, s: &State) -> u32 {
    let f = |i: u32| c.f(i) as u32 & 0x7f;
    let valid = MOVES
        .iter()
        .enumerate()
        .fold(0, |m, (k, &mv)| m | (s.valid(mv) as u32) << k);
    f(s.s(1)) << 24 | f(s.s(0)) << 17 | f(s.buf(0)) << 10 | f(s.buf(1)) << 3 | valid
}

impl MoveDict {
    /// The move the dictionary settles for state `s`, if any.
    #[inline]
    pub fn get(&self, c: &Context, s: &State) -> Option<Move> {
        if self.entries.is_empty() || c.fine.is_empty() {
            return None;
        }
        let k = key(c, s);
        let i = self.entries.binary_search_by_key(&k, |e| e.0).ok()?;
        MOVES.get(self.entries[i].1 as usize).copied()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The dictionary of `(key, move index)` pairs, one per state the model scored.
    pub fn learn(seen: impl Iterator<Item = (u32, usize)>) -> MoveDict {
        let mut counts: FxMap<u32, [u32; 3]> = FxMap::default();
        for (k, m) in seen {
            counts.entry(k).or_default()[m.min(2)] += 1;
        }
        let mut entries: Vec<(u32, u8)> = counts
            .into_iter()
            .filter_map(|(k, by)| {
                let m = settled(by.into_iter().enumerate(), MIN_SEEN, MIN_SHARE)?;
                Some((k, m as u8))
            })
            .collect();
        entries.sort_unstable();
        MoveDict { entries }
    }

    /// The file form: a count, then each key and move (little-endian).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = (self.entries.len() as u64).to_le_bytes().to_vec();
        for &(k, m) in &self.entries {
            out.extend_from_slice(&k.to_le_bytes());
            out.push(m);
        }
        out
    }

    /// Reads [`MoveDict::to_bytes`].
    pub fn from_bytes(b: &[u8]) -> Result<MoveDict, String> {
        let what = "move dictionary";
        let entries: Vec<(u32, u8)> = records(b, 5, what)?
            .map(|e| (u32::from_le_bytes([e[0], e[1], e[2], e[3]]), e[4]))
            .collect();
        let sorted = entries.windows(2).all(|w| w[0].0 < w[1].0);
        if !sorted || entries.iter().any(|e| e.1 as usize >= MOVES.len()) {
            return Err(format!("grammar model {what} is malformed"));
        }
        Ok(MoveDict { entries })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::tags::Upos;
    use crate::grammar::words::WordInfo;

    /// A context the model met often with one move is settled, for that context and valid
    /// set only; a split or rare one is not; the file form reads back and refuses bad moves.
    #[test]
    fn settles_only_frequent_one_move_contexts() {
        let words = ["the", "dog", "barks"];
        let info: Vec<WordInfo> = words.iter().map(|w| WordInfo::new(w)).collect();
        let c = Context::new(
            &info,
            &[Upos::Det, Upos::Noun, Upos::Verb],
            Some(&[4, 9, 12]),
        );
        let mut s = State::new(3);
        s.apply(Move::Shift);
        // stack: the; buffer: dog barks
        let k = key(&c, &s);
        let left = Move::Left as usize;
        let mut seen: Vec<(u32, usize)> = vec![(k, left); MIN_SEEN as usize];
        // another context, split between two moves
        let other = k ^ 1 << 10;
        seen.extend((0..MIN_SEEN).map(|i| (other, (i % 2) as usize)));
        let d = MoveDict::learn(seen.iter().copied());
        assert_eq!(d.len(), 1);
        assert_eq!(d.get(&c, &s), Some(Move::Left));
        s.apply(Move::Shift);
        assert_eq!(d.get(&c, &s), None);
        let few = MoveDict::learn(seen[1..MIN_SEEN as usize].iter().copied());
        assert!(few.is_empty());
        let back = MoveDict::from_bytes(&d.to_bytes()).unwrap();
        assert_eq!(back, d);
        let mut b = d.to_bytes();
        *b.last_mut().unwrap() = 3;
        assert!(MoveDict::from_bytes(&b).is_err());
        assert!(MoveDict::from_bytes(&b[..10]).is_err());
    }
}
