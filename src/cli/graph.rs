//! The graph commands: `export`, `neighbors`, `path` and `top`, with the filters they share.

use super::graph_rows;
use super::output::OutputFormat;
use crate::error::{Error, Result};
use crate::export::{self, Format};
use crate::graph::print::{self, RankBy};
use crate::graph::{self, query, Filter, Layout, LayoutOptions, Metrics};
use crate::store::Store;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Filters shared by every graph command.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct GraphFilter {
    /// Only relations from articles published on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only relations from articles published on or before DATE (a year or month counts whole).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only these relation types or families, comma-separated (e.g. bans,sanction,attack).
    #[arg(long, value_name = "TYPES", value_delimiter = ',')]
    pub types: Vec<String>,
    /// Only edges whose two ends are of these entity types, comma-separated (e.g. country,organization).
    #[arg(long, value_name = "TYPES", value_delimiter = ',')]
    pub entity_types: Vec<String>,
    /// Drop edges with fewer evidence sentences than N.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub min_weight: u32,
    /// Keep only the ego network of ENTITY (name, alias or #ID).
    #[arg(long, value_name = "ENTITY")]
    pub around: Option<String>,
    /// Hops around --around ENTITY, following edges either way.
    #[arg(long, value_name = "N", default_value_t = 1, requires = "around")]
    pub depth: usize,
    /// Keep only the N nodes of highest PageRank.
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// Include negated relations ("did not sanction") as edges marked negated.
    #[arg(long)]
    pub include_negated: bool,
    /// Every entity with a mention is a node, also those with no relation under these
    /// filters (by default only entities at an end of an edge are).
    #[arg(long)]
    pub all_nodes: bool,
}

/// Warn when date bounds are given for a database where no article has a date: they match
/// nothing, and an empty result would otherwise look like an answer.
pub(super) fn warn_if_undated(
    store: &Store,
    since: &Option<String>,
    until: &Option<String>,
) -> Result<()> {
    if (since.is_some() || until.is_some()) && !store.has_dated_articles()? {
        crate::say!("newsgraph: warning: no article in this database has a date, so --since/--until match nothing");
    }
    Ok(())
}

impl GraphFilter {
    pub fn to_filter(&self) -> Filter {
        Filter {
            since: self.since.clone(),
            until: self.until.clone(),
            types: self.types.clone(),
            entity_types: self.entity_types.clone(),
            min_weight: self.min_weight,
            around: self.around.clone(),
            depth: self.depth,
            top: self.top,
            include_negated: self.include_negated,
            all_nodes: self.all_nodes,
        }
    }
}

/// `newsgraph export`: write the graph for Gephi, networkx, d3 or a spreadsheet.
#[derive(Debug, Clone, clap::Args)]
pub struct ExportArgs {
    /// graphml, gexf, csv (a directory) or json; guessed from the --output extension if absent.
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<Format>,
    /// The file to write (a directory for csv).
    #[arg(long, short = 'o', value_name = "PATH")]
    pub output: PathBuf,
    /// One edge per evidence sentence instead of one per (source, type, target).
    #[arg(long)]
    pub multi: bool,
    #[command(flatten)]
    pub layout: LayoutArgs,
    #[command(flatten)]
    pub filter: GraphFilter,
}

/// How nodes are placed (ForceAtlas2, computed here, deterministic).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct LayoutArgs {
    /// Seed of the layout's start positions: another seed gives another, equally good picture.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub seed: u64,
    /// Steps of the layout (default: by graph size, 600 for small graphs).
    #[arg(long, value_name = "N")]
    pub layout_steps: Option<usize>,
    /// Write no positions (skips the layout; clients then place nodes themselves).
    #[arg(long)]
    pub no_layout: bool,
}

impl LayoutArgs {
    pub fn compute(&self, graph: &graph::Graph) -> Layout {
        if self.no_layout {
            return Layout::default();
        }
        let opts = LayoutOptions {
            seed: self.seed,
            steps: self.layout_steps,
        };
        Layout::compute(graph, &opts)
    }
}

/// `newsgraph neighbors ENTITY`: the edges into and out of one entity.
#[derive(Debug, Clone, clap::Args)]
pub struct NeighborsArgs {
    /// Entity name, alias (case-insensitive) or #ID.
    pub entity: String,
    /// Show at most N edges each way.
    #[arg(long, value_name = "N", default_value_t = 25)]
    pub limit: usize,
    /// Rows instead of the report: table, csv, tsv, json or jsonl (ids and dates in columns).
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<OutputFormat>,
    #[command(flatten)]
    pub filter: GraphFilter,
}

/// `newsgraph path A B`: the shortest chain of relations between two entities.
#[derive(Debug, Clone, clap::Args)]
pub struct PathArgs {
    /// Entity to start from: name, alias (case-insensitive) or #ID.
    pub from: String,
    /// Entity to reach: name, alias (case-insensitive) or #ID.
    pub to: String,
    /// Follow edges only along their direction (default: either way, direction shown).
    #[arg(long)]
    pub directed: bool,
    /// Rows instead of the report: table, csv, tsv, json or jsonl (ids and dates in columns).
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<OutputFormat>,
    #[command(flatten)]
    pub filter: GraphFilter,
}

/// `newsgraph top`: the most central entities of the (filtered) graph.
#[derive(Debug, Clone, clap::Args)]
pub struct TopArgs {
    /// What to rank by: PageRank, degree (edges in and out) or mentions.
    #[arg(long, value_enum, default_value_t = RankBy::Pagerank)]
    pub by: RankBy,
    /// How many entities to list.
    #[arg(long, short = 'n', value_name = "N", default_value_t = 20)]
    pub limit: usize,
    /// Rows instead of the report: table, csv, tsv, json or jsonl (ids and dates in columns).
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<OutputFormat>,
    #[command(flatten)]
    pub filter: GraphFilter,
}

fn stdout_err(e: io::Error) -> Error {
    Error::Output(e)
}

fn guess_format(path: &Path) -> Result<Format> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    match ext.to_ascii_lowercase().as_str() {
        "graphml" => Ok(Format::Graphml),
        "gexf" => Ok(Format::Gexf),
        "json" => Ok(Format::Json),
        "" if path.is_dir() => Ok(Format::Csv),
        _ => Err(Error::Usage(format!(
            "cannot tell the format of {}: pass --format graphml|gexf|csv|json",
            path.display()
        ))),
    }
}

pub fn export(args: &ExportArgs, db: &Path) -> Result<()> {
    let format = match args.format {
        Some(f) => f,
        None => guess_format(&args.output)?,
    };
    let store = Store::open_readonly(db)?;
    warn_if_undated(&store, &args.filter.since, &args.filter.until)?;
    // The graph and the sentences the writers look up come from one state of the store.
    let _snapshot = store.snapshot()?;
    // Only GraphML does without the evidence dates (it has first and last seen alone).
    let dates = format != Format::Graphml;
    let graph = graph::build_with(&store, &args.filter.to_filter(), args.multi, dates)?;
    let metrics = Metrics::compute(&graph);
    let layout = args.layout.compute(&graph);
    export::export(&store, &graph, &metrics, &layout, format, &args.output)?;
    crate::say!(
        "wrote {} nodes and {} edges to {}",
        graph.node_count(),
        graph.edge_count(),
        args.output.display()
    );
    Ok(())
}

pub fn neighbors(args: &NeighborsArgs, db: &Path) -> Result<()> {
    let store = Store::open_readonly(db)?;
    warn_if_undated(&store, &args.filter.since, &args.filter.until)?;
    let _snapshot = store.snapshot()?;
    let entity = query::resolve(&store, &args.entity)?;
    let n = query::neighbors(&store, entity, &args.filter.to_filter(), args.limit)?;
    if let Some(format) = args.format {
        return graph_rows::neighbors(io::stdout().lock(), format, &n);
    }
    let mut out = BufWriter::new(io::stdout().lock());
    print::neighbors(&mut out, &n)
        .and_then(|()| out.flush())
        .map_err(stdout_err)
}

pub fn path(args: &PathArgs, db: &Path) -> Result<()> {
    let store = Store::open_readonly(db)?;
    warn_if_undated(&store, &args.filter.since, &args.filter.until)?;
    let _snapshot = store.snapshot()?;
    let a = query::resolve(&store, &args.from)?;
    let b = query::resolve(&store, &args.to)?;
    if a.id == b.id {
        return Err(Error::Usage(format!(
            "{:?} and {:?} are the same entity ({})",
            args.from, args.to, a.name
        )));
    }
    let filter = args.filter.to_filter();
    let (graph, hops) = if graph::answers_path(&filter) {
        match graph::shortest_path(&store, &filter, a.id, b.id, args.directed)? {
            Some((graph, hops)) => (graph, Some(hops)),
            None => (graph::Graph::default(), None),
        }
    } else {
        // Cut to an ego network or the top nodes first: that needs the whole graph.
        let graph = graph::build_with(&store, &filter, false, false)?;
        let hops = match (graph.node_of(a.id), graph.node_of(b.id)) {
            (Some(x), Some(y)) => query::shortest_path(&graph, x, y, args.directed),
            _ => None,
        };
        (graph, hops)
    };
    let sentence_ids: Vec<i64> = hops
        .iter()
        .flatten()
        .map(|h| graph.g[h.edge].sentence_id)
        .collect();
    let sentences = store.sentence_texts(&sentence_ids)?;
    let none = format!(
        "no {}chain of relations links {} and {} under these filters",
        if args.directed { "directed " } else { "" },
        print::one_line(&a.name),
        print::one_line(&b.name)
    );
    if let Some(format) = args.format {
        // Rows for scripts: none when there is no path, and the reason on stderr.
        if hops.is_none() {
            crate::say!("newsgraph: {none}");
        }
        let hops = hops.as_deref().unwrap_or_default();
        return graph_rows::path(io::stdout().lock(), format, &graph, hops, &sentences);
    }
    let mut out = BufWriter::new(io::stdout().lock());
    match hops {
        Some(hops) => print::path(&mut out, &graph, &hops, &sentences),
        None => writeln!(out, "{none}"),
    }
    .and_then(|()| out.flush())
    .map_err(stdout_err)
}

pub fn top(args: &TopArgs, db: &Path) -> Result<()> {
    let store = Store::open_readonly(db)?;
    warn_if_undated(&store, &args.filter.since, &args.filter.until)?;
    let _snapshot = store.snapshot()?;
    let filter = args.filter.to_filter();
    let (graph, metrics, order) =
        match graph::ranks::stored_top(&store, &filter, args.by, args.limit)? {
            // The stored metrics of the whole graph, already in rank order.
            Some((graph, metrics)) => {
                let order: Vec<usize> = (0..graph.node_count()).collect();
                (graph, metrics, order)
            }
            None => {
                let graph = graph::build_with(&store, &filter, false, false)?;
                let metrics = Metrics::compute(&graph);
                let mut order = print::rank(&graph, &metrics, args.by);
                order.truncate(args.limit);
                (graph, metrics, order)
            }
        };
    let order = &order[..];
    if let Some(format) = args.format {
        return graph_rows::top(io::stdout().lock(), format, &graph, &metrics, order);
    }
    let mut out = BufWriter::new(io::stdout().lock());
    print::top(&mut out, &graph, &metrics, order)
        .and_then(|()| out.flush())
        .map_err(stdout_err)
}
