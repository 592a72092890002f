//! Building the graph from the store: stream the filtered edges, then fetch their entities.

use super::{Date, Edge, Filter, Graph, Node, RelType};
use crate::error::{Error, Result};
use crate::store::{Anchor, Store};
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::HashMap;

/// Build the graph `filter` selects: one edge per (source, type, target[, negated]), or per
/// evidence sentence when `multi`. Nodes are the entities at either end of an edge.
pub fn build(store: &Store, filter: &Filter, multi: bool) -> Result<Graph> {
    let known = store.relation_types()?;
    let q = filter.edge_query(&known, multi)?;
    let kind_index: HashMap<&str, u16> = known
        .iter()
        .enumerate()
        .map(|(i, t)| (t.kind.as_str(), i as u16))
        .collect();

    let mut edges: Vec<(i64, i64, Edge)> = Vec::new();
    store.for_each_edge(&q, Anchor::All, |r| {
        let kind = *kind_index.get(r.kind.as_str()).ok_or_else(|| {
            Error::Data(format!(
                "relation type {:?} is not in relation_types",
                r.kind
            ))
        })?;
        let dates = match &r.dates {
            Some(d) => Date::parse_list(d).into_boxed_slice(),
            None => Box::default(),
        };
        edges.push((
            r.source,
            r.target,
            Edge {
                kind,
                negated: r.negated,
                weight: r.weight as u32,
                articles: r.articles as u32,
                confidence: r.confidence,
                dates,
                relation_id: r.relation_id,
                sentence_id: r.sentence_id,
                sentence: r.sentence.unwrap_or_default().into_boxed_str(),
            },
        ));
        Ok(())
    })?;

    let mut ids: Vec<i64> = edges.iter().flat_map(|(s, t, _)| [*s, *t]).collect();
    ids.sort_unstable();
    ids.dedup();
    let entities = store.entities_by_ids(&ids)?;

    let mut g: DiGraph<Node, Edge> = DiGraph::with_capacity(entities.len(), edges.len());
    let mut index: HashMap<i64, NodeIndex> = HashMap::with_capacity(entities.len());
    for e in entities {
        let id = e.id;
        let n = g.add_node(Node {
            id,
            name: e.name,
            kind: e.kind,
            mentions: e.mentions,
            articles: e.articles,
        });
        index.insert(id, n);
    }
    for (s, t, e) in edges {
        g.add_edge(index[&s], index[&t], e);
    }

    let mut graph = Graph {
        types: known
            .into_iter()
            .map(|t| RelType {
                name: t.kind,
                family: t.family,
                plover: t.plover,
                cameo_root: t.cameo_root,
            })
            .collect(),
        multi,
        ..Default::default()
    };
    graph.set(g);
    filter.apply(store, &mut graph)?;
    Ok(graph)
}
