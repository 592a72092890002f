//! Known place names that are the surname of a person the article named in full: `Neil
//! Jordan ... Jordan said`, `MaliVai Washington ... Washington found the net`.
//!
//! A gazetteer match of one word that equals the last word of a person named in full earlier
//! in the article is that person, unless a place preposition stands before it (`in Jordan`,
//! `to Washington`); resolution then joins it to the full name.

use super::doc::Doc;
use super::names::{Candidate, Evidence};
use super::resolve::PLACE_PREPS;
use crate::model::EntityType;

/// Retype the place matches of `cands` that are the surname of a person named before.
pub fn retype(doc: &Doc, cands: &mut [Candidate]) {
    let toks = &doc.tokens;
    let mut surnames: Vec<&str> = Vec::new();
    for c in cands.iter_mut() {
        if c.typ == EntityType::Person && c.first < c.last {
            surnames.push(toks[c.last].lower.as_str());
            continue;
        }
        let place = c.kind != "demonym"
            && c.entry.is_some_and(|e| {
                matches!(e.kind_type, EntityType::Country | EntityType::Location)
                    && e.kind != "demonym"
            });
        if !place || c.first != c.last || !surnames.contains(&toks[c.first].lower.as_str()) {
            continue;
        }
        let s = toks[c.first].sentence;
        let after_prep = c.first > 0
            && toks[c.first - 1].sentence == s
            && PLACE_PREPS.contains(&toks[c.first - 1].lower.as_str());
        if !after_prep {
            c.entry = None;
            c.typ = EntityType::Person;
            c.kind = "name";
            c.evidence = Evidence::Cue;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::EntityType;
    use crate::nlp::{tokenize, Extractor};

    fn types(x: &Extractor, text: &str) -> Vec<(String, EntityType)> {
        let (es, _) = x.entities(&tokenize(text));
        es.into_iter().map(|e| (e.name, e.kind)).collect()
    }

    #[test]
    fn a_place_named_like_a_person_introduced_in_full_is_that_person() {
        let x = Extractor::new(None).unwrap();
        let t = "Director Neil Jordan made the film. Jordan said it was hard to make.";
        assert_eq!(types(&x, t), [("Neil Jordan".into(), EntityType::Person)]);
        let t = "Director Neil Jordan flew to Jordan on Monday.";
        let got = types(&x, t);
        assert!(
            got.contains(&("Jordan".into(), EntityType::Country)),
            "{got:?}"
        );
    }
}
