//! `newsgraph render`: a picture of a (small) graph, as SVG or as a self-contained HTML page,
//! with each edge's evidence sentences gathered from the store.

use super::picture::{Evidence, Picture};
use super::target::write_file;
use crate::error::Result;
use crate::graph::{self, Filter, Graph, Layout, Metrics};
use crate::store::Store;
use std::collections::HashMap;
use std::path::Path;

/// Evidence sentences kept per edge (the earliest stored).
pub const EVIDENCE_PER_EDGE: usize = 20;

/// A picture's file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PictureFormat {
    /// A standalone SVG image.
    Svg,
    /// One self-contained HTML page: zoom, search, evidence on click (works offline).
    Html,
}

/// The evidence of every edge of `graph` (built from `filter`): up to `EVIDENCE_PER_EDGE`
/// sentences each, with their article dates, from the one-edge-per-sentence graph of the
/// same filter.
pub fn evidence(store: &Store, filter: &Filter, graph: &Graph) -> Result<Vec<Vec<Evidence>>> {
    let multi = graph::build_with(store, filter, true, false)?;
    let key = |g: &Graph, e: petgraph::graph::EdgeIndex| {
        let (s, t) = g.g.edge_endpoints(e).expect("edge exists");
        let w = &g.g[e];
        (g.g[s].id, g.rel_type(w).kind.clone(), g.g[t].id, w.negated)
    };
    let index: HashMap<_, usize> = graph
        .g
        .edge_indices()
        .map(|e| (key(graph, e), e.index()))
        .collect();
    let mut picked: Vec<Vec<(i64, Option<String>)>> = vec![Vec::new(); graph.edge_count()];
    for e in multi.g.edge_indices() {
        if let Some(&i) = index.get(&key(&multi, e)) {
            if picked[i].len() < EVIDENCE_PER_EDGE {
                let w = &multi.g[e];
                picked[i].push((w.sentence_id, w.first.map(|d| d.to_string())));
            }
        }
    }
    let ids: Vec<i64> = picked.iter().flatten().map(|(id, _)| *id).collect();
    let texts = store.sentence_texts(&ids)?;
    Ok(picked
        .into_iter()
        .map(|list| {
            list.into_iter()
                .filter_map(|(id, date)| {
                    let sentence = texts.get(&id)?.clone();
                    Some(Evidence { date, sentence })
                })
                .collect()
        })
        .collect())
}

/// Draw `graph` to `output` in `format`; `focus` is the entity the picture is around.
#[allow(clippy::too_many_arguments)]
pub fn render(
    store: &Store,
    filter: &Filter,
    graph: &Graph,
    metrics: &Metrics,
    layout: &Layout,
    focus: Option<i64>,
    title: &str,
    format: PictureFormat,
    output: &Path,
) -> Result<Picture> {
    let evidence = evidence(store, filter, graph)?;
    let picture = Picture::new(graph, metrics, layout, focus, evidence);
    write_file(output, |w| match format {
        PictureFormat::Svg => super::svg::write(w, &picture, title),
        PictureFormat::Html => super::html::write(w, &picture, title),
    })?;
    Ok(picture)
}
