//! What a reported clause says beyond the claim. Obligation: `X said Y must ...` is X demands
//! Y. Blame: `Straw said human rights concerns over China remained`, `he said Mr Straw was
//! "naive beyond belief"`: a speaker whose clause carries a word of blame criticizes the actor
//! that word is about, the nearest one before it in the clause (for a worry, `concerns over`,
//! the first one after it). The claim itself is drawn as well.

use super::scan::{actor, Actor};
use super::view::{is_aux, is_boundary, is_det, is_quote, View};
use super::{Cand, Ctx, Hit};

/// Words that blame, judge or worry about whoever the clause is about.
fn is_blame_word(w: &str) -> bool {
    matches!(
        w,
        "concern"
            | "concerns"
            | "concerned"
            | "worrying"
            | "worried"
            | "terrible"
            | "naive"
            | "wrong"
            | "unacceptable"
            | "failed"
            | "failure"
            | "mistake"
            | "irresponsible"
            | "dangerous"
            | "disappointed"
            | "disappointing"
            | "regrettable"
            | "deplorable"
            | "outrageous"
            | "embarrassment"
            | "unlawful"
            | "illegal"
            | "violation"
            | "hypocrisy"
            | "hypocritical"
            | "shameful"
            | "insult"
            | "undermine"
            | "undermines"
            | "undermining"
            | "misleading"
            | "reckless"
            | "provocation"
            | "provocative"
            | "bully"
    )
}

/// The first blame word of tokens `[from, to)`; `lack of` and `not satisfied` count too.
fn blame_at(v: &View, from: usize, to: usize) -> Option<usize> {
    (from..to.min(v.len())).find(|&k| {
        let w = v.w(k);
        is_blame_word(w)
            || (w == "lack" && v.w(k + 1) == "of")
            || (w == "satisfied" && k > 0 && matches!(v.w(k - 1), "not" | "n't"))
    })
}

/// `speaker` criticizes the actor a blame word of its clause `[from, to)` is about.
pub fn blame(cx: &Ctx, speaker: Actor, from: usize, to: usize, hit: &Hit, out: &mut Vec<Cand>) {
    let v = cx.v;
    let Some(k) = blame_at(v, from, to) else {
        return;
    };
    // `concerns over China`, `disappointed by the Parliament`: a worry is about what follows
    // it (its subject is the one worried); a judgement about the one it is said of.
    let worry = matches!(
        v.w(k),
        "concern" | "concerns" | "concerned" | "worried" | "disappointed" | "satisfied"
    );
    let before = (from..k)
        .rev()
        .find_map(|p| v.span_ending(p))
        .filter(|_| !worry);
    let after = || (k + 1..to.min(v.len()).min(k + 6)).find_map(|p| v.span_starting(p));
    let Some(s) = before.or_else(after) else {
        return;
    };
    let t = actor(v, s);
    if t.entity != speaker.entity {
        out.push(cx.cand(speaker, t, "criticizes", hit));
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
    use super::super::testutil::view_of;
    use super::blame_at;

    #[test]
    fn blame_words_are_found_in_the_clause_only() {
        let (v, _) = view_of("[Ann|person] said [Freedonia|country] had made a terrible mistake.");
        assert_eq!(
            blame_at(&v, 2, v.len()).map(|k| v.w(k).to_string()),
            Some("terrible".into())
        );
        let (v, _) = view_of("[Ann|person] said [Freedonia|country] was not satisfied with it.");
        assert!(blame_at(&v, 2, v.len()).is_some());
        let (v, _) = view_of("[Ann|person] said [Freedonia|country] was satisfied with it.");
        assert!(blame_at(&v, 2, v.len()).is_none());
    }
}
