//! One sentence as the relation stage sees it: lowercase tokens and mentions as token spans
//! (the closed word classes the frames scan over live in `words.rs`, re-exported here).

use super::tree::Tree;
use crate::grammar::tokens::Word;
use crate::grammar::Grammar;
use crate::model::EntityType;
use crate::nlp::doc::Doc;
use std::cell::OnceCell;

/// A token: its lowercase form and original text.
#[derive(Debug, Clone, Copy)]
pub struct Tk<'a> {
    pub lower: &'a str,
    pub text: &'a str,
}

/// A mention of the sentence as tokens `[a, b)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Span {
    pub entity: usize,
    pub kind: EntityType,
    pub a: usize,
    pub b: usize,
}

/// The words of a sentence the parser would read: cut from the document on first use (most
/// sentences are never parsed), or given whole with the sentence's first token.
#[derive(Debug, Clone)]
enum Words<'a> {
    Doc(&'a Doc<'a>, usize),
    Given(Vec<Word<'a>>, usize),
}

/// A sentence: tokens, mentions (sorted, non-overlapping) and a token -> mention map.
#[derive(Debug, Clone, Default)]
pub struct View<'a> {
    pub toks: Vec<Tk<'a>>,
    pub spans: Vec<Span>,
    at: Vec<Option<usize>>,
    /// Where the words the parser reads come from, when the sentence may be parsed.
    words: Option<Words<'a>>,
    /// The dependency parse, made the first time a frame asks for it.
    tree: OnceCell<Option<Tree>>,
}

impl<'a> View<'a> {
    pub fn new(toks: Vec<Tk<'a>>, mut spans: Vec<Span>) -> View<'a> {
        spans.retain(|s| s.a < s.b && s.b <= toks.len());
        spans.sort_by_key(|s| (s.a, s.b));
        let mut at = vec![None; toks.len()];
        let mut kept: Vec<Span> = Vec::with_capacity(spans.len());
        for s in spans {
            if kept.last().is_some_and(|p| p.b > s.a) {
                continue; // overlapping: keep the first
            }
            for slot in &mut at[s.a..s.b] {
                *slot = Some(kept.len());
            }
            kept.push(s);
        }
        View {
            toks,
            spans: kept,
            at,
            words: None,
            tree: OnceCell::new(),
        }
    }

    /// A whole text read as one sentence (its tokens, parsed as one), with mentions given
    /// as token spans: for `explain --why-not` and tests, which hold one sentence's text.
    pub fn whole(doc: &'a Doc<'a>, spans: Vec<Span>) -> View<'a> {
        let toks = doc
            .tokens
            .iter()
            .map(|t| Tk {
                lower: &t.lower,
                text: t.text,
            })
            .collect();
        let words = (0..doc.sentence_tokens.len())
            .flat_map(|s| crate::grammar::tokens::words(doc, s))
            .collect();
        View::new(toks, spans).with_words(words, 0)
    }

    /// The view with the words to parse when a frame asks for the parse (`first`: the
    /// sentence's first token in the document).
    pub fn with_words(mut self, words: Vec<Word<'a>>, first: usize) -> View<'a> {
        self.words = Some(Words::Given(words, first));
        self
    }

    /// The view parsed, when a frame asks for it, from sentence `s` of `doc`.
    pub fn with_doc(mut self, doc: &'a Doc<'a>, s: usize) -> View<'a> {
        self.words = Some(Words::Doc(doc, s));
        self
    }

    /// The sentence's dependency parse, parsed on first use; `None` for a view without words.
    pub fn tree(&self) -> Option<&Tree> {
        self.tree
            .get_or_init(|| {
                let t = match self.words.as_ref()? {
                    Words::Given(words, first) => {
                        Tree::parse(Grammar::builtin(), words, *first, self.toks.len())
                    }
                    Words::Doc(doc, s) => {
                        let words = crate::grammar::tokens::words(doc, *s);
                        let first = doc.sentence_tokens[*s].start;
                        Tree::parse(Grammar::builtin(), &words, first, self.toks.len())
                    }
                };
                (t.len() == self.toks.len()).then_some(t)
            })
            .as_ref()
    }

    /// Give the view a tree instead of the built-in model's parse (tests of the trees other
    /// models draw); `false` when it was parsed already.
    #[cfg(test)]
    pub fn set_tree(&self, t: Tree) -> bool {
        self.tree.set(Some(t)).is_ok()
    }

    /// Whether the sentence has been parsed (tests of what asks for a parse).
    #[cfg(test)]
    pub fn parsed(&self) -> bool {
        self.tree.get().is_some()
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    pub fn w(&self, k: usize) -> &str {
        self.toks.get(k).map_or("", |t| t.lower)
    }

    /// Token `k` is a possessive: `'s`, or a bare apostrophe after a word ending in `s`
    /// (`the United States' killing of`, `the workers' strike`).
    pub fn is_poss(&self, k: usize) -> bool {
        match self.w(k) {
            "'s" | "\u{2019}s" => true,
            "'" | "\u{2019}" => k > 0 && self.w(k - 1).ends_with('s'),
            _ => false,
        }
    }

    /// The mention covering token `k`.
    pub fn span_at(&self, k: usize) -> Option<usize> {
        self.at.get(k).copied().flatten()
    }

    /// The mention whose last token is `k`.
    pub fn span_ending(&self, k: usize) -> Option<usize> {
        self.span_at(k).filter(|&s| self.spans[s].b == k + 1)
    }

    /// Where the noun phrase of a name at `k` starts: the determiner right before it, or `k`.
    pub fn with_det(&self, k: usize) -> usize {
        if k > 0 && is_det(self.w(k - 1)) {
            k - 1
        } else {
            k
        }
    }

    /// The mention whose first token is `k`.
    pub fn span_starting(&self, k: usize) -> Option<usize> {
        self.span_at(k).filter(|&s| self.spans[s].a == k)
    }

    pub fn is_cap(&self, k: usize) -> bool {
        self.toks
            .get(k)
            .is_some_and(|t| t.text.chars().next().is_some_and(char::is_uppercase))
    }

    /// The original text of tokens `[a, b)`, words joined by single spaces.
    pub fn text(&self, a: usize, b: usize) -> String {
        let mut s = String::new();
        for t in &self.toks[a.min(self.len())..b.min(self.len())] {
            let glue = t.lower == "'s" || t.lower == "\u{2019}s" || t.lower == "n't";
            if !s.is_empty() && !glue {
                s.push(' ');
            }
            s.push_str(t.text);
        }
        s
    }
}

pub use super::words::*;

#[cfg(test)]
mod tests {
    use super::*;

    fn tk(s: &str) -> Tk<'_> {
        Tk { lower: s, text: s }
    }

    #[test]
    fn overlapping_mentions_keep_the_first() {
        let toks = vec![tk("a"), tk("b"), tk("c")];
        let sp = |a, b| Span {
            entity: a,
            kind: EntityType::Country,
            a,
            b,
        };
        let v = View::new(toks, vec![sp(1, 3), sp(0, 2), sp(2, 9)]);
        assert_eq!(v.spans.len(), 1);
        assert_eq!(v.span_ending(1), Some(0));
        assert_eq!(v.span_at(2), None);
    }

    #[test]
    fn party_and_state_body_names() {
        assert!(is_party_name("Liberty Korea Party"));
        assert!(!is_party_name("Human Rights Watch"));
        assert!(is_state_body("National Assembly Intelligence Committee"));
        assert!(!is_state_body("Cable and Wireless"));
    }
}
