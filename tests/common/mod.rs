//! What the binary tests share: the command run against a database with a clean
//! environment, the sample articles, a database ingested from them, and small readers.
#![allow(dead_code)]

use assert_cmd::Command;
use newsgraph::store::Store;
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The built binary.
pub fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("newsgraph")
}

/// `newsgraph --db DB`, blind to the user's environment (database, lexicon and config
/// variables, home directory), killed if it hangs. The bound is generous: a debug build
/// ingests twenty thousand articles in the reliability tests, on a loaded machine.
pub fn ng(db: &Path) -> Command {
    let mut c = Command::new(bin());
    c.arg("--db")
        .arg(db)
        .env_remove("NEWSGRAPH_DB")
        .env_remove("NEWSGRAPH_LEXICON")
        .env_remove("XDG_CONFIG_HOME")
        .env("HOME", "/nonexistent")
        .timeout(Duration::from_secs(900));
    c
}

/// The sample articles shipped in `data/samples`.
pub fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples")
}

/// A database `dir/name` with the sample articles ingested.
pub fn ingested(dir: &Path, name: &str) -> PathBuf {
    let db = dir.join(name);
    ng(&db)
        .args(["ingest", "-q"])
        .arg(samples())
        .assert()
        .success();
    db
}

/// Output bytes as text.
pub fn text(out: &[u8]) -> String {
    String::from_utf8_lossy(out).to_string()
}

/// The database passes the store's consistency checks.
pub fn sound(db: &Path) {
    let p = Store::open(db).unwrap().consistency_problems().unwrap();
    assert!(p.is_empty(), "{p:#?}");
}

/// The one integer a query returns.
pub fn count(db: &Path, sql: &str) -> i64 {
    Connection::open(db)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}
