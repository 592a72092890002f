//! Structural frames: `X of the Y Party`, `X in Y`, `Y's X` and `X, Y's largest trading
//! partner` (job titles: `titles.rs`; names beside or inside names: `inname.rs`).

use super::scan::{actor, Actor};
use super::view::{ends_modifiers, is_boundary, is_det, is_party_name, is_state_body, View};
use super::{Cand, Ctx, Hit};
use crate::model::EntityType::*;

/// A lowercase modifier word inside a noun phrase (`foreign affairs`, `state-owned`).
pub(super) fn is_mod(v: &View, k: usize) -> bool {
    let w = v.w(k);
    v.span_at(k).is_none()
        && !v.is_cap(k)
        && w.chars().next().is_some_and(char::is_alphanumeric)
        && !is_boundary(w)
        && !ends_modifiers(w)
        && !matches!(w, "or" | "said" | "says")
}

pub(super) fn is_poss(w: &str) -> bool {
    matches!(w, "'s" | "\u{2019}s")
}

/// `PERSON of/from [the] ORG`: member_of a party, works_for any other organization.
pub fn of(cx: &Ctx, hit: &Hit, out: &mut Vec<Cand>) {
    let v = cx.v;
    let at = if hit.a >= 2 && v.w(hit.a - 1) == "," {
        hit.a - 2
    } else {
        hit.a.wrapping_sub(1)
    };
    let Some(p) = v.span_ending(at).map(|s| actor(v, s)) else {
        return;
    };
    if p.kind != Person {
        return;
    }
    let Some(org) = affiliation_after_any(v, hit.b) else {
        return;
    };
    if !matches!(org.kind, Organization | Media) {
        return;
    }
    let kind = if is_party_name(cx.name(&org)) {
        cx.kind_of(hit.rule)
    } else {
        "works_for"
    };
    out.push(cx.cand(p, org, kind, hit));
}

/// A word [`is_mod`] lets through that ends the nouns of `the British charity Oxfam`: a verb
/// after a name (`Oxfam told`, `Oxfam will`, `Oxfam warned`) or `at` (`the Transport Studies
/// Group at Loughborough University`). `is_mod` already stops at the other prepositions and
/// at `is`, `was`, `has`, `said`, `says`.
fn ends_premodified_nouns(w: &str) -> bool {
    w.ends_with("ed")
        || matches!(
            w,
            "at" | "told"
                | "tells"
                | "say"
                | "had"
                | "have"
                | "will"
                | "would"
                | "can"
                | "could"
                | "may"
                | "did"
                | "does"
                | "spoke"
                | "wrote"
        )
}

fn affiliation_after_any(v: &View, k: usize) -> Option<Actor> {
    let mut p = k;
    while p < v.len() && p - k < 6 {
        if let Some(s) = v.span_starting(p) {
            let x = actor(v, s);
            if is_poss(v.w(x.b)) {
                p = x.b + 1;
                continue;
            }
            // `of the British charity Oxfam`: after a determiner, a place premodifying one or two
            // nouns before the name (not a verb: `of the charity Oxfam told Reuters`)
            let noun = |q: usize| is_mod(v, q) && !ends_premodified_nouns(v.w(q));
            let mut q = x.b;
            while q < v.len() && q - x.b < 2 && noun(q) {
                q += 1;
            }
            let after_det = x.a > 0 && is_det(v.w(x.a - 1));
            let place = matches!(x.kind, Country | Location);
            if place && after_det && q > x.b && v.span_starting(q).is_some() {
                p = q;
                continue;
            }
            return Some(x);
        }
        if !(is_det(v.w(p)) || is_mod(v, p)) {
            return None;
        }
        p += 1;
    }
    None
}

/// `X in [northeastern] Y`: located_in, or part_of when X is itself a place.
pub fn in_place(cx: &Ctx, hit: &Hit, out: &mut Vec<Cand>) {
    let v = cx.v;
    let at = if hit.a >= 2 && v.w(hit.a - 1) == "," {
        hit.a - 2
    } else {
        hit.a.wrapping_sub(1)
    };
    let Some(x) = v.span_ending(at).map(|s| actor(v, s)) else {
        return;
    };
    let mut p = hit.b;
    while p < v.len()
        && p - hit.b < 5
        && v.span_starting(p).is_none()
        && (is_det(v.w(p)) || is_mod(v, p) || v.w(p) == "of")
    {
        p += 1;
    }
    let Some(y) = v.span_starting(p).map(|s| actor(v, s)) else {
        return;
    };
    if !matches!(y.kind, Location | Country) {
        return;
    }
    out.push(cx.cand(x, y, place_kind(cx, &x, cx.kind_of(hit.rule)), hit));
}

/// `South Bend, Indiana` / `the Friendship Bridge, Uzbekistan`: a place or building, a comma,
/// and the place it lies in; not a list (`Paris, London and Berlin`) nor a possessive
/// (`Lagos, Nigeria's largest city`).
pub fn comma(cx: &Ctx, hit: &Hit, out: &mut Vec<Cand>) {
    let v = cx.v;
    let Some(x) = hit.a.checked_sub(1).and_then(|k| v.span_ending(k)) else {
        return;
    };
    let Some(y) = v.span_starting(hit.b) else {
        return;
    };
    let (x, y) = (actor(v, x), actor(v, y));
    if !matches!(x.kind, Location | Facility) || !matches!(y.kind, Location | Country) {
        return;
    }
    let after = v.w(y.b);
    let list = matches!(after, "and" | "or" | "'s" | "\u{2019}s")
        || (after == "," && v.span_starting(y.b + 1).is_some())
        || (after == ","
            && matches!(v.w(y.b + 1), "and" | "or")
            && v.span_starting(y.b + 2).is_some())
        || (x.a >= 2 && v.w(x.a - 1) == "," && v.span_ending(x.a - 2).is_some());
    if list || modifies_a_noun(v, &y) {
        return;
    }
    out.push(cx.cand(x, y, place_kind(cx, &x, cx.kind_of(hit.rule)), hit));
}

/// Does the name, by the parse, modify a noun after it (`Rajin, Sonbong city residents`: a
/// list of places before `residents`, not a place in another)? Asked only when a lowercase
/// word follows it.
fn modifies_a_noun(v: &super::View, y: &Actor) -> bool {
    if !v.text(y.b, y.b + 1).starts_with(char::is_lowercase) {
        return false;
    }
    let Some(t) = v.tree() else { return false };
    let k = super::deps::trigger_token(t, y.a, y.b);
    matches!(t.rel(k), "compound" | "amod") && t.head(k).is_some_and(|h| h >= y.b)
}

pub(super) fn place_kind(cx: &Ctx, x: &Actor, default: &'static str) -> &'static str {
    match x.kind {
        Location => "part_of",
        Organization if is_state_body(cx.name(x)) => "part_of",
        _ => default,
    }
}

/// `Y's [mods] X`: an organization, facility or place of a country or place; a person of a
/// medium or organization (`the BBC's Paul Reynolds`).
pub fn poss(cx: &Ctx, hit: &Hit, out: &mut Vec<Cand>) {
    let v = cx.v;
    let Some(y) = hit
        .a
        .checked_sub(1)
        .and_then(|k| v.span_ending(k))
        .map(|s| actor(v, s))
    else {
        return;
    };
    let mut p = hit.b;
    while p < v.len() && p - hit.b < 3 && v.span_starting(p).is_none() && is_mod(v, p) {
        p += 1;
    }
    let Some(x) = v.span_starting(p).map(|s| actor(v, s)) else {
        return;
    };
    let kind = match (y.kind, x.kind) {
        (Country | Location, Organization | Facility | Location) => {
            place_kind(cx, &x, cx.kind_of(hit.rule))
        }
        (Media | Organization, Person) if p == hit.b || v.w(p - 1) == "editor" => "works_for",
        _ => return,
    };
    out.push(cx.cand(x, y, kind, hit));
}

/// `X, [the] Y's largest trading partner` / `Y's largest trading partner, X`.
pub fn appos(cx: &Ctx, hit: &Hit, out: &mut Vec<Cand>) {
    let v = cx.v;
    let mut p = hit.a;
    while p > 0 && hit.a - p < 3 && is_mod(v, p - 1) {
        p -= 1;
    }
    if p < 2 || !is_poss(v.w(p - 1)) {
        return;
    }
    let Some(y) = v.span_ending(p - 2).map(|s| actor(v, s)) else {
        return;
    };
    let q = v.with_det(y.a);
    let x = if q >= 2 && matches!(v.w(q - 1), "," | "is" | "was" | "remains" | "became") {
        v.span_ending(q - 2).map(|s| actor(v, s))
    } else if v.w(hit.b) == "," {
        v.span_starting(hit.b + 1).map(|s| actor(v, s))
    } else {
        None
    };
    if let Some(x) = x {
        out.push(cx.cand(x, y, cx.kind_of(hit.rule), hit));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{refs, view_of};
    use super::super::{find_views, Lexicon};

    fn edges(marked: &str) -> Vec<String> {
        let (v, ents) = view_of(marked);
        let entities = refs(&ents);
        find_views(&Lexicon::builtin(), &entities, [(0, v)])
            .iter()
            .map(|r| {
                let (s, t) = (&entities[r.source].name, &entities[r.target].name);
                format!("{s}>{}>{t}", r.kind)
            })
            .collect()
    }

    #[test]
    fn the_second_in_command_works_for_the_body_the_head_leads() {
        for (marked, want) in [
            (
                "[US|country|United States] President [George Bush|person] met reporters.",
                "George Bush>leads>United States",
            ),
            (
                "[US|country|United States] Vice President [Dick Cheney|person] met reporters.",
                "Dick Cheney>works_for>United States",
            ),
            (
                "[Iraqi|country|Iraq] Deputy Prime Minister [Barham Salih|person] met reporters.",
                "Barham Salih>works_for>Iraq",
            ),
            (
                "[Ann Marsh|person], vice president for sales at [Acme|organization], spoke.",
                "Ann Marsh>works_for>Acme",
            ),
            (
                "[Labour|organization|Labour Party] defence committee chairman [Ann Marsh|person] spoke.",
                "Ann Marsh>works_for>Labour Party",
            ),
            (
                "[Tory|organization|Conservative Party] shadow chancellor [Ann Marsh|person] spoke.",
                "Ann Marsh>works_for>Conservative Party",
            ),
        ] {
            let got = edges(marked);
            assert_eq!(got, vec![want.to_string()], "{marked}");
        }
        // a name the recognizer missed goes on after the span: no affiliation
        let got = edges(
            "[Ann Marsh|person], director general of [British|country|United Kingdom] Music Rights, said so.",
        );
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn a_country_after_a_possessive_is_the_scope_of_the_job() {
        let got = edges(
            "[Vodafone|organization] named its [UK|country|United Kingdom] chief executive [Ann Marsh|person] on Monday.",
        );
        assert!(
            !got.iter().any(|e| e.ends_with(">United Kingdom")),
            "{got:?}"
        );
    }
}
