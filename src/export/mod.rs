//! Exports of the graph for Gephi, networkx, d3 and spreadsheets: GraphML, GEXF, CSV, JSON;
//! and pictures of it (`render`): SVG, or an HTML page drawn with sigma.js.
//!
//! Every writer streams through a 1 MB `BufWriter`, in graph order (sorted), and escapes
//! each string for its format (GraphML formats numbers without `core::fmt`, `num`). The
//! edges' sample sentences are read from the store a window ahead of the writer
//! (`sentences`), so the export never holds them all. Where the bytes go (a file replaced
//! when complete, a device or FIFO written into, stdout, a CSV directory swapped in as a
//! unit) is `target`'s.

mod cameo;
mod csv;
mod gexf;
mod graphml;
mod html;
mod json;
mod num;
pub mod picture;
mod render;
mod sentences;
mod svg;
mod target;
mod xml;

use crate::error::Result;
use crate::graph::{Graph, Layout, Metrics};
use crate::store::Store;
use petgraph::graph::EdgeIndex;
pub use render::{render, PictureFormat};
use sentences::Sentences;
use std::io;
use std::path::Path;
use target::write_file;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// GraphML for Gephi, networkx, yEd, igraph.
    Graphml,
    /// GEXF 1.3, dynamic (article dates as the time axis), for Gephi's timeline.
    Gexf,
    /// A directory with nodes.csv and edges.csv for Gephi's spreadsheet importer.
    Csv,
    /// Node-link JSON for networkx `node_link_graph` and d3.
    Json,
}

/// Write `graph` with its `metrics` and node positions (`layout`; an empty one writes none)
/// to `output` (a file, or a directory for CSV); the sample sentences come from `store`, the
/// graph's source.
pub fn export(
    store: &Store,
    graph: &Graph,
    metrics: &Metrics,
    layout: &Layout,
    format: Format,
    output: &Path,
) -> Result<()> {
    let mut sentences = Sentences::new(graph, store.sentence_reader()?);
    let s = &mut sentences;
    match format {
        Format::Graphml => write_file(output, |w| graphml::write(w, graph, metrics, layout, s)),
        Format::Gexf => write_file(output, |w| gexf::write(w, graph, metrics, layout, s)),
        Format::Json => write_file(output, |w| json::write(w, graph, metrics, layout, s)),
        Format::Csv => target::write_dir(output, |dir| {
            write_file(&dir.join("nodes.csv"), |w| {
                csv::write_nodes(w, graph, metrics)
            })?;
            write_file(&dir.join("edges.csv"), |w| csv::write_edges(w, graph, s))
        }),
    }
}

/// The sample sentence of edge `e`; a store error travels through the writer as an
/// `io::Error` and `write_file` gives it back as it was.
fn sentence<'r>(sentences: &'r mut Sentences, e: EdgeIndex) -> io::Result<&'r str> {
    sentences.get(e).map_err(io::Error::other)
}

/// Node colour by entity type (Tableau 10), grey for anything else.
pub fn color(kind: &str) -> (u8, u8, u8) {
    match kind {
        "person" => (31, 119, 180),
        "organization" => (255, 127, 14),
        "media" => (44, 160, 44),
        "country" => (214, 39, 40),
        "location" => (148, 103, 189),
        "facility" => (140, 86, 75),
        "event" => (227, 119, 194),
        _ => (127, 127, 127),
    }
}

/// Node size by PageRank: 5 for the least, up to 50 for the highest of the graph.
pub fn size(pagerank: f64, max: f64) -> f64 {
    if max <= 0.0 {
        return 5.0;
    }
    let s = 5.0 + 45.0 * (pagerank / max);
    (s * 1000.0).round() / 1000.0
}

/// The evidence dates of every edge in or out of node `n`, sorted and distinct, into `dates`.
pub(crate) fn node_dates(
    graph: &Graph,
    n: petgraph::graph::NodeIndex,
    dates: &mut Vec<crate::graph::Date>,
) {
    use petgraph::Direction;
    dates.clear();
    for dir in [Direction::Outgoing, Direction::Incoming] {
        for e in graph.g.edges_directed(n, dir) {
            dates.extend_from_slice(graph.dates_of(e.weight()));
        }
    }
    dates.sort_unstable();
    dates.dedup();
}

fn max_pagerank(m: &Metrics) -> f64 {
    m.pagerank.iter().copied().fold(0.0, f64::max)
}
