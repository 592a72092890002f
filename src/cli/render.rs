//! `newsgraph render`: draw a graph (usually the neighbourhood of one entity) to an SVG image
//! or a self-contained HTML page.

use super::graph::{warn_if_undated, GraphFilter, LayoutArgs};
use crate::error::{Error, Result};
use crate::export::{self, PictureFormat};
use crate::graph::{self, query, Metrics};
use crate::store::Store;
use std::path::{Path, PathBuf};

/// Above this many nodes a picture is more ink than information: say how to narrow it.
const READABLE: usize = 500;

/// `newsgraph render --around ENTITY --output FILE.svg|FILE.html`.
#[derive(Debug, Clone, clap::Args)]
pub struct RenderArgs {
    /// svg or html; guessed from the --output extension if absent.
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<PictureFormat>,
    /// The file to write (`-` for stdout).
    #[arg(long, short = 'o', value_name = "PATH")]
    pub output: PathBuf,
    #[command(flatten)]
    pub layout: LayoutArgs,
    #[command(flatten)]
    pub filter: GraphFilter,
}

fn guess_format(path: &Path) -> Result<PictureFormat> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    match ext.to_ascii_lowercase().as_str() {
        "svg" => Ok(PictureFormat::Svg),
        "html" | "htm" => Ok(PictureFormat::Html),
        _ => Err(Error::Usage(format!(
            "cannot tell the format of {}: pass --format svg|html",
            path.display()
        ))),
    }
}

pub fn run(args: &RenderArgs, db: &Path) -> Result<()> {
    let format = match args.format {
        Some(f) => f,
        None => guess_format(&args.output)?,
    };
    let store = Store::open_readonly(db)?;
    warn_if_undated(&store, &args.filter.since, &args.filter.until)?;
    let _snapshot = store.snapshot()?;
    let filter = args.filter.to_filter();
    let focus = match &args.filter.around {
        Some(name) => Some(query::resolve(&store, name)?),
        None => None,
    };
    let graph = graph::build_with(&store, &filter, false, false)?;
    if graph.node_count() == 0 {
        crate::say!("newsgraph: warning: no relation matches these filters; the picture is empty");
    }
    if graph.node_count() > READABLE {
        crate::say!(
            "newsgraph: warning: {} nodes make a crowded picture; narrow it with --around ENTITY, --top N or --min-weight N",
            graph.node_count()
        );
    }
    let metrics = Metrics::compute(&graph);
    if args.layout.no_layout {
        return Err(Error::Usage(
            "render needs a layout: drop --no-layout".into(),
        ));
    }
    let layout = args.layout.compute(&graph);
    let title = match &focus {
        Some(e) => format!(
            "{} and its relations ({} hop{})",
            crate::graph::print::one_line(&e.name),
            args.filter.depth,
            if args.filter.depth == 1 { "" } else { "s" }
        ),
        None => format!("{} entities and their relations", graph.node_count()),
    };
    let picture = export::render(
        &store,
        &filter,
        &graph,
        &metrics,
        &layout,
        focus.map(|e| e.id),
        &title,
        format,
        &args.output,
    )?;
    crate::say!(
        "drew {} nodes ({} labelled) and {} edges to {}",
        picture.nodes.len(),
        picture.nodes.iter().filter(|n| n.label).count(),
        picture.edges.len(),
        args.output.display()
    );
    Ok(())
}
