//! Coordinated actors: `China, Burma and Zimbabwe`, `the Sudanese government and SPLM`, and
//! persons in apposition inside a list (`his Israeli counterpart, Ariel Sharon,`).

use super::scan::{actor, Actor};
use super::view::{is_aux, is_boundary, is_coord, is_det, View};
use crate::model::EntityType;

/// A mention ending at `k` and the mentions coordinated before it (`China, Burma and X`):
/// the separator next to the head must hold `and`/`or`, so `X, Y said` is not a list.
pub(super) fn coord_left(v: &View, s: usize) -> Vec<Actor> {
    let mut out = vec![actor(v, s)];
    let mut a = v.spans[s].a;
    loop {
        let mut k = a;
        let mut conj = false;
        while k > 0 && is_coord(v.w(k - 1)) && a - k < 2 {
            k -= 1;
            conj |= v.w(k) != ",";
        }
        if k == a || (out.len() == 1 && !conj) || k == 0 {
            break;
        }
        // `the Sudanese government and SPLM`: a head noun may follow the earlier conjunct.
        let mut e = k - 1;
        while e > 0 && k - 1 - e < 2 && v.span_at(e).is_none() && is_head_noun(v, e) {
            e -= 1;
        }
        match v.span_ending(e) {
            Some(p) => {
                out.push(actor(v, p));
                a = v.spans[p].a;
            }
            None => break,
        }
    }
    out.reverse();
    out
}

/// A lowercase word that may head a noun phrase after an actor (`government`, `officials`).
fn is_head_noun(v: &View, k: usize) -> bool {
    let w = v.w(k);
    !v.is_cap(k)
        && w.len() > 2
        && w.chars().all(|c| c.is_alphabetic() || c == '-')
        && !is_boundary(w)
        && !is_aux(w)
        && !is_det(w)
        && !matches!(
            w,
            "and" | "or" | "of" | "for" | "with" | "from" | "to" | "in" | "on" | "by"
        )
}

/// A mention starting at `k` and the mentions coordinated after it; a list of commas only
/// (`Iran, Russia's partner`) is not a coordination, so items after the last `and` go.
pub fn coord_right(v: &View, s: usize) -> Vec<Actor> {
    let mut out = vec![actor(v, s)];
    let mut keep = 1;
    let mut b = appositive_person(v, s, &mut out);
    loop {
        let mut k = b;
        let mut conj = false;
        while k < v.len() && (is_coord(v.w(k)) || (k > b && is_det(v.w(k)))) && k - b < 3 {
            conj |= matches!(v.w(k), "and" | "or" | "&");
            k += 1;
        }
        if k == b {
            break;
        }
        match v.span_starting(k) {
            Some(p) => {
                out.push(actor(v, p));
                b = appositive_person(v, p, &mut out);
                if conj {
                    keep = out.len();
                }
            }
            None => break,
        }
    }
    out.truncate(keep);
    out
}

/// `his Israeli counterpart, Ariel Sharon,`: a place or country premodifying a role noun,
/// then a person in apposition. Pushes the person and returns the end of the item.
fn appositive_person(v: &View, s: usize, out: &mut Vec<Actor>) -> usize {
    let sp = v.spans[s];
    let mut k = sp.b;
    if !matches!(
        sp.kind,
        EntityType::Country | EntityType::Location | EntityType::Organization
    ) {
        return k;
    }
    while k < v.len() && k - sp.b < 3 && v.span_at(k).is_none() && is_head_noun(v, k) {
        k += 1;
    }
    if k == sp.b || v.w(k) != "," {
        return sp.b;
    }
    match v.span_starting(k + 1) {
        Some(p) if v.spans[p].kind == EntityType::Person => {
            out.push(actor(v, p));
            v.spans[p].b
        }
        _ => sp.b,
    }
}
