//! Building the graph from the store, then its entities. The default graph streams the
//! `edges` aggregate in key order; a date window, `multi`, or a caller that wants every
//! evidence date (GEXF spells, CSV timesets, JSON dates) takes one sequential scan of the
//! filtered relations, aggregated here into one edge per (source, type, target, negated).

use super::{Date, Edge, Filter, Graph, Node};
use crate::error::{Error, Result};
use crate::store::{aggregate_answers, Anchor, EdgeQuery, RelationRow, Store};
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
                first: None,
                last: None,
                dates: Box::default(),
                relation_id: r.id,
                sentence_id: r.sentence_id,
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
        self.edge.confidence = round_confidence(self.confidence_sum / f64::from(self.edge.weight));
        self.edge.first = self.dates.first().copied();
        self.edge.last = self.dates.last().copied();
        self.edge.dates = self.dates.into_boxed_slice();
        (self.key.0, self.key.2, self.edge)
    }
}

/// Round a mean confidence to 1e-6: enough for a mean of extraction scores, and stable in
/// every format.
fn round_confidence(mean: f64) -> f64 {
    (mean * 1e6).round() / 1e6
}

/// Build the graph `filter` selects, with every edge's evidence dates: `build_with` with
/// `dates`.
pub fn build(store: &Store, filter: &Filter, multi: bool) -> Result<Graph> {
    build_with(store, filter, multi, true)
}

/// Build the graph `filter` selects: one edge per (source, type, target[, negated]), or per
/// evidence sentence when `multi`. Nodes are the entities at either end of an edge. Without
/// `dates`, edges carry their first and last date only (`Edge::dates` is left empty), which
/// lets the aggregate answer.
pub fn build_with(store: &Store, filter: &Filter, multi: bool, dates: bool) -> Result<Graph> {
    let known = store.relation_types()?;
    let q = filter.edge_query(&known, multi)?;
    let kind_index: HashMap<&str, u16> = known
        .iter()
        .enumerate()
        .map(|(i, t)| (t.kind.as_str(), i as u16))
        .collect();
    let kind_of = |k: &str| {
        kind_index
            .get(k)
            .copied()
            .ok_or_else(|| Error::Data(format!("relation type {k:?} is not in relation_types")))
    };
    let g = if !dates && aggregate_answers(&q) {
        from_aggregate(store, &q, &kind_of)?
    } else {
        let chunks = from_relations(store, &q, &kind_of, multi)?;
        let ids = chunks.iter().flatten().flat_map(|(s, t, _)| [*s, *t]);
        let edge_count = chunks.iter().map(Vec::len).sum();
        let (mut g, index) = with_nodes(store, ids.collect(), edge_count)?;
        // Chunk by chunk, each freed once added: the list and the graph never both hold
        // every edge (the graph's untouched capacity is not resident).
        for chunk in chunks {
            for (s, t, e) in chunk {
                g.add_edge(index[&s], index[&t], e);
            }
        }
        g
    };
    let mut graph = Graph {
        types: known,
        multi,
        ..Default::default()
    };
    graph.set(g);
    filter.apply(store, &mut graph)?;
    Ok(graph)
}

/// Edges in key order, in chunks of `CHUNK`.
type Chunks = Vec<Vec<(i64, i64, Edge)>>;
const CHUNK: usize = 1 << 16;

fn push(chunks: &mut Chunks, edge: (i64, i64, Edge)) {
    match chunks.last_mut() {
        Some(c) if c.len() < CHUNK => c.push(edge),
        _ => {
            let mut c = Vec::with_capacity(CHUNK);
            c.push(edge);
            chunks.push(c);
        }
    }
}

/// A graph with room for `edges` edges and a node for each entity of `ids` (any order,
/// repeats allowed), sorted by id; and the node of each entity id.
fn with_nodes(
    store: &Store,
    mut ids: Vec<i64>,
    edges: usize,
) -> Result<(DiGraph<Node, Edge>, HashMap<i64, NodeIndex>)> {
    ids.sort_unstable();
    ids.dedup();
    let entities = store.entities_by_ids(&ids)?;
    drop(ids);
    let mut g: DiGraph<Node, Edge> = DiGraph::with_capacity(entities.len(), edges);
    let mut index: HashMap<i64, NodeIndex> = HashMap::with_capacity(entities.len());
    for e in entities {
        let id = e.id;
        let n = g.add_node(e);
        index.insert(id, n);
    }
    Ok((g, index))
}

/// The graph of the `edges` aggregate. Two passes: the endpoints first, for the nodes, then
/// every edge straight into the graph, so no edge list is ever held.
fn from_aggregate(
    store: &Store,
    q: &EdgeQuery,
    kind_of: &dyn Fn(&str) -> Result<u16>,
) -> Result<DiGraph<Node, Edge>> {
    let mut ids = Vec::new();
    store.for_each_edge(q, Anchor::All, |r| {
        ids.extend([r.source, r.target]);
        Ok(())
    })?;
    let edge_count = ids.len() / 2;
    u32::try_from(edge_count).map_err(|_| Error::Data("more than 4 billion edges".into()))?;
    let (mut g, index) = with_nodes(store, ids, edge_count)?;
    let changed = || Error::Data("the store changed during the export: run it again".into());
    store.for_each_edge(q, Anchor::All, |r| {
        let (first, last) = (
            r.first_seen.and_then(Date::parse),
            r.last_seen.and_then(Date::parse),
        );
        let e = Edge {
            kind: kind_of(r.kind)?,
            negated: r.negated,
            weight: r.weight as u32,
            articles: r.articles as u32,
            confidence: round_confidence(r.confidence),
            first,
            last,
            dates: Box::default(),
            relation_id: r.relation_id,
            sentence_id: r.sentence_id,
        };
        let s = *index.get(&r.source).ok_or_else(changed)?;
        let t = *index.get(&r.target).ok_or_else(changed)?;
        if g.edge_count() == edge_count {
            return Err(changed());
        }
        g.add_edge(s, t, e);
        Ok(())
    })?;
    Ok(g)
}

/// Edges aggregated here from a scan of the relations, in key order.
fn from_relations(
    store: &Store,
    q: &EdgeQuery,
    kind_of: &dyn Fn(&str) -> Result<u16>,
    multi: bool,
) -> Result<Chunks> {
    let mut pending: Vec<Pending> = Vec::new();
    let mut slot: HashMap<Key, usize> = HashMap::new();
    store.for_each_relation(q, |r| {
        let key = (r.source, kind_of(r.kind)?, r.target, r.negated);
        let i = match slot.get(&key) {
            Some(&i) if !multi => i,
            _ => {
                pending.push(Pending::new(key, r));
                if !multi {
                    slot.insert(key, pending.len() - 1);
                }
                pending.len() - 1
            }
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
    let mut chunks = Chunks::new();
    for p in pending {
        push(&mut chunks, p.finish());
    }
    Ok(chunks)
}
