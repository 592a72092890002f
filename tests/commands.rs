//! Every command on the real binary: a closed stdout is success, a bad SQL statement is a
//! usage error, stdin is sniffed for its format.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use tempfile::TempDir;

mod common;
use common::{ingested, ng};

fn samples_db(dir: &Path) -> PathBuf {
    ingested(dir, "g.db")
}

#[test]
fn a_closed_stdout_is_success_for_every_command() {
    let dir = TempDir::new().unwrap();
    let db = samples_db(dir.path());
    let article = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples/wire-port-ban.txt");
    let article = article.to_str().unwrap();
    let commands: [&[&str]; 16] = [
        &["query", "SELECT * FROM relation_view"],
        &["explain", "1", "--json"],
        &["explain", "1", "--tree"],
        &["parse", article],
        &["query", "-f", "json", "SELECT * FROM relation_view"],
        &["search", "said"],
        &["stats"],
        &["stats", "--json"],
        &["explain", "1"],
        &["neighbors", "Russia"],
        &["neighbors", "Russia", "-f", "csv"],
        &["path", "Russia", "Turkey"],
        &["top"],
        &["top", "-f", "jsonl"],
        &["export", "-f", "json", "-o", "-"],
        &["export", "-f", "graphml", "-o", "/dev/stdout"],
    ];
    for args in commands {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("newsgraph"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // the reader is gone before the first write
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
        assert!(!err.contains("Broken pipe"), "{args:?}: {err}");
    }
}

#[test]
fn a_bad_sql_statement_is_a_usage_error() {
    let dir = TempDir::new().unwrap();
    let db = samples_db(dir.path());
    for (sql, why) in [
        ("SELEC 1", "query: near \"SELEC\": syntax error"),
        ("SELECT * FROM nope", "query: no such table: nope"),
        ("SELECT nope FROM edge_view", "query: no such column: nope"),
    ] {
        let out = ng(&db).args(["query", sql]).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{sql}: {err}");
        assert!(err.starts_with(&format!("newsgraph: {why}")), "{err}");
    }
}

#[test]
fn csv_on_stdin_is_read_as_csv_with_a_warning() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("g.db");
    let out = ng(&db)
        .args(["ingest", "-"])
        .write_stdin("id,title,text\nc1,One,\"Chile and Peru met.\"\nc2,Two,Fiji and Tonga met.\n")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("warning: -: read as CSV"), "{err}");
    assert!(err.contains("ingested 2 new articles"), "{err}");
}

#[test]
fn all_nodes_exports_entities_without_relations_too() {
    let dir = TempDir::new().unwrap();
    let db = samples_db(dir.path());
    let mentioned: usize = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM entity_view WHERE mentions > 0",
            [],
            |r| r.get::<_, i64>(0),
        )
        .unwrap() as usize;
    let nodes = |extra: &[&str]| -> usize {
        let out = dir.path().join("g.json");
        ng(&db)
            .args(["export", "-f", "json", "-o"])
            .arg(&out)
            .args(extra)
            .assert()
            .success();
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
        v["nodes"].as_array().unwrap().len()
    };
    assert!(nodes(&[]) < mentioned, "every sample entity has a relation");
    assert_eq!(nodes(&["--all-nodes"]), mentioned);
}

#[test]
fn ctrl_c_stores_what_was_read_and_says_so() {
    use std::io::Write;
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("g.db");
    let input = dir.path().join("big.jsonl");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&input).unwrap());
    for i in 0..20_000 {
        let text =
            format!("Kenya criticized Canada over fishing quotas on day {i}, Reuters reported.");
        writeln!(
            f,
            "{}",
            serde_json::json!({"id": format!("k{i}"), "text": text})
        )
        .unwrap();
    }
    drop(f);
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("newsgraph"))
        .arg("--db")
        .arg(&db)
        .args(["ingest", "--batch", "20"])
        .arg(&input)
        .env_remove("NEWSGRAPH_LEXICON")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stored = || -> i64 {
        rusqlite::Connection::open(&db)
            .and_then(|c| c.query_row("SELECT count(*) FROM articles", [], |r| r.get(0)))
            .unwrap_or(0)
    };
    let start = std::time::Instant::now();
    while stored() == 0 {
        assert!(
            start.elapsed().as_secs() < 120,
            "nothing stored in 2 minutes"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    // SAFETY: a signal to the child we spawned.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{err}");
    let n = stored();
    assert!(n < 20_000, "{err}");
    assert!(err.contains(&format!("ingested {n} new articles")), "{err}");
    assert!(
        err.lines()
            .last()
            .unwrap()
            .starts_with("newsgraph: interrupted"),
        "{err}"
    );
}

#[test]
fn stats_lists_the_top_edges_of_each_family() {
    let dir = TempDir::new().unwrap();
    let db = samples_db(dir.path());
    let out = ng(&db).args(["stats", "--json"]).output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let families = v["top_edges_by_family"].as_array().unwrap();
    assert!(families.len() > 2, "{families:?}");
    let mut names = Vec::new();
    for f in families {
        names.push(f[0].as_str().unwrap().to_string());
        let edges = f[1].as_array().unwrap();
        assert!((1..=3).contains(&edges.len()), "{f:?}");
        let weights: Vec<i64> = edges.iter().map(|e| e[3].as_i64().unwrap()).collect();
        assert!(weights.windows(2).all(|w| w[0] >= w[1]), "{f:?}");
    }
    let mut sorted = names.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(names, sorted);
    let text = ng(&db).arg("stats").output().unwrap();
    assert!(String::from_utf8_lossy(&text.stdout).contains("top edges of each relation family:"));
}

#[test]
fn search_takes_date_bounds() {
    let dir = TempDir::new().unwrap();
    let db = samples_db(dir.path());
    let dates = |extra: &[&str]| -> Vec<String> {
        let out = ng(&db)
            .args(["search", "said", "-n", "100", "-f", "jsonl"])
            .args(extra)
            .output()
            .unwrap();
        assert!(out.status.success(), "{extra:?}");
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                v["published"].as_str().unwrap_or("").to_string()
            })
            .collect()
    };
    let all = dates(&[]);
    assert!(all.iter().any(|d| d.starts_with("2023")) && all.iter().any(|d| d.starts_with("2025")));
    let since = dates(&["--since", "2024-11"]);
    assert!(
        !since.is_empty() && since.iter().all(|d| d.as_str() >= "2024-11"),
        "{since:?}"
    );
    let until = dates(&["--until", "2024"]);
    assert!(
        !until.is_empty() && until.iter().all(|d| d.as_str() < "2025"),
        "{until:?}"
    );
    assert!(
        until.iter().any(|d| d.starts_with("2024-11")),
        "a year counts whole"
    );
    ng(&db)
        .args(["search", "said", "--since", "2024-13"])
        .assert()
        .code(2);
}

#[test]
fn date_bounds_on_an_undated_archive_are_warned_about() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("g.db");
    let a = dir.path().join("a.txt");
    std::fs::write(&a, "Talks\n\nKenya criticized Uganda over fishing quotas.").unwrap();
    ng(&db).args(["ingest", "-q"]).arg(&a).assert().success();
    for args in [
        &["top", "--since", "2019"][..],
        &["export", "-f", "json", "-o", "-", "--until", "2020"],
        &["search", "Kenya", "--since", "2019"],
    ] {
        let out = ng(&db).args(args).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {err}");
        assert!(
            err.contains("warning: no article in this database has a date"),
            "{args:?}: {err}"
        );
    }
    let out = ng(&db).args(["top"]).output().unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("warning"));
}

#[test]
fn explain_json_has_sentences_mentions_and_edges() {
    let dir = TempDir::new().unwrap();
    let db = samples_db(dir.path());
    let out = ng(&db).args(["explain", "1", "--json"]).output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["article_id"], 1);
    let sentences = v["sentences"].as_array().unwrap();
    assert!(sentences.len() > 1);
    let mut mentions = 0;
    for s in sentences {
        let text: Vec<char> = s["text"].as_str().unwrap().chars().collect();
        for m in s["mentions"].as_array().unwrap() {
            let (a, b) = (
                m["start"].as_u64().unwrap() as usize,
                m["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                text[a..b].iter().collect::<String>(),
                m["surface"].as_str().unwrap()
            );
            mentions += 1;
        }
    }
    assert!(mentions > 0);
    let edges = v["relations"].as_array().unwrap();
    let text = ng(&db).args(["explain", "1"]).output().unwrap().stdout;
    let text = String::from_utf8(text).unwrap();
    assert!(
        text.contains(&format!("\n{} edges\n", edges.len())),
        "{text}"
    );
}

#[test]
fn suggestions_are_listed_a_line_each() {
    let dir = TempDir::new().unwrap();
    let db = samples_db(dir.path());
    let out = ng(&db).args(["neighbors", "an"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.lines().count() > 2, "{err}");
    assert!(err.lines().skip(1).all(|l| l.starts_with("  #")), "{err}");
    let out = ng(&db).args(["neighbors", "Rusia"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("#") && err.contains("Russia (country"),
        "{err}"
    );
}

#[test]
fn why_not_names_the_missing_step_and_a_user_row_fills_it() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("w.db");
    let article = dir.path().join("a.txt");
    std::fs::write(
        &article,
        "France outfoxed Germany on Monday.\n\nItaly was not there.\n",
    )
    .unwrap();
    ng(&db)
        .args(["ingest", "-q"])
        .arg(&article)
        .assert()
        .success();
    let out = ng(&db)
        .args(["explain", "1", "--why-not", "France", "Germany"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("no trigger"), "{text}");

    // The row a user would add, tried before ingesting again.
    let lex = dir.path().join("lex");
    std::fs::create_dir(&lex).unwrap();
    std::fs::write(
        lex.join("relations.tsv"),
        "id\tframe\ttrigger\ttype\texample\texpect\n\
         U1\tverb\toutfoxed\tcriticizes\t[France|country] outfoxed [Germany|country] in talks.\tFrance>criticizes>Germany\n",
    )
    .unwrap();
    let out = ng(&db)
        .args([
            "explain",
            "1",
            "--json",
            "--why-not",
            "France",
            "Germany",
            "--lexicon",
        ])
        .arg(&lex)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let steps = v["sentences"][0]["steps"].to_string();
    assert!(steps.contains("trigger `outfoxed`: rule U1"), "{steps}");
    assert!(steps.contains("draws France criticizes Germany"), "{steps}");

    // Two actors of different sentences, and a name the article does not hold: usage errors.
    let out = ng(&db)
        .args(["explain", "1", "--why-not", "France", "Italy"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("share no sentence"));
    let out = ng(&db)
        .args(["explain", "1", "--why-not", "France", "Spain"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Spain: no actor"));
}
