//! What a reported clause says beyond the claim. Obligation: `X said Y must ...` is X demands
//! Y. Blame: `Straw said human rights concerns over China remained`, `he said Mr Straw was
//! "naive beyond belief"`: a speaker whose clause carries a word of blame criticizes the actor
//! that word is about, the nearest one before it in the clause (for a worry, `concerns over`,
//! the first one after it). The claim itself is drawn as well. The words are lexicon rows of
//! the frames `blame` and `worry` (`data/relations.tsv`, and `data/relations-cameo.tsv` for the
//! ones grown from CAMEO's disapproval verbs), so a `--lexicon` adds more the same way.

use super::scan::{actor, Actor};
use super::view::{is_aux, is_boundary, is_det, is_quote, View};
use super::{Cand, Ctx, Frame, Hit};

/// The first word of blame or worry (`data/relations.tsv` frames `blame` and `worry`, and the
/// rows grown from CAMEO's disapproval verbs) in tokens `[from, to)`.
fn blame_at(cx: &Ctx, from: usize, to: usize) -> Option<Hit> {
    cx.hits
        .iter()
        .filter(|h| h.a >= from && h.a < to && cx.lex.rules[h.rule].frame.is_clause_word())
        .min_by_key(|h| h.a)
        .copied()
}

/// `speaker` criticizes the actor a blame word of its clause `[from, to)` is about.
pub fn blame(cx: &Ctx, speaker: Actor, from: usize, to: usize, out: &mut Vec<Cand>) {
    let v = cx.v;
    let Some(h) = blame_at(cx, from, to) else {
        return;
    };
    // `concerns over China`, `disappointed by the Parliament`: a worry is about what follows
    // it (its subject is the one worried); a judgement about the one it is said of.
    let worry = cx.lex.rules[h.rule].frame == Frame::Worry;
    // A quotation after a colon is about its own actors: the one spoken to before the colon
    // is not judged (`he told BBC Radio Wales: "It's quite dangerous ..."`).
    let from = (from..h.a)
        .rev()
        .find(|&p| v.w(p) == ":")
        .map_or(from, |p| p + 1);
    let before = (from..h.a)
        .rev()
        .find_map(|p| v.span_ending(p))
        .filter(|_| !worry);
    let after = || (h.b..to.min(v.len()).min(h.b + 5)).find_map(|p| v.span_starting(p));
    let Some(s) = before.or_else(after) else {
        return;
    };
    let t = actor(v, s);
    if t.entity != speaker.entity {
        out.push(cx.cand(speaker, t, cx.kind_of(h.rule), &h));
    }
}

/// `X said Y must/should ...`: X demands Y. The actors of the clause before its modal.
pub(super) fn obliged(v: &View, from: usize, to: usize) -> Vec<Actor> {
    let Some(m) = (from..to.min(v.len())).find(|&k| {
        matches!(v.w(k), "must" | "should")
            || (matches!(v.w(k), "has" | "have") && v.w(k + 1) == "to")
    }) else {
        return Vec::new();
    };
    // The modal's subject must be an actor (`Sudan must`) or a role noun of one (`US and
    // British forces must`), not a thing (`US personal income should`).
    let head = v.w(m.wrapping_sub(1));
    let role = matches!(
        head,
        "forces"
            | "government"
            | "governments"
            | "officials"
            | "authorities"
            | "leaders"
            | "side"
            | "sides"
            | "nations"
            | "countries"
            | "troops"
            | "rebels"
            | "members"
            | "states"
            | "parties"
            | "regime"
            | "army"
            | "police"
            | "leadership"
            | "administration"
    );
    if m == 0 || !(v.span_ending(m - 1).is_some() || role) {
        return Vec::new();
    }
    let mut got = Vec::new();
    let mut p = m;
    while p > from && m - p < 12 {
        p -= 1;
        let w = v.w(p);
        let comma = w == "," && v.span_ending(p.wrapping_sub(1)).is_none();
        // A verb ends the subject (`the sale has cleared review and should ...`); `other
        // developed nations` is an adjective.
        let prev = v.w(p.wrapping_sub(1));
        let verb = w.ends_with("ed") && !v.is_cap(p) && !is_det(prev) && prev != "other";
        if is_boundary(w) || is_quote(w) || comma || is_aux(w) || w.ends_with("ing") || verb {
            break;
        }
        if let Some(s) = v.span_ending(p) {
            got.push(actor(v, s));
            p = v.spans[s].a;
        }
    }
    got
}

#[cfg(test)]
mod tests {
    use super::super::context;
    use super::super::testutil::{refs, view_of};
    use super::blame_at;
    use crate::nlp::relations::Lexicon;

    fn first_blame(marked: &str) -> Option<String> {
        let lex = Lexicon::builtin();
        let (v, ents) = view_of(marked);
        let entities = refs(&ents);
        let cx = context(&lex, &v, &entities, None);
        blame_at(&cx, 2, v.len()).map(|h| v.text(h.a, h.b).to_lowercase())
    }

    #[test]
    fn blame_words_are_found_in_the_clause_only() {
        let got = first_blame("[Ann|person] said [Freedonia|country] had made a terrible mistake.");
        assert_eq!(got.as_deref(), Some("terrible"));
        let got = first_blame("[Ann|person] said [Freedonia|country] was not satisfied with it.");
        assert_eq!(got.as_deref(), Some("not satisfied"));
        assert!(
            first_blame("[Ann|person] said [Freedonia|country] was satisfied with it.").is_none()
        );
        assert!(first_blame("Terrible, [Ann|person] said of [Freedonia|country].").is_none());
    }
}
