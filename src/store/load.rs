//! What `load` and `merge` ask of the store beside the writer: the relation types an
//! extraction may use, the check the writer runs on an extraction (so a bad line is named
//! by its line), and another database's articles read back in order, with its curations.

use super::{ArticleId, Store, StoredArticle};
use crate::error::{Error, Result, SqlContext};
use crate::fxhash::FxSet;
use crate::model::{Article, Extraction};
use rusqlite::params;

/// The check the writer runs on every extraction before it stores it: references in range
/// (`chars` code points of text) and relation types the store knows.
pub fn check_extraction(
    x: &Extraction,
    chars: usize,
    types: &FxSet<String>,
) -> std::result::Result<(), String> {
    super::check::check(x, chars, types)
}

impl Store {
    /// The relation types of this database (`relation_types`).
    pub fn relation_type_names(&self) -> Result<FxSet<String>> {
        let mut st = self
            .conn
            .prepare("SELECT type FROM relation_types")
            .ctx("reading relation types")?;
        let rows = st
            .query_map([], |r| r.get(0))
            .ctx("reading relation types")?;
        rows.collect::<std::result::Result<_, _>>()
            .ctx("reading relation types")
    }

    /// Refuse to merge `other` (opened read-only, at `path`) unless its schema version is
    /// this database's.
    pub fn check_same_schema(&self, other: &Store, path: &std::path::Path) -> Result<()> {
        let (ours, theirs) = (self.schema_version()?, other.schema_version()?);
        let why = if theirs < ours {
            format!("run `newsgraph --db {} migrate` first", path.display())
        } else {
            "merge it with the newsgraph that built it".to_string()
        };
        if ours != theirs {
            return Err(Error::Db(format!(
                "{}: schema version {theirs} differs from this database's ({ours}): {why}",
                path.display()
            )));
        }
        Ok(())
    }

    /// Up to `limit` articles with id above `after`, in id order (the order they were
    /// stored in), with their text and metadata.
    pub fn articles_after(&self, after: i64, limit: usize) -> Result<Vec<StoredArticle>> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT id, external_id, title, author, source, published, url, path, text
                 FROM articles WHERE id > ?1 ORDER BY id LIMIT ?2",
            )
            .ctx("reading articles")?;
        let rows = st
            .query_map(params![after, limit as i64], |r| {
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
            })
            .ctx("reading articles")?;
        rows.collect::<std::result::Result<_, _>>()
            .ctx("reading articles")
    }

    /// How many articles this database holds.
    pub fn article_count(&self) -> Result<i64> {
        self.conn
            .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
            .ctx("counting articles")
    }

    /// How many corrections are in force (recorded and not undone).
    pub fn curations_in_force(&self) -> Result<i64> {
        self.conn
            .query_row(
                "SELECT count(*) FROM curations WHERE undone_at IS NULL",
                [],
                |r| r.get(0),
            )
            .ctx("counting corrections")
    }
}
