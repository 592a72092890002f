//! One type per name in an article: the entities resolution left under one name and several
//! types become one, typed as its best evidence says, unless two gazetteer rows told them
//! apart (`Georgia` the country and `Georgia` the US state).
//!
//! The candidates of a name are typed one by one, from their own context: `performances
//! from U2, Green Day, Alicia Keys` reads a list after `from` as places, `shares in Biogen
//! Idec` a firm as a place. The article means one actor by one name, so the type with the
//! strongest evidence wins (a gazetteer row, then a cue or title, then statistics), then the
//! one most mentions have, then the first named.

use crate::model::{EntityRef, Mention};

/// What supports one entity's type: its candidates' evidence.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Support {
    /// A gazetteer row named one of its candidates.
    pub known: bool,
    /// The strongest evidence of its candidates (see `resolve::strength`).
    pub strength: u8,
}

/// Fold the entities of one name under several types into one; `support[e]` is entity
/// `e`'s. Entities and mentions are renumbered in place; the order of the rest is kept.
pub(super) fn unify(entities: &mut Vec<EntityRef>, mentions: &mut [Mention], support: &[Support]) {
    let mut count = vec![0usize; entities.len()];
    for m in mentions.iter() {
        count[m.entity] += 1;
    }
    let keys: Vec<String> = entities.iter().map(|e| e.name.to_lowercase()).collect();
    let mut into: Vec<usize> = (0..entities.len()).collect();
    for e in 0..entities.len() {
        if into[e] != e {
            continue;
        }
        let group: Vec<usize> = (e..entities.len())
            .filter(|&o| into[o] == o && keys[o] == keys[e])
            .collect();
        if group.len() < 2 {
            continue;
        }
        let best = |&o: &usize| (support[o], count[o], std::cmp::Reverse(o));
        let Some(&winner) = group.iter().max_by_key(|o| best(o)) else {
            continue;
        };
        for &o in &group {
            // two gazetteer rows of one name, or a known place and a team or firm, are two
            // actors the lexicons tell apart
            let apart = support[o].known && support[winner].known
                || super::two_actors(&entities[o].name, entities[o].kind, entities[winner].kind);
            if o != winner && !apart {
                into[o] = winner;
            }
        }
    }
    if into.iter().enumerate().all(|(e, &w)| e == w) {
        return;
    }
    for e in 0..entities.len() {
        let w = into[e];
        if w != e {
            let loser = std::mem::take(&mut entities[e].aliases);
            let ent = &mut entities[w];
            for a in loser {
                if a != ent.name && !ent.aliases.contains(&a) {
                    ent.aliases.push(a);
                }
            }
        }
    }
    let mut index = vec![usize::MAX; entities.len()];
    let mut kept = 0;
    for (e, slot) in index.iter_mut().enumerate() {
        if into[e] == e {
            *slot = kept;
            kept += 1;
        }
    }
    for m in mentions.iter_mut() {
        m.entity = index[into[m.entity]];
    }
    let mut e = 0;
    entities.retain(|_| {
        e += 1;
        into[e - 1] == e - 1
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EntityType::{self, *};

    fn ent(name: &str, kind: EntityType) -> EntityRef {
        EntityRef {
            name: name.into(),
            kind,
            aliases: vec![format!("{name} alias {kind:?}")],
        }
    }

    fn men(entity: usize) -> Mention {
        Mention {
            entity,
            sentence: 0,
            start: entity,
            end: entity + 1,
            kind: "name",
        }
    }

    const CUE: Support = Support {
        known: false,
        strength: 2,
    };
    const KNOWN: Support = Support {
        known: true,
        strength: 2,
    };

    #[test]
    fn a_name_under_two_types_becomes_the_better_supported_one() {
        let mut es = vec![
            ent("Alicia Keys", Person),
            ent("Acme", Organization),
            ent("Alicia Keys", Location),
            ent("Alicia Keys", Person),
        ];
        // two entities of one name and type never arise; the group still folds to one
        let mut ms = vec![men(0), men(1), men(2), men(3), men(0)];
        unify(&mut es, &mut ms, &[CUE, CUE, CUE, CUE]);
        assert_eq!(es.len(), 2, "{es:?}");
        assert_eq!((es[0].name.as_str(), es[0].kind), ("Alicia Keys", Person));
        assert!(es[0]
            .aliases
            .contains(&"Alicia Keys alias Location".to_string()));
        assert_eq!(es[1].name, "Acme");
        let ids: Vec<usize> = ms.iter().map(|m| m.entity).collect();
        assert_eq!(ids, [0, 1, 0, 0, 0]);
    }

    #[test]
    fn stronger_evidence_beats_more_mentions_and_gazetteer_homonyms_stay_apart() {
        let stats = Support {
            known: false,
            strength: 1,
        };
        let mut es = vec![ent("Porto Alegre", Person), ent("Porto Alegre", Location)];
        let mut ms = vec![men(0), men(0), men(1)];
        unify(&mut es, &mut ms, &[stats, CUE]);
        assert_eq!(es.len(), 1);
        assert_eq!(es[0].kind, Location);
        let mut es = vec![ent("Georgia", Country), ent("Georgia", Location)];
        let mut ms = vec![men(0), men(1)];
        unify(&mut es, &mut ms, &[KNOWN, KNOWN]);
        assert_eq!(es.len(), 2);
        assert_eq!(ms[1].entity, 1);
    }
}
