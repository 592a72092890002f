//! `reextract` on the real binary over the sample articles: corrections survive `--all`, a
//! new lexicon makes every article stale (and `stats` says so) until `--stale` redoes them,
//! and the database stays sound.

use newsgraph::store::Store;
use tempfile::TempDir;

mod common;
use common::{ng, samples, sound, text};

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
