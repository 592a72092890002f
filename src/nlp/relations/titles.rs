//! Job titles as structure: `Foreign Minister X` works for the country before the title,
//! `X, head of Y` leads Y, `Senator X of Massachusetts` takes the place after the name.

use super::scan::{actor, Actor};
use super::structure::{is_mod, is_poss};
use super::view::{is_det, is_honorific, View};
use super::{Cand, Ctx, Hit};
use crate::model::EntityType::*;

/// A capitalised word of a title's portfolio that no name covers (`South Africa Finance
/// Minister`, `US Treasury Under-Secretary`).
fn is_portfolio(v: &View, k: usize) -> bool {
    k > 0
        && v.span_at(k).is_none()
        && v.is_cap(k)
        && v.w(k).chars().all(|c| c.is_alphabetic() || c == '-')
}

/// The actor of a noun phrase ending right before `k`: `UK`, `the BBC's`, `Lib Dem`.
fn affiliation_before(v: &View, k: usize) -> Option<(Actor, usize)> {
    let mut p = k;
    while p > 0 && k - p < 3 && (is_mod(v, p - 1) || is_portfolio(v, p - 1)) {
        p -= 1;
    }
    let q = if p >= 2 && is_poss(v.w(p - 1)) {
        p - 2
    } else {
        p.checked_sub(1)?
    };
    let s = v.span_ending(q)?;
    let x = actor(v, s);
    (x.kind != Person).then_some((x, p))
}

/// The first organization-like actor of a `of/for/at/from ...` phrase at `k`.
fn affiliation_after(v: &View, k: usize) -> Option<Actor> {
    if !matches!(v.w(k), "of" | "for" | "at" | "to" | "with" | "from") {
        return None;
    }
    let mut found: Option<Actor> = None;
    let mut p = k + 1;
    while p < v.len() && p - k < 7 {
        if let Some(s) = v.span_starting(p) {
            let x = actor(v, s);
            if x.kind == Person {
                break;
            }
            // `director general of British Music Rights`, `leader of the London Assembly
            // Conservatives`: a name the recognizer missed goes on after the span, which only
            // modifies it.
            let longer = x.b < v.len()
                && v.is_cap(x.b)
                && v.span_starting(x.b).is_none()
                && v.w(x.b).chars().all(char::is_alphabetic);
            if longer {
                return None;
            }
            let followed = is_poss(v.w(x.b))
                || (x.kind == Country
                    && v.span_starting(x.b + 1).is_none()
                    && p - k < 6
                    && (x.b..v.len().min(x.b + 3)).any(|q| v.span_starting(q).is_some()));
            if !followed || found.is_some() {
                return Some(found.unwrap_or(x));
            }
            found = Some(x);
            p = x.b + usize::from(is_poss(v.w(x.b)));
            continue;
        }
        if !(is_det(v.w(p)) || is_mod(v, p)) {
            break;
        }
        p += 1;
    }
    found
}

fn former(v: &View, from: usize, to: usize) -> bool {
    (from.saturating_sub(2)..to).any(|k| matches!(v.w(k), "former" | "ex" | "late" | "then"))
}

/// A title: `[Chinese] Foreign Minister [Li]`, `[Li], a spokesman for [X]`, `the head of [X], [Li]`.
pub fn title(cx: &Ctx, hit: &Hit, out: &mut Vec<Cand>) {
    let v = cx.v;
    let kind = cx.kind_of(hit.rule);
    // The person: after the title, or before it across an apposition comma.
    let mut k = hit.b;
    while k < v.len() && k - hit.b < 2 && (is_honorific(v.w(k)) || v.w(k) == ",") {
        k += 1;
    }
    let after_aff = affiliation_after(v, hit.b);
    let mut person = v
        .span_starting(k)
        .map(|s| actor(v, s))
        .filter(|a| a.kind == Person);
    let before = affiliation_before(v, hit.a);
    // The noun phrase starts at the affiliation (`Ruhi Dogusoy, Turkcell's chief operating
    // officer`: the person stands before it, across the comma).
    let np_start = before.map_or(hit.a, |(a, _)| a.a);
    if person.is_none() {
        let mut p = np_start;
        while p > 0 && (is_det(v.w(p - 1)) || is_mod(v, p - 1)) && np_start - p < 3 {
            p -= 1;
        }
        if p >= 2 && v.w(p - 1) == "," {
            person = v
                .span_ending(p - 2)
                .map(|s| actor(v, s))
                .filter(|a| a.kind == Person);
        }
    }
    // `the head of X, Y` and `Mayor of London Sadiq Khan`: the person follows the
    // affiliation phrase.
    if person.is_none() {
        if let Some(aff) = after_aff {
            let c = aff.b;
            let mut q = c;
            while q < v.len() && q - c < 3 && is_mod(v, q) {
                q += 1;
            }
            let at = if v.w(q) == "," { q + 1 } else { q };
            person = v
                .span_starting(at)
                .map(|s| actor(v, s))
                .filter(|a| a.kind == Person);
        }
    }
    let Some(person) = person else { return };
    let from = before.map_or(np_start, |(a, _)| a.a);
    if former(v, from, hit.a) {
        return;
    }
    // `Senator Elizabeth Warren of Massachusetts`: the place after the person's name.
    let place_after = (person.a >= hit.b).then(|| place_of(v, person.b)).flatten();
    // `its UK chief executive`, `chief Turkish economist for Deutsche Bank`: the country is
    // where the job is done, and the possessor or the body after the title is the employer
    // (but `Afghanistan's envoy to the UN` works for the possessor, `US ambassador to the
    // GATT` for the country, and `Secretary of State for the EC` names a portfolio).
    let employer_after = after_aff.is_some_and(|x| !matches!(x.kind, Country | Location))
        && matches!(v.w(hit.b), "for" | "at" | "of")
        && !(hit.a..hit.b).any(|k| v.w(k) == "of");
    let before = before.filter(|(a, _)| {
        let scope = matches!(a.kind, Country | Location) && !is_poss(v.w(a.b));
        !(is_scope(v, a) || (employer_after && scope))
    });
    let kind = if kind == "leads" && second_rank(v, from, hit.a) {
        "works_for"
    } else {
        kind
    };
    let mut found = false;
    for aff in [before.map(|(a, _)| a), after_aff, place_after]
        .into_iter()
        .flatten()
    {
        found = true;
        out.push(cx.cand(person, aff, kind, hit));
    }
    // `incumbent President Donald Trump ... the U.S. capital`: a head of state or government
    // named without a country leads the one country of the sentence.
    if !found && is_head_of_state(&v.text(hit.a, hit.b).to_lowercase()) {
        let idx: Vec<usize> = (0..v.spans.len())
            .filter(|&i| v.spans[i].kind == Country)
            .collect();
        if let Some(&first) = idx.first() {
            if idx
                .iter()
                .all(|&i| v.spans[i].entity == v.spans[first].entity)
            {
                out.push(cx.cand(person, actor(v, first), kind, hit));
            }
        }
    }
}

/// Does a title between `from` and `a` rank below the head (`Vice President`, `Deputy Prime
/// Minister`, `vice-president`), shadow it from the opposition (`Shadow Chancellor`), or head
/// a body inside the affiliation (`the Lib Dem constitutional affairs committee chairman`)?
/// Its holder works for the affiliation and does not lead it.
fn second_rank(v: &View, from: usize, a: usize) -> bool {
    (from.min(a.saturating_sub(2))..a).any(|k| {
        v.span_at(k).is_none()
            && matches!(
                v.w(k),
                "vice"
                    | "deputy"
                    | "shadow"
                    | "assistant"
                    | "associate"
                    | "committee"
                    | "subcommittee"
                    | "panel"
                    | "division"
                    | "unit"
                    | "branch"
                    | "wing"
                    | "department"
                    | "caucus"
            )
    })
}

/// A country or place named after a possessive pronoun (`its UK chief executive`): the
/// scope of someone else's job.
fn is_scope(v: &View, x: &Actor) -> bool {
    matches!(x.kind, Country | Location)
        && x.a > 0
        && matches!(v.w(x.a - 1), "its" | "their" | "his" | "her")
}

fn is_head_of_state(title: &str) -> bool {
    matches!(
        title,
        "president"
            | "prime minister"
            | "premier"
            | "chancellor"
            | "king"
            | "queen"
            | "emir"
            | "sultan"
    )
}

/// `of|from [the] PLACE` at token `k`, the place not itself modifying a name after it.
fn place_of(v: &View, k: usize) -> Option<Actor> {
    if !matches!(v.w(k), "of" | "from") {
        return None;
    }
    let p = if is_det(v.w(k + 1)) { k + 2 } else { k + 1 };
    let x = actor(v, v.span_starting(p)?);
    let next = v.w(x.b);
    let modifies = is_poss(next) || v.span_starting(x.b).is_some();
    (matches!(x.kind, Location | Country) && !modifies).then_some(x)
}
