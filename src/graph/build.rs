//! Building the graph from the store. Edges stream from SQL in key order (the `edges`
//! aggregate, the relations grouped under a date window, or one per relation with `multi`),
//! so nothing is aggregated in memory. A caller that wants every evidence date (GEXF
//! spells, CSV timesets, JSON dates) gets them from one sequential scan of the filtered
//! relations once the graph stands: 8 bytes a relation while they are matched to edges.

use super::{Date, DateSpan, Edge, Filter, Graph, Node};
use crate::error::{Error, Result};
use crate::fxhash::{FxMap, FxSet};
use crate::store::{aggregate_answers, Anchor, EdgeQuery, EdgeRow, RelationRow, Store};
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use std::collections::HashMap;

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
/// evidence sentence when `multi`. Nodes are the entities at either end of an edge (and
/// with `Filter::all_nodes`, every entity with a mention). Without
/// `dates`, edges carry their first and last date only (`Graph::dates` is empty).
///
/// Two passes, so no edge list is held beside the graph: the first gathers the endpoints
/// (from the aggregate when it answers, else from a sequential scan of the relations), the
/// second streams the edges into the graph.
pub fn build_with(store: &Store, filter: &Filter, multi: bool, dates: bool) -> Result<Graph> {
    let kinds = Kinds::load(store)?;
    let q = filter.edge_query(kinds.types(), multi)?;
    if super::local::answers_around(filter, multi) {
        let name = filter
            .around
            .as_deref()
            .expect("answers_around needs --around");
        let center = super::query::resolve(store, name)?;
        return super::local::ego(store, &q, filter, center.id, multi, dates);
    }
    let mut ends: FxSet<i64> = FxSet::default();
    let mut rows = 0usize;
    let mut see = |source: i64, target: i64| {
        rows += 1;
        ends.insert(source);
        ends.insert(target);
    };
    if aggregate_answers(&q) {
        store.for_each_edge(&q, Anchor::All, |r| {
            see(r.source, r.target);
            Ok(())
        })?;
    } else {
        store.for_each_relation(&q, |r| {
            see(r.source, r.target);
            Ok(())
        })?;
    }
    if filter.all_nodes {
        ends.extend(store.mentioned_entity_ids(q.entity_types.as_deref())?);
    }
    u32::try_from(rows).map_err(|_| Error::Data("more than 4 billion edges".into()))?;
    // Room for one edge per row: a relation scan has at least as many rows as edges, and
    // room never written is not resident.
    let (mut g, index) = with_nodes(store, ends.into_iter().collect(), rows)?;
    let changed = || Error::Data("the store changed while the graph was read: run it again".into());
    store.for_each_edge(&q, Anchor::All, |r| {
        let s = *index.get(&r.source).ok_or_else(changed)?;
        let t = *index.get(&r.target).ok_or_else(changed)?;
        if g.edge_count() == rows {
            return Err(changed());
        }
        g.add_edge(s, t, edge(r, &kinds)?);
        Ok(())
    })?;
    let mut graph = Graph {
        g,
        types: kinds.into_types(),
        multi,
        dates: Vec::new(),
        index,
    };
    filter.apply(store, &mut graph)?;
    if dates {
        add_dates(store, &q, &mut graph)?;
    }
    Ok(graph)
}

/// The store's relation types, and each one's index into them by name.
pub(super) struct Kinds {
    types: Vec<super::RelType>,
    by_name: HashMap<String, u16>,
}

impl Kinds {
    pub(super) fn new(types: Vec<super::RelType>) -> Self {
        let by_name = types
            .iter()
            .enumerate()
            .map(|(i, t)| (t.kind.clone(), i as u16))
            .collect();
        Kinds { types, by_name }
    }

    pub(super) fn load(store: &Store) -> Result<Self> {
        Ok(Kinds::new(store.relation_types()?))
    }

    pub(super) fn types(&self) -> &[super::RelType] {
        &self.types
    }

    pub(super) fn into_types(self) -> Vec<super::RelType> {
        self.types
    }

    fn of(&self, kind: &str) -> Result<u16> {
        self.by_name
            .get(kind)
            .copied()
            .ok_or_else(|| Error::Data(format!("relation type {kind:?} is not in relation_types")))
    }
}

pub(super) fn edge(r: &EdgeRow, kinds: &Kinds) -> Result<Edge> {
    Ok(Edge {
        kind: kinds.of(r.kind)?,
        negated: r.negated,
        weight: r.weight as u32,
        articles: r.articles as u32,
        confidence: round_confidence(r.confidence),
        first: r.first_seen.and_then(Date::parse),
        last: r.last_seen.and_then(Date::parse),
        dates: DateSpan::default(),
        relation_id: r.relation_id,
        sentence_id: r.sentence_id,
    })
}

/// A graph with room for `edges` edges and a node for each entity of `ids` (any order,
/// repeats allowed), sorted by id; and the node of each entity id (`Graph::index`).
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

/// Fill `Graph::dates` with each edge's distinct evidence dates, ascending, from one
/// sequential scan of the relations `q` selects.
fn add_dates(store: &Store, q: &EdgeQuery, graph: &mut Graph) -> Result<()> {
    fill_dates(graph, |each| store.for_each_relation(q, each))
}

/// `add_dates` for a part of the graph (an ego network): the relations out of each of its
/// entities, read through the source index, instead of a scan of them all.
pub(super) fn add_dates_at(store: &Store, q: &EdgeQuery, graph: &mut Graph) -> Result<()> {
    let ids: Vec<i64> = graph.g.node_weights().map(|n| n.id).collect();
    fill_dates(graph, |each| {
        ids.iter()
            .try_for_each(|&id| store.for_each_relation_from(q, id, &mut *each))
    })
}

/// A multi edge is one relation, with its date. Otherwise the relations `scan` gives are
/// matched to their edge by key, keeping (edge index, date): 8 bytes a relation, sorted and
/// deduplicated into one run per edge.
fn fill_dates(
    graph: &mut Graph,
    scan: impl FnOnce(&mut dyn FnMut(&RelationRow) -> Result<()>) -> Result<()>,
) -> Result<()> {
    let mut dates = Vec::new();
    if graph.multi {
        for e in graph.g.edge_weights_mut() {
            e.dates = DateSpan::push(&mut dates, e.first.as_slice())?;
        }
        graph.dates = dates;
        return Ok(());
    }
    let edge_of: FxMap<(u32, u16, u32, bool), u32> = graph
        .g
        .raw_edges()
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let (s, t, w) = (e.source().index(), e.target().index(), &e.weight);
            ((s as u32, w.kind, t as u32, w.negated), i as u32)
        })
        .collect();
    let kinds = Kinds::new(graph.types.clone());
    let mut seen: Vec<(u32, Date)> = Vec::new();
    scan(&mut |r: &RelationRow| {
        let (Some(s), Some(t)) = (graph.node_of(r.source), graph.node_of(r.target)) else {
            return Ok(());
        };
        let key = (
            s.index() as u32,
            kinds.of(r.kind)?,
            t.index() as u32,
            r.negated,
        );
        if let (Some(&e), Some(d)) = (edge_of.get(&key), r.published.and_then(Date::parse)) {
            seen.push((e, d));
        }
        Ok(())
    })?;
    drop(edge_of);
    seen.sort_unstable();
    seen.dedup();
    let mut next = seen.iter().peekable();
    let mut run = Vec::new();
    for e in 0..graph.g.edge_count() {
        run.clear();
        while let Some(&(_, d)) = next.next_if(|(i, _)| *i as usize == e) {
            run.push(d);
        }
        graph.g[EdgeIndex::new(e)].dates = DateSpan::push(&mut dates, &run)?;
    }
    graph.dates = dates;
    Ok(())
}
