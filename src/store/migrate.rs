//! Numbered SQL migrations, embedded at compile time and tracked by `PRAGMA user_version`.

use crate::error::{Error, Result, SqlContext};
use rusqlite::Connection;

/// Every migration in order; migration `i` brings the schema to version `i + 1`.
pub const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_init", include_str!("../../migrations/0001_init.sql")),
    (
        "0002_edges",
        include_str!("../../migrations/0002_edges.sql"),
    ),
    (
        "0003_fts_automerge",
        include_str!("../../migrations/0003_fts_automerge.sql"),
    ),
    (
        "0004_entity_merges",
        include_str!("../../migrations/0004_entity_merges.sql"),
    ),
    (
        "0005_curation",
        include_str!("../../migrations/0005_curation.sql"),
    ),
    (
        "0006_sentence_spans",
        include_str!("../../migrations/0006_sentence_spans.sql"),
    ),
    (
        "0007_node_metrics",
        include_str!("../../migrations/0007_node_metrics.sql"),
    ),
];

/// The schema version this build writes.
pub fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

/// The oldest schema the read-only commands can use as it is: later migrations change how
/// the store is written (0003: how the full-text index merges), not what readers see. A
/// migration that changes tables or views readers use must raise this to its own version.
pub const READABLE_SINCE: i64 = 2;

pub fn version(conn: &Connection) -> Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .ctx("reading schema version")
}

/// Bring the database up to the latest schema in one transaction; refuse a newer one.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    if check(version(conn)?)? {
        return Ok(());
    }
    // Foreign keys off, as newsgraph always runs (`Store::init`): a migration that drops a
    // table others reference (0006 drops the old `sentences`) would otherwise delete their
    // rows by `ON DELETE CASCADE`. It cannot be changed inside the transaction.
    conn.execute_batch("PRAGMA foreign_keys = OFF")
        .ctx("turning foreign keys off")?;
    // IMMEDIATE takes the write lock first, so two processes opening a new database at once
    // do not both migrate it: the second waits, then finds it current.
    let tx = conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .ctx("starting migration")?;
    let current = version(&tx)?;
    if check(current)? {
        return Ok(());
    }
    for (i, (name, sql)) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        tx.execute_batch(sql)
            .ctx(&format!("applying migration {name}"))?;
        tx.pragma_update(None, "user_version", i as i64 + 1)
            .ctx("setting schema version")?;
    }
    tx.commit().ctx("committing migration")
}

/// Is a database at schema version `current` up to date? Errors if it is newer than this build.
fn check(current: i64) -> Result<bool> {
    if current > latest() {
        return Err(Error::Db(format!(
            "database schema version {current} is newer than this newsgraph supports ({}); upgrade newsgraph",
            latest()
        )));
    }
    Ok(current == latest())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_migration_applies_to_an_empty_database() {
        let mut c = Connection::open_in_memory().unwrap();
        migrate(&mut c).unwrap();
        assert_eq!(version(&c).unwrap(), latest());
        for view in [
            "article_view",
            "entity_view",
            "alias_view",
            "mention_view",
            "relation_view",
            "edge_view",
            "sentence_view",
        ] {
            c.prepare(&format!("SELECT * FROM {view} LIMIT 0")).unwrap();
        }
        // Idempotent: a second run changes nothing.
        migrate(&mut c).unwrap();
        assert_eq!(version(&c).unwrap(), latest());
        // The full-text index merges 8 segments at a time (0003).
        let automerge: i64 = c
            .query_row(
                "SELECT v FROM sentence_fts_config WHERE k = 'automerge'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(automerge, 8);
    }

    /// Every row of edge_view, sorted, with the confidence rounded (its sum is taken in
    /// another order after the upgrade).
    fn edge_rows(c: &Connection) -> Vec<String> {
        let mut stmt = c
            .prepare(
                "SELECT source_id, source, type, target_id, target, weight, articles,
                        quote(first_seen), quote(last_seen), round(confidence, 9)
                 FROM edge_view ORDER BY source_id, type, target_id",
            )
            .unwrap();
        let rows = stmt
            .query_map([], |r| {
                Ok((0..10)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .unwrap();
        rows.map(|r| r.unwrap()).collect()
    }

    #[test]
    fn older_database_upgrades_step_by_step() {
        let mut c = Connection::open_in_memory().unwrap();
        // Apply only the first migration by hand, as an older build would have, with data:
        // two articles (one undated), a repeated edge, a negated one and a self-contained one.
        c.execute_batch(MIGRATIONS[0].1).unwrap();
        c.pragma_update(None, "user_version", 1).unwrap();
        c.execute_batch(
            "INSERT INTO articles (id, hash, published, path, text) VALUES
                (1, 'a', '2018-02-21', 'a.txt', 'x'), (2, 'b', NULL, 'b.txt', 'y'),
                (3, 'c', '2017-05-01', 'c.txt', 'z');
             INSERT INTO sentences (id, article_id, idx, start, \"end\", text) VALUES
                (1, 1, 0, 0, 1, 's1'), (2, 2, 0, 0, 1, 's2'), (3, 3, 0, 0, 1, 's3');
             INSERT INTO entities (id, name, type) VALUES (1, 'China', 'country'),
                (2, 'North Korea', 'country'), (3, 'UN', 'organization');
             INSERT INTO relations (id, article_id, sentence_id, source_id, target_id, type,
                                    negated, confidence, trigger, rule) VALUES
                (1, 1, 1, 1, 2, 'bans', 0, 0.9, 't', 'r'),
                (2, 1, 1, 1, 2, 'bans', 0, 0.7, 't', 'r'),
                (3, 2, 2, 1, 2, 'bans', 0, 0.5, 't', 'r'),
                (4, 3, 3, 1, 2, 'bans', 0, 0.6, 't', 'r'),
                (5, 2, 2, 3, 1, 'sanctions', 1, 0.8, 't', 'r'),
                (6, 2, 2, 3, 2, 'sanctions', 0, 0.8, 't', 'r');",
        )
        .unwrap();
        let before = edge_rows(&c);
        assert_eq!(before.len(), 2, "{before:?}");
        migrate(&mut c).unwrap();
        assert_eq!(version(&c).unwrap(), latest());
        assert_eq!(edge_rows(&c), before);
        let (w, a, first, last, sample, sentence): (i64, i64, String, String, i64, i64) = c
            .query_row(
                "SELECT weight, articles, first_seen, last_seen, sample_relation_id,
                        sample_sentence_id FROM edges WHERE source_id = 1 AND type = 'bans'",
                [],
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                    ))
                },
            )
            .unwrap();
        assert_eq!(
            (w, a, first.as_str(), last.as_str(), sample, sentence),
            (4, 3, "2017-05-01", "2018-02-21", 1, 1)
        );
        let negated: i64 = c
            .query_row("SELECT count(*) FROM edges WHERE negated = 1", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(negated, 1);
    }

    /// Every row of the views that read sentences, and the sentences a search finds.
    fn sentence_rows(c: &Connection) -> Vec<String> {
        let mut out = Vec::new();
        for sql in [
            "SELECT * FROM sentence_view ORDER BY sentence_id",
            "SELECT * FROM relation_view ORDER BY relation_id",
            "SELECT rowid FROM sentence_fts WHERE sentence_fts MATCH 'ore OR séoul' ORDER BY rowid",
        ] {
            let mut stmt = c.prepare(sql).unwrap();
            let n = stmt.column_count();
            let rows = stmt
                .query_map([], |r| {
                    Ok((0..n)
                        .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                        .collect::<Vec<_>>()
                        .join("|"))
                })
                .unwrap();
            out.extend(rows.map(|r| r.unwrap()));
        }
        out
    }

    #[test]
    fn sentences_of_a_version_5_database_keep_their_text_once_migrated() {
        let mut c = Connection::open_in_memory().unwrap();
        for (_, sql) in &MIGRATIONS[..5] {
            c.execute_batch(sql).unwrap();
        }
        c.pragma_update(None, "user_version", 5).unwrap();
        // ASCII, accents and an emoji (bytes != code points), and one sentence whose stored
        // text is not the slice of its article (written by hand): it must survive as it is.
        c.execute_batch(
            "INSERT INTO articles (id, hash, published, path, text) VALUES
                (1, 'a', '2018-02-21', 'a.txt', 'China banned ore. Kang spoke.'),
                (2, 'b', NULL, 'b.txt', 'Séoul 😀 a dit. Kang spoke.');
             INSERT INTO sentences (id, article_id, idx, start, \"end\", text) VALUES
                (1, 1, 0, 0, 17, 'China banned ore.'), (2, 1, 1, 18, 29, 'Kang spoke.'),
                (3, 2, 0, 0, 14, 'Séoul 😀 a dit.'), (4, 2, 1, 15, 26, 'edited by hand');
             INSERT INTO sentence_fts (rowid, text) SELECT id, text FROM sentences;
             INSERT INTO entities (id, name, type) VALUES (1, 'China', 'country'),
                (2, 'Kang', 'person');
             INSERT INTO relations (id, article_id, sentence_id, source_id, target_id, type,
                                    negated, confidence, trigger, rule) VALUES
                (1, 1, 2, 2, 1, 'claims', 0, 0.5, 'spoke', 'r'),
                (2, 2, 3, 2, 1, 'claims', 0, 0.5, 'dit', 'r'),
                (3, 2, 4, 2, 1, 'claims', 0, 0.5, 'spoke', 'r');",
        )
        .unwrap();
        let before = sentence_rows(&c);
        assert_eq!(before.len(), 4 + 3 + 2, "{before:?}");
        migrate(&mut c).unwrap();
        assert_eq!(version(&c).unwrap(), latest());
        assert_eq!(sentence_rows(&c), before);
        let kept: Vec<(i64, Option<String>)> = c
            .prepare("SELECT id, text FROM sentence_spans ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(
            kept,
            [
                (1, None),
                (2, None),
                (3, None),
                (4, Some("edited by hand".to_string()))
            ]
        );
        // the foreign keys name the new table; the full-text index reads the view
        let broken: i64 = c
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(broken, 0);
        c.execute_batch("INSERT INTO sentence_fts (sentence_fts) VALUES ('integrity-check')")
            .unwrap();
    }

    #[test]
    fn newer_database_is_refused() {
        let mut c = Connection::open_in_memory().unwrap();
        c.pragma_update(None, "user_version", latest() + 1).unwrap();
        let err = migrate(&mut c).unwrap_err().to_string();
        assert!(err.contains("newer"), "{err}");
    }
}
