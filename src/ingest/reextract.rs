//! The re-extraction run: stored articles read in batches, extracted in parallel with the
//! ingest pipeline's extraction, and written by one writer thread, one transaction a batch,
//! while the next batch is extracted.

use super::pipeline::extract_guarded;
use crate::error::{Error, Result};
use crate::model::Extraction;
use crate::nlp::Extractor;
use crate::store::{Reextracted, Stamp, Store, StoredArticle};
use crossbeam_channel::bounded;
use rayon::prelude::*;
use std::path::Path;
use std::time::{Duration, Instant};

/// How to run a re-extraction.
#[derive(Debug, Clone)]
pub struct ReextractOptions {
    /// Every article (else only the stale ones).
    pub all: bool,
    /// What the articles are extracted with now.
    pub stamp: Stamp,
    /// Articles per write transaction.
    pub batch: usize,
    pub progress: bool,
}

/// What a re-extraction did.
#[derive(Debug, Clone, Default)]
pub struct ReSummary {
    pub done: Reextracted,
    /// Articles whose extraction failed (left as they were).
    pub rejected: u64,
    /// Articles the run had to do when it started.
    pub todo: i64,
    /// Text bytes extracted.
    pub bytes: u64,
    pub elapsed: Duration,
    /// Stopped by Ctrl-C before the end (what was done is committed).
    pub interrupted: bool,
}

type Batch = Vec<(StoredArticle, Extraction)>;

/// Extract again the stale articles (or all) of the database at `db`.
pub fn run(
    db: &Path,
    opts: &ReextractOptions,
    extractor: &Extractor,
    report: &(dyn Fn(&Error) + Sync),
) -> Result<ReSummary> {
    let started = Instant::now();
    let mut store = Store::open_existing(db)?;
    let reader = Store::open(db)?;
    let (mut after, last, todo) = store.begin_reextract(opts.all, &opts.stamp)?;
    let progress = crate::progress::Progress::new(opts.progress && todo > 0, || None);
    let (tx, rx) = bounded::<Batch>(1);
    let size = opts.batch.max(1);
    let mut sum = ReSummary {
        todo,
        ..Default::default()
    };
    let (all, stamp) = (opts.all, &opts.stamp);
    let (written, error, mut store) = std::thread::scope(|s| {
        let writer = s.spawn(move || {
            let mut done = Reextracted::default();
            for batch in rx {
                let refs: Vec<_> = batch.iter().map(|(a, x)| (a, x)).collect();
                match store.replace_extractions(&refs, stamp, all) {
                    Ok(d) => {
                        done.articles += d.articles;
                        done.mentions += d.mentions;
                        done.relations += d.relations;
                        done.entities_gone += d.entities_gone;
                    }
                    Err(e) => return (done, Some(e), store),
                }
            }
            (done, None, store)
        });
        let mut failed = None;
        loop {
            if crate::interrupt::requested() {
                sum.interrupted = true;
                break;
            }
            let batch = match reader.articles_to_reextract(after, last, all, stamp, size) {
                Ok(b) => b,
                Err(e) => {
                    failed = Some(e);
                    break;
                }
            };
            let Some(end) = batch.last().map(|a| a.id.0) else {
                break;
            };
            after = end;
            let n = batch.len() as u64;
            sum.bytes += batch
                .iter()
                .map(|a| a.article.text.len() as u64)
                .sum::<u64>();
            let extracted: Vec<(StoredArticle, Result<Extraction>)> = batch
                .into_par_iter()
                .map(|a| {
                    let x = extract_guarded(extractor, &a.article);
                    (a, x)
                })
                .collect();
            let mut ok = Vec::with_capacity(extracted.len());
            for (a, x) in extracted {
                match x {
                    Ok(x) => ok.push((a, x)),
                    Err(e) => {
                        sum.rejected += 1;
                        report(&e);
                    }
                }
            }
            progress.advance(n, 0);
            if tx.send(ok).is_err() {
                break; // the writer failed; its error is returned below
            }
        }
        drop(tx);
        let (done, error, store) = writer.join().expect("writer thread panicked");
        (done, error.or(failed), store)
    });
    progress.finish();
    sum.done = written;
    sum.elapsed = started.elapsed();
    if let Some(e) = error {
        return Err(e);
    }
    if all && !sum.interrupted {
        store.end_reextract()?;
    }
    Ok(sum)
}
