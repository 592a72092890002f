//! The SQLite store: opening, pragmas and migrations. All SQL of newsgraph lives under here.

mod cache;
mod check;
mod consistency;
pub mod curation;
mod edges;
pub mod explain;
mod forget;
mod graph;
mod load;
mod lock;
mod metrics;
mod migrate;
mod offsets;
mod open;
pub mod prefetch;
mod query;
mod rebuild;
mod reextract;
mod resolve;
mod rows;
mod search;
mod sentence_text;
mod stats;
mod write;

pub use curation::{Curation, CurationEntry, Recorded};
pub use forget::{ArticleSelection, Forgotten};
pub use graph::{
    aggregate_answers, Anchor, EdgeQuery, EdgeRow, EntityRow, RelationRow, RelationTypeRow,
    SentenceReader, Snapshot,
};
pub use load::check_extraction;
pub use metrics::{NodeMetrics, RankKey};
pub use migrate::{latest as schema_version, MIGRATIONS};
pub use query::QueryResult;
pub use reextract::{Reextracted, Stamp, StoredArticle, EXTRACTOR_VERSION};
pub use search::SearchHit;
pub use stats::{Stats, Totals};
pub use write::{ArticleOutcome, PreparedArticle};

use crate::error::{Error, Result, SqlContext};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;
use std::time::Duration;

/// Newtype ids so an article id is never passed where an entity id belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ArticleId(pub i64);
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntityId(pub i64);
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SentenceId(pub i64);

/// A connection to a newsgraph database.
pub struct Store {
    pub(crate) conn: Connection,
    cache: cache::WriteCache,
    /// What new articles are recorded as extracted with.
    stamp: reextract::Stamp,
}

/// Every row of one statement on `conn`, mapped by `f`; errors name the statement.
pub(crate) fn rows<T, P: rusqlite::Params>(
    conn: &Connection,
    sql: &str,
    params: P,
    f: impl FnMut(&rusqlite::Row) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut s = conn.prepare_cached(sql).ctx(sql)?;
    let rows = s.query_map(params, f).ctx(sql)?;
    rows.collect::<std::result::Result<_, _>>().ctx(sql)
}

/// How long to wait for another process's lock: `NEWSGRAPH_BUSY_TIMEOUT_MS`, default 30 s.
fn busy_timeout() -> Duration {
    std::env::var("NEWSGRAPH_BUSY_TIMEOUT_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(Duration::from_secs(30), Duration::from_millis)
}

impl Store {
    /// Open (creating if needed) a database for writing, and bring its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        open::not_a_directory(path)?;
        let conn = Connection::open(path).map_err(|e| open_error(path, e))?;
        Store::init(conn, path)
    }

    /// Open an existing database for writing (upgrading its schema); a missing one is an
    /// error, not a new empty database: for the commands that change what is stored.
    pub fn open_existing(path: &Path) -> Result<Store> {
        if !path.exists() {
            return Err(Error::Db(format!(
                "{}: no such database (run `newsgraph ingest` first, or pass --db)",
                path.display()
            )));
        }
        Store::open(path)
    }

    /// A private in-memory database, for tests.
    pub fn open_memory() -> Result<Store> {
        let conn = Connection::open_in_memory().ctx("opening in-memory database")?;
        Store::init(conn, Path::new(":memory:"))
    }

    fn init(mut conn: Connection, path: &Path) -> Result<Store> {
        conn.busy_timeout(busy_timeout())
            .ctx("setting busy timeout")?;
        open::writable(&conn, path)?;
        check_is_database(&conn, path)?;
        open::is_ours_or_empty(&conn, path)?;
        let mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(|e| open_error(path, e))?;
        if mode != "wal" && mode != "memory" {
            return Err(Error::Db(format!(
                "{}: could not switch to WAL mode (got {mode})",
                path.display()
            )));
        }
        conn.execute_batch(
            // Foreign keys are not enforced by SQLite here: the writer is the only code that
            // inserts, it checks every reference itself (`write::check`), and enforcement cost a
            // parent lookup per key on every mention and relation row.
            "PRAGMA foreign_keys = OFF; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -32768;",
        )
            .ctx("setting pragmas")?;
        // Copy the WAL back into the database every 100,000 pages (400 MB) instead of 1,000: a
        // page rewritten by several batches is copied once, and the writer, which does the
        // copying, is what bounds ingest (Reuters: 3.51 s against 3.90 s at 10,000 pages).
        // Appending Reuters to a million-article archive rewrote 314k pages in checkpoints
        // every 10,000 pages, of which 142k distinct: index leaves hit by batch after batch.
        conn.execute_batch("PRAGMA wal_autocheckpoint = 100000;")
            .ctx("setting the checkpoint interval")?;
        migrate::migrate(&mut conn).map_err(|e| match e {
            Error::Db(m) => Error::Db(format!("{}: {m}", path.display())),
            e => e,
        })?;
        Ok(Store {
            conn,
            cache: Default::default(),
            stamp: Default::default(),
        })
    }

    /// Open an existing database read-only: writes, ATTACH and extensions are refused.
    pub fn open_readonly(path: &Path) -> Result<Store> {
        if !path.exists() {
            return Err(Error::Db(format!(
                "{}: no such database (run `newsgraph ingest` first, or pass --db)",
                path.display()
            )));
        }
        open::not_a_directory(path)?;
        let conn = match open_reader(path) {
            Ok(c) => c,
            // In a read-only directory a WAL database cannot get its index file: open it
            // as immutable, which needs none.
            Err(e) if cannot_open(&e) => {
                let c = open::immutable(path)?.ok_or_else(|| open_error(path, e))?;
                c.busy_timeout(busy_timeout()).ctx("setting busy timeout")?;
                c.set_limit(rusqlite::limits::Limit::SQLITE_LIMIT_ATTACHED, 0);
                check_is_database(&c, path)?;
                c
            }
            Err(e) => return Err(open_error(path, e)),
        };
        open::is_ours_or_empty(&conn, path)?;
        let v = migrate::version(&conn)?;
        if v > migrate::latest() {
            return Err(Error::Db(format!(
                "{}: database schema version {v} is newer than this newsgraph supports ({}); upgrade newsgraph",
                path.display(),
                migrate::latest()
            )));
        }
        if v == 0 {
            return Err(Error::Db(format!(
                "{}: an empty database, nothing ingested yet (run `newsgraph ingest` first, or pass --db)",
                path.display()
            )));
        }
        if v < migrate::READABLE_SINCE {
            return Err(Error::Db(format!(
                "{}: database schema version {v} is older than this newsgraph's ({}); run `newsgraph ingest` or `newsgraph migrate` to upgrade it",
                path.display(),
                migrate::latest()
            )));
        }
        Ok(Store {
            conn,
            cache: Default::default(),
            stamp: Default::default(),
        })
    }

    /// The underlying connection, for modules of the store.
    pub fn schema_version(&self) -> Result<i64> {
        migrate::version(&self.conn)
    }

    /// Rewrite the database at `path` (this store's file) compactly: SQLite's `VACUUM`, with
    /// the write-ahead log folded in first. Returns the file's size in bytes before and after.
    pub fn vacuum(&self, path: &Path) -> Result<(u64, u64)> {
        let size = || -> Result<u64> {
            let main = std::fs::metadata(path)
                .map_err(|e| Error::io(path, e))?
                .len();
            let mut wal = path.as_os_str().to_owned();
            wal.push("-wal");
            let wal = std::fs::metadata(wal).map_or(0, |m| m.len());
            Ok(main + wal)
        };
        let before = size()?;
        self.conn
            .execute_batch(
                "PRAGMA wal_checkpoint(TRUNCATE); VACUUM; PRAGMA wal_checkpoint(TRUNCATE);",
            )
            .ctx("VACUUM")?;
        Ok((before, size()?))
    }
}

/// A read-only connection to `path` that has read its schema.
fn open_reader(path: &Path) -> std::result::Result<Connection, rusqlite::Error> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(busy_timeout())?;
    // No ATTACH: a read-only connection could otherwise open (and create) other files.
    conn.set_limit(rusqlite::limits::Limit::SQLITE_LIMIT_ATTACHED, 0);
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })?;
    Ok(conn)
}

/// Did SQLite fail to open or read a file for want of write access (its WAL index)?
fn cannot_open(e: &rusqlite::Error) -> bool {
    use rusqlite::ErrorCode::*;
    matches!(e.sqlite_error_code(), Some(CannotOpen) | Some(ReadOnly))
}

fn check_is_database(conn: &Connection, path: &Path) -> Result<()> {
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })
    .map(|_| ())
    .map_err(|e| open_error(path, e))
}

/// `e` with the database's lock holders named, when it is a "database is locked" error
/// (as a write that waited its busy timeout gets); any other error as it is.
pub fn explain_lock(path: &Path, e: Error) -> Error {
    use rusqlite::ErrorCode::*;
    match &e {
        Error::Sql { source, .. }
            if matches!(
                source.sqlite_error_code(),
                Some(DatabaseBusy) | Some(DatabaseLocked)
            ) =>
        {
            Error::Db(format!("{}: {e}: {}", path.display(), lock::advice(path)))
        }
        _ => e,
    }
}

fn open_error(path: &Path, e: rusqlite::Error) -> Error {
    use rusqlite::ErrorCode::*;
    let why = match e.sqlite_error_code() {
        Some(NotADatabase) => "not a newsgraph database (the file is not SQLite)".to_string(),
        Some(DatabaseBusy) | Some(DatabaseLocked) => {
            format!(
                "database is locked by another process: {}",
                lock::advice(path)
            )
        }
        Some(ReadOnly) => "database is read-only".to_string(),
        Some(CannotOpen) => "cannot open database file".to_string(),
        Some(DiskFull) => "disk is full".to_string(),
        _ => e.to_string(),
    };
    Error::Db(format!("{}: {why}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A database file at schema `version`, made by the first `version` migrations.
    fn at_version(dir: &Path, version: usize) -> std::path::PathBuf {
        let path = dir.join(format!("v{version}.db"));
        let c = Connection::open(&path).unwrap();
        for (_, sql) in &migrate::MIGRATIONS[..version] {
            c.execute_batch(sql).unwrap();
        }
        c.pragma_update(None, "user_version", version as i64)
            .unwrap();
        path
    }

    #[test]
    fn readers_take_a_schema_whose_later_migrations_do_not_concern_them() {
        let dir = tempfile::tempdir().unwrap();
        for v in migrate::READABLE_SINCE..=migrate::latest() {
            let s = Store::open_readonly(&at_version(dir.path(), v as usize)).unwrap();
            assert_eq!(s.schema_version().unwrap(), v, "opened as it was");
            assert_eq!(s.stats(1).unwrap().articles, 0);
            let g = crate::graph::build(&s, &Default::default(), false).unwrap();
            assert_eq!(g.edge_count(), 0);
        }
        let old = at_version(dir.path(), migrate::READABLE_SINCE as usize - 1);
        let err = Store::open_readonly(&old).err().unwrap().to_string();
        assert!(
            err.contains("run `newsgraph ingest` or `newsgraph migrate`"),
            "{err}"
        );
    }
}
