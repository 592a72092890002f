//! The arc-hybrid transition system (Kuhlmann et al. 2011) with the root at the end of the
//! buffer (Ballesteros & Nivre 2013), so exactly one word ends up as the root; and the exact
//! costs of each move against a gold tree (Goldberg & Nivre 2013), for the dynamic oracle.

/// No word (a missing child, an empty stack position).
pub const NONE: u32 = u32::MAX;

/// The three moves: push the buffer front; make the stack top a dependent of the buffer front
/// (left arc); make the stack top a dependent of the word under it (right arc).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Shift = 0,
    Left = 1,
    Right = 2,
}

pub const MOVES: [Move; 3] = [Move::Shift, Move::Left, Move::Right];

/// A parse in progress over `n` words; word `n` is the artificial root.
#[derive(Debug, Clone)]
pub struct State {
    pub n: usize,
    pub stack: Vec<u32>,
    /// Front of the buffer (`n` once only the root is left).
    pub b: usize,
    pub head: Vec<u32>,
    pub label: Vec<u16>,
    /// The two leftmost and two rightmost children so far (nearest to the edge first).
    pub lc: Vec<[u32; 2]>,
    pub rc: Vec<[u32; 2]>,
    pub nl: Vec<u8>,
    pub nr: Vec<u8>,
}

impl State {
    pub fn new(n: usize) -> State {
        State {
            n,
            stack: Vec::with_capacity(n),
            b: 0,
            head: vec![NONE; n + 1],
            label: vec![0; n + 1],
            lc: vec![[NONE; 2]; n + 1],
            rc: vec![[NONE; 2]; n + 1],
            nl: vec![0; n + 1],
            nr: vec![0; n + 1],
        }
    }

    pub fn is_final(&self) -> bool {
        self.stack.is_empty() && self.b == self.n
    }

    /// The `k`-th word from the top of the stack, or [`NONE`].
    pub fn s(&self, k: usize) -> u32 {
        self.stack
            .len()
            .checked_sub(k + 1)
            .map_or(NONE, |i| self.stack[i])
    }

    /// The `k`-th word of the buffer (the root counts as its last word), or [`NONE`].
    pub fn buf(&self, k: usize) -> u32 {
        let i = self.b + k;
        if i <= self.n {
            i as u32
        } else {
            NONE
        }
    }

    pub fn valid(&self, m: Move) -> bool {
        match m {
            Move::Shift => self.b < self.n,
            Move::Left => !self.stack.is_empty() && (self.b < self.n || self.stack.len() == 1),
            Move::Right => self.stack.len() >= 2,
        }
    }

    /// Applies a move; an arc move returns `(head, dependent)` for the labeller, which then
    /// calls [`State::set_label`].
    pub fn apply(&mut self, m: Move) -> Option<(u32, u32)> {
        match m {
            Move::Shift => {
                self.stack.push(self.b as u32);
                self.b += 1;
                None
            }
            Move::Left => {
                let d = self.stack.pop()?;
                self.attach(self.b as u32, d);
                Some((self.b as u32, d))
            }
            Move::Right => {
                let d = self.stack.pop()?;
                let h = *self.stack.last()?;
                self.attach(h, d);
                Some((h, d))
            }
        }
    }

    fn attach(&mut self, h: u32, d: u32) {
        let (hu, du) = (h as usize, d as usize);
        self.head[du] = h;
        if d < h {
            let l = &mut self.lc[hu];
            if l[0] == NONE || d < l[0] {
                *l = [d, l[0]];
            } else if l[1] == NONE || d < l[1] {
                l[1] = d;
            }
            self.nl[hu] = self.nl[hu].saturating_add(1);
        } else {
            let r = &mut self.rc[hu];
            if r[0] == NONE || d > r[0] {
                *r = [d, r[0]];
            } else if r[1] == NONE || d > r[1] {
                r[1] = d;
            }
            self.nr[hu] = self.nr[hu].saturating_add(1);
        }
    }

    pub fn set_label(&mut self, d: u32, label: u16) {
        self.label[d as usize] = label;
    }

    /// Gold arcs a move makes unreachable; `gold[d]` is the gold head of word `d` (`n` = root).
    pub fn cost(&self, m: Move, gold: &[u32]) -> u32 {
        let buffer = self.b..=self.n;
        let deps_in_buffer = |x: u32| (self.b..self.n).filter(|&d| gold[d] == x).count() as u32;
        match m {
            Move::Shift => {
                let b0 = self.b as u32;
                let s0 = self.s(0);
                let deps = self
                    .stack
                    .iter()
                    .filter(|&&d| gold[d as usize] == b0)
                    .count() as u32;
                let h = gold[self.b];
                deps + (h != s0 && self.stack.contains(&h)) as u32
            }
            Move::Left => {
                let s0 = self.s(0);
                let h = gold[s0 as usize];
                let lost_head =
                    h == self.s(1) || (h as usize != self.b && buffer.contains(&(h as usize)));
                deps_in_buffer(s0) + lost_head as u32
            }
            Move::Right => {
                let s0 = self.s(0);
                let h = gold[s0 as usize] as usize;
                deps_in_buffer(s0) + buffer.contains(&h) as u32
            }
        }
    }
}

/// Distance bucket: 1, 2, 3, 4, 5-6, 7-9, 10+.
pub fn distance(a: u32, b: u32) -> u64 {
    match a.abs_diff(b) {
        d @ 0..=4 => d as u64,
        5..=6 => 5,
        7..=9 => 6,
        _ => 7,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Following a zero-cost move at every step rebuilds a projective gold tree exactly.
    #[test]
    fn zero_cost_moves_rebuild_the_gold_tree() {
        // "The minister said talks failed" : The<-minister<-said->failed, talks<-failed; root said
        let gold = vec![1, 2, 5, 4, 2];
        let mut s = State::new(5);
        while !s.is_final() {
            let m = MOVES
                .into_iter()
                .find(|&m| s.valid(m) && s.cost(m, &gold) == 0)
                .expect("a zero-cost move");
            s.apply(m);
        }
        assert_eq!(&s.head[..5], &gold[..]);
    }

    #[test]
    fn a_wrong_left_arc_costs() {
        let gold = vec![1, 2, 5, 4, 2];
        let mut s = State::new(5);
        s.apply(Move::Shift);
        assert_eq!(s.cost(Move::Left, &gold), 0);
        s.apply(Move::Shift);
        // "minister" on the stack with "said" next: left is right, and it owes "The"? no: done
        assert_eq!(s.cost(Move::Shift, &gold), 1);
    }
}
