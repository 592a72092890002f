//! Noun frames: `X's ban on Y`, `UN sanctions on Iran`, `X held talks with Y`, `its invasion
//! of Y`, and aid given by a support verb (`X gave Y $5m of aid`).

use super::events::{emit, modify_all, that_subjects};
use super::scan::{actor, by_agents, group_start, left_subjects, right_objects, Actor};
use super::view::{ends_modifiers, is_boundary, View};
use super::{is_symmetric, Cand, Ctx, Frame, Hit};

/// Modifier words allowed between a possessive or premodifier and its noun.
fn is_np_mod(v: &View, k: usize) -> bool {
    let w = v.w(k);
    v.span_at(k).is_none()
        && w.chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '$')
        && !is_boundary(w)
        && !ends_modifiers(w)
        && w != "have"
}

/// A noun: the agent is a possessive (`China's ban`), a premodifier (`UN sanctions`), a
/// `by` phrase, or (for `noun_subj` rows) the clause subject; the target follows it.
pub fn noun(cx: &Ctx, hit: &Hit, out: &mut Vec<Cand>) {
    let v = cx.v;
    let kind = cx.kind_of(hit.rule);
    if hit.a > 0 && v.w(hit.a - 1) == "under" && !is_symmetric(kind) {
        return under(cx, hit, kind, hit.a - 1, out);
    }
    let mut k = hit.a;
    while k > 0 && hit.a - k < 3 && is_np_mod(v, k - 1) {
        k -= 1;
    }
    let poss = k >= 2 && v.is_poss(k - 1);
    let before = if poss { k - 2 } else { k.wrapping_sub(1) };
    let mut agents: Vec<Actor> = v
        .span_ending(before)
        .map(|s| vec![actor(v, s)])
        .unwrap_or_default();
    // A premodifier without a possessive is ambiguous (`Iran sanctions`): it is the agent only
    // when a target follows.
    let premod = !poss && !agents.is_empty();
    let mut after = hit.b;
    if let Some(by) = by_agents(v, hit.b) {
        if !by.is_empty() {
            after = by.last().map_or(hit.b, |a| a.b);
            agents = by;
        }
    }
    // `Israel mounted its invasion of Lebanon`: its/their is the clause subject.
    if agents.is_empty() {
        if let Some(d) = (k.saturating_sub(1)..hit.a).find(|&d| matches!(v.w(d), "its" | "their")) {
            agents = left_subjects(v, d, cx.who());
        }
    }
    // `The UN will provide food aid to Liberia`, `the EC gave the Ivory Coast $5m of aid`: a
    // giving verb before an aid noun makes its subject the agent, its indirect object the
    // target, and its modifiers (`will`) the edge's.
    let mut support = None;
    if agents.is_empty() && kind == "aids" {
        support = (k.saturating_sub(8)..k)
            .rev()
            .take_while(|&q| !is_boundary(v.w(q)))
            .find(|&q| is_giving(v.w(q)));
        if let Some(q) = support {
            agents = left_subjects(v, group_start(v, q, &cx.marker_ranges()), cx.who());
        }
    }
    // `Ghana received a loan from the World Bank`, `Ghana received Japanese aid`: the giver
    // is after `from` (else the noun's own agent), the receiver the subject; no giver named,
    // no edge (the subject is no giver).
    if kind == "aids" {
        let received = (hit.a.saturating_sub(8)..hit.a)
            .rev()
            .take_while(|&q| !is_boundary(v.w(q)))
            .find(|&q| is_receiving(v.w(q)));
        if let Some(q) = received {
            let receivers = left_subjects(v, group_start(v, q, &cx.marker_ranges()), cx.who());
            let from = word_after(v, hit.b, 6, |w| w == "from");
            let mut givers = from.map(|p| right_objects(v, p + 1)).unwrap_or_default();
            if givers.is_empty() {
                givers = agents.clone();
            }
            givers.retain(|g| !receivers.iter().any(|r| r.entity == g.entity));
            let start = out.len();
            emit(cx, hit, &givers, &receivers, kind, out);
            modify_all(cx, q, start, out);
            return;
        }
    }
    let between = v.w(hit.b) == "between";
    let mut tgts = right_objects(v, after);
    if let (true, Some(q)) = (tgts.is_empty(), support) {
        if let Some(s) = (q + 1..k).find_map(|p| v.span_starting(p)) {
            tgts = super::scan::coord_right(v, s);
        }
    }
    if tgts.is_empty() && kind == "demands" {
        tgts = that_subjects(cx, hit.b);
    }
    // `Straw noted arms embargoes on China`: a reported noun is not the speaker's act.
    // `Italy announced a suspension of links`: announcing or declaring is the act itself.
    let reported = cx.hits.iter().any(|h| {
        h.a >= k.saturating_sub(1)
            && h.b <= hit.a
            && matches!(cx.lex.rules[h.rule].frame, Frame::Speech | Frame::Tell)
            && !matches!(
                v.w(h.a),
                "announced" | "announces" | "declared" | "declares"
            )
    });
    if agents.is_empty() && cx.lex.rules[hit.rule].frame == Frame::NounSubj && !between && !reported
    {
        agents = left_subjects(v, k, cx.who());
    }
    if between && agents.is_empty() {
        let heads = between_heads(v, hit.b + 1);
        if heads.len() >= 2 {
            tgts = heads;
        }
    }
    if between && agents.is_empty() && tgts.len() >= 2 {
        agents = vec![tgts.remove(0)];
        // `the war between A and B`: fighting between parties runs both ways; other
        // kinds need a side.
        if kind == "attacks" {
            let start = out.len();
            let all: Vec<Actor> = agents.iter().chain(&tgts).copied().collect();
            for a in &all {
                for b in all.iter().filter(|b| b.entity != a.entity) {
                    out.push(cx.cand(*a, *b, kind, hit));
                }
            }
            modify_all(cx, hit.a, start, out);
            return;
        }
        if !is_symmetric(kind) {
            return;
        }
        let first = agents[0];
        let start = out.len();
        emit(cx, hit, &[first], &tgts, kind, out);
        for (i, a) in tgts.iter().enumerate() {
            for b in &tgts[i + 1..] {
                out.push(cx.cand(*a, *b, kind, hit));
            }
        }
        modify_all(cx, hit.a, start, out);
        return;
    }
    if tgts.is_empty() && premod && !is_symmetric(kind) {
        return;
    }
    let start = out.len();
    emit(cx, hit, &agents, &tgts, kind, out);
    modify_all(cx, support.unwrap_or(hit.a), start, out);
}

/// `X is under investigation by Y`, `X came under attack from Y`: the noun is passive, so the
/// clause subject is its target and the name after `by` or `from` its agent; no agent named, no
/// edge. `under` is token `u`. (Not for ties both sides share: `X works under agreements with
/// Y` is X's own.)
fn under(cx: &Ctx, hit: &Hit, kind: &'static str, u: usize, out: &mut Vec<Cand>) {
    let v = cx.v;
    let by = word_after(v, hit.b, 8, |w| matches!(w, "by" | "from"));
    let agents = by.map(|p| right_objects(v, p + 1)).unwrap_or_default();
    let tgts = left_subjects(v, u, cx.who());
    if agents.is_empty() || tgts.is_empty() {
        return;
    }
    let start = out.len();
    emit(cx, hit, &agents, &tgts, kind, out);
    modify_all(cx, hit.a, start, out);
}

/// The first word among the `within` tokens from `from` that `is` accepts, before the clause
/// ends (`a loan ... from X`, `under investigation ... by X`).
fn word_after(v: &View, from: usize, within: usize, is: impl Fn(&str) -> bool) -> Option<usize> {
    (from..(from + within).min(v.len()))
        .take_while(|&p| !is_boundary(v.w(p)))
        .find(|&p| is(v.w(p)))
}

/// The parties of `between A, B and C` from token `from`: each name that heads its item, not
/// one that modifies a later name (`Gazprom chairman Aleksey Miller`, `India's minister X`).
fn between_heads(v: &View, from: usize) -> Vec<Actor> {
    let mut out = Vec::new();
    let mut last_item = false;
    let mut p = from;
    while p < v.len() && p - from < 40 {
        let w = v.w(p);
        if is_boundary(w) || matches!(w, "(" | "on" | "in" | "at" | "to" | "over") {
            break;
        }
        last_item |= w == "and";
        let Some(s) = v.span_starting(p) else {
            p += 1;
            continue;
        };
        let x = actor(v, s);
        let mut q = x.b;
        while q < v.len() && q - x.b < 3 && v.span_starting(q).is_none() && is_np_mod(v, q) {
            q += 1;
        }
        let poss = v.is_poss(x.b);
        if !(poss || (q > x.b && v.span_starting(q).is_some())) {
            out.push(x);
            if last_item {
                break;
            }
        }
        p = x.b;
    }
    out
}

/// Verbs that receive what an aid noun names (`received a loan from`).
pub(super) fn is_receiving(w: &str) -> bool {
    matches!(
        w,
        "received" | "receives" | "receive" | "receiving" | "obtained" | "accepted" | "secured"
    )
}

/// Verbs that give what an aid noun names (`provide aid`, `gave ... a grant`).
fn is_giving(w: &str) -> bool {
    matches!(
        w,
        "gave"
            | "give"
            | "gives"
            | "giving"
            | "provide"
            | "provided"
            | "provides"
            | "providing"
            | "sent"
            | "send"
            | "sends"
            | "offered"
            | "offer"
            | "offers"
            | "pledged"
            | "pledge"
            | "extended"
            | "extend"
            | "delivered"
            | "deliver"
            | "granted"
            | "donated"
            | "approved"
            | "promised"
    )
}
