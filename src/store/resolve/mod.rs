//! Resolution across the archive, after each ingest batch: one node per real actor, not per
//! (name, type). Spellings join ([`variants`]), a person's short forms join the full name
//! ([`short_forms`]), and a name the archive holds under several types gets one type
//! ([`types`]). Every merge is recorded in `entity_merges` (ids of the mentions and relations
//! it moved), so it can be shown and undone. Only the entities the batch created are looked
//! at (a name's types can only come to differ when one is new): no pass over the whole
//! database.

mod merge;
mod short_forms;
#[cfg(test)]
mod tests;
mod types;
mod variants;

use super::cache::WriteCache;
use crate::error::{Result, SqlContext};
use rusqlite::Transaction;

/// One entity row.
#[derive(Debug, Clone)]
struct Row {
    id: i64,
    name: String,
    typ: String,
    mentions: i64,
}

impl Row {
    /// A row of `SELECT id, name, type, mentions ...`.
    fn read(r: &rusqlite::Row) -> rusqlite::Result<Row> {
        Ok(Row {
            id: r.get(0)?,
            name: r.get(1)?,
            typ: r.get(2)?,
            mentions: r.get(3)?,
        })
    }
}

/// The largest entity id, read before a batch is written.
pub fn last_entity(tx: &Transaction) -> Result<i64> {
    tx.query_row("SELECT coalesce(max(id), 0) FROM entities", [], |r| {
        r.get(0)
    })
    .ctx("reading last entity id")
}

/// Resolve the entities with id above `before` (created by this batch) against the archive.
/// Returns the number of merges.
pub fn after_batch(tx: &Transaction, before: i64, cache: &mut WriteCache) -> Result<usize> {
    // spellings and short forms first, and the names under several types read after them:
    // read before, a node they merged away could be chosen as the winner, and the losers'
    // mentions moved into an entity that no longer exists
    let mut merges = variants::variants(tx, before, cache)?;
    merges += short_forms::short_forms(tx, before, cache)?;
    merges += types::types(tx, before, cache)?;
    Ok(merges)
}
