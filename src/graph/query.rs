//! Questions about one entity: resolving a name, its neighbours, and the shortest chain of
//! relations between two entities.

use super::{Date, Filter, Graph};
use crate::error::{Error, Result};
use crate::store::{Anchor, EntityRow, Store};
use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use std::collections::{HashMap, VecDeque};

/// Resolve a user-given entity: `#ID`, else exact name, else name ignoring case, else alias
/// ignoring case. Several matches, or none, is an error that lists candidates.
pub fn resolve(store: &Store, name: &str) -> Result<EntityRow> {
    if let Some(id) = name.strip_prefix('#').and_then(|d| d.parse::<i64>().ok()) {
        return store
            .entity(id)?
            .ok_or_else(|| Error::Usage(format!("no entity with id #{id}")));
    }
    let list = |rows: &[EntityRow]| -> String {
        rows.iter()
            .map(|e| {
                format!(
                    "\n  #{} {} ({}, {} mentions)",
                    e.id,
                    super::print::one_line(&e.name),
                    e.kind,
                    e.mentions
                )
            })
            .collect()
    };
    let mut found = store.entities_named(name)?;
    match found.len() {
        1 => Ok(found.pop().expect("one")),
        0 => {
            let similar = store.entities_like(name.trim(), 10)?;
            if similar.is_empty() {
                Err(Error::Usage(format!(
                    "no entity named {name:?} (by name or alias, ignoring case)"
                )))
            } else {
                Err(Error::Usage(format!(
                    "no entity named {name:?}; entities with similar names:{}",
                    list(&similar)
                )))
            }
        }
        n => Err(Error::Usage(format!(
            "{name:?} is ambiguous: it names {n} entities (pass #ID to pick one):{}",
            list(&found)
        ))),
    }
}

/// One edge at an entity, seen from it.
#[derive(Debug, Clone, PartialEq)]
pub struct NeighborEdge {
    /// The entity at the other end.
    pub other: EntityRow,
    pub kind: String,
    pub negated: bool,
    pub weight: i64,
    pub articles: i64,
    pub first_seen: Option<Date>,
    pub last_seen: Option<Date>,
    pub confidence: f64,
    pub sentence: String,
}

/// The heaviest edges out of and into one entity, and how many there are in all.
#[derive(Debug, Clone, PartialEq)]
pub struct Neighbors {
    pub entity: EntityRow,
    pub outgoing: Vec<NeighborEdge>,
    pub incoming: Vec<NeighborEdge>,
    pub outgoing_total: usize,
    pub incoming_total: usize,
}

/// The `limit` heaviest edges each way at `entity` under `filter` (its SQL side and minimum
/// weight), read through the source and target indexes of the `edges` aggregate (of
/// relations, with a date window): no full scan. Entities
/// and sample sentences are fetched for the edges kept only.
pub fn neighbors(
    store: &Store,
    entity: EntityRow,
    filter: &Filter,
    limit: usize,
) -> Result<Neighbors> {
    if filter.around.is_some() || filter.top.is_some() {
        return Err(Error::Usage(
            "neighbors takes no --around or --top: it is about one entity already".into(),
        ));
    }
    let q = filter.edge_query(&store.relation_types()?, false)?;
    let mut sides = Vec::new();
    let mut totals = Vec::new();
    for anchor in [Anchor::Source(entity.id), Anchor::Target(entity.id)] {
        let mut rows: Vec<Row> = Vec::new();
        store.for_each_edge(&q, anchor, |r| {
            if r.weight >= i64::from(filter.min_weight) {
                rows.push(Row {
                    source: r.source,
                    kind: r.kind.into(),
                    target: r.target,
                    negated: r.negated,
                    weight: r.weight,
                    articles: r.articles,
                    first_seen: r.first_seen.and_then(Date::parse),
                    last_seen: r.last_seen.and_then(Date::parse),
                    confidence: r.confidence,
                    sentence_id: r.sentence_id,
                });
            }
            Ok(())
        })?;
        // Heaviest first; ties by type, then the other end's id (names come later).
        rows.sort_by(|a, b| {
            b.weight
                .cmp(&a.weight)
                .then_with(|| a.kind.cmp(&b.kind))
                .then_with(|| (a.source, a.target).cmp(&(b.source, b.target)))
        });
        totals.push(rows.len());
        rows.truncate(limit);
        sides.push((anchor, rows));
    }
    let kept = || sides.iter().flat_map(|(_, rows)| rows.iter());
    let mut ids: Vec<i64> = kept().flat_map(|r| [r.source, r.target]).collect();
    ids.sort_unstable();
    ids.dedup();
    let entities: HashMap<i64, EntityRow> = store
        .entities_by_ids(&ids)?
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    let sentence_ids: Vec<i64> = kept().map(|r| r.sentence_id).collect();
    let sentences = store.sentence_texts(&sentence_ids)?;
    let mut out = Neighbors {
        entity,
        outgoing: Vec::new(),
        incoming: Vec::new(),
        outgoing_total: totals[0],
        incoming_total: totals[1],
    };
    for (anchor, rows) in sides {
        let outgoing = matches!(anchor, Anchor::Source(_));
        let list = if outgoing {
            &mut out.outgoing
        } else {
            &mut out.incoming
        };
        for r in rows {
            let other = if outgoing { r.target } else { r.source };
            list.push(NeighborEdge {
                other: entities[&other].clone(),
                kind: r.kind,
                negated: r.negated,
                weight: r.weight,
                articles: r.articles,
                first_seen: r.first_seen,
                last_seen: r.last_seen,
                confidence: r.confidence,
                sentence: sentences.get(&r.sentence_id).cloned().unwrap_or_default(),
            });
        }
    }
    Ok(out)
}

/// An edge at the entity, before its other end and sample sentence are looked up.
struct Row {
    source: i64,
    kind: String,
    target: i64,
    negated: bool,
    weight: i64,
    articles: i64,
    first_seen: Option<Date>,
    last_seen: Option<Date>,
    confidence: f64,
    sentence_id: i64,
}

/// One hop of a path: an edge, and whether it is walked along its direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hop {
    pub edge: EdgeIndex,
    /// The node the hop starts from (the path's order, not necessarily the edge's source).
    pub from: NodeIndex,
    pub to: NodeIndex,
    /// True when the edge points from `from` to `to`.
    pub forward: bool,
}

/// The shortest chain of relations from `a` to `b` (fewest hops; among equals, the heaviest
/// edges first found). With `directed`, only edges walked along their direction count.
pub fn shortest_path(
    graph: &Graph,
    a: NodeIndex,
    b: NodeIndex,
    directed: bool,
) -> Option<Vec<Hop>> {
    let n = graph.node_count();
    let mut parent: Vec<Option<Hop>> = vec![None; n];
    let mut seen = vec![false; n];
    seen[a.index()] = true;
    let mut queue = VecDeque::from([a]);
    while let Some(u) = queue.pop_front() {
        if u == b {
            break;
        }
        let mut hops: Vec<(u32, Hop)> = Vec::new();
        for (dir, forward) in [(Direction::Outgoing, true), (Direction::Incoming, false)] {
            if directed && !forward {
                continue;
            }
            for e in graph.g.edges_directed(u, dir) {
                let to = if forward { e.target() } else { e.source() };
                let hop = Hop {
                    edge: e.id(),
                    from: u,
                    to,
                    forward,
                };
                hops.push((e.weight().weight, hop));
            }
        }
        hops.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.edge.cmp(&y.1.edge)));
        for (_, h) in hops {
            if !seen[h.to.index()] {
                seen[h.to.index()] = true;
                parent[h.to.index()] = Some(h);
                queue.push_back(h.to);
            }
        }
    }
    if !seen[b.index()] {
        return None;
    }
    let mut path = Vec::new();
    let mut at = b;
    while at != a {
        let h = parent[at.index()].expect("a reached node has a parent");
        path.push(h);
        at = h.from;
    }
    path.reverse();
    Some(path)
}
