//! Performance of the graph layer on a synthetic store (ignored by default; run in release):
//!
//! ```sh
//! PERF_DB=/tmp/perf.db cargo test --release --test graph_perf -- --ignored --nocapture
//! ```
//!
//! Builds (once) a database of PERF_ARTICLES articles (default 1,000,000), each with one
//! sentence and one relation between two of 60,000 entities, one of which ("Hub") is in 1% of
//! the articles; then times `neighbors` on the hub and on an ordinary entity, and a GraphML
//! export of the whole graph (about a million edges). With PERF_ASSERT=1 it fails when
//! neighbors takes over 50 ms, the export over 5 s besides its layout, or the layout over 3 s.

mod graph_common;

use graph_common::{article, entity};
use newsgraph::export::{export, Format};
use newsgraph::graph::{self, query, Filter, Layout, LayoutOptions, Metrics};
use newsgraph::model::EntityType;
use newsgraph::store::Store;
use std::path::Path;
use std::time::Instant;

const ENTITIES: u64 = 60_000;
const TYPES: [&str; 8] = [
    "bans",
    "sanctions",
    "meets",
    "criticizes",
    "supports",
    "threatens",
    "aids",
    "trades_with",
];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn generate(path: &Path, articles: u64) {
    let mut store = Store::open(path).unwrap();
    let mut rng = Rng(0x9e3779b97f4a7c15);
    let name = |i: u64| {
        if i == 0 {
            "Hub".to_string()
        } else {
            format!("Entity {i}")
        }
    };
    let started = Instant::now();
    let mut batch = Vec::with_capacity(10_000);
    for a in 0..articles {
        let s = if a % 100 == 0 {
            0
        } else {
            1 + rng.next() % (ENTITIES - 1)
        };
        let mut t = 1 + rng.next() % (ENTITIES - 1);
        if t == s {
            t = (t % (ENTITIES - 1)) + 1;
        }
        let kind = TYPES[(rng.next() % TYPES.len() as u64) as usize];
        let day = a % 3650;
        let date = format!(
            "{:04}-{:02}-{:02}",
            2010 + day / 365,
            1 + day % 365 / 31 % 12,
            1 + day % 28
        );
        let sentence = format!("{} {kind} {} in report {a}.", name(s), name(t));
        batch.push(article(
            &format!("h{a}"),
            Some(&date),
            &[&sentence],
            vec![
                entity(&name(s), EntityType::Country, &[]),
                entity(&name(t), EntityType::Organization, &[]),
            ],
            &[(0, 1, kind, 0, false, 0.5 + (a % 5) as f64 / 10.0)],
        ));
        if batch.len() == 10_000 {
            for r in store.write_batch(&batch).unwrap() {
                r.unwrap();
            }
            batch.clear();
        }
    }
    for r in store.write_batch(&batch).unwrap() {
        r.unwrap();
    }
    eprintln!("generated {articles} articles in {:.1?}", started.elapsed());
}

#[test]
#[ignore]
fn neighbors_and_graphml_export_at_scale() {
    let articles: u64 = std::env::var("PERF_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let db = std::env::var("PERF_DB").unwrap_or_else(|_| "/tmp/newsgraph-perf.db".into());
    let db = Path::new(&db);
    if !db.exists() {
        generate(db, articles);
    }
    let store = Store::open_readonly(db).unwrap();
    let assert = std::env::var_os("PERF_ASSERT").is_some();

    for who in ["Hub", "Entity 4242"] {
        let t = Instant::now();
        // The generator gives most names two entities (a country and an organization).
        let e = store.entities_named(who).unwrap().remove(0);
        let n = query::neighbors(&store, e, &Filter::default(), 25).unwrap();
        let took = t.elapsed();
        eprintln!(
            "neighbors {who}: {} edges out, {} in, {:.1?}",
            n.outgoing_total, n.incoming_total, took
        );
        if assert {
            assert!(took.as_millis() <= 50, "neighbors {who} took {took:?}");
        }
    }

    let t = Instant::now();
    let g = graph::build_with(&store, &Filter::default(), false, false).unwrap();
    let built = t.elapsed();
    let p = Instant::now();
    let pr = graph::metrics::pagerank(&g);
    let pagerank = p.elapsed();
    let l = Instant::now();
    let edges = g.g.raw_edges().iter();
    let communities = graph::community::louvain(
        g.node_count(),
        edges.map(|e| {
            (
                e.source().index(),
                e.target().index(),
                f64::from(e.weight.weight),
            )
        }),
    );
    let louvain = l.elapsed();
    assert_eq!(pr.len(), communities.len());
    // Not counted in the total: the two parts of the metrics, timed apart.
    let m0 = Instant::now();
    let m = Metrics::compute(&g);
    let metrics = m0.elapsed();
    let l0 = Instant::now();
    let layout = Layout::compute(&g, &LayoutOptions::default());
    let laid = l0.elapsed();
    let out = db.with_extension("graphml");
    let w = Instant::now();
    export(&store, &g, &m, &layout, Format::Graphml, &out).unwrap();
    let written = w.elapsed();
    let total = built + metrics + laid + written;
    eprintln!(
        "graphml: {} nodes, {} edges: build {built:.2?}, metrics {metrics:.2?} (pagerank {pagerank:.2?}, louvain {louvain:.2?}), layout {laid:.2?}, write {written:.2?}, total {total:.2?}, {} MB",
        g.node_count(),
        g.edge_count(),
        std::fs::metadata(&out).unwrap().len() / 1_000_000
    );
    if assert {
        // The layout has its own budget (`--no-layout` leaves it out of an export).
        let rest = total - laid;
        assert!(
            rest.as_secs_f64() <= 5.0,
            "export took {rest:?} besides the layout"
        );
        assert!(laid.as_secs_f64() <= 3.0, "layout took {laid:?}");
    }
}
