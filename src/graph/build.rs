//! Building the graph from the store. Edges stream from SQL in key order (the `edges`
//! aggregate, the relations grouped under a date window, or one per relation with `multi`),
//! so nothing is aggregated in memory. A caller that wants every evidence date (GEXF
//! spells, CSV timesets, JSON dates) gets them from one sequential scan of the filtered
//! relations: 24 bytes a distinct (edge, date) while they are matched to the edges.

use super::{Date, DateSpan, Edge, Filter, Graph, Node};
use crate::error::{Error, Result};
use crate::store::{aggregate_answers, Anchor, EdgeRow, Store};
use petgraph::graph::{DiGraph, NodeIndex};
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
/// evidence sentence when `multi`. Nodes are the entities at either end of an edge. Without
/// `dates`, edges carry their first and last date only (`Graph::dates` is empty).
///
/// Two passes, so no edge list is held beside the graph: the first gathers the endpoints
/// (from the aggregate when it answers alone, else from a sequential scan of the relations,
/// which also gathers their dates), the second streams the edges into the graph.
pub fn build_with(store: &Store, filter: &Filter, multi: bool, dates: bool) -> Result<Graph> {
    let types = store.relation_types()?;
    let q = filter.edge_query(&types, multi)?;
    let kinds = Kinds::new(&types);
    let mut ends = Distinct::default();
    let mut evidence = Distinct::default();
    let mut rows = 0usize;
    if !dates && aggregate_answers(&q) {
        store.for_each_edge(&q, Anchor::All, |r| {
            rows += 1;
            ends.extend([r.source, r.target]);
            Ok(())
        })?;
    } else {
        store.for_each_relation(&q, |r| {
            rows += 1;
            ends.extend([r.source, r.target]);
            if let (true, Some(d)) = (dates, r.published.and_then(Date::parse)) {
                evidence.extend([((r.source, kinds.of(r.kind)?, r.target, r.negated), d)]);
            }
            Ok(())
        })?;
    }
    u32::try_from(rows).map_err(|_| Error::Data("more than 4 billion edges".into()))?;
    // Room for one edge per row: a relation scan has at least as many rows as edges, and
    // room never written is not resident.
    let (mut g, index) = with_nodes(store, ends.finish(), rows)?;
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
    drop(index);
    drop(kinds);
    let mut graph = Graph {
        types,
        multi,
        ..Default::default()
    };
    graph.set(g);
    filter.apply(store, &mut graph)?;
    if dates {
        add_dates(&mut graph, &evidence.finish())?;
    }
    Ok(graph)
}

/// Items kept sorted and deduplicated each time they double, so repeats cost little memory.
struct Distinct<T> {
    items: Vec<T>,
    compacted: usize,
}

impl<T> Default for Distinct<T> {
    fn default() -> Self {
        Distinct {
            items: Vec::new(),
            compacted: 0,
        }
    }
}

impl<T: Ord> Distinct<T> {
    fn extend(&mut self, items: impl IntoIterator<Item = T>) {
        self.items.extend(items);
        if self.items.len() >= 2 * self.compacted.max(1 << 16) {
            self.compact();
        }
    }

    fn compact(&mut self) {
        self.items.sort_unstable();
        self.items.dedup();
        self.compacted = self.items.len();
    }

    fn finish(mut self) -> Vec<T> {
        self.compact();
        self.items
    }
}

/// Relation types by name, as indexes into the sorted `relation_types`.
struct Kinds<'t>(HashMap<&'t str, u16>);

impl<'t> Kinds<'t> {
    fn new(types: &'t [super::RelType]) -> Self {
        Kinds(
            types
                .iter()
                .enumerate()
                .map(|(i, t)| (t.kind.as_str(), i as u16))
                .collect(),
        )
    }

    fn of(&self, kind: &str) -> Result<u16> {
        self.0
            .get(kind)
            .copied()
            .ok_or_else(|| Error::Data(format!("relation type {kind:?} is not in relation_types")))
    }
}

fn edge(r: &EdgeRow, kinds: &Kinds) -> Result<Edge> {
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

/// An edge's key by entity id: (source, type, target, negated).
type Key = (i64, u16, i64, bool);

/// Fill `Graph::dates` with each edge's distinct evidence dates, ascending: a `multi` edge
/// is one relation, with its date; other edges find their run of `evidence` (sorted,
/// distinct) by binary search.
fn add_dates(graph: &mut Graph, evidence: &[(Key, Date)]) -> Result<()> {
    let mut dates = Vec::new();
    let mut run = Vec::new();
    for e in graph.g.edge_indices() {
        let (s, t) = graph.g.edge_endpoints(e).expect("edge exists");
        let w = &graph.g[e];
        run.clear();
        if graph.multi {
            run.extend(w.first);
        } else {
            let key = (graph.g[s].id, w.kind, graph.g[t].id, w.negated);
            let from = evidence.partition_point(|(k, _)| *k < key);
            let same = evidence[from..].iter().take_while(|(k, _)| *k == key);
            run.extend(same.map(|x| x.1));
        }
        graph.g[e].dates = DateSpan::push(&mut dates, &run)?;
    }
    graph.dates = dates;
    Ok(())
}
