//! The dependency parse of one sentence seen at the relation stage's tokens: each token's
//! head token, relation and tag (a token the parser split, `Seok-ho`, is represented by the
//! word whose head lies outside it).

use crate::grammar::tokens::Word;
use crate::grammar::{Grammar, Upos};

mod repair;

/// A sentence's dependency tree over tokens `0..n` of its view.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tree {
    head: Vec<Option<usize>>,
    rel: Vec<&'static str>,
    upos: Vec<Upos>,
    kids: Vec<Vec<usize>>,
}

impl Tree {
    /// Parse the words of a sentence whose first token is `first` and which has `n` tokens.
    pub fn parse(grammar: &'static Grammar, words: &[Word], first: usize, n: usize) -> Tree {
        let texts: Vec<&str> = words.iter().map(|w| w.text).collect();
        let p = grammar.parse_recent(&texts);
        let tok = |w: usize| words[w].token - first;
        let mut t = Tree {
            head: vec![None; n],
            rel: vec!["dep"; n],
            upos: vec![Upos::X; n],
            kids: vec![Vec::new(); n],
        };
        let mut seen = vec![false; n];
        let mut text = vec![""; n];
        for (w, word) in words.iter().enumerate() {
            let k = word.token - first;
            let h = p.head[w];
            let outside = h == 0 || tok(h - 1) != k;
            if seen[k] || !outside {
                continue;
            }
            seen[k] = true;
            t.head[k] = (h != 0).then(|| tok(h - 1));
            t.rel[k] = grammar.label(p.deprel[w]);
            t.upos[k] = p.upos[w];
            text[k] = word.text;
        }
        t.repair(&text);
        t
    }

    /// Undo slips of a parser that edited news does not allow (before `kids` is built): two
    /// here, the others in [`repair`]. A `reparandum` (UD's spoken disfluency) is a mislabelled clause: a verb under a verb
    /// is its adverbial clause, under a noun its clausal modifier. A sentence whose root is a
    /// name or noun with a finite-looking verb hung on it as `acl`, `parataxis`, `dep` or
    /// `appos` and no copula (`Kang Seok-ho visited Beijing` read as a name with a clause) is
    /// that verb's clause: the verb becomes the root, the noun its subject, and what follows
    /// the verb its own. Builds `kids`.
    pub(super) fn repair(&mut self, text: &[&str]) {
        self.fix(text);
        // The repairs ask for a word's children word by word (quadratic): a table or list run
        // together into one long sentence keeps the parser's tree, as punctuation does.
        if self.head.len() <= crate::grammar::punct::MAX_WORDS {
            self.participle_root(text);
            self.two_subjects(text);
            self.bare_complement(text);
            self.infinitive_with_name(text);
            self.subject_oblique(text);
        }
        let n = self.head.len();
        self.kids = vec![Vec::new(); n];
        for k in 0..n {
            if let Some(h) = self.head[k] {
                self.kids[h].push(k);
            }
        }
    }

    fn fix(&mut self, text: &[&str]) {
        let n = self.head.len();
        for k in 0..n {
            if self.rel[k] == "reparandum" && self.upos[k] == Upos::Verb {
                let h = self.head[k].map(|h| self.upos[h]);
                self.rel[k] = match h {
                    Some(Upos::Verb | Upos::Aux) => "advcl",
                    Some(Upos::Noun | Upos::Propn | Upos::Pron) => "acl",
                    _ => continue,
                };
            }
        }
        let Some(r) = (0..n).find(|&k| self.head[k].is_none() && self.rel[k] == "root") else {
            return;
        };
        if !matches!(self.upos[r], Upos::Noun | Upos::Propn)
            || self.kids_of(r).into_iter().any(|c| self.rel[c] == "cop")
        {
            return;
        }
        // The verb hangs on the name, or on a noun the name governs (`Thousands of Iraqi Kurds
        // demonstrated`: on `Kurds`).
        let verb = self
            .with_nmods(r)
            .into_iter()
            .flat_map(|h| self.kids_of(h))
            .find(|&c| {
                c > r
                    && matches!(self.rel[c], "acl" | "parataxis" | "dep" | "appos")
                    && self.subjectless_verb(c, text)
            });
        let Some(v) = verb else { return };
        for c in self.kids_of(r) {
            if c > v {
                self.head[c] = Some(v);
            }
        }
        let passive = self
            .kids_of(v)
            .into_iter()
            .any(|x| self.rel[x] == "aux:pass");
        self.head[v] = None;
        self.rel[v] = "root";
        self.head[r] = Some(v);
        self.rel[r] = if passive { "nsubj:pass" } else { "nsubj" };
    }

    /// A tree given head by head (tests): `heads[k]` is `None` for the root.
    #[cfg(test)]
    pub fn from_parts(head: Vec<Option<usize>>, rel: Vec<&'static str>, upos: Vec<Upos>) -> Tree {
        let mut kids = vec![Vec::new(); head.len()];
        for (k, h) in head.iter().enumerate() {
            if let Some(h) = h {
                kids[*h].push(k);
            }
        }
        Tree {
            head,
            rel,
            upos,
            kids,
        }
    }

    pub fn len(&self) -> usize {
        self.head.len()
    }

    pub fn is_empty(&self) -> bool {
        self.head.is_empty()
    }

    pub fn head(&self, k: usize) -> Option<usize> {
        self.head.get(k).copied().flatten()
    }

    /// The relation to its head, subtype included (`nsubj:pass`, `nmod:poss`).
    pub fn rel(&self, k: usize) -> &'static str {
        self.rel.get(k).copied().unwrap_or("dep")
    }

    /// The relation without its subtype (`obl:tmod` -> `obl`).
    pub fn base(&self, k: usize) -> &'static str {
        let r = self.rel(k);
        r.split(':').next().unwrap_or(r)
    }

    pub fn upos(&self, k: usize) -> Upos {
        self.upos.get(k).copied().unwrap_or(Upos::X)
    }

    pub fn kids(&self, k: usize) -> &[usize] {
        self.kids.get(k).map_or(&[], Vec::as_slice)
    }

    /// Children of `k` by relation (exact, subtype included).
    pub fn kids_by<'t>(&'t self, k: usize, rel: &'t str) -> impl Iterator<Item = usize> + 't {
        self.kids(k)
            .iter()
            .copied()
            .filter(move |&c| self.rel(c) == rel)
    }

    /// Is `k` inside the subtree rooted at `root`?
    pub fn dominates(&self, root: usize, mut k: usize) -> bool {
        for _ in 0..=self.len() {
            if k == root {
                return true;
            }
            match self.head(k) {
                Some(h) => k = h,
                None => return false,
            }
        }
        false
    }

    /// Every token of the subtree rooted at `root`, in order.
    pub fn subtree(&self, root: usize) -> Vec<usize> {
        (0..self.len())
            .filter(|&k| self.dominates(root, k))
            .collect()
    }

    /// The path from `a` up to the lowest common ancestor and down to `b`, as relations:
    /// `^nsubj` for a step up, `obj` for a step down (for `explain`).
    pub fn path(&self, a: usize, b: usize) -> String {
        let up = |mut k: usize| {
            let mut chain = vec![k];
            while let Some(h) = self.head(k) {
                if chain.len() > self.len() {
                    break;
                }
                chain.push(h);
                k = h;
            }
            chain
        };
        let (ua, ub) = (up(a), up(b));
        let Some(top) = ua.iter().copied().find(|k| ub.contains(k)) else {
            return String::new();
        };
        let mut steps: Vec<String> = ua
            .iter()
            .take_while(|&&k| k != top)
            .map(|&k| format!("^{}", self.rel(k)))
            .collect();
        let down: Vec<String> = ub
            .iter()
            .take_while(|&&k| k != top)
            .map(|&k| self.rel(k).to_string())
            .collect();
        steps.extend(down.into_iter().rev());
        steps.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_go_up_then_down() {
        // China banned ore : banned root; China nsubj; ore obj
        let t = Tree::from_parts(
            vec![Some(1), None, Some(1)],
            vec!["nsubj", "root", "obj"],
            vec![Upos::Propn, Upos::Verb, Upos::Noun],
        );
        assert_eq!(t.path(0, 2), "^nsubj obj");
        assert_eq!(t.path(1, 2), "obj");
        assert!(t.dominates(1, 0) && !t.dominates(0, 1));
        assert_eq!(t.subtree(1), vec![0, 1, 2]);
    }

    /// A tree from 1-based heads (0: the root), repaired as a parse is.
    pub(super) fn repaired(
        text: &[&str],
        head: &[usize],
        rel: &[&'static str],
        upos: &[Upos],
    ) -> Tree {
        let head = head.iter().map(|&h| h.checked_sub(1)).collect();
        let mut t = Tree::from_parts(head, rel.to_vec(), upos.to_vec());
        t.repair(text);
        t
    }

    #[test]
    fn a_verb_hung_on_a_root_name_is_the_root_and_a_reparandum_a_clause() {
        use Upos::*;
        // Kang Seok-ho visited Beijing . : the name the root, the verb its parataxis
        let t = repaired(
            &["Kang", "Seok-ho", "visited", "Beijing", "."],
            &[0, 1, 1, 3, 1],
            &["root", "flat", "parataxis", "obj", "punct"],
            &[Propn, Propn, Verb, Propn, Punct],
        );
        assert_eq!((t.head(2), t.rel(2)), (None, "root"));
        assert_eq!((t.head(0), t.rel(0)), (Some(2), "nsubj"));
        assert_eq!(t.head(4), Some(2), "what follows the verb is its own");
        assert_eq!(t.kids(2), &[0, 3, 4]);
        // ... not a participle (`Kang, visiting Beijing`), nor a copula's name
        let t = repaired(
            &["Kang", ",", "visiting", "Beijing"],
            &[0, 3, 1, 3],
            &["root", "punct", "acl", "obj"],
            &[Propn, Punct, Verb, Propn],
        );
        assert_eq!(t.head(0), None);
        let t = repaired(
            &["Kang", "is", "the", "envoy", "named"],
            &[0, 1, 4, 1, 1],
            &["root", "cop", "det", "appos", "acl"],
            &[Propn, Aux, Det, Noun, Verb],
        );
        assert_eq!(t.head(0), None);
        // Nordbank , based in Oslo , posted a loss : `based` labelled reparandum
        let t = repaired(
            &[
                "Nordbank", ",", "based", "in", "Oslo", ",", "posted", "a", "loss",
            ],
            &[7, 3, 7, 5, 3, 3, 0, 9, 7],
            &[
                "nsubj",
                "punct",
                "reparandum",
                "case",
                "obl",
                "punct",
                "root",
                "det",
                "obj",
            ],
            &[Propn, Punct, Verb, Adp, Propn, Punct, Verb, Det, Noun],
        );
        assert_eq!(t.rel(2), "advcl");
    }

    #[test]
    fn split_tokens_take_the_word_that_leaves_them() {
        let g = Grammar::builtin();
        let doc = crate::nlp::tokenize("Kang Seok-ho visited Beijing.");
        let words = crate::grammar::tokens::words(&doc, 0);
        let n = doc.sentence_tokens[0].len();
        let t = Tree::parse(g, &words, doc.sentence_tokens[0].start, n);
        assert_eq!(t.len(), n);
        let visited = (0..n).find(|&k| doc.tokens[k].text == "visited").unwrap();
        assert_eq!(t.head(visited), None, "the verb is the root");
        let beijing = (0..n).find(|&k| doc.tokens[k].text == "Beijing").unwrap();
        assert_eq!(t.head(beijing), Some(visited));
        assert_eq!(t.rel(beijing), "obj");
    }
}
