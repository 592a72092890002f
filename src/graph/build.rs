//! Building the graph from the store, then its entities. The default graph streams the
//! `edges` aggregate in key order; a date window, `multi`, or a caller that wants every
//! evidence date (GEXF spells, CSV timesets, JSON dates) takes one sequential scan of the
//! filtered relations, aggregated here into one edge per (source, type, target, negated).

use super::{Date, Edge, Filter, Graph, Node, TextSpan};
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
    fn new(key: Key, r: &RelationRow, text: &mut String) -> Pending {
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
                sentence: TextSpan::push(text, r.sentence),
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
    let mut text = String::new();
    let edges = if !dates && aggregate_answers(&q) {
        from_aggregate(store, &q, &kind_of, &mut text)?
    } else {
        from_relations(store, &q, &kind_of, multi, &mut text)?
    };
    let mut ids: Vec<i64> = edges.iter().flat_map(|(s, t, _)| [*s, *t]).collect();
    ids.sort_unstable();
    ids.dedup();
    let entities = store.entities_by_ids(&ids)?;

    let mut g: DiGraph<Node, Edge> = DiGraph::with_capacity(entities.len(), edges.len());
    let mut index: HashMap<i64, NodeIndex> = HashMap::with_capacity(entities.len());
    for e in entities {
        let id = e.id;
        let n = g.add_node(e);
        index.insert(id, n);
    }
    for (s, t, e) in edges {
        g.add_edge(index[&s], index[&t], e);
    }

    let mut graph = Graph {
        types: known,
        multi,
        text,
        ..Default::default()
    };
    graph.set(g);
    filter.apply(store, &mut graph)?;
    Ok(graph)
}

/// Edges from the `edges` aggregate, already in key order; then their sample sentences, read
/// in id order into `text`.
fn from_aggregate(
    store: &Store,
    q: &EdgeQuery,
    kind_of: &dyn Fn(&str) -> Result<u16>,
    text: &mut String,
) -> Result<Vec<(i64, i64, Edge)>> {
    let mut q = q.clone();
    q.without_sentences = true;
    let mut edges = Vec::new();
    store.for_each_edge(&q, Anchor::All, |r| {
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
            sentence: TextSpan::default(),
        };
        edges.push((r.source, r.target, e));
        Ok(())
    })?;
    // (sentence id, edge) sorted: each sentence is read once, its span given to its edges.
    let mut wanted: Vec<(i64, u32)> = edges
        .iter()
        .enumerate()
        .map(|(i, (_, _, e))| (e.sentence_id, i as u32))
        .collect();
    wanted.sort_unstable();
    let ids: Vec<i64> = wanted.iter().map(|w| w.0).collect();
    let mut next = 0;
    store.for_each_sentence(&ids, |id, s| {
        let span = TextSpan::push(text, s);
        while next < wanted.len() && wanted[next].0 <= id {
            if wanted[next].0 == id {
                edges[wanted[next].1 as usize].2.sentence = span;
            }
            next += 1;
        }
        Ok(())
    })?;
    Ok(edges)
}

/// Edges aggregated here from a scan of the relations, in key order.
fn from_relations(
    store: &Store,
    q: &EdgeQuery,
    kind_of: &dyn Fn(&str) -> Result<u16>,
    multi: bool,
    text: &mut String,
) -> Result<Vec<(i64, i64, Edge)>> {
    let mut pending: Vec<Pending> = Vec::new();
    let mut slot: HashMap<Key, usize> = HashMap::new();
    store.for_each_relation(q, |r| {
        let key = (r.source, kind_of(r.kind)?, r.target, r.negated);
        let i = if multi {
            pending.push(Pending::new(key, r, text));
            pending.len() - 1
        } else {
            *slot.entry(key).or_insert_with(|| {
                pending.push(Pending::new(key, r, text));
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
    Ok(pending.into_iter().map(Pending::finish).collect())
}
