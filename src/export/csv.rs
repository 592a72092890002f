//! CSV for Gephi's spreadsheet importer: `nodes.csv` (`Id`, `Label`, attributes) and
//! `edges.csv` (`Source`, `Target`, `Type`, `Id`, `Label`, `Weight`, attributes), each with a
//! `timeset` column of ISO dates as Gephi reads timestamps: `<[2018-02-21, 2018-03-01]>`.
//! Quoting is the csv crate's (RFC 4180), so commas, quotes and newlines survive.

use super::{color, max_pagerank, size, Sentences};
use crate::graph::{Date, Graph, Metrics};
use std::fmt::Write as _;
use std::io::{self, Write};

fn timeset(dates: &[Date], out: &mut String) {
    out.clear();
    if dates.is_empty() {
        return;
    }
    out.push_str("<[");
    for (i, d) in dates.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write!(out, "{d}").expect("writing to a String");
    }
    out.push_str("]>");
}

fn csv_err(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

pub fn write_nodes<W: Write>(w: &mut W, graph: &Graph, m: &Metrics) -> io::Result<()> {
    let mut c = csv::Writer::from_writer(w);
    c.write_record([
        "Id",
        "Label",
        "type",
        "mentions",
        "articles",
        "in_degree",
        "out_degree",
        "weighted_degree",
        "pagerank",
        "community",
        "color",
        "size",
        "timeset",
    ])
    .map_err(csv_err)?;
    let max = max_pagerank(m);
    let mut dates: Vec<Date> = Vec::new();
    let mut ts = String::new();
    for n in graph.g.node_indices() {
        let (node, i) = (&graph.g[n], n.index());
        super::node_dates(graph, n, &mut dates);
        timeset(&dates, &mut ts);
        let (r, g, b) = color(&node.kind);
        c.write_record([
            node.id.to_string().as_str(),
            &node.name,
            &node.kind,
            &node.mentions.to_string(),
            &node.articles.to_string(),
            &m.in_degree[i].to_string(),
            &m.out_degree[i].to_string(),
            &m.weighted_degree[i].to_string(),
            &m.pagerank[i].to_string(),
            &m.community[i].to_string(),
            &format!("#{r:02x}{g:02x}{b:02x}"),
            &size(m.pagerank[i], max).to_string(),
            &ts,
        ])
        .map_err(csv_err)?;
    }
    c.flush()
}

pub fn write_edges<W: Write>(
    w: &mut W,
    graph: &Graph,
    sentences: &mut Sentences,
) -> io::Result<()> {
    let mut c = csv::Writer::from_writer(w);
    c.write_record([
        "Source",
        "Target",
        "Type",
        "Id",
        "Label",
        "Weight",
        "Kind",
        "family",
        "plover",
        "cameo_root",
        "articles",
        "first_seen",
        "last_seen",
        "confidence",
        "negated",
        "relation_id",
        "sentence",
        "timeset",
    ])
    .map_err(csv_err)?;
    let mut ts = String::new();
    for e in graph.g.edge_indices() {
        let (s, t) = graph.g.edge_endpoints(e).expect("edge exists");
        let edge = &graph.g[e];
        let ty = graph.rel_type(edge);
        timeset(graph.dates_of(edge), &mut ts);
        let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
        c.write_record([
            graph.g[s].id.to_string().as_str(),
            &graph.g[t].id.to_string(),
            "Directed",
            &graph.edge_id(e).to_string(),
            &ty.kind,
            &edge.weight.to_string(),
            &ty.kind,
            &ty.family,
            ty.plover.as_deref().unwrap_or(""),
            &ty.cameo_root
                .as_deref()
                .map(super::cameo::label)
                .unwrap_or_default(),
            &edge.articles.to_string(),
            &date(edge.first_seen()),
            &date(edge.last_seen()),
            &edge.confidence.to_string(),
            if edge.negated { "true" } else { "false" },
            &edge.relation_id.to_string(),
            super::sentence(sentences, e)?,
            &ts,
        ])
        .map_err(csv_err)?;
    }
    c.flush()
}
