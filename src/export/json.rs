//! Node-link JSON as networkx `node_link_graph(data)` reads it with its defaults (3.4 and
//! later): `directed`, `multigraph`, `graph`, `nodes` (with `id`, and `x`/`y` when laid out)
//! and `edges` (with `source`, `target` and `key`); d3 takes the same arrays
//! (`forceLink(data.edges).id(d => d.id)`). Written one object at a time; serde_json does
//! the escaping.

use super::{color, max_pagerank, size, Sentences};
use crate::graph::{Graph, Layout, Metrics};
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct JsonNode<'a> {
    id: i64,
    label: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    mentions: i64,
    articles: i64,
    in_degree: u32,
    out_degree: u32,
    weighted_degree: f64,
    pagerank: f64,
    community: u32,
    color: String,
    size: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    x: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    y: Option<f64>,
}

#[derive(Serialize)]
struct JsonLink<'a> {
    source: i64,
    target: i64,
    key: String,
    label: &'a str,
    relation: &'a str,
    weight: u32,
    family: &'a str,
    plover: Option<&'a str>,
    cameo_root: Option<&'a str>,
    articles: u32,
    first_seen: Option<String>,
    last_seen: Option<String>,
    dates: Vec<String>,
    confidence: f64,
    negated: bool,
    relation_id: i64,
    sentence: &'a str,
}

pub fn write<W: Write>(
    w: &mut W,
    graph: &Graph,
    m: &Metrics,
    layout: &Layout,
    sentences: &mut Sentences,
) -> io::Result<()> {
    write!(
        w,
        "{{\"directed\": true, \"multigraph\": true, \"graph\": {{\"name\": \"newsgraph\", \"evidence_edges\": {}}},\n\"nodes\": [",
        graph.multi
    )?;
    let max = max_pagerank(m);
    for n in graph.g.node_indices() {
        let (node, i) = (&graph.g[n], n.index());
        let (r, g, b) = color(&node.kind);
        w.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(
            &mut *w,
            &JsonNode {
                id: node.id,
                label: &node.name,
                kind: &node.kind,
                mentions: node.mentions,
                articles: node.articles,
                in_degree: m.in_degree[i],
                out_degree: m.out_degree[i],
                weighted_degree: m.weighted_degree[i],
                pagerank: m.pagerank[i],
                community: m.community[i],
                color: format!("#{r:02x}{g:02x}{b:02x}"),
                size: size(m.pagerank[i], max),
                x: layout.at(n).map(|p| p.0),
                y: layout.at(n).map(|p| p.1),
            },
        )?;
    }
    w.write_all(b"\n],\n\"edges\": [")?;
    for e in graph.g.edge_indices() {
        let (s, t) = graph.g.edge_endpoints(e).expect("edge exists");
        let edge = &graph.g[e];
        let ty = graph.rel_type(edge);
        w.write_all(if e.index() == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(
            &mut *w,
            &JsonLink {
                source: graph.g[s].id,
                target: graph.g[t].id,
                key: graph.edge_id(e).to_string(),
                label: &ty.kind,
                relation: &ty.kind,
                weight: edge.weight,
                family: &ty.family,
                plover: ty.plover.as_deref(),
                cameo_root: ty.cameo_root.as_deref(),
                articles: edge.articles,
                first_seen: edge.first_seen().map(|d| d.to_string()),
                last_seen: edge.last_seen().map(|d| d.to_string()),
                dates: graph.dates_of(edge).iter().map(|d| d.to_string()).collect(),
                confidence: edge.confidence,
                negated: edge.negated,
                relation_id: edge.relation_id,
                sentence: super::sentence(sentences, e)?,
            },
        )?;
    }
    w.write_all(b"\n]}\n")
}
