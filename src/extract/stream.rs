//! The `extract` run: ingest's readers on a reader thread, ingest's extraction in parallel,
//! and one extraction line per article written in input order. No database.

use super::record::Record;
use crate::error::{Error, Result};
use crate::ingest::{read_inputs, Item, ReadOptions, BATCH_TEXT_BYTES};
use crate::model::Article;
use crate::nlp::Extractor;
use crate::store::{PreparedArticle, Stamp};
use crossbeam_channel::bounded;
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// How to run an extraction.
#[derive(Debug, Clone, Default)]
pub struct ExtractOptions {
    pub read: ReadOptions,
    /// What the lines record as extracted with.
    pub stamp: Stamp,
    /// The name stdin goes by in article paths and reports (default `-`), so a slice of a
    /// file piped in (a Spark partition) is named as the file would be.
    pub stdin_name: Option<String>,
    /// The line number of stdin's first line in that file (default 1).
    pub first_line: u64,
}

/// What an extraction did.
#[derive(Debug, Clone, Default)]
pub struct ExtractSummary {
    pub articles: u64,
    pub rejected: u64,
    pub warnings: u64,
    pub bytes: u64,
    pub elapsed: Duration,
}

/// Articles read and the reports met while reading them, in input order.
#[derive(Default)]
struct Batch {
    articles: Vec<Article>,
    reports: Vec<Item>,
}

/// Extract every article of `inputs` and write its line to `out`, in input order. Reports
/// go to `report` (the flag: a warning). Fails only when `out` cannot be written.
pub fn run(
    inputs: &[PathBuf],
    opts: &ExtractOptions,
    extractor: &Extractor,
    out: &mut dyn Write,
    report: &(dyn Fn(&Error, bool) + Sync),
) -> Result<ExtractSummary> {
    let started = Instant::now();
    let (tx, rx) = bounded::<Batch>(4);
    let mut sum = ExtractSummary::default();
    std::thread::scope(|s| -> Result<()> {
        s.spawn(move || {
            let mut batch = Batch::default();
            let mut bytes = 0usize;
            read_inputs(inputs, &opts.read, &mut |item| {
                match renamed(item, opts) {
                    Item::Article(a) => {
                        bytes += a.text.len();
                        batch.articles.push(a);
                    }
                    other => batch.reports.push(other),
                }
                if batch.articles.len() >= 256 || bytes >= BATCH_TEXT_BYTES {
                    bytes = 0;
                    return tx.send(std::mem::take(&mut batch)).is_ok();
                }
                true
            });
            let _ = tx.send(batch);
        });
        let mut buf = Vec::with_capacity(1 << 20);
        for batch in rx {
            for r in &batch.reports {
                match r {
                    Item::Rejected(e) => {
                        sum.rejected += 1;
                        report(e, false);
                    }
                    Item::Warning(e) => {
                        sum.warnings += 1;
                        report(e, true);
                    }
                    Item::Article(_) => {}
                }
            }
            let lines: Vec<Result<Vec<u8>>> = batch
                .articles
                .into_par_iter()
                .map(|article| {
                    let extraction = crate::ingest::extract_guarded(extractor, &article)?;
                    let record = Record {
                        prepared: PreparedArticle {
                            hash: crate::ingest::content_hash(&article.text),
                            article,
                            extraction,
                        },
                        stamp: opts.stamp.clone(),
                    };
                    let mut line = Vec::with_capacity(4 * record.prepared.article.text.len());
                    record.write_line(&mut line);
                    Ok(line)
                })
                .collect();
            buf.clear();
            for l in lines {
                match l {
                    Ok(l) => {
                        sum.articles += 1;
                        buf.extend_from_slice(&l);
                    }
                    Err(e) => {
                        sum.rejected += 1;
                        report(&e, false);
                    }
                }
            }
            // Dropping the receiver on an error stops the reader at its next batch.
            out.write_all(&buf)?;
        }
        out.flush()?;
        Ok(())
    })?;
    sum.elapsed = started.elapsed();
    Ok(sum)
}

/// An item read from stdin named as `--stdin-name` and numbered from `--first-line`.
fn renamed(item: Item, opts: &ExtractOptions) -> Item {
    let Some(name) = &opts.stdin_name else {
        return item;
    };
    let shift = opts.first_line.max(1) - 1;
    match item {
        Item::Article(mut a) => {
            if a.path == "-" {
                a.path = name.clone();
            } else if let Some(line) = a
                .path
                .strip_prefix("-:")
                .and_then(|l| l.parse::<u64>().ok())
            {
                a.path = format!("{name}:{}", line + shift);
            }
            Item::Article(a)
        }
        Item::Rejected(e) => Item::Rejected(renamed_error(e, name, shift)),
        Item::Warning(e) => Item::Warning(renamed_error(e, name, shift)),
    }
}

fn renamed_error(e: Error, name: &str, shift: u64) -> Error {
    match e {
        Error::Record { path, line, reason } if path == "-" => Error::Record {
            path: name.to_string(),
            line: line + shift,
            reason,
        },
        Error::Data(m) if m.starts_with("-: ") => Error::Data(format!("{name}{}", &m[1..])),
        e => e,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stdin_is_named_and_numbered_as_the_file_it_is_a_slice_of() {
        let opts = ExtractOptions {
            stdin_name: Some("archive.jsonl".into()),
            first_line: 101,
            ..Default::default()
        };
        let a = Article {
            path: "-:3".into(),
            ..Default::default()
        };
        let Item::Article(a) = renamed(Item::Article(a), &opts) else {
            panic!("an article stays an article")
        };
        assert_eq!(a.path, "archive.jsonl:103");
        let e = Error::Record {
            path: "-".into(),
            line: 1,
            reason: "invalid JSON".into(),
        };
        let Item::Rejected(e) = renamed(Item::Rejected(e), &opts) else {
            panic!("a report stays a report")
        };
        assert_eq!(e.to_string(), "archive.jsonl:101: invalid JSON");
        let other = Article {
            path: "other.jsonl:3".into(),
            ..Default::default()
        };
        let Item::Article(other) = renamed(Item::Article(other), &opts) else {
            panic!()
        };
        assert_eq!(other.path, "other.jsonl:3", "only stdin is renamed");
    }
}
