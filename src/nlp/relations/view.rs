//! One sentence as the relation stage sees it: lowercase tokens, mentions as token spans,
//! and the small closed word classes the frames scan over.

use crate::model::EntityType;

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

/// A sentence: tokens, mentions (sorted, non-overlapping) and a token -> mention map.
#[derive(Debug, Clone, Default)]
pub struct View<'a> {
    pub toks: Vec<Tk<'a>>,
    pub spans: Vec<Span>,
    at: Vec<Option<usize>>,
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
        }
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

    /// The mention covering token `k`.
    pub fn span_at(&self, k: usize) -> Option<usize> {
        self.at.get(k).copied().flatten()
    }

    /// The mention whose last token is `k`.
    pub fn span_ending(&self, k: usize) -> Option<usize> {
        self.span_at(k).filter(|&s| self.spans[s].b == k + 1)
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

pub fn is_det(w: &str) -> bool {
    matches!(
        w,
        "a" | "an" | "the" | "its" | "their" | "his" | "her" | "this" | "these" | "those" | "our"
    )
}

/// Auxiliaries and modals that sit inside a verb group.
pub fn is_aux(w: &str) -> bool {
    matches!(
        w,
        "is" | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "am"
            | "has"
            | "have"
            | "had"
            | "having"
            | "will"
            | "would"
            | "shall"
            | "should"
            | "can"
            | "could"
            | "may"
            | "might"
            | "must"
            | "do"
            | "does"
            | "did"
            | "to"
            | "also"
            | "already"
            | "now"
            | "still"
            | "just"
            | "recently"
            | "reportedly"
            | "allegedly"
            | "repeatedly"
            | "again"
            | "formally"
            | "officially"
            | "publicly"
            | "strongly"
            | "jointly"
            | "then"
            | "finally"
            | "previously"
            | "earlier"
            | "later"
            | "once"
            | "not"
            | "never"
            | "cannot"
            | "wo"
            | "ca"
            | "going"
            | "expected"
            | "due"
            | "likely"
            | "set"
            | "about"
            | "trying"
            | "seeking"
            | "planning"
            | "plans"
            | "planned"
            | "agreed"
            | "decided"
            | "wants"
            | "wanted"
            | "hopes"
            | "hoped"
            | "continue"
            | "continued"
            | "continues"
    ) || w.ends_with("n't")
        || w.ends_with("ly")
}

/// Is token `k` in a place only a verb's base form takes: after a modal or negation (`will
/// evacuate`, `did not evacuate`), or after `to` that follows a control word or an actor
/// (`agreed to evacuate`, `urged Israel to evacuate`), not `returned to power`?
pub fn is_inf_context(v: &View, k: usize) -> bool {
    let Some(p) = k.checked_sub(1) else {
        return false;
    };
    let prev = v.w(p);
    if matches!(
        prev,
        "will"
            | "would"
            | "could"
            | "can"
            | "may"
            | "might"
            | "must"
            | "shall"
            | "should"
            | "did"
            | "not"
            | "never"
            | "cannot"
            | "'ll"
    ) || prev.ends_with("n't")
    {
        return true;
    }
    if prev != "to" || p == 0 {
        return false;
    }
    v.span_ending(p - 1).is_some()
        || matches!(
            v.w(p - 1),
            "agreed"
                | "agree"
                | "agrees"
                | "decided"
                | "decide"
                | "refused"
                | "refuse"
                | "threatened"
                | "threaten"
                | "threatens"
                | "vowed"
                | "vow"
                | "pledged"
                | "promised"
                | "offered"
                | "willing"
                | "ready"
                | "prepared"
                | "plans"
                | "plan"
                | "planned"
                | "wants"
                | "want"
                | "wanted"
                | "tried"
                | "try"
                | "trying"
                | "sought"
                | "seek"
                | "seeks"
                | "failed"
                | "fail"
                | "able"
                | "unable"
                | "going"
                | "expected"
                | "continue"
                | "continued"
                | "began"
                | "begin"
                | "started"
                | "voted"
                | "intends"
                | "intended"
                | "hopes"
                | "hoped"
                | "aims"
                | "aimed"
                | "attempted"
                | "attempt"
                | "ordered"
                | "urged"
                | "asked"
                | "called"
                | "forced"
                | "allowed"
                | "needs"
                | "need"
                | "needed"
                | "has"
                | "have"
                | "had"
                | "due"
                | "likely"
                | "sworn"
                | "swore"
                | "declined"
                | "moved"
                | "set"
                | "them"
                | "it"
                | "him"
                | "her"
                | "us"
        )
}

pub fn is_weekday(w: &str) -> bool {
    matches!(
        w,
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
    )
}

pub fn is_be(w: &str) -> bool {
    matches!(w, "is" | "are" | "was" | "were" | "be" | "been" | "being")
}

pub fn is_pronoun_speaker(w: &str) -> bool {
    matches!(w, "he" | "she")
}

/// Words that end a clause: a scan for an actor never crosses them.
pub fn is_boundary(w: &str) -> bool {
    matches!(
        w,
        "." | ";"
            | ":"
            | "?"
            | "!"
            | "that"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "because"
            | "but"
            | "while"
            | "although"
            | "though"
            | "if"
            | "when"
            | "where"
            | "whereas"
            | "unless"
            | "after"
            | "before"
            | "despite"
            | "since"
            | "until"
            | "as"
            | "-"
            | "--"
            | "\u{2013}"
            | "\u{2014}"
    )
}

pub fn is_quote(w: &str) -> bool {
    matches!(
        w,
        "\"" | "\u{201c}" | "\u{201d}" | "``" | "''" | "'" | "\u{2018}" | "\u{2019}"
    )
}

pub fn is_coord(w: &str) -> bool {
    matches!(w, "and" | "," | "&" | "or")
}

/// Honorifics and bare titles between a title and a name.
pub fn is_honorific(w: &str) -> bool {
    matches!(
        w.trim_end_matches('.'),
        "mr" | "mrs" | "ms" | "dr" | "rep" | "sen" | "gen" | "prof" | "sir" | "lord" | "lady"
    )
}

/// Name words that make an organization a political party (member_of rather than works_for).
pub fn is_party_name(name: &str) -> bool {
    let n = name.to_lowercase();
    [
        "party",
        "democrats",
        "republicans",
        "congress",
        "front",
        "league",
        "movement",
    ]
    .iter()
    .any(|w| n.split(|c: char| !c.is_alphanumeric()).any(|x| x == *w))
}

/// Name words of state bodies (part_of their country rather than located_in it).
pub fn is_state_body(name: &str) -> bool {
    let n = name.to_lowercase();
    [
        "committee",
        "ministry",
        "department",
        "parliament",
        "assembly",
        "treasury",
        "government",
        "army",
        "navy",
        "police",
        "court",
        "agency",
        "council",
        "senate",
        "congress",
        "cabinet",
        "office",
        "commission",
        "administration",
        "national",
        "state",
        "forces",
    ]
    .iter()
    .any(|w| n.split(|c: char| !c.is_alphanumeric()).any(|x| x == *w))
}

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
