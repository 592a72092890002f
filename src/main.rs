//! The newsgraph binary: parse the command line, run it, report errors as `newsgraph: ...`.

use clap::Parser;

/// mimalloc: extraction allocates many small strings on every worker thread, and glibc's
/// allocator showed up as a sixth of ingest time in profiles.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = newsgraph::cli::Cli::parse();
    if let Err(e) = newsgraph::cli::run(cli) {
        if e.is_broken_pipe() {
            std::process::exit(0);
        }
        eprintln!("newsgraph: {e}");
        std::process::exit(e.exit_code());
    }
}
