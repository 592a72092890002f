//! Graph filters: validated into the SQL side (dates, types, negation) and applied to the
//! built graph (minimum weight, ego network, top nodes by PageRank).

use super::{metrics, query, Graph};
use crate::error::{Error, Result};
use crate::model::EntityType;
use crate::store::{EdgeQuery, RelationTypeRow, Store};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use std::collections::{HashMap, VecDeque};

/// What part of the store to look at; shared by every graph command.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Inclusive article-date bounds: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub since: Option<String>,
    pub until: Option<String>,
    /// Relation types or families (`bans`, `sanction`); empty for all.
    pub types: Vec<String>,
    /// Entity types both ends must have; empty for all.
    pub entity_types: Vec<String>,
    /// Drop edges with less evidence than this (per source, type, target).
    pub min_weight: u32,
    /// Keep only the ego network of this entity, `depth` hops in either direction.
    pub around: Option<String>,
    pub depth: usize,
    /// Keep only the top N nodes by PageRank.
    pub top: Option<usize>,
    pub include_negated: bool,
    /// Every entity with a mention is a node, with or without an edge (of `entity_types`
    /// when given).
    pub all_nodes: bool,
}

/// `v` if it is a date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) that exists; a usage error naming
/// `flag` otherwise.
pub(crate) fn check_date(flag: &str, v: &str) -> Result<String> {
    let b = v.trim().as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let ok = match b.len() {
        4 => digits(0..4),
        7 => digits(0..4) && b[4] == b'-' && digits(5..7),
        10 => digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10),
        _ => false,
    };
    if !ok {
        return Err(Error::Usage(format!(
            "{flag} {v:?}: expected a date as YYYY, YYYY-MM or YYYY-MM-DD"
        )));
    }
    // Shaped like a date: is it one? (`2019-13-45` compared as text matched nothing silently.)
    let num = |r: std::ops::Range<usize>| -> u32 {
        b[r].iter().fold(0, |n, c| n * 10 + u32::from(c - b'0'))
    };
    let year = num(0..4);
    let month = (b.len() >= 7).then(|| num(5..7));
    let day = (b.len() == 10).then(|| num(8..10));
    if let Some(m) = month.filter(|m| !(1..=12).contains(m)) {
        return Err(Error::Usage(format!("{flag} {v:?}: there is no month {m}")));
    }
    if let (Some(m), Some(d)) = (month, day) {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = match m {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        if !(1..=days).contains(&d) {
            return Err(Error::Usage(format!(
                "{flag} {v:?}: month {m} of {year} has no day {d}"
            )));
        }
    }
    Ok(v.trim().to_string())
}

/// Expand relation types and families into the exact types they name.
fn expand_types(asked: &[String], known: &[RelationTypeRow]) -> Result<Option<Vec<String>>> {
    if asked.is_empty() {
        return Ok(None);
    }
    let mut out = Vec::new();
    for a in asked.iter().map(|a| a.trim()).filter(|a| !a.is_empty()) {
        let hits: Vec<&RelationTypeRow> = known
            .iter()
            .filter(|t| t.kind.eq_ignore_ascii_case(a) || t.family.eq_ignore_ascii_case(a))
            .collect();
        if hits.is_empty() {
            let mut families: Vec<&str> = known.iter().map(|t| t.family.as_str()).collect();
            families.sort_unstable();
            families.dedup();
            let types: Vec<&str> = known.iter().map(|t| t.kind.as_str()).collect();
            return Err(Error::Usage(format!(
                "--types: unknown relation type or family {a:?}; types: {}; families: {}",
                types.join(", "),
                families.join(", ")
            )));
        }
        out.extend(hits.into_iter().map(|t| t.kind.clone()));
    }
    out.sort();
    out.dedup();
    Ok(Some(out))
}

fn check_entity_types(asked: &[String]) -> Result<Option<Vec<String>>> {
    if asked.is_empty() {
        return Ok(None);
    }
    let mut out = Vec::new();
    for a in asked.iter().map(|a| a.trim()).filter(|a| !a.is_empty()) {
        let t = EntityType::parse(a).ok_or_else(|| {
            let all: Vec<&str> = EntityType::ALL.iter().map(|t| t.as_str()).collect();
            Error::Usage(format!(
                "--entity-types: unknown entity type {a:?}; known: {}",
                all.join(", ")
            ))
        })?;
        out.push(t.as_str().to_string());
    }
    out.sort();
    out.dedup();
    Ok(Some(out))
}

impl Filter {
    /// Validate the SQL side of the filter against the store's relation types.
    pub fn edge_query(&self, known: &[RelationTypeRow], multi: bool) -> Result<EdgeQuery> {
        let since = self
            .since
            .as_deref()
            .map(|v| check_date("--since", v))
            .transpose()?;
        let until = self
            .until
            .as_deref()
            .map(|v| check_date("--until", v))
            .transpose()?;
        if let (Some(s), Some(u)) = (&since, &until) {
            if s.as_str() > u.as_str() && !s.starts_with(u.as_str()) {
                return Err(Error::Usage(format!(
                    "--since {s} is after --until {u}: no article can match"
                )));
            }
        }
        if self.around.is_none() && self.depth > 1 {
            return Err(Error::Usage("--depth needs --around ENTITY".into()));
        }
        if self.top == Some(0) {
            return Err(Error::Usage("--top must be at least 1".into()));
        }
        Ok(EdgeQuery {
            since,
            until,
            types: expand_types(&self.types, known)?,
            entity_types: check_entity_types(&self.entity_types)?,
            include_negated: self.include_negated,
            multi,
        })
    }

    /// Apply the filters that work on the built graph, in order: minimum weight, ego
    /// network, top nodes.
    pub fn apply(&self, store: &Store, graph: &mut Graph) -> Result<()> {
        if self.min_weight > 1 {
            min_weight(graph, self.min_weight);
        }
        if let Some(name) = &self.around {
            let entity = query::resolve(store, name)?;
            if graph.node_of(entity.id).is_none() {
                // No edge passed the filters: the ego network is the entity alone.
                let mut g = petgraph::graph::DiGraph::new();
                g.add_node(entity);
                graph.set(g);
                return Ok(());
            }
            ego(graph, entity.id, self.depth.max(1));
        }
        if let Some(n) = self.top {
            top_by_pagerank(graph, n);
        }
        Ok(())
    }
}

/// Drop edges whose (source, type, target, negated) has fewer than `min` evidence sentences.
fn min_weight(graph: &mut Graph, min: u32) {
    let key = |e: &petgraph::graph::Edge<super::Edge>| {
        (e.source(), e.target(), e.weight.kind, e.weight.negated)
    };
    let mut totals: HashMap<_, u32> = HashMap::new();
    for e in graph.g.raw_edges() {
        *totals.entry(key(e)).or_default() += e.weight.weight;
    }
    let keep: Vec<bool> = graph
        .g
        .raw_edges()
        .iter()
        .map(|e| totals[&key(e)] >= min)
        .collect();
    graph.retain_edges(&keep, &[]);
}

/// Keep the nodes within `depth` hops of `center`, following edges either way, and every
/// edge between them (the induced subgraph, as networkx `ego_graph` makes it).
fn ego(graph: &mut Graph, center: i64, depth: usize) {
    let start = graph.node_of(center).expect("center is in the graph");
    let mut dist = vec![usize::MAX; graph.node_count()];
    dist[start.index()] = 0;
    let mut queue = VecDeque::from([start]);
    while let Some(n) = queue.pop_front() {
        let d = dist[n.index()];
        if d == depth {
            continue;
        }
        for dir in [Direction::Outgoing, Direction::Incoming] {
            for e in graph.g.edges_directed(n, dir) {
                let m = if dir == Direction::Outgoing {
                    e.target()
                } else {
                    e.source()
                };
                if dist[m.index()] == usize::MAX {
                    dist[m.index()] = d + 1;
                    queue.push_back(m);
                }
            }
        }
    }
    let keep: Vec<bool> = dist.iter().map(|d| *d != usize::MAX).collect();
    graph.retain_nodes(&keep);
}

/// Keep the `n` nodes of highest PageRank (ties by name, then id).
pub(super) fn top_by_pagerank(graph: &mut Graph, n: usize) {
    if graph.node_count() <= n {
        return;
    }
    let pr = metrics::pagerank(graph);
    let mut order: Vec<usize> = (0..graph.node_count()).collect();
    let node = |i: usize| &graph.g[petgraph::graph::NodeIndex::new(i)];
    order.sort_by(|&a, &b| {
        pr[b]
            .total_cmp(&pr[a])
            .then_with(|| node(a).name.cmp(&node(b).name))
            .then_with(|| node(a).id.cmp(&node(b).id))
    });
    let mut keep = vec![false; graph.node_count()];
    for &i in &order[..n] {
        keep[i] = true;
    }
    graph.retain_nodes(&keep);
}

#[cfg(test)]
mod tests {
    use super::check_date;

    #[test]
    fn dates_must_exist() {
        for ok in [
            "2019",
            "2019-12",
            "2020-02-29",
            "2019-04-30",
            " 2018-02-21 ",
        ] {
            assert!(check_date("--since", ok).is_ok(), "{ok}");
        }
        for (bad, why) in [
            ("2019-13-45", "no month 13"),
            ("2019-00", "no month 0"),
            ("2019-02-29", "has no day 29"),
            ("1900-02-29", "has no day 29"),
            ("2019-04-31", "has no day 31"),
            ("2019-01-00", "has no day 0"),
            ("19-1-1", "expected a date"),
        ] {
            let err = check_date("--since", bad).unwrap_err().to_string();
            assert!(err.contains(why), "{bad}: {err}");
        }
    }
}
