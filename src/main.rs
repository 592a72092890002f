//! The newsgraph binary: parse the command line, run it, report errors as `newsgraph: ...`.

use clap::Parser;

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
