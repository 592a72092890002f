//! Types from the neighbourhood of a name whose type was only guessed.
//!
//! A lowercase head after a name types it (`Sonbong city`, `Yonsa and Musan counties`,
//! `the Yadavaran and Jufeyr oilfields`), or before it with `of` (`the city of Milwaukee`),
//! and so does a coordinated name of known type
//! (`Nadi and Lautoka` after `Nadi` is known as a place). Only guessed types change, but for
//! companies and news outlets named so by the noun beside them (`Cofinec CEO`, `Vanity Fair
//! magazine`), which any name no gazetteer knows takes.

use super::cues::{self, Cues};
use super::doc::Doc;
use super::names::{Candidate, Evidence};
use crate::model::EntityType;

/// The type a lowercase head word (singular or plural) gives the names before it.
fn head_type(cues: &Cues, w: &str) -> Option<EntityType> {
    let of = |s: &str| {
        if cues.has(s, cues::FACILITY) {
            Some(EntityType::Facility)
        } else if cues.has(s, cues::LOCATION) {
            Some(EntityType::Location)
        } else {
            None
        }
    };
    of(w)
        .or_else(|| w.strip_suffix('s').and_then(of))
        .or_else(|| w.strip_suffix("ies").and_then(|s| of(&format!("{s}y"))))
}

/// Whether only `and` / `or` / `,` stand between candidates `a` and `b` (in text order).
fn coordinated(doc: &Doc, a: &Candidate, b: &Candidate) -> bool {
    let between = &doc.tokens[a.last + 1..b.first];
    !between.is_empty()
        && between.len() <= 2
        && between
            .iter()
            .all(|t| matches!(t.lower.as_str(), "and" | "or" | ","))
}

/// Nouns that, right after a name or its `'s`, say it is a company (`Pirelli shares`,
/// `Cofinec CEO`, `Comelf's output`).
const FIRM_NOUNS: [&str; 26] = [
    "shares",
    "stock",
    "stocks",
    "shareholders",
    "ceo",
    "chairman",
    "executives",
    "subsidiary",
    "unit",
    "division",
    "plant",
    "plants",
    "factory",
    "profit",
    "profits",
    "revenue",
    "revenues",
    "sales",
    "earnings",
    "output",
    "products",
    "workers",
    "employees",
    "headquarters",
    "spokesman",
    "spokeswoman",
];

/// Gives type `typ` to every candidate `may` holds of whose name `says` holds of one of its
/// mentions: a name is one thing in its article (`Cofinec said` after `Cofinec CEO`).
fn by_any_mention(
    doc: &Doc,
    cands: &mut [Candidate],
    typ: EntityType,
    may: impl Fn(&Candidate) -> bool,
    says: impl Fn(&Candidate) -> bool,
) {
    let names: Vec<String> = cands
        .iter()
        .filter(|c| may(c) && says(c))
        .map(|c| doc.slice(c.first, c.last).to_lowercase())
        .collect();
    for c in cands.iter_mut() {
        if may(c) && names.contains(&doc.slice(c.first, c.last).to_lowercase()) {
            c.typ = typ;
            c.evidence = Evidence::Cue;
        }
    }
}

/// A name only guessed or typed by statistics before a company noun is an organisation, and so
/// are its other such mentions in the article (`Cofinec said` after `Cofinec CEO`).
fn firms(doc: &Doc, cands: &mut [Candidate]) {
    let toks = &doc.tokens;
    let weak = |c: &Candidate| {
        c.entry.is_none() && matches!(c.evidence, Evidence::Guess | Evidence::Stats)
    };
    let firm = |c: &Candidate| {
        let mut k = c.last + 1;
        if toks.get(k).is_some_and(|t| t.is_possessive()) {
            k += 1;
        }
        toks.get(k).is_some_and(|t| {
            t.sentence == toks[c.last].sentence
                && (!t.is_cap() || t.text == "CEO")
                && FIRM_NOUNS.contains(&t.lower.as_str())
        })
    };
    by_any_mention(doc, cands, EntityType::Organization, weak, firm);
}

/// Nouns that, right after a name or right before it, say it is a news outlet (`the Daily
/// Record newspaper`, `Vanity Fair magazine`, `the Argentine newspaper Clarin`).
const MEDIUM_NOUNS: [&str; 7] = [
    "programme",
    "newspaper",
    "tabloid",
    "magazine",
    "daily",
    "weekly",
    "broadcaster",
];

/// Whether token `k` is a medium noun (or `news agency`, `news channel`, `news website` from
/// its first word), lowercase, in sentence `s`.
fn medium_at(doc: &Doc, k: usize, s: usize) -> bool {
    let toks = &doc.tokens;
    let Some(t) = toks.get(k).filter(|t| t.sentence == s && !t.is_cap()) else {
        return false;
    };
    MEDIUM_NOUNS.contains(&t.lower.as_str())
        || t.lower == "news"
            && toks
                .get(k + 1)
                .is_some_and(|n| matches!(n.lower.as_str(), "agency" | "channel" | "website"))
}

/// A name no gazetteer knows beside a medium noun is a news outlet, and so are its other
/// mentions in the article: it reports what it is told (`told the Daily Record newspaper`).
fn media(doc: &Doc, cands: &mut [Candidate]) {
    let toks = &doc.tokens;
    let beside = |c: &Candidate| {
        let s = toks[c.last].sentence;
        let before = c.first.checked_sub(1).is_some_and(|k| {
            medium_at(doc, k, s) || k >= 1 && toks[k].lower == "agency" && medium_at(doc, k - 1, s)
        });
        // ... but a noun before another name is that name's (`Hollywood newspaper Daily Variety`)
        let after = medium_at(doc, c.last + 1, s)
            && !toks.get(c.last + 2).is_some_and(|t| {
                t.is_cap()
                    || t.lower == "agency" && toks.get(c.last + 3).is_some_and(|t| t.is_cap())
            });
        before || after
    };
    by_any_mention(doc, cands, EntityType::Media, |c| c.entry.is_none(), beside);
}

/// Retype guessed candidates from their heads, coordinated neighbours and company nouns, and
/// names beside a medium noun.
pub fn retype(doc: &Doc, cues: &Cues, cands: &mut [Candidate]) {
    firms(doc, cands);
    media(doc, cands);
    let toks = &doc.tokens;
    let guessed = |c: &Candidate| c.evidence == Evidence::Guess && c.entry.is_none();
    // heads: walk back over the coordination before the head
    for n in 0..cands.len() {
        let c = &cands[n];
        let Some(next) = toks.get(c.last + 1) else {
            continue;
        };
        if next.sentence != toks[c.last].sentence || next.is_cap() {
            continue;
        }
        let Some(typ) = head_type(cues, &next.lower) else {
            continue;
        };
        let mut k = n;
        loop {
            if guessed(&cands[k]) {
                cands[k].typ = typ;
                cands[k].evidence = Evidence::Cue;
            }
            if k == 0 || !coordinated(doc, &cands[k - 1], &cands[k]) {
                break;
            }
            k -= 1;
        }
    }
    // `the city of Milwaukee`: a lowercase head and `of` before the name
    for c in cands.iter_mut().filter(|c| guessed(c) && c.first >= 2) {
        let (head, of) = (&toks[c.first - 2], &toks[c.first - 1]);
        if of.lower != "of" || head.is_cap() || head.sentence != toks[c.first].sentence {
            continue;
        }
        if let Some(typ) = head_type(cues, &head.lower) {
            c.typ = typ;
            c.evidence = Evidence::Cue;
        }
    }
    // `the Chechen capital Grozny`, `the port city Jeddah`: a lowercase place noun right before
    for c in cands.iter_mut().filter(|c| guessed(c) && c.first >= 1) {
        let p = &toks[c.first - 1];
        let noun = p.lower == "capital" || head_type(cues, &p.lower) == Some(EntityType::Location);
        if noun && p.text == p.lower && p.sentence == toks[c.first].sentence {
            c.typ = EntityType::Location;
            c.evidence = Evidence::Cue;
        }
    }
    // neighbours of known type
    for n in 0..cands.len() {
        let c = &cands[n];
        // `Chechen separatist`: a single word before a common noun is an adjective
        let modifier = c.first == c.last
            && toks
                .get(c.last + 1)
                .is_some_and(|t| t.is_word() && !t.is_cap() && t.sentence == toks[c.last].sentence);
        if !guessed(c) || modifier {
            continue;
        }
        let from = |m: usize| -> Option<EntityType> {
            let o = &cands[m];
            let pair = if m < n {
                (o, &cands[n])
            } else {
                (&cands[n], o)
            };
            let and = doc.tokens[pair.0.last + 1..pair.1.first]
                .iter()
                .any(|t| t.lower != ",");
            if o.evidence == Evidence::Guess || !and || !coordinated(doc, pair.0, pair.1) {
                return None;
            }
            match o.typ {
                EntityType::Location | EntityType::Facility | EntityType::Person => Some(o.typ),
                _ => None,
            }
        };
        let typ = n
            .checked_sub(1)
            .and_then(from)
            .or_else(|| (n + 1 < cands.len()).then(|| from(n + 1)).flatten());
        if let Some(t) = typ {
            cands[n].typ = t;
            cands[n].evidence = Evidence::Cue;
        }
    }
}
