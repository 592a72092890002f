//! Summary counts of the store: the totals an ingest reports and what `stats` shows.

use super::Store;
use crate::error::{Result, SqlContext};
use serde::Serialize;

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

impl Store {
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

    /// Counts of everything, and the `top` entities by mentions and edges by weight.
    pub fn stats(&self, top: usize) -> Result<Stats> {
        let count =
            |sql: &str| -> Result<i64> { self.conn.query_row(sql, [], |r| r.get(0)).ctx(sql) };
        let top_entities = super::rows(
                &self.conn,
            "SELECT name, type, mentions, articles FROM entities ORDER BY mentions DESC, name LIMIT ?1",
            [top as i64],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        // databases from before schema 4 have no merge record
        let merged = count(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'entity_merges'",
        )? > 0;
        let top_edges = super::rows(
            &self.conn,
            "SELECT source, type, target, weight FROM edge_view
             ORDER BY weight DESC, source, type, target LIMIT ?1",
            [top as i64],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        let ranked: Vec<(String, String, String, String, i64)> = super::rows(
            &self.conn,
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
            entities_by_type: super::rows(
                &self.conn,
                "SELECT type, count(*) FROM entities WHERE mentions > 0 GROUP BY type ORDER BY count(*) DESC, type",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?,
            relations_by_type: super::rows(
                &self.conn,
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
                super::rows(
                &self.conn,
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
