//! Ingest throughput benchmark (`cargo bench --bench ingest`): end to end, extraction alone,
//! the grammar alone (`parse/...`), export.
//!
//! Corpora: `NEWSGRAPH_BENCH_REUTERS` (Reuters-21578 as JSONL) and `NEWSGRAPH_BENCH_BBC` (the
//! BBC directory), by default under `../shared/corpora/`; a missing one is skipped with a
//! notice. `NEWSGRAPH_BENCH_RUNS` (default 5) runs per figure; medians are quoted. Free
//! arguments select sections by name: `cargo bench --bench ingest -- extract/bbc`.

mod parse;
mod sections;
mod util;

use newsgraph::nlp::Extractor;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The allocator of the `newsgraph` binary, so in-process figures match the command line's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cfg = util::Config::from_env();
    let bin = std::env::var_os("NEWSGRAPH_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_newsgraph")));
    println!("newsgraph ingest benchmark");
    println!(
        "machine: {}; load {}; {} runs per figure, medians",
        util::machine(),
        util::load(),
        cfg.runs
    );
    let corpora: Vec<(&str, &Path)> = [("reuters", cfg.reuters.as_path()), ("bbc", &cfg.bbc)]
        .into_iter()
        .filter(|(name, path)| {
            let there = path.exists();
            if !there {
                println!(
                    "{name}: corpus {} not found; skipped (set NEWSGRAPH_BENCH_{})",
                    path.display(),
                    name.to_uppercase()
                );
            }
            there
        })
        .collect();
    if corpora.is_empty() {
        println!("no corpus found: nothing to measure");
        return;
    }
    let t = Instant::now();
    let x = Extractor::new(None).expect("load the extractor");
    println!("extractor loaded in {:.3} s", t.elapsed().as_secs_f64());

    // End-to-end runs first, so the peak RSS they report is not the extraction section's,
    // which holds whole corpora in memory.
    let mut dbs = Vec::new();
    for (name, path) in &corpora {
        let section = format!("ingest/{name}");
        let needed = ["ingest", "export", "neighbors"]
            .iter()
            .any(|s| cfg.wants(&format!("{s}/{name}")));
        if needed {
            dbs.push((*name, sections::ingest(&cfg, &section, path, &x)));
        }
    }
    for (name, db) in &dbs {
        let Some(db) = db else { continue };
        for (section, f) in [
            ("export", sections::export as fn(&_, &_, &_, &_)),
            ("neighbors", sections::neighbors),
        ] {
            let section = format!("{section}/{name}");
            if cfg.wants(&section) {
                f(&cfg, &section, &bin, db);
            }
        }
    }
    for (name, path) in &corpora {
        let section = format!("extract/{name}");
        let parse_section = format!("parse/{name}");
        if cfg.wants(&section) || cfg.wants(&parse_section) {
            let texts = sections::texts(path);
            if cfg.wants(&section) {
                sections::extract(&cfg, &section, &texts, &x);
            }
            if cfg.wants(&parse_section) {
                parse::parse(&cfg, &parse_section, &texts);
            }
        }
    }
}
