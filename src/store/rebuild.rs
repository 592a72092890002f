//! Keeping derived rows right after rows are moved or deleted (curation, `forget`,
//! `reextract`): the `edges` of the touched (source, type, target, negated) keys aggregated
//! again from their relations, entity counters counted again, and entities left with nothing
//! removed. The touched keys and entities gather in two temporary tables until used.

use crate::error::{Result, SqlContext};
use rusqlite::{params, Connection};

/// Create (once per connection) the temporary tables of touched keys and entities.
pub(super) fn tables(tx: &Connection) -> Result<()> {
    tx.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS touched_keys (
             source_id INTEGER, type TEXT, target_id INTEGER, negated INTEGER,
             PRIMARY KEY (source_id, type, target_id, negated)) WITHOUT ROWID;
         CREATE TEMP TABLE IF NOT EXISTS touched_entities (id INTEGER PRIMARY KEY);
         CREATE TEMP TABLE IF NOT EXISTS batch_articles (id INTEGER PRIMARY KEY);",
    )
    .ctx("preparing temporary tables")
}

/// Create and empty the temporary tables of touched keys and entities.
pub(super) fn begin(tx: &Connection) -> Result<()> {
    tables(tx)?;
    tx.execute_batch("DELETE FROM temp.touched_keys; DELETE FROM temp.touched_entities;")
        .ctx("preparing temporary tables")
}

fn run(tx: &Connection, sql: &str, p: impl rusqlite::Params) -> Result<usize> {
    tx.prepare_cached(sql)
        .and_then(|mut s| s.execute(p))
        .ctx_with(|| {
            format!(
                "updating derived rows ({})",
                sql.split_whitespace().take(4).collect::<Vec<_>>().join(" ")
            )
        })
}

/// Note the edge keys and entities of the relations of entity `id` (either end).
pub(super) fn touch_entity(tx: &Connection, id: i64) -> Result<()> {
    run(
        tx,
        "INSERT OR IGNORE INTO temp.touched_keys
         SELECT source_id, type, target_id, negated FROM relations WHERE source_id = ?1
         UNION SELECT source_id, type, target_id, negated FROM relations WHERE target_id = ?1",
        [id],
    )?;
    run(
        tx,
        "INSERT OR IGNORE INTO temp.touched_entities VALUES (?1)",
        [id],
    )?;
    Ok(())
}

/// Note the edge keys of relations `ids` (a JSON array) as they are now: called before and
/// after they move, for the edges they leave and join.
pub(super) fn touch_relations(tx: &Connection, ids_json: &str) -> Result<()> {
    run(
        tx,
        "INSERT OR IGNORE INTO temp.touched_keys
         SELECT source_id, type, target_id, negated FROM relations
         WHERE id IN (SELECT value FROM json_each(?1))",
        [ids_json],
    )
    .map(|_| ())
}

/// Note the edge keys of the relations of entity `from`, as they are and as they will be
/// once `from` is replaced by `into`; and both entities' counters.
pub(super) fn touch_moved(tx: &Connection, from: i64, into: i64) -> Result<()> {
    run(
        tx,
        "INSERT OR IGNORE INTO temp.touched_keys
         SELECT source_id, type, target_id, negated FROM relations WHERE source_id = ?1
         UNION ALL SELECT source_id, type, target_id, negated FROM relations WHERE target_id = ?1
         UNION ALL SELECT ?2, type, iif(target_id = ?1, ?2, target_id), negated
                   FROM relations WHERE source_id = ?1
         UNION ALL SELECT iif(source_id = ?1, ?2, source_id), type, ?2, negated
                   FROM relations WHERE target_id = ?1",
        [from, into],
    )?;
    touch_counters(tx, from)?;
    touch_counters(tx, into)
}

/// Note entity `id`, whose counters must be counted again.
pub(super) fn touch_counters(tx: &Connection, id: i64) -> Result<()> {
    run(
        tx,
        "INSERT OR IGNORE INTO temp.touched_entities VALUES (?1)",
        [id],
    )
    .map(|_| ())
}

/// Note the entities that hold mentions `mentions_json` and relations `relations_json` (JSON
/// arrays of ids) now: an undo moves rows by the ids a correction recorded, and after
/// `reextract` those ids may name new rows of other entities, whose counters then change too.
pub(super) fn touch_owners(
    tx: &Connection,
    mentions_json: &str,
    relations_json: &str,
) -> Result<()> {
    run(
        tx,
        "INSERT OR IGNORE INTO temp.touched_entities
         SELECT entity_id FROM mentions WHERE id IN (SELECT value FROM json_each(?1))
         UNION SELECT source_id FROM relations WHERE id IN (SELECT value FROM json_each(?2))
         UNION SELECT target_id FROM relations WHERE id IN (SELECT value FROM json_each(?2))",
        [mentions_json, relations_json],
    )
    .map(|_| ())
}

/// Note the edge keys and entities of the articles in `temp.batch_articles`.
pub(super) fn touch_batch_articles(tx: &Connection) -> Result<()> {
    run(
        tx,
        "INSERT OR IGNORE INTO temp.touched_keys
         SELECT source_id, type, target_id, negated FROM relations
         WHERE article_id IN (SELECT id FROM temp.batch_articles)",
        [],
    )?;
    run(
        tx,
        "INSERT OR IGNORE INTO temp.touched_entities
         SELECT entity_id FROM mentions WHERE article_id IN (SELECT id FROM temp.batch_articles)
         UNION SELECT source_id FROM relations WHERE article_id IN (SELECT id FROM temp.batch_articles)
         UNION SELECT target_id FROM relations WHERE article_id IN (SELECT id FROM temp.batch_articles)",
        [],
    )?;
    Ok(())
}

/// Aggregate the touched edge keys again from their relations (the definition of `edges`,
/// migration 0002), and forget them.
pub(super) fn edges(tx: &Connection) -> Result<()> {
    run(
        tx,
        "DELETE FROM edges WHERE (source_id, type, target_id, negated) IN
             (SELECT source_id, type, target_id, negated FROM temp.touched_keys)",
        [],
    )?;
    run(
        tx,
        "INSERT INTO edges (source_id, type, target_id, negated, weight, articles, first_seen,
                            last_seen, confidence_sum, sample_relation_id, sample_sentence_id)
         SELECT g.source_id, g.type, g.target_id, g.negated, g.n, g.arts, g.first, g.last, g.conf,
                g.sample, (SELECT sentence_id FROM relations WHERE id = g.sample)
         FROM (
             SELECT r.source_id, r.type, r.target_id, r.negated, count(*) AS n,
                    count(DISTINCT r.article_id) AS arts, min(a.published) AS first,
                    max(a.published) AS last, sum(r.confidence) AS conf, min(r.id) AS sample
             FROM temp.touched_keys k
             CROSS JOIN relations r ON r.source_id = k.source_id AND r.type = k.type
                             AND r.target_id = k.target_id AND r.negated = k.negated
             JOIN articles a ON a.id = r.article_id
             GROUP BY r.source_id, r.type, r.target_id, r.negated
         ) g",
        [],
    )?;
    run(tx, "DELETE FROM temp.touched_keys", [])?;
    Ok(())
}

/// Count the mentions and articles of the touched entities again.
pub(super) fn counters(tx: &Connection) -> Result<()> {
    run(
        tx,
        "UPDATE entities SET
             mentions = (SELECT count(*) FROM mentions WHERE entity_id = entities.id),
             articles = (SELECT count(DISTINCT article_id) FROM mentions WHERE entity_id = entities.id)
         WHERE id IN (SELECT id FROM temp.touched_entities)",
        [],
    )
    .map(|_| ())
}

/// Remove the touched entities left with no mention and no relation, unless a correction
/// that is still in force names them; returns how many went.
pub(super) fn orphans(tx: &Connection) -> Result<usize> {
    const GONE: &str = "SELECT t.id FROM temp.touched_entities t JOIN entities e ON e.id = t.id
         WHERE e.mentions = 0
           AND NOT EXISTS (SELECT 1 FROM relations WHERE source_id = t.id)
           AND NOT EXISTS (SELECT 1 FROM relations WHERE target_id = t.id)
           AND NOT EXISTS (SELECT 1 FROM curation_entities ce JOIN curations c ON c.id = ce.curation_id
                           WHERE ce.entity_id = t.id AND c.undone_at IS NULL)";
    run(
        tx,
        &format!("DELETE FROM aliases WHERE entity_id IN ({GONE})"),
        [],
    )?;
    let n = run(
        tx,
        &format!("DELETE FROM entities WHERE id IN ({GONE})"),
        [],
    )?;
    run(tx, "DELETE FROM temp.touched_entities", [])?;
    Ok(n)
}

/// Rebuild everything touched: edges, then counters; the touched sets are emptied.
pub(super) fn finish(tx: &Connection) -> Result<()> {
    edges(tx)?;
    counters(tx)?;
    run(tx, "DELETE FROM temp.touched_entities", params![])?;
    Ok(())
}
