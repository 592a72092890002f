//! The graph commands through the binary: neighbors, path and top, and entity resolution.

mod graph_common;

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;
use std::path::Path;

fn run(db: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    Command::cargo_bin("newsgraph")
        .unwrap()
        .arg("--db")
        .arg(db)
        .args(args)
        .assert()
}

fn stdout(db: &Path, args: &[&str]) -> String {
    let out = run(db, args).success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn neighbors_lists_edges_in_and_out_with_weights_and_evidence() {
    let (_d, db) = graph_common::fixture_db();
    let out = stdout(&db, &["neighbors", "north korea"]);
    assert!(out.starts_with("North Korea (country, #2)"), "{out}");
    let (outgoing, incoming) = out.split_once("\nin:\n").unwrap();
    assert!(outgoing.contains("-threatens-> United States"), "{out}");
    assert!(
        incoming
            .contains("<-bans- China (country, #1)  weight 3, 2 articles, 2018-02-21..2018-03-01"),
        "{out}"
    );
    assert!(
        incoming.contains("\"China has banned North Korean iron ore exports.\""),
        "{out}"
    );
    // Heaviest first.
    assert!(
        incoming.find("<-bans-").unwrap() < incoming.find("<-sanctions-").unwrap(),
        "{out}"
    );
    // An alias finds the same entity; filters apply.
    let by_alias = stdout(
        &db,
        &[
            "neighbors",
            "DPRK",
            "--types",
            "sanction",
            "--min-weight",
            "3",
        ],
    );
    assert!(by_alias.contains("<-bans- China"), "{by_alias}");
    assert!(!by_alias.contains("sanctions"), "{by_alias}");
    assert!(!by_alias.contains("threatens"), "{by_alias}");
    // --limit keeps the heaviest and counts the rest.
    let one = stdout(&db, &["neighbors", "North Korea", "--limit", "1"]);
    assert!(one.contains("1 edges out, 2 in"), "{one}");
    assert!(
        one.contains("<-bans- China") && !one.contains("<-sanctions-"),
        "{one}"
    );
    assert!(one.ends_with("  ... 1 more (raise --limit)\n"), "{one}");
    // Negated relations only when asked for.
    assert!(!out.contains("attacks"));
    let neg = stdout(&db, &["neighbors", "North Korea", "--include-negated"]);
    assert!(neg.contains("<-not attacks- United States"), "{neg}");
}

#[test]
fn ambiguous_and_unknown_names_are_clear_errors_with_candidates() {
    let (_d, db) = graph_common::fixture_db();
    run(&db, &["neighbors", "Georgia"])
        .code(2)
        .stderr(
            contains("ambiguous")
                .and(contains("Georgia (country"))
                .and(contains("Georgia (location")),
        )
        .stderr(contains("#ID"));
    run(&db, &["neighbors", "Nort"])
        .code(2)
        .stderr(contains("no entity named \"Nort\"").and(contains("North Korea")));
    run(&db, &["neighbors", "Atlantis"])
        .code(2)
        .stderr(contains("no entity named"));
    let by_id = stdout(&db, &["neighbors", "#7"]);
    assert!(by_id.starts_with("Georgia (location, #7)"), "{by_id}");
    run(&db, &["neighbors", "China", "--top", "3"])
        .code(2)
        .stderr(contains("--around or --top"));
}

#[test]
fn path_shows_each_hop_with_its_direction_and_evidence() {
    let (_d, db) = graph_common::fixture_db();
    let out = stdout(&db, &["path", "Smith and Sons", "UNSC"]);
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].ends_with("to United Nations Security Council: 3 hops"),
        "{out}"
    );
    assert!(
        lines[1]
            .starts_with("1. Smith & Sons <\"Ltd\">, Inc. Holding\u{fffd} -trades_with-> China"),
        "{out}"
    );
    assert!(
        lines[3].starts_with("2. China -bans-> North Korea  (weight 3"),
        "{out}"
    );
    assert!(lines[4].contains("iron ore"), "{out}");
    assert!(
        lines[5].starts_with("3. North Korea <-sanctions- United Nations Security Council"),
        "{out}"
    );
    let none = stdout(&db, &["path", "China", "UNSC", "--directed"]);
    assert!(none.starts_with("no directed chain"), "{none}");
    let direct = stdout(
        &db,
        &["path", "UNSC", "China", "--directed", "--types", "sanction"],
    );
    assert!(
        direct.starts_with("no directed chain"),
        "sanctions then bans is not UNSC -> China: {direct}"
    );
    run(&db, &["path", "China", "PRC"])
        .code(2)
        .stderr(contains("same entity"));
}

#[test]
fn top_ranks_by_pagerank_degree_or_mentions() {
    let (_d, db) = graph_common::fixture_db();
    let first = |by: &str| -> String {
        let out = stdout(&db, &["top", "--by", by, "-n", "3"]);
        assert_eq!(out.lines().count(), 4, "{out}");
        out.lines().nth(1).unwrap().to_string()
    };
    assert!(first("pagerank").contains("North Korea"));
    assert!(first("mentions").contains("North Korea"));
    // China and North Korea both have degree 3: ties go by name.
    assert!(first("degree").contains("China"));
    let small = stdout(&db, &["top", "--since", "2018-04"]);
    assert_eq!(small.lines().count(), 1 + 4, "{small}");
}

#[test]
fn graph_commands_give_rows_for_scripts() {
    let (_d, db) = graph_common::fixture_db();
    // neighbors: one JSON object per edge, direction and both ends as ids and names.
    let out = stdout(&db, &["neighbors", "North Korea", "--format", "json"]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let bans = rows
        .iter()
        .find(|r| r["type"] == "bans")
        .unwrap_or_else(|| panic!("{out}"));
    assert_eq!(bans["direction"], "in");
    assert_eq!(bans["source"], "China");
    assert_eq!(bans["target_id"], 2);
    assert_eq!(bans["weight"], 3);
    assert_eq!(bans["first_seen"], "2018-02-21");
    assert_eq!(
        bans["sentence"],
        "China has banned North Korean iron ore exports."
    );
    assert!(rows
        .iter()
        .any(|r| r["direction"] == "out" && r["type"] == "threatens"));
    // path: a CSV record per hop, in order, with its direction (the awkward name keeps its
    // newline, quoted).
    let out = stdout(&db, &["path", "Smith and Sons", "UNSC", "--format", "csv"]);
    let mut csv = csv::Reader::from_reader(out.as_bytes());
    let header = csv.headers().unwrap().clone();
    let first = |r: &csv::StringRecord, n: usize| r.iter().take(n).collect::<Vec<_>>().join(",");
    assert_eq!(first(&header, 5), "hop,forward,source_id,source,type");
    let hops: Vec<csv::StringRecord> = csv.records().map(|r| r.unwrap()).collect();
    assert_eq!(hops.len(), 3, "{out}");
    assert!(hops[0][3].starts_with("Smith & Sons"), "{out}");
    assert_eq!(first(&hops[1], 7), "2,1,1,China,bans,2,North Korea");
    assert_eq!((&hops[2][1], &hops[2][4]), ("0", "sanctions"), "{out}");
    // No path: no rows, the reason on stderr.
    run(
        &db,
        &["path", "China", "UNSC", "--directed", "--format", "tsv"],
    )
    .success()
    .stdout(predicate::str::starts_with("hop\tforward").and(contains("\n").count(1)))
    .stderr(contains("no directed chain"));
    // top: ranked rows with the metrics.
    let out = stdout(&db, &["top", "-n", "2", "--format", "jsonl"]);
    let rows: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 2, "{out}");
    assert_eq!(rows[0]["rank"], 1);
    assert_eq!(rows[0]["entity"], "North Korea");
    assert!(rows[0]["pagerank"].as_f64().unwrap() > rows[1]["pagerank"].as_f64().unwrap());
}

#[test]
fn edges_from_one_sentence_each_show_it() {
    use graph_common::{article, entity};
    use newsgraph::model::EntityType::Country;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("one.db");
    let text = "China, North Korea's largest trading partner, banned its coal.";
    let a = article(
        "h",
        Some("2018-02-21"),
        &[text],
        vec![
            entity("China", Country, &[]),
            entity("North Korea", Country, &[]),
        ],
        &[
            (0, 1, "bans", 0, false, 0.9),
            (0, 1, "trades_with", 0, false, 0.6),
        ],
    );
    newsgraph::store::Store::open(&db)
        .unwrap()
        .write_batch(&[a])
        .unwrap();
    let out = stdout(&db, &["neighbors", "China"]);
    assert_eq!(out.matches(text).count(), 2, "{out}");
}

#[test]
fn an_export_that_cannot_read_a_sample_sentence_fails_cleanly_and_leaves_no_file() {
    let (dir, db) = graph_common::fixture_db();
    // Damage the store: the sample sentence of China -bans-> North Korea is gone.
    let c = rusqlite::Connection::open(&db).unwrap();
    let gone: i64 = c
        .query_row(
            "SELECT sample_sentence_id FROM edges WHERE type = 'bans'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    c.execute("DELETE FROM sentence_spans WHERE id = ?1", [gone])
        .unwrap();
    drop(c);
    for file in ["g.graphml", "g.gexf", "g.json"] {
        let out = dir.path().join(file);
        run(&db, &["export", "--output", out.to_str().unwrap()])
            .code(1)
            .stderr(contains(format!("sentence {gone} is not in the database")));
        assert!(!out.exists(), "{file}");
        assert!(
            !dir.path().join(format!("{file}.partial")).exists(),
            "{file}"
        );
    }
    // The rest of the store still answers.
    let out = stdout(&db, &["neighbors", "UNSC"]);
    assert!(out.contains("-sanctions-> North Korea"), "{out}");
}

#[test]
fn top_reads_the_stored_metrics_and_they_rank_as_computing_them_does() {
    let (_d, db) = graph_common::fixture_db();
    let fresh = || -> i64 {
        rusqlite::Connection::open(&db)
            .unwrap()
            .query_row("SELECT metrics_fresh FROM graph_state", [], |r| r.get(0))
            .unwrap()
    };
    let asks: [&[&str]; 5] = [
        &["top"],
        &["top", "--by", "degree", "-n", "3"],
        &["top", "--by", "mentions", "--format", "csv"],
        &["top", "-n", "2", "--format", "json"],
        &["top", "--include-negated"],
    ];
    // Written through the store API: no metrics yet, so `top` computes them.
    assert_eq!(fresh(), 0);
    let computed: Vec<String> = asks.iter().map(|a| stdout(&db, a)).collect();
    // A command that may change edges leaves them stored and fresh.
    run(&db, &["migrate"]).success();
    assert_eq!(fresh(), 1);
    let stored: Vec<String> = asks.iter().map(|a| stdout(&db, a)).collect();
    assert_eq!(stored, computed);
    // A change to the edges (a merge moves China's) makes them stale in the same
    // transaction, and the command refreshes them before it ends.
    run(
        &db,
        &["entity", "merge", "United States", "--into", "China"],
    )
    .success();
    assert_eq!(fresh(), 1);
    let after = stdout(&db, &["top"]);
    assert_ne!(after, computed[0], "the merge changed the ranking");
    assert!(!after.contains("United States"), "{after}");
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute("UPDATE graph_state SET metrics_fresh = 0", [])
        .unwrap();
    assert_eq!(
        stdout(&db, &["top"]),
        after,
        "computed again, the same ranking"
    );
}
