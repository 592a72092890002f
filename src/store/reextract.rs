//! `reextract`: extraction run again over stored text. Each article records what it was
//! extracted with (`Stamp`); a batch of new extractions replaces the old rows of its articles
//! in one transaction (edges aggregated again by key, counters counted again, entities left
//! with nothing removed unless curated, automatic resolution and the corrections replayed),
//! and an `--all` run keeps its place in `settings`, so a killed run resumes.

use super::{rebuild, rows, ArticleId, SentenceId, Store};
use crate::error::{Result, SqlContext};
use crate::model::{Article, Extraction};
use rusqlite::{params, OptionalExtension};

/// The extractor this build runs: newsgraph's version. Bump `REVISION` when extraction
/// changes what it finds without a new version.
pub const EXTRACTOR_VERSION: &str = concat!("newsgraph ", env!("CARGO_PKG_VERSION"), "/r1");

/// What an article was extracted with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub extractor: String,
    /// Fingerprint of the user lexicon; empty for none.
    pub lexicon: String,
}

impl Default for Stamp {
    fn default() -> Stamp {
        Stamp {
            extractor: EXTRACTOR_VERSION.into(),
            lexicon: String::new(),
        }
    }
}

/// A stored article to extract again.
#[derive(Debug, Clone)]
pub struct StoredArticle {
    pub id: ArticleId,
    pub article: Article,
}

/// What a batch of re-extraction did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reextracted {
    pub articles: usize,
    pub mentions: usize,
    pub relations: usize,
    /// Entities removed because nothing refers to them any more.
    pub entities_gone: usize,
}

const ALL_LAST: &str = "reextract_all_last";
const ALL_DONE: &str = "reextract_all_done";

/// The stored sentences of an article: (id, start, end), in order.
fn old_sentences(tx: &rusqlite::Connection, article: ArticleId) -> Result<Vec<(i64, i64, i64)>> {
    let mut st = tx
        .prepare_cached(
            "SELECT id, start, \"end\" FROM sentences WHERE article_id = ?1 ORDER BY idx",
        )
        .ctx("reading sentences")?;
    let rows = st
        .query_map([article.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .ctx("reading sentences")?;
    rows.collect::<std::result::Result<_, _>>()
        .ctx("reading sentences")
}

impl Store {
    /// Record new articles as extracted with `stamp`.
    pub fn set_stamp(&mut self, stamp: Stamp) {
        self.stamp = stamp;
    }

    /// How many articles were extracted with something else than `stamp` (or before
    /// extraction was recorded: all of them in a database older than schema 5).
    pub fn stale_articles(&self, stamp: &Stamp) -> Result<i64> {
        if self.schema_version()? < 5 {
            return self
                .conn
                .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
                .ctx("counting articles");
        }
        self.conn
            .prepare_cached(
                "SELECT count(*) FROM articles WHERE extractor IS NOT ?1 OR lexicon IS NOT ?2",
            )
            .and_then(|mut s| s.query_row(params![stamp.extractor, stamp.lexicon], |r| r.get(0)))
            .ctx("counting stale articles")
    }

    fn setting(&self, key: &str) -> Result<Option<i64>> {
        self.conn
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")
            .and_then(|mut s| s.query_row([key], |r| r.get::<_, String>(0)).optional())
            .ctx("reading settings")
            .map(|v| v.and_then(|v| v.parse().ok()))
    }

    /// Start (or resume) a re-extraction: the id after which to start, the last id to
    /// consider, and how many articles it has left. `--all` covers the articles stored when
    /// it first started, resumed where a killed run stopped; `--stale` the stale ones.
    pub fn begin_reextract(&mut self, all: bool, stamp: &Stamp) -> Result<(i64, i64, i64)> {
        let (after, last) = if all {
            match (self.setting(ALL_DONE)?, self.setting(ALL_LAST)?) {
                (Some(done), Some(last)) => (done, last),
                _ => {
                    let last: i64 = self
                        .conn
                        .query_row("SELECT coalesce(max(id), 0) FROM articles", [], |r| {
                            r.get(0)
                        })
                        .ctx("reading last article")?;
                    self.conn
                        .execute(
                            "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?3), (?2, '0')",
                            params![ALL_LAST, ALL_DONE, last.to_string()],
                        )
                        .ctx("recording the run")?;
                    (0, last)
                }
            }
        } else {
            (0, i64::MAX)
        };
        let left: i64 = self
            .conn
            .query_row(
                "SELECT count(*) FROM articles WHERE id > ?1 AND id <= ?2
                 AND (?3 OR extractor IS NOT ?4 OR lexicon IS NOT ?5)",
                params![after, last, all, stamp.extractor, stamp.lexicon],
                |r| r.get(0),
            )
            .ctx("counting articles to extract")?;
        Ok((after, last, left))
    }

    /// An `--all` run went through: a later one starts from the beginning.
    pub fn end_reextract(&mut self) -> Result<()> {
        self.conn
            .execute(
                "DELETE FROM settings WHERE key IN (?1, ?2)",
                [ALL_LAST, ALL_DONE],
            )
            .ctx("ending the run")
            .map(|_| ())
    }

    /// The next `limit` articles to extract again with id in (`after`, `last`]: all of
    /// them, or only the stale ones.
    pub fn articles_to_reextract(
        &self,
        after: i64,
        last: i64,
        all: bool,
        stamp: &Stamp,
        limit: usize,
    ) -> Result<Vec<StoredArticle>> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT id, external_id, title, author, source, published, url, path, text
                 FROM articles WHERE id > ?1 AND id <= ?2
                 AND (?3 OR extractor IS NOT ?4 OR lexicon IS NOT ?5)
                 ORDER BY id LIMIT ?6",
            )
            .ctx("reading articles")?;
        let rows = st
            .query_map(
                params![
                    after,
                    last,
                    all,
                    stamp.extractor,
                    stamp.lexicon,
                    limit as i64
                ],
                |r| {
                    Ok(StoredArticle {
                        id: ArticleId(r.get(0)?),
                        article: Article {
                            external_id: r.get(1)?,
                            title: r.get(2)?,
                            author: r.get(3)?,
                            source: r.get(4)?,
                            published: r.get(5)?,
                            url: r.get(6)?,
                            path: r.get(7)?,
                            text: r.get(8)?,
                        },
                    })
                },
            )
            .ctx("reading articles")?;
        rows.collect::<std::result::Result<_, _>>()
            .ctx("reading articles")
    }

    /// Replace the rows of these articles with their new extractions, in one transaction,
    /// and stamp them. With `all`, the run's place is kept for a resume.
    pub fn replace_extractions(
        &mut self,
        batch: &[(&StoredArticle, &Extraction)],
        stamp: &Stamp,
        all: bool,
    ) -> Result<Reextracted> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .ctx("starting re-extraction batch")?;
        rebuild::begin(&tx)?;
        let run = |sql: &str| -> Result<usize> {
            tx.prepare_cached(sql)
                .and_then(|mut s| s.execute([]))
                .ctx("replacing extractions")
        };
        run("DELETE FROM temp.batch_articles")?;
        {
            let mut ins = tx
                .prepare_cached("INSERT OR IGNORE INTO temp.batch_articles VALUES (?1)")
                .ctx("listing the batch")?;
            for (a, _) in batch {
                ins.execute([a.id.0]).ctx("listing the batch")?;
            }
        }
        rebuild::touch_batch_articles(&tx)?;
        // counters by difference: the batch's articles leave with their mentions and come
        // back with their new ones (a count of the hubs' mentions each batch cost more than
        // the rest of the writer)
        tx.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS counter_delta (id INTEGER, m INTEGER, a INTEGER);
             CREATE TEMP TABLE IF NOT EXISTS resplit_articles (id INTEGER PRIMARY KEY);
             DELETE FROM temp.counter_delta;",
        )
        .ctx("counting mentions")?;
        run("INSERT INTO temp.counter_delta
             SELECT entity_id, -count(*), -count(DISTINCT article_id) FROM mentions
             WHERE article_id IN (SELECT id FROM temp.batch_articles) GROUP BY entity_id")?;
        // sentences split as before keep their rows and full-text entries (a deterministic
        // extractor splits the same text the same way); the others are written again
        let mut kept = Vec::with_capacity(batch.len());
        run("DELETE FROM temp.resplit_articles")?;
        for (a, x) in batch {
            let old = old_sentences(&tx, a.id)?;
            let same = old.len() == x.sentences.len()
                && old
                    .iter()
                    .zip(&x.sentences)
                    .all(|(o, n)| (o.1, o.2) == (n.start as i64, n.end as i64));
            if same {
                kept.push(Some(old.iter().map(|o| SentenceId(o.0)).collect()));
            } else {
                kept.push(None);
                tx.execute("INSERT INTO temp.resplit_articles VALUES (?1)", [a.id.0])
                    .ctx("listing the batch")?;
            }
        }
        super::sentence_text::fts(
            &tx,
            "SELECT id FROM temp.resplit_articles",
            None,
            super::sentence_text::Fts::Delete,
        )?;
        run("DELETE FROM relations WHERE article_id IN (SELECT id FROM temp.batch_articles)")?;
        run("DELETE FROM mentions WHERE article_id IN (SELECT id FROM temp.batch_articles)")?;
        run(
            "DELETE FROM sentence_spans WHERE article_id IN (SELECT id FROM temp.resplit_articles)",
        )?;
        let entities_before = super::resolve::last_entity(&tx)?;
        let cache = &mut self.cache;
        let mut out = Reextracted::default();
        for ((a, x), kept) in batch.iter().zip(kept) {
            match rows::write_rows(&tx, a.id, &a.article, x, cache, false, kept) {
                Ok(_) => {
                    cache.article_done([]);
                    out.articles += 1;
                    out.mentions += x.mentions.len();
                    out.relations += x.relations.len();
                }
                Err(e) => {
                    cache.batch_failed();
                    return Err(e);
                }
            }
        }
        let mut changed = 0;
        let result = (|| -> Result<()> {
            super::sentence_text::fts(
                &tx,
                "SELECT id FROM temp.resplit_articles",
                None,
                super::sentence_text::Fts::Insert,
            )?;
            rebuild::touch_batch_articles(&tx)?;
            rebuild::edges(&tx)?;
            run("INSERT INTO temp.counter_delta
                 SELECT entity_id, count(*), count(DISTINCT article_id) FROM mentions
                 WHERE article_id IN (SELECT id FROM temp.batch_articles) GROUP BY entity_id")?;
            run(
                "UPDATE entities SET mentions = mentions + d.m, articles = articles + d.a
                 FROM (SELECT id, sum(m) AS m, sum(a) AS a FROM temp.counter_delta GROUP BY id) AS d
                 WHERE entities.id = d.id",
            )?;
            out.entities_gone = rebuild::orphans(&tx)?;
            changed = out.entities_gone + super::resolve::after_batch(&tx, entities_before, cache)?;
            cache.purge_gone();
            changed +=
                super::curation::replay(&tx, entities_before, super::curation::Scope::Filled)?;
            tx.prepare_cached(
                "UPDATE articles SET extractor = ?1, lexicon = ?2
                 WHERE id IN (SELECT id FROM temp.batch_articles)",
            )
            .and_then(|mut s| s.execute(params![stamp.extractor, stamp.lexicon]))
            .ctx("stamping articles")?;
            if all {
                let done = batch.iter().map(|(a, _)| a.id.0).max().unwrap_or(0);
                tx.execute(
                    "UPDATE settings SET value = ?2 WHERE key = ?1",
                    params![ALL_DONE, done.to_string()],
                )
                .ctx("recording progress")?;
            }
            Ok(())
        })();
        if let Err(e) = result.and_then(|_| tx.commit().ctx("committing re-extraction batch")) {
            cache.batch_failed();
            return Err(e);
        }
        cache.batch_committed();
        if changed > 0 {
            // entities went (nothing left, merged, corrections replayed)
            cache.forget_entities();
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EntityType::{Country as C, Person as P};
    use crate::store::curation::tests::doc;

    #[test]
    fn an_all_run_resumes_where_it_stopped_and_gives_the_same_views() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.db");
        let docs = vec![
            doc(
                "a",
                Some("2020-01-02"),
                &[("Kim", P, None), ("China", C, None)],
                &[(0, 1, "meets")],
            ),
            doc(
                "b",
                None,
                &[("Kim", P, None), ("Japan", C, None)],
                &[(0, 1, "meets")],
            ),
            doc(
                "c",
                None,
                &[("Japan", C, None), ("China", C, None)],
                &[(1, 0, "criticizes")],
            ),
        ];
        let stamp = Stamp::default();
        let before = {
            let mut s = Store::open(&path).unwrap();
            s.write_batch(&docs).unwrap();
            assert_eq!(s.stale_articles(&stamp).unwrap(), 0);
            let other = Stamp {
                lexicon: "abc".into(),
                ..Stamp::default()
            };
            assert_eq!(s.stale_articles(&other).unwrap(), 3);
            let before = s.view_dump(false).unwrap();
            assert_eq!(s.begin_reextract(true, &stamp).unwrap(), (0, 3, 3));
            let first = s.articles_to_reextract(0, 3, true, &stamp, 2).unwrap();
            let batch: Vec<_> = first
                .iter()
                .zip(&docs)
                .map(|(a, d)| (a, &d.extraction))
                .collect();
            let r = s.replace_extractions(&batch, &stamp, true).unwrap();
            assert_eq!((r.articles, r.relations), (2, 2));
            before
        }; // killed here
        let mut s = Store::open(&path).unwrap();
        assert!(s.consistency_problems().unwrap().is_empty());
        assert_eq!(
            s.begin_reextract(true, &stamp).unwrap(),
            (2, 3, 1),
            "resumes after article 2"
        );
        let rest = s.articles_to_reextract(2, 3, true, &stamp, 2).unwrap();
        assert_eq!(rest.len(), 1);
        s.replace_extractions(&[(&rest[0], &docs[2].extraction)], &stamp, true)
            .unwrap();
        s.end_reextract().unwrap();
        assert_eq!(
            s.begin_reextract(true, &stamp).unwrap(),
            (0, 3, 3),
            "a new run starts over"
        );
        assert!(s.consistency_problems().unwrap().is_empty());
        assert_eq!(s.view_dump(false).unwrap(), before);
    }
}
