//! GEXF 1.3, dynamic: article dates are the time axis (`timeformat="date"`). Each edge carries
//! one spell per distinct evidence date and each node the union of its edges' dates, so
//! Gephi's timeline plays the relations as they were reported. Clients without a timeline
//! (Gephi Lite drops spells) get the dates as plain `first_seen`/`last_seen` attributes.
//! Colours (`r`/`g`/`b`, no alpha: Gephi Lite refuses `a="1.0"`), sizes and layout
//! positions go in `viz:`.

use super::xml::escape;
use super::{color, max_pagerank, size, Sentences};
use crate::graph::{Date, Graph, Layout, Metrics};
use std::io::{self, Write};

/// (id, type) of node attributes, then of edge attributes; titles equal ids.
const NODE_ATTRS: &[(&str, &str)] = &[
    ("type", "string"),
    ("mentions", "long"),
    ("articles", "long"),
    ("in_degree", "integer"),
    ("out_degree", "integer"),
    ("weighted_degree", "double"),
    ("pagerank", "double"),
    ("community", "integer"),
    ("first_seen", "string"),
    ("last_seen", "string"),
];
const EDGE_ATTRS: &[(&str, &str)] = &[
    ("relation", "string"),
    ("family", "string"),
    ("plover", "string"),
    ("cameo_root", "string"),
    ("articles", "long"),
    ("first_seen", "string"),
    ("last_seen", "string"),
    ("confidence", "double"),
    ("negated", "boolean"),
    ("relation_id", "long"),
    ("sentence", "string"),
];

fn att<W: Write>(w: &mut W, id: &str, v: impl std::fmt::Display) -> io::Result<()> {
    write!(w, "<attvalue for=\"{id}\" value=\"{v}\"/>")
}

fn att_str<W: Write>(w: &mut W, id: &str, v: &str) -> io::Result<()> {
    write!(w, "<attvalue for=\"{id}\" value=\"")?;
    escape(w, v)?;
    w.write_all(b"\"/>")
}

fn spells<W: Write>(w: &mut W, dates: &[Date]) -> io::Result<()> {
    if dates.is_empty() {
        return Ok(());
    }
    w.write_all(b"<spells>")?;
    for d in dates {
        write!(w, "<spell start=\"{d}\" end=\"{d}\"/>")?;
    }
    w.write_all(b"</spells>")
}

fn declare<W: Write>(w: &mut W, class: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
    writeln!(w, "    <attributes class=\"{class}\">")?;
    for (id, ty) in attrs {
        writeln!(
            w,
            "      <attribute id=\"{id}\" title=\"{id}\" type=\"{ty}\"/>"
        )?;
    }
    w.write_all(b"    </attributes>\n")
}

pub fn write<W: Write>(
    w: &mut W,
    graph: &Graph,
    m: &Metrics,
    layout: &Layout,
    sentences: &mut Sentences,
) -> io::Result<()> {
    let all_dates = graph
        .g
        .raw_edges()
        .iter()
        .flat_map(|e| graph.dates_of(&e.weight).iter());
    let (start, end) = all_dates.fold((None::<Date>, None::<Date>), |(lo, hi), d| {
        (
            Some(lo.map_or(*d, |l| l.min(*d))),
            Some(hi.map_or(*d, |h| h.max(*d))),
        )
    });
    w.write_all(
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" \
xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n\
  <meta><creator>newsgraph</creator><description>Knowledge graph of news articles: \
entities and the relations reported between them</description></meta>\n",
    )?;
    // An archive with no dates has no timeline: a static graph, as Gephi expects then.
    match (start, end) {
        (Some(s), Some(e)) => writeln!(
            w,
            "  <graph mode=\"dynamic\" defaultedgetype=\"directed\" timeformat=\"date\" timerepresentation=\"interval\" start=\"{s}\" end=\"{e}\">"
        )?,
        _ => w.write_all(b"  <graph mode=\"static\" defaultedgetype=\"directed\">\n")?,
    }
    declare(w, "node", NODE_ATTRS)?;
    declare(w, "edge", EDGE_ATTRS)?;

    w.write_all(b"    <nodes>\n")?;
    let max = max_pagerank(m);
    let mut dates: Vec<Date> = Vec::new();
    for n in graph.g.node_indices() {
        let (node, i) = (&graph.g[n], n.index());
        write!(w, "      <node id=\"{}\" label=\"", node.id)?;
        escape(w, &node.name)?;
        w.write_all(b"\"><attvalues>")?;
        att_str(w, "type", &node.kind)?;
        att(w, "mentions", node.mentions)?;
        att(w, "articles", node.articles)?;
        att(w, "in_degree", m.in_degree[i])?;
        att(w, "out_degree", m.out_degree[i])?;
        att(w, "weighted_degree", m.weighted_degree[i])?;
        att(w, "pagerank", m.pagerank[i])?;
        att(w, "community", m.community[i])?;
        super::node_dates(graph, n, &mut dates);
        if let (Some(f), Some(l)) = (dates.first(), dates.last()) {
            att(w, "first_seen", f)?;
            att(w, "last_seen", l)?;
        }
        w.write_all(b"</attvalues>")?;
        spells(w, &dates)?;
        let (r, g, b) = color(&node.kind);
        write!(
            w,
            "<viz:color r=\"{r}\" g=\"{g}\" b=\"{b}\"/><viz:size value=\"{}\"/>",
            size(m.pagerank[i], max)
        )?;
        if let Some((x, y)) = layout.at(n) {
            write!(w, "<viz:position x=\"{x}\" y=\"{y}\" z=\"0\"/>")?;
        }
        w.write_all(b"</node>\n")?;
    }
    w.write_all(b"    </nodes>\n    <edges>\n")?;
    for e in graph.g.edge_indices() {
        let (s, t) = graph.g.edge_endpoints(e).expect("edge exists");
        let edge = &graph.g[e];
        let ty = graph.rel_type(edge);
        write!(
            w,
            "      <edge id=\"{}\" source=\"{}\" target=\"{}\" kind=\"",
            graph.edge_id(e),
            graph.g[s].id,
            graph.g[t].id
        )?;
        escape(w, &ty.kind)?;
        w.write_all(b"\" label=\"")?;
        escape(w, &ty.kind)?;
        // GEXF's default weight is 1: written only when heavier, so Gephi Lite, which takes a
        // column of (nearly) all 1s for yes/no, sees the weights that differ as numbers.
        if edge.weight != 1 {
            write!(w, "\" weight=\"{}", edge.weight)?;
        }
        w.write_all(b"\"><attvalues>")?;
        att_str(w, "relation", &ty.kind)?;
        att_str(w, "family", &ty.family)?;
        if let Some(p) = &ty.plover {
            att_str(w, "plover", p)?;
        }
        if let Some(c) = &ty.cameo_root {
            att_str(w, "cameo_root", &super::cameo::label(c))?;
        }
        att(w, "articles", edge.articles)?;
        if let (Some(f), Some(l)) = (edge.first_seen(), edge.last_seen()) {
            att(w, "first_seen", f)?;
            att(w, "last_seen", l)?;
        }
        att(w, "confidence", edge.confidence)?;
        att(w, "negated", edge.negated)?;
        att(w, "relation_id", edge.relation_id)?;
        att_str(w, "sentence", super::sentence(sentences, e)?)?;
        w.write_all(b"</attvalues>")?;
        spells(w, graph.dates_of(edge))?;
        w.write_all(b"</edge>\n")?;
    }
    w.write_all(b"    </edges>\n  </graph>\n</gexf>\n")
}
