//! Reliability of the real binary: hostile input, SIGKILL mid-ingest, concurrent use,
//! locked and full databases. Each test says which guarantee of the README it proves.

use rusqlite::Connection;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};
use tempfile::TempDir;

mod common;
use common::{bin, count, ng};

/// A JSONL corpus of `n` distinct articles written for these tests.
fn corpus(path: &Path, n: usize, from: usize) {
    let mut f = std::io::BufWriter::new(fs::File::create(path).unwrap());
    let actors = [
        "France",
        "Japan",
        "Brazil",
        "Kenya",
        "Canada",
        "the European Union",
        "the United Nations",
    ];
    for i in from..from + n {
        let (a, b) = (actors[i % actors.len()], actors[(i / 7 + 3) % actors.len()]);
        let text = format!(
            "{a} and {b} held talks on trade, officials said on day {i}. \
             Minister Ana Lima of the Green Party said {b} had agreed to lift a ban on {a} beef. \
             The United Nations Security Council imposed sanctions on North Korea in round {i}. \
             Reuters reported that {a} criticized {b} over fishing quotas near port number {}.",
            i * 7
        );
        let rec = serde_json::json!({"id": format!("t{i}"), "title": format!("Talks number {i}"), "text": text,
                                     "published": format!("20{:02}-0{}-1{}", 10 + i % 15, 1 + i % 9, i % 10)});
        writeln!(f, "{rec}").unwrap();
    }
}

#[test]
fn hostile_inputs_are_reported_and_the_rest_is_kept() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("g.db");
    let input = dir.path().join("in");
    // A deep directory tree with a symlink loop and a dangling link in it.
    let mut deep = input.clone();
    for i in 0..60 {
        deep = deep.join(format!("d{i}"));
    }
    fs::create_dir_all(&deep).unwrap();
    fs::write(
        deep.join("deep.txt"),
        "Deep title\n\nKenya and Uganda signed a deal.",
    )
    .unwrap();
    std::os::unix::fs::symlink(&input, deep.join("loop")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("nowhere"), input.join("dangling.txt")).unwrap();
    // A 100 MB single line between two good records.
    {
        let mut f = std::io::BufWriter::new(fs::File::create(input.join("huge.jsonl")).unwrap());
        writeln!(
            f,
            "{{\"id\": \"before\", \"text\": \"Peru and Chile met.\"}}"
        )
        .unwrap();
        write!(f, "{{\"id\": \"huge\", \"text\": \"").unwrap();
        let chunk = "a".repeat(1 << 20);
        for _ in 0..100 {
            f.write_all(chunk.as_bytes()).unwrap();
        }
        writeln!(f, "\"}}").unwrap();
        writeln!(
            f,
            "{{\"id\": \"after\", \"text\": \"Chile and Peru met.\"}}"
        )
        .unwrap();
    }
    // Truncated gzip: the records before the cut are kept.
    {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        for i in 0..200 {
            writeln!(gz, "{{\"id\": \"gz{i}\", \"text\": \"Record {i} says Spain and Italy met on day {i}.\"}}").unwrap();
        }
        let bytes = gz.finish().unwrap();
        fs::write(input.join("cut.jsonl.gz"), &bytes[..bytes.len() * 2 / 3]).unwrap();
    }
    fs::write(
        input.join("types.jsonl"),
        "{\"text\": [\"a\"]}\n{\"text\": \"ok text\", \"title\": {\"x\": 1}}\n",
    )
    .unwrap();
    fs::write(input.join("binary.html"), [0u8, 159, 146, 150, 0, 1]).unwrap();
    fs::write(
        input.join("latin1.txt"),
        b"Caf\xe9 owners in Paris protested.\n\nParis is calm and the strike is long over now.",
    )
    .unwrap();

    let out = ng(&db)
        .arg("ingest")
        .arg(&input)
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let huge = input.join("huge.jsonl").display().to_string();
    for want in [
        format!("{huge}:2: record of 104857626 bytes is over the 16 MiB limit"),
        "symlink loop".to_string(),
        "dangling.txt:1: cannot open: No such file".to_string(),
        "cut.jsonl.gz:".to_string(),
        "types.jsonl:1: field `text` must be a string, found an array".to_string(),
        "types.jsonl:2: field `title` must be a string, found an object".to_string(),
        "binary.html:1: binary data".to_string(),
        "latin1.txt:1: 1 invalid UTF-8 byte(s) repaired as Windows-1252".to_string(),
    ] {
        assert!(err.contains(&want), "missing {want:?} in:\n{err}");
    }
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM articles WHERE external_id IN ('before', 'after')"
        ),
        2
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM articles WHERE external_id = 'huge'"
        ),
        0
    );
    let gz = count(
        &db,
        "SELECT count(*) FROM articles WHERE external_id LIKE 'gz%'",
    );
    assert!(gz > 0 && gz < 200, "truncated gzip kept {gz} records");
    assert_eq!(
        count(&db, "SELECT count(*) FROM articles WHERE text LIKE 'Café%'"),
        1
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM articles WHERE path LIKE '%deep.txt'"
        ),
        1
    );
}

/// Per-article row counts, keyed by external id, to compare two databases.
fn rows_per_article(db: &Path) -> Vec<(String, i64, i64, i64)> {
    let c = Connection::open(db).unwrap();
    let mut s = c
        .prepare(
            "SELECT a.external_id,
                    (SELECT count(*) FROM sentences WHERE article_id = a.id),
                    (SELECT count(*) FROM mentions WHERE article_id = a.id),
                    (SELECT count(*) FROM relations WHERE article_id = a.id)
             FROM articles a ORDER BY a.external_id",
        )
        .unwrap();
    let rows = s
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap();
    rows.map(Result::unwrap).collect()
}

#[test]
fn sigkill_mid_ingest_loses_nothing_and_rerun_finishes_without_duplicates() {
    let dir = TempDir::new().unwrap();
    let input = dir.path().join("c.jsonl");
    corpus(&input, 20_000, 0);
    let reference = dir.path().join("ref.db");
    ng(&reference)
        .args(["ingest", "-q"])
        .arg(&input)
        .assert()
        .success();
    let want = rows_per_article(&reference);
    assert_eq!(want.len(), 20_000);

    let db = dir.path().join("killed.db");
    let mut child = std::process::Command::new(bin())
        .arg("--db")
        .arg(&db)
        .args(["ingest", "-q", "--batch", "64"])
        .arg(&input)
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it once some batches are committed, well before the end.
    let start = Instant::now();
    loop {
        std::thread::sleep(Duration::from_millis(20));
        let n = Connection::open(&db)
            .and_then(|c| c.query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0)))
            .unwrap_or(0);
        if n >= 500 || start.elapsed() > Duration::from_secs(60) {
            break;
        }
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();

    assert_eq!(
        Connection::open(&db)
            .unwrap()
            .query_row("PRAGMA integrity_check", [], |r| r.get::<_, String>(0))
            .unwrap(),
        "ok"
    );
    let got = rows_per_article(&db);
    assert!(
        !got.is_empty() && got.len() < want.len(),
        "killed after {} of {}",
        got.len(),
        want.len()
    );
    for row in &got {
        assert!(
            want.binary_search(row).is_ok(),
            "article stored incompletely: {row:?}"
        );
    }

    ng(&db)
        .args(["ingest", "-q"])
        .arg(&input)
        .assert()
        .success();
    assert_eq!(rows_per_article(&db), want);
    assert_eq!(
        count(
            &db,
            "SELECT count(*) - count(DISTINCT external_id) FROM articles"
        ),
        0
    );
}

#[test]
fn readers_work_while_an_ingest_writes_and_two_ingests_share_a_database() {
    let dir = TempDir::new().unwrap();
    let (a, b) = (dir.path().join("a.jsonl"), dir.path().join("b.jsonl"));
    corpus(&a, 6_000, 0);
    corpus(&b, 6_000, 3_000); // overlaps a by 3,000 articles
    let db = dir.path().join("g.db");
    ng(&db)
        .args(["ingest", "-q"])
        .arg(dir.path().join("a.jsonl"))
        .assert()
        .success();
    fs::remove_file(&db).unwrap();
    for ext in ["-wal", "-shm"] {
        let _ = fs::remove_file(format!("{}{ext}", db.display()));
    }

    let spawn = |input: &Path| {
        std::process::Command::new(bin())
            .arg("--db")
            .arg(&db)
            .args(["ingest", "-q", "--batch", "128"])
            .arg(input)
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (mut p1, mut p2) = (spawn(&a), spawn(&b));
    // Readers run meanwhile and always succeed.
    let mut reads = 0;
    while p1.try_wait().unwrap().is_none() || p2.try_wait().unwrap().is_none() {
        if db.exists() && count(&db, "SELECT count(*) FROM sqlite_master") > 0 {
            for args in [
                vec!["query", "SELECT count(*) FROM article_view"],
                vec!["search", "talks"],
                vec!["stats"],
            ] {
                let out = ng(&db).args(&args).output().unwrap();
                assert!(
                    out.status.success(),
                    "{args:?}: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
            reads += 1;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    for p in [p1, p2] {
        let out = p.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(reads > 0, "no read ran during the ingests");
    assert_eq!(count(&db, "SELECT count(*) FROM articles"), 9_000);
    assert_eq!(
        count(&db, "SELECT count(DISTINCT external_id) FROM articles"),
        9_000
    );
}

#[test]
fn a_full_disk_is_explained_and_leaves_whole_articles() {
    let dir = TempDir::new().unwrap();
    let mnt = dir.path().join("small");
    fs::create_dir(&mnt).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=3m", "tmpfs"])
        .arg(&mnt)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipped: cannot mount a small tmpfs here (needs root)");
        return;
    }
    struct Unmount(PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg(&self.0).status();
        }
    }
    let _guard = Unmount(mnt.clone());
    let input = dir.path().join("c.jsonl");
    corpus(&input, 20_000, 0);
    let db = mnt.join("g.db");
    let out = ng(&db)
        .args(["ingest", "-q", "--batch", "100"])
        .arg(&input)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    // What was stored before the disk filled up, then the error.
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(lines[1].contains("full"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let stored = count(&db, "SELECT count(*) FROM articles");
    assert!(stored > 0, "{err}");
    assert!(
        lines[0].starts_with(&format!(
            "newsgraph: stopped after storing {stored} new articles"
        )),
        "{err}"
    );
    let c = Connection::open(&db).unwrap();
    assert_eq!(
        c.query_row("PRAGMA integrity_check", [], |r| r.get::<_, String>(0))
            .unwrap(),
        "ok"
    );
    let incomplete: i64 = c
        .query_row("SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM sentences WHERE article_id = a.id)", [], |r| r.get(0))
        .unwrap();
    assert_eq!(incomplete, 0);
}
