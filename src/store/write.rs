//! Writing articles with all their rows: one transaction per batch, each article whole or not at all.

use super::cache::WriteCache;
use super::check::check;
use super::edges::EdgeTally;
use super::offsets::CharOffsets;
use super::{ArticleId, EntityId, SentenceId, Store};
use crate::error::{Result, SqlContext};
use crate::fxhash::FxMap;
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
        for p in batch {
            if !savepoints {
                match write_article(&tx, p, cache) {
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
            match write_article(&sp, p, cache) {
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
    tx.prepare_cached(
        "INSERT INTO sentence_fts (rowid, text) SELECT id, text FROM sentences WHERE article_id > ?1",
    )
    .and_then(|mut s| s.execute([before]))
    .ctx("indexing sentences")?;
    Ok(())
}

/// The id of entity (`name`, `kind`), inserted if new. Not `RETURNING id`: that opens an
/// ephemeral table each time it runs: 10% of the writer's instructions on Reuters.
fn entity_id(tx: &rusqlite::Connection, name: &str, kind: &str) -> Result<EntityId> {
    let inserted = tx
        .prepare_cached(
            "INSERT INTO entities (name, type) VALUES (?1, ?2) ON CONFLICT (name, type) DO NOTHING",
        )
        .and_then(|mut s| s.execute(params![name, kind]))
        .ctx("inserting entity")?;
    if inserted == 1 {
        return Ok(EntityId(tx.last_insert_rowid()));
    }
    tx.prepare_cached("SELECT id FROM entities WHERE name = ?1 AND type = ?2")
        .and_then(|mut s| s.query_row(params![name, kind], |r| r.get(0)))
        .map(EntityId)
        .ctx("looking up entity")
}

/// Write one article's rows; returns its outcome and its mention count per entity.
fn write_article(
    tx: &rusqlite::Connection,
    p: &PreparedArticle,
    cache: &mut WriteCache,
) -> Result<(ArticleOutcome, Vec<(EntityId, i64)>)> {
    let a = &p.article;
    let inserted = tx
        .prepare_cached(
            "INSERT INTO articles (hash, external_id, title, author, source, published, url, path, text)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
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
                a.text
            ])
        })
        .ctx_with(|| format!("inserting article {}", a.path))?;
    if inserted == 0 {
        return Ok((ArticleOutcome::Unchanged, Vec::new()));
    }
    let offsets = CharOffsets::new(&a.text);
    check(&p.extraction, offsets.chars, cache.relation_types(tx)?)
        .map_err(|why| crate::error::Error::Data(format!("{}: not stored: {why}", a.path)))?;
    let article = ArticleId(tx.last_insert_rowid());
    let x = &p.extraction;
    let slice = |s: usize, e: usize| offsets.slice(s, e);

    let mut sentence_ids = Vec::with_capacity(x.sentences.len());
    {
        let mut ins = tx
            .prepare_cached(
                "INSERT INTO sentences (article_id, idx, start, \"end\", text) VALUES (?1, ?2, ?3, ?4, ?5)",
            )
            .ctx("preparing sentence insert")?;
        for (i, s) in x.sentences.iter().enumerate() {
            let text = slice(s.start, s.end);
            ins.execute(params![
                article.0,
                i as i64,
                s.start as i64,
                s.end as i64,
                text
            ])
            .ctx("inserting sentence")?;
            sentence_ids.push(SentenceId(tx.last_insert_rowid()));
        }
    }

    // One row per distinct (name, type); ids already known cost no statement. Counters are
    // added once per batch (`finish_batch`).
    let mut keys: Vec<(&str, &'static str)> = Vec::new();
    let mut key_of = Vec::with_capacity(x.entities.len());
    {
        let mut index: FxMap<(&str, &str), usize> = FxMap::default();
        for e in &x.entities {
            let key = (e.name.as_str(), e.kind.as_str());
            let k = *index.entry(key).or_insert_with(|| {
                keys.push(key);
                keys.len() - 1
            });
            key_of.push(k);
        }
    }
    let mut counts = vec![0i64; keys.len()];
    for m in &x.mentions {
        counts[key_of[m.entity]] += 1;
    }
    // An entity no mention or relation of the article refers to (a name resolved into
    // another, as `Abu Mazen` into Mahmoud Abbas) gets no row: it would sit in entity_view
    // with no mention and nothing to show for it.
    let mut used = counts.iter().map(|&c| c > 0).collect::<Vec<bool>>();
    for r in &x.relations {
        used[key_of[r.source]] = true;
        used[key_of[r.target]] = true;
    }
    let mut key_ids = Vec::with_capacity(keys.len());
    for (&(name, kind), _) in keys.iter().zip(&used).filter(|(_, &u)| u) {
        let id = match cache.entity(name, kind) {
            Some(id) => id,
            None => {
                let id = entity_id(tx, name, kind)?;
                cache.add_entity(name, kind, id);
                id
            }
        };
        key_ids.push(id);
    }
    // Keys renumbered over the used ones; an unused key's entities are never looked up.
    let mut slot = vec![usize::MAX; keys.len()];
    for (i, k) in (0..keys.len()).filter(|&k| used[k]).enumerate() {
        slot[k] = i;
    }
    let entity_ids: Vec<EntityId> = key_of
        .iter()
        .map(|&k| key_ids.get(slot[k]).copied().unwrap_or(EntityId(0)))
        .collect();
    {
        let mut alias = tx
            .prepare_cached("INSERT OR IGNORE INTO aliases (entity_id, alias) VALUES (?1, ?2)")
            .ctx("preparing alias insert")?;
        let kept = x.entities.iter().zip(&entity_ids).zip(&key_of);
        for ((e, eid), _) in kept.filter(|(_, &k)| used[k]) {
            for al in e.aliases.iter().filter(|al| **al != e.name) {
                if !cache.has_alias(*eid, al) {
                    alias.execute(params![eid.0, al]).ctx("inserting alias")?;
                    cache.add_alias(*eid, al);
                }
            }
        }
    }

    {
        let mut ins = tx
            .prepare_cached(
                "INSERT INTO mentions (article_id, sentence_id, entity_id, start, \"end\", kind, surface)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )
            .ctx("preparing mention insert")?;
        for m in &x.mentions {
            ins.execute(params![
                article.0,
                sentence_ids[m.sentence].0,
                entity_ids[m.entity].0,
                m.start as i64,
                m.end as i64,
                m.kind,
                slice(m.start, m.end)
            ])
            .ctx("inserting mention")?;
        }
    }
    let mut edges = EdgeTally::default();
    {
        let mut ins = tx
            .prepare_cached(
                "INSERT INTO relations (article_id, sentence_id, source_id, target_id, type, negated, confidence, trigger, rule)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )
            .ctx("preparing relation insert")?;
        for r in &x.relations {
            ins.execute(params![
                article.0,
                sentence_ids[r.sentence].0,
                entity_ids[r.source].0,
                entity_ids[r.target].0,
                r.kind,
                r.negated,
                r.confidence,
                r.trigger,
                r.rule
            ])
            .ctx_with(|| format!("inserting relation {} in {}", r.kind, a.path))?;
            edges.add(
                (
                    entity_ids[r.source].0,
                    r.kind.as_str(),
                    entity_ids[r.target].0,
                    r.negated,
                ),
                r.confidence,
                tx.last_insert_rowid(),
                sentence_ids[r.sentence].0,
            );
        }
    }
    edges.write(tx, a.published.as_deref())?;
    let counts = counts
        .into_iter()
        .zip(&used)
        .filter(|(_, &u)| u)
        .map(|(c, _)| c);
    let counters = key_ids.into_iter().zip(counts).collect();
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
