//! The `merge` run: another database's articles read back in the order they were stored,
//! made into extraction records by this build's extraction (as `extract` makes them), and
//! stored by ingest's writer, so the result is that of ingesting them here.
//!
//! OTHER's stored rows are not copied: its entities carry OTHER's own archive-wide merges
//! and corrections, which are not this archive's (a lone `Kang` there may be one of two
//! Kangs here). Its text is the input; its corrections are counted and left to the user.

use crate::error::{Error, Result};
use crate::ingest::writer::write_batches;
use crate::ingest::{content_hash, Stopped, Summary, BATCH_TEXT_BYTES};
use crate::model::Article;
use crate::nlp::Extractor;
use crate::store::{PreparedArticle, Stamp, Store};
use crossbeam_channel::bounded;
use rayon::prelude::*;
use std::path::Path;
use std::time::Instant;

/// What a merge did: the summary of the writing, and OTHER's corrections left behind.
#[derive(Debug, Clone, Default)]
pub struct Merged {
    pub summary: Summary,
    /// Articles OTHER holds.
    pub other_articles: i64,
    /// Corrections in force in OTHER (not carried over).
    pub other_curations: i64,
}

/// Fold the articles of the database at `other` into the one at `db`. OTHER is opened
/// read-only and must have this database's schema version.
pub fn run(
    db: &Path,
    other: &Path,
    stamp: Stamp,
    batch: usize,
    extractor: &Extractor,
    report: &(dyn Fn(&Error, bool) + Sync),
) -> Result<Merged, Stopped> {
    let started = Instant::now();
    if same_file(db, other) {
        return Err(Error::Usage(format!(
            "{}: that is this database; merge another one",
            other.display()
        ))
        .into());
    }
    let theirs = Store::open_readonly(other)?;
    let mut store = Store::open(db)?;
    store.check_same_schema(&theirs, other)?;
    store.set_stamp(stamp);
    let lookup = Store::open(db)?;
    let mut merged = Merged {
        other_articles: theirs.article_count()?,
        other_curations: theirs.curations_in_force()?,
        ..Default::default()
    };
    let (tx, rx) = bounded::<Vec<PreparedArticle>>(2);
    let size = batch.max(1);
    let warming = crate::store::prefetch::Plan::new(&store, db)?;
    let (written, write_error, pre, failed) = std::thread::scope(|s| {
        s.spawn(move || warming.run());
        let writer =
            s.spawn(move || write_batches(&mut store, rx.into_iter().map(|b| (None, b)), report));
        let mut pre = Summary::default();
        let mut failed = None;
        // Extract a batch and hand it to the writer; false when the run must stop.
        let flush = |chunk: Vec<Article>, pre: &mut Summary, failed: &mut Option<Error>| {
            let mut fresh = Vec::with_capacity(chunk.len());
            for a in chunk {
                let hash = content_hash(&a.text);
                match lookup.has_article_hash(&hash) {
                    Ok(true) => pre.unchanged += 1,
                    Ok(false) => fresh.push((a, hash)),
                    Err(e) => {
                        *failed = Some(e);
                        return false;
                    }
                }
            }
            let extracted: Vec<Result<PreparedArticle>> = fresh
                .into_par_iter()
                .map(|(article, hash)| {
                    Ok(PreparedArticle {
                        extraction: crate::ingest::extract_guarded(extractor, &article)?,
                        article,
                        hash,
                    })
                })
                .collect();
            let mut prepared = Vec::with_capacity(extracted.len());
            for p in extracted {
                match p {
                    Ok(p) => prepared.push(p),
                    Err(e) => {
                        pre.rejected += 1;
                        report(&e, false);
                    }
                }
            }
            tx.send(prepared).is_ok() // an error: the writer failed, and says why below
        };
        // Cut as ingest's reader cuts: at `size` articles or a megabyte of text.
        let (mut after, mut pending, mut bytes) = (0i64, Vec::new(), 0usize);
        loop {
            if crate::interrupt::requested() {
                break;
            }
            let stored = match theirs.articles_after(after, size) {
                Ok(s) if s.is_empty() => break,
                Ok(s) => s,
                Err(e) => {
                    failed = Some(e);
                    break;
                }
            };
            after = stored.last().map_or(after, |a| a.id.0);
            let mut go = true;
            for a in stored {
                bytes += a.article.text.len();
                pending.push(a.article);
                if pending.len() >= size || bytes >= BATCH_TEXT_BYTES {
                    bytes = 0;
                    go = flush(std::mem::take(&mut pending), &mut pre, &mut failed);
                    if !go {
                        break;
                    }
                }
            }
            if !go {
                pending.clear();
                break;
            }
        }
        if !pending.is_empty() && failed.is_none() {
            flush(pending, &mut pre, &mut failed);
        }
        drop(tx);
        let (written, write_error) = writer.join().expect("writer thread panicked");
        (written, write_error, pre, failed)
    });
    merged.summary = Summary {
        unchanged: written.unchanged + pre.unchanged,
        rejected: written.rejected + pre.rejected,
        elapsed: started.elapsed(),
        ..written
    };
    match write_error.or(failed) {
        Some(error) => Err(Stopped {
            error,
            stored: Box::new(merged.summary),
        }),
        None => Ok(merged),
    }
}

/// Do two paths name one file (so a database would be merged into itself)?
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
        _ => false,
    }
}
