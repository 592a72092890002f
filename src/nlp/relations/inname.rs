//! Names before or inside names. `the British firm Cable and Wireless`: a country or place
//! premodifying an organization. `Democrat John Kerry`: a party's name before a person's.
//! Institutions named after their place: `the Parliament of Iraq`, `the Wisconsin Supreme
//! Court`, `the United States Department of State` are part_of the country or place whose
//! name they carry, when the article names that place too (an edge needs both as actors).
//! Only state bodies (`is_state_body`: parliament, court, ministry, commission, ...), never a
//! party (`Scottish National Party`) or a firm or club that only carries a place's name.

use super::scan::{self, actor, Actor};
use super::structure::{is_mod, is_poss, place_kind};
use super::view::{is_party_name, is_state_body};
use super::{Cand, Ctx, Frame, Hit};
use crate::model::EntityType::*;

/// Does `form` occur in `text` as whole words (`Iraq` in `Parliament of Iraq`, not `Iraqi`)?
fn has_words(text: &str, form: &str) -> bool {
    if form.chars().count() < 2 {
        return false;
    }
    text.match_indices(form).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + form.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// part_of edges from each state body of the sentence to the places its name carries.
pub fn cands(cx: &Ctx, out: &mut Vec<Cand>) {
    let v = cx.v;
    let Some(rule) = cx.lex.rules.iter().position(|r| r.frame == Frame::InName) else {
        return;
    };
    for s in &v.spans {
        let Some(org) = cx.entities.get(s.entity) else {
            continue;
        };
        if s.kind != Organization || !is_state_body(&org.name) || is_party_name(&org.name) {
            continue;
        }
        let surface = v.text(s.a, s.b);
        for (i, place) in cx.entities.iter().enumerate() {
            if i == s.entity || !matches!(place.kind, Country | Location) {
                continue;
            }
            let named = std::iter::once(&place.name)
                .chain(&place.aliases)
                .any(|f| has_words(&org.name, f) || has_words(&surface, f));
            if !named {
                continue;
            }
            let src = Actor {
                entity: s.entity,
                kind: s.kind,
                a: s.a,
                b: s.b,
            };
            let tgt = Actor {
                entity: i,
                kind: place.kind,
                ..src
            };
            let hit = Hit {
                a: s.a,
                b: s.b,
                rule,
            };
            out.push(cx.cand(src, tgt, "part_of", &hit));
        }
    }
}

/// `Democrat John Kerry`, `Republican Mitt Romney`: a party's name right before a person's.
pub fn party_member(cx: &Ctx, out: &mut Vec<Cand>) {
    let v = cx.v;
    let Some(rule) = cx.lex.rules.iter().position(|r| r.frame == Frame::Party) else {
        return;
    };
    for (i, s) in v.spans.iter().enumerate() {
        let Some(next) = v.span_starting(s.b) else {
            continue;
        };
        let p = &v.spans[next];
        if s.kind != Organization || p.kind != Person || !is_party_name(cx.name(&scan::actor(v, i)))
        {
            continue;
        }
        let hit = Hit {
            a: s.a,
            b: p.b,
            rule,
        };
        out.push(cx.cand(scan::actor(v, next), scan::actor(v, i), "member_of", &hit));
    }
}

/// `the British firm Cable and Wireless`, `Russian energy giant Gazprom`, `US Treasury`:
/// a country or place, up to three lowercase words, then an organization or facility.
pub fn premod(cx: &Ctx, out: &mut Vec<Cand>) {
    let v = cx.v;
    let Some(rule) = cx.lex.rules.iter().position(|r| r.frame == Frame::Premod) else {
        return;
    };
    for s in &v.spans {
        if !matches!(s.kind, Country | Location) || is_poss(v.w(s.b)) {
            continue;
        }
        // The words between are modifiers of one noun phrase (`US bank`, `Russian crude
        // producer`): a word that is never nominal ends it, a verb, auxiliary, determiner or
        // preposition (`UK critics still favour The Aviator`, `Turkey entering the EU`). Asked
        // of the tagger's dictionary, not the parse, which reads headline noun phrases (`US
        // banking giant Citigroup`) as clauses too often.
        let mut p = s.b;
        let nominal = |p: usize| crate::grammar::Grammar::builtin().may_be_nominal(v.toks[p].text);
        while p < v.len() && p - s.b < 3 && is_mod(v, p) && nominal(p) {
            p += 1;
        }
        let Some(x) = v.span_starting(p).map(|t| actor(v, t)) else {
            continue;
        };
        if !matches!(x.kind, Organization | Facility) || x.entity == s.entity {
            continue;
        }
        let y = Actor {
            entity: s.entity,
            kind: s.kind,
            a: s.a,
            b: s.b,
        };
        let state = (s.b..p).any(|k| v.w(k).starts_with("state"));
        let kind = if state {
            "part_of"
        } else {
            place_kind(cx, &x, cx.kind_of(rule))
        };
        let hit = Hit {
            a: s.a,
            b: x.b,
            rule,
        };
        out.push(cx.cand(x, y, kind, &hit));
    }
}

#[cfg(test)]
mod tests {
    use super::has_words;

    #[test]
    fn a_place_name_counts_only_as_whole_words() {
        assert!(has_words("Parliament of Iraq", "Iraq"));
        assert!(has_words("Wisconsin Supreme Court", "Wisconsin"));
        assert!(!has_words("Iraqi Parliament", "Iraq"));
        assert!(!has_words("Nigerian Senate", "Niger"));
    }
}
