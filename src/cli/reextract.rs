//! `newsgraph reextract`: extraction again over the stored text, after an upgrade of
//! newsgraph or a lexicon change; and the lexicon fingerprint every article records.

use crate::error::{Error, Result};
use crate::ingest::reextract::{self, ReextractOptions};
use crate::nlp::Extractor;
use crate::store::Stamp;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct ReextractArgs {
    /// Every article (resumes an interrupted --all run).
    #[arg(long, conflicts_with = "stale")]
    pub all: bool,
    /// Only the articles extracted with another newsgraph or lexicon (the default).
    #[arg(long)]
    pub stale: bool,
    /// Directory with the user's own lexicon files, as for `ingest`. Default:
    /// $NEWSGRAPH_LEXICON, else ~/.config/newsgraph/lexicon if it exists.
    #[arg(long, env = "NEWSGRAPH_LEXICON")]
    pub lexicon: Option<PathBuf>,
    /// Articles per write transaction.
    #[arg(long, default_value_t = 512)]
    pub batch: usize,
    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
}

/// The fingerprint of a lexicon directory: SHA-256 over its files' names and contents, in
/// name order, 16 hex digits; empty for no lexicon.
pub fn lexicon_fingerprint(dir: Option<&Path>) -> Result<String> {
    let Some(dir) = dir else {
        return Ok(String::new());
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let mut h = Sha256::new();
    for f in files {
        let bytes = std::fs::read(&f).map_err(|e| Error::io(&f, e))?;
        h.update(f.file_name().unwrap_or_default().as_encoded_bytes());
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(&bytes);
    }
    Ok(h.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// The stamp of an extraction with the lexicon at `dir`.
pub fn stamp(dir: Option<&Path>) -> Result<Stamp> {
    Ok(Stamp {
        lexicon: lexicon_fingerprint(dir)?,
        ..Stamp::default()
    })
}

pub fn run(args: &ReextractArgs, db: &Path) -> Result<()> {
    let lexicon = args.lexicon.clone().or_else(super::ingest::default_lexicon);
    let extractor = Extractor::new(lexicon.as_deref())?;
    let opts = ReextractOptions {
        all: args.all,
        stamp: stamp(lexicon.as_deref())?,
        batch: args.batch,
        progress: !args.quiet,
    };
    crate::interrupt::catch();
    let report = |e: &Error| crate::say!("newsgraph: {e}");
    let s = reextract::run(db, &opts, &extractor, &report)
        .map_err(|e| crate::store::explain_lock(db, e))?;
    let secs = s.elapsed.as_secs_f64().max(1e-9);
    crate::say!(
        "re-extracted {} of {} article{}{}: {} mentions, {} relations; {} entities left with nothing removed",
        s.done.articles,
        s.todo,
        if s.todo == 1 { "" } else { "s" },
        if s.rejected > 0 { format!(" ({} failed, left as they were)", s.rejected) } else { String::new() },
        s.done.mentions,
        s.done.relations,
        s.done.entities_gone
    );
    crate::say!(
        "  time:      {:.2} s, {:.0} articles/s, {:.1} MB/s",
        secs,
        s.done.articles as f64 / secs,
        s.bytes as f64 / 1e6 / secs
    );
    if s.interrupted {
        return Err(Error::Interrupted(format!(
            "interrupted: the {} articles above are stored; the same command again resumes",
            s.done.articles
        )));
    }
    Ok(())
}
