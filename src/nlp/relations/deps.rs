//! Relations read from the dependency parse: a trigger's source and target reached by the
//! paths of `data/dep-patterns.tsv`, names standing behind group nouns (`Greek police`),
//! coordination spread, and modifiers (`not`, `refused to`, `will`) taken from the words
//! attached to the trigger's verb chain.

use super::actors::{actors_at, dedup};
use super::events::{emit, modify_all_by};
use super::patterns::{Pattern, Step};
use super::scan::{actor, Actor};
use super::tree::Tree;
use super::{Cand, Ctx, Frame, Hit};
use crate::grammar::Upos;
use crate::model::EntityType;

/// The token of `[a, b)` whose head lies outside it: the trigger's head word.
pub fn trigger_token(t: &Tree, a: usize, b: usize) -> usize {
    (a..b)
        .find(|&k| t.head(k).is_none_or(|h| h < a || h >= b))
        .unwrap_or(a)
}

fn is_relative(w: &str) -> bool {
    matches!(w, "who" | "which" | "that" | "whom")
}

/// The subject of the clause of `k` (`pass`: its passive subject), inherited from the verb
/// it depends on through `xcomp` and `conj`, and the noun a relative clause hangs on.
pub(super) fn subject(cx: &Ctx, t: &Tree, k: usize, pass: bool, depth: usize) -> Vec<usize> {
    // A passive verb's `nsubj` (the parser's common slip) is its passive subject, and an
    // `nsubj:pass` of a verb with no passive auxiliary but an object or a perfect `have`
    // (`forces have tortured refugees`, `the two sides have agreed to talk`) its active one.
    let passive = t.kids(k).iter().any(|&c| t.rel(c) == "aux:pass");
    let active = t.kids(k).iter().any(|&c| {
        t.rel(c) == "obj"
            || (t.rel(c) == "aux" && matches!(cx.v.w(c), "have" | "has" | "had" | "'ve"))
    });
    let has_obj = t.kids(k).iter().any(|&c| t.rel(c) == "obj");
    let found = t.kids(k).iter().copied().find(|&c| match t.rel(c) {
        "nsubj:pass" => pass || (!passive && active),
        "nsubj" => pass == passive,
        _ => false,
    });
    if let Some(c) = found {
        let rel = t.rel(k);
        if is_relative(cx.v.w(c)) && (rel == "acl:relcl" || rel == "acl") {
            return t.head(k).into_iter().collect();
        }
        return vec![c];
    }
    if depth > 4 {
        return Vec::new();
    }
    let Some(h) = t.head(k) else {
        return Vec::new();
    };
    // The complement of a passive verb acts by its passive subject (`X was reported to have
    // attended`, `X was asked to leave`).
    let head_passive = t.kids(h).iter().any(|&c| t.rel(c) == "aux:pass");
    // ... and of an active verb with an object, by that object (`urged Iran to free them`),
    // which a parser may label an indirect object when the complement follows it.
    let by_rel = |r: &str| t.kids(h).iter().copied().find(|&c| t.rel(c) == r);
    let object = by_rel("obj").or_else(|| by_rel("iobj"));
    match t.rel(k) {
        "xcomp" if !head_passive && object.is_some() && !pass => object.into_iter().collect(),
        "xcomp" => subject(cx, t, h, head_passive, depth + 1),
        "conj" if t.upos(k) == Upos::Verb => subject(cx, t, h, pass, depth + 1),
        // A participle's adverbial clause without a subject of its own acts by the subject of
        // the clause it modifies (`X, speaking at a summit with Y, smiled`; passive: `X, based
        // in Oslo, posted a loss`), as the same participle hung on the noun does (`acl`).
        "advcl" if t.upos(k) == Upos::Verb && !head_passive => {
            let w = cx.v.w(k);
            match (pass, w.ends_with("ing"), w.ends_with("ed")) {
                (false, true, _) | (true, _, true) => subject(cx, t, h, false, depth + 1),
                _ => Vec::new(),
            }
        }
        // A `to` clause of a passive verb labelled adverbial is its complement (`X was
        // reported to have attended`): as `xcomp`, by the passive subject.
        "advcl" if head_passive && t.kids(k).iter().any(|&c| cx.v.w(c) == "to") => {
            subject(cx, t, h, true, depth + 1)
        }
        "acl:relcl" if !pass => vec![h],
        // A participle hung on a noun is passive (`troops stationed in Iraq`) unless it has an
        // object (`guerrillas wounded two soldiers`, read as a reduced relative).
        "acl" if pass == (cx.v.w(k).ends_with("ed") && !has_obj) => vec![h],
        _ => Vec::new(),
    }
}

pub(super) fn case_is(cx: &Ctx, t: &Tree, k: usize, word: &str) -> bool {
    t.kids(k)
        .iter()
        .any(|&c| t.base(c) == "case" && cx.v.w(c).eq_ignore_ascii_case(word))
}

/// `rel` may name alternatives (`compound|amod`): a parser draws either for a demonym.
fn rel_matches(t: &Tree, k: usize, rel: &str) -> bool {
    rel.split('|').any(|rel| {
        if rel.contains(':') {
            t.rel(k) == rel
        } else {
            t.base(k) == rel
        }
    })
}

/// The part of speech a pattern sees: a word tagged as an adjective that the parse attaches
/// as a nominal argument is used as a noun (`won the Democratic primary`, `primary` ADJ/`obj`).
pub(super) fn pos_of(t: &Tree, k: usize) -> Upos {
    match (t.upos(k), t.base(k)) {
        (Upos::Adj, "obj" | "iobj" | "nsubj" | "obl" | "nmod" | "appos") => Upos::Noun,
        (u, _) => u,
    }
}

/// The name right after `k` behind one of the case words `words` (`talks with Ariel Sharon`,
/// `a subsidiary of Acme`), however the parser attached the preposition: as the `advmod` of
/// the noun heading the name, or the name's phrase to another word. Its head token.
fn adjacent(cx: &Ctx, t: &Tree, k: usize, words: &[String]) -> Option<usize> {
    let case = k + 1;
    if case >= t.len() {
        return None;
    }
    let w = cx.v.w(case);
    if !words
        .iter()
        .any(|x| x == w || (x == "*" && t.upos(case) == Upos::Adp))
    {
        return None;
    }
    let mut j = case + 1;
    while j < t.len() && t.upos(j) == Upos::Det {
        j += 1;
    }
    let s = cx.v.span_at(j)?;
    let sp = &cx.v.spans[s];
    (sp.a == j).then(|| trigger_token(t, sp.a, sp.b))
}

fn case_matches(cx: &Ctx, t: &Tree, k: usize, words: &[String]) -> bool {
    t.kids(k)
        .iter()
        .any(|&c| t.base(c) == "case" && words.iter().any(|w| w == "*" || w == cx.v.w(c)))
}

/// The agent of a passive verb that the parser hung on one of the verb's obliques before it
/// (`was welcomed at the time by Beijing`: `by Beijing` the `nmod` of `time`), when the path
/// asks for `by`.
fn agent_below(cx: &Ctx, t: &Tree, k: usize, case: Option<&[String]>) -> Vec<usize> {
    let passive = t.kids(k).iter().any(|&c| t.rel(c) == "aux:pass");
    if !passive || !case.is_some_and(|w| w.iter().any(|x| x == "by")) {
        return Vec::new();
    }
    let obliques = t
        .kids(k)
        .iter()
        .copied()
        .filter(|&c| t.base(c) == "obl" && c > k);
    obliques
        .flat_map(|o| t.kids(o).iter().copied().filter(move |&c| c > o))
        .filter(|&c| t.base(c) == "nmod" && case_is(cx, t, c, "by"))
        .collect()
}

/// Follow `steps` from `start`; returns the tokens reached and whether the path ends in `*`.
fn walk(cx: &Ctx, t: &Tree, start: usize, steps: &[Step]) -> (Vec<usize>, bool) {
    let mut at = vec![start];
    let mut all = false;
    for step in steps {
        let mut next = Vec::new();
        for &k in &at {
            match step {
                Step::Down(rel, case) => {
                    let from = next.len();
                    next.extend(t.kids(k).iter().copied().filter(|&c| {
                        rel_matches(t, c, rel)
                            && case.as_ref().is_none_or(|w| case_matches(cx, t, c, w))
                    }));
                    if next.len() == from {
                        next.extend(case.as_ref().and_then(|w| adjacent(cx, t, k, w)));
                    }
                    if next.len() == from && rel == "obl" {
                        next.extend(agent_below(cx, t, k, case.as_deref()));
                    }
                }
                Step::Up(rel) => {
                    if rel_matches(t, k, rel) {
                        next.extend(t.head(k));
                    }
                }
                Step::Subj(pass) => next.extend(subject(cx, t, k, *pass, 0)),
                Step::Form(forms) => {
                    if forms.iter().any(|f| f == cx.v.w(k)) {
                        next.push(k);
                    }
                }
                Step::All => {
                    all = true;
                    next.push(k);
                }
                // Read by `cands` (the family, `else`) and `reach` (the types).
                Step::Family(_) | Step::Types(_) | Step::Else => next.push(k),
            }
        }
        at = next;
        if at.is_empty() {
            break;
        }
    }
    (at, all)
}

/// The actors a path reaches from the trigger `k` (`group`: also the names behind a group
/// noun).
pub(super) fn reach(
    cx: &Ctx,
    t: &Tree,
    k: usize,
    steps: &[Step],
    exclude: &[Actor],
    group: bool,
) -> Vec<Actor> {
    let (ends, all) = walk(cx, t, k, steps);
    let mut out = Vec::new();
    for e in ends {
        // A clause whose subject is `who`/`which` is a relative clause the parser hung on the
        // wrong word (`said McIlroy, who came back under Lester's guidance`), not the report.
        let relative = t
            .kids(e)
            .iter()
            .any(|&c| t.base(c) == "nsubj" && matches!(cx.v.w(c), "who" | "which"));
        if all && relative {
            continue;
        }
        if all {
            // Every name of the subtree outside the trigger's own phrase and outside the
            // phrases of the excluded actors (`said McIlroy, who ... under Lester's guidance`).
            let heads: Vec<usize> = exclude.iter().map(|x| trigger_token(t, x.a, x.b)).collect();
            for (s, sp) in cx.v.spans.iter().enumerate() {
                let inside = t.dominates(e, sp.a);
                let own = !t.dominates(k, e) && t.dominates(k, sp.a);
                let theirs = heads.iter().any(|&h| t.dominates(h, sp.a));
                if inside && !own && !theirs && !exclude.iter().any(|x| x.entity == sp.entity) {
                    out.push(actor(cx.v, s));
                }
            }
        } else {
            actors_at(cx, t, e, group, 0, &mut out);
        }
    }
    for s in steps {
        if let Step::Types(types) = s {
            out.retain(|a| types.contains(&a.kind));
        }
    }
    dedup(out)
}

/// The verb chain of a trigger: itself, the verbs it is the `xcomp` of (`refused to ban`),
/// and the verb whose object it is (`imposed sanctions`).
fn chain(t: &Tree, k: usize) -> Vec<usize> {
    let mut c = vec![k];
    let mut at = k;
    while let (Some(h), "xcomp" | "obj") = (t.head(at), t.rel(at)) {
        if c.len() > 4 {
            break;
        }
        c.push(h);
        at = h;
    }
    c
}

/// The edge type of a speech act by a speaker of this kind (`None`: no such edge).
fn speech_kind(rule_kind: &'static str, speaker: EntityType) -> Option<&'static str> {
    Some(match (rule_kind, speaker) {
        ("denies", _) => "denies",
        (_, EntityType::Media) => "reports",
        (_, EntityType::Person | EntityType::Organization | EntityType::Country) => "claims",
        _ => return None,
    })
}

/// Candidates of one trigger by the patterns of its frame; `false` when no pattern reached
/// both a source and a target.
pub fn cands(cx: &Ctx, t: &Tree, pats: &[Pattern], hit: &Hit, out: &mut Vec<Cand>) -> bool {
    let frame = cx.lex.rules[hit.rule].frame;
    let k = trigger_token(t, hit.a, hit.b);
    let rule_kind = cx.kind_of(hit.rule);
    let start = out.len();
    for (pi, p) in pats.iter().enumerate() {
        if !p.frames.contains(&frame) || !p.pos.contains(&pos_of(t, k)) {
            continue;
        }
        let steps = p.source.iter().chain(&p.target);
        let family = cx.lex.types.family(rule_kind);
        let fits = steps.clone().all(|s| match s {
            // `<!consult>`: any family but these.
            Step::Family(f) => match f.iter().all(|x| x.starts_with('!')) {
                true => !f.iter().any(|x| x[1..] == *family),
                false => f.iter().any(|x| x == family),
            },
            Step::Else => out.len() == start,
            _ => true,
        });
        if !fits {
            continue;
        }
        // A speaker is a name (`Russian media reported` is no statement of Russia's).
        let speech = matches!(frame, Frame::Speech | Frame::Tell | Frame::According);
        let srcs = reach(cx, t, k, &p.source, &[], !speech);
        if srcs.is_empty() {
            continue;
        }
        // What one leads is named (`chairs South Korea's intelligence committee` leads no
        // country): a group noun stands for its country only as an agent or a target of acts.
        let tgts = reach(cx, t, k, &p.target, &srcs, rule_kind != "leads");
        let from = out.len();
        if speech {
            for s in &srcs {
                let Some(kind) = speech_kind(rule_kind, s.kind) else {
                    continue;
                };
                for g in tgts.iter().filter(|g| {
                    !super::agent::is_scene(cx.v, **g) && !super::agent::names_an_event(cx, **g)
                }) {
                    out.push(cx.cand(*s, *g, kind, hit));
                }
            }
        } else {
            emit(cx, hit, &srcs, &tgts, rule_kind, out);
        }
        for c in &mut out[from..] {
            c.pattern = Some(pi);
        }
    }
    if out.len() == start {
        return false;
    }
    let links = chain(t, k);
    let scope = |m: &Hit| {
        (m.a..m.b).any(|x| {
            links.contains(&x)
                || t.head(x).is_some_and(|h| {
                    links.contains(&h) && matches!(t.base(x), "advmod" | "aux" | "xcomp" | "mark")
                })
        })
    };
    if !matches!(frame, Frame::Speech | Frame::Tell | Frame::According) {
        modify_all_by(cx, &scope, hit.a, start, out);
    }
    true
}
