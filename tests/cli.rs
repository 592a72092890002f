//! The real binary on fixtures in a temp directory: ingest, query, search, stats, errors.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use std::path::Path;
use tempfile::TempDir;

mod common;
use common::{ng, samples};

fn query(db: &Path, sql: &str) -> String {
    let out = ng(db)
        .args(["query", "--format", "tsv", sql])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn samples_ingest_once_and_then_are_unchanged() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("g.db");
    ng(&db)
        .arg("ingest")
        .arg(samples())
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "ingested 9 new articles, 0 unchanged, 0 rejected",
        ));
    ng(&db)
        .arg("ingest")
        .arg(samples())
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "ingested 0 new articles, 9 unchanged, 0 rejected",
        ));
    assert_eq!(
        query(&db, "SELECT count(*) FROM article_view"),
        "count(*)\n9\n"
    );
    // Every format kept its metadata.
    let got = query(
        &db,
        "SELECT published, source FROM article_view WHERE path LIKE '%.html'",
    );
    assert_eq!(got, "published\tsource\n2025-05-26\tSample Wire\n");
    let got = query(
        &db,
        "SELECT author FROM article_view WHERE path LIKE '%.gz'",
    );
    assert_eq!(got, "author\nElif Demir\n");
}

#[test]
fn a_collections_readme_is_not_an_article_unless_named() {
    let dir = TempDir::new().unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    let story = "Japan sanctioned Russia on Monday, officials said.";
    fs::write(corpus.join("001.txt"), story).unwrap();
    let readme = "This collection holds news stories from 2004 and 2005, one file each.";
    fs::write(corpus.join("README.TXT"), readme).unwrap();
    fs::write(corpus.join("License.md"), "Licensed for research only.").unwrap();
    let db = dir.path().join("g.db");
    ng(&db)
        .arg("ingest")
        .arg(&corpus)
        .assert()
        .success()
        .stderr(
            predicate::str::contains("README.TXT: skipped as the collection's documentation")
                .and(predicate::str::contains("License.md: skipped"))
                .and(predicate::str::contains("ingested 1 new article,")),
        );
    // Named on the command line, it is read like any text file.
    ng(&db)
        .arg("ingest")
        .arg(corpus.join("README.TXT"))
        .assert()
        .success()
        .stderr(predicate::str::contains("ingested 1 new article,"));
    assert_eq!(
        query(&db, "SELECT count(*) FROM article_view"),
        "count(*)\n2\n"
    );
}

#[test]
fn wire_text_gets_metadata_and_loses_furniture() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("g.db");
    assert_wire_article(
        &db,
        &samples().join("wire-port-ban.txt"),
        "Japan bans Russian seafood imports as fishing dispute deepens\tHannah Ortiz\tUPI\t2023-03-04",
    );
    // Sentences tile the text: every sentence is the substring its offsets name.
    let bad = query(
        &db,
        "SELECT count(*) FROM sentence_view s JOIN article_view a USING (article_id)
         WHERE substr(a.text, s.start + 1, s.\"end\" - s.start) != s.text",
    );
    assert_eq!(bad, "count(*)\n0\n");
}

#[test]
fn seed_article_metadata() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds/musan-mine.txt");
    if !seed.exists() {
        eprintln!("skipped: {} not present", seed.display());
        return;
    }
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("g.db");
    assert_wire_article(
        &db,
        &seed,
        "Report: North Korea mine struggling as sanctions squeeze regime\tElizabeth Shim\tUPI\t2018-02-21",
    );
}

/// Ingest one wire-style text article into `db`: its title, author, source and date are
/// `meta` (tab-separated), and no page furniture is left in its stored text.
fn assert_wire_article(db: &Path, article: &Path, meta: &str) {
    ng(db).arg("ingest").arg(article).assert().success();
    let got = query(
        db,
        "SELECT title, author, source, published FROM article_view",
    );
    assert_eq!(got.lines().nth(1).unwrap(), meta);
    let text = query(db, "SELECT text FROM article_view");
    for furniture in ["File Photo", "RELATED", "Latest Headlines", "Follow Us"] {
        assert!(!text.contains(furniture), "{furniture} in stored text");
    }
}

#[test]
fn bad_records_are_reported_with_path_and_line_and_do_not_stop_the_batch() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("g.db");
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    fs::write(
        input.join("a.jsonl"),
        "{\"id\": \"1\", \"text\": \"Iran and Iraq held talks.\"}\n{broken\n{\"id\": \"2\", \"text\": 7}\n{\"id\": \"3\", \"text\": \"\"}\n",
    )
    .unwrap();
    fs::write(input.join("b.csv"), "id,text\n1,Good row.\n2,too,many\n").unwrap();
    fs::write(input.join("c.txt"), [0x89u8, b'P', 0, 0, 1, 2]).unwrap();
    fs::write(input.join("empty.txt"), "").unwrap();
    fs::write(input.join("d.jsonl.gz"), b"\x1f\x8b\x08\x00garbage").unwrap();
    let out = ng(&db).arg("ingest").arg(&input).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let a = input.join("a.jsonl").display().to_string();
    for want in [
        format!("{a}:2: invalid JSON"),
        format!("{a}:3: field `text` must be a string"),
        format!("{a}:4: empty text"),
        format!(
            "{}:3: row has 3 fields, the header has 2",
            input.join("b.csv").display()
        ),
        format!("{}:1: binary data", input.join("c.txt").display()),
        format!("{}:1: empty text", input.join("empty.txt").display()),
        format!("{}:1: cannot read", input.join("d.jsonl.gz").display()),
    ] {
        assert!(err.contains(&want), "missing {want:?} in:\n{err}");
    }
    assert!(
        err.contains("ingested 2 new articles, 0 unchanged, 7 rejected"),
        "{err}"
    );
}

#[test]
fn nothing_ingestable_is_a_failure() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("g.db");
    let f = dir.path().join("bad.jsonl");
    fs::write(&f, "nope\n").unwrap();
    ng(&db)
        .arg("ingest")
        .arg(&f)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("nothing ingested"));
    ng(&db)
        .arg("ingest")
        .arg(dir.path().join("missing.txt"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "missing.txt:1: cannot open: No such file",
        ));
}

#[test]
fn stdin_and_env_database() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("env.db");
    Command::cargo_bin("newsgraph")
        .unwrap()
        .env("NEWSGRAPH_DB", &db)
        .args(["ingest", "-"])
        .write_stdin("{\"id\": \"s1\", \"title\": \"Piped\", \"text\": \"Chile and Peru met.\"}\n")
        .assert()
        .success();
    assert_eq!(
        query(&db, "SELECT external_id, title FROM article_view"),
        "external_id\ttitle\ns1\tPiped\n"
    );
}

#[test]
fn query_is_read_only_and_formats_output() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("g.db");
    ng(&db).arg("ingest").arg(samples()).assert().success();
    ng(&db)
        .args(["query", "DELETE FROM articles"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("newsgraph: query is read-only"));
    ng(&db)
        .args(["query", "ATTACH DATABASE 'other.db' AS o"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("read-only"));
    assert!(!Path::new("other.db").exists());
    let out = ng(&db)
        .args([
            "query",
            "--format",
            "json",
            "SELECT external_id FROM article_view WHERE external_id = 'sample-001'",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v, serde_json::json!([{"external_id": "sample-001"}]));
    ng(&db)
        .args(["query", "--format", "csv", "SELECT 'a,b' AS x"])
        .assert()
        .success()
        .stdout("x\n\"a,b\"\n");
}

#[test]
fn search_and_stats() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("g.db");
    ng(&db).arg("ingest").arg(samples()).assert().success();
    let out = ng(&db)
        .args(["search", "--format", "tsv", "ethanol"])
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.lines().count() >= 2, "{s}");
    assert!(
        s.lines()
            .skip(1)
            .all(|l| l.to_lowercase().contains("ethanol")),
        "{s}"
    );
    assert!(
        s.contains("India and Brazil sign ethanol deal"),
        "title shown: {s}"
    );
    // Unbalanced FTS syntax still searches.
    ng(&db).args(["search", "\"Belarus"]).assert().success();
    ng(&db)
        .arg("stats")
        .assert()
        .success()
        .stdout(predicate::str::contains("articles   9"));
}

#[test]
fn broken_pipe_is_quiet_success() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("g.db");
    ng(&db).arg("ingest").arg(samples()).assert().success();
    let bin = assert_cmd::cargo::cargo_bin("newsgraph");
    let sh = format!(
        "'{}' --db '{}' query --format tsv 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n LIMIT 200000) SELECT i FROM n' | head -1; echo \"${{PIPESTATUS[0]}}\"",
        bin.display(),
        db.display()
    );
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(&sh)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "i\n0\n");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn a_user_lexicon_adds_actors_and_triggers_and_bad_rows_are_named() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("g.db");
    let lex = dir.path().join("lexicon");
    fs::create_dir(&lex).unwrap();
    fs::write(lex.join("actors.tsv"), "Zorbia\tRepublic of Zorbia\tcountry\tname\nZorbian\tRepublic of Zorbia\tcountry\tdemonym\n").unwrap();
    fs::write(
        lex.join("relations.tsv"),
        "U1\tverb\tsnubbed|snubs\tcriticizes\t[Zorbia|country] snubbed [Japan|country].\tZorbia>criticizes>Japan\n",
    )
    .unwrap();
    let input = dir.path().join("a.jsonl");
    fs::write(&input, "{\"id\": \"z1\", \"text\": \"The Zorbian president arrived on Monday. Zorbia snubbed Japan at the summit.\"}\n").unwrap();
    ng(&db)
        .arg("ingest")
        .arg("--lexicon")
        .arg(&lex)
        .arg(&input)
        .assert()
        .success();
    assert_eq!(
        query(
            &db,
            "SELECT source, type, target FROM edge_view WHERE type = 'criticizes'"
        ),
        "source\ttype\ttarget\nRepublic of Zorbia\tcriticizes\tJapan\n"
    );
    // Without the lexicon, no such actor.
    let plain = dir.path().join("plain.db");
    ng(&plain).arg("ingest").arg(&input).assert().success();
    assert_eq!(
        query(
            &plain,
            "SELECT count(*) FROM entity_view WHERE name = 'Republic of Zorbia'"
        ),
        "count(*)\n0\n"
    );
    // A bad row is named by file and line, and nothing is ingested.
    fs::write(
        lex.join("actors.tsv"),
        "Zorbia\tRepublic of Zorbia\tcountry\tname\nBroken row\n",
    )
    .unwrap();
    let bad = dir.path().join("bad.db");
    ng(&bad)
        .arg("ingest")
        .arg("--lexicon")
        .arg(&lex)
        .arg(&input)
        .assert()
        .failure()
        .stderr(predicate::str::contains(format!(
            "{}:2",
            lex.join("actors.tsv").display()
        )));
}
