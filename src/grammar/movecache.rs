//! Per-sentence sums of the move templates that read one position only (Chen & Manning's
//! precomputation, for a linear model): while a word stays the buffer front or sits in one
//! place on the stack, those templates give the same features at every decision, so their
//! weights are summed once per (role, position) and added to the rest's. Both are looked up
//! through the thread's [`Memo`]: a word's own features (`the`, `NOUN`) recur across sentences
//! as much as the pairs do (`parse --conllu` of EWT and GUM train, five runs each: 3.5% less
//! CPU than asking the 16 MB table for them). Integer sums: the scores are exactly those of
//! the whole feature list.

use super::parser::{position_features, state_features, Context, ROLES};
use super::state::{State, NONE};
use crate::learn::{Feats, Memo, Model};
use std::cell::RefCell;

thread_local! {
    /// Each thread's memo of the move features of states ([`Memo`]): 128 K features, 1 MB,
    /// within the core's own cache (`parse --conllu` of EWT and GUM train, CPU medians of five
    /// runs against no memo, with 16-byte slots: 32 K features 4.5% less, 64 K 5.6%, 128 K
    /// 6.2%; 8-byte slots, 128 K in the same 1 MB as 64 K of those: another 1.3-3% in
    /// process on Reuters).
    static MEMO: RefCell<Memo> = RefCell::new(Memo::new(17));
}

/// Runs `f` with this thread's move memo.
pub fn with_memo<T>(f: impl FnOnce(&mut Memo) -> T) -> T {
    MEMO.with_borrow_mut(f)
}

/// The sums of one sentence's parse, filled on first use.
pub struct MoveSums {
    /// `(role, position)` -> the summed weights of the role's templates, when known.
    sums: Vec<Option<[i32; 3]>>,
    /// Positions per role: the words, the root, and one for an empty stack slot.
    width: usize,
}

impl MoveSums {
    /// For a sentence of `n` words.
    pub fn new(n: usize) -> MoveSums {
        let width = n + 2;
        MoveSums {
            sums: vec![None; ROLES.len() * width],
            width,
        }
    }

    /// The move scores of state `s` (as `moves.scores` over [`super::parser::features`]);
    /// `f` is scratch; `memo` remembers the weights of the features that read the state's
    /// arcs and pairs of positions.
    pub fn scores(
        &mut self,
        moves: &Model,
        memo: &mut Memo,
        c: &Context,
        s: &State,
        f: &mut Feats,
    ) -> [i32; 3] {
        let mut total = [0i32; 3];
        for (r, role) in ROLES.into_iter().enumerate() {
            let pos = role.position(s);
            let i = if pos == NONE {
                self.width - 1
            } else {
                (pos as usize).min(self.width - 1)
            };
            let slot = &mut self.sums[r * self.width + i];
            let part = match slot {
                Some(p) => *p,
                None => {
                    f.clear();
                    position_features(c, role, pos, f);
                    let mut p = [0i32; 3];
                    memo.add(moves, &f.0, &mut p);
                    *slot = Some(p);
                    p
                }
            };
            add(&mut total, part);
        }
        f.clear();
        state_features(c, s, f);
        memo.add(moves, &f.0, &mut total);
        total
    }
}

fn add(total: &mut [i32; 3], part: [i32; 3]) {
    for (t, p) in total.iter_mut().zip(part) {
        *t += p;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::parser::features;
    use crate::grammar::state::MOVES;
    use crate::grammar::Grammar;

    /// At every state of real parses, the cached sums equal the scores of the whole list.
    #[test]
    fn cached_sums_equal_the_whole_scores() {
        let g = Grammar::builtin();
        let text = [
            "The",
            "minister",
            "said",
            "on",
            "Monday",
            "that",
            "talks",
            "with",
            "the",
            "rebels",
            "had",
            "failed",
            ",",
            "officials",
            "said",
            ".",
        ];
        for len in [1, 2, 3, 16] {
            let words = &text[..len];
            let info: Vec<_> = words
                .iter()
                .map(|w| super::super::words::WordInfo::new(w))
                .collect();
            let tags = g.tag(words);
            let c = Context::new(&info, &tags, None);
            let mut s = State::new(len);
            let mut sums = MoveSums::new(len);
            let mut memo = Memo::new(crate::learn::memo::MIN_BITS);
            let (mut f, mut whole) = (Feats::default(), Feats::default());
            let mut steps = 0;
            while !s.is_final() {
                features(&c, &s, &mut whole);
                let mut want = [0i32; 3];
                g.parser.moves.scores(&whole.0, &mut want);
                let got = sums.scores(&g.parser.moves, &mut memo, &c, &s, &mut f);
                assert_eq!(got, want);
                let m = MOVES.into_iter().find(|&m| s.valid(m)).unwrap();
                // alternate shifts and arcs so positions recur in several roles
                let m = if steps % 3 == 2 {
                    MOVES.into_iter().rev().find(|&m| s.valid(m)).unwrap()
                } else {
                    m
                };
                s.apply(m);
                steps += 1;
            }
            assert!(steps >= len);
        }
    }
}
