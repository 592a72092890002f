//! The dependency parser: greedy arc-hybrid moves chosen by an averaged perceptron over
//! Zhang & Nivre (2011) style features (words, tags, distance, valency, the labels of the
//! children found so far), and a second perceptron that labels each arc as it is made. With a
//! fine tagger ([`super::fine`]) every template still reads UPOS and a few more read the
//! UPOS/XPOS classes of b0, b1, s0, s1 and of an arc's two ends (templates 83-92, 40-42).

use super::labeldict::LabelDict;
use super::labeler::{relabel, Doubts, Tree};
use super::movecache::{with_memo, MoveSums};
use super::movedict::{self, MoveDict};
use super::state::{distance, Move, State, MOVES, NONE};
use super::tags::Upos;
use super::words::WordInfo;
use crate::learn::{Feats, Model};

pub use super::context::Context;

fn lab(s: &State, i: u32) -> u64 {
    if i == NONE {
        0
    } else {
        s.label[i as usize] as u64 + 1
    }
}

fn child(v: &[[u32; 2]], i: u32, k: usize) -> u32 {
    if i == NONE {
        NONE
    } else {
        v[i as usize][k]
    }
}

fn count(v: &[u8], i: u32) -> u64 {
    if i == NONE {
        99
    } else {
        v[i as usize] as u64
    }
}

/// The features of a parser state: those of single positions ([`position_features`]) and
/// the rest ([`state_features`]). Sums of weights do not depend on the order.
pub fn features(c: &Context, s: &State, f: &mut Feats) {
    f.clear();
    for role in ROLES {
        position_features(c, role, role.position(s), f);
    }
    state_features(c, s, f);
}

/// The positions whose words alone some move templates read: the buffer front (with the
/// two words after it, which the arc-hybrid buffer keeps contiguous), and the top three
/// words of the stack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Buffer,
    S0,
    S1,
    S2,
}

pub const ROLES: [Role; 4] = [Role::Buffer, Role::S0, Role::S1, Role::S2];

impl Role {
    /// The position this role reads in state `s` ([`NONE`] for an empty stack slot).
    pub fn position(self, s: &State) -> u32 {
        match self {
            Role::Buffer => s.b as u32,
            Role::S0 => s.s(0),
            Role::S1 => s.s(1),
            Role::S2 => s.s(2),
        }
    }
}

/// The `k`-th buffer word when the front is `b` (as [`State::buf`]; `NONE` past the root).
fn after(c: &Context, b: u32, k: u32) -> u32 {
    match b.checked_add(k) {
        Some(i) if (i as usize) < c.word.len() => i,
        _ => NONE,
    }
}

/// The move templates that read only the word at `pos` in `role` (with the bias in the
/// buffer's): the same for every state where that word is in that role, so a sentence's
/// parse sums their weights once per position ([`super::movecache`]). Does not clear `f`.
pub fn position_features(c: &Context, role: Role, pos: u32, f: &mut Feats) {
    match role {
        Role::Buffer => {
            let (b0, b1, b2) = (pos, after(c, pos, 1), after(c, pos, 2));
            let (b0w, b0p, b1w, b1p, b2p) = (c.w(b0), c.p(b0), c.w(b1), c.p(b1), c.p(b2));
            f.push(0, &[]);
            f.push(7, &[b0w]);
            f.push(8, &[b0p]);
            f.push(9, &[b0w, b0p]);
            f.push(10, &[b1w]);
            f.push(11, &[b1p]);
            f.push(12, &[b1w, b1p]);
            f.push(13, &[c.w(b2)]);
            f.push(14, &[b2p]);
            f.push(23, &[b0p, b1p]);
            f.push(29, &[b0w, b1w]);
            f.push(30, &[b0p, b1p, b2p]);
            if !c.fine.is_empty() {
                f.push(83, &[c.f(b0)]);
                f.push(84, &[c.f(b1)]);
                f.push(85, &[c.f(b0), c.f(b1)]);
                f.push(86, &[b0w, c.f(b0)]);
            }
        }
        Role::S0 => {
            let (w, p) = (c.w(pos), c.p(pos));
            f.push(1, &[w]);
            f.push(2, &[p]);
            f.push(3, &[w, p]);
            if !c.fine.is_empty() {
                f.push(87, &[c.f(pos)]);
            }
        }
        Role::S1 => {
            let (w, p) = (c.w(pos), c.p(pos));
            f.push(4, &[w]);
            f.push(5, &[p]);
            f.push(6, &[w, p]);
            if !c.fine.is_empty() {
                f.push(88, &[c.f(pos)]);
            }
        }
        Role::S2 => f.push(15, &[c.p(pos)]),
    }
}

/// The move templates that read more than one position or the state's arcs. Does not
/// clear `f`.
pub fn state_features(c: &Context, s: &State, f: &mut Feats) {
    let (s0, s1, s2) = (s.s(0), s.s(1), s.s(2));
    let (b0, b1) = (s.buf(0), s.buf(1));
    let (s0w, s0p, s1w, s1p) = (c.w(s0), c.p(s0), c.w(s1), c.p(s1));
    let (b0w, b0p, b1p) = (c.w(b0), c.p(b0), c.p(b1));
    let (s0l, s0l2) = (child(&s.lc, s0, 0), child(&s.lc, s0, 1));
    let (s0r, s0r2) = (child(&s.rc, s0, 0), child(&s.rc, s0, 1));
    let (s1l, s1r, s1r2) = (
        child(&s.lc, s1, 0),
        child(&s.rc, s1, 0),
        child(&s.rc, s1, 1),
    );
    let (b0l, b0l2) = (child(&s.lc, b0, 0), child(&s.lc, b0, 1));
    // pairs
    f.push(16, &[s0w, s0p, b0w, b0p]);
    f.push(17, &[s0w, s0p, b0w]);
    f.push(18, &[s0w, b0w, b0p]);
    f.push(19, &[s0w, s0p, b0p]);
    f.push(20, &[s0p, b0w, b0p]);
    f.push(21, &[s0w, b0w]);
    f.push(22, &[s0p, b0p]);
    f.push(24, &[s1w, s0w]);
    f.push(25, &[s1p, s0p]);
    f.push(26, &[s1p, s0w]);
    f.push(27, &[s1w, s0p]);
    f.push(28, &[s1w, s1p, s0w, s0p]);
    // triples of tags
    f.push(31, &[s0p, b0p, b1p]);
    f.push(32, &[s1p, s0p, b0p]);
    f.push(33, &[s0p, c.p(s0l), b0p]);
    f.push(34, &[s0p, c.p(s0r), b0p]);
    f.push(35, &[s0p, b0p, c.p(b0l)]);
    f.push(36, &[s1p, c.p(s1r), s0p]);
    f.push(37, &[c.p(s2), s1p, s0p]);
    f.push(38, &[s1p, s0p, c.p(s0r)]);
    f.push(39, &[s1p, s0p, c.p(s0l)]);
    f.push(40, &[s1p, c.p(s1l), s0p]);
    // distance
    let d = if s0 != NONE && b0 != NONE {
        distance(s0, b0)
    } else {
        0
    };
    let d1 = if s1 != NONE && s0 != NONE {
        distance(s1, s0)
    } else {
        0
    };
    f.push(41, &[s0w, d]);
    f.push(42, &[s0p, d]);
    f.push(43, &[b0w, d]);
    f.push(44, &[b0p, d]);
    f.push(45, &[s0p, b0p, d]);
    f.push(46, &[s1p, s0p, d1]);
    f.push(47, &[s1w, d1]);
    f.push(48, &[s0w, d1]);
    // valency
    f.push(49, &[s0w, count(&s.nr, s0)]);
    f.push(50, &[s0p, count(&s.nr, s0)]);
    f.push(51, &[s0w, count(&s.nl, s0)]);
    f.push(52, &[s0p, count(&s.nl, s0)]);
    f.push(53, &[b0w, count(&s.nl, b0)]);
    f.push(54, &[b0p, count(&s.nl, b0)]);
    f.push(55, &[s1p, count(&s.nr, s1)]);
    // children and their labels
    f.push(56, &[c.w(s0l)]);
    f.push(57, &[c.p(s0l)]);
    f.push(58, &[lab(s, s0l)]);
    f.push(59, &[c.w(s0r)]);
    f.push(60, &[c.p(s0r)]);
    f.push(61, &[lab(s, s0r)]);
    f.push(62, &[c.w(b0l)]);
    f.push(63, &[c.p(b0l)]);
    f.push(64, &[lab(s, b0l)]);
    f.push(65, &[c.p(s1r), lab(s, s1r)]);
    f.push(66, &[c.p(s0l2), lab(s, s0l2)]);
    f.push(67, &[c.p(s0r2), lab(s, s0r2)]);
    f.push(68, &[c.p(b0l2), lab(s, b0l2)]);
    f.push(69, &[s0p, lab(s, s0l), lab(s, s0l2)]);
    f.push(70, &[s0p, lab(s, s0r), lab(s, s0r2)]);
    f.push(71, &[b0p, lab(s, b0l), lab(s, b0l2)]);
    f.push(72, &[s1p, lab(s, s1r), lab(s, s1r2)]);
    f.push(73, &[s0w, lab(s, s0l), lab(s, s0r)]);
    f.push(74, &[c.p(s1l), lab(s, s1l)]);
    f.push(
        75,
        &[s.stack.len().min(3) as u64, (b0 as usize == s.n) as u64],
    );
    // linear context and what lies between the candidates
    let prev = |i: u32| if i == NONE || i == 0 { NONE } else { i - 1 };
    let next = |i: u32| if i == NONE { NONE } else { i + 1 };
    f.push(76, &[s0p, c.p(next(s0)), b0p]);
    f.push(77, &[s0p, c.p(prev(b0)), b0p]);
    f.push(78, &[c.p(prev(s0)), s0p, b0p]);
    f.push(79, &[s0p, b0p, c.between(s0, b0)]);
    f.push(80, &[s1p, s0p, c.between(s1, s0)]);
    f.push(81, &[s0w, b0p, c.between(s0, b0)]);
    f.push(82, &[s1p, s0p, b0p, b1p]);
    if !c.fine.is_empty() {
        f.push(89, &[c.f(s0), c.f(b0)]);
        f.push(90, &[c.f(s1), c.f(s0)]);
        f.push(91, &[c.f(s0), c.f(b0), c.f(b1)]);
        f.push(92, &[c.f(s0), c.f(b0), d]);
    }
}

/// The features every arc labeller reads first (templates 0-9, and 40-42 with fine tags): the
/// two words and tags, the direction and the distance, alone and together. Clears `f`.
pub(crate) fn arc_basics(c: &Context, head: u32, dep: u32, f: &mut Feats) {
    f.clear();
    let (hw, hp, dw, dp) = (c.w(head), c.p(head), c.w(dep), c.p(dep));
    let dir = (dep < head) as u64;
    f.push(0, &[dir]);
    f.push(1, &[dw, dir]);
    f.push(2, &[dp, dir]);
    f.push(3, &[hw, dir]);
    f.push(4, &[hp, dir]);
    f.push(5, &[dw, hw, dir]);
    f.push(6, &[dp, hp, dir]);
    f.push(7, &[dp, hw, dir]);
    f.push(8, &[dw, hp, dir]);
    f.push(9, &[dp, hp, dir, distance(head, dep)]);
    if !c.fine.is_empty() {
        f.push(40, &[c.f(dep), c.f(head), dir]);
        f.push(41, &[c.f(dep), dir]);
        f.push(42, &[c.f(head), dir]);
    }
}

/// The features of an arc `head -> dep` just made (all of `dep`'s children are known).
pub fn label_features(c: &Context, s: &State, head: u32, dep: u32, f: &mut Feats) {
    let (hp, dw, dp) = (c.p(head), c.w(dep), c.p(dep));
    let dir = (dep < head) as u64;
    let (dl, dr) = (s.lc[dep as usize][0], s.rc[dep as usize][0]);
    // the nearest sibling already attached on the same side
    let sib = if dep < head {
        s.lc[head as usize][1]
    } else {
        s.rc[head as usize][1]
    };
    let prev = if dep == 0 { NONE } else { dep - 1 };
    arc_basics(c, head, dep, f);
    f.push(10, &[dp, c.p(dl), lab(s, dl)]);
    f.push(11, &[dp, c.p(dr), lab(s, dr)]);
    f.push(12, &[dp, hp, lab(s, sib)]);
    f.push(13, &[dp, hp, count(&s.nl, dep), count(&s.nr, dep)]);
    f.push(14, &[dp, c.p(prev), c.p(dep + 1)]);
    f.push(15, &[c.suffix[dep as usize], dp, hp]);
    f.push(16, &[dw, c.w(dl)]);
    f.push(17, &[dp, hp, c.w(dl)]);
    f.push(18, &[hp, c.p(head.wrapping_sub(1)), dir]);
    f.push(19, &[(head as usize == s.n) as u64, dp]);
    f.push(20, &[dp, hp, c.p(s.head[head as usize])]);
    f.push(21, &[dw, c.w(dr)]);
    f.push(22, &[dp, c.w(prev), dir]);
}

/// The trained parser: move and label models and the label names.
#[derive(Debug, Clone)]
pub struct Parser {
    pub moves: Model,
    /// Labels arcs as they are made (the moves read those labels).
    pub labeler: Model,
    /// Labels the doubtful ones again once the tree is whole ([`super::labeler`]).
    pub relabeler: Model,
    /// Arcs whose relation their words' classes settle, labelled without the labeller
    /// (empty for a model without one).
    pub settled: LabelDict,
    /// States whose move their tags settle, made without scoring (empty for a model without
    /// one).
    pub decided: MoveDict,
    pub labels: Vec<String>,
    /// Index of `root` in `labels`.
    pub root: u16,
    /// Index of `punct` in `labels`, if it is one.
    punct: Option<u16>,
    /// The relations a whole tree can make doubtful, found in `labels` once.
    doubts: Doubts,
}

impl Parser {
    pub fn new(
        moves: Model,
        labeler: Model,
        relabeler: Model,
        labels: Vec<String>,
        root: u16,
    ) -> Parser {
        Parser {
            punct: labels.iter().position(|l| l == "punct").map(|i| i as u16),
            doubts: Doubts::new(&labels),
            moves,
            labeler,
            relabeler,
            settled: LabelDict::default(),
            decided: MoveDict::default(),
            labels,
            root,
        }
    }

    /// Index of the `punct` relation, if the model has it.
    pub fn punct(&self) -> Option<u16> {
        self.punct
    }

    /// Parses tagged words: the head (0 = root, else 1-based) and label index of each word;
    /// `classes` are a fine tagger's classes of the words (`None` for a plain tagger).
    pub fn parse(
        &self,
        info: &[WordInfo],
        tags: &[Upos],
        classes: Option<&[u16]>,
    ) -> (Vec<usize>, Vec<u16>) {
        let c = Context::new(info, tags, classes);
        self.run(&c, tags, true, &mut |_, _| {})
    }

    /// The move dictionary's evidence of a sentence in context `c`: the key of each state the
    /// model scores, with the move it makes (the dictionary itself not asked).
    pub fn moves_made(&self, c: &Context, tags: &[Upos], seen: &mut dyn FnMut(u32, usize)) {
        self.run(c, tags, false, seen);
    }

    fn run(
        &self,
        c: &Context,
        tags: &[Upos],
        decided: bool,
        seen: &mut dyn FnMut(u32, usize),
    ) -> (Vec<usize>, Vec<u16>) {
        let n = tags.len();
        let mut s = State::new(n);
        let mut f = Feats::default();
        let mut buf = Vec::new();
        let mut sums = MoveSums::new(n);
        with_memo(|memo| {
            while !s.is_final() {
                // A state with one valid move needs no scores (the model could only pick it).
                let m = match only_move(&s) {
                    Some(m) => m,
                    None => match decided.then(|| self.decided.get(c, &s)).flatten() {
                        Some(m) => m,
                        None => {
                            let scores = sums.scores(&self.moves, memo, c, &s, &mut f);
                            let k = self.moves.pick(&scores, |k| s.valid(MOVES[k]));
                            if !decided {
                                seen(movedict::key(c, &s), k);
                            }
                            MOVES[k]
                        }
                    },
                };
                let m = if s.valid(m) { m } else { fallback(&s) };
                if let Some((h, d)) = s.apply(m) {
                    let l = if h as usize == n {
                        self.root
                    } else if let Some(p) = self
                        .punct
                        .filter(|_| tags.get(d as usize) == Some(&Upos::Punct))
                    {
                        // UD attaches a punctuation mark as `punct` and nothing else (EWT and GUM
                        // train: 99.9% of PUNCT words; the labeller said so for 99.5% of EWT dev's)
                        p
                    } else if let Some(l) = self.settled.get(c, h, d) {
                        l
                    } else {
                        label_features(c, &s, h, d, &mut f);
                        self.labeler.best(&f.0, &mut buf, |_| true) as u16
                    };
                    s.set_label(d, l);
                }
            }
        });
        let doubts = self.doubts.arcs(&s.head[..n], &s.label[..n], tags);
        if !doubts.is_empty() {
            let tree = Tree::new(s.head[..n].to_vec());
            relabel(&self.relabeler, c, &tree, &doubts, &mut s.label[..n]);
        }
        let heads = (0..n)
            .map(|i| {
                let h = s.head[i] as usize;
                if h >= n {
                    0
                } else {
                    h + 1
                }
            })
            .collect();
        (heads, s.label[..n].to_vec())
    }
}

/// The move of a state where it is the only valid one.
fn only_move(s: &State) -> Option<Move> {
    let mut valid = MOVES.into_iter().filter(|&m| s.valid(m));
    let m = valid.next()?;
    valid.next().is_none().then_some(m)
}

/// A move that is always valid when the state is not final.
pub fn fallback(s: &State) -> Move {
    MOVES
        .into_iter()
        .find(|&m| s.valid(m))
        .unwrap_or(Move::Shift)
}
