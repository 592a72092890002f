//! The Spark example on a real (local) Spark: `examples/spark/job.py` runs `newsgraph extract`
//! over the partitions of a synthetic archive of 3,000 articles with pyspark in `local[2]`;
//! `newsgraph load` of its lines gives the database a direct `ingest` gives, row by row,
//! and its Parquet relations are the relations of that database. Skipped, saying why, where
//! Java or pyspark is missing (`.ci/run` installs pyspark).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

mod common;
use common::ng;

/// Why this machine cannot run the job, if it cannot.
fn missing() -> Option<String> {
    let java = std::process::Command::new("java").arg("-version").output();
    if !java.is_ok_and(|o| o.status.success()) {
        return Some(
            "no Java (pyspark needs a JRE 17: apt-get install openjdk-17-jre-headless)".into(),
        );
    }
    let py = std::process::Command::new("python3")
        .args(["-c", "import pyspark"])
        .output();
    if !py.is_ok_and(|o| o.status.success()) {
        return Some("no pyspark for python3 (python3 -m pip install pyspark)".into());
    }
    None
}

/// A synthetic archive: `n` articles of recombined sentence templates over a few dozen
/// actors (seeded, so the same every run), with a duplicate, a blank line and a bad record.
fn archive(n: usize) -> String {
    const COUNTRIES: [&str; 16] = [
        "China", "Russia", "Japan", "India", "Iran", "Germany", "France", "Brazil", "Turkey",
        "Sweden", "Nigeria", "Egypt", "Canada", "Mexico", "Poland", "Kenya",
    ];
    const ORGS: [&str; 5] = [
        "United Nations",
        "European Union",
        "NATO",
        "World Bank",
        "African Union",
    ];
    const PEOPLE: [&str; 6] = [
        "Foreign Minister Anna Keller",
        "President Omar Haddad",
        "Prime Minister Li Wen",
        "Defence Secretary John Marsh",
        "Trade Minister Sofia Ruiz",
        "Senator Paul Okafor",
    ];
    const TOPICS: [&str; 6] = ["nuclear", "steel", "fishing", "energy", "border", "grain"];
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut pick = |k: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % k as u64) as usize
    };
    let mut out = String::new();
    for i in 0..n {
        let (a, b) = (COUNTRIES[pick(16)], COUNTRIES[pick(16)]);
        let (o, p, q) = (ORGS[pick(5)], PEOPLE[pick(6)], PEOPLE[pick(6)]);
        let t = TOPICS[pick(6)];
        let mut text = String::new();
        for _ in 0..3 + pick(4) {
            let s = match pick(7) {
                0 => format!("{a} banned imports of {t} goods from {b} on Monday."),
                1 => format!("{a} imposed sanctions on {b} over its {t} programme."),
                2 => format!("{p} met {q} in {b} to discuss {t} trade."),
                3 => format!("{a} criticised {b} for its {t} policy, {p} said."),
                4 => format!("The {o} condemned the decision by {a}."),
                5 => format!("{b} denied that it had broken the {t} agreement with {a}."),
                _ => format!(
                    "Officials in {a} said trade with {b} rose {} percent last year.",
                    pick(40)
                ),
            };
            text.push_str(&s);
            text.push(' ');
        }
        let line = serde_json::json!({
            "id": format!("syn-{i}"),
            "title": format!("{a} and {b} at odds over {t}"),
            "text": text.trim_end(),
            "published": format!("2020-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
            "source": "Synthetic Wire",
        });
        writeln!(out, "{line}").unwrap();
        if i == 100 {
            out.push('\n'); // a blank line: line numbers count it
            out.push_str("{\"id\": \"bad\", \"text\": 3}\n");
        }
        if i == 1500 {
            writeln!(out, "{line}").unwrap(); // a duplicate: stored once
        }
    }
    out
}

fn rows(db: &Path, sql: &str) -> Vec<String> {
    let c = rusqlite::Connection::open(db).unwrap();
    let mut st = c.prepare(sql).unwrap();
    let n = st.column_count();
    let mut out: Vec<String> = st
        .query_map([], |r| {
            Ok((0..n)
                .map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap()))
                .collect::<Vec<_>>()
                .join("|"))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    out.sort();
    out
}

/// Every view, every row, but the clock's columns.
fn views(db: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for v in [
        "article_view",
        "sentence_view",
        "entity_view",
        "alias_view",
        "mention_view",
        "relation_view",
        "edge_view",
    ] {
        out.extend(rows(db, &format!("SELECT '{v}', * FROM {v}")));
    }
    out.extend(rows(
        db,
        "SELECT merge_id, from_id, from_name, from_type, into_id, into_name, into_type, reason, mentions FROM merge_view",
    ));
    out
}

#[test]
fn the_spark_job_in_local_mode_loads_to_the_database_of_a_direct_ingest() {
    if let Some(why) = missing() {
        eprintln!("SKIPPED tests/spark.rs (the Spark job in local mode): {why}");
        return;
    }
    let dir = TempDir::new().unwrap();
    let input = dir.path().join("archive.jsonl");
    std::fs::write(&input, archive(3000)).unwrap();
    let direct = dir.path().join("direct.db");
    ng(&direct)
        .args(["ingest", "-q"])
        .arg(&input)
        .assert()
        .success();

    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out = dir.path().join("out");
    let bin = assert_cmd::cargo::cargo_bin("newsgraph");
    let run = std::process::Command::new("python3")
        .arg(root.join("tests/py/spark_roundtrip.py"))
        .arg(&bin)
        .arg(&input)
        .arg(&out)
        .env("HOME", dir.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "the job failed:\n{err}");
    // the bad record is reported by the executor, named as ingest names it
    assert!(err.contains(&format!("{}:103: ", input.display())), "{err}");
    let parts = std::fs::read_dir(out.join("lines"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("part-")
        })
        .count();
    assert!(parts >= 4, "{parts} partitions");

    let loaded = dir.path().join("loaded.db");
    let load = ng(&loaded)
        .arg("load")
        .arg(out.join("lines"))
        .assert()
        .success();
    let said = String::from_utf8_lossy(&load.get_output().stderr).to_string();
    assert!(
        said.contains("loaded 3000 new articles, 1 unchanged, 0 rejected"),
        "{said}"
    );
    let (want, got) = (views(&direct), views(&loaded));
    assert!(want.len() > 30_000, "{} rows", want.len());
    assert_eq!(want.len(), got.len());
    for (w, g) in want.iter().zip(&got) {
        assert_eq!(w, g);
    }

    // The Parquet relations are the database's, names as each article gave them (the
    // archive-wide merges happen in `load`): map them through merge_view to compare.
    let merged: BTreeMap<(String, String), (String, String)> = rows(
        &loaded,
        "SELECT from_name || char(31) || from_type || char(31) || into_name || char(31) || into_type FROM merge_view",
    )
    .into_iter()
    .map(|r| {
        let r = r.trim_matches('"').to_string();
        let f: Vec<&str> = r.split('\u{1f}').collect();
        ((f[0].into(), f[1].into()), (f[2].into(), f[3].into()))
    })
    .collect();
    let resolve = |name: &str, kind: &str| {
        let mut k = (name.to_string(), kind.to_string());
        while let Some(n) = merged.get(&k) {
            k = n.clone();
        }
        k
    };
    let cols = "source, source_type, type, target, target_type, negated, confidence, external_id, published, sentence, trigger, rule, family, plover, cameo_root";
    let c = rusqlite::Connection::open(&loaded).unwrap();
    let mut st = c
        .prepare(&format!("SELECT {cols} FROM relation_view"))
        .unwrap();
    let as_json = |v: rusqlite::types::Value| match v {
        rusqlite::types::Value::Null => serde_json::Value::Null,
        rusqlite::types::Value::Integer(i) => i.into(),
        rusqlite::types::Value::Real(f) => f.into(),
        rusqlite::types::Value::Text(t) => t.into(),
        rusqlite::types::Value::Blob(_) => panic!("no blobs in relation_view"),
    };
    let mut db_rows: Vec<String> = Vec::new();
    let mut twice = Vec::new();
    for row in st
        .query_map([], |r| {
            (0..15)
                .map(|i| r.get::<_, rusqlite::types::Value>(i))
                .collect::<Result<Vec<_>, _>>()
        })
        .unwrap()
    {
        let row = serde_json::Value::Array(row.unwrap().into_iter().map(as_json).collect());
        // the duplicate article was extracted twice (the map step has no state), stored once
        if row[7] == "syn-1500" {
            twice.push(row.to_string());
        }
        db_rows.push(row.to_string());
    }
    assert!(!twice.is_empty());
    db_rows.extend(twice);
    db_rows.sort();
    let parquet = std::fs::read_to_string(out.join("relations.jsonl")).unwrap();
    let mut pq_rows: Vec<String> = parquet
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            for id in [
                "relation_id",
                "source_id",
                "target_id",
                "article_id",
                "sentence_id",
            ] {
                assert!(v[id].is_null(), "{id} has no value before load");
            }
            let (s, st) = resolve(
                v["source"].as_str().unwrap(),
                v["source_type"].as_str().unwrap(),
            );
            let (t, tt) = resolve(
                v["target"].as_str().unwrap(),
                v["target_type"].as_str().unwrap(),
            );
            serde_json::json!([
                s,
                st,
                v["type"],
                t,
                tt,
                v["negated"],
                v["confidence"],
                v["external_id"],
                v["published"],
                v["sentence"],
                v["trigger"],
                v["rule"],
                v["family"],
                v["plover"],
                v["cameo_root"]
            ])
            .to_string()
        })
        .collect();
    pq_rows.sort();
    assert!(pq_rows.len() > 1000, "{} relations", pq_rows.len());
    assert_eq!(pq_rows.len(), db_rows.len());
    for (p, d) in pq_rows.iter().zip(&db_rows) {
        assert_eq!(p, d);
    }
}
