//! Reversing a step: the rows a correction changed put back as they were (rows of articles
//! forgotten since stay gone), with the edges and counters of what they touch rebuilt.

use super::super::rebuild;
use super::split::move_touched;
use super::steps::{by_key, entity, must, run, Step};
use crate::error::{Error, Result};
use rusqlite::{params, Connection};

/// An entity row again under its old id; refused when a later entity took that id.
fn recreate(tx: &Connection, id: i64, name: &str, kind: &str) -> Result<()> {
    if entity(tx, id)?.is_some() {
        return Err(Error::Usage(format!(
            "cannot undo: entity id #{id} is taken again"
        )));
    }
    if let Some(other) = by_key(tx, name, kind)? {
        return Err(Error::Usage(format!(
            "cannot undo: {name} ({kind}) exists again as #{other}; merge or rename it first"
        )));
    }
    run(
        tx,
        "INSERT INTO entities (id, name, type) VALUES (?1, ?2, ?3)",
        params![id, name, kind],
    )
    .map(|_| ())
}

/// Reverse `step` (the last change to its entities).
pub fn undo(tx: &Connection, step: &Step) -> Result<()> {
    match step {
        Step::Moved {
            from,
            name,
            kind,
            into,
            mentions,
            sources,
            targets,
            aliases,
            added,
        } => {
            recreate(tx, *from, name, kind)?;
            for a in aliases {
                run(
                    tx,
                    "INSERT OR IGNORE INTO aliases (entity_id, alias) VALUES (?1, ?2)",
                    params![from, a],
                )?;
            }
            for a in added {
                run(
                    tx,
                    "DELETE FROM aliases WHERE entity_id = ?1 AND alias = ?2",
                    params![into, a],
                )?;
            }
            move_touched(tx, mentions, sources, targets, *into, *from)
        }
        Step::Renamed {
            id,
            name,
            kind,
            alias,
        } => {
            if let Some(other) = by_key(tx, name, kind)?.filter(|o| o != id) {
                return Err(Error::Usage(format!(
                    "cannot undo: {name} ({kind}) exists again as #{other}; merge or rename it first"
                )));
            }
            must(tx, *id)?;
            run(
                tx,
                "UPDATE entities SET name = ?2, type = ?3 WHERE id = ?1",
                params![id, name, kind],
            )?;
            if let Some(a) = alias {
                run(
                    tx,
                    "DELETE FROM aliases WHERE entity_id = ?1 AND alias = ?2",
                    params![id, a],
                )?;
            }
            Ok(())
        }
        Step::Deleted {
            id,
            name,
            kind,
            aliases,
            mentions,
            relations,
        } => {
            recreate(tx, *id, name, kind)?;
            for a in aliases {
                run(
                    tx,
                    "INSERT OR IGNORE INTO aliases (entity_id, alias) VALUES (?1, ?2)",
                    params![id, a],
                )?;
            }
            // rows of articles forgotten since, or of entities gone since, stay gone; a row
            // whose id was given again since (a re-extraction) comes back under a new one
            for m in mentions {
                run(
                    tx,
                    "INSERT INTO mentions (id, article_id, sentence_id, entity_id, start, \"end\", kind, surface)
                     SELECT iif(EXISTS (SELECT 1 FROM mentions WHERE id = ?1), NULL, ?1),
                            ?2, ?3, ?4, ?5, ?6, ?7, ?8
                     WHERE EXISTS (SELECT 1 FROM sentences WHERE id = ?3 AND article_id = ?2)",
                    params![m.0, m.1, m.2, id, m.3, m.4, m.5, m.6],
                )?;
            }
            for r in relations {
                let n = run(
                    tx,
                    "INSERT INTO relations (id, article_id, sentence_id, source_id, target_id, type,
                                            negated, confidence, trigger, rule)
                     SELECT iif(EXISTS (SELECT 1 FROM relations WHERE id = ?1), NULL, ?1),
                            ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10
                     WHERE EXISTS (SELECT 1 FROM sentences WHERE id = ?3 AND article_id = ?2)
                       AND EXISTS (SELECT 1 FROM entities WHERE id = ?4)
                       AND EXISTS (SELECT 1 FROM entities WHERE id = ?5)",
                    params![r.0, r.1, r.2, r.3, r.4, r.5, r.6, r.7, r.8, r.9],
                )?;
                if n == 1 {
                    run(
                        tx,
                        "INSERT OR IGNORE INTO temp.touched_keys VALUES (?1, ?2, ?3, ?4)",
                        params![r.3, r.5, r.4, r.6],
                    )?;
                }
            }
            rebuild::touch_entity(tx, *id)?;
            rebuild::finish(tx)
        }
        Step::AliasAdded { id, alias } => run(
            tx,
            "DELETE FROM aliases WHERE entity_id = ?1 AND alias = ?2",
            params![id, alias],
        )
        .map(|_| ()),
        Step::AliasRemoved { id, alias } => run(
            tx,
            "INSERT OR IGNORE INTO aliases (entity_id, alias) VALUES (?1, ?2)",
            params![id, alias],
        )
        .map(|_| ()),
        Step::Split {
            from,
            into,
            created,
            mentions,
            sources,
            targets,
        } => {
            must(tx, *from)?;
            move_touched(tx, mentions, sources, targets, *into, *from)?;
            if *created {
                run(tx, "DELETE FROM aliases WHERE entity_id = ?1", [into])?;
                run(
                    tx,
                    "DELETE FROM entities WHERE id = ?1 AND mentions = 0
                     AND NOT EXISTS (SELECT 1 FROM relations WHERE source_id = ?1 OR target_id = ?1)",
                    [into],
                )?;
            }
            Ok(())
        }
    }
}
