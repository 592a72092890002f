//! `forget`: articles and everything derived from them leave the database in one
//! transaction: relations, mentions, sentences (and their full-text entries), the edges they
//! were evidence for (aggregated again), and the entities left with nothing, unless curated.

use super::{rebuild, ArticleId, Store};
use crate::error::{Error, Result, SqlContext};

/// What a `forget` removed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Forgotten {
    pub articles: usize,
    pub sentences: usize,
    pub mentions: usize,
    pub relations: usize,
    pub entities: usize,
}

/// Which articles to forget: these (ids or external ids), and those matching every filter
/// given.
#[derive(Debug, Clone, Default)]
pub struct ArticleSelection {
    pub articles: Vec<String>,
    pub source: Option<String>,
    /// ISO date: articles published before it (undated ones are kept).
    pub before: Option<String>,
}

impl Store {
    /// The ids of the selected articles, sorted; an id or external id that names no article
    /// is a usage error.
    pub fn select_articles(&self, sel: &ArticleSelection) -> Result<Vec<ArticleId>> {
        let mut out = Vec::new();
        for a in &sel.articles {
            let mut st = self
                .conn
                .prepare_cached("SELECT id FROM articles WHERE external_id = ?1")
                .ctx("looking up article")?;
            let found: Vec<i64> = st
                .query_map([a], |r| r.get(0))
                .ctx("looking up article")?
                .collect::<std::result::Result<_, _>>()
                .ctx("looking up article")?;
            if !found.is_empty() {
                out.extend(found);
                continue;
            }
            let id = a.trim_start_matches('#').parse::<i64>().ok();
            let exists = match id {
                Some(id) => self
                    .conn
                    .prepare_cached("SELECT 1 FROM articles WHERE id = ?1")
                    .and_then(|mut s| s.exists([id]))
                    .ctx("looking up article")?,
                None => false,
            };
            match id {
                Some(id) if exists => out.push(id),
                _ => {
                    return Err(Error::Usage(format!(
                        "no article with id or external id {a:?}"
                    )))
                }
            }
        }
        if sel.source.is_some() || sel.before.is_some() {
            let mut st = self
                .conn
                .prepare_cached(
                    "SELECT id FROM articles WHERE (?1 IS NULL OR source = ?1)
                     AND (?2 IS NULL OR published < ?2)",
                )
                .ctx("selecting articles")?;
            let found: Vec<i64> = st
                .query_map(rusqlite::params![sel.source, sel.before], |r| r.get(0))
                .ctx("selecting articles")?
                .collect::<std::result::Result<_, _>>()
                .ctx("selecting articles")?;
            out.extend(found);
        }
        out.sort_unstable();
        out.dedup();
        Ok(out.into_iter().map(ArticleId).collect())
    }

    /// Remove these articles and everything derived from them, in one transaction.
    pub fn forget(&mut self, ids: &[ArticleId]) -> Result<Forgotten> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .ctx("starting forget")?;
        rebuild::begin(&tx)?;
        let json = serde_json::to_string(&ids.iter().map(|a| a.0).collect::<Vec<_>>())
            .expect("ids serialize");
        tx.execute_batch("DELETE FROM temp.batch_articles")
            .ctx("listing articles")?;
        tx.execute(
            "INSERT OR IGNORE INTO temp.batch_articles SELECT value FROM json_each(?1)",
            [&json],
        )
        .ctx("listing articles")?;
        rebuild::touch_batch_articles(&tx)?;
        let del = |sql: &str| -> Result<usize> {
            tx.prepare_cached(sql)
                .and_then(|mut s| s.execute([]))
                .ctx("forgetting articles")
        };
        // the full-text index keeps no text: it is told each sentence it loses
        super::sentence_text::fts(
            &tx,
            "SELECT id FROM temp.batch_articles",
            None,
            super::sentence_text::Fts::Delete,
        )?;
        let mut out = Forgotten {
            relations: del(
                "DELETE FROM relations WHERE article_id IN (SELECT id FROM temp.batch_articles)",
            )?,
            mentions: del(
                "DELETE FROM mentions WHERE article_id IN (SELECT id FROM temp.batch_articles)",
            )?,
            sentences: del(
                "DELETE FROM sentence_spans WHERE article_id IN (SELECT id FROM temp.batch_articles)",
            )?,
            articles: del("DELETE FROM articles WHERE id IN (SELECT id FROM temp.batch_articles)")?,
            entities: 0,
        };
        rebuild::edges(&tx)?;
        rebuild::counters(&tx)?;
        out.entities = rebuild::orphans(&tx)?;
        tx.commit().ctx("committing forget")?;
        self.cache = Default::default();
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EntityType::{Country as C, Person as P};
    use crate::store::curation::tests::{doc, id};
    use crate::store::Curation;

    #[test]
    fn forget_then_ingest_again_gives_the_views_of_a_fresh_ingest() {
        let docs = || {
            vec![
                doc(
                    "a",
                    Some("2020-01-02"),
                    &[("Kim", P, None), ("China", C, None)],
                    &[(0, 1, "meets")],
                ),
                doc(
                    "b",
                    Some("2020-03-04"),
                    &[("Kim", P, None), ("Japan", C, None)],
                    &[(0, 1, "meets")],
                ),
                doc(
                    "c",
                    None,
                    &[("Japan", C, None), ("China", C, None)],
                    &[(0, 1, "criticizes")],
                ),
            ]
        };
        let mut fresh = Store::open_memory().unwrap();
        fresh.write_batch(&docs()).unwrap();
        let mut s = Store::open_memory().unwrap();
        s.write_batch(&docs()).unwrap();
        let sel = ArticleSelection {
            articles: vec!["b".into(), "#3".into()],
            ..Default::default()
        };
        let ids = s.select_articles(&sel).unwrap();
        assert_eq!(ids, [ArticleId(2), ArticleId(3)]);
        let f = s.forget(&ids).unwrap();
        assert_eq!(
            (f.articles, f.relations, f.entities),
            (2, 2, 1),
            "Japan went, Kim stayed"
        );
        assert!(
            s.consistency_problems().unwrap().is_empty(),
            "{:?}",
            s.consistency_problems()
        );
        assert!(s.entity_by_key("Japan", "country").unwrap().is_none());
        s.write_batch(&docs()).unwrap();
        assert!(s.consistency_problems().unwrap().is_empty());
        assert_eq!(s.view_dump(false).unwrap(), fresh.view_dump(false).unwrap());
    }

    #[test]
    fn a_curated_entity_stays_and_filters_select() {
        let mut s = Store::open_memory().unwrap();
        let mut a = doc(
            "a",
            Some("2019-01-02"),
            &[("Kim", P, None), ("China", C, None)],
            &[(0, 1, "meets")],
        );
        a.article.source = Some("wire".into());
        s.write_batch(&[a, doc("b", Some("2021-01-01"), &[("China", C, None)], &[])])
            .unwrap();
        let kim = id(&s, "Kim", "person");
        s.curate(&Curation::AliasAdd {
            entity: kim,
            surface: "Marshal".into(),
        })
        .unwrap();
        let before = ArticleSelection {
            before: Some("2020-01-01".into()),
            ..Default::default()
        };
        assert_eq!(s.select_articles(&before).unwrap(), [ArticleId(1)]);
        let src = ArticleSelection {
            source: Some("wire".into()),
            before: Some("2018-01-01".into()),
            ..Default::default()
        };
        assert!(
            s.select_articles(&src).unwrap().is_empty(),
            "filters combine"
        );
        let bad = ArticleSelection {
            articles: vec!["zzz".into()],
            ..Default::default()
        };
        assert!(matches!(s.select_articles(&bad), Err(Error::Usage(_))));
        let f = s.forget(&s.select_articles(&before).unwrap()).unwrap();
        assert_eq!(f.entities, 0);
        assert_eq!(
            s.entity_by_key("Kim", "person").unwrap(),
            Some(kim),
            "curated: kept"
        );
        assert!(s.consistency_problems().unwrap().is_empty());
    }
}
