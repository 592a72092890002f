//! TEMPORARY minimal dispatch for the graph commands (branch `graph` only); the lead's
//! `src/main.rs` replaces it on merge.

use clap::{Parser, Subcommand};
use newsgraph::cli::graph::{self, ExportArgs, NeighborsArgs, PathArgs, TopArgs};
use std::path::PathBuf;

#[derive(Parser)]
#[command(name = "newsgraph")]
struct Cli {
    #[arg(
        long,
        global = true,
        env = "NEWSGRAPH_DB",
        default_value = "./newsgraph.db"
    )]
    db: PathBuf,
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    Export(ExportArgs),
    Neighbors(NeighborsArgs),
    Path(PathArgs),
    Top(TopArgs),
}

fn main() {
    let cli = Cli::parse();
    let r = match &cli.cmd {
        Cmd::Export(a) => graph::export(a, &cli.db),
        Cmd::Neighbors(a) => graph::neighbors(a, &cli.db),
        Cmd::Path(a) => graph::path(a, &cli.db),
        Cmd::Top(a) => graph::top(a, &cli.db),
    };
    if let Err(e) = r {
        eprintln!("newsgraph: {e}");
        std::process::exit(e.exit_code());
    }
}
