//! Building the graph from the store: one sequential scan of the filtered relations,
//! aggregated here into one edge per (source, type, target, negated), then their entities.

use super::{Date, Edge, Filter, Graph, Node, RelType};
use crate::error::{Error, Result};
use crate::store::{RelationRow, Store};
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::HashMap;

/// Key of an aggregated edge; `kind` indexes the relation types sorted by name, so sorting
/// keys sorts edges by (source id, type, target id, negated).
type Key = (i64, u16, i64, bool);

/// An edge being gathered from its evidence.
struct Pending {
    key: Key,
    edge: Edge,
    dates: Vec<Date>,
    articles: Vec<i64>,
    confidence_sum: f64,
}

impl Pending {
    fn new(key: Key, r: &RelationRow) -> Pending {
        Pending {
            key,
            edge: Edge {
                kind: key.1,
                negated: r.negated,
                weight: 0,
                articles: 0,
                confidence: 0.0,
                dates: Box::default(),
                relation_id: r.id,
                sentence_id: r.sentence_id,
                sentence: r.sentence.into(),
            },
            dates: Vec::new(),
            articles: Vec::new(),
            confidence_sum: 0.0,
        }
    }

    /// Add one evidence relation (rows come in id order, so the first is the sample).
    fn add(&mut self, r: &RelationRow) {
        self.edge.weight += 1;
        self.confidence_sum += r.confidence;
        self.articles.push(r.article_id);
        if let Some(d) = r.published.and_then(Date::parse) {
            self.dates.push(d);
        }
    }

    fn finish(mut self) -> (i64, i64, Edge) {
        self.articles.sort_unstable();
        self.articles.dedup();
        self.dates.sort_unstable();
        self.dates.dedup();
        self.edge.articles = self.articles.len() as u32;
        // Rounded to 1e-6: enough for a mean of extraction scores, and stable in every format.
        let mean = self.confidence_sum / f64::from(self.edge.weight);
        self.edge.confidence = (mean * 1e6).round() / 1e6;
        self.edge.dates = self.dates.into_boxed_slice();
        (self.key.0, self.key.2, self.edge)
    }
}

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

    let mut pending: Vec<Pending> = Vec::new();
    let mut slot: HashMap<Key, usize> = HashMap::new();
    store.for_each_relation(&q, |r| {
        let kind = *kind_index.get(r.kind).ok_or_else(|| {
            Error::Data(format!(
                "relation type {:?} is not in relation_types",
                r.kind
            ))
        })?;
        let key = (r.source, kind, r.target, r.negated);
        let i = if multi {
            pending.push(Pending::new(key, r));
            pending.len() - 1
        } else {
            *slot.entry(key).or_insert_with(|| {
                pending.push(Pending::new(key, r));
                pending.len() - 1
            })
        };
        pending[i].add(r);
        Ok(())
    })?;
    drop(slot);
    // Aggregated edges by key; evidence edges by (source, type, target, relation id).
    pending.sort_unstable_by_key(|p| {
        let (s, k, t, n) = p.key;
        (s, k, t, if multi { false } else { n }, p.edge.relation_id)
    });
    let edges: Vec<(i64, i64, Edge)> = pending.into_iter().map(Pending::finish).collect();

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
