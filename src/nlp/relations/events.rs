//! Event frames: verbs (either voice), with their modifiers (nouns are in `nouns.rs`).

use super::scan::{actor, by_agents, group_start, left_subjects, right_objects, Actor};
use super::view::{is_be, is_boundary, is_det, View};
use super::{is_symmetric, Cand, Ctx, Frame, Hit};
use crate::model::EntityType;

/// Types a hypothetical (`might sanction`) turns into a threat.
fn is_coercive(kind: &str) -> bool {
    matches!(kind, "sanctions" | "bans" | "attacks" | "coerces")
}

/// Types a future or promise of the source also makes a promise to the target (`X will
/// visit Y`, `X is willing to withdraw from Y`): PLOVER's AGREE.
fn is_promisable(kind: &str) -> bool {
    matches!(
        kind,
        "meets" | "aids" | "concedes" | "withdraws_from" | "supports" | "cooperates_with"
    )
}

/// Does `unless` follow token `k` in the sentence (`will withdraw unless ...`)?
fn conditional_after(v: &View, k: usize) -> bool {
    (k..v.len()).any(|p| v.w(p) == "unless")
}

/// Apply the modifiers found in `[from, to)` to a candidate; returns the future or promise
/// marker that made the (positive) edge a promise as well.
fn modify(cx: &Ctx, in_scope: &dyn Fn(&Hit) -> bool, to: usize, c: &mut Cand) -> Option<usize> {
    let mut promise = None;
    for m in &cx.markers {
        if !in_scope(m) {
            continue;
        }
        let frame = cx.lex.rules[m.rule].frame;
        let future = matches!(frame, Frame::Future | Frame::Promise);
        match frame {
            Frame::Neg => c.negated = true,
            Frame::Threat if c.kind != "threatens" => c.kind = "threatens",
            Frame::Hypo if is_coercive(c.kind) => c.kind = "threatens",
            _ if future && is_coercive(c.kind) => c.kind = "threatens",
            // `X will withdraw from Y unless ...`: a conditional future is a threat.
            _ if future && is_promisable(c.kind) && conditional_after(cx.v, to) => {
                c.kind = "threatens"
            }
            _ if future && is_promisable(c.kind) => {
                promise = Some(m.rule);
                continue;
            }
            Frame::Hypo => c.negated = true,
            _ => continue,
        }
        c.modifier = Some(m.rule);
    }
    // `The G8 will meet at Gleneagles`: a place met at is no party to a promise.
    let place =
        c.kind == "meets" && matches!(c.tgt.kind, EntityType::Location | EntityType::Facility);
    promise.filter(|_| !c.negated && !place && is_promisable(c.kind))
}

/// Modify the candidates `out[start..]` by the modifiers left of the trigger at `a`, adding
/// the promise (agrees_with) a future makes.
pub(super) fn modify_all(cx: &Ctx, a: usize, start: usize, out: &mut Vec<Cand>) {
    let from = window_start(cx.v, a);
    modify_all_by(cx, &|m: &Hit| m.a >= from && m.b <= a, a, start, out);
}

/// Modify the candidates `out[start..]` by the modifiers `in_scope` accepts (the trigger ends
/// at `to`), adding the promise (agrees_with) a future makes.
pub(super) fn modify_all_by(
    cx: &Ctx,
    in_scope: &dyn Fn(&Hit) -> bool,
    to: usize,
    start: usize,
    out: &mut Vec<Cand>,
) {
    let mut extra = Vec::new();
    for c in &mut out[start..] {
        if let Some(m) = modify(cx, in_scope, to, c) {
            let mut p = c.clone();
            p.kind = "agrees_with";
            p.modifier = Some(m);
            extra.push(p);
        }
    }
    out.extend(extra);
}

/// Edges from every source to every target, or between coordinated sources when a
/// symmetric trigger has no target (`India and Iran signed`).
pub(super) fn emit(
    cx: &Ctx,
    hit: &Hit,
    srcs: &[Actor],
    tgts: &[Actor],
    kind: &'static str,
    out: &mut Vec<Cand>,
) -> Vec<Cand> {
    let mut made = Vec::new();
    if tgts.is_empty() && is_symmetric(kind) {
        for (i, a) in srcs.iter().enumerate() {
            for b in &srcs[i + 1..] {
                made.push(cx.cand(*a, *b, kind, hit));
            }
        }
    } else if srcs.len() > 1 && srcs.len() == tgts.len() && respectively(cx.v) {
        // `A and B won the X and Y primaries respectively`: the first with the first.
        let mut s = srcs.to_vec();
        let mut t = tgts.to_vec();
        s.sort_by_key(|x| x.a);
        t.sort_by_key(|x| x.a);
        for (a, b) in s.iter().zip(&t) {
            made.push(cx.cand(*a, *b, kind, hit));
        }
    } else {
        for a in srcs {
            for b in tgts {
                made.push(cx.cand(*a, *b, kind, hit));
            }
        }
    }
    out.extend(made.iter().cloned());
    made
}

fn respectively(v: &super::View) -> bool {
    (0..v.len()).any(|k| v.w(k) == "respectively")
}

/// Does a word before a verb/noun-ambiguous trigger (`ban`, `exports`) make it a noun?
fn noun_reading(prev: &str) -> bool {
    matches!(
        prev,
        "'s" | "\u{2019}s"
            | "the"
            | "a"
            | "an"
            | "its"
            | "their"
            | "his"
            | "her"
            | "our"
            | "in"
            | "of"
            | "on"
            | "for"
    )
}

/// Is `w` also a form of a noun row (`demands`, `calls`)?
fn has_noun_form(cx: &Ctx, w: &str) -> bool {
    cx.lex.index.get(w).is_some_and(|es| {
        es.iter().any(|e| {
            e.rest.is_empty() && matches!(cx.lex.rules[e.rule].frame, Frame::Noun | Frame::NounSubj)
        })
    })
}

/// The subjects of a `that` clause at `j` (`demanded that President Mugabe abandon`),
/// skipping time words, determiners and titles.
pub(super) fn that_subjects(cx: &Ctx, j: usize) -> Vec<Actor> {
    let v = cx.v;
    let mut k = j;
    while k < v.len()
        && k - j < 4
        && (matches!(v.w(k), "today" | "on" | "yesterday" | "again")
            || super::view::is_weekday(v.w(k)))
    {
        k += 1;
    }
    if v.w(k) != "that" {
        return Vec::new();
    }
    clause_subjects(cx, k + 1)
}

/// The actors opening the clause at `from` (coordinated ones too), past up to three
/// determiners, honorifics or job titles (`that the president ...`, `if Mr ...`).
fn clause_subjects(cx: &Ctx, from: usize) -> Vec<Actor> {
    let v = cx.v;
    let mut k = from;
    while k < v.len()
        && k - from < 3
        && v.span_starting(k).is_none()
        && (is_det(v.w(k)) || super::view::is_honorific(v.w(k)) || is_title_word(cx, v.w(k)))
    {
        k += 1;
    }
    v.span_starting(k)
        .map(|s| super::scan::coord_right(v, s))
        .unwrap_or_default()
}

/// A one-word job title of the lexicon (`president`, `minister`).
pub(super) fn is_title_word(cx: &Ctx, w: &str) -> bool {
    cx.lex.index.get(w).is_some_and(|es| {
        es.iter()
            .any(|e| e.rest.is_empty() && cx.lex.rules[e.rule].frame == Frame::Title)
    })
}

/// `X threatened to stop talks if Y ...`: the subject of the condition is the one threatened.
fn condition_subjects(cx: &Ctx, j: usize) -> Vec<Actor> {
    let v = cx.v;
    let Some(c) = (j..v.len()).find(|&k| matches!(v.w(k), "if" | "unless")) else {
        return Vec::new();
    };
    clause_subjects(cx, c + 1)
}

/// A verb: subject -> object in the active, `by`-agent -> subject in the passive.
pub fn verb(cx: &Ctx, hit: &Hit, out: &mut Vec<Cand>) {
    let v = cx.v;
    let prev = v.w(hit.a.wrapping_sub(1));
    if noun_reading(prev) {
        return; // `China's ban on`, `the ban`, `in exports to`: the noun rows take it
    }
    // `an official protest`: inside a longer noun trigger, the word is that noun.
    let in_noun = cx.hits.iter().any(|h| {
        h.a <= hit.a
            && hit.b <= h.b
            && h.b - h.a > hit.b - hit.a
            && matches!(cx.lex.rules[h.rule].frame, Frame::Noun | Frame::NounSubj)
    });
    if in_noun {
        return;
    }
    // `accepted demands from`, `rejected calls by`: a verb right before makes it a noun.
    if prev.ends_with("ed")
        && !super::view::is_aux(prev)
        && hit.b == hit.a + 1
        && has_noun_form(cx, v.w(hit.a))
    {
        return;
    }
    let kind = cx.kind_of(hit.rule);
    let g = group_start(v, hit.a, &cx.marker_ranges());
    // `he collaborated with A and worked with B`: a verb after `and` shares the subject of the
    // verb before it, which the window cannot tell from that verb's object (A): the parse
    // reads it.
    if super::scan::is_coordinated_verb(v, g) {
        return;
    }
    let passive = is_participle(v.w(hit.a))
        && v.w(hit.a.wrapping_sub(1)) != "to"
        && (g..hit.a).any(|k| is_be(v.w(k)));
    let subjects = subject_or_fronted(cx, g, hit.a);
    let (srcs, tgts) = match by_agents(v, hit.b) {
        Some(agents) => (agents, subjects),
        None if passive => return,
        None => {
            let mut objects = right_objects(v, hit.b);
            // `X demanded that Y ...`: the subject of the demanded clause is the target.
            if objects.is_empty() && kind == "demands" {
                objects = that_subjects(cx, hit.b);
            }
            if objects.is_empty() && kind == "threatens" {
                objects = condition_subjects(cx, hit.b);
            }
            (subjects, objects)
        }
    };
    // `expelled two Russian diplomats`: expelling envoys cuts relations (a sanction), not
    // people.
    let kind = if kind == "coerces"
        && v.w(hit.a).starts_with("expel")
        && (hit.b..v.len().min(hit.b + 5)).any(|k| is_envoy(v.w(k)))
    {
        "sanctions"
    } else {
        kind
    };
    // `chairs South Korea's intelligence committee`: a possessor only modifies what is led.
    let mut tgts = tgts;
    if matches!(kind, "leads" | "works_for" | "member_of") {
        tgts.retain(|t| !matches!(v.w(t.b), "'s" | "\u{2019}s"));
    }
    let (srcs, tgts) = if cx.lex.rules[hit.rule].frame == Frame::VerbRev {
        (tgts, srcs)
    } else {
        (srcs, tgts)
    };
    let start = out.len();
    emit(cx, hit, &srcs, &tgts, kind, out);
    modify_all(cx, hit.a, start, out);
}

/// Envoys whose expulsion is a diplomatic sanction.
fn is_envoy(w: &str) -> bool {
    matches!(
        w,
        "diplomat"
            | "diplomats"
            | "ambassador"
            | "envoy"
            | "envoys"
            | "inspectors"
            | "monitors"
            | "observers"
            | "attache"
            | "consul"
    )
}

/// A past participle, as far as a passive needs one.
fn is_participle(w: &str) -> bool {
    w.ends_with("ed")
        || w.ends_with("en")
        || matches!(
            w,
            "met"
                | "held"
                | "led"
                | "told"
                | "sold"
                | "bought"
                | "hit"
                | "struck"
                | "shot"
                | "seen"
                | "cut"
                | "shut"
                | "put"
                | "set"
                | "won"
                | "lent"
                | "sent"
                | "brought"
                | "fought"
                | "caught"
                | "run"
                | "left"
                | "made"
                | "paid"
                | "quit"
                | "bid"
                | "spent"
        )
}

/// The subject left of a predicate or, for a participle fronting the sentence (`Before
/// visiting Israel, Mr Blair ...`), the actor after its comma.
fn subject_or_fronted(cx: &Ctx, g: usize, a: usize) -> Vec<Actor> {
    let v = cx.v;
    let found = left_subjects(v, g, cx.who());
    if !found.is_empty() {
        return found;
    }
    let fronted = (0..a).all(|k| {
        matches!(
            v.w(k),
            "before" | "after" | "while" | "when" | "since" | "upon" | "on" | "by"
        )
    });
    if !fronted || a > 2 || !v.w(a).ends_with("ing") {
        return found;
    }
    let Some(c) = (a..v.len().min(a + 10)).find(|&k| v.w(k) == ",") else {
        return found;
    };
    let mut k = c + 1;
    while k < v.len() && (is_det(v.w(k)) || super::view::is_honorific(v.w(k))) {
        k += 1;
    }
    v.span_starting(k)
        .map(|s| vec![actor(v, s)])
        .unwrap_or_default()
}

/// Start of the window left of `k` where modifiers apply: up to 6 tokens in the clause.
pub(super) fn window_start(v: &View, k: usize) -> usize {
    let mut p = k;
    while p > 0
        && k - p < 6
        && v.span_at(p - 1).is_none()
        && !is_boundary(v.w(p - 1))
        && v.w(p - 1) != ","
    {
        p -= 1;
    }
    p
}
