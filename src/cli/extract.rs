//! `newsgraph extract`: articles in, one extraction line per article out (no database), for a
//! batch engine's map step; `load` stores the lines.

use crate::error::{Error, Result};
use crate::extract::{stream, ExtractOptions};
use crate::ingest::{Format, ReadOptions};
use crate::nlp::Extractor;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Files, directories (read recursively) or `-` for stdin (the default), as for `ingest`.
    pub inputs: Vec<PathBuf>,
    /// Read every input as this format instead of going by extension.
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<Format>,
    /// Year for datelines that omit it (`Feb. 21 (UPI) --`) when the article names none.
    #[arg(long)]
    pub year: Option<i32>,
    /// Map a field to the input's column or key name, e.g. `--field text=story`.
    #[arg(long = "field", value_name = "FIELD=NAME", value_parser = super::ingest::parse_field)]
    pub fields: Vec<(String, String)>,
    /// Directory with the user's own lexicon files, as for `ingest`.
    #[arg(long, env = "NEWSGRAPH_LEXICON")]
    pub lexicon: Option<PathBuf>,
    /// The name stdin goes by in article paths and reports, e.g. the file a piped slice
    /// comes from (default `-`).
    #[arg(long, value_name = "NAME")]
    pub stdin_name: Option<String>,
    /// The line number of stdin's first line in that file (with --stdin-name), so records
    /// are numbered as in the whole file.
    #[arg(long, value_name = "N", default_value_t = 1, requires = "stdin_name")]
    pub first_line: u64,
    /// Print no per-record reports and no summary.
    #[arg(long, short)]
    pub quiet: bool,
}

pub fn run(args: &ExtractArgs) -> Result<()> {
    let lexicon = args.lexicon.clone().or_else(super::ingest::default_lexicon);
    let extractor = Extractor::new(lexicon.as_deref())?;
    let opts = ExtractOptions {
        read: ReadOptions {
            format: args.format,
            year: args.year,
            fields: args.fields.clone(),
        },
        stamp: super::reextract::stamp(lexicon.as_deref())?,
        stdin_name: args.stdin_name.clone(),
        first_line: args.first_line,
    };
    let inputs = if args.inputs.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.inputs.clone()
    };
    let quiet = args.quiet;
    let report = move |e: &Error, warning: bool| {
        if !quiet {
            crate::say!("newsgraph: {}{e}", if warning { "warning: " } else { "" });
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let sum = stream::run(&inputs, &opts, &extractor, &mut out, &report)?;
    out.flush()?;
    if !quiet {
        let secs = sum.elapsed.as_secs_f64().max(1e-9);
        crate::say!(
            "extracted {} article{}, {} rejected{}: {:.2} s, {:.0} articles/s",
            sum.articles,
            if sum.articles == 1 { "" } else { "s" },
            sum.rejected,
            if sum.warnings > 0 {
                format!(", {} warnings", sum.warnings)
            } else {
                String::new()
            },
            secs,
            sum.articles as f64 / secs
        );
    }
    Ok(())
}
