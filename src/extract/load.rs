//! The `load` run: extraction lines read and checked on a reader thread, cut into batches as
//! ingest cuts them, and stored by ingest's own writer (dedupe by content hash, entity
//! unification, archive-wide resolution, edges, corrections replayed).

use super::record::{line_error, Record};
use crate::error::{Error, Result};
use crate::fxhash::FxSet;
use crate::ingest::writer::{write_batches, StampedBatch};
use crate::ingest::{Stopped, Summary, BATCH_TEXT_BYTES};
use crate::store::{PreparedArticle, Stamp, Store};
use crossbeam_channel::bounded;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// How to run a load.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Articles per write transaction (as ingest's `--batch`).
    pub batch: usize,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions { batch: 512 }
    }
}

/// The files a load reads, in order: files as named, directories' regular files in name
/// order (not hidden ones, nor `_SUCCESS` and the like that Spark writes beside its parts).
pub fn line_files(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for p in inputs {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| Error::io(p, e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.is_file())
                .filter(|f| {
                    let name = f.file_name().unwrap_or_default().to_string_lossy();
                    !name.starts_with('.') && !name.starts_with('_') && !name.ends_with(".crc")
                })
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(p.clone());
        }
    }
    Ok(files)
}

/// Open one input of lines (`-` is stdin), gunzipping it when it starts as gzip does.
fn open_lines(path: &Path) -> Result<Box<dyn BufRead>> {
    let raw: Box<dyn Read> = if path.as_os_str() == "-" {
        Box::new(std::io::stdin())
    } else {
        Box::new(std::fs::File::open(path).map_err(|e| Error::io(path, e))?)
    };
    let mut r = BufReader::with_capacity(1 << 16, raw);
    let gz = r.fill_buf().is_ok_and(|h| h.starts_with(&[0x1f, 0x8b]));
    Ok(if gz {
        Box::new(BufReader::new(flate2::bufread::MultiGzDecoder::new(r)))
    } else {
        Box::new(r)
    })
}

/// Load the extraction lines of `inputs` into the database at `db`. A line that cannot be
/// stored is reported as `path:line: reason` and the others still load; fails only when
/// the store fails, and then says what it had stored.
pub fn run(
    db: &Path,
    inputs: &[PathBuf],
    opts: &LoadOptions,
    report: &(dyn Fn(&Error, bool) + Sync),
) -> Result<Summary, Stopped> {
    let started = Instant::now();
    let files = line_files(inputs)?;
    let mut store = Store::open(db)?;
    let types = store.relation_type_names()?;
    let (tx, rx) = bounded::<StampedBatch>(2);
    let batch_size = opts.batch.max(1);
    let warming = crate::store::prefetch::Plan::new(&store, db)?;
    let (written, write_error, pre) = std::thread::scope(|s| {
        s.spawn(move || warming.run());
        let reader = s.spawn(move || read_batches(&files, &types, batch_size, &tx, report));
        let (written, write_error) = write_batches(&mut store, rx, report);
        (
            written,
            write_error,
            reader.join().expect("reader thread panicked"),
        )
    });
    let sum = Summary {
        rejected: written.rejected + pre.rejected,
        elapsed: started.elapsed(),
        ..written
    };
    match write_error {
        Some(error) => Err(Stopped {
            error,
            stored: Box::new(sum),
        }),
        None => Ok(sum),
    }
}

/// Read every file's lines into batches of records, cut as ingest cuts its batches (and
/// where the stamp changes); send them until the writer stops taking them. Returns the
/// lines refused.
fn read_batches(
    files: &[PathBuf],
    types: &FxSet<String>,
    batch_size: usize,
    tx: &crossbeam_channel::Sender<StampedBatch>,
    report: &(dyn Fn(&Error, bool) + Sync),
) -> Summary {
    let mut pre = Summary::default();
    let mut batch: Vec<PreparedArticle> = Vec::new();
    let mut stamp: Option<Stamp> = None;
    let mut bytes = 0usize;
    let send = |batch: &mut Vec<PreparedArticle>, stamp: &Option<Stamp>| {
        tx.send((stamp.clone(), std::mem::take(batch))).is_ok()
    };
    for file in files {
        if crate::interrupt::requested() {
            break;
        }
        let name = file.display().to_string();
        let mut input = match open_lines(file) {
            Ok(i) => i,
            Err(e) => {
                pre.rejected += 1;
                report(&line_error(&name, 1, format!("cannot open: {e}")), false);
                continue;
            }
        };
        let mut buf = Vec::new();
        let mut line = 0u64;
        loop {
            if crate::interrupt::requested() {
                break; // Ctrl-C: store what was read whole, read no more
            }
            buf.clear();
            line += 1;
            match input.read_until(b'\n', &mut buf) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) => {
                    pre.rejected += 1;
                    report(&line_error(&name, line, format!("cannot read: {e}")), false);
                    break;
                }
            }
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let parsed = std::str::from_utf8(&buf)
                .map_err(|e| format!("not UTF-8: {e}"))
                .and_then(|l| Record::parse(l, types));
            let record = match parsed {
                Ok(r) => r,
                Err(why) => {
                    pre.rejected += 1;
                    report(&line_error(&name, line, why), false);
                    continue;
                }
            };
            if stamp.as_ref() != Some(&record.stamp) {
                if !batch.is_empty() && !send(&mut batch, &stamp) {
                    return pre;
                }
                bytes = 0;
                stamp = Some(record.stamp);
            }
            bytes += record.prepared.article.text.len();
            batch.push(record.prepared);
            if (batch.len() >= batch_size || bytes >= BATCH_TEXT_BYTES) && !send(&mut batch, &stamp)
            {
                return pre;
            }
            if batch.is_empty() {
                bytes = 0;
            }
        }
    }
    if !batch.is_empty() {
        send(&mut batch, &stamp);
    }
    pre
}
