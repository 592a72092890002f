//! The newsgraph binary: parse the command line, run it, report errors as `newsgraph: ...`.

use clap::Parser;

/// mimalloc: extraction allocates many small strings on every worker thread, and glibc's
/// allocator showed up as a sixth of ingest time in profiles.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc's `mi_option_e` (mimalloc.h, v3), which the sys
/// crate does not name.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() {
    // Give freed pages back to the OS after 1 ms instead of 10: with the default, six 4 MB
    // articles in a row peaked at 222 MB of RSS (138 MB with 1 ms; Reuters 125 -> 114 MB),
    // for about 2% of Reuters throughput.
    // SAFETY: sets one integer option; called before any other thread exists.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 1) };
    let cli = newsgraph::cli::Cli::parse();
    if let Err(e) = newsgraph::cli::run(cli) {
        if e.is_broken_pipe() {
            std::process::exit(0);
        }
        match e {
            // Usage errors may list suggestions, a line each, with names made one-line.
            newsgraph::Error::Usage(_) => newsgraph::report::lines(&format!("newsgraph: {e}")),
            _ => newsgraph::say!("newsgraph: {e}"),
        }
        std::process::exit(e.exit_code());
    }
}
