//! Punctuation attachment after parsing, by UD's guideline as Udapi's `ud.FixPunct` applies it
//! (the block that normalises EWT and GUM): a mark hangs from the highest node of the
//! adjacent constituent that keeps the tree projective, paired marks (brackets, quotes) from
//! the head of what they enclose, and marks have no children.

use super::tags::Upos;

/// Marks that open a pair, and the mark that closes each.
const PAIRED: [(&str, &str); 9] = [
    ("(", ")"),
    ("[", "]"),
    ("{", "}"),
    ("\"", "\""),
    ("'", "'"),
    ("“", "”"),
    ("„", "“"),
    ("«", "»"),
    ("‹", "›"),
];

/// Marks that end a sentence: they attach to what precedes them, never to what follows.
const FINAL: [&str; 3] = [".", "?", "!"];

/// Longer "sentences" (tables, lists run together) keep the parser's marks: the repair is
/// quadratic in the sentence's length, and no treebank sentence comes near this (the longest
/// in EWT and GUM dev and test has 134 words).
pub const MAX_WORDS: usize = 200;

/// How a mark was classified by the pair pass.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Plain,
    Opening,
    Closing,
}

/// A tree over nodes `1..=n`, node 0 the root; `head[0]` is unused.
struct Tree<'a> {
    form: &'a [&'a str],
    punct: Vec<bool>,
    head: Vec<usize>,
    kind: Vec<Kind>,
    /// Scratch: the ancestors of one node.
    mark: Vec<bool>,
}

/// Re-attaches the punctuation of a parsed sentence (`head` 1-based, 0 = root), labelling
/// every mark it moves `punct`, and keeps exactly one word under the root (labelled `root`).
pub fn fix(
    forms: &[&str],
    upos: &[Upos],
    head: &mut [usize],
    deprel: &mut [u16],
    labels: (u16, u16),
) {
    let n = forms.len();
    if n == 0 || n > MAX_WORDS || head.len() != n || deprel.len() != n || upos.len() != n {
        return;
    }
    let (punct, root) = labels;
    let mut t = Tree {
        form: forms,
        punct: std::iter::once(false)
            .chain(upos.iter().map(|&u| u == Upos::Punct))
            .collect(),
        head: std::iter::once(0).chain(head.iter().copied()).collect(),
        kind: vec![Kind::Plain; n + 1],
        mark: vec![false; n + 1],
    };
    if t.head[1..].iter().any(|&h| h > n) {
        return;
    }
    let mut rel: Vec<u16> = std::iter::once(0).chain(deprel.iter().copied()).collect();
    if t.punct.iter().any(|&p| p) {
        t.lift_children();
        t.pairs();
        for (i, r) in rel.iter_mut().enumerate().skip(1) {
            if t.punct[i] && (t.kind[i] != Kind::Plain || t.subordinate(i)) {
                *r = punct;
            }
        }
    }
    t.one_root(&mut rel, punct, root);
    if !(1..=n).all(|j| t.dominates(0, j)) {
        return; // never expected; the parser's tree stays rather than a cycle
    }
    head.copy_from_slice(&t.head[1..]);
    deprel.copy_from_slice(&rel[1..]);
}

impl Tree<'_> {
    fn n(&self) -> usize {
        self.head.len() - 1
    }

    /// Whether `a` is `x` or one of its ancestors (the root is everyone's).
    fn dominates(&self, a: usize, mut x: usize) -> bool {
        for _ in 0..=self.n() {
            if x == a {
                return true;
            }
            if x == 0 {
                return false;
            }
            x = self.head[x];
        }
        false
    }

    /// Children of a mark go to the mark's own head (marks end up as leaves).
    fn lift_children(&mut self) {
        for i in 1..=self.n() {
            for _ in 0..self.n() {
                let h = self.head[i];
                if h == 0 || !self.punct[h] {
                    break;
                }
                self.head[i] = self.head[h];
            }
        }
    }

    /// The first and last node of each subtree (the node included).
    fn spans(&self) -> (Vec<usize>, Vec<usize>) {
        let n = self.n();
        let (mut lo, mut hi): (Vec<usize>, Vec<usize>) = ((0..=n).collect(), (0..=n).collect());
        for j in 1..=n {
            let mut a = j;
            for _ in 0..=n {
                lo[a] = lo[a].min(j);
                hi[a] = hi[a].max(j);
                if a == 0 {
                    break;
                }
                a = self.head[a];
            }
        }
        (lo, hi)
    }

    /// Some word between `i` and its head is not under that head.
    fn nonprojective(&self, i: usize) -> bool {
        let p = self.head[i];
        if p == 0 {
            return false;
        }
        (i.min(p) + 1..i.max(p)).any(|j| !self.dominates(p, j))
    }

    /// `i` lies inside some arc whose head is not one of its ancestors.
    fn gap(&mut self, i: usize) -> bool {
        if i == 0 {
            return false;
        }
        self.mark.iter_mut().for_each(|m| *m = false);
        let mut a = i;
        for _ in 0..=self.n() {
            self.mark[a] = true;
            if a == 0 {
                break;
            }
            a = self.head[a];
        }
        (1..=self.n()).any(|j| {
            let p = self.head[j];
            j != i && j.min(p) < i && i < j.max(p) && !self.mark[p]
        })
    }

    fn causes_gap(&mut self, i: usize) -> bool {
        self.gap(i) && !self.gap(self.head[i])
    }

    fn projective_at(&mut self, i: usize, cand: usize) -> bool {
        if cand == i || self.dominates(i, cand) {
            return false;
        }
        self.head[i] = cand;
        !self.nonprojective(i) && !self.causes_gap(i)
    }

    /// Each opening mark with its matching closing mark goes to the first and last node
    /// inside the pair whose head lies outside it.
    fn pairs(&mut self) {
        let n = self.n();
        for o in 1..=n {
            if self.kind[o] == Kind::Closing {
                continue;
            }
            let Some(&(open, close)) = PAIRED.iter().find(|(a, _)| *a == self.form[o - 1]) else {
                continue;
            };
            if open == "'" && !self.punct[o] {
                continue;
            }
            let mut level = 0;
            for c in o + 1..=n {
                let f = self.form[c - 1];
                if f == close {
                    if level == 0 {
                        self.pair(o, c);
                        break;
                    }
                    level -= 1;
                } else if f == open {
                    level += 1;
                }
            }
        }
    }

    fn pair(&mut self, o: usize, c: usize) {
        let outside = |t: &Self, j: usize| t.head[j] < o || t.head[j] > c;
        let inner: Vec<usize> = (o + 1..c).filter(|&j| outside(self, j)).collect();
        let words: Vec<usize> = inner.iter().copied().filter(|&j| !self.punct[j]).collect();
        let heads = if words.is_empty() { inner } else { words };
        let (Some(&first), Some(&last)) = (heads.first(), heads.last()) else {
            return;
        };
        self.head[o] = first;
        self.head[c] = last;
        self.kind[o] = Kind::Opening;
        self.kind[c] = Kind::Closing;
        // A gap left by a word inside hung from outside: walk the mark inwards.
        if self.causes_gap(o) {
            self.head[o] = o + 1;
            while self.head[o] + 1 < c
                && (self.punct[self.head[o]] || self.nonprojective(o) || self.causes_gap(o))
            {
                self.head[o] += 1;
            }
        }
        if self.causes_gap(c) {
            self.head[c] = c - 1;
            while self.head[c] > o + 1
                && (self.punct[self.head[c]] || self.nonprojective(c) || self.causes_gap(c))
            {
                self.head[c] -= 1;
            }
        }
    }

    /// Attaches an unpaired mark; false when it is left as it was.
    fn subordinate(&mut self, i: usize) -> bool {
        let n = self.n();
        let p = self.head[i];
        if self.form[i - 1] == "." && p != 0 && p + 1 == i {
            return false; // an abbreviation's or ordinal's dot
        }
        let (lo, hi) = self.spans();
        // Commas or dashes used as a pair around their head's whole subtree.
        if p != 0 && (i == lo[p] || i == hi[p]) {
            let (a, b) = (lo[p], hi[p]);
            let whole = (a..=b).all(|j| self.dominates(p, j));
            if whole && self.punct[a] && self.punct[b] && self.head[a] == p && self.head[b] == p {
                return false;
            }
        }
        let mut l = Some(i - 1);
        let mut r = (i < n && !FINAL.contains(&self.form[i - 1])).then_some(i + 1);
        while let Some(x) = l.filter(|&x| x > 0 && self.punct[x]) {
            l = (self.kind[x] != Kind::Opening || self.head[x] == i).then(|| x - 1);
        }
        while let Some(x) = r.filter(|&x| self.punct[x]) {
            r = (self.kind[x] != Kind::Closing || self.head[x] == i)
                .then_some(x + 1)
                .filter(|&y| y <= n);
        }
        let mut lpath = Vec::new();
        if let Some(mut x) = l.filter(|&x| x > 0) {
            lpath.push(x);
            while self.head[x] != 0 && self.head[x] < i && hi[x] <= i && lpath.len() <= n {
                x = self.head[x];
                lpath.push(x);
            }
        }
        let mut rpath = Vec::new();
        if let Some(mut x) = r {
            rpath.push(x);
            while self.head[x] != 0 && self.head[x] > i && lo[x] >= i && rpath.len() <= n {
                x = self.head[x];
                rpath.push(x);
            }
        }
        lpath.retain(|&x| self.projective_at(i, x));
        rpath.retain(|&x| self.projective_at(i, x));
        self.head[i] = p;
        // The lower of the two candidates, the highest projective node on its side. (Udapi
        // keeps the parser's head when it lies on that path; on parsed dev trees always
        // climbing scores better.)
        self.head[i] = match (lpath.last().copied(), rpath.last().copied()) {
            (Some(a), Some(b)) if a != b && self.dominates(a, b) => b,
            (Some(a), _) | (None, Some(a)) => a,
            (None, None) => return false,
        };
        true
    }

    /// Exactly one word under the root: the others (possible once marks lose their children)
    /// go under the one labelled `root`, or the first.
    fn one_root(&mut self, rel: &mut [u16], punct: u16, root: u16) {
        let n = self.n();
        let tops: Vec<usize> = (1..=n).filter(|&j| self.head[j] == 0).collect();
        let Some(&first) = tops.first() else {
            return;
        };
        let top = tops
            .iter()
            .copied()
            .find(|&j| rel[j] == root)
            .unwrap_or(first);
        for &j in &tops {
            if j != top {
                self.head[j] = top;
            }
        }
        if rel[top] != root {
            rel[top] = root;
            for (j, r) in rel.iter_mut().enumerate().skip(1) {
                if j != top && *r == root {
                    *r = punct;
                }
            }
        }
    }
}

#[cfg(test)]
#[path = "punct_tests.rs"]
mod tests;
