//! Who acts. A place acts only as a clause's subject: `Beirut rejected the appeal` is its
//! government's act, but `In Nadi two bomb threats forced an evacuation` or `a blast near the
//! town of Samarra killed two soldiers` only say where something happened. A source is
//! spoken by its author: `according to a Twitter post by Amy Cook`. A venue is no party to a
//! meeting: `The G8 will meet at Gleneagles`, `a summit in Genoa`, and a place naming an event
//! (`the London meeting`) is not what a speaker speaks of.

use super::deps::trigger_token;
use super::tree::Tree;
use super::view::{is_det, View};
use super::{Cand, Ctx, Frame};
use crate::model::EntityType;

/// Drop the event edges the windows drew from a place (not a country) that the parse makes
/// no subject, agent or possessor. Structural and statement edges keep their own rules.
pub fn places_act_as_subjects(cx: &Ctx, out: &mut Vec<Cand>) {
    let (place, country) = (EntityType::Location, EntityType::Country);
    if !out
        .iter()
        .any(|c| checked(cx, c, place) || checked(cx, c, country))
    {
        return;
    }
    let Some(t) = cx.v.tree() else { return };
    out.retain(|c| !checked(cx, c, place) || acts(t, c.src.a, c.src.b));
    // A country acts through its adjective, its people or its name, but not from an oblique
    // (`The coalition came to Iraq to fight ISIS`).
    out.retain(|c| !checked(cx, c, country) || !oblique(t, c.src.a, c.src.b));
}

/// Is the name at tokens `[a, b)` an oblique of a verb (`to Iraq`, `in Iraq`)?
fn oblique(t: &Tree, a: usize, b: usize) -> bool {
    let k = trigger_token(t, a, b);
    t.base(k) == "obl" && !matches!(t.rel(k), "obl:agent" | "obl:unmarked")
}

/// Is `c` an event edge the token windows drew from a `kind` source? Windows take the nearest
/// name before a verb; the parse patterns read subjects (through group nouns and counts:
/// `thousands of Kurds`) on their own.
fn checked(cx: &Ctx, c: &Cand, kind: EntityType) -> bool {
    c.pattern.is_none()
        && c.src.kind == kind
        && !matches!(cx.lex.types.family(c.kind), "structure" | "statement")
}

/// Is the name at tokens `[a, b)` a subject, an agent or a possessor (through coordination
/// and apposition)?
fn acts(t: &Tree, a: usize, b: usize) -> bool {
    let mut k = trigger_token(t, a, b);
    for _ in 0..8 {
        match t.rel(k) {
            "conj" | "appos" | "flat" => match t.head(k) {
                Some(h) => k = h,
                None => return true,
            },
            r => {
                return t.base(k) == "nsubj"
                    || matches!(
                        r,
                        "obl:agent" | "obl:unmarked" | "nmod:poss" | "root" | "dep"
                    )
            }
        }
    }
    false
}

/// `according to a Twitter post by Amy Cook`: the author of the source named by `by` or
/// `from` a word or two after the first name speaks, not the name premodifying the source.
pub(super) fn by_agent(v: &View, s: usize) -> usize {
    let b = v.spans[s].b;
    let Some(k) = (b..(b + 3).min(v.len())).find(|&k| matches!(v.w(k), "by" | "from")) else {
        return s;
    };
    if (b..k).any(|p| v.span_at(p).is_some() || matches!(v.w(p), "," | "." | ";")) {
        return s;
    }
    let k = if is_det(v.w(k + 1)) { k + 2 } else { k + 1 };
    v.span_starting(k).unwrap_or(s)
}

/// Drop the meetings with a place met at (`at X`), or a place a meeting noun is held in.
pub fn no_venues(cx: &Ctx, out: &mut Vec<Cand>) {
    out.retain(|c| !is_venue_meeting(cx, c));
}

/// `Sony released its new console`, `the Treasury will release data on U.S. reserves`: a release
/// concedes (or promises) something only when people are released (prisoners, hostages, a
/// person named: CAMEO's release of persons). Films, products, reports and figures are
/// released every day in business and arts news; on the BBC and Reuters archives all but one
/// of 35 `released` edges were those.
pub fn releases_people_only(cx: &Ctx, out: &mut Vec<Cand>) {
    out.retain(|c| !cx.v.w(c.trig.0).starts_with("releas") || releases_people(cx, c));
}

/// A person released by name (not a possessor: `Perelman's letter`), or a word for people
/// within five words of the trigger (`released 15 British sailors`, `the hostages were
/// released`).
fn releases_people(cx: &Ctx, c: &Cand) -> bool {
    let v = cx.v;
    if c.tgt.kind == EntityType::Person && !v.is_poss(c.tgt.b) {
        return true;
    }
    let (a, b) = (c.trig.0.saturating_sub(5), v.len().min(c.trig.1 + 5));
    (a..b).any(|k| super::words::is_people_noun(v.w(k)))
}

/// A meeting with the place it was held at (`held talks in Beijing`), which `no_venues` drops.
pub(super) fn is_venue_meeting(cx: &Ctx, c: &Cand) -> bool {
    c.kind == "meets" && is_venue(cx, c)
}

fn is_venue(cx: &Ctx, c: &Cand) -> bool {
    let v = cx.v;
    if !matches!(c.tgt.kind, EntityType::Location | EntityType::Facility) {
        return false;
    }
    let p = v.with_det(c.tgt.a);
    if p == 0 || (c.trig.0..c.trig.1).contains(&(p - 1)) {
        return false;
    }
    let noun = matches!(cx.lex.rules[c.rule].frame, Frame::Noun | Frame::NounSubj);
    match v.w(p - 1) {
        "at" => true,
        "in" => noun,
        _ => false,
    }
}

/// Does the place at `t` name the event noun right after it (`the London meeting`, `the
/// Madrid bombing`)? Such a place is the event's scene, not an actor of a reported clause.
pub(super) fn names_an_event(cx: &Ctx, t: super::Actor) -> bool {
    let v = cx.v;
    t.kind == EntityType::Location
        && cx.lex.index.get(v.w(t.b)).is_some_and(|es| {
            es.iter().any(|e| {
                e.rest.is_empty()
                    && matches!(cx.lex.rules[e.rule].frame, Frame::Noun | Frame::NounSubj)
            })
        })
}

/// Is a place named as where something happens (`demonstrated in Hong Kong`, `at a hall in
/// Lagos`)? A scene is a modifier of the clause, not one of its actors.
pub(super) fn is_scene(v: &View, t: super::Actor) -> bool {
    let p = v.with_det(t.a);
    // `at the ceremony in Pasadena, California`: the state or country after a scene's comma
    // is part of the scene.
    let after_scene = p >= 2
        && v.w(p - 1) == ","
        && matches!(t.kind, EntityType::Location | EntityType::Country)
        && v.span_ending(p - 2)
            .is_some_and(|s| is_scene(v, super::scan::actor(v, s)));
    after_scene
        || t.kind == EntityType::Location
            && p > 0
            && matches!(
                v.w(p - 1),
                "in" | "at" | "near" | "outside" | "inside" | "throughout"
            )
}
