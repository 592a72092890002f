//! Soak: ingests, queries and exports running at once against one database for a while,
//! then every count checked. Ignored in `cargo test` (it runs for `SOAK_SECONDS`, default
//! 60): `tools/soak.sh` runs it on the release build; figures in `docs/reliability.md`.

use assert_cmd::Command;
use rusqlite::Connection;
use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

mod common;
use common::ng;

/// Chunk `i` of the corpus: `PER_CHUNK` distinct articles, ids `c{i}-{k}`.
const PER_CHUNK: usize = 150;

fn chunk(dir: &Path, i: usize) -> PathBuf {
    let path = dir.join(format!("chunk{i}.jsonl"));
    if path.exists() {
        return path;
    }
    let actors = [
        "France",
        "Japan",
        "Brazil",
        "Kenya",
        "Canada",
        "the European Union",
        "the United Nations",
        "Minister Ana Lima",
    ];
    let tmp = dir.join(format!("chunk{i}.tmp"));
    let mut f = std::io::BufWriter::new(fs::File::create(&tmp).unwrap());
    for k in 0..PER_CHUNK {
        let n = i * PER_CHUNK + k;
        let (a, b) = (actors[n % 8], actors[(n / 8 + 3) % 8]);
        let text = format!(
            "{a} criticized {b} over fishing quotas on day {n}. {b} said it would sanction {a} \
             if talks failed, Reuters reported. Officials met in round {n} near port {}.",
            n * 7
        );
        let rec = serde_json::json!({"id": format!("c{i}-{k}"), "title": format!("Talks {n}"),
                                     "text": text, "published": format!("20{:02}-0{}-1{}", 10 + n % 15, 1 + n % 9, n % 10)});
        writeln!(f, "{rec}").unwrap();
    }
    drop(f);
    fs::rename(&tmp, &path).unwrap();
    path
}

/// Run a command that must succeed; its stdout.
fn ok(c: &mut Command, what: &str) -> Vec<u8> {
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "{what}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
#[ignore = "runs for SOAK_SECONDS (default 60): tools/soak.sh"]
fn ingest_query_and_export_at_once_then_count_everything() {
    let secs: u64 = std::env::var("SOAK_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let dir = tempfile::TempDir::new().unwrap();
    let (root, db) = (dir.path(), dir.path().join("g.db"));
    chunk(root, 0);
    ok(
        ng(&db).args(["ingest", "-q"]).arg(chunk(root, 0)),
        "first ingest",
    );
    let end = Instant::now() + Duration::from_secs(secs);
    let next = AtomicUsize::new(1);
    let stored: Mutex<BTreeSet<usize>> = Mutex::new([0].into());
    let (ingests, again, reads, exports) = (
        AtomicUsize::new(1),
        AtomicUsize::new(0),
        AtomicUsize::new(0),
        AtomicUsize::new(0),
    );
    std::thread::scope(|s| {
        // Two writers: new chunks, and every fourth run a chunk stored already (all unchanged).
        for w in 0..2 {
            let (db, next, stored, ingests, again) = (&db, &next, &stored, &ingests, &again);
            s.spawn(move || {
                let mut runs = 0;
                while Instant::now() < end {
                    runs += 1;
                    if runs % 4 == 0 {
                        let old = *stored.lock().unwrap().iter().nth(w).unwrap_or(&0);
                        let err = ok(
                            ng(db).args(["ingest", "-q"]).arg(chunk(root, old)),
                            "re-ingest",
                        );
                        drop(err);
                        again.fetch_add(1, Ordering::Relaxed);
                        continue;
                    }
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let path = chunk(root, i);
                    ok(ng(db).args(["ingest", "-q"]).arg(&path), "ingest");
                    stored.lock().unwrap().insert(i);
                    ingests.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
        // A reader: every query command in turn.
        s.spawn(|| {
            let commands: [&[&str]; 6] = [
                &["query", "SELECT count(*) FROM edge_view"],
                &["stats", "--json"],
                &["search", "sanction"],
                &["neighbors", "France", "-f", "csv"],
                &["top", "-f", "jsonl"],
                &["path", "France", "Japan"],
            ];
            let mut k = 0;
            while Instant::now() < end {
                ok(ng(&db).args(commands[k % commands.len()]), "read");
                reads.fetch_add(1, Ordering::Relaxed);
                k += 1;
            }
        });
        // An exporter: each format in turn, each file checked whole.
        s.spawn(|| {
            let mut k = 0;
            while Instant::now() < end {
                let (format, out) = [
                    ("graphml", root.join("g.graphml")),
                    ("json", root.join("g.json")),
                    ("csv", root.join("csv")),
                    ("gexf", root.join("g.gexf")),
                ][k % 4]
                    .clone();
                ok(
                    ng(&db).args(["export", "-f", format, "-o"]).arg(&out),
                    "export",
                );
                match format {
                    "json" => {
                        let v: serde_json::Value =
                            serde_json::from_slice(&fs::read(&out).unwrap()).unwrap();
                        assert!(v["nodes"].is_array());
                    }
                    "csv" => {
                        for f in ["nodes.csv", "edges.csv"] {
                            assert!(fs::read_to_string(out.join(f)).unwrap().contains('\n'));
                        }
                    }
                    _ => {
                        let text = fs::read_to_string(&out).unwrap();
                        assert!(text.trim_end().ends_with(&format!("</{format}>")));
                    }
                }
                exports.fetch_add(1, Ordering::Relaxed);
                k += 1;
            }
        });
    });
    let stored = stored.into_inner().unwrap();
    let c = Connection::open(&db).unwrap();
    let n = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
    let want = (stored.len() * PER_CHUNK) as i64;
    assert_eq!(n("SELECT count(*) FROM articles"), want);
    assert_eq!(n("SELECT count(DISTINCT external_id) FROM articles"), want);
    assert_eq!(
        n("SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM sentences WHERE article_id = a.id)"),
        0
    );
    let integrity: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    // The graph exported now has every edge of edge_view.
    let out = root.join("final.json");
    ok(
        ng(&db).args(["export", "-f", "json", "-o"]).arg(&out),
        "final export",
    );
    let v: serde_json::Value = serde_json::from_slice(&fs::read(&out).unwrap()).unwrap();
    let links = v["edges"].as_array().map_or(0, Vec::len) as i64;
    assert_eq!(links, n("SELECT count(*) FROM edge_view"));
    println!(
        "soak {secs} s: {} ingests of {PER_CHUNK} new articles, {} re-ingests (all unchanged), {} reads, {} exports; {want} articles, {links} edges, integrity ok",
        ingests.into_inner(),
        again.into_inner(),
        reads.into_inner(),
        exports.into_inner(),
    );
}
