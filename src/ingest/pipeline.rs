//! The ingest run: a reader thread, parallel extraction, and a single batching writer.

use super::{read_inputs, Item, ReadOptions};
use crate::error::{Error, Result};
use crate::model::Article;
use crate::nlp::Extractor;
use crate::store::{PreparedArticle, Store};
use crossbeam_channel::bounded;
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How to run an ingest.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    pub read: ReadOptions,
    /// Articles per write transaction.
    pub batch: usize,
    /// Show a progress bar (only on a terminal).
    pub progress: bool,
    /// What the new articles are recorded as extracted with (`reextract --stale`).
    pub stamp: crate::store::Stamp,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            read: ReadOptions::default(),
            batch: 512,
            progress: false,
            stamp: Default::default(),
        }
    }
}

/// What an ingest did.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub new: u64,
    pub unchanged: u64,
    pub rejected: u64,
    pub warnings: u64,
    /// Rows written for the new articles.
    pub sentences: u64,
    pub mentions: u64,
    pub relations: u64,
    /// Text bytes of the new articles.
    pub bytes: u64,
    pub elapsed: Duration,
}

/// A batch is cut at this much text too (ingest and `load` cut alike, so the archive-wide
/// resolution after each batch sees the same batches).
pub const BATCH_TEXT_BYTES: usize = 1 << 20;

/// A batch from the reader: articles and the reports met while reading them.
#[derive(Default)]
struct Batch {
    articles: Vec<Article>,
    reports: Vec<Item>,
    /// Input bytes read when the batch was cut: the progress bar's position once it is done.
    read_to: u64,
}

/// An ingest the store stopped: the error, and what was stored before it (whole articles
/// only, each committed with its batch).
#[derive(Debug)]
pub struct Stopped {
    pub error: Error,
    pub stored: Box<Summary>,
}

impl From<Stopped> for Error {
    fn from(s: Stopped) -> Error {
        s.error
    }
}

impl From<Error> for Stopped {
    fn from(error: Error) -> Stopped {
        Stopped {
            error,
            stored: Box::default(),
        }
    }
}

/// Ingest `inputs` into the database at `db`. Reports (rejected records, warnings, articles
/// the store refused) go to `report` as they happen. Fails only when the store fails, and
/// then says what it had stored.
pub fn run(
    db: &Path,
    inputs: &[PathBuf],
    opts: &IngestOptions,
    extractor: &Extractor,
    report: &(dyn Fn(&Error, bool) + Sync),
) -> Result<Summary, Stopped> {
    let started = Instant::now();
    let mut store = Store::open(db)?;
    store.set_stamp(opts.stamp.clone());
    let lookup = Store::open(db)?;
    let (read_tx, read_rx) = bounded::<Batch>(4);
    let (write_tx, write_rx) = bounded::<Vec<PreparedArticle>>(2);
    let batch_size = opts.batch.max(1);
    let progress =
        crate::progress::Progress::new(opts.progress, || super::input_bytes(inputs, &opts.read));

    let warming = crate::store::prefetch::Plan::new(&store, db)?;

    std::thread::scope(|s| -> Result<Summary, Stopped> {
        // A large archive's scattered index pages are read ahead while the first batches
        // are extracted, instead of one by one under the writer's inserts.
        s.spawn(move || warming.run());
        let read_opts = &opts.read;
        s.spawn(move || {
            let mut batch = Batch::default();
            let mut bytes = 0usize;
            read_inputs(inputs, read_opts, &mut |item| {
                if crate::interrupt::requested() {
                    return false; // Ctrl-C: store what was read, read no more
                }
                match item {
                    Item::Article(a) => {
                        bytes += a.text.len();
                        batch.articles.push(a);
                    }
                    other => batch.reports.push(other),
                }
                // A batch is cut at 1 MB of text too, so a few very long articles do not
                // fill every queue slot with many megabytes each.
                if batch.articles.len() >= batch_size || bytes >= BATCH_TEXT_BYTES {
                    bytes = 0;
                    let mut full = std::mem::take(&mut batch);
                    full.read_to = crate::progress::bytes_read();
                    return read_tx.send(full).is_ok();
                }
                // Many reports are passed on without cutting the articles' batch: batches
                // are cut by articles and text alone, as `load` cuts the lines of `extract`
                // (which carry no reports), so both see the same archive-wide resolution.
                if batch.reports.len() >= 256 {
                    let reports = std::mem::take(&mut batch.reports);
                    let read_to = crate::progress::bytes_read();
                    return read_tx
                        .send(Batch {
                            reports,
                            read_to,
                            ..Batch::default()
                        })
                        .is_ok();
                }
                true
            });
            batch.read_to = crate::progress::bytes_read();
            let _ = read_tx.send(batch);
        });

        let writer = s.spawn(move || {
            let batches = write_rx.into_iter().map(|b| (None, b));
            super::writer::write_batches(&mut store, batches, report)
        });

        let mut pre = Summary::default();
        let mut failed = None;
        for batch in read_rx {
            for r in &batch.reports {
                match r {
                    Item::Rejected(e) => {
                        pre.rejected += 1;
                        report(e, false);
                    }
                    Item::Warning(e) => {
                        pre.warnings += 1;
                        report(e, true);
                    }
                    Item::Article(_) => {}
                }
            }
            let seen = batch.articles.len() as u64;
            let batch_read_to = batch.read_to;
            let mut fresh = Vec::with_capacity(batch.articles.len());
            for a in batch.articles {
                let hash = content_hash(&a.text);
                match lookup.has_article_hash(&hash) {
                    Ok(true) => pre.unchanged += 1,
                    Ok(false) => fresh.push((a, hash)),
                    Err(e) => {
                        failed = Some(e);
                        break;
                    }
                }
            }
            if failed.is_some() {
                break;
            }
            let extracted: Vec<Result<PreparedArticle>> = fresh
                .into_par_iter()
                .map(|(article, hash)| {
                    Ok(PreparedArticle {
                        extraction: extract_guarded(extractor, &article)?,
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
            progress.advance(seen, batch_read_to);
            if seen == 0 {
                continue; // reports only: no batch to write
            }
            if write_tx.send(prepared).is_err() {
                break; // the writer failed; its error is returned below
            }
        }
        drop(write_tx);
        let (written, write_error) = writer.join().expect("writer thread panicked");
        progress.finish();
        let sum = Summary {
            new: written.new,
            unchanged: written.unchanged + pre.unchanged,
            rejected: written.rejected + pre.rejected,
            warnings: pre.warnings,
            sentences: written.sentences,
            mentions: written.mentions,
            relations: written.relations,
            bytes: written.bytes,
            elapsed: started.elapsed(),
        };
        match write_error.or(failed) {
            Some(error) => Err(Stopped {
                error,
                stored: Box::new(sum),
            }),
            None => Ok(sum),
        }
    })
}

/// Extract one article; a bug that panics on some text costs that article, not the run.
pub(crate) fn extract_guarded(
    extractor: &Extractor,
    a: &Article,
) -> Result<crate::model::Extraction> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| extractor.extract(&a.text))).map_err(
        |p| {
            let msg = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Error::Data(format!(
                "{}: extraction failed (a newsgraph bug, please report it): {msg}",
                a.path
            ))
        },
    )
}

/// The content hash that makes re-ingesting an article a no-op: SHA-256 of the cleaned text,
/// in hex.
pub fn content_hash(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let d = Sha256::digest(text.as_bytes());
    let mut s = String::with_capacity(64);
    for b in d {
        s.push(HEX[(b >> 4) as usize] as char);
        s.push(HEX[(b & 15) as usize] as char);
    }
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn content_hash_is_sha256_hex() {
        assert_eq!(
            super::content_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
