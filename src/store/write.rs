//! Writing articles with all their rows: one transaction per batch, each article whole or not at all.

use super::cache::WriteCache;
use super::check::check;
use super::edges::EdgeTally;
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
        if let Err(e) = finish_batch(&tx, before, cache.take_counters()) {
            cache.batch_failed();
            return Err(e);
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
    let mut key_ids = Vec::with_capacity(keys.len());
    for &(name, kind) in &keys {
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
    let entity_ids: Vec<EntityId> = key_of.iter().map(|&k| key_ids[k]).collect();
    {
        let mut alias = tx
            .prepare_cached("INSERT OR IGNORE INTO aliases (entity_id, alias) VALUES (?1, ?2)")
            .ctx("preparing alias insert")?;
        for (e, eid) in x.entities.iter().zip(&entity_ids) {
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

/// Byte offsets of code-point offsets (extraction counts in code points), from the byte
/// offset of every 64th code point: an eighth of a byte a character where a full table took
/// 8 (126 MB for a 15 MB article). ASCII text needs no table at all.
struct CharOffsets<'t> {
    text: &'t str,
    /// Code points in the text.
    chars: usize,
    /// Byte offset of code point 64 * i; `None` for ASCII text.
    every: Option<Vec<usize>>,
}

const EVERY: usize = 64;

impl<'t> CharOffsets<'t> {
    fn new(text: &'t str) -> Self {
        if text.is_ascii() {
            return CharOffsets {
                text,
                chars: text.len(),
                every: None,
            };
        }
        let mut every = Vec::new();
        let mut chars = 0;
        for (b, _) in text.char_indices() {
            if chars % EVERY == 0 {
                every.push(b);
            }
            chars += 1;
        }
        CharOffsets {
            text,
            chars,
            every: Some(every),
        }
    }

    /// The byte offset of code point `c` (the text's end past its last).
    fn byte(&self, c: usize) -> usize {
        let c = c.min(self.chars);
        let Some(every) = &self.every else {
            return c;
        };
        let Some(&base) = every.get(c / EVERY) else {
            return self.text.len();
        };
        let rest = &self.text[base..];
        rest.char_indices()
            .nth(c % EVERY)
            .map_or(self.text.len(), |(b, _)| base + b)
    }

    /// Code points `start..end` of the text.
    fn slice(&self, start: usize, end: usize) -> &'t str {
        &self.text[self.byte(start)..self.byte(end)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    fn sample() -> PreparedArticle {
        let text = "China banned ore. Kang spoke.".to_string();
        PreparedArticle {
            hash: "h1".into(),
            article: Article {
                path: "t.txt".into(),
                text,
                ..Default::default()
            },
            extraction: Extraction {
                sentences: vec![
                    SentenceSpan { start: 0, end: 17 },
                    SentenceSpan { start: 18, end: 29 },
                ],
                entities: vec![
                    EntityRef {
                        name: "China".into(),
                        kind: EntityType::Country,
                        aliases: vec![],
                    },
                    EntityRef {
                        name: "Kang Seok-ho".into(),
                        kind: EntityType::Person,
                        aliases: vec!["Kang".into()],
                    },
                ],
                mentions: vec![
                    Mention {
                        entity: 0,
                        sentence: 0,
                        start: 0,
                        end: 5,
                        kind: "name",
                    },
                    Mention {
                        entity: 1,
                        sentence: 1,
                        start: 18,
                        end: 22,
                        kind: "alias",
                    },
                ],
                relations: vec![Relation {
                    source: 1,
                    target: 0,
                    kind: "claims".into(),
                    negated: false,
                    confidence: 0.5,
                    sentence: 1,
                    trigger: "spoke".into(),
                    rule: "test".into(),
                }],
            },
        }
    }

    #[test]
    fn article_is_written_whole_and_only_once() {
        let mut s = Store::open_memory().unwrap();
        let out = s.write_batch(&[sample(), sample()]).unwrap();
        assert!(matches!(out[0], Ok(ArticleOutcome::New(_))));
        assert!(matches!(out[1], Ok(ArticleOutcome::Unchanged)));
        let n = |sql: &str| -> i64 { s.conn.query_row(sql, [], |r| r.get(0)).unwrap() };
        assert_eq!(n("SELECT count(*) FROM sentence_view"), 2);
        assert_eq!(n("SELECT count(*) FROM mention_view"), 2);
        assert_eq!(n("SELECT count(*) FROM relation_view"), 1);
        assert_eq!(
            n("SELECT mentions FROM entity_view WHERE name = 'China'"),
            1
        );
        assert_eq!(n("SELECT count(*) FROM alias_view WHERE alias = 'Kang'"), 1);
        assert_eq!(
            n(
                "SELECT count(*) FROM mention_view m JOIN article_view a USING (article_id)
               WHERE substr(a.text, m.start + 1, m.\"end\" - m.start) = m.surface"
            ),
            2
        );
        assert_eq!(
            n("SELECT count(*) FROM sentence_fts WHERE sentence_fts MATCH 'banned'"),
            1
        );
    }

    #[test]
    fn a_failing_article_leaves_nothing_behind_and_keeps_the_batch() {
        let mut s = Store::open_memory().unwrap();
        let mut bad = sample();
        bad.extraction.relations[0].kind = "no_such_type".into();
        let mut good = sample();
        good.hash = "h2".into();
        let out = s.write_batch(&[bad, good]).unwrap();
        assert!(out[0].is_err());
        assert!(matches!(out[1], Ok(ArticleOutcome::New(_))));
        let n = |sql: &str| -> i64 { s.conn.query_row(sql, [], |r| r.get(0)).unwrap() };
        assert_eq!(n("SELECT count(*) FROM articles"), 1);
        assert_eq!(n("SELECT count(*) FROM sentences"), 2);
        assert_eq!(n("SELECT mentions FROM entities WHERE name = 'China'"), 1);
    }

    #[test]
    fn a_writer_that_has_not_seen_an_entity_finds_its_id() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("e.db");
        Store::open(&db).unwrap().write_batch(&[sample()]).unwrap();
        // A second writer (another process, or a cache that forgot) meets China again.
        let mut s = Store::open(&db).unwrap();
        let mut again = sample();
        again.hash = "h2".into();
        s.write_batch(&[again]).unwrap();
        let n = |sql: &str| -> i64 { s.conn.query_row(sql, [], |r| r.get(0)).unwrap() };
        assert_eq!(n("SELECT count(*) FROM entities WHERE name = 'China'"), 1);
        assert_eq!(n("SELECT mentions FROM entities WHERE name = 'China'"), 2);
        assert_eq!(
            n("SELECT count(DISTINCT entity_id) FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE e.name = 'China'"),
            1
        );
    }

    #[test]
    fn code_point_offsets_become_byte_offsets() {
        for text in [
            "",
            "plain ASCII text",
            "Séoul – “quoted” 東京 and 😀 more",
            &"é".repeat(300),
        ] {
            let o = CharOffsets::new(text);
            let table: Vec<usize> = text
                .char_indices()
                .map(|(b, _)| b)
                .chain([text.len()])
                .collect();
            assert_eq!(o.chars + 1, table.len(), "{text}");
            for (c, &b) in table.iter().enumerate() {
                assert_eq!(o.byte(c), b, "{text} at {c}");
            }
            assert_eq!(o.byte(table.len() + 5), text.len(), "past the end");
        }
    }
}
