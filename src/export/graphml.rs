//! GraphML: typed keys named as Gephi maps them (`label`, `weight`, `r`/`g`/`b`, `size`,
//! `x`/`y`), `edgedefault="directed"`, one `<edge>` per graph edge. An edge's `label` is its
//! statement (`China bans North Korea`) and `relation` its type: GraphML cannot say a column
//! is text, and Gephi Lite takes a column of few distinct values (`bans`) for a category,
//! which it does not draw as labels.

use super::num;
use super::xml::escape;
use super::{color, max_pagerank, size, Sentences};
use crate::graph::{Graph, Layout, Metrics};
use std::io::{self, Write};

/// (id, for, attr.name, attr.type): every data key of the file.
const KEYS: &[(&str, &str, &str, &str)] = &[
    ("label", "node", "label", "string"),
    ("type", "node", "type", "string"),
    ("mentions", "node", "mentions", "long"),
    ("articles", "node", "articles", "long"),
    ("in_degree", "node", "in_degree", "int"),
    ("out_degree", "node", "out_degree", "int"),
    ("weighted_degree", "node", "weighted_degree", "double"),
    ("pagerank", "node", "pagerank", "double"),
    ("community", "node", "community", "int"),
    ("r", "node", "r", "int"),
    ("g", "node", "g", "int"),
    ("b", "node", "b", "int"),
    ("size", "node", "size", "double"),
    ("e_label", "edge", "label", "string"),
    ("relation", "edge", "relation", "string"),
    ("weight", "edge", "weight", "double"),
    ("family", "edge", "family", "string"),
    ("plover", "edge", "plover", "string"),
    ("cameo_root", "edge", "cameo_root", "string"),
    ("e_articles", "edge", "articles", "long"),
    ("first_seen", "edge", "first_seen", "string"),
    ("last_seen", "edge", "last_seen", "string"),
    ("confidence", "edge", "confidence", "double"),
    ("negated", "edge", "negated", "boolean"),
    ("relation_id", "edge", "relation_id", "long"),
    ("sentence", "edge", "sentence", "string"),
];

/// Counts declared with `<default>1</default>` and written only when not 1. Gephi Lite
/// guesses a column's type from its values and takes one of (nearly) all 1s for yes/no,
/// losing sizes and ranking by weight; the default reaches it as the text "1", which it reads
/// as a number. Gephi, igraph and yEd apply the default; networkx keeps it in
/// `G.graph["edge_default"]` / `["node_default"]` (its algorithms take a missing weight as 1).
const DEFAULT_ONE: &[&str] = &["mentions", "articles", "weight", "e_articles"];

/// A count, unless it is the key's default of 1.
fn data_count<W: Write>(
    w: &mut W,
    key: &str,
    value: impl itoa::Integer + Into<i64>,
) -> io::Result<()> {
    if value.into() == 1 {
        return Ok(());
    }
    data_int(w, key, value)
}

fn open<W: Write>(w: &mut W, key: &str) -> io::Result<()> {
    w.write_all(b"<data key=\"")?;
    w.write_all(key.as_bytes())?;
    w.write_all(b"\">")
}

fn data_int<W: Write>(w: &mut W, key: &str, value: impl itoa::Integer) -> io::Result<()> {
    open(w, key)?;
    w.write_all(itoa::Buffer::new().format(value).as_bytes())?;
    w.write_all(b"</data>")
}

fn data_f64<W: Write>(w: &mut W, key: &str, value: f64) -> io::Result<()> {
    open(w, key)?;
    num::write_f64(w, value)?;
    w.write_all(b"</data>")
}

fn data_str<W: Write>(w: &mut W, key: &str, value: &str) -> io::Result<()> {
    open(w, key)?;
    escape(w, value)?;
    w.write_all(b"</data>")
}

pub fn write<W: Write>(
    w: &mut W,
    graph: &Graph,
    m: &Metrics,
    layout: &Layout,
    sentences: &mut Sentences,
) -> io::Result<()> {
    w.write_all(
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    )?;
    for (id, domain, name, ty) in KEYS {
        write!(
            w,
            "  <key id=\"{id}\" for=\"{domain}\" attr.name=\"{name}\" attr.type=\"{ty}\""
        )?;
        if DEFAULT_ONE.contains(id) {
            w.write_all(b"><default>1</default></key>\n")?;
        } else {
            w.write_all(b"/>\n")?;
        }
    }
    let positions = !layout.x.is_empty();
    if positions {
        w.write_all(
            b"  <key id=\"x\" for=\"node\" attr.name=\"x\" attr.type=\"double\"/>\n\
  <key id=\"y\" for=\"node\" attr.name=\"y\" attr.type=\"double\"/>\n",
        )?;
    }
    w.write_all(b"  <graph id=\"newsgraph\" edgedefault=\"directed\">\n")?;
    let max = max_pagerank(m);
    for n in graph.g.node_indices() {
        let (node, i) = (&graph.g[n], n.index());
        w.write_all(b"    <node id=\"")?;
        w.write_all(itoa::Buffer::new().format(node.id).as_bytes())?;
        w.write_all(b"\">")?;
        data_str(w, "label", &node.name)?;
        data_str(w, "type", &node.kind)?;
        data_count(w, "mentions", node.mentions)?;
        data_count(w, "articles", node.articles)?;
        data_int(w, "in_degree", m.in_degree[i])?;
        data_int(w, "out_degree", m.out_degree[i])?;
        data_f64(w, "weighted_degree", m.weighted_degree[i])?;
        data_f64(w, "pagerank", m.pagerank[i])?;
        data_int(w, "community", m.community[i])?;
        let (r, g, b) = color(&node.kind);
        data_int(w, "r", r)?;
        data_int(w, "g", g)?;
        data_int(w, "b", b)?;
        data_f64(w, "size", size(m.pagerank[i], max))?;
        if let Some((x, y)) = layout.at(n) {
            data_f64(w, "x", x)?;
            data_f64(w, "y", y)?;
        }
        w.write_all(b"</node>\n")?;
    }
    for e in graph.g.edge_indices() {
        let (s, t) = graph.g.edge_endpoints(e).expect("edge exists");
        let edge = &graph.g[e];
        let ty = graph.rel_type(edge);
        let (sid, tid) = (graph.g[s].id, graph.g[t].id);
        let mut buf = itoa::Buffer::new();
        w.write_all(b"    <edge id=\"")?;
        if graph.multi {
            w.write_all(b"r")?;
            w.write_all(buf.format(edge.relation_id).as_bytes())?;
        } else {
            w.write_all(buf.format(sid).as_bytes())?;
            w.write_all(b"-")?;
            w.write_all(ty.kind.as_bytes())?;
            w.write_all(b"-")?;
            w.write_all(buf.format(tid).as_bytes())?;
            if edge.negated {
                w.write_all(b"-neg")?;
            }
        }
        w.write_all(b"\" source=\"")?;
        w.write_all(buf.format(sid).as_bytes())?;
        w.write_all(b"\" target=\"")?;
        w.write_all(buf.format(tid).as_bytes())?;
        w.write_all(b"\">")?;
        open(w, "e_label")?;
        escape(w, &graph.g[s].name)?;
        w.write_all(b" ")?;
        escape(w, &ty.kind.replace('_', " "))?;
        w.write_all(b" ")?;
        escape(w, &graph.g[t].name)?;
        if edge.negated {
            w.write_all(b" (negated)")?;
        }
        w.write_all(b"</data>")?;
        data_str(w, "relation", &ty.kind)?;
        data_count(w, "weight", edge.weight)?;
        data_str(w, "family", &ty.family)?;
        if let Some(p) = &ty.plover {
            data_str(w, "plover", p)?;
        }
        if let Some(c) = &ty.cameo_root {
            data_str(w, "cameo_root", &super::cameo::label(c))?;
        }
        data_count(w, "e_articles", edge.articles)?;
        if let (Some(f), Some(l)) = (edge.first_seen(), edge.last_seen()) {
            open(w, "first_seen")?;
            w.write_all(&f.iso())?;
            w.write_all(b"</data>")?;
            open(w, "last_seen")?;
            w.write_all(&l.iso())?;
            w.write_all(b"</data>")?;
        }
        data_f64(w, "confidence", edge.confidence)?;
        open(w, "negated")?;
        w.write_all(if edge.negated {
            b"true</data>"
        } else {
            b"false</data>"
        })?;
        data_int(w, "relation_id", edge.relation_id)?;
        data_str(w, "sentence", super::sentence(sentences, e)?)?;
        w.write_all(b"</edge>\n")?;
    }
    w.write_all(b"  </graph>\n</graphml>\n")
}
