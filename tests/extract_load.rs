//! `extract | load` and `merge` on the real binary over the sample articles: the views equal
//! those of `ingest`, row by row; bad lines and records are reported by file and line and
//! the rest is stored; a newer line format and a database of another schema are refused.

use std::io::Read;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

mod common;
use common::{ng, samples, text};

/// Columns that say when, not what: they differ between any two runs.
const CLOCK: [&str; 3] = ["merged_at", "created_at", "undone_at"];

/// Every view of the database, every row, every column but the clock's (and `skip`), as
/// sorted lines `view|cell|cell...`.
fn views(db: &Path, skip: &[&str]) -> Vec<String> {
    let c = rusqlite::Connection::open(db).unwrap();
    let names: Vec<String> = c
        .prepare("SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(names.len() >= 8, "{names:?}");
    let mut out = Vec::new();
    for v in names {
        let mut st = c.prepare(&format!("SELECT * FROM {v}")).unwrap();
        let cols: Vec<String> = st.column_names().iter().map(|s| s.to_string()).collect();
        let mut rows = st.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            let mut line = v.clone();
            for (i, col) in cols.iter().enumerate() {
                if CLOCK.contains(&col.as_str()) || skip.contains(&col.as_str()) {
                    continue;
                }
                let cell: rusqlite::types::Value = r.get(i).unwrap();
                line.push_str(&format!("|{col}={cell:?}"));
            }
            out.push(line);
        }
    }
    out.sort();
    out
}

fn assert_same(a: &[String], b: &[String]) {
    assert_eq!(a.len(), b.len(), "row counts differ");
    for (x, y) in a.iter().zip(b) {
        assert_eq!(x, y);
    }
}

#[test]
fn extract_then_load_gives_the_views_of_ingest_row_by_row() {
    let dir = TempDir::new().unwrap();
    let ingested = dir.path().join("ingest.db");
    ng(&ingested)
        .args(["ingest", "-q"])
        .arg(samples())
        .assert()
        .success();
    let lines = ng(&ingested)
        .arg("extract")
        .arg(samples())
        .assert()
        .success();
    let lines = lines.get_output().stdout.clone();
    let again = ng(&ingested)
        .arg("extract")
        .arg(samples())
        .assert()
        .success();
    assert_eq!(
        lines,
        again.get_output().stdout,
        "byte-identical on a rerun"
    );
    let text_lines = text(&lines);
    assert_eq!(text_lines.lines().count(), 9, "one line per sample article");
    for l in text_lines.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        assert_eq!(v["v"], 1);
        assert_eq!(v["hash"].as_str().unwrap().len(), 64);
    }
    let file = dir.path().join("lines.jsonl");
    std::fs::write(&file, &lines).unwrap();
    let loaded = dir.path().join("load.db");
    let out = ng(&loaded).arg("load").arg(&file).assert().success();
    assert!(text(&out.get_output().stderr).contains("loaded 9 new articles, 0 unchanged"));
    let want = views(&ingested, &[]);
    assert!(want.iter().any(|l| l.starts_with("relation_view|")));
    assert_same(&views(&loaded, &[]), &want);

    // the same lines again, from stdin: every article is already there
    let out = ng(&loaded)
        .arg("load")
        .write_stdin(lines.clone())
        .assert()
        .success();
    assert!(text(&out.get_output().stderr).contains("0 new articles, 9 unchanged"));
    assert_same(&views(&loaded, &[]), &want);
}

#[test]
fn a_slice_piped_in_is_named_and_numbered_as_in_its_file() {
    let dir = TempDir::new().unwrap();
    let jsonl = samples().join("articles.jsonl");
    let all = std::fs::read_to_string(&jsonl).unwrap();
    let lines: Vec<&str> = all.lines().collect();
    assert!(lines.len() >= 3);
    let tail = lines[1..].join("\n");
    let out = ng(&dir.path().join("unused.db"))
        .args([
            "extract",
            "--format",
            "jsonl",
            "--first-line",
            "2",
            "--stdin-name",
        ])
        .arg(&jsonl)
        .write_stdin(tail)
        .assert()
        .success();
    let first: serde_json::Value =
        serde_json::from_str(text(&out.get_output().stdout).lines().next().unwrap()).unwrap();
    assert_eq!(first["path"], format!("{}:2", jsonl.display()));
}

#[test]
fn bad_records_and_bad_lines_are_reported_by_file_and_line_and_the_rest_is_kept() {
    let dir = TempDir::new().unwrap();
    let input = dir.path().join("in.jsonl");
    std::fs::write(
        &input,
        "{\"id\": \"a\", \"text\": \"China banned imports of North Korean coal on Monday.\"}\n\
         {not json\n\
         {\"id\": \"b\", \"text\": \"Russia criticised the ban imposed by China.\"}\n",
    )
    .unwrap();
    let db = dir.path().join("x.db");
    let out = ng(&db).arg("extract").arg(&input).assert().success();
    let err = text(&out.get_output().stderr);
    assert!(err.contains("in.jsonl:2: invalid JSON"), "{err}");
    let good = text(&out.get_output().stdout);
    let good: Vec<&str> = good.lines().collect();
    assert_eq!(good.len(), 2);

    let mut newer: serde_json::Value = serde_json::from_str(good[0]).unwrap();
    newer["v"] = 2.into();
    let mut edited: serde_json::Value = serde_json::from_str(good[0]).unwrap();
    edited["text"] = "China banned nothing.".into();
    let mut dangling: serde_json::Value = serde_json::from_str(good[1]).unwrap();
    dangling["mentions"][0]["entity"] = 99.into();
    let mut unversioned: serde_json::Value = serde_json::from_str(good[1]).unwrap();
    unversioned.as_object_mut().unwrap().remove("v");
    let lines = [
        good[0].to_string(),
        "{\"v\": 1, \"hash\": 3".to_string(),
        newer.to_string(),
        edited.to_string(),
        dangling.to_string(),
        unversioned.to_string(),
        String::new(),
        good[1].to_string(),
    ];
    let file = dir.path().join("lines.jsonl");
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();
    let out = ng(&db).args(["load"]).arg(&file).assert().success();
    let err = text(&out.get_output().stderr);
    for want in [
        "lines.jsonl:2: invalid JSON",
        "lines.jsonl:3: extraction format v2 is newer than this newsgraph reads (v1)",
        "lines.jsonl:4: `hash` is not the SHA-256 of `text`",
        "lines.jsonl:5: mention",
        "lines.jsonl:6: not an extraction line (no `v` field",
        "2 new articles, 0 unchanged, 5 rejected",
    ] {
        assert!(err.contains(want), "{want}\n{err}");
    }
    let c = rusqlite::Connection::open(&db).unwrap();
    let ids: Vec<String> = c
        .prepare("SELECT external_id FROM article_view ORDER BY article_id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(ids, ["a", "b"]);

    // nothing but bad lines: reported, exit 1, nothing stored
    let only_bad = dir.path().join("bad.jsonl");
    std::fs::write(&only_bad, newer.to_string() + "\n").unwrap();
    let out = ng(&dir.path().join("y.db"))
        .arg("load")
        .arg(&only_bad)
        .assert()
        .code(1);
    assert!(text(&out.get_output().stderr).contains("nothing stored: 1 input line was rejected"));
}

#[test]
fn a_closed_pipe_ends_extract_with_success() {
    let bin = assert_cmd::cargo::cargo_bin("newsgraph");
    let s = samples();
    let mut child = std::process::Command::new(bin)
        .arg("extract")
        .args([
            "-q",
            s.to_str().unwrap(),
            s.to_str().unwrap(),
            s.to_str().unwrap(),
        ])
        .stdout(std::process::Stdio::piped())
        .env("HOME", "/nonexistent")
        .env_remove("NEWSGRAPH_LEXICON")
        .spawn()
        .unwrap();
    let mut first = [0u8; 10];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap(); // the pipe closes here: 120 KB of lines cannot all fit in it
    assert_eq!(&first[..6], b"{\"v\":1");
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?}");
}

/// The samples in two halves: directories `a` and `b` under `dir`.
fn halves(dir: &Path) -> (PathBuf, PathBuf) {
    let (a, b) = (dir.join("a"), dir.join("b"));
    std::fs::create_dir(&a).unwrap();
    std::fs::create_dir(&b).unwrap();
    let mut names: Vec<_> = std::fs::read_dir(samples())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for (i, f) in names.iter().enumerate() {
        let to = if i % 2 == 0 { &a } else { &b };
        std::fs::copy(f, to.join(f.file_name().unwrap())).unwrap();
    }
    (a, b)
}

#[test]
fn merge_folds_a_database_built_elsewhere_as_if_ingested_here() {
    let dir = TempDir::new().unwrap();
    let (a, b) = halves(dir.path());
    let whole = dir.path().join("whole.db");
    ng(&whole)
        .args(["ingest", "-q"])
        .arg(&a)
        .arg(&b)
        .assert()
        .success();
    let here = dir.path().join("here.db");
    let other = dir.path().join("other.db");
    ng(&here).args(["ingest", "-q"]).arg(&a).assert().success();
    ng(&other).args(["ingest", "-q"]).arg(&b).assert().success();
    // a correction in OTHER: not carried over by the merge
    ng(&other)
        .args(["entity", "rename", "China", "People's Republic of China"])
        .assert()
        .success();
    let out = ng(&here).arg("merge").arg(&other).assert().success();
    let err = text(&out.get_output().stderr);
    assert!(
        err.contains("has 1 correction in force, not carried over"),
        "{err}"
    );
    assert!(
        err.contains("new articles, 0 unchanged, 0 rejected"),
        "{err}"
    );
    let merged = views(&here, &[]);
    assert_same(&merged, &views(&whole, &[]));
    assert!(!merged
        .iter()
        .any(|l| l.contains("People's Republic of China")));

    // merging again changes nothing
    let out = ng(&here).arg("merge").arg(&other).assert().success();
    assert!(text(&out.get_output().stderr).contains(" 0 new articles,"));
    assert_same(&views(&here, &[]), &merged);

    // the correction travels as a curation file, as the merge says
    let file = dir.path().join("curations.tsv");
    ng(&other)
        .args(["curation", "export"])
        .arg(&file)
        .assert()
        .success();
    ng(&here)
        .args(["curation", "apply"])
        .arg(&file)
        .assert()
        .success();
    let curated = views(&here, &[]);
    assert!(curated
        .iter()
        .any(|l| l.starts_with("entity_view|") && l.contains("People's Republic of China")));
}

#[test]
fn merge_refuses_another_schema_and_itself() {
    let dir = TempDir::new().unwrap();
    let here = dir.path().join("here.db");
    let other = dir.path().join("other.db");
    for db in [&here, &other] {
        ng(db)
            .args(["ingest", "-q"])
            .arg(samples().join("ore-ban.txt"))
            .assert()
            .success();
    }
    let out = ng(&here).arg("merge").arg(&here).assert().code(2);
    assert!(text(&out.get_output().stderr).contains("that is this database"));

    let c = rusqlite::Connection::open(&other).unwrap();
    let v: i64 = c
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    c.pragma_update(None, "user_version", v - 1).unwrap();
    drop(c);
    let before = views(&here, &[]);
    let out = ng(&here).arg("merge").arg(&other).assert().code(3);
    let err = text(&out.get_output().stderr);
    assert!(
        err.contains(&format!(
            "schema version {} differs from this database's ({v})",
            v - 1
        )) && err.contains("migrate` first"),
        "{err}"
    );
    assert_same(&views(&here, &[]), &before);
}
