//! Reading the store: user SQL (read-only), full-text search and summary counts.

use super::Store;
use crate::error::{Error, Result, SqlContext};
use rusqlite::hooks::{AuthAction, AuthContext, Authorization};
use rusqlite::types::Value;
use rusqlite::OptionalExtension;
use serde::Serialize;

/// How many of a search's matches, the most recently stored, are ranked by relevance (bm25).
/// Enough that a word matching fewer sentences is ranked over all of them, as before; few
/// enough that a word common in a million articles is answered under a second from a cold
/// cache (issue 14).
pub const SEARCH_WINDOW: i64 = 5_000;

/// Column names of a user query.
pub struct QueryResult {
    pub columns: Vec<String>,
}

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

/// The database's size in the units an ingest summary reports.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Totals {
    pub articles: i64,
    pub entities: i64,
    pub relations: i64,
    pub edges: i64,
}

/// Counts of everything, with the top entities and edges.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub articles: i64,
    pub sentences: i64,
    pub entities: i64,
    pub aliases: i64,
    pub mentions: i64,
    pub relations: i64,
    pub edges: i64,
    pub entities_by_type: Vec<(String, i64)>,
    pub relations_by_type: Vec<(String, i64)>,
    /// (name, type, mentions, articles)
    pub top_entities: Vec<(String, String, i64, i64)>,
    pub top_edges: Vec<TopEdge>,
    /// The heaviest edges of each relation family, so one family (`claims`) cannot fill
    /// the list: (family, [(source, type, target, weight)]), families by name.
    pub top_edges_by_family: Vec<(String, Vec<TopEdge>)>,
    /// Names still held under several types (the archive-wide resolution merges those an
    /// ingest batch mentions; an older database may have more).
    pub names_under_several_types: i64,
    /// Automatic merges recorded (`merge_view`).
    pub merges: i64,
    /// The `top` merges by mentions moved, the ones to check first:
    /// (name, merged type, kept type, mentions moved).
    pub top_merges: Vec<(String, String, String, i64)>,
    /// Corrections in force (`Store::corrections_in_force`, set by the caller).
    pub corrections: i64,
    /// Stale articles (`Store::stale_articles`, set by the caller); `None` when not asked.
    pub stale_articles: Option<i64>,
}

/// An edge in `stats`: (source, type, target, weight).
pub type TopEdge = (String, String, String, i64);

/// Authorizer for user SQL: no other files, no extensions, no settings changed.
fn deny_escapes(ctx: AuthContext<'_>) -> Authorization {
    match ctx.action {
        AuthAction::Attach { .. } | AuthAction::Detach { .. } => Authorization::Deny,
        AuthAction::Pragma {
            pragma_value: Some(_),
            ..
        } => Authorization::Deny,
        AuthAction::Function { function_name }
            if function_name.eq_ignore_ascii_case("load_extension") =>
        {
            Authorization::Deny
        }
        _ => Authorization::Allow,
    }
}

impl Store {
    /// Run one read-only SQL statement, calling `row` for each result row. A statement that
    /// would write is refused before it runs.
    pub fn query(
        &self,
        sql: &str,
        mut row: impl FnMut(&QueryResult, Vec<Value>) -> Result<()>,
    ) -> Result<QueryResult> {
        self.conn.authorizer(Some(deny_escapes));
        let out = self.query_inner(sql, &mut row);
        self.conn
            .authorizer(None::<fn(AuthContext<'_>) -> Authorization>);
        out
    }

    fn query_inner(
        &self,
        sql: &str,
        row: &mut impl FnMut(&QueryResult, Vec<Value>) -> Result<()>,
    ) -> Result<QueryResult> {
        let map = |e: rusqlite::Error| {
            match e {
            e if e.to_string().contains("not authorized") => Error::Usage(
                "query is read-only: ATTACH, DETACH, PRAGMA writes and extension loading are refused".into(),
            ),
            // SQLITE_ERROR while preparing: the SQL itself (syntax, no such table or
            // column), the user's to fix: a usage error, not the database's.
            rusqlite::Error::SqlInputError { msg, offset, .. } => {
                Error::Usage(format!("query: {msg} (at character {})", offset + 1))
            }
            rusqlite::Error::SqliteFailure(f, Some(msg))
                if f.code == rusqlite::ErrorCode::Unknown =>
            {
                Error::Usage(format!("query: {msg}"))
            }
            e => Error::Sql {
                context: "in query".into(),
                source: e,
            },
        }
        };
        let mut batch = rusqlite::Batch::new(&self.conn, sql);
        let mut stmt = batch
            .next()
            .map_err(map)?
            .ok_or_else(|| Error::Usage("query: no SQL statement given".into()))?;
        if batch.next().map_err(map)?.is_some() {
            return Err(Error::Usage("query takes exactly one SQL statement".into()));
        }
        if !stmt.readonly() {
            return Err(Error::Usage(
                "query is read-only: INSERT, UPDATE, DELETE, CREATE, ATTACH and PRAGMA writes are refused"
                    .into(),
            ));
        }
        let res = QueryResult {
            columns: stmt.column_names().iter().map(|s| s.to_string()).collect(),
        };
        let n = res.columns.len();
        let mut rows = stmt.query([]).ctx("running query")?;
        while let Some(r) = rows.next().ctx("running query")? {
            let vals = (0..n)
                .map(|i| r.get::<_, Value>(i))
                .collect::<std::result::Result<Vec<_>, _>>()
                .ctx("reading query row")?;
            row(&res, vals)?;
        }
        Ok(res)
    }

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
        let mut stmt = self
            .conn
            .prepare_cached(
                // The best matches are chosen from the index alone (and, with dates, each
                // match's article date), and only those are joined to their sentence's text:
                // a common word matches a hundred thousand sentences of a large archive, and
                // reading each one's article text before sorting took seconds.
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
            )
            .ctx("preparing search")?;
        let rows = stmt
            .query_map(
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
            .ctx("searching")?;
        rows.collect::<std::result::Result<Vec<_>, _>>()
            .ctx("searching")
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

    /// Articles, entities with mentions, relations and positive edges.
    pub fn totals(&self) -> Result<Totals> {
        let sql = "SELECT (SELECT count(*) FROM articles),
                          (SELECT count(*) FROM entities WHERE mentions > 0),
                          (SELECT count(*) FROM relations),
                          (SELECT count(*) FROM edges WHERE negated = 0)";
        self.conn
            .query_row(sql, [], |r| {
                Ok(Totals {
                    articles: r.get(0)?,
                    entities: r.get(1)?,
                    relations: r.get(2)?,
                    edges: r.get(3)?,
                })
            })
            .ctx("counting totals")
    }

    /// Every row of one statement, mapped by `f`.
    fn rows<T, P: rusqlite::Params>(
        &self,
        sql: &str,
        params: P,
        f: impl FnMut(&rusqlite::Row) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut s = self.conn.prepare(sql).ctx(sql)?;
        let rows = s.query_map(params, f).ctx(sql)?;
        rows.collect::<std::result::Result<_, _>>().ctx(sql)
    }

    /// Counts of everything, and the `top` entities by mentions and edges by weight.
    pub fn stats(&self, top: usize) -> Result<Stats> {
        let count =
            |sql: &str| -> Result<i64> { self.conn.query_row(sql, [], |r| r.get(0)).ctx(sql) };
        let top_entities = self.rows(
            "SELECT name, type, mentions, articles FROM entities ORDER BY mentions DESC, name LIMIT ?1",
            [top as i64],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        // databases from before schema 4 have no merge record
        let merged = count(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'entity_merges'",
        )? > 0;
        let top_edges = self.rows(
            "SELECT source, type, target, weight FROM edge_view
             ORDER BY weight DESC, source, type, target LIMIT ?1",
            [top as i64],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        let ranked: Vec<(String, String, String, String, i64)> = self.rows(
            "SELECT family, source, type, target, weight FROM (
                 SELECT t.family, e.source, e.type, e.target, e.weight,
                        row_number() OVER (PARTITION BY t.family
                            ORDER BY e.weight DESC, e.source, e.type, e.target) AS rank
                 FROM edge_view e JOIN relation_types t ON t.type = e.type)
             WHERE rank <= ?1 ORDER BY family, rank",
            [top.min(3) as i64],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?;
        let mut top_edges_by_family: Vec<(String, Vec<_>)> = Vec::new();
        for (family, source, kind, target, weight) in ranked {
            if top_edges_by_family.last().is_none_or(|(f, _)| *f != family) {
                top_edges_by_family.push((family, Vec::new()));
            }
            let list = &mut top_edges_by_family.last_mut().expect("pushed").1;
            list.push((source, kind, target, weight));
        }
        Ok(Stats {
            articles: count("SELECT count(*) FROM articles")?,
            sentences: count("SELECT count(*) FROM sentences")?,
            entities: count("SELECT count(*) FROM entities WHERE mentions > 0")?,
            aliases: count("SELECT count(*) FROM aliases")?,
            mentions: count("SELECT count(*) FROM mentions")?,
            relations: count("SELECT count(*) FROM relations")?,
            edges: count("SELECT count(*) FROM edges WHERE negated = 0")?,
            entities_by_type: self.rows(
                "SELECT type, count(*) FROM entities WHERE mentions > 0 GROUP BY type ORDER BY count(*) DESC, type",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?,
            relations_by_type: self.rows(
                "SELECT type, count(*) FROM relations GROUP BY type ORDER BY count(*) DESC, type",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?,
            top_entities,
            top_edges,
            top_edges_by_family,
            names_under_several_types: count(
                "SELECT count(*) FROM (SELECT name FROM entities WHERE mentions > 0
                 GROUP BY name HAVING count(*) > 1)",
            )?,
            merges: if merged {
                count("SELECT count(*) FROM entity_merges")?
            } else {
                0
            },
            top_merges: if merged {
                self.rows(
                    "SELECT from_name, from_type, coalesce(into_type, '?'), mentions FROM merge_view
                     ORDER BY mentions DESC, from_name LIMIT ?1",
                    [top as i64],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )?
            } else {
                Vec::new()
            },
            corrections: 0,
            stale_articles: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_are_refused() {
        let s = Store::open_memory().unwrap();
        for sql in [
            "DELETE FROM articles",
            "INSERT INTO entities (name, type) VALUES ('x', 'person')",
            "DROP TABLE articles",
            "ATTACH DATABASE 'x.db' AS x",
            "PRAGMA user_version = 7",
            "SELECT load_extension('x')",
        ] {
            let e = s.query(sql, |_, _| Ok(())).err().expect(sql);
            assert!(e.to_string().contains("read-only"), "{sql}: {e}");
        }
        let e = s
            .query("SELECT 1; DELETE FROM articles", |_, _| Ok(()))
            .err()
            .unwrap();
        assert!(e.to_string().contains("one SQL statement"), "{e}");
    }

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
    fn query_streams_rows_with_columns() {
        let s = Store::open_memory().unwrap();
        let mut got = Vec::new();
        let res = s
            .query(
                "SELECT type, family FROM relation_types WHERE type = 'bans'",
                |_, r| {
                    got.push(r);
                    Ok(())
                },
            )
            .unwrap();
        assert_eq!(res.columns, vec!["type", "family"]);
        assert_eq!(
            got,
            vec![vec![
                Value::Text("bans".into()),
                Value::Text("sanction".into())
            ]]
        );
    }

    #[test]
    fn bad_fts_syntax_falls_back_to_plain_terms() {
        let s = Store::open_memory().unwrap();
        assert!(s.search("\"unbalanced AND (", 10).unwrap().is_empty());
    }
}
