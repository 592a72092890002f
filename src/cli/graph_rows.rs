//! The results of `neighbors`, `path` and `top` as rows, for `--format csv|tsv|json|jsonl|table`:
//! one row per edge or entity, ids and dates in their own columns, for scripts and spreadsheets.

use super::output::{OutputFormat, RowWriter};
use crate::error::Result;
use crate::graph::query::{Hop, Neighbors};
use crate::graph::{Date, Graph, Metrics};
use crate::store::EntityRow;
use petgraph::graph::NodeIndex;
use rusqlite::types::Value;
use std::collections::HashMap;
use std::io::Write;

const EDGE_COLUMNS: [&str; 12] = [
    "source_id",
    "source",
    "type",
    "target_id",
    "target",
    "negated",
    "weight",
    "articles",
    "first_seen",
    "last_seen",
    "confidence",
    "sentence",
];

fn columns(first: &[&str], rest: &[&str]) -> Vec<String> {
    first.iter().chain(rest).map(|c| c.to_string()).collect()
}

fn date(d: Option<Date>) -> Value {
    d.map_or(Value::Null, |d| Value::Text(d.to_string()))
}

/// One edge between two entities as the columns of `EDGE_COLUMNS` (after any leading ones).
struct EdgeCells<'a> {
    source: &'a EntityRow,
    target: &'a EntityRow,
    kind: &'a str,
    negated: bool,
    weight: i64,
    articles: i64,
    first: Option<Date>,
    last: Option<Date>,
    confidence: f64,
    sentence: &'a str,
}

impl EdgeCells<'_> {
    fn push(self, row: &mut Vec<Value>) {
        row.extend([
            Value::Integer(self.source.id),
            Value::Text(self.source.name.clone()),
            Value::Text(self.kind.to_string()),
            Value::Integer(self.target.id),
            Value::Text(self.target.name.clone()),
            Value::Integer(i64::from(self.negated)),
            Value::Integer(self.weight),
            Value::Integer(self.articles),
            date(self.first),
            date(self.last),
            Value::Real(self.confidence),
            Value::Text(self.sentence.to_string()),
        ]);
    }
}

/// `neighbors`: a row per edge, `direction` out or in, the entity at its own end.
pub fn neighbors<W: Write>(out: W, format: OutputFormat, n: &Neighbors) -> Result<()> {
    let cols = columns(&["direction"], &EDGE_COLUMNS);
    let mut w = RowWriter::new(out, format);
    let sides = [("out", &n.outgoing), ("in", &n.incoming)];
    for (direction, edges) in sides {
        for e in edges.iter() {
            let (source, target) = if direction == "out" {
                (&n.entity, &e.other)
            } else {
                (&e.other, &n.entity)
            };
            let mut row = vec![Value::Text(direction.into())];
            EdgeCells {
                source,
                target,
                kind: &e.kind,
                negated: e.negated,
                weight: e.weight,
                articles: e.articles,
                first: e.first_seen,
                last: e.last_seen,
                confidence: e.confidence,
                sentence: &e.sentence,
            }
            .push(&mut row);
            w.row(&cols, &row)?;
        }
    }
    w.finish(&cols)
}

/// `path`: a row per hop, in path order; `forward` is 0 where the hop runs against its
/// edge's direction. No rows when there is no path.
pub fn path<W: Write>(
    out: W,
    format: OutputFormat,
    graph: &Graph,
    hops: &[Hop],
    sentences: &HashMap<i64, String>,
) -> Result<()> {
    let cols = columns(&["hop", "forward"], &EDGE_COLUMNS);
    let mut w = RowWriter::new(out, format);
    for (i, h) in hops.iter().enumerate() {
        let e = &graph.g[h.edge];
        let (s, t) = graph.g.edge_endpoints(h.edge).expect("edge exists");
        let mut row = vec![
            Value::Integer(i as i64 + 1),
            Value::Integer(i64::from(h.forward)),
        ];
        EdgeCells {
            source: &graph.g[s],
            target: &graph.g[t],
            kind: &graph.rel_type(e).kind,
            negated: e.negated,
            weight: i64::from(e.weight),
            articles: i64::from(e.articles),
            first: e.first,
            last: e.last,
            confidence: e.confidence,
            sentence: sentences.get(&e.sentence_id).map_or("", String::as_str),
        }
        .push(&mut row);
        w.row(&cols, &row)?;
    }
    w.finish(&cols)
}

/// `top`: a row per entity in rank order, with its metrics.
pub fn top<W: Write>(
    out: W,
    format: OutputFormat,
    graph: &Graph,
    m: &Metrics,
    order: &[usize],
) -> Result<()> {
    let cols = columns(
        &[
            "rank",
            "entity_id",
            "entity",
            "type",
            "pagerank",
            "degree",
            "in_degree",
            "out_degree",
            "weighted_degree",
            "mentions",
            "articles",
            "community",
        ],
        &[],
    );
    let mut w = RowWriter::new(out, format);
    for (r, &i) in order.iter().enumerate() {
        let n = &graph.g[NodeIndex::new(i)];
        let row = [
            Value::Integer(r as i64 + 1),
            Value::Integer(n.id),
            Value::Text(n.name.clone()),
            Value::Text(n.kind.clone()),
            Value::Real(m.pagerank[i]),
            Value::Integer(i64::from(m.degree(i))),
            Value::Integer(i64::from(m.in_degree[i])),
            Value::Integer(i64::from(m.out_degree[i])),
            Value::Real(m.weighted_degree[i]),
            Value::Integer(n.mentions),
            Value::Integer(n.articles),
            Value::Integer(i64::from(m.community[i])),
        ];
        w.row(&cols, &row)?;
    }
    w.finish(&cols)
}
