//! The command line: global options, subcommands, and dispatch to the library.

mod curate;
mod curation_file;
pub mod explain;
mod extract;
mod forget;
pub mod graph;
mod graph_rows;
mod ingest;
mod load;
pub mod output;
pub mod parse;
mod query;
mod reextract;
mod render;
mod whynot;

use crate::error::Result;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "newsgraph",
    version,
    about = "Build a knowledge graph of actors and relations from news archives, in SQLite."
)]
pub struct Cli {
    /// Database file.
    #[arg(
        long,
        global = true,
        env = "NEWSGRAPH_DB",
        default_value = "newsgraph.db"
    )]
    pub db: PathBuf,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read articles (files, directories, `-` for stdin) and store their entities and relations.
    Ingest(ingest::IngestArgs),
    /// Extract articles without storing them: one JSON line per article on stdout (for a
    /// batch engine's map step; `load` stores the lines).
    Extract(extract::ExtractArgs),
    /// Store extraction lines (from `extract`) as ingest would have stored their articles.
    Load(load::LoadArgs),
    /// Fold another newsgraph database's articles into this one, as if ingested here.
    Merge(load::MergeArgs),
    /// Run one read-only SQL statement against the views.
    Query(query::QueryArgs),
    /// Full-text search over sentences, best first (among the 5,000 newest matches).
    Search(query::SearchArgs),
    /// Counts of everything, top entities and edges.
    Stats(query::StatsArgs),
    /// Show an article sentence by sentence with its mentions marked, and each edge's rule.
    Explain(explain::ExplainArgs),
    /// Tag and parse text (or CoNLL-U with --conllu) and print CoNLL-U: UPOS, heads, relations.
    Parse(parse::ParseArgs),
    /// Correct an entity by hand: merge, rename, retype, split, drop (recorded; see `curation`).
    #[command(subcommand)]
    Entity(curate::EntityCommand),
    /// Add or remove a name an entity goes by (recorded; see `curation`).
    #[command(subcommand)]
    Alias(curate::AliasCommand),
    /// The log of corrections: list, undo, export to a TSV file, apply one.
    #[command(subcommand)]
    Curation(curate::CurationCommand),
    /// Remove articles (ids, external ids, --source, --before) and everything derived from them.
    Forget(forget::ForgetArgs),
    /// Run extraction again over the stored text (after an upgrade or a lexicon change);
    /// corrections are replayed after it.
    Reextract(reextract::ReextractArgs),
    /// Upgrade the database schema to this version of newsgraph.
    Migrate(MigrateArgs),
    /// Write the graph for Gephi, networkx, d3 or a spreadsheet (graphml, gexf, csv, json).
    Export(graph::ExportArgs),
    /// Draw the graph (usually --around ENTITY) as an SVG image or a self-contained HTML page.
    Render(render::RenderArgs),
    /// The relations into and out of one entity, with weights and evidence.
    Neighbors(graph::NeighborsArgs),
    /// The shortest chain of relations between two entities, with evidence for each hop.
    Path(graph::PathArgs),
    /// The most central entities: by PageRank, degree or mentions.
    Top(graph::TopArgs),
}

#[derive(Debug, clap::Args)]
pub struct MigrateArgs {
    /// Then rewrite the file compactly (SQLite's VACUUM), returning the space an upgrade
    /// freed (version 6 stores each sentence's text once): needs free disk about the
    /// database's size, and holds the write lock while it runs.
    #[arg(long)]
    pub vacuum: bool,
}

/// Run the parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    let done = dispatch(&cli);
    // The commands that change edges leave the whole graph's node metrics fresh for `top`,
    // also when they stopped part way on an error (what they stored stays stored); not after
    // Ctrl-C, which asks to stop now (`top` computes them while they are stale).
    if changes_edges(&cli.command) && !crate::interrupt::requested() {
        if let Err(e) = crate::graph::ranks::refresh(&cli.db) {
            if done.is_ok() {
                crate::say!("newsgraph: warning: the graph's node metrics were not stored ({e}); `top` computes them on each call");
            }
        }
    }
    done
}

fn changes_edges(c: &Command) -> bool {
    matches!(
        c,
        Command::Ingest(_)
            | Command::Load(_)
            | Command::Merge(_)
            | Command::Reextract(_)
            | Command::Forget(_)
            | Command::Entity(_)
            | Command::Alias(_)
            | Command::Curation(
                curate::CurationCommand::Undo { .. } | curate::CurationCommand::Apply { .. }
            )
            | Command::Migrate(_)
    )
}

fn dispatch(cli: &Cli) -> Result<()> {
    match &cli.command {
        Command::Ingest(a) => ingest::run(a, &cli.db),
        Command::Extract(a) => extract::run(a),
        Command::Load(a) => load::run_load(a, &cli.db),
        Command::Merge(a) => load::run_merge(a, &cli.db),
        Command::Query(a) => query::query(a, &cli.db),
        Command::Search(a) => query::search(a, &cli.db),
        Command::Stats(a) => query::stats(a, &cli.db),
        Command::Explain(a) => explain::run(a, &cli.db),
        Command::Export(a) => graph::export(a, &cli.db),
        Command::Render(a) => render::run(a, &cli.db),
        Command::Neighbors(a) => graph::neighbors(a, &cli.db),
        Command::Path(a) => graph::path(a, &cli.db),
        Command::Top(a) => graph::top(a, &cli.db),
        Command::Parse(a) => parse::run(a),
        Command::Reextract(a) => reextract::run(a, &cli.db),
        Command::Forget(a) => forget::run(a, &cli.db),
        Command::Entity(c) => curate::entity(c, &cli.db),
        Command::Alias(c) => curate::alias(c, &cli.db),
        Command::Curation(c) => curate::curation(c, &cli.db),
        Command::Migrate(a) => {
            // A missing database is created at the latest schema (scripts make an empty one
            // this way to read `relation_types`, as the Spark job does).
            let s = crate::store::Store::open(&cli.db)?;
            crate::say!(
                "{}: schema version {}",
                cli.db.display(),
                s.schema_version()?
            );
            if a.vacuum {
                let (before, after) = s.vacuum(&cli.db)?;
                crate::say!(
                    "{}: {} MB before VACUUM, {} MB after",
                    cli.db.display(),
                    before / 1_000_000,
                    after / 1_000_000
                );
            }
            Ok(())
        }
    }
}
