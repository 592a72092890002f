//! Relations: typed, directed edges between the actors of one sentence, found by the
//! triggers of the relation lexicon (`data/relations*.tsv`) and a handful of frames.
//!
//! A sentence is looked at only when it holds a trigger and at least one actor (two, or one
//! and a `he`/`she` that stands for the article's current person). Triggers are found by hash
//! lookup of lowercase tokens; each trigger's frame picks source and target (subject and
//! object, either voice; possessives and `on`/`against` for nouns; the speaker and the actors
//! of a reported clause), modifiers (`not`, `refused to`, `threatened to`, `might`) negate or
//! retype the edge, and the spec's type table rejects impossible pairs.

mod actors;
mod agent;
mod article;
mod clause;
mod coord;
mod deps;
mod events;
pub mod frame;
mod inname;
pub mod lexicon;
mod nouns;
pub mod patterns;
mod quotes;
mod reads;
mod scan;
mod speech;
mod structure;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_agents;
#[cfg(test)]
mod tests_more;
#[cfg(test)]
mod tests_parse;
#[cfg(test)]
mod tests_variants;
#[cfg(test)]
mod testutil;
mod titles;
pub mod tree;
pub mod view;
pub mod whynot;
mod words;

pub use article::{find, find_views, finish, to_relations};
pub use lexicon::{Frame, Lexicon, Rule};
pub use reads::parse_reads;
#[cfg(test)]
use reads::two_actors;
pub use scan::{Actor, Context, Who};
pub use view::{Span, Tk, View};

use crate::model::EntityRef;

/// A trigger found in a sentence: tokens `[a, b)` and its rule.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    pub a: usize,
    pub b: usize,
    pub rule: usize,
}

/// A candidate edge before type checks.
#[derive(Debug, Clone, PartialEq)]
pub struct Cand {
    pub src: Actor,
    pub tgt: Actor,
    pub kind: &'static str,
    pub negated: bool,
    pub rule: usize,
    /// A modifier rule that negated or retyped the edge.
    pub modifier: Option<usize>,
    /// Trigger tokens `[a, b)`.
    pub trig: (usize, usize),
    /// The dependency pattern (index into [`patterns::builtin`]) that found the arguments.
    pub pattern: Option<usize>,
}

/// A headline in title case (`Bush Meets Blair In Rome`): no word of four letters or more
/// starts in lower case, so a capital letter does not mark a name there.
fn is_title_case(v: &View) -> bool {
    !(1..v.len()).any(|k| v.w(k).chars().filter(|c| c.is_alphabetic()).count() >= 4 && !v.is_cap(k))
}

/// Everything a frame needs about one sentence.
pub struct Ctx<'a, 'v> {
    pub v: &'a View<'v>,
    pub lex: &'a Lexicon,
    pub entities: &'a [EntityRef],
    pub person: Context,
    pub hits: Vec<Hit>,
    /// Modifier triggers as token ranges, with their rules.
    pub markers: Vec<Hit>,
    /// Pronouns that stand for a speaker of the sentence (`Syria says it will ...`).
    pub bound: Vec<(usize, Vec<Actor>)>,
}

impl Ctx<'_, '_> {
    pub fn who(&self) -> Who<'_> {
        Who {
            person: self.person,
            bound: &self.bound,
        }
    }

    pub fn kind_of(&self, rule: usize) -> &'static str {
        static_kind(&self.lex.rules[rule].kind)
    }

    pub fn name(&self, a: &Actor) -> &str {
        self.entities.get(a.entity).map_or("", |e| e.name.as_str())
    }

    pub fn marker_ranges(&self) -> Vec<(usize, usize)> {
        self.markers.iter().map(|m| (m.a, m.b)).collect()
    }

    pub fn cand(&self, src: Actor, tgt: Actor, kind: &'static str, hit: &Hit) -> Cand {
        Cand {
            src,
            tgt,
            kind,
            negated: false,
            rule: hit.rule,
            modifier: None,
            trig: (hit.a, hit.b),
            pattern: None,
        }
    }
}

/// Relation type names as `'static` strings (only the spec's types exist).
pub fn static_kind(kind: &str) -> &'static str {
    const KINDS: [&str; 28] = [
        "reports",
        "claims",
        "denies",
        "accuses",
        "criticizes",
        "praises",
        "supports",
        "demands",
        "threatens",
        "rejects",
        "agrees_with",
        "meets",
        "cooperates_with",
        "aids",
        "concedes",
        "withdraws_from",
        "investigates",
        "protests",
        "sanctions",
        "bans",
        "coerces",
        "attacks",
        "trades_with",
        "member_of",
        "leads",
        "works_for",
        "located_in",
        "part_of",
    ];
    KINDS.iter().find(|k| **k == kind).copied().unwrap_or("-")
}

pub fn is_symmetric(kind: &str) -> bool {
    matches!(
        kind,
        "agrees_with" | "meets" | "cooperates_with" | "trades_with"
    )
}

/// Every trigger of the sentence; for each start token and frame, the longest form wins.
pub fn triggers(lex: &Lexicon, v: &View) -> Vec<Hit> {
    let mut out: Vec<Hit> = Vec::new();
    let title_case = is_title_case(v);
    for k in 0..v.len() {
        let Some(entries) = lex.index.get(v.w(k)) else {
            continue;
        };
        let in_name = !title_case && k > 0 && v.is_cap(k) && v.is_cap(k - 1);
        let start = out.len();
        for e in entries {
            let n = e.rest.len();
            if e.inf && !view::is_inf_context(v, k) {
                continue;
            }
            let frame = lex.rules[e.rule].frame;
            if in_name && matches!(frame, Frame::Verb | Frame::VerbRev) {
                continue; // `Manchester United`, `Leeds United`: a name, not `united`
            }
            // `the Gulf war`: an event noun inside a name is the name's word.
            if matches!(frame, Frame::Noun | Frame::NounSubj) && v.span_at(k).is_some() {
                continue;
            }
            if e.rest.iter().enumerate().all(|(i, w)| v.w(k + 1 + i) == w) {
                let hit = Hit {
                    a: k,
                    b: k + 1 + n,
                    rule: e.rule,
                };
                match out[start..]
                    .iter_mut()
                    .find(|h| lex.rules[h.rule].frame == frame)
                {
                    Some(h) if h.b < hit.b => *h = hit,
                    Some(_) => {}
                    None => out.push(hit),
                }
            }
        }
    }
    // A form inside a longer one of the same frame (`minister` in `prime minister`) is dropped.
    let keep: Vec<bool> = out
        .iter()
        .map(|h| {
            !out.iter().any(|o| {
                o != h
                    && o.a <= h.a
                    && h.b <= o.b
                    && lex.rules[o.rule].frame == lex.rules[h.rule].frame
            })
        })
        .collect();
    out.into_iter()
        .zip(keep)
        .filter_map(|(h, k)| k.then_some(h))
        .collect()
}

/// Everything a frame needs about one sentence, its triggers split from its modifiers.
pub fn context<'a, 'v>(
    lex: &'a Lexicon,
    v: &'a View<'v>,
    entities: &'a [EntityRef],
    person: Context,
) -> Ctx<'a, 'v> {
    let (markers, hits): (Vec<Hit>, Vec<Hit>) = triggers(lex, v)
        .into_iter()
        .partition(|h| lex.rules[h.rule].frame.is_modifier());
    let mut cx = Ctx {
        v,
        lex,
        entities,
        person,
        hits,
        markers,
        bound: Vec::new(),
    };
    cx.bound = speech::bind(&cx);
    cx
}

/// Candidate edges of one sentence.
pub fn sentence_cands(
    lex: &Lexicon,
    v: &View,
    entities: &[EntityRef],
    person: Context,
) -> Vec<Cand> {
    let cx = context(lex, v, entities, person);
    let mut out = Vec::new();
    speech::frames(&cx, &mut out);
    for h in &cx.hits {
        if undone(&cx, h).is_some() {
            continue;
        }
        let before = out.len();
        window_cands(&cx, h, &mut out);
        // A speech act's candidates were drawn before the loop, by `speech::frames`.
        let drew = if is_speech(lex, h) {
            out.iter().any(|c| c.trig == (h.a, h.b))
        } else {
            drew(&cx, &out[before..])
        };
        if parse_reads(&cx, h, drew) {
            if let Some(t) = v.tree() {
                deps::cands(&cx, t, patterns::builtin(), h, &mut out);
            }
        }
    }
    inname::premod(&cx, &mut out);
    inname::cands(&cx, &mut out);
    inname::party_member(&cx, &mut out);
    agent::places_act_as_subjects(&cx, &mut out);
    agent::no_venues(&cx, &mut out);
    agent::releases_people_only(&cx, &mut out);
    out
}

/// Did the windows draw an edge among a trigger's `cands`? A meeting drawn only with its
/// venue (`Japan and China held talks in Beijing`) is dropped later, so it does not count: it
/// leaves the trigger to the parse.
pub(super) fn drew(cx: &Ctx, cands: &[Cand]) -> bool {
    cands.iter().any(|c| !agent::is_venue_meeting(cx, c))
}

/// Why a trigger draws nothing of its own, if it does not: a tie or exchange that a verb of
/// sanction cuts (`suspended air links with`, `severed diplomatic ties with`, `halted aid
/// to`: the cut is drawn, not the noun's edge), or a verb of receiving before an aid noun
/// (`received a loan from X`: the aid noun draws the edge, from the giver).
pub(super) fn undone(cx: &Ctx, h: &Hit) -> Option<&'static str> {
    let rule = &cx.lex.rules[h.rule];
    if rule.frame == Frame::Verb && nouns::is_receiving(cx.v.w(h.a)) {
        let aid_after = cx.hits.iter().any(|g| {
            cx.kind_of(g.rule) == "aids"
                && matches!(cx.lex.rules[g.rule].frame, Frame::Noun | Frame::NounSubj)
                && g.a > h.a
                && g.a - h.b <= 5
                && unbroken(cx.v, h.b, g.a)
        });
        return aid_after.then_some("a verb of receiving: the aid noun after it draws the edge");
    }
    if !matches!(rule.frame, Frame::Noun | Frame::NounSubj)
        || !matches!(
            cx.kind_of(h.rule),
            "cooperates_with" | "agrees_with" | "trades_with" | "aids" | "meets"
        )
    {
        return None;
    }
    let cut = cx.hits.iter().any(|g| {
        let cut = cx.lex.rules[g.rule].frame == Frame::Verb
            && matches!(cx.kind_of(g.rule), "sanctions" | "bans");
        let governs = g.a < h.a && (h.a < g.b || (h.a - g.b <= 3 && unbroken(cx.v, g.b, h.a)));
        cut && governs
    });
    cut.then_some("a verb of sanction cuts it: the cut is drawn, not this tie")
}

/// No sentence boundary and no comma among tokens `a..b` (one clause joins them).
fn unbroken(v: &View, a: usize, b: usize) -> bool {
    (a..b).all(|k| !words::is_boundary(v.w(k)) && v.w(k) != ",")
}

fn is_speech(lex: &Lexicon, h: &Hit) -> bool {
    matches!(
        lex.rules[h.rule].frame,
        Frame::Speech | Frame::Tell | Frame::According
    )
}

/// The candidates the token-window frames draw for one trigger (speech frames are read for
/// all triggers at once, by [`speech::frames`]).
pub fn window_cands(cx: &Ctx, h: &Hit, out: &mut Vec<Cand>) {
    let rule = &cx.lex.rules[h.rule];
    if rule.parse_only {
        return;
    }
    match rule.frame {
        Frame::Verb | Frame::VerbRev => events::verb(cx, h, out),
        Frame::Noun | Frame::NounSubj => nouns::noun(cx, h, out),
        Frame::Title => titles::title(cx, h, out),
        Frame::Of => structure::of(cx, h, out),
        Frame::In => structure::in_place(cx, h, out),
        Frame::Poss => structure::poss(cx, h, out),
        Frame::Comma => structure::comma(cx, h, out),
        Frame::Appos => structure::appos(cx, h, out),
        _ => {}
    }
}
