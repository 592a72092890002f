//! What a database path must be before newsgraph uses it: a file (not a directory), empty
//! or newsgraph's own (another application's SQLite file is refused untouched), writable
//! for the commands that write, and readable from a read-only directory for those that
//! only read.

use crate::error::{Error, Result, SqlContext};
use rusqlite::{Connection, DatabaseName, OpenFlags};
use std::path::Path;

/// Tables every newsgraph schema has had since its first migration.
const OUR_TABLES: [&str; 5] = ["articles", "sentences", "entities", "mentions", "relations"];

/// Refuse a directory given as the database (SQLite says only `disk I/O error`).
pub(super) fn not_a_directory(path: &Path) -> Result<()> {
    if path.is_dir() {
        return Err(Error::Db(format!(
            "{}: is a directory, not a database file (pass --db FILE)",
            path.display()
        )));
    }
    Ok(())
}

/// Refuse a SQLite database that is neither empty nor newsgraph's, before anything is
/// written to it (migrations, or even the switch to WAL, would change its bytes).
pub(super) fn is_ours_or_empty(conn: &Connection, path: &Path) -> Result<()> {
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .ctx("reading schema version")?;
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name")
        .ctx("reading the schema")?;
    let tables: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .and_then(|rows| rows.collect())
        .ctx("reading the schema")?;
    let objects: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .ctx("reading the schema")?;
    if version == 0 && objects == 0 {
        return Ok(()); // new
    }
    if version > 0 && OUR_TABLES.iter().all(|t| tables.iter().any(|n| n == t)) {
        return Ok(());
    }
    let mut shown: Vec<&str> = tables.iter().map(String::as_str).take(5).collect();
    if tables.len() > 5 {
        shown.push("...");
    }
    let what = match shown.is_empty() {
        true => format!("schema version {version}, no tables"),
        false => format!("tables {}", shown.join(", ")),
    };
    Err(Error::Db(format!(
        "{}: not a newsgraph database (another application's SQLite file: {what}); left as it is: give newsgraph a file of its own with --db",
        path.display(),
    )))
}

/// Refuse a database SQLite opened read-only (no write permission, a read-only mount),
/// naming it, rather than failing on the first article written.
pub(super) fn writable(conn: &Connection, path: &Path) -> Result<()> {
    if conn.is_readonly(DatabaseName::Main).unwrap_or(false) {
        return Err(Error::Db(format!(
            "{}: database is read-only (no permission to write the file, or a read-only file system)",
            path.display()
        )));
    }
    Ok(())
}

/// Open `path` read-only when the ordinary read-only open failed: in a read-only directory
/// SQLite cannot create the WAL index (`-shm`) a WAL database needs, so the file is opened
/// as immutable, which needs none. Refused if a write-ahead log is present with content,
/// as an immutable open would not see it.
pub(super) fn immutable(path: &Path) -> Result<Option<Connection>> {
    let mut wal = path.as_os_str().to_os_string();
    wal.push("-wal");
    if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
        return Ok(None);
    }
    let uri = format!("file:{}?immutable=1", uri_path(path));
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    Ok(Connection::open_with_flags(uri, flags).ok())
}

/// `path` as the path of a `file:` URI: `%`, `?` and `#` and every byte outside printable
/// ASCII percent-encoded.
fn uri_path(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut out = String::new();
    for &b in path.as_os_str().as_bytes() {
        match b {
            b'%' | b'?' | b'#' => out.push_str(&format!("%{b:02X}")),
            0x21..=0x7e => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_encoded_for_uris() {
        assert_eq!(
            uri_path(Path::new("/tmp/a b/50%?#é.db")),
            "/tmp/a%20b/50%25%3F%23%C3%A9.db"
        );
    }

    #[test]
    fn another_applications_database_is_refused_and_an_empty_one_taken() {
        let c = Connection::open_in_memory().unwrap();
        assert!(is_ours_or_empty(&c, Path::new("x.db")).is_ok());
        c.execute_batch("CREATE TABLE articles (id INTEGER); CREATE TABLE notes (t TEXT);")
            .unwrap();
        let err = is_ours_or_empty(&c, Path::new("x.db"))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("x.db: not a newsgraph database") && err.contains("articles, notes"),
            "{err}"
        );
    }
}
