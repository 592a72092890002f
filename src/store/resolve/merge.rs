//! Moving one entity's mentions, relations, aliases and edges onto another, recorded in
//! `entity_merges` so that curation can show and undo it.

use super::Row;
use crate::error::{Result, SqlContext};
use rusqlite::{params, Transaction};

/// What holding two entities of one name apart takes: one article naming both, or one
/// sentence.
#[derive(Debug, Clone, Copy)]
pub(super) enum Within {
    Article,
    Sentence,
}

/// Whether some article (or sentence) holds both entities apart: homonyms the extractor
/// told apart (`Georgia met Georgia`).
pub(super) fn together(tx: &Transaction, a: i64, b: i64, within: Within) -> Result<bool> {
    let sql = together_sql(within);
    tx.prepare_cached(sql)
        .and_then(|mut s| s.query_row(params![a, b], |r| r.get(0)))
        .ctx(sql)
}

/// The query of [`together`]. Both forms reach `y` through the article index: `sentence_id`
/// has no index of its own, and joining on it alone scanned every mention of the archive
/// once per type pair weighed (most of an append's time on a large archive).
fn together_sql(within: Within) -> &'static str {
    match within {
        Within::Article => {
            "SELECT EXISTS (SELECT 1 FROM mentions x JOIN mentions y ON y.article_id = x.article_id
                            WHERE x.entity_id = ?1 AND +y.entity_id = ?2)"
        }
        Within::Sentence => {
            "SELECT EXISTS (SELECT 1 FROM mentions x JOIN mentions y
                              ON y.article_id = x.article_id AND y.sentence_id = x.sentence_id
                            WHERE x.entity_id = ?1 AND +y.entity_id = ?2)"
        }
    }
}

/// Ids as a comma-separated list.
fn ids(tx: &Transaction, sql: &str, id: i64) -> Result<String> {
    let mut st = tx.prepare_cached(sql).ctx("listing merged rows")?;
    let v: Vec<i64> = st
        .query_map([id], |r| r.get(0))
        .ctx("listing merged rows")?
        .collect::<std::result::Result<_, _>>()
        .ctx("listing merged rows")?;
    Ok(v.iter().map(i64::to_string).collect::<Vec<_>>().join(","))
}

/// Move everything of `from` onto `into`, recompute the edges of both, record the merge.
pub(super) fn merge(tx: &Transaction, from: &Row, into: &Row, reason: &str) -> Result<()> {
    let (f, t) = (from.id, into.id);
    let mention_ids = ids(tx, "SELECT id FROM mentions WHERE entity_id = ?1", f)?;
    let relation_ids = ids(
        tx,
        "SELECT id FROM relations WHERE source_id = ?1 UNION SELECT id FROM relations WHERE target_id = ?1",
        f,
    )?;
    let run = |sql: &str, p: &[&dyn rusqlite::ToSql]| -> Result<usize> {
        tx.prepare_cached(sql)
            .and_then(|mut s| s.execute(p))
            .ctx("merging entities")
    };
    run(
        "INSERT INTO entity_merges (from_id, from_name, from_type, into_id, reason, mentions,
                                    mention_ids, relation_ids)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            f,
            from.name,
            from.typ,
            t,
            reason,
            from.mentions,
            mention_ids,
            relation_ids
        ],
    )?;
    // The winner's counters raised by what the loser brings, read before its mentions move:
    // its mentions, and its articles the winner is not mentioned in. Recounting the winner
    // instead read every mention of it, a random page each: on a hub of tens of thousands
    // of mentions, most of an append's time on a large archive. (`+y.entity_id`: the
    // article's mentions, not the winner's.)
    run(
        "UPDATE entities SET
             mentions = mentions + (SELECT count(*) FROM mentions WHERE entity_id = ?1),
             articles = articles + (SELECT count(DISTINCT x.article_id) FROM mentions x
                 WHERE x.entity_id = ?1 AND NOT EXISTS (SELECT 1 FROM mentions y
                     WHERE y.article_id = x.article_id AND +y.entity_id = ?2))
         WHERE id = ?2",
        params![f, t],
    )?;
    run(
        "UPDATE mentions SET entity_id = ?2 WHERE entity_id = ?1",
        params![f, t],
    )?;
    run(
        "UPDATE relations SET source_id = ?2 WHERE source_id = ?1",
        params![f, t],
    )?;
    run(
        "UPDATE relations SET target_id = ?2 WHERE target_id = ?1",
        params![f, t],
    )?;
    run(
        "INSERT OR IGNORE INTO aliases (entity_id, alias) SELECT ?2, alias FROM aliases WHERE entity_id = ?1",
        params![f, t],
    )?;
    run("DELETE FROM aliases WHERE entity_id = ?1", params![f])?;
    run("DELETE FROM entities WHERE id = ?1", params![f])?;
    // The loser's edges held only its relations; they are gone.
    run("DELETE FROM edges WHERE source_id = ?1", params![f])?;
    run("DELETE FROM edges WHERE target_id = ?1", params![f])?;
    merge_edges(tx, &relation_ids)
}

/// Add the relations `relation_ids` (comma-separated; just moved onto the winner) to the
/// edges they now belong to, as the writer's tally does: an edge's other relations are not
/// read again (a hub's edge has thousands), only, for each moved relation, its article's
/// relations, to count an article once.
fn merge_edges(tx: &Transaction, relation_ids: &str) -> Result<()> {
    tx.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS merge_moved (id INTEGER PRIMARY KEY);
         DELETE FROM temp.merge_moved;",
    )
    .ctx("merging entities")?;
    let run = |sql: &str| -> Result<usize> {
        tx.prepare_cached(sql)
            .and_then(|mut s| s.execute([relation_ids]))
            .ctx("merging entities")
    };
    run("INSERT INTO temp.merge_moved SELECT value FROM json_each('[' || ?1 || ']')")?;
    // `+o.source_id` and the rest: find the article's relations by article, not the edge's.
    tx.prepare_cached(
        "INSERT INTO edges (source_id, type, target_id, negated, weight, articles, first_seen,
                            last_seen, confidence_sum, sample_relation_id, sample_sentence_id)
         SELECT g.source_id, g.type, g.target_id, g.negated, g.n, g.arts, g.first, g.last,
                g.conf, g.sample, (SELECT sentence_id FROM relations WHERE id = g.sample)
         FROM (
             SELECT r.source_id, r.type, r.target_id, r.negated, count(*) AS n,
                    count(DISTINCT iif(EXISTS (
                        SELECT 1 FROM relations o
                        WHERE o.article_id = r.article_id AND +o.source_id = r.source_id
                          AND +o.type = r.type AND +o.target_id = r.target_id
                          AND +o.negated = r.negated
                          AND o.id NOT IN (SELECT id FROM temp.merge_moved)),
                        NULL, r.article_id)) AS arts,
                    min(a.published) AS first, max(a.published) AS last,
                    sum(r.confidence) AS conf, min(r.id) AS sample
             FROM temp.merge_moved m
             CROSS JOIN relations r ON r.id = m.id
             JOIN articles a ON a.id = r.article_id
             GROUP BY r.source_id, r.type, r.target_id, r.negated
         ) g
         WHERE true
         ON CONFLICT (source_id, type, target_id, negated) DO UPDATE SET
            weight = weight + excluded.weight,
            articles = articles + excluded.articles,
            first_seen = coalesce(min(first_seen, excluded.first_seen), first_seen, excluded.first_seen),
            last_seen = coalesce(max(last_seen, excluded.last_seen), last_seen, excluded.last_seen),
            confidence_sum = confidence_sum + excluded.confidence_sum,
            sample_sentence_id = CASE WHEN excluded.sample_relation_id < sample_relation_id
                THEN excluded.sample_sentence_id ELSE sample_sentence_id END,
            sample_relation_id = min(sample_relation_id, excluded.sample_relation_id)",
    )
    .and_then(|mut s| s.execute([]))
    .ctx("merging entities")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn holding_two_nodes_apart_reads_only_the_articles_of_one() {
        let s = Store::open_memory().unwrap();
        for within in [Within::Article, Within::Sentence] {
            let sql = format!("EXPLAIN QUERY PLAN {}", together_sql(within));
            let mut st = s.conn.prepare(&sql).unwrap();
            let plan: Vec<String> = st
                .query_map(params![1, 2], |r| r.get::<_, String>(3))
                .unwrap()
                .map(|r| r.unwrap())
                .collect();
            assert!(
                plan.iter().any(|l| l.contains("mentions_entity")),
                "{within:?}: {plan:?}"
            );
            assert!(
                plan.iter().any(|l| l.contains("mentions_article")),
                "{within:?}: {plan:?}"
            );
            // `SCAN CONSTANT ROW` is the `SELECT EXISTS` itself; a scan of a table is the bug.
            assert!(
                !plan
                    .iter()
                    .any(|l| l.starts_with("SCAN") && l != "SCAN CONSTANT ROW"),
                "{within:?}: {plan:?}"
            );
        }
    }
}
