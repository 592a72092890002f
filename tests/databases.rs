//! Database files newsgraph must not misuse: another application's SQLite file, a
//! directory, a read-only database, a database in a read-only directory.

use assert_cmd::Command;
use rusqlite::Connection;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use tempfile::TempDir;

mod common;
use common::ng;

fn article(dir: &Path) -> PathBuf {
    let p = dir.join("a.txt");
    fs::write(&p, "Talks\n\nKenya and Uganda signed a deal in Nairobi.").unwrap();
    p
}

/// Exit code and stderr of a run.
fn run(c: &mut Command) -> (Option<i32>, String) {
    let out = c.output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn another_applications_database_is_refused_untouched() {
    let dir = TempDir::new().unwrap();
    let input = article(dir.path());
    let apps = dir.path().join("apps");
    fs::create_dir(&apps).unwrap();
    for (name, schema) in [
        (
            "notes.db",
            "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);",
        ),
        // Its own `articles` table made the migration fail with its whole SQL as the error.
        (
            "blog.db",
            "CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT);",
        ),
    ] {
        let db = apps.join(name);
        let c = Connection::open(&db).unwrap();
        c.execute_batch(schema).unwrap();
        c.execute_batch("PRAGMA user_version = 7;").unwrap();
        drop(c);
        let before = fs::read(&db).unwrap();
        let (code, err) = run(ng(&db).arg("ingest").arg(&input));
        assert_eq!(code, Some(3), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.starts_with(&format!(
                "newsgraph: {}: not a newsgraph database",
                db.display()
            )),
            "{err}"
        );
        let (code, err) = run(ng(&db).args(["query", "SELECT 1"]));
        assert_eq!(code, Some(3), "{err}");
        assert_eq!(fs::read(&db).unwrap(), before, "{name} was changed");
    }
    assert_eq!(listing(&apps), ["blog.db", "notes.db"]);
}

#[test]
fn a_directory_is_not_a_database() {
    let dir = TempDir::new().unwrap();
    let input = article(dir.path());
    for args in [vec!["ingest", input.to_str().unwrap()], vec!["stats"]] {
        let (code, err) = run(ng(dir.path()).args(&args));
        assert_eq!(code, Some(3), "{err}");
        assert!(err.contains("is a directory, not a database file"), "{err}");
    }
}

/// A small tmpfs at `mnt`, unmounted on drop; None where mounting is not allowed.
struct Mount(PathBuf);

impl Mount {
    fn new(mnt: &Path) -> Option<Mount> {
        fs::create_dir_all(mnt).unwrap();
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=16m", "tmpfs"])
            .arg(mnt)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Mount(mnt.to_path_buf()))
    }

    fn read_only(&self) -> bool {
        std::process::Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&self.0)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_read_only_database_is_named_and_still_read() {
    let dir = TempDir::new().unwrap();
    let Some(mount) = Mount::new(&dir.path().join("ro")) else {
        eprintln!("skipped: cannot mount a tmpfs here (needs root)");
        return;
    };
    let db = mount.0.join("g.db");
    let input = article(dir.path());
    ng(&db)
        .args(["ingest", "-q"])
        .arg(&input)
        .assert()
        .success();
    // The last writer to close removes the WAL and its index, as a database copied alone
    // has neither.
    let c = Connection::open(&db).unwrap();
    c.query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0))
        .unwrap();
    drop(c);
    assert_eq!(listing(&mount.0), ["g.db"]);
    assert!(mount.read_only(), "remount read-only failed");
    // Reading commands work in a read-only directory, where no WAL index can be made.
    let out = ng(&db)
        .args(["query", "SELECT count(*) FROM article_view"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "count(*)\n1\n");
    ng(&db).arg("stats").assert().success();
    let graph = dir.path().join("g.graphml");
    ng(&db)
        .args(["export", "-o"])
        .arg(&graph)
        .assert()
        .success();
    // Writing names the database, not an article.
    let other = dir.path().join("b.txt");
    fs::write(&other, "More talks\n\nPeru and Chile met in Lima.").unwrap();
    let (code, err) = run(ng(&db).arg("ingest").arg(&other));
    assert_eq!(code, Some(3), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with(&format!(
            "newsgraph: {}: database is read-only",
            db.display()
        )),
        "{err}"
    );
}

#[test]
fn a_locked_database_names_the_process_holding_it() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("g.db");
    let input = article(dir.path());
    ng(&db)
        .args(["ingest", "-q"])
        .arg(&input)
        .assert()
        .success();
    let holder = Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let other = dir.path().join("b.txt");
    fs::write(&other, "More talks\n\nPeru and Chile met in Lima.").unwrap();
    let (code, err) = run(ng(&db)
        .env("NEWSGRAPH_BUSY_TIMEOUT_MS", "200")
        .args(["ingest", "-q"])
        .arg(&other));
    assert_eq!(code, Some(3), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    let me = format!("held by pid {}: ", std::process::id());
    assert!(
        err.starts_with("newsgraph: ") && err.contains("locked") && err.contains(&me),
        "{err}"
    );
    holder.execute_batch("ROLLBACK").unwrap();
    let n: i64 = holder
        .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1, "nothing of the refused ingest was stored");
}

#[test]
fn an_empty_file_is_an_empty_database_for_readers() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("empty.db");
    fs::write(&db, b"").unwrap();
    let (code, err) = run(ng(&db).arg("stats"));
    assert_eq!(code, Some(3), "{err}");
    assert!(
        err.contains("an empty database, nothing ingested yet"),
        "{err}"
    );
    assert_eq!(fs::read(&db).unwrap(), b"", "a reader wrote to it");
}

#[test]
/// Junk, a newer schema, a missing file: one line, exit 3.
fn databases_that_cannot_be_used_are_refused_in_one_line() {
    let dir = TempDir::new().unwrap();
    let junk = dir.path().join("junk.db");
    fs::write(&junk, vec![b'x'; 4096]).unwrap();
    ng(&junk)
        .args(["query", "SELECT 1"])
        .assert()
        .code(3)
        .stderr(predicates::str::contains("not a newsgraph database"));
    let newer = dir.path().join("newer.db");
    // A newer newsgraph's database: its tables, and a schema version beyond ours.
    rusqlite::Connection::open(&newer)
        .unwrap()
        .execute_batch(
            "CREATE TABLE articles (id INTEGER); CREATE TABLE sentences (id INTEGER);
             CREATE TABLE entities (id INTEGER); CREATE TABLE mentions (id INTEGER);
             CREATE TABLE relations (id INTEGER); PRAGMA user_version = 999;",
        )
        .unwrap();
    for args in [vec!["stats"], vec!["ingest", "-"]] {
        ng(&newer)
            .args(&args)
            .write_stdin("text")
            .assert()
            .code(3)
            .stderr(predicates::str::contains(
                "newer than this newsgraph supports",
            ));
    }
    ng(&dir.path().join("none.db"))
        .args(["stats"])
        .assert()
        .code(3)
        .stderr(predicates::str::contains("no such database"));
}

#[test]
fn migrate_vacuum_returns_the_space_of_deleted_rows_and_keeps_every_view() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");
    let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/data/samples");
    let ng = || assert_cmd::Command::cargo_bin("newsgraph").unwrap();
    ng().arg("--db")
        .arg(&db)
        .args(["ingest", "-q", samples])
        .assert()
        .success();
    // Every row of the public views, as text.
    let views = || -> Vec<String> {
        let c = Connection::open(&db).unwrap();
        let mut out = Vec::new();
        for v in [
            "article_view",
            "sentence_view",
            "entity_view",
            "relation_view",
            "edge_view",
        ] {
            let mut st = c.prepare(&format!("SELECT * FROM {v}")).unwrap();
            let n = st.column_count();
            let mut rows = st.query([]).unwrap();
            while let Some(r) = rows.next().unwrap() {
                let cells: Vec<String> = (0..n)
                    .map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap()))
                    .collect();
                out.push(format!("{v}: {}", cells.join("|")));
            }
        }
        assert!(out.len() > 100, "the samples fill the views");
        out
    };
    // Make free pages: a blob written and deleted.
    {
        let c = Connection::open(&db).unwrap();
        c.execute_batch("CREATE TABLE junk(b); INSERT INTO junk VALUES (zeroblob(4000000)); DROP TABLE junk; PRAGMA wal_checkpoint(TRUNCATE);").unwrap();
    }
    let before = views();
    let size = || std::fs::metadata(&db).unwrap().len();
    let big = size();
    let out = ng()
        .arg("--db")
        .arg(&db)
        .args(["migrate", "--vacuum"])
        .assert()
        .success();
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("before VACUUM"), "{err}");
    assert!(size() + 3_000_000 < big, "{} -> {}", big, size());
    assert_eq!(views(), before);
    // A database that does not exist is created at the latest schema (the Spark job reads
    // the relation types from one made so), with its metrics fresh.
    let new = dir.path().join("new.db");
    ng().arg("--db").arg(&new).arg("migrate").assert().success();
    let fresh: i64 = Connection::open(&new)
        .unwrap()
        .query_row("SELECT metrics_fresh FROM graph_state", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fresh, 1);
}
