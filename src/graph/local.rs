//! Parts of the graph read through the edge indexes around given entities, without reading
//! the whole graph: the ego network of `--around` and the shortest path between two entities.
//! On an archive of a million articles the whole graph is hundreds of thousands of edges;
//! these read only the edges at the entities they reach.

use super::build::{add_dates_at, edge, Kinds};
use super::query::Hop;
use super::{Edge, Filter, Graph};
use crate::error::Result;
use crate::fxhash::FxMap;
use crate::store::{Anchor, EdgeQuery, Store};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

/// An edge as read at one of its ends.
#[derive(Clone)]
struct Link {
    source: i64,
    target: i64,
    edge: Edge,
}

/// Can the ego network of `filter` be read locally? Not when edges are single relations
/// cut by the weight of their whole group (`multi` with `--min-weight`).
pub fn answers_around(filter: &Filter, multi: bool) -> bool {
    filter.around.is_some() && !(multi && filter.min_weight > 1)
}

/// Can a path under `filter` be searched locally? Not when the graph is first cut to an ego
/// network or to its top nodes: those need the whole graph.
pub fn answers_path(filter: &Filter) -> bool {
    filter.around.is_none() && filter.top.is_none()
}

/// The edges at `id` (out of it with `Anchor::Source`, into it with `Anchor::Target`) that
/// pass the filters, heaviest first (ties in key order).
fn links(
    store: &Store,
    q: &EdgeQuery,
    kinds: &Kinds,
    anchor: Anchor,
    min_weight: u32,
) -> Result<Vec<Link>> {
    let mut out = Vec::new();
    store.for_each_edge(q, anchor, |r| {
        if r.weight >= i64::from(min_weight) {
            out.push(Link {
                source: r.source,
                target: r.target,
                edge: edge(r, kinds)?,
            });
        }
        Ok(())
    })?;
    out.sort_by_key(|l| std::cmp::Reverse(l.edge.weight));
    Ok(out)
}

/// A graph of the given entities and links: nodes sorted by id, edges in key order (source
/// id, type, target id, negated), as `build` makes them.
fn graph_of(store: &Store, kinds: Kinds, mut ids: Vec<i64>, mut links: Vec<Link>) -> Result<Graph> {
    ids.sort_unstable();
    ids.dedup();
    let types = kinds.into_types();
    let nodes = store.entities_by_ids(&ids)?;
    let mut g = DiGraph::with_capacity(nodes.len(), links.len());
    let mut index: FxMap<i64, NodeIndex> = FxMap::default();
    for n in nodes {
        let id = n.id;
        index.insert(id, g.add_node(n));
    }
    // `kind` indexes the relation types sorted by name, so it orders edges as their names do.
    links.sort_by_key(|l| {
        let e = &l.edge;
        (l.source, e.kind, l.target, e.negated, e.relation_id)
    });
    for l in links {
        if let (Some(&s), Some(&t)) = (index.get(&l.source), index.get(&l.target)) {
            g.add_edge(s, t, l.edge);
        }
    }
    let mut graph = Graph {
        types,
        ..Graph::default()
    };
    graph.set(g);
    Ok(graph)
}

/// The ego network of `center`: the entities within `depth` hops of it, following edges
/// either way, and every edge between them (as `filter::ego` cuts it from the whole graph).
/// Entities at distance below `depth` are expanded through both edge indexes; those at the
/// edge of the network only through the source index, for the edges among them.
pub fn ego(
    store: &Store,
    q: &EdgeQuery,
    filter: &Filter,
    center: i64,
    multi: bool,
    dates: bool,
) -> Result<Graph> {
    let kinds = Kinds::load(store)?;
    let depth = filter.depth.max(1);
    let mut dist: FxMap<i64, usize> = FxMap::default();
    dist.insert(center, 0);
    let mut order = vec![center];
    let mut kept = Vec::new();
    let mut frontier = vec![center];
    for d in 0..depth {
        let mut next = Vec::new();
        for &u in &frontier {
            for anchor in [Anchor::Source(u), Anchor::Target(u)] {
                for l in links(store, q, &kinds, anchor, filter.min_weight)? {
                    let other = if l.source == u { l.target } else { l.source };
                    if let std::collections::hash_map::Entry::Vacant(v) = dist.entry(other) {
                        v.insert(d + 1);
                        next.push(other);
                        order.push(other);
                    }
                    // Each edge is kept once: from its source's side.
                    if matches!(anchor, Anchor::Source(_)) {
                        kept.push(l);
                    }
                }
            }
        }
        frontier = next;
    }
    // The outermost ring: only the edges among the network's entities.
    for &u in &frontier {
        for l in links(store, q, &kinds, Anchor::Source(u), filter.min_weight)? {
            if dist.contains_key(&l.target) {
                kept.push(l);
            }
        }
    }
    let mut graph = graph_of(store, kinds, order, kept)?;
    graph.multi = multi;
    if graph.edge_count() == 0 {
        // No edge passed the filters: the ego network is the entity alone.
        if let Some(e) = store.entity(center)? {
            let mut g = DiGraph::new();
            g.add_node(e);
            graph.set(g);
        }
    }
    if let Some(n) = filter.top {
        super::filter::top_by_pagerank(&mut graph, n);
    }
    if dates {
        add_dates_at(store, q, &mut graph)?;
    }
    Ok(graph)
}

/// One side of a bidirectional search: how each reached entity was reached.
struct Side {
    /// Entity -> (hops from this side's end, the link it was reached by and the entity before).
    reached: FxMap<i64, (usize, Option<(i64, usize)>)>,
    frontier: Vec<i64>,
    depth: usize,
    /// Links kept as parents, indexed by the `usize` of `reached`.
    links: Vec<Link>,
}

impl Side {
    fn new(end: i64) -> Side {
        let mut reached = FxMap::default();
        reached.insert(end, (0, None));
        Side {
            reached,
            frontier: vec![end],
            depth: 0,
            links: Vec::new(),
        }
    }

    /// The entities from this side's end to `at`, with the link reaching each after the first.
    fn chain(&self, at: i64) -> Vec<(i64, Option<usize>)> {
        let mut out = vec![];
        let mut n = at;
        loop {
            let (_, parent) = self.reached[&n];
            match parent {
                Some((prev, link)) => {
                    out.push((n, Some(link)));
                    n = prev;
                }
                None => {
                    out.push((n, None));
                    break;
                }
            }
        }
        out.reverse();
        out
    }

    fn weight(&self, at: i64) -> u64 {
        self.chain(at)
            .iter()
            .filter_map(|(_, l)| l.map(|l| u64::from(self.links[l].edge.weight)))
            .sum()
    }
}

/// The shortest chain of relations from `a` to `b` under `filter` (fewest hops; among those,
/// the heaviest in evidence), found by a breadth-first search from both ends that expands
/// the cheaper side (`cheaper_side`), one whole ring at a time. Returns the graph of the
/// path's entities and edges with its hops, or `None` when no chain links them.
pub fn shortest_path(
    store: &Store,
    filter: &Filter,
    a: i64,
    b: i64,
    directed: bool,
) -> Result<Option<(Graph, Vec<Hop>)>> {
    let q = filter.edge_query(&store.relation_types()?, false)?;
    let kinds = Kinds::load(store)?;
    // Side 0 walks from `a` along edges (and against them unless directed); side 1 from `b`
    // against them (and along).
    let mut sides = [Side::new(a), Side::new(b)];
    let meet = loop {
        let s = cheaper_side(store, &sides)?;
        if sides[s].frontier.is_empty() {
            return Ok(None);
        }
        let frontier = std::mem::take(&mut sides[s].frontier);
        let depth = sides[s].depth + 1;
        let mut next = Vec::new();
        let mut met = Vec::new();
        for u in frontier {
            let along = if s == 0 {
                Anchor::Source(u)
            } else {
                Anchor::Target(u)
            };
            let against = if s == 0 {
                Anchor::Target(u)
            } else {
                Anchor::Source(u)
            };
            let mut found = links(store, &q, &kinds, along, filter.min_weight)?;
            if !directed {
                found.extend(links(store, &q, &kinds, against, filter.min_weight)?);
                found.sort_by_key(|l| std::cmp::Reverse(l.edge.weight));
            }
            for l in found {
                let other = if l.source == u { l.target } else { l.source };
                let side = &mut sides[s];
                if side.reached.contains_key(&other) {
                    continue;
                }
                side.links.push(l);
                side.reached
                    .insert(other, (depth, Some((u, side.links.len() - 1))));
                next.push(other);
                if sides[1 - s].reached.contains_key(&other) {
                    met.push(other);
                }
            }
        }
        sides[s].frontier = next;
        sides[s].depth = depth;
        // Every meeting of this ring closes a path of the same, shortest length: keep the
        // heaviest (the first found among equals).
        let mut best: Option<(u64, i64)> = None;
        for m in met {
            let w = sides[0].weight(m) + sides[1].weight(m);
            if best.is_none_or(|(bw, _)| w > bw) {
                best = Some((w, m));
            }
        }
        if let Some((_, m)) = best {
            break m;
        }
    };
    Ok(Some(path_graph(store, kinds, sides, meet)?))
}

/// Which side to expand next: the one with fewer edges to read (counted in the edge indexes
/// while both rings are small: a hub is one entity with a hundred thousand edges), else the
/// one with fewer entities to visit.
fn cheaper_side(store: &Store, sides: &[Side; 2]) -> Result<usize> {
    const COUNTED: usize = 16;
    let (f0, f1) = (&sides[0].frontier, &sides[1].frontier);
    if f0.is_empty() || f1.is_empty() || f0.len() > COUNTED || f1.len() > COUNTED {
        return Ok(usize::from(f0.len() > f1.len()));
    }
    let cost = |f: &[i64]| -> Result<u64> { f.iter().map(|&id| store.edge_count_at(id)).sum() };
    Ok(usize::from(cost(f0)? > cost(f1)?))
}

/// The graph of the path through `meet` and its hops, in order from side 0's end.
fn path_graph(
    store: &Store,
    kinds: Kinds,
    sides: [Side; 2],
    meet: i64,
) -> Result<(Graph, Vec<Hop>)> {
    let [from_a, from_b] = sides;
    let first = from_a.chain(meet);
    let mut second = from_b.chain(meet);
    second.reverse();
    // Entities in path order, with the link between each and the next.
    let mut steps: Vec<(i64, Link)> = Vec::new();
    for w in first.windows(2) {
        let l = w[1].1.expect("a reached entity has a link");
        steps.push((w[0].0, from_a.links[l].clone()));
    }
    for w in second.windows(2) {
        let l = w[0].1.expect("a reached entity has a link");
        steps.push((w[0].0, from_b.links[l].clone()));
    }
    let ids: Vec<i64> = first.iter().chain(&second).map(|(n, _)| *n).collect();
    let ends: Vec<(i64, i64, i64)> = steps
        .iter()
        .map(|(from, l)| (*from, l.source, l.target))
        .collect();
    let graph = graph_of(
        store,
        kinds,
        ids,
        steps.into_iter().map(|(_, l)| l).collect(),
    )?;
    let node = |id: i64| graph.node_of(id).expect("a path entity is in its graph");
    let hops = ends
        .iter()
        .map(|&(from, source, target)| {
            let forward = from == source;
            let (f, t) = (node(from), node(if forward { target } else { source }));
            let edge = graph
                .g
                .edges_connecting(node(source), node(target))
                .next()
                .expect("a path edge is in its graph")
                .id();
            Hop {
                edge,
                from: f,
                to: t,
                forward,
            }
        })
        .collect();
    Ok((graph, hops))
}
