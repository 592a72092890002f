//! The node metrics of the whole graph kept in the store: computed again by the commands that
//! change edges when they end (`refresh`), and read by `top` when it asks for the whole graph
//! (`stored_top`), so ranking an archive of a million articles reads twenty rows.

use super::{build_with, Filter, Graph, Metrics};
use crate::error::Result;
use crate::graph::print::RankBy;
use crate::store::{NodeMetrics, RankKey, Store};
use petgraph::graph::DiGraph;
use std::path::Path;

/// The filter whose graph the stored metrics describe: every positive edge, as `top` and
/// `export` read it without options.
pub fn whole() -> Filter {
    Filter {
        min_weight: 1,
        depth: 1,
        ..Filter::default()
    }
}

/// Compute the whole graph's metrics and store them, if the stored ones are stale; true when
/// they were computed. A database that does not exist is left alone.
pub fn refresh(db: &Path) -> Result<bool> {
    if !db.exists() || Store::open_readonly(db)?.metrics_fresh()? {
        return Ok(false);
    }
    let store = Store::open_existing(db)?;
    store.refresh_metrics(|s| {
        let graph = build_with(s, &whole(), false, false)?;
        let m = Metrics::compute(&graph);
        Ok(graph
            .g
            .node_indices()
            .map(|n| {
                let i = n.index();
                NodeMetrics {
                    entity_id: graph.g[n].id,
                    pagerank: m.pagerank[i],
                    in_degree: m.in_degree[i],
                    out_degree: m.out_degree[i],
                    weighted_degree: m.weighted_degree[i],
                    community: m.community[i],
                }
            })
            .collect())
    })
}

/// The `limit` first entities of the whole graph by `by`, from the stored metrics, as a graph
/// of those entities alone (no edges, in rank order) with their metrics; `None` when the
/// stored metrics are stale (or the filter is not the whole graph's).
pub fn stored_top(
    store: &Store,
    filter: &Filter,
    by: RankBy,
    limit: usize,
) -> Result<Option<(Graph, Metrics)>> {
    if *filter != whole() || !store.metrics_fresh()? {
        return Ok(None);
    }
    let key = match by {
        RankBy::Pagerank => RankKey::Pagerank,
        RankBy::Degree => RankKey::Degree,
        RankBy::Mentions => RankKey::Mentions,
    };
    let rows = store.top_metrics(key, limit)?;
    let mut g = DiGraph::with_capacity(rows.len(), 0);
    let mut m = Metrics {
        in_degree: Vec::new(),
        out_degree: Vec::new(),
        weighted_degree: Vec::new(),
        pagerank: Vec::new(),
        community: Vec::new(),
    };
    for (entity, nm) in rows {
        g.add_node(entity);
        m.in_degree.push(nm.in_degree);
        m.out_degree.push(nm.out_degree);
        m.weighted_degree.push(nm.weighted_degree);
        m.pagerank.push(nm.pagerank);
        m.community.push(nm.community);
    }
    let mut graph = Graph::default();
    graph.set(g);
    Ok(Some((graph, m)))
}
