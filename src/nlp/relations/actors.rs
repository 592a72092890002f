//! Who stands at a token of the parse: the name it is part of, the person an object `him` or
//! `her` refers to, a person named by a title, or the names behind a group noun (`Greek
//! police`), each spread over its conjuncts.

use super::deps::{case_is, subject};
use super::scan::{actor, Actor};
use super::tree::Tree;
use super::Ctx;
use crate::grammar::Upos;
use crate::model::EntityType;

/// Nouns that count people (`dozens of refugees`).
const QUANTITY: &[&str] = &[
    "dozens",
    "scores",
    "hundreds",
    "thousands",
    "millions",
    "tens",
    "number",
    "group",
];

/// The actors a token stands for: the name it is part of, the person a `he`/`she` refers to,
/// or the names modifying a group noun (`Greek police`, `North Korean ore`), each spread
/// over its conjuncts.
pub(super) fn actors_at(
    cx: &Ctx,
    t: &Tree,
    k: usize,
    group: bool,
    depth: usize,
    out: &mut Vec<Actor>,
) {
    let v = cx.v;
    if let Some(s) = v.span_at(k) {
        out.push(actor(v, s));
    } else if let Some((_, bound)) = cx.bound.iter().find(|(b, _)| *b == k) {
        out.extend(bound.iter().copied());
    } else if let Some(x) = object_pronoun(cx, t, k) {
        out.push(x);
    } else if super::words::is_person_pronoun(v.w(k)) {
        if let Some((entity, kind)) = cx.person {
            out.push(Actor {
                entity,
                kind,
                a: k,
                b: k + 1,
            });
        }
    } else if let Some(named) = titled(cx, t, k) {
        // A title or role noun named by its apposition or its flat name (`Rep. Kang`, `a
        // spokesperson, Morgan Ortagus,`): the person acts.
        out.push(named);
    } else if group && t.upos(k) == Upos::Noun && !super::events::is_title_word(cx, v.w(k)) {
        let before = out.len();
        // A name before a noun acts through it when it is a country's adjective or
        // possessive (`Greek police`, `China's troops`), not as any compound (`the
        // university's professor` speaks for himself; `Labour chairman` is no party act).
        // A noun compound passes its own modifiers on (`Israeli army bulldozers`, `Irish
        // nationalist guerrillas`): the parse hangs the adjective on the nearer noun.
        let inner = t.kids(k).iter().filter(|&&c| {
            t.rel(c) == "compound" && t.upos(c) == Upos::Noun && v.span_at(c).is_none()
        });
        let kids: Vec<usize> = t
            .kids(k)
            .iter()
            .chain(inner.flat_map(|&c| t.kids(c).iter()))
            .copied()
            .collect();
        for c in kids {
            let Some(s) = v.span_at(c) else { continue };
            let country = matches!(v.spans[s].kind, EntityType::Country);
            let by_rel = match t.rel(c) {
                "amod" | "nmod:poss" => true,
                "compound" => country,
                _ => false,
            };
            // A body acts through what it owns (`the EU's move`, `Acme's bid`), as a country
            // does; an adjective or compound only for a country. A person's possessions
            // (`Rooney's search`, `Vogts' tenure`) are too often no act of theirs.
            let owner = t.rel(c) == "nmod:poss"
                && matches!(
                    v.spans[s].kind,
                    EntityType::Organization | EntityType::Media
                );
            if owner {
                out.push(actor(v, s));
            }
            if by_rel && country {
                out.push(actor(v, s));
                // `the Turkish and Greek sides`: coordinated adjectives act alike.
                for d in t.kids_by(c, "conj") {
                    let s = v
                        .span_at(d)
                        .filter(|&s| v.spans[s].kind == EntityType::Country);
                    out.extend(s.map(|s| actor(v, s)));
                }
            }
        }
        // `forces in Guinea` act for the country they are in when nothing else names theirs.
        if out.len() == before {
            for c in t.kids_by(k, "nmod").collect::<Vec<_>>() {
                let s = v
                    .span_at(c)
                    .filter(|&s| v.spans[s].kind == EntityType::Country);
                if let (Some(s), true) = (s, case_is(cx, t, c, "in")) {
                    out.push(actor(v, s));
                }
            }
        }
        // A count of people stands for whom it counts (`scores of Liberian refugees`).
        if QUANTITY.contains(&v.w(k)) && depth < 6 {
            for c in t.kids_by(k, "nmod").collect::<Vec<_>>() {
                if case_is(cx, t, c, "of") {
                    actors_at(cx, t, c, group, depth + 1, out);
                }
            }
        }
    }
    if depth < 6 {
        for c in t.kids_by(k, "conj").collect::<Vec<_>>() {
            actors_at(cx, t, c, group, depth + 1, out);
        }
    }
}

/// `him`/`her` as an object: the nearest person named before it in the sentence who is not
/// the subject of its own clause (`Republicans broke with Trump and urged him to go`; in
/// `Trump said Biden beat him` not Biden).
fn object_pronoun(cx: &Ctx, t: &Tree, k: usize) -> Option<Actor> {
    let v = cx.v;
    if !matches!(v.w(k), "him" | "her") || !matches!(t.base(k), "obj" | "iobj" | "obl") {
        return None;
    }
    let h = t.head(k)?;
    let subj: Vec<usize> = subject(cx, t, h, false, 0)
        .into_iter()
        .filter_map(|c| v.span_at(c).map(|s| v.spans[s].entity))
        .collect();
    let s = (0..v.spans.len()).rev().find(|&s| {
        v.spans[s].b <= k
            && v.spans[s].kind == EntityType::Person
            && !subj.contains(&v.spans[s].entity)
    })?;
    Some(Actor {
        a: k,
        b: k + 1,
        ..actor(v, s)
    })
}

/// The person a title or role noun is given by: its `appos`, or its `flat` name after a
/// title word (`Rep. Kang Seok-ho`).
fn titled(cx: &Ctx, t: &Tree, k: usize) -> Option<Actor> {
    let v = cx.v;
    if !matches!(t.upos(k), Upos::Noun | Upos::Propn) {
        return None;
    }
    let title = super::events::is_title_word(cx, v.w(k).trim_end_matches('.'));
    t.kids(k).iter().find_map(|&c| {
        let s = v.span_at(c)?;
        let by = match t.rel(c) {
            "appos" => true,
            "flat" => true,
            "compound" => title,
            _ => false,
        };
        (by && v.spans[s].kind == EntityType::Person).then(|| actor(v, s))
    })
}

pub(super) fn dedup(mut a: Vec<Actor>) -> Vec<Actor> {
    let mut seen = Vec::new();
    a.retain(|x| {
        let new = !seen.contains(&x.entity);
        seen.push(x.entity);
        new
    });
    a
}
