//! Relations of one article: its sentences as views in, candidates through the type checks,
//! edges out (sorted, one per edge and sentence).

use super::view::{Span, Tk, View};
use super::{patterns, sentence_cands, Cand, Context, Frame, Lexicon};
use crate::fxhash::FxMap;
use crate::model::{EntityRef, EntityType, Mention, Relation};
use crate::nlp::doc::Doc;
use crate::nlp::gender::{self, of_pronoun, Gender};

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
        if is_people_deed(lex, &c) {
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

/// Is the candidate a CAMEO material verb between two people? CAMEO's verbs of cooperation
/// and conflict by deed (roots 06-09 and 15-20) code acts of states and bodies; between two
/// people they read match reports and show business (`Melzer has beaten Agassi`, `overtook`,
/// `founded with`). Its verbal ones keep their sense between people (`met`, `admired`).
pub(super) fn is_people_deed(lex: &Lexicon, c: &Cand) -> bool {
    let people = c.src.kind == EntityType::Person && c.tgt.kind == EntityType::Person;
    people && lex.rules[c.rule].parse_only && is_material(lex.types.family(c.kind))
}

/// PLOVER families of CAMEO's material cooperation and material conflict.
fn is_material(family: &str) -> bool {
    matches!(
        family,
        "cooperate"
            | "aid"
            | "concede"
            | "retreat"
            | "investigate"
            | "sanction"
            | "coerce"
            | "attack"
    )
}

/// Sort relations deterministically and drop repeats of one edge in one sentence: the most
/// confident rule's copy stays. With `NG_RULE_COPIES=1` every rule's copy stays (one per
/// rule), so that `data/build/rule_confidence.py` measures each rule on all the edges it
/// draws, whatever the confidence table it was built with.
pub fn finish(rels: Vec<Relation>) -> Vec<Relation> {
    static COPIES: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    let copies = *COPIES.get_or_init(|| std::env::var("NG_RULE_COPIES").is_ok_and(|v| v == "1"));
    finish_with(rels, copies)
}

fn finish_with(mut rels: Vec<Relation>, copies: bool) -> Vec<Relation> {
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
            && (!copies || a.rule == b.rule)
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
    let views: Vec<(usize, View<'v>)> = views.into_iter().collect();
    let genders = genders(&views);
    let mut person: Context = None;
    // the last person who may be a `he`, a `she`
    let mut last: [Context; 2] = [None, None];
    for (i, v) in views {
        if !v.spans.is_empty() {
            let distinct = v.spans.iter().any(|s| s.entity != v.spans[0].entity);
            if distinct || person.is_some() {
                let cands = sentence_cands(lex, &v, entities, agreeing(&v, person, last, &genders));
                to_relations(lex, &v, i, cands, &mut rels);
            }
        }
        // The first person not named as a possessor (`Mr Bush's re-election ..., Mr Blair
        // said`: Blair), unless the sentence opens on `he` or `she`: then it is still about
        // the person before (`Later, he recorded with John Lydon`).
        let persons = || v.spans.iter().filter(|s| s.kind == EntityType::Person);
        if let Some(p) = persons()
            .find(|s| v.w(s.b) != "'s")
            .or_else(|| persons().next())
        {
            if person.is_none() || !opens_on_pronoun(&v, p.a) {
                person = Some((p.entity, p.kind));
            }
        }
        for p in persons() {
            // a person of no known gender may be either
            let g = genders.get(&p.entity).copied();
            for (x, l) in last.iter_mut().enumerate() {
                if g.is_none_or(|g| g == x) {
                    *l = Some((p.entity, p.kind));
                }
            }
        }
    }
    // A body named after its place is part of it once, where the article first names it.
    if let Some(id) = lex.rules.iter().find(|r| r.frame == Frame::InName) {
        let mut seen = std::collections::HashSet::new();
        rels.retain(|r| r.rule != id.id || seen.insert((r.source, r.target)));
    }
    finish(rels)
}

/// The gender an honorific gives a person anywhere in the article (`Mr Blair`, `Ms
/// Blackman`); a person given both is left out.
fn genders(views: &[(usize, View)]) -> FxMap<usize, Gender> {
    let given = views.iter().flat_map(|(_, v)| {
        v.spans
            .iter()
            .filter(|s| s.kind == EntityType::Person && s.a > 0)
            .filter_map(|s| {
                let w = v.w(s.a - 1).trim_end_matches('.');
                Some((s.entity, gender::honorific_gender(w)?))
            })
    });
    gender::by_entity(given)
}

/// The context person a sentence's `he` or `she` can mean: the one before, unless an honorific
/// gave that person the other gender (`Ms Blackman ... he told`); then the last person named
/// who may be of the pronoun's gender (`other`), if any.
fn agreeing(
    v: &View,
    person: Context,
    other: [Context; 2],
    genders: &FxMap<usize, Gender>,
) -> Context {
    let (Some((e, _)), Some(want)) = (person, (0..v.len()).find_map(|k| of_pronoun(v.w(k)))) else {
        return person;
    };
    match genders.get(&e) {
        Some(&g) if g != want => other[want],
        _ => person,
    }
}

/// Is a `he` or `she` the subject of the sentence's main clause before token `a`? A clause
/// opened by a subordinator is passed over to its comma (`Asked whether he was ..., Mr Howard
/// said`: Howard's sentence; `When home secretary, he ordered`: the pronoun's), and a
/// quotation ends the search. A `he said` that resolution made a mention of a person is that
/// person, not a pronoun.
fn opens_on_pronoun(v: &View, a: usize) -> bool {
    if matches!(v.w(a), "he" | "she") {
        return false;
    }
    let mut k = 0;
    while k < a {
        match v.w(k) {
            "he" | "she" => return true,
            "whether" | "because" | "if" | "when" | "although" | "though" | "while" | "as"
            | "since" | "after" | "before" | "once" | "until" | "unless" | "that" | "who"
            | "which" | "where" | "asked" => match (k..a).find(|&c| v.w(c) == ",") {
                Some(c) => k = c,
                None => return false,
            },
            "\"" | "\u{201c}" | "\u{201d}" | "'" => return false,
            _ => {}
        }
        k += 1;
    }
    false
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
    let spans = by_sentence.clone();
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
                (i, v.with_doc(doc, i))
            });
    let mut rels = find_views(lex, entities, views);
    let more = super::quotes::continued(lex, doc, entities, &spans, &rels);
    rels.extend(more);
    finish(rels)
}

#[cfg(test)]
mod finish_tests {
    use super::*;

    fn rel(rule: &str, confidence: f64) -> Relation {
        Relation {
            source: 0,
            target: 1,
            kind: "meets".into(),
            negated: false,
            confidence,
            sentence: 0,
            trigger: "met".into(),
            rule: rule.into(),
        }
    }

    #[test]
    fn the_most_confident_copy_stays_unless_every_rule_copy_is_asked_for() {
        let rels = || vec![rel("V1", 0.6), rel("N1", 0.7), rel("V1", 0.6)];
        let kept = finish_with(rels(), false);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].rule, "N1");
        let all: Vec<_> = finish_with(rels(), true)
            .into_iter()
            .map(|r| r.rule)
            .collect();
        assert_eq!(all, ["N1", "V1"]);
    }
}
