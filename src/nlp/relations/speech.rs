//! Reported speech: `X said ...`, `..., X said`, `said X`, `according to X`, `X told Y`.
//! The speaker claims (a medium: reports) every actor of the sentence outside the speakers'
//! own phrases; the reported event is found by the other frames on its own.

use super::agent::{is_scene, names_an_event};
use super::scan::{actor, coord_right, group_start, left_subjects, Actor};
use super::view::{is_boundary, is_det, is_honorific, is_quote, View};
use super::{Cand, Ctx, Frame, Hit};
use crate::model::EntityType;

/// One speech act: who, the tokens that belong to the speaker's phrase, and an addressee.
struct Act {
    hit: Hit,
    speakers: Vec<Actor>,
    region: (usize, usize),
    addressee: Option<Actor>,
}

/// Start of the phrase holding token `a`: back to a comma, quote or clause boundary.
fn phrase_start(cx: &Ctx, a: usize) -> usize {
    let v = cx.v;
    let mut p = a;
    while p > 0 {
        let w = v.w(p - 1);
        if w == "," || is_quote(w) || is_boundary(w) && !matches!(w, "who" | "which") {
            break;
        }
        p -= 1;
    }
    p
}

fn act(cx: &Ctx, hit: &Hit) -> Option<Act> {
    let v = cx.v;
    let frame = cx.lex.rules[hit.rule].frame;
    if frame == Frame::According {
        let mut k = hit.b;
        while k < v.len()
            && k - hit.b < 8
            && v.span_starting(k).is_none()
            && !matches!(v.w(k), "," | "." | ";")
        {
            k += 1;
        }
        let s = super::agent::by_agent(v, v.span_starting(k)?);
        let mut end = k;
        while end < v.len() && !matches!(v.w(end), "," | "." | ";") {
            end += 1;
        }
        return Some(Act {
            hit: *hit,
            speakers: vec![actor(v, s)],
            region: (hit.a, end),
            addressee: None,
        });
    }
    // `as reported by Hurriyet`, `confirmed by AP`: the `by`-agent medium is the speaker.
    if v.w(hit.b) == "by" {
        let k = if is_det(v.w(hit.b + 1)) {
            hit.b + 2
        } else {
            hit.b + 1
        };
        if let Some(s) = v
            .span_starting(k)
            .filter(|&s| v.spans[s].kind == EntityType::Media)
        {
            let m = actor(v, s);
            return Some(Act {
                hit: *hit,
                speakers: vec![m],
                region: (hit.a, m.b),
                addressee: None,
            });
        }
    }
    let g = group_start(v, hit.a, &cx.marker_ranges());
    // `Olmert was reported to have ...`, `he is said to`: a passive has no speaker.
    let participle = matches!(v.w(hit.a), "said" | "told") || v.w(hit.a).ends_with("ed");
    if participle && (g..hit.a).any(|k| super::view::is_be(v.w(k))) {
        return None;
    }
    let after_comma = g > 0 && (v.w(g - 1) == "," || is_quote(v.w(g - 1)));
    let inverted = || {
        let mut k = hit.b;
        while k < v.len() && k - hit.b < 3 && (is_det(v.w(k)) || is_honorific(v.w(k))) {
            k += 1;
        }
        // `..., said Xing`: the speaker ends the clause; `said the Turkmen side agreed` is no
        // inversion.
        let s = v.span_starting(k)?;
        let next = v.w(v.spans[s].b);
        let ends = next.is_empty()
            || is_quote(next)
            || super::view::is_weekday(next)
            || matches!(
                next,
                "." | ","
                    | ";"
                    | ":"
                    | "("
                    | "on"
                    | "in"
                    | "at"
                    | "today"
                    | "yesterday"
                    | "late"
                    | "last"
                    | "earlier"
                    | "this"
                    | "told"
                    | "'s"
            );
        ends.then_some(s).map(|s| Act {
            hit: *hit,
            speakers: vec![actor(v, s)],
            region: (hit.a, v.len()),
            addressee: None,
        })
    };
    if after_comma {
        if let Some(a) = inverted() {
            return Some(a);
        }
    }
    let mut speakers = left_subjects(v, g, cx.who());
    // `..., he said` after a reported clause: the pronoun is the person the text was about
    // before (the context person), not one the clause it closes is about; unless the
    // sentence named it already other than as a possessor (`X indicated ...: "...," he said`).
    if let ([sp], Some((entity, kind))) = (speakers.as_slice(), cx.person) {
        let pronoun = sp.b == sp.a + 1 && matches!(v.w(sp.a), "he" | "she");
        let closing = sp.a > 0 && (v.w(sp.a - 1) == "," || is_quote(v.w(sp.a - 1)));
        let named = v
            .spans
            .iter()
            .any(|s| s.entity == sp.entity && s.b <= sp.a && v.w(s.b) != "'s");
        if pronoun && closing && !named && sp.entity != entity {
            speakers = vec![Actor {
                entity,
                kind,
                ..*sp
            }];
        }
    }
    // `Russian media reported`: the speaker is an unnamed medium, not the country.
    speakers.retain(|s| {
        !(matches!(s.kind, EntityType::Country | EntityType::Location)
            && (s.b..g).any(|k| {
                matches!(
                    v.w(k),
                    "media"
                        | "newspaper"
                        | "newspapers"
                        | "agency"
                        | "agencies"
                        | "press"
                        | "radio"
                        | "television"
                        | "tv"
                )
            }))
    });
    if speakers.is_empty() {
        return if after_comma { None } else { inverted() };
    }
    let first = speakers.iter().map(|s| s.a).min().unwrap_or(g);
    let mut start = if v.span_at(first).is_some() {
        phrase_start(cx, first)
    } else {
        first
    };
    // `The head of the Naftohaz company, Yury Boyko, said`, `Following the vote, a State
    // Department spokesperson, Morgan Ortagus, indicated`: a title phrase in apposition before
    // the speaker belongs to the speaker's phrase.
    if start >= 2 && v.w(start - 1) == "," {
        let p = phrase_start(cx, start - 1);
        let opens = p == 0 || is_quote(v.w(p - 1)) || is_det(v.w(p));
        if opens && (p..start - 1).any(|k| super::events::is_title_word(cx, v.w(k))) {
            start = p;
        }
    }
    let mut region = (start.min(g), hit.b);
    let mut addressee = None;
    if frame == Frame::Tell {
        let mut k = hit.b;
        while k < v.len() && k - hit.b < 2 && is_det(v.w(k)) {
            k += 1;
        }
        if let Some(s) = v.span_starting(k) {
            let to = coord_right(v, s);
            addressee = to.first().copied();
            region.1 = to.last().map_or(region.1, |a| a.b);
        }
    }
    Some(Act {
        hit: *hit,
        speakers,
        region,
        addressee,
    })
}

fn acts(cx: &Ctx) -> Vec<Act> {
    cx.hits
        .iter()
        .filter(|h| {
            matches!(
                cx.lex.rules[h.rule].frame,
                Frame::Speech | Frame::Tell | Frame::According
            )
        })
        .filter_map(|h| act(cx, h))
        .collect()
}

/// Words between a speech verb and its clause: `said on Tuesday that`, `announced today that`.
fn is_clause_lead(w: &str) -> bool {
    matches!(
        w,
        "that"
            | "on"
            | "today"
            | "yesterday"
            | "tonight"
            | "last"
            | "this"
            | "week"
            | "night"
            | "earlier"
            | "later"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | ","
    )
}

/// First token of the clause reported after token `j`.
fn clause_start(v: &View, j: usize) -> usize {
    let mut k = j;
    while k < v.len() && k - j < 5 && is_clause_lead(v.w(k)) {
        k += 1;
    }
    k
}

/// Pronouns opening a reported clause stand for its speaker: `Syria says it is willing`,
/// `Annan announced that he will`. `he`/`she` bind a person, `it` anything else, `they`/`we`
/// anything but a lone person.
pub fn bind(cx: &Ctx) -> Vec<(usize, Vec<Actor>)> {
    let v = cx.v;
    let mut out = Vec::new();
    for a in acts(cx) {
        if a.speakers.is_empty() || a.speakers[0].a >= a.hit.b {
            continue; // inverted: `..., said X`
        }
        let k = clause_start(v, a.region.1.max(a.hit.b));
        let person = a.speakers.iter().all(|s| s.kind == EntityType::Person);
        let fits = match v.w(k) {
            "he" | "she" => person,
            "it" => !person,
            "they" | "we" => !person || a.speakers.len() > 1,
            _ => false,
        };
        if fits {
            out.push((k, a.speakers.clone()));
        }
    }
    out
}

/// Is the name at `k` the medium a speaker talks to (`to AFP`, `with the BBC`)?
fn is_channel(v: &View, k: usize) -> bool {
    let p = v.with_det(k);
    p > 0 && matches!(v.w(p - 1), "to" | "with")
}

/// A city or region before a common noun (`he told a Moscow court`, `a New York audience`)
/// names where the one spoken to is, not who it is.
fn modifies_a_noun(v: &View, to: &Actor) -> bool {
    let next = to.b;
    to.kind == EntityType::Location
        && next < v.len()
        && v.span_at(next).is_none()
        && !v.is_cap(next)
        && v.w(next).chars().all(char::is_alphabetic)
        && crate::grammar::Grammar::builtin().may_be_nominal(v.toks[next].text)
}

/// Does the name ending before `b` modify a medium or a meeting it was told through (`told
/// Arsenal's website`, `told GMTV's Sunday programme`, `told an Indian news channel`, `told a
/// London news conference`)? Then it is no one the speaker met.
fn modifies_a_channel(v: &View, b: usize) -> bool {
    let k = if v.is_poss(b) { b + 1 } else { b };
    (k..(k + 3).min(v.len())).any(|q| {
        matches!(
            v.w(q),
            "website"
                | "site"
                | "newspaper"
                | "paper"
                | "magazine"
                | "programme"
                | "program"
                | "show"
                | "channel"
                | "radio"
                | "station"
                | "television"
                | "tv"
                | "media"
                | "press"
                | "conference"
                | "agency"
                | "blog"
        )
    })
}

/// Is the name at `k` where the speech act was made (`wrote on Twitter`, `said via
/// Facebook`), right after its verb? A venue is no subject of the claim.
fn is_venue(v: &View, hit: &Hit, k: usize) -> bool {
    let p = v.with_det(k);
    p > hit.b
        && p - hit.b <= 4
        && matches!(v.w(p - 1), "on" | "via")
        && (hit.b..p).all(|q| !matches!(v.w(q), "," | ":" | "that") && !is_quote(v.w(q)))
}

/// Speech frames of the sentence, drawn into `out`.
pub fn frames(cx: &Ctx, out: &mut Vec<Cand>) {
    let v = cx.v;
    let acts = acts(cx);
    let in_region = |k: usize, r: (usize, usize)| k >= r.0 && k < r.1;
    for (i, a) in acts.iter().enumerate() {
        let rule_kind = cx.kind_of(a.hit.rule);
        for sp in &a.speakers {
            let kind = match (rule_kind, sp.kind) {
                ("denies", _) => "denies",
                (_, EntityType::Media) => "reports",
                (_, EntityType::Person | EntityType::Organization | EntityType::Country) => {
                    "claims"
                }
                _ => continue,
            };
            let mut seen = Vec::new();
            let mut channels: Vec<Actor> = Vec::new();
            for s in &v.spans {
                let t = Actor {
                    entity: s.entity,
                    kind: s.kind,
                    a: s.a,
                    b: s.b,
                };
                let other_speaker = acts.iter().any(|o| o.speakers.iter().any(|x| x.a == s.a));
                let hidden = in_region(s.a, a.region)
                    || acts
                        .iter()
                        .enumerate()
                        .any(|(j, o)| j != i && in_region(s.a, o.region) && !other_speaker);
                if hidden || t.entity == sp.entity || seen.contains(&t.entity) {
                    continue;
                }
                if is_venue(v, &a.hit, t.a) || is_scene(v, t) || names_an_event(cx, t) {
                    continue;
                }
                // A medium is no subject of a speaker's claim: it carries it (`speaking to
                // AFP`, `in an interview with Sputnik`: the medium reports the speaker).
                if t.kind == EntityType::Media && kind == "claims" {
                    if is_channel(v, t.a) && !channels.iter().any(|c: &Actor| c.entity == t.entity)
                    {
                        channels.push(t);
                    }
                    continue;
                }
                seen.push(t.entity);
                out.push(cx.cand(*sp, t, kind, &a.hit));
            }
            for m in &channels {
                out.push(cx.cand(*m, *sp, "reports", &a.hit));
                for e in &seen {
                    if let Some(s) = v.spans.iter().find(|s| s.entity == *e) {
                        let t = Actor {
                            entity: s.entity,
                            kind: s.kind,
                            a: s.a,
                            b: s.b,
                        };
                        out.push(cx.cand(*m, t, "reports", &a.hit));
                    }
                }
            }
            let inverted = sp.a >= a.hit.b;
            let (from, to) = if inverted {
                (0, a.hit.a)
            } else {
                (clause_start(v, a.region.1.max(a.hit.b)), v.len())
            };
            if rule_kind == "claims" && kind == "claims" {
                super::clause::blame(cx, *sp, from, to, out);
            }
            for t in super::clause::obliged(v, from, to) {
                if !matches!(sp.kind, EntityType::Media) {
                    out.push(cx.cand(*sp, t, "demands", &a.hit));
                }
            }
            if let Some(to) = a.addressee {
                if to.kind == EntityType::Media {
                    out.push(cx.cand(to, *sp, "reports", &a.hit));
                    for t in &seen {
                        if let Some(s) = v.spans.iter().find(|s| s.entity == *t) {
                            let t = Actor {
                                entity: s.entity,
                                kind: s.kind,
                                a: s.a,
                                b: s.b,
                            };
                            out.push(cx.cand(to, t, "reports", &a.hit));
                        }
                    }
                } else if !modifies_a_channel(v, to.b) && !modifies_a_noun(v, &to) {
                    out.push(cx.cand(*sp, to, "meets", &a.hit));
                }
            }
        }
    }
}
