//! Corrections replayed onto what a batch brought (an ingest batch, or a re-extraction): the
//! entities it created (ids above `before`) that a merge, rename, retype, drop or alias names
//! join or leave as the correction said, and its mentions written a removed alias or a split
//! surface leave their entity. These changes are not recorded again: they follow from
//! corrections already in the log.

use super::steps::{self, Step};
use crate::error::{Error, Result, SqlContext};
use crate::fxhash::FxMap;
use rusqlite::Connection;

/// Which articles the batch holds, for the corrections that move mentions.
pub enum Scope {
    /// Articles with an id above this one (an ingest batch).
    After(i64),
    /// The articles already in `temp.batch_articles` (a re-extraction batch).
    Filled,
}

#[derive(Clone)]
struct Active {
    op: String,
    name: String,
    kind: String,
    arg: Option<String>,
    arg2: Option<String>,
    entity: i64,
    undo: String,
}

/// A new entity (`name`, `kind`), other than `not`, if the batch created one.
fn new_entity(
    tx: &Connection,
    name: &str,
    kind: &str,
    before: i64,
    not: i64,
) -> Result<Option<i64>> {
    Ok(steps::by_key(tx, name, kind)?.filter(|&id| id > before && id != not))
}

/// Where the corrections in force moved entities: `from` -> `into` of every merge step.
fn moves(active: &[Active]) -> Result<FxMap<i64, i64>> {
    let mut moved = FxMap::default();
    for c in active {
        let recorded: Vec<Step> = serde_json::from_str(&c.undo)
            .map_err(|e| Error::Data(format!("bad undo record of a {}: {e}", c.op)))?;
        for step in recorded {
            if let Step::Moved { from, into, .. } = step {
                moved.insert(from, into);
            }
        }
    }
    Ok(moved)
}

/// The entity `id` is now, and its name and type: itself, or, when a later correction merged
/// it away, the entity it went into (a retype then a merge: the retype's new entities follow
/// it there).
fn live(
    tx: &Connection,
    moved: &FxMap<i64, i64>,
    id: i64,
) -> Result<(i64, Option<(String, String)>)> {
    let mut id = id;
    for _ in 0..=moved.len() {
        if let Some(found) = steps::entity(tx, id)? {
            return Ok((id, Some(found)));
        }
        match moved.get(&id) {
            Some(&into) => id = into,
            None => break,
        }
    }
    Ok((id, None))
}

/// Replay the corrections in force onto the batch; returns how many changes that made.
pub(crate) fn replay(tx: &Connection, before: i64, scope: Scope) -> Result<usize> {
    let active: Vec<Active> = {
        crate::store::rows(
            tx,
            "SELECT op, name, type, arg, arg2, entity_id, undo FROM curations
                 WHERE undone_at IS NULL ORDER BY id",
            [],
            |r| {
                Ok(Active {
                    op: r.get(0)?,
                    name: r.get(1)?,
                    kind: r.get(2)?,
                    arg: r.get(3)?,
                    arg2: r.get(4)?,
                    entity: r.get(5)?,
                    undo: r.get(6)?,
                })
            },
        )?
    };
    if active.is_empty() {
        return Ok(0);
    }
    super::rebuild::begin(tx)?;
    if let Scope::After(id) = scope {
        tx.execute_batch("DELETE FROM temp.batch_articles")
            .ctx("listing the batch")?;
        tx.execute(
            "INSERT INTO temp.batch_articles SELECT id FROM articles WHERE id > ?1",
            [id],
        )
        .ctx("listing the batch")?;
    }
    let moved = moves(&active)?;
    let mut changes = 0;
    for c in &active {
        let (entity, target) = live(tx, &moved, c.entity)?;
        let c = &Active {
            entity,
            ..c.clone()
        };
        match c.op.as_str() {
            "merge" => {
                let Some(_) = target else { continue };
                for (name, kind) in super::merged_names(c.arg.as_deref().unwrap_or("[]"))? {
                    if let Some(id) = new_entity(tx, &name, &kind, before, c.entity)? {
                        steps::merge(tx, id, c.entity)?;
                        changes += 1;
                    }
                }
            }
            "rename" | "retype" => {
                if target.is_none() {
                    continue;
                }
                if let Some(id) = new_entity(tx, &c.name, &c.kind, before, c.entity)? {
                    steps::merge(tx, id, c.entity)?;
                    changes += 1;
                }
            }
            "drop" => {
                if let Some(id) = new_entity(tx, &c.name, &c.kind, before, 0)? {
                    steps::delete(tx, id)?;
                    changes += 1;
                }
            }
            "alias-add" => {
                let (Some((_, kind)), Some(surface)) = (target, &c.arg) else {
                    continue;
                };
                if let Some(id) = new_entity(tx, surface, &kind, before, c.entity)? {
                    steps::merge(tx, id, c.entity)?;
                    changes += 1;
                }
            }
            "alias-remove" | "split" => {
                let (Some((name, _)), Some(surface)) = (target, &c.arg) else {
                    continue;
                };
                let into = c.arg2.as_deref().unwrap_or(surface);
                if into != name && super::split::split(tx, c.entity, surface, into, true)?.is_some()
                {
                    changes += 1;
                }
            }
            _ => {}
        }
    }
    Ok(changes)
}
