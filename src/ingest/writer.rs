//! The one writer of ingest, `load` and `merge`: batches of prepared articles into the store,
//! one transaction a batch, with the counts a summary reports.

use super::pipeline::Summary;
use crate::error::Error;
use crate::store::{ArticleOutcome, PreparedArticle, Stamp, Store};

/// A batch to write, and what its articles were extracted with when that is not the
/// store's stamp (`load` stores each line's own).
pub type StampedBatch = (Option<Stamp>, Vec<PreparedArticle>);

/// Write every batch received, in order, until the channel closes. Articles the store
/// refuses are reported and counted as rejected; a store failure stops the writing and is
/// returned beside what was written before it.
pub fn write_batches(
    store: &mut Store,
    batches: impl IntoIterator<Item = StampedBatch>,
    report: &(dyn Fn(&Error, bool) + Sync),
) -> (Summary, Option<Error>) {
    let mut sum = Summary::default();
    for (stamp, batch) in batches {
        if let Some(stamp) = stamp {
            store.set_stamp(stamp);
        }
        let outcomes = match store.write_batch(&batch) {
            Ok(o) => o,
            Err(e) => return (sum, Some(e)),
        };
        for (p, o) in batch.iter().zip(outcomes) {
            match o {
                Ok(ArticleOutcome::New(_)) => {
                    sum.new += 1;
                    sum.sentences += p.extraction.sentences.len() as u64;
                    sum.mentions += p.extraction.mentions.len() as u64;
                    sum.relations += p.extraction.relations.len() as u64;
                    sum.bytes += p.article.text.len() as u64;
                }
                Ok(ArticleOutcome::Unchanged) => sum.unchanged += 1,
                Err(e) => {
                    sum.rejected += 1;
                    report(&e, false);
                }
            }
        }
    }
    (sum, None)
}
