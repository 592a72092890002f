//! Exports of the graph for Gephi, networkx, d3 and spreadsheets: GraphML, GEXF, CSV, JSON.
//!
//! Every writer streams through a 1 MB `BufWriter`, in graph order (sorted), and escapes
//! each string for its format (GraphML formats numbers without `core::fmt`, `num`). The
//! edges' sample sentences are read from the store a window ahead of the writer
//! (`sentences`), so the export never holds them all. Files are written beside the target
//! and renamed into place when complete, so a failed export never leaves a half-written
//! file behind.

mod csv;
mod gexf;
mod graphml;
mod json;
mod num;
mod sentences;
mod xml;

use crate::error::{Error, Result};
use crate::graph::{Graph, Metrics};
use crate::store::Store;
use petgraph::graph::EdgeIndex;
use sentences::Sentences;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

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

/// Write `graph` with its `metrics` to `output` (a file, or a directory for CSV); the sample
/// sentences come from `store`, the graph's source.
pub fn export(
    store: &Store,
    graph: &Graph,
    metrics: &Metrics,
    format: Format,
    output: &Path,
) -> Result<()> {
    let mut sentences = Sentences::new(graph, store.sentence_reader()?);
    let s = &mut sentences;
    match format {
        Format::Graphml => write_file(output, |w| graphml::write(w, graph, metrics, s)),
        Format::Gexf => write_file(output, |w| gexf::write(w, graph, metrics, s)),
        Format::Json => write_file(output, |w| json::write(w, graph, metrics, s)),
        Format::Csv => {
            if output.is_file() {
                return Err(Error::Usage(format!(
                    "{}: --format csv writes a directory (nodes.csv, edges.csv), and this is a file",
                    output.display()
                )));
            }
            std::fs::create_dir_all(output).map_err(|e| Error::io(output, e))?;
            write_file(&output.join("nodes.csv"), |w| {
                csv::write_nodes(w, graph, metrics)
            })?;
            write_file(&output.join("edges.csv"), |w| csv::write_edges(w, graph, s))
        }
    }
}

/// Write through a buffered temporary file beside `path`, renamed over it when complete.
fn write_file(
    path: &Path,
    body: impl FnOnce(&mut BufWriter<File>) -> std::io::Result<()>,
) -> Result<()> {
    let tmp = temp_path(path);
    let file = File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
    let mut w = BufWriter::with_capacity(1 << 20, file);
    let done = body(&mut w).and_then(|()| w.flush());
    if let Err(e) = done {
        drop(w);
        let _ = std::fs::remove_file(&tmp);
        return Err(match e.downcast::<Error>() {
            Ok(store_error) => store_error,
            Err(e) => Error::io(path, e),
        });
    }
    drop(w);
    std::fs::rename(&tmp, path).map_err(|e| Error::io(path, e))
}

/// The sample sentence of edge `e`; a store error travels through the writer as an
/// `io::Error` and `write_file` gives it back as it was.
fn sentence<'r>(sentences: &'r mut Sentences, e: EdgeIndex) -> io::Result<&'r str> {
    sentences.get(e).map_err(io::Error::other)
}

fn temp_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    path.with_file_name(name)
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
