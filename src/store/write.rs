//! Writing articles with all their rows: one transaction per batch, each article whole or not at all.

use super::cache::WriteCache;
use super::reextract::Stamp;
use super::sentence_text::Fts;
use super::{ArticleId, EntityId, Store};
use crate::error::{Result, SqlContext};
use crate::model::{Article, Extraction};
use rusqlite::params;

/// An article ready to store: its content hash and what extraction made of it.
#[derive(Debug, Clone)]
pub struct PreparedArticle {
    pub article: Article,
    pub hash: String,
    pub extraction: Extraction,
}

/// What happened to one article of a batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArticleOutcome {
    New(ArticleId),
    /// Its content hash was already stored.
    Unchanged,
}

impl Store {
    /// Is an article with this content hash already stored?
    pub fn has_article_hash(&self, hash: &str) -> Result<bool> {
        self.conn
            .prepare_cached("SELECT 1 FROM articles WHERE hash = ?1")
            .and_then(|mut s| s.exists([hash]))
            .ctx("looking up article hash")
    }

    /// Store a batch of articles in one transaction. Each article is written whole or not at
    /// all: one that fails is rolled back and reported in its slot, and the rest of the batch
    /// is kept. An article whose hash is already stored is `Unchanged`. The outer error is for
    /// the store itself failing (disk full, I/O), when nothing of the batch is committed.
    ///
    /// The batch is first written without savepoints (they cost a journal copy of every page
    /// an article touches); only if an article fails is it rolled back and written again
    /// with one savepoint per article.
    pub fn write_batch(
        &mut self,
        batch: &[PreparedArticle],
    ) -> Result<Vec<Result<ArticleOutcome>>> {
        match self.write_batch_with(batch, false)? {
            Some(out) => Ok(out),
            None => Ok(self
                .write_batch_with(batch, true)?
                .expect("with savepoints every article gets an outcome")),
        }
    }

    /// One attempt at a batch. Without `savepoints`, an article that fails rolls the whole
    /// batch back and the answer is `None`.
    fn write_batch_with(
        &mut self,
        batch: &[PreparedArticle],
        savepoints: bool,
    ) -> Result<Option<Vec<Result<ArticleOutcome>>>> {
        // IMMEDIATE: take the write lock up front, waiting (busy timeout) for another writer,
        // rather than failing when a read transaction cannot be upgraded.
        let mut tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .ctx("starting batch transaction")?;
        // Articles of this batch get ids above the current maximum (one writer at a time).
        let before: i64 = tx
            .query_row("SELECT coalesce(max(id), 0) FROM articles", [], |r| {
                r.get(0)
            })
            .ctx("reading last article id")?;
        let entities_before = super::resolve::last_entity(&tx)?;
        let mut out = Vec::with_capacity(batch.len());
        let cache = &mut self.cache;
        let stamp = &self.stamp;
        for p in batch {
            if !savepoints {
                match write_article(&tx, p, cache, stamp) {
                    Ok((o, counters)) => {
                        cache.article_done(counters);
                        out.push(Ok(o));
                    }
                    Err(e) => {
                        cache.batch_failed();
                        return if is_store_failure(&e) {
                            Err(e)
                        } else {
                            Ok(None)
                        };
                    }
                }
                continue;
            }
            let sp = tx.savepoint().ctx("starting article savepoint")?;
            match write_article(&sp, p, cache, stamp) {
                Ok((o, counters)) => {
                    if let Err(e) = sp.commit().ctx("releasing article savepoint") {
                        cache.batch_failed();
                        return Err(e);
                    }
                    cache.article_done(counters);
                    out.push(Ok(o));
                }
                Err(e) if is_store_failure(&e) => {
                    cache.batch_failed();
                    return Err(e);
                }
                Err(e) => {
                    drop(sp); // rolls the article back
                    cache.article_failed();
                    out.push(Err(e));
                }
            }
        }
        let replayed = finish_batch(&tx, before, cache.take_counters())
            .and_then(|_| super::resolve::after_batch(&tx, entities_before, cache))
            .and_then(|_| {
                cache.purge_gone();
                let scope = super::curation::Scope::After(before);
                super::curation::replay(&tx, entities_before, scope)
            });
        match replayed {
            Err(e) => {
                cache.batch_failed();
                return Err(e);
            }
            // corrections moved or deleted entities the cache may hold
            Ok(n) if n > 0 => cache.forget_entities(),
            Ok(_) => {}
        }
        if let Err(e) = tx.commit().ctx("committing batch") {
            cache.batch_failed();
            return Err(e);
        }
        cache.batch_committed();
        Ok(Some(out))
    }
}

/// What a batch writes once, after its articles: entity counters and the full-text index.
fn finish_batch(
    tx: &rusqlite::Transaction,
    before: i64,
    counters: Vec<(EntityId, i64, i64)>,
) -> Result<()> {
    let mut up = tx
        .prepare_cached(
            "UPDATE entities SET mentions = mentions + ?2, articles = articles + ?3 WHERE id = ?1",
        )
        .ctx("preparing entity counters")?;
    for (id, mentions, articles) in counters {
        up.execute(params![id.0, mentions, articles])
            .ctx("updating entity counters")?;
    }
    // FTS5 flushes its buffer at every savepoint, so indexing inside the per-article
    // savepoints would cost a merge per article: index the whole batch at once instead.
    super::sentence_text::fts(
        tx,
        "SELECT id FROM articles WHERE id > ?1",
        Some(before),
        Fts::Insert,
    )?;
    Ok(())
}

/// Write one article's rows; returns its outcome and its mention count per entity.
fn write_article(
    tx: &rusqlite::Connection,
    p: &PreparedArticle,
    cache: &mut WriteCache,
    stamp: &Stamp,
) -> Result<(ArticleOutcome, Vec<(EntityId, i64)>)> {
    let a = &p.article;
    let inserted = tx
        .prepare_cached(
            "INSERT INTO articles (hash, external_id, title, author, source, published, url, path, text,
                                   extractor, lexicon)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
             ON CONFLICT (hash) DO NOTHING",
        )
        .and_then(|mut s| {
            s.execute(params![
                p.hash,
                a.external_id,
                a.title,
                a.author,
                a.source,
                a.published,
                a.url,
                a.path,
                a.text,
                stamp.extractor,
                stamp.lexicon
            ])
        })
        .ctx_with(|| format!("inserting article {}", a.path))?;
    if inserted == 0 {
        return Ok((ArticleOutcome::Unchanged, Vec::new()));
    }
    let article = ArticleId(tx.last_insert_rowid());
    let counters = super::rows::write_rows(tx, article, a, &p.extraction, cache, true, None)?;
    Ok((ArticleOutcome::New(article), counters))
}

/// Errors that mean the database itself cannot take writes, not that one article is bad.
fn is_store_failure(e: &crate::error::Error) -> bool {
    use rusqlite::ErrorCode::*;
    match e {
        crate::error::Error::Sql { source, .. } => matches!(
            source.sqlite_error_code(),
            Some(
                DiskFull
                    | SystemIoFailure
                    | ReadOnly
                    | DatabaseCorrupt
                    | NotADatabase
                    | OutOfMemory
                    | CannotOpen
            )
        ),
        _ => false,
    }
}

#[cfg(test)]
#[path = "write_tests.rs"]
mod tests;
