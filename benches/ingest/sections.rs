//! The measured sections: end-to-end ingest, extraction alone, and the graph commands.

use crate::util::{load, median, peak_rss_mb, repeat, spread, Config};
use newsgraph::ingest::{self, IngestOptions, Item, ReadOptions};
use newsgraph::nlp::Extractor;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use tempfile::TempDir;

/// A database left by the last ingest run, for the graph commands.
pub struct Ingested {
    pub dir: TempDir,
    pub db: PathBuf,
}

/// End to end: read, hash, extract and store `input` into a fresh database, `runs` times.
pub fn ingest(cfg: &Config, name: &str, input: &Path, x: &Extractor) -> Option<Ingested> {
    let mut last = None;
    let (times, sum) = repeat(cfg.runs, || {
        let dir = tempfile::tempdir().expect("temporary directory");
        let db = dir.path().join("bench.db");
        let opts = IngestOptions::default();
        let sum =
            ingest::run(&db, &[input.to_path_buf()], &opts, x, &|_, _| {}).expect("ingest failed");
        last = Some(Ingested { dir, db });
        sum
    });
    let last = last?;
    let t = median(&times);
    let seen = sum.new + sum.unchanged;
    let (entities, relations, edges) = counts(&last.db);
    println!(
        "{name}: {seen} articles ({} new, {} rejected), {:.1} MB of text; median {t:.3} s ({}, {} runs)",
        sum.new,
        sum.rejected,
        sum.bytes as f64 / 1e6,
        spread(&times),
        times.len()
    );
    println!(
        "  {:.0} articles/s, {:.2} MB/s; {} sentences, {} mentions, {entities} entities, {relations} relations, {edges} edges; db {:.1} MB; peak RSS so far {:.0} MB; load {}",
        seen as f64 / t,
        sum.bytes as f64 / 1e6 / t,
        sum.sentences,
        sum.mentions,
        std::fs::metadata(&last.db).map_or(0.0, |m| m.len() as f64 / 1e6),
        peak_rss_mb().unwrap_or(f64::NAN),
        load()
    );
    Some(last)
}

fn counts(db: &Path) -> (i64, i64, i64) {
    let c = rusqlite::Connection::open(db).expect("open the bench database");
    c.query_row(
        "SELECT (SELECT count(*) FROM entities), (SELECT count(*) FROM relations), (SELECT count(*) FROM edge_view)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .expect("count rows")
}

/// The article texts of `input` as the readers produce them (cleaned, duplicates kept).
pub fn texts(input: &Path) -> Vec<String> {
    let mut out = Vec::new();
    ingest::read_inputs(
        &[input.to_path_buf()],
        &ReadOptions::default(),
        &mut |item| {
            if let Item::Article(a) = item {
                out.push(a.text);
            }
            true
        },
    );
    out
}

/// Extraction alone, no store: `Extractor::extract` over every text, one thread then rayon.
pub fn extract(cfg: &Config, name: &str, texts: &[String], x: &Extractor) {
    let bytes: usize = texts.iter().map(String::len).sum();
    let count = |e: newsgraph::model::Extraction| {
        [
            e.sentences.len(),
            e.entities.len(),
            e.mentions.len(),
            e.relations.len(),
        ]
    };
    let add = |a: [usize; 4], b: [usize; 4]| [a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]];
    let single = repeat(cfg.runs, || {
        texts.iter().map(|t| count(x.extract(t))).fold([0; 4], add)
    });
    let threads = rayon::current_num_threads();
    let parallel = repeat(cfg.runs, || {
        texts
            .par_iter()
            .map(|t| count(x.extract(t)))
            .reduce(|| [0; 4], add)
    });
    for (how, (times, n)) in [("1 thread", single), ("rayon", parallel)] {
        let t = median(&times);
        let how = if how == "rayon" {
            format!("rayon, {threads} threads")
        } else {
            how.to_string()
        };
        println!(
            "{name} ({how}): {} texts, {:.1} MB; median {t:.3} s ({}); {:.0} articles/s, {:.2} MB/s; {} sentences, {} entities, {} mentions, {} relations; load {}",
            texts.len(),
            bytes as f64 / 1e6,
            spread(&times),
            texts.len() as f64 / t,
            bytes as f64 / 1e6 / t,
            n[0],
            n[1],
            n[2],
            n[3],
            load()
        );
    }
}

/// Does this newsgraph binary have the subcommand `sub`?
pub fn has_subcommand(bin: &Path, sub: &str) -> bool {
    Command::new(bin)
        .args([sub, "--help"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// `newsgraph export --format graphml` on the ingested database, through the binary.
pub fn export(cfg: &Config, name: &str, bin: &Path, db: &Ingested) {
    if !has_subcommand(bin, "export") {
        println!("{name}: skipped: this newsgraph has no `export` subcommand yet");
        return;
    }
    let out = db.dir.path().join("graph.graphml");
    let (times, ok) = repeat(cfg.runs, || {
        run_quiet(
            bin,
            &db.db,
            &["export", "--format", "graphml", "--output"],
            &out,
        )
    });
    if !ok {
        println!("{name}: `newsgraph export` failed; not timed");
        return;
    }
    let (_, _, edges) = counts(&db.db);
    println!(
        "{name}: {edges} edges, {:.1} MB of GraphML; median {:.3} s ({}, {} runs); load {}",
        std::fs::metadata(&out).map_or(0.0, |m| m.len() as f64 / 1e6),
        median(&times),
        spread(&times),
        times.len(),
        load()
    );
}

/// `newsgraph neighbors` on the most mentioned entity, through the binary.
pub fn neighbors(cfg: &Config, name: &str, bin: &Path, db: &Ingested) {
    if !has_subcommand(bin, "neighbors") {
        println!("{name}: skipped: this newsgraph has no `neighbors` subcommand yet");
        return;
    }
    let c = rusqlite::Connection::open(&db.db).expect("open the bench database");
    let Ok(id) = c.query_row(
        "SELECT id FROM entities ORDER BY mentions DESC LIMIT 1",
        [],
        |r| r.get::<_, i64>(0),
    ) else {
        println!("{name}: skipped: no entities in the database");
        return;
    };
    let entity = format!("#{id}");
    let (times, ok) = repeat(cfg.runs, || {
        run_quiet(bin, &db.db, &["neighbors"], Path::new(&entity))
    });
    let what = if ok { "" } else { " (it FAILED)" };
    println!(
        "{name}: entity {entity}{what}; median {:.1} ms ({}, {} runs, process start included); load {}",
        median(&times) * 1e3,
        spread(&times),
        times.len(),
        load()
    );
}

fn run_quiet(bin: &Path, db: &Path, args: &[&str], last: &Path) -> bool {
    Command::new(bin)
        .arg("--db")
        .arg(db)
        .args(args)
        .arg(last)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}
