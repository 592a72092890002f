//! `newsgraph ingest`: read, extract, store, and print a one-screen summary.

use crate::error::{Error, Result};
use crate::ingest::{self, Format, IngestOptions, ReadOptions};
use crate::nlp::Extractor;
use crate::store::Store;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct IngestArgs {
    /// Files, directories (read recursively) or `-` for stdin.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Read every input as this format instead of going by extension.
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<Format>,
    /// Year for datelines that omit it (`Feb. 21 (UPI) --`) when the article names none.
    #[arg(long)]
    pub year: Option<i32>,
    /// Map a field to the input's column or key name, e.g. `--field text=story`.
    #[arg(long = "field", value_name = "FIELD=NAME", value_parser = parse_field)]
    pub fields: Vec<(String, String)>,
    /// Directory with the user's own lexicon files (actors, aliases, relation triggers, in the
    /// formats of `data/`). Default: $NEWSGRAPH_LEXICON, else ~/.config/newsgraph/lexicon if it exists.
    #[arg(long, env = "NEWSGRAPH_LEXICON")]
    pub lexicon: Option<PathBuf>,
    /// Articles per write transaction.
    #[arg(long, default_value_t = 512)]
    pub batch: usize,
    /// Print no per-record reports, only the summary.
    #[arg(long, short)]
    pub quiet: bool,
}

pub(super) fn parse_field(s: &str) -> std::result::Result<(String, String), String> {
    const OURS: [&str; 7] = [
        "id",
        "title",
        "text",
        "author",
        "source",
        "published",
        "url",
    ];
    let (a, b) = s
        .split_once('=')
        .ok_or("expected FIELD=NAME, e.g. text=story")?;
    if !OURS.contains(&a) {
        return Err(format!(
            "unknown field `{a}`; fields are {}",
            OURS.join(", ")
        ));
    }
    Ok((a.to_string(), b.to_string()))
}

/// `$XDG_CONFIG_HOME/newsgraph/lexicon` (or `~/.config/...`), when that directory exists.
pub(super) fn default_lexicon() -> Option<PathBuf> {
    let config = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(config.join("newsgraph").join("lexicon")).filter(|d| d.is_dir())
}

pub fn run(args: &IngestArgs, db: &Path) -> Result<()> {
    let lexicon = args.lexicon.clone().or_else(default_lexicon);
    let extractor = Extractor::new(lexicon.as_deref())?;
    let opts = IngestOptions {
        read: ReadOptions {
            format: args.format,
            year: args.year,
            fields: args.fields.clone(),
        },
        batch: args.batch,
        progress: !args.quiet,
        stamp: super::reextract::stamp(lexicon.as_deref())?,
    };
    let quiet = args.quiet;
    let report = move |e: &Error, warning: bool| {
        if !quiet {
            crate::say!("newsgraph: {}{e}", if warning { "warning: " } else { "" });
        }
    };
    crate::interrupt::catch();
    let sum = match ingest::run(db, &args.inputs, &opts, &extractor, &report) {
        Ok(sum) => sum,
        Err(stopped) => {
            // What was stored stays stored (whole articles): say how much, then the error.
            let s = &stopped.stored;
            let error = crate::store::explain_lock(db, stopped.error);
            if s.new + s.unchanged + s.rejected == 0 {
                return Err(error);
            }
            crate::say!(
                "newsgraph: stopped after storing {} new article{} ({} unchanged, {} rejected); the same ingest run again stores the rest",
                s.new,
                if s.new == 1 { "" } else { "s" },
                s.unchanged,
                s.rejected
            );
            return Err(error);
        }
    };
    let seen = sum.new + sum.unchanged;
    crate::say!(
        "ingested {} new article{}, {} unchanged, {} rejected{}",
        sum.new,
        if sum.new == 1 { "" } else { "s" },
        sum.unchanged,
        sum.rejected,
        if sum.warnings > 0 {
            format!(
                ", {} warning{}",
                sum.warnings,
                if sum.warnings == 1 { "" } else { "s" }
            )
        } else {
            String::new()
        }
    );
    summary_rows(&sum, db)?;
    if crate::interrupt::requested() {
        return Err(Error::Interrupted(format!(
            "interrupted: reading stopped; the {} new article{} above are stored whole, and the same ingest run again stores the rest",
            sum.new,
            if sum.new == 1 { "" } else { "s" }
        )));
    }
    if seen == 0 {
        return Err(Error::Data(format!(
            "nothing ingested: {} input record{} rejected",
            sum.rejected,
            if sum.rejected == 1 { " was" } else { "s were" }
        )));
    }
    Ok(())
}

/// The rows under the first line of a summary (ingest's and load's): new rows, the
/// database's totals, the time and rate.
pub(super) fn summary_rows(sum: &ingest::Summary, db: &Path) -> Result<()> {
    let totals = Store::open_readonly(db)?.totals()?;
    let secs = sum.elapsed.as_secs_f64().max(1e-9);
    let seen = sum.new + sum.unchanged;
    crate::say!(
        "  new rows:  {} sentences, {} mentions, {} relations",
        sum.sentences,
        sum.mentions,
        sum.relations
    );
    crate::say!(
        "  database:  {} articles, {} entities, {} relations, {} edges ({})",
        totals.articles,
        totals.entities,
        totals.relations,
        totals.edges,
        db.display()
    );
    crate::say!(
        "  time:      {:.2} s, {:.0} articles/s, {:.1} MB/s",
        secs,
        seen as f64 / secs,
        sum.bytes as f64 / 1e6 / secs
    );
    Ok(())
}
