//! `newsgraph load` and `newsgraph merge`: extraction lines, or another database's articles,
//! into this database through ingest's writer, with a summary like ingest's.

use crate::error::{Error, Result};
use crate::extract::{load, merge, LoadOptions};
use crate::ingest::{Stopped, Summary};
use crate::nlp::Extractor;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct LoadArgs {
    /// Files of extraction lines (gzipped or not), directories of them (a Spark job's
    /// output: part files in name order) or `-` for stdin (the default).
    pub inputs: Vec<PathBuf>,
    /// Articles per write transaction (keep ingest's default for the same views as ingest).
    #[arg(long, default_value_t = 512)]
    pub batch: usize,
    /// Print no per-line reports, only the summary.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// The database to fold into this one (read only; same schema version).
    pub other: PathBuf,
    /// Directory with the user's own lexicon files, as for `ingest`: OTHER's articles are
    /// extracted again with it.
    #[arg(long, env = "NEWSGRAPH_LEXICON")]
    pub lexicon: Option<PathBuf>,
    /// Articles per write transaction.
    #[arg(long, default_value_t = 512)]
    pub batch: usize,
    /// Print no per-article reports, only the summary.
    #[arg(long, short)]
    pub quiet: bool,
}

fn reporter(quiet: bool) -> impl Fn(&Error, bool) + Sync {
    move |e: &Error, warning: bool| {
        if !quiet {
            crate::say!("newsgraph: {}{e}", if warning { "warning: " } else { "" });
        }
    }
}

pub fn run_load(args: &LoadArgs, db: &Path) -> Result<()> {
    let inputs = if args.inputs.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.inputs.clone()
    };
    let opts = LoadOptions { batch: args.batch };
    crate::interrupt::catch();
    let sum = load::run(db, &inputs, &opts, &reporter(args.quiet)).map_err(|s| stopped(db, s))?;
    finish("loaded", &sum, db)
}

pub fn run_merge(args: &MergeArgs, db: &Path) -> Result<()> {
    let lexicon = args.lexicon.clone().or_else(super::ingest::default_lexicon);
    let extractor = Extractor::new(lexicon.as_deref())?;
    let stamp = super::reextract::stamp(lexicon.as_deref())?;
    crate::interrupt::catch();
    let report = reporter(args.quiet);
    let m = merge::run(db, &args.other, stamp, args.batch, &extractor, &report)
        .map_err(|s| stopped(db, s))?;
    if m.other_curations > 0 {
        crate::say!(
            "newsgraph: {} has {} correction{} in force, not carried over (its articles were merged, not its curation); to replay them here: newsgraph --db {} curation export FILE, then newsgraph --db {} curation apply FILE",
            args.other.display(),
            m.other_curations,
            if m.other_curations == 1 { "" } else { "s" },
            args.other.display(),
            db.display()
        );
    }
    finish(
        &format!(
            "merged {} articles of {}:",
            m.other_articles,
            args.other.display()
        ),
        &m.summary,
        db,
    )
}

/// The error of a stopped run, after a line saying what was stored before it.
fn stopped(db: &Path, s: Stopped) -> Error {
    let error = crate::store::explain_lock(db, s.error);
    let n = &s.stored;
    if n.new + n.unchanged + n.rejected > 0 {
        crate::say!(
            "newsgraph: stopped after storing {} new article{} ({} unchanged, {} rejected); the same command run again stores the rest",
            n.new,
            if n.new == 1 { "" } else { "s" },
            n.unchanged,
            n.rejected
        );
    }
    error
}

/// The summary, as ingest prints it; an error when lines were refused and nothing stored.
fn finish(verb: &str, sum: &Summary, db: &Path) -> Result<()> {
    let seen = sum.new + sum.unchanged;
    crate::say!(
        "{verb} {} new article{}, {} unchanged, {} rejected",
        sum.new,
        if sum.new == 1 { "" } else { "s" },
        sum.unchanged,
        sum.rejected
    );
    super::ingest::summary_rows(sum, db)?;
    if crate::interrupt::requested() {
        return Err(Error::Interrupted(format!(
            "interrupted: the {} new article{} above are stored whole, and the same command run again stores the rest",
            sum.new,
            if sum.new == 1 { "" } else { "s" }
        )));
    }
    if seen == 0 && sum.rejected > 0 {
        return Err(Error::Data(format!(
            "nothing stored: {} input line{} rejected",
            sum.rejected,
            if sum.rejected == 1 { " was" } else { "s were" }
        )));
    }
    Ok(())
}
