//! `reextract` on the real binary over the sample articles: corrections survive `--all`, a
//! new lexicon makes every article stale (and `stats` says so) until `--stale` redoes them,
//! and the database stays sound.

use assert_cmd::Command;
use newsgraph::store::Store;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn ng(db: &Path) -> Command {
    let mut c = Command::cargo_bin("newsgraph").unwrap();
    c.arg("--db")
        .arg(db)
        .env_remove("NEWSGRAPH_DB")
        .env_remove("NEWSGRAPH_LEXICON")
        .env("HOME", "/nonexistent")
        .env_remove("XDG_CONFIG_HOME")
        .timeout(std::time::Duration::from_secs(180));
    c
}

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples")
}

fn sound(db: &Path) {
    let p = Store::open(db).unwrap().consistency_problems().unwrap();
    assert!(p.is_empty(), "{p:#?}");
}

fn text(out: &[u8]) -> String {
    String::from_utf8_lossy(out).to_string()
}

#[test]
fn corrections_survive_reextract_all_and_a_lexicon_makes_articles_stale() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("a.db");
    ng(&db)
        .args(["ingest", "-q"])
        .arg(samples())
        .assert()
        .success();
    let stats = ng(&db).arg("stats").assert().success();
    assert!(text(&stats.get_output().stdout).contains("articles   9  (0 stale"));
    for args in [
        &["entity", "merge", "Niger", "--into", "Nigeria"][..],
        &["entity", "rename", "Wire", "Wire service"],
        &["entity", "drop", "Chile"],
        &["alias", "add", "Russia", "Russian Federation"],
    ] {
        ng(&db).args(args).assert().success();
    }
    let curated = Store::open(&db).unwrap().view_dump(false).unwrap();
    let out = ng(&db)
        .args(["reextract", "--all", "-q"])
        .assert()
        .success();
    let err = text(&out.get_output().stderr);
    assert!(err.contains("re-extracted 9 of 9 articles"), "{err}");
    sound(&db);
    let after = Store::open(&db).unwrap().view_dump(false).unwrap();
    assert_eq!(after, curated, "the same graph, corrections replayed");
    assert!(!after.iter().any(|l| l.contains("\"Chile\"")));

    // a lexicon that names the sample wire: every article is stale until re-extracted
    let lex = dir.path().join("lex");
    std::fs::create_dir(&lex).unwrap();
    std::fs::write(
        lex.join("actors.tsv"),
        "Sample Wire\tSample Wire\tmedia\tname\n",
    )
    .unwrap();
    let stats = ng(&db)
        .arg("stats")
        .env("NEWSGRAPH_LEXICON", &lex)
        .assert()
        .success();
    assert!(text(&stats.get_output().stdout).contains("articles   9  (9 stale"));
    let out = ng(&db)
        .args(["reextract", "--stale", "-q", "--lexicon"])
        .arg(&lex)
        .assert()
        .success();
    assert!(text(&out.get_output().stderr).contains("re-extracted 9 of 9"));
    sound(&db);
    let stats = ng(&db)
        .arg("stats")
        .env("NEWSGRAPH_LEXICON", &lex)
        .assert()
        .success();
    assert!(text(&stats.get_output().stdout).contains("articles   9  (0 stale"));
    let out = ng(&db)
        .args(["reextract", "-q", "--lexicon"])
        .arg(&lex)
        .assert()
        .success();
    assert!(text(&out.get_output().stderr).contains("re-extracted 0 of 0"));
    // still curated
    let dump = Store::open(&db).unwrap().view_dump(false).unwrap();
    assert!(!dump.iter().any(|l| l.contains("\"Chile\"")));
    assert!(dump
        .iter()
        .any(|l| l.starts_with("alias|") && l.contains("Russian Federation")));
}
