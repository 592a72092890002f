//! Curation and `forget` on the real binary over the sample articles: corrections keep the
//! database sound, undo gives the views back, a curation file replayed on a fresh ingest gives
//! the same graph, an ambiguous name changes nothing, forget + re-ingest equals a fresh ingest.

use assert_cmd::Command;
use newsgraph::store::Store;
use std::path::Path;
use tempfile::TempDir;

mod common;
use common::{ingested, ng, samples, sound};

fn dump(db: &Path, ids: bool) -> Vec<String> {
    Store::open(db).unwrap().view_dump(ids).unwrap()
}

fn stdout(c: &mut Command) -> String {
    let out = c.assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn corrections_undo_and_a_curation_file_replayed_on_a_fresh_ingest() {
    let dir = TempDir::new().unwrap();
    let db = ingested(dir.path(), "a.db");
    let before = dump(&db, true);
    let out = stdout(ng(&db).args(["entity", "merge", "Niger", "--into", "Nigeria"]));
    assert!(
        out.starts_with("curation 1: merged Niger (country) into Nigeria"),
        "{out}"
    );
    sound(&db);
    assert_ne!(dump(&db, true), before);
    let out = stdout(ng(&db).args(["curation", "undo", "1"]));
    assert!(out.starts_with("undone 1"), "{out}");
    assert_eq!(dump(&db, true), before, "undo gives the views back");
    sound(&db);

    for args in [
        &["entity", "merge", "Niger", "--into", "Nigeria"][..],
        &["entity", "rename", "Wire", "Wire service"],
        &["entity", "retype", "Wire service", "organization"],
        &["alias", "add", "Russia", "Russian Federation"],
        &["entity", "drop", "Chile"],
    ] {
        ng(&db).args(args).assert().success();
        sound(&db);
    }
    let list = stdout(ng(&db).args(["curation", "list", "-f", "tsv"]));
    assert_eq!(
        list.lines().filter(|l| l.contains("\tmerge\t")).count(),
        2,
        "{list}"
    );
    assert!(list.contains("\tdrop\tdropped Chile (country"), "{list}");
    let file = dir.path().join("curations.tsv");
    ng(&db)
        .args(["curation", "export"])
        .arg(&file)
        .assert()
        .success();
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        text.lines().filter(|l| !l.starts_with('#')).count(),
        5,
        "{text}"
    );

    let fresh = ingested(dir.path(), "b.db");
    ng(&fresh)
        .args(["curation", "apply"])
        .arg(&file)
        .assert()
        .success();
    sound(&fresh);
    assert_eq!(dump(&fresh, false), dump(&db, false), "same graph by value");
    // applied twice: every line is skipped, nothing changes
    let again = ng(&fresh)
        .args(["curation", "apply"])
        .arg(&file)
        .assert()
        .success();
    let err = String::from_utf8_lossy(&again.get_output().stderr).to_string();
    assert!(err.contains("applied 0 corrections, 5 skipped"), "{err}");
    assert_eq!(dump(&fresh, false), dump(&db, false));
}

#[test]
fn an_ambiguous_entity_lists_candidates_and_changes_nothing() {
    let dir = TempDir::new().unwrap();
    let db = ingested(dir.path(), "a.db");
    // a second Russia, as a location
    ng(&db)
        .args(["entity", "retype", "Belarus", "location"])
        .assert()
        .success();
    ng(&db)
        .args(["entity", "rename", "Belarus", "Russia"])
        .assert()
        .success();
    let before = dump(&db, true);
    let out = ng(&db).args(["entity", "drop", "Russia"]).assert().code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("ambiguous"), "{err}");
    assert_eq!(dump(&db, true), before);
    let missing = dir.path().join("missing.db");
    for args in [
        &["entity", "drop", "Russia"][..],
        &["forget", "1"],
        &["reextract"],
        &["curation", "list"],
    ] {
        ng(&missing).args(args).assert().code(3);
    }
    assert!(!missing.exists(), "a missing database is not created");
    let out = ng(&db).args(["curation", "undo", "7"]).assert().code(2);
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("no correction 7"));
}

#[test]
fn forget_then_ingest_again_equals_a_fresh_ingest() {
    let dir = TempDir::new().unwrap();
    let db = ingested(dir.path(), "a.db");
    let fresh = dump(&db, false);
    let ids = stdout(ng(&db).args([
        "query",
        "SELECT group_concat(article_id, ' ') FROM article_view WHERE article_id % 2 = 1",
    ]));
    let ids: Vec<&str> = ids.lines().nth(1).unwrap().split(' ').collect();
    let out = stdout(ng(&db).arg("forget").args(&ids));
    assert!(
        out.starts_with(&format!("forgot {} articles", ids.len())),
        "{out}"
    );
    sound(&db);
    assert_ne!(dump(&db, false), fresh);
    ng(&db)
        .arg("forget")
        .arg("no-such-article")
        .assert()
        .code(2);
    ng(&db)
        .args(["ingest", "-q"])
        .arg(samples())
        .assert()
        .success();
    sound(&db);
    assert_eq!(dump(&db, false), fresh);
}
