//! One type per name: a name the batch mentioned that the archive holds under several types
//! keeps the type most of its mentions have, and the other nodes merge into it (unless one
//! article holds both apart: homonyms the extractor told apart, `Georgia met Georgia`; for a
//! firm and a place, one sentence). A
//! place the lexicons know (below a country: [`crate::nlp::known_place`]) held as an
//! organisation too stays two nodes: the extractor types such a name as an organisation only
//! on the strong evidence of its article (a team in a results line, `Surrey beat Kent`), so
//! the county and the cricket club are two actors, and the mentions of one outvote nothing of
//! the other.

use super::merge::{merge, together, Within};
use super::Row;
use crate::error::Result;
use crate::model::EntityType;
use crate::store::cache::WriteCache;
use crate::store::EntityId;
use rusqlite::Transaction;

/// Which type wins a tie in mentions: the one a gazetteer or a cue most often gives right.
fn rank(typ: &str) -> usize {
    [
        "country",
        "person",
        "organization",
        "media",
        "location",
        "facility",
        "event",
    ]
    .iter()
    .position(|t| *t == typ)
    .unwrap_or(9)
}

/// Whether the nodes typed `a` and `b` of one name are an organisation and a place, and
/// whether they are two actors whatever the mentions say (a place the gazetteer knows).
fn kinds(name: &str, a: &str, b: &str) -> (bool, bool) {
    match (EntityType::parse(a), EntityType::parse(b)) {
        (Some(a), Some(b)) => (
            crate::nlp::org_and_place(a, b),
            crate::nlp::two_actors(name, a, b),
        ),
        _ => (false, false),
    }
}

/// Merge the nodes of each name that the archive holds under several types, for the entities
/// with id above `before` (created by this batch). Returns the number of merges.
pub(super) fn types(tx: &Transaction, before: i64, cache: &mut WriteCache) -> Result<usize> {
    let rows: Vec<Row> = crate::store::rows(
        tx,
        "SELECT e.id, e.name, e.type, e.mentions FROM entities e
                 WHERE e.name IN (SELECT name FROM entities WHERE id > ?1)
                   AND EXISTS (SELECT 1 FROM entities o WHERE o.name = e.name AND o.id != e.id)
                 ORDER BY e.name, e.id",
        [before],
        Row::read,
    )?;
    let mut merges = 0;
    for group in rows.chunk_by(|a, b| a.name == b.name) {
        let Some(winner) = group
            .iter()
            .max_by_key(|r| (r.mentions, std::cmp::Reverse(rank(&r.typ)), -r.id))
        else {
            continue;
        };
        for loser in group.iter().filter(|r| r.id != winner.id) {
            let (org_and_place, two_actors) = kinds(&loser.name, &loser.typ, &winner.typ);
            if two_actors {
                continue; // `Kent` the county and `Kent` the cricket club
            }
            // An unknown name an article holds both as a firm and as a place (`Yukos shares`,
            // `a stake in Yukos`) is the extractor's inconsistency, not two actors, unless one
            // sentence tells them apart; other types stay apart when one article holds both.
            let within = if org_and_place {
                Within::Sentence
            } else {
                Within::Article
            };
            if together(tx, loser.id, winner.id, within)? {
                continue; // told apart: `Georgia met Georgia`
            }
            merge(tx, loser, winner, "type")?;
            if let Some(t) = EntityType::parse(&loser.typ) {
                cache.redirect(
                    &loser.name,
                    t.as_str(),
                    EntityId(loser.id),
                    EntityId(winner.id),
                );
            }
            merges += 1;
        }
    }
    Ok(merges)
}
