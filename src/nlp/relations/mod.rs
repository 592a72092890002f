//! Relations: typed, directed edges between the actors of one sentence, found by the
//! triggers of the relation lexicon (`data/relations*.tsv`) and a handful of frames.
//!
//! A sentence is looked at only when it holds a trigger and at least one actor (two, or one
//! and a `he`/`she` that stands for the article's current person). Triggers are found by hash
//! lookup of lowercase tokens; each trigger's frame picks source and target (subject and
//! object, either voice; possessives and `on`/`against` for nouns; the speaker and the actors
//! of a reported clause), modifiers (`not`, `refused to`, `threatened to`, `might`) negate or
//! retype the edge, and the spec's type table rejects impossible pairs.

mod coord;
mod deps;
mod events;
pub mod lexicon;
mod nouns;
pub mod patterns;
mod scan;
mod speech;
mod structure;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod testutil;
pub mod tree;
pub mod view;
mod words;

pub use lexicon::{Frame, Lexicon, Rule};
pub use scan::{Actor, Context, Who};
pub use view::{Span, Tk, View};

use super::doc::Doc;
use crate::model::{EntityRef, EntityType, Mention, Relation};

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
    for k in 0..v.len() {
        let Some(entries) = lex.index.get(v.w(k)) else {
            continue;
        };
        let start = out.len();
        for e in entries {
            let n = e.rest.len();
            if e.inf && !view::is_inf_context(v, k) {
                continue;
            }
            if e.rest.iter().enumerate().all(|(i, w)| v.w(k + 1 + i) == w) {
                let frame = lex.rules[e.rule].frame;
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

/// Candidate edges of one sentence.
pub fn sentence_cands(
    lex: &Lexicon,
    v: &View,
    entities: &[EntityRef],
    person: Context,
) -> Vec<Cand> {
    let all = triggers(lex, v);
    let (markers, hits): (Vec<Hit>, Vec<Hit>) = all
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
    let mut out = Vec::new();
    let pats = patterns::builtin();
    speech::frames(&cx, &mut out);
    for h in &cx.hits {
        let frame = lex.rules[h.rule].frame;
        let before = out.len();
        match frame {
            Frame::Verb | Frame::VerbRev => events::verb(&cx, h, &mut out),
            Frame::Noun | Frame::NounSubj => nouns::noun(&cx, h, &mut out),
            Frame::Title => structure::title(&cx, h, &mut out),
            Frame::Of => structure::of(&cx, h, &mut out),
            Frame::In => structure::in_place(&cx, h, &mut out),
            Frame::Poss => structure::poss(&cx, h, &mut out),
            Frame::Comma => structure::comma(&cx, h, &mut out),
            Frame::Appos => structure::appos(&cx, h, &mut out),
            _ => {}
        }
        // The parse reads the triggers the windows could not: events they found no actors
        // for, and speech acts that drew nothing.
        let unread = match frame {
            Frame::Speech | Frame::Tell | Frame::According => {
                !out.iter().any(|c| c.trig == (h.a, h.b))
            }
            // Parsing is the costly step: only where names stand on both sides.
            Frame::Verb | Frame::VerbRev | Frame::Noun | Frame::NounSubj => {
                out.len() == before
                    && v.spans.iter().any(|s| s.b <= h.a)
                    && v.spans.iter().any(|s| s.a >= h.b)
            }
            _ => false,
        };
        if unread {
            if let Some(t) = v.tree() {
                deps::cands(&cx, t, pats, h, &mut out);
            }
        }
    }
    structure::premod(&cx, &mut out);
    out
}

/// Turn one sentence's candidates into relations: type checks, no self-loops, modifier ids.
pub fn to_relations(
    lex: &Lexicon,
    v: &View,
    sentence: usize,
    cands: Vec<Cand>,
    out: &mut Vec<Relation>,
) {
    // A trigger read both as a verb and as a noun: a negated reading wins over a plain one.
    let negated: Vec<(usize, usize, &str, usize)> = cands
        .iter()
        .filter(|c| c.negated)
        .map(|c| (c.src.entity, c.tgt.entity, c.kind, c.trig.0))
        .collect();
    for c in cands {
        if !c.negated && negated.contains(&(c.src.entity, c.tgt.entity, c.kind, c.trig.0)) {
            continue;
        }
        if c.src.entity == c.tgt.entity || !lex.types.allows(c.kind, c.src.kind, c.tgt.kind) {
            continue;
        }
        let base = &lex.rules[c.rule];
        let pattern = c.pattern.map(|p| patterns::builtin()[p].id.as_str());
        let own = pattern.map_or(base.confidence, |p| lex.pattern_confidence(c.rule, p));
        let (mut rule, confidence) = match c.modifier {
            Some(m) => (
                format!("{}+{}", base.id, lex.rules[m].id),
                lex.rules[m].confidence.min(own),
            ),
            None => (base.id.clone(), own),
        };
        if let Some(p) = pattern {
            rule = format!("{rule}@{p}");
        }
        out.push(Relation {
            source: c.src.entity,
            target: c.tgt.entity,
            kind: c.kind.to_string(),
            negated: c.negated,
            confidence,
            sentence,
            trigger: v.text(c.trig.0, c.trig.1),
            rule,
        });
    }
}

/// Sort relations deterministically and drop repeats of one edge in one sentence.
pub fn finish(mut rels: Vec<Relation>) -> Vec<Relation> {
    rels.sort_by(|a, b| {
        (a.sentence, a.source, a.target, &a.kind, a.negated)
            .cmp(&(b.sentence, b.source, b.target, &b.kind, b.negated))
            .then(b.confidence.total_cmp(&a.confidence))
            .then_with(|| a.rule.cmp(&b.rule))
            .then_with(|| a.trigger.cmp(&b.trigger))
    });
    rels.dedup_by(|b, a| {
        (a.sentence, a.source, a.target, &a.kind, a.negated)
            == (b.sentence, b.source, b.target, &b.kind, b.negated)
    });
    rels
}

/// Relations of a document given as sentence views in order; tracks the person a later
/// `he`/`she` refers to.
pub fn find_views<'v>(
    lex: &Lexicon,
    entities: &[EntityRef],
    views: impl IntoIterator<Item = (usize, View<'v>)>,
) -> Vec<Relation> {
    let mut rels = Vec::new();
    let mut person: Context = None;
    for (i, v) in views {
        if !v.spans.is_empty() {
            let distinct = v.spans.iter().any(|s| s.entity != v.spans[0].entity);
            if distinct || person.is_some() {
                let cands = sentence_cands(lex, &v, entities, person);
                to_relations(lex, &v, i, cands, &mut rels);
            }
        }
        if let Some(p) = v.spans.iter().find(|s| s.kind == EntityType::Person) {
            person = Some((p.entity, p.kind));
        }
    }
    finish(rels)
}

/// Relations of one article: its tokens and sentences, entities and mentions, in; edges out,
/// sorted and without repeats.
pub fn find(
    doc: &Doc,
    entities: &[EntityRef],
    mentions: &[Mention],
    lex: &Lexicon,
) -> Vec<Relation> {
    let mut by_sentence: Vec<Vec<Span>> = vec![Vec::new(); doc.sentence_tokens.len()];
    for m in mentions {
        let (Some(t), Some(e)) = (doc.token_span(m), entities.get(m.entity)) else {
            continue;
        };
        let s = doc.tokens[t.first].sentence;
        let Some(range) = doc.sentence_tokens.get(s) else {
            continue;
        };
        if t.first >= range.start && t.last < range.end {
            by_sentence[s].push(Span {
                entity: m.entity,
                kind: e.kind,
                a: t.first - range.start,
                b: t.last + 1 - range.start,
            });
        }
    }
    let views =
        doc.sentence_tokens
            .iter()
            .zip(by_sentence)
            .enumerate()
            .map(|(i, (range, spans))| {
                let worth = spans.iter().any(|s| s.entity != spans[0].entity);
                let toks = if spans.is_empty() {
                    Vec::new()
                } else {
                    doc.tokens[range.clone()]
                        .iter()
                        .map(|t| Tk {
                            lower: &t.lower,
                            text: t.text,
                        })
                        .collect()
                };
                let v = View::new(toks, spans);
                if !worth {
                    return (i, v);
                }
                let words = crate::grammar::tokens::words(doc, i);
                (i, v.with_words(words, range.start))
            });
    find_views(lex, entities, views)
}
