//! Sentence texts for the full-text index, sliced in Rust from their article's text, which
//! is the only copy (migration 0006): each article's text is read once for all its sentences,
//! where the `sentences` view would read it again for every sentence.

use crate::error::{Result, SqlContext};
use rusqlite::{params, Connection, OptionalExtension};

/// What to tell the full-text index about each sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fts {
    /// Index it.
    Insert,
    /// Take it out (the index keeps no text: it must be told the text it indexed).
    Delete,
}

/// One stored sentence: its id and where its text is.
struct Span {
    id: i64,
    /// Byte range in the article's text.
    bytes: (i64, i64),
    /// The text, when stored beside the article's (only where slicing would not give it).
    text: Option<String>,
}

/// Index or unindex the sentences of the articles `articles` selects (an SQL query giving
/// article ids, with at most one parameter, `param`); returns the sentences told.
pub(super) fn fts(tx: &Connection, articles: &str, param: Option<i64>, op: Fts) -> Result<usize> {
    let ids: Vec<i64> = {
        let mut st = tx
            .prepare_cached(articles)
            .ctx("listing articles to index")?;
        let rows = st
            .query_map(rusqlite::params_from_iter(param), |r| r.get(0))
            .ctx("listing articles to index")?;
        rows.collect::<std::result::Result<_, _>>()
            .ctx("listing articles to index")?
    };
    let mut text_of = tx
        .prepare_cached("SELECT text FROM articles WHERE id = ?1")
        .ctx("preparing article text")?;
    let mut spans_of = tx
        .prepare_cached(
            "SELECT id, start + skip, \"end\" + skip + span_skip, text FROM sentence_spans
             WHERE article_id = ?1 ORDER BY id",
        )
        .ctx("preparing sentence spans")?;
    let mut view = tx
        .prepare_cached("SELECT text FROM sentences WHERE id = ?1")
        .ctx("preparing sentence text")?;
    let mut tell = tx
        .prepare_cached(match op {
            Fts::Insert => "INSERT INTO sentence_fts (rowid, text) VALUES (?1, ?2)",
            Fts::Delete => {
                "INSERT INTO sentence_fts (sentence_fts, rowid, text) VALUES ('delete', ?1, ?2)"
            }
        })
        .ctx("preparing full-text index update")?;
    let mut told = 0;
    for id in ids {
        let text: String = text_of
            .query_row([id], |r| r.get(0))
            .optional()
            .ctx("reading article text")?
            .unwrap_or_default();
        let spans: Vec<Span> = spans_of
            .query_map([id], |r| {
                Ok(Span {
                    id: r.get(0)?,
                    bytes: (r.get(1)?, r.get(2)?),
                    text: r.get(3)?,
                })
            })
            .and_then(|rows| rows.collect())
            .ctx("reading sentence spans")?;
        for s in spans {
            let sliced = match &s.text {
                Some(t) => Some(t.as_str()),
                None => usize::try_from(s.bytes.0)
                    .ok()
                    .zip(usize::try_from(s.bytes.1).ok())
                    .and_then(|(a, b)| text.get(a..b)),
            };
            match sliced {
                Some(t) => tell.execute(params![s.id, t]),
                // not a slice at char boundaries (never written so): what the view reads
                None => {
                    let t: rusqlite::types::Value = view
                        .query_row([s.id], |r| r.get(0))
                        .ctx("reading sentence text")?;
                    tell.execute(params![s.id, t])
                }
            }
            .ctx("updating the full-text index")?;
            told += 1;
        }
    }
    Ok(told)
}
