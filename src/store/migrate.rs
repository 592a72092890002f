//! Numbered SQL migrations, embedded at compile time and tracked by `PRAGMA user_version`.

use crate::error::{Error, Result, SqlContext};
use rusqlite::Connection;

/// Every migration in order; migration `i` brings the schema to version `i + 1`.
pub const MIGRATIONS: &[(&str, &str)] =
    &[("0001_init", include_str!("../../migrations/0001_init.sql"))];

/// The schema version this build writes.
pub fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

pub fn version(conn: &Connection) -> Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .ctx("reading schema version")
}

/// Bring the database up to the latest schema in one transaction; refuse a newer one.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    if check(version(conn)?)? {
        return Ok(());
    }
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
    }

    #[test]
    fn older_database_upgrades_step_by_step() {
        let mut c = Connection::open_in_memory().unwrap();
        // Apply only the first migration by hand, as an older build would have.
        c.execute_batch(MIGRATIONS[0].1).unwrap();
        c.pragma_update(None, "user_version", 1).unwrap();
        migrate(&mut c).unwrap();
        assert_eq!(version(&c).unwrap(), latest());
    }

    #[test]
    fn newer_database_is_refused() {
        let mut c = Connection::open_in_memory().unwrap();
        c.pragma_update(None, "user_version", latest() + 1).unwrap();
        let err = migrate(&mut c).unwrap_err().to_string();
        assert!(err.contains("newer"), "{err}");
    }
}
