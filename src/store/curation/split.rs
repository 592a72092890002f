//! Splitting an entity: its mentions written one way, with the relations of the sentences
//! where only they name it, go to another entity (created when new).

use super::super::rebuild;
use super::steps::{by_key, ids, json, must, run, Step};
use crate::error::Result;
use rusqlite::{params, Connection};

/// Move the mentions of `from` written `surface` (those of articles in `temp.batch_articles`
/// when `batch`) to entity (`name`, type of `from`), created if needed, with the relations of
/// `from` in the sentences where only those mentions name it. `None` when no mention moves.
pub fn split(
    tx: &Connection,
    from: i64,
    surface: &str,
    name: &str,
    batch: bool,
) -> Result<Option<Step>> {
    let (_, kind) = must(tx, from)?;
    let scope = if batch {
        " AND article_id IN (SELECT id FROM temp.batch_articles)"
    } else {
        ""
    };
    let mentions = ids(
        tx,
        &format!(
            "SELECT id FROM mentions WHERE entity_id = ?1 AND surface = ?2{scope} ORDER BY id"
        ),
        params![from, surface],
    )?;
    if mentions.is_empty() {
        return Ok(None);
    }
    let moved = json(&mentions);
    // the sentences where every mention of `from` moves
    let sentences = "SELECT sentence_id FROM mentions WHERE id IN (SELECT value FROM json_each(?2))
         EXCEPT SELECT sentence_id FROM mentions WHERE entity_id = ?1
                AND id NOT IN (SELECT value FROM json_each(?2))";
    let sources = ids(
        tx,
        &format!("SELECT id FROM relations WHERE source_id = ?1 AND sentence_id IN ({sentences}) ORDER BY id"),
        params![from, moved],
    )?;
    let targets = ids(
        tx,
        &format!("SELECT id FROM relations WHERE target_id = ?1 AND sentence_id IN ({sentences}) ORDER BY id"),
        params![from, moved],
    )?;
    let (into, created) = match by_key(tx, name, &kind)? {
        Some(id) if id == from => return Ok(None),
        Some(id) => (id, false),
        None => {
            run(
                tx,
                "INSERT INTO entities (name, type) VALUES (?1, ?2)",
                params![name, kind],
            )?;
            (tx.last_insert_rowid(), true)
        }
    };
    move_touched(tx, &mentions, &sources, &targets, from, into)?;
    Ok(Some(Step::Split {
        from,
        into,
        created,
        mentions,
        sources,
        targets,
    }))
}

/// `move_rows` from entity `from` to `to`, with the edges the relations leave and join and
/// both entities' counters rebuilt.
pub(super) fn move_touched(
    tx: &Connection,
    mentions: &[i64],
    sources: &[i64],
    targets: &[i64],
    from: i64,
    to: i64,
) -> Result<()> {
    let moved = json(&[sources, targets].concat());
    rebuild::touch_relations(tx, &moved)?;
    rebuild::touch_owners(tx, &json(mentions), &moved)?;
    rebuild::touch_counters(tx, from)?;
    rebuild::touch_counters(tx, to)?;
    move_rows(tx, mentions, sources, targets, to)?;
    rebuild::touch_relations(tx, &moved)?;
    rebuild::finish(tx)
}

/// Point mentions, relation sources and relation targets (by id) at entity `to`.
pub(super) fn move_rows(
    tx: &Connection,
    mentions: &[i64],
    sources: &[i64],
    targets: &[i64],
    to: i64,
) -> Result<()> {
    run(
        tx,
        "UPDATE mentions SET entity_id = ?2 WHERE id IN (SELECT value FROM json_each(?1))",
        params![json(mentions), to],
    )?;
    run(
        tx,
        "UPDATE relations SET source_id = ?2 WHERE id IN (SELECT value FROM json_each(?1))",
        params![json(sources), to],
    )?;
    run(
        tx,
        "UPDATE relations SET target_id = ?2 WHERE id IN (SELECT value FROM json_each(?1))",
        params![json(targets), to],
    )?;
    Ok(())
}
