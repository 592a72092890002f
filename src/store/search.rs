//! Full-text search over the stored sentences: the best matches of the newest, by bm25.

use super::Store;
use crate::error::{Result, SqlContext};
use rusqlite::OptionalExtension;
use serde::Serialize;

/// How many of a search's matches, the most recently stored, are ranked by relevance (bm25).
/// Enough that a word matching fewer sentences is ranked over all of them, as before; few
/// enough that a word common in a million articles is answered under a second from a cold
/// cache (issue 14).
pub const SEARCH_WINDOW: i64 = 5_000;

/// One sentence found by `search`.
#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    pub sentence_id: i64,
    pub article_id: i64,
    pub external_id: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub sentence: String,
}

impl Store {
    /// Full-text search over sentences, best matches first. `terms` uses FTS5 syntax; when it
    /// is not valid FTS5, each word is searched as a plain term instead. Without dates, the
    /// matches ranked are the [`SEARCH_WINDOW`] most recently stored ones.
    pub fn search(&self, terms: &str, limit: usize) -> Result<Vec<SearchHit>> {
        self.search_dated(terms, limit, None, None)
    }

    /// `search` in articles published within `since..=until` (ISO dates or their prefixes,
    /// `2018`, `2018-03`: a year or month counts whole); undated articles only without bounds.
    pub fn search_dated(
        &self,
        terms: &str,
        limit: usize,
        since: Option<&str>,
        until: Option<&str>,
    ) -> Result<Vec<SearchHit>> {
        let dates = (since, until);
        match self.search_raw(terms, limit, dates, SEARCH_WINDOW) {
            Ok(h) => Ok(h),
            Err(_) => {
                let quoted: Vec<String> = terms
                    .split_whitespace()
                    .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
                    .collect();
                if quoted.is_empty() {
                    return Ok(Vec::new());
                }
                self.search_raw(&quoted.join(" "), limit, dates, SEARCH_WINDOW)
            }
        }
    }

    fn search_raw(
        &self,
        terms: &str,
        limit: usize,
        (since, until): (Option<&str>, Option<&str>),
        window: i64,
    ) -> Result<Vec<SearchHit>> {
        let from = if since.is_none() && until.is_none() {
            self.search_window(terms, window)?
        } else {
            0
        };
        // The best matches are chosen from the index alone (and, with dates, each match's
        // article date), and only those are joined to their sentence's text: a common word
        // matches a hundred thousand sentences of a large archive, and reading each one's
        // article text before sorting took seconds.
        super::rows(
            &self.conn,
            "SELECT s.id, s.article_id, a.external_id, a.title, a.published, s.text
             FROM (
                SELECT f.rowid AS id, f.rank AS rank
                FROM sentence_fts f
                WHERE sentence_fts MATCH ?1 AND f.rowid >= ?5
                  AND ((?3 IS NULL AND ?4 IS NULL) OR EXISTS (
                        SELECT 1 FROM sentence_spans sp JOIN articles d ON d.id = sp.article_id
                        WHERE sp.id = f.rowid
                          AND (?3 IS NULL OR d.published >= ?3)
                          AND (?4 IS NULL OR substr(d.published, 1, length(?4)) <= ?4)))
                ORDER BY f.rank, f.rowid
                LIMIT ?2
             ) h
             JOIN sentences s ON s.id = h.id
             JOIN articles a ON a.id = s.article_id
             ORDER BY h.rank, h.id",
            rusqlite::params![terms, limit as i64, since, until, from],
            |r| {
                Ok(SearchHit {
                    sentence_id: r.get(0)?,
                    article_id: r.get(1)?,
                    external_id: r.get(2)?,
                    title: r.get(3)?,
                    published: r.get(4)?,
                    sentence: r.get(5)?,
                })
            },
        )
    }

    /// The first sentence id ranked: that of the `window`th newest match, or 0 when there
    /// are fewer. Ranking reads a row of FTS5's `docsize` table for every match it ranks,
    /// and a common word matches a hundred thousand sentences of a large archive (1.7 s cold
    /// for `Canada` on a million articles); choosing the window reads the index alone.
    fn search_window(&self, terms: &str, window: i64) -> Result<i64> {
        self.conn
            .prepare_cached(
                "SELECT rowid FROM sentence_fts WHERE sentence_fts MATCH ?1
                 ORDER BY rowid DESC LIMIT 1 OFFSET ?2",
            )
            .and_then(|mut st| {
                st.query_row(rusqlite::params![terms, window - 1], |r| r.get(0))
                    .optional()
            })
            .map(Option::unwrap_or_default)
            .ctx("preparing search")
    }

    /// Does any article have a publication date? (Date bounds match nothing otherwise.)
    pub fn has_dated_articles(&self) -> Result<bool> {
        self.conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM articles WHERE published IS NOT NULL)",
                [],
                |r| r.get(0),
            )
            .ctx("looking for dated articles")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Articles of one sentence each, stored in this order.
    fn store_of(texts: &[&str]) -> Store {
        let mut s = Store::open_memory().unwrap();
        let batch: Vec<_> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| crate::store::PreparedArticle {
                hash: format!("h{i}"),
                article: crate::model::Article {
                    path: "t.txt".into(),
                    text: t.to_string(),
                    ..Default::default()
                },
                extraction: crate::model::Extraction {
                    sentences: vec![crate::model::SentenceSpan {
                        start: 0,
                        end: t.chars().count(),
                    }],
                    ..Default::default()
                },
            })
            .collect();
        s.write_batch(&batch).unwrap();
        s
    }

    #[test]
    fn search_ranks_the_newest_matches_of_a_common_word() {
        let s = store_of(&[
            "Ore, ore and more ore.",
            "Ore prices rose in a long and windy week of trading.",
            "Ore was shipped.",
            "Nothing to see.",
            "Ore rose.",
        ]);
        let texts = |w| {
            s.search_raw("ore", 10, (None, None), w)
                .unwrap()
                .into_iter()
                .map(|h| h.sentence)
                .collect::<Vec<_>>()
        };
        // all four matches ranked: the one saying `ore` four times first
        let all = texts(100);
        assert_eq!(all.len(), 4);
        assert_eq!(all[0], "Ore, ore and more ore.");
        // only the two newest matches ranked, best first
        assert_eq!(texts(2), ["Ore rose.", "Ore was shipped."]);
        // the public search ranks all when there are fewer matches than its window
        assert_eq!(s.search("ore", 10).unwrap()[0].sentence, all[0]);
    }

    #[test]
    fn bad_fts_syntax_falls_back_to_plain_terms() {
        let s = Store::open_memory().unwrap();
        assert!(s.search("\"unbalanced AND (", 10).unwrap().is_empty());
    }
}
