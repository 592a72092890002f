//! The gender an honorific gives a person (`Mr Blair`, `Ms Blackman`), so that a later `he` or
//! `she` means someone it can mean. Only honorifics: no list of first names is used.

use super::doc::Doc;
use crate::fxhash::FxMap;
use crate::model::{EntityRef, EntityType, Mention};

/// `he` or `she`, as an index (`0`, `1`).
pub type Gender = usize;

/// The gender an honorific before a name gives (lowercase, no full stop).
pub fn honorific_gender(w: &str) -> Option<Gender> {
    match w {
        "mr" | "sir" | "lord" | "king" | "prince" | "monsieur" | "herr" | "senor" | "señor" => {
            Some(0)
        }
        "mrs" | "ms" | "miss" | "lady" | "dame" | "baroness" | "queen" | "princess" | "madame"
        | "mme" | "frau" | "senora" | "señora" => Some(1),
        _ => None,
    }
}

/// The pronoun of a gender.
pub fn of_pronoun(w: &str) -> Option<Gender> {
    match w {
        "he" => Some(0),
        "she" => Some(1),
        _ => None,
    }
}

/// Each person of an article an honorific gives a gender, by entity; one given both is left
/// out.
pub fn genders(doc: &Doc, entities: &[EntityRef], mentions: &[Mention]) -> FxMap<usize, Gender> {
    let given = mentions.iter().filter_map(|m| {
        if entities
            .get(m.entity)
            .is_none_or(|e| e.kind != EntityType::Person)
        {
            return None;
        }
        let t = doc.token_span(m).filter(|t| t.first > 0)?;
        let w = doc.tokens[t.first - 1].lower.trim_end_matches('.');
        Some((m.entity, honorific_gender(w)?))
    });
    by_entity(given)
}

/// Genders given to entities, each kept once; an entity given both is left out.
pub fn by_entity(given: impl Iterator<Item = (usize, Gender)>) -> FxMap<usize, Gender> {
    let mut g: FxMap<usize, Gender> = FxMap::default();
    let mut both = Vec::new();
    for (e, x) in given {
        if *g.entry(e).or_insert(x) != x {
            both.push(e);
        }
    }
    for e in both {
        g.remove(&e);
    }
    g
}
