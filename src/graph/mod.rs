//! The knowledge graph: a directed multigraph on petgraph, one node per entity and one edge per
//! (source, relation type, target), or per evidence sentence with `multi`.

mod build;
pub mod community;
mod date;
pub mod filter;
pub mod layout;
mod local;
pub mod metrics;
pub mod print;
mod quadtree;
pub mod query;
pub mod ranks;

pub use build::{build, build_with};
pub use date::Date;
pub use filter::Filter;
pub use layout::{Layout, LayoutOptions};
pub use local::{answers_path, shortest_path};
pub use metrics::Metrics;

use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use std::collections::HashMap;
use std::fmt;

/// An entity in the graph: its row in the store (mentions and articles over the whole store,
/// not only the filtered window).
pub type Node = crate::store::EntityRow;

/// A relation type with its codes, as the edges refer to it.
pub type RelType = crate::store::RelationTypeRow;

/// A directed edge: the evidence of one (source, type, target), or one evidence sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// Index into `Graph::types`.
    pub kind: u16,
    pub negated: bool,
    /// Number of evidence sentences (relations).
    pub weight: u32,
    /// Number of distinct articles.
    pub articles: u32,
    /// Mean confidence of the evidence.
    pub confidence: f64,
    /// Earliest and latest article date of the evidence.
    pub first: Option<Date>,
    pub last: Option<Date>,
    /// Distinct article dates of the evidence, ascending, in `Graph::dates`
    /// (`Graph::dates_of`); empty for a build that did not ask for them (`build_with`).
    pub dates: DateSpan,
    /// The relation id (multi) or the smallest relation id of the evidence.
    pub relation_id: i64,
    /// The sentence of one evidence relation (the earliest stored): the exports read its
    /// text from the store as they write the edge, so no graph holds every sentence.
    pub sentence_id: i64,
}

/// A run of `Graph::dates`: one edge's dates, all in one buffer rather than one
/// allocation per edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DateSpan {
    pub start: u32,
    pub len: u32,
}

impl DateSpan {
    /// Append `run` to `dates` and return its span; an error past 4 billion dates.
    pub fn push(dates: &mut Vec<Date>, run: &[Date]) -> crate::Result<DateSpan> {
        let too_many = || crate::Error::Data("more than 4 billion edge dates".into());
        let start = u32::try_from(dates.len()).map_err(|_| too_many())?;
        let len = u32::try_from(run.len()).map_err(|_| too_many())?;
        start.checked_add(len).ok_or_else(too_many)?;
        dates.extend_from_slice(run);
        Ok(DateSpan { start, len })
    }
}

impl Edge {
    pub fn first_seen(&self) -> Option<Date> {
        self.first
    }
    pub fn last_seen(&self) -> Option<Date> {
        self.last
    }
}

/// The graph with the relation types its edges use. Nodes are sorted by entity id and edges
/// by (source id, type, target id[, relation id]), so every traversal order is deterministic.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    pub g: DiGraph<Node, Edge>,
    pub types: Vec<RelType>,
    /// One edge per evidence sentence.
    pub multi: bool,
    /// The evidence dates of every edge (`Edge::dates` spans it).
    pub dates: Vec<Date>,
    index: HashMap<i64, NodeIndex>,
}

impl Graph {
    pub fn node_count(&self) -> usize {
        self.g.node_count()
    }
    pub fn edge_count(&self) -> usize {
        self.g.edge_count()
    }

    /// The node of an entity id, if it is in the graph.
    pub fn node_of(&self, entity: i64) -> Option<NodeIndex> {
        self.index.get(&entity).copied()
    }

    /// The distinct evidence dates of an edge, ascending.
    pub fn dates_of(&self, e: &Edge) -> &[Date] {
        let start = e.dates.start as usize;
        &self.dates[start..start + e.dates.len as usize]
    }

    pub fn rel_type(&self, e: &Edge) -> &RelType {
        &self.types[e.kind as usize]
    }

    /// A stable, unique edge id: `r<relation id>` for multi graphs, else
    /// `<source id>-<type>-<target id>` (with `-neg` for a negated edge).
    pub fn edge_id(&self, e: EdgeIndex) -> EdgeId<'_> {
        EdgeId { graph: self, e }
    }

    /// Keep only the given nodes (and the edges between them), preserving order.
    pub fn retain_nodes(&mut self, keep: &[bool]) {
        let mut g = DiGraph::with_capacity(0, 0);
        let mut map = vec![None; self.g.node_count()];
        for n in self.g.node_indices() {
            if keep[n.index()] {
                map[n.index()] = Some(g.add_node(self.g[n].clone()));
            }
        }
        for e in self.g.edge_indices() {
            let (s, t) = self.g.edge_endpoints(e).expect("edge exists");
            if let (Some(s), Some(t)) = (map[s.index()], map[t.index()]) {
                g.add_edge(s, t, self.g[e].clone());
            }
        }
        self.set(g);
    }

    /// Keep only the edges whose index is set in `keep`, then drop nodes left without edges
    /// (except those in `pinned`).
    pub fn retain_edges(&mut self, keep: &[bool], pinned: &[NodeIndex]) {
        let mut used = vec![false; self.g.node_count()];
        for p in pinned {
            used[p.index()] = true;
        }
        let kept = || {
            self.g
                .raw_edges()
                .iter()
                .zip(keep)
                .filter(|(_, k)| **k)
                .map(|(e, _)| e)
        };
        for e in kept() {
            used[e.source().index()] = true;
            used[e.target().index()] = true;
        }
        let mut g = DiGraph::with_capacity(0, 0);
        let mut map = vec![None; self.g.node_count()];
        for n in self.g.node_indices().filter(|n| used[n.index()]) {
            map[n.index()] = Some(g.add_node(self.g[n].clone()));
        }
        for e in kept() {
            let (s, t) = (map[e.source().index()], map[e.target().index()]);
            g.add_edge(s.expect("kept"), t.expect("kept"), e.weight.clone());
        }
        self.set(g);
    }

    pub(crate) fn set(&mut self, g: DiGraph<Node, Edge>) {
        self.index = g.node_indices().map(|n| (g[n].id, n)).collect();
        self.g = g;
    }
}

/// Display form of an edge id, written without allocating.
pub struct EdgeId<'a> {
    graph: &'a Graph,
    e: EdgeIndex,
}

impl fmt::Display for EdgeId<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let g = &self.graph.g;
        let w = &g[self.e];
        if self.graph.multi {
            return write!(f, "r{}", w.relation_id);
        }
        let (s, t) = g.edge_endpoints(self.e).expect("edge exists");
        write!(
            f,
            "{}-{}-{}",
            g[s].id, self.graph.types[w.kind as usize].kind, g[t].id
        )?;
        if w.negated {
            f.write_str("-neg")?;
        }
        Ok(())
    }
}
