//! The SQL of the graph layer: edges aggregated (or not) from relations, with filters bound.
//!
//! Every statement is fixed text chosen from a few static variants; user values (dates, type
//! names, entity names) are only ever bound as parameters, lists as one JSON array.

mod lookup;

pub use lookup::{EntityRow, RelationTypeRow};

use super::Store;
use crate::error::{Result, SqlContext};
use rusqlite::{params, Row};

/// Which relations an edge query starts from. `Source`/`Target` use the
/// `relations(source_id, ...)` / `relations(target_id, ...)` indexes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    All,
    Source(i64),
    Target(i64),
}

/// The SQL side of a graph filter. Lists are exact relation types / entity types; `None`
/// means no restriction.
#[derive(Debug, Clone, Default)]
pub struct EdgeQuery {
    /// Inclusive lower bound on the article date; `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub since: Option<String>,
    /// Inclusive upper bound: a prefix matches the whole year or month it names.
    pub until: Option<String>,
    pub types: Option<Vec<String>>,
    pub entity_types: Option<Vec<String>>,
    pub include_negated: bool,
    /// One row per relation instead of one per (source, type, target, negated).
    pub multi: bool,
    /// Leave the sample sentence's text out (its id is still given): fetch the few needed
    /// later with `sentence_texts` instead of one random read per edge.
    pub without_sentences: bool,
}

/// One edge as SQL returns it. For a `multi` query, weight and articles are 1.
#[derive(Debug, Clone)]
pub struct EdgeRow {
    pub source: i64,
    pub kind: String,
    pub target: i64,
    pub negated: bool,
    pub weight: i64,
    pub articles: i64,
    pub confidence: f64,
    /// Distinct article dates of the evidence, comma-separated, unordered.
    pub dates: Option<String>,
    /// The relation id (multi) or the smallest relation id of the group.
    pub relation_id: i64,
    pub sentence_id: i64,
    /// The sample sentence, unless the query was `without_sentences`.
    pub sentence: Option<String>,
}

/// One relation as a full-graph scan sees it; strings are borrowed from the SQLite row.
#[derive(Debug, Clone, Copy)]
pub struct RelationRow<'a> {
    pub id: i64,
    pub source: i64,
    pub kind: &'a str,
    pub target: i64,
    pub negated: bool,
    pub article_id: i64,
    pub confidence: f64,
    pub published: Option<&'a str>,
    pub sentence_id: i64,
    pub sentence: &'a str,
}

const FILTERS: &str = "
    (?1 IS NULL OR a.published >= ?1)
    AND (?2 IS NULL OR substr(a.published, 1, length(?2)) <= ?2)
    AND (?3 IS NULL OR r.type IN (SELECT value FROM json_each(?3)))
    AND (?4 IS NULL OR ((SELECT type FROM entities WHERE id = r.source_id)
                            IN (SELECT value FROM json_each(?4))
                        AND (SELECT type FROM entities WHERE id = r.target_id)
                            IN (SELECT value FROM json_each(?4))))
    AND (?5 OR r.negated = 0)";

// Entity types are looked up only when filtered on (the OR short-circuits), so an unfiltered
// query touches relations, articles and sentences alone.
const JOINS: &str = "
    FROM relations r
    JOIN articles a ON a.id = r.article_id";

fn anchor_clause(anchor: Anchor) -> &'static str {
    match anchor {
        Anchor::All => "?6 IS NULL AND",
        Anchor::Source(_) => "r.source_id = ?6 AND",
        Anchor::Target(_) => "r.target_id = ?6 AND",
    }
}

fn edge_sql(multi: bool, sentences: bool, anchor: Anchor) -> String {
    let anchor = anchor_clause(anchor);
    let (text, join) = match (sentences, multi) {
        (false, _) => ("NULL", ""),
        (true, true) => ("se.text", "JOIN sentences se ON se.id = r.sentence_id"),
        (true, false) => ("se.text", "JOIN sentences se ON se.id = g.sentence_id"),
    };
    if multi {
        format!(
            "SELECT r.source_id, r.type, r.target_id, r.negated, 1, 1, r.confidence, a.published,
                    r.id, r.sentence_id, {text}
             {JOINS}
             {join}
             WHERE {anchor} {FILTERS}
             ORDER BY r.source_id, r.type, r.target_id, r.id"
        )
    } else {
        format!(
            "SELECT g.source_id, g.type, g.target_id, g.negated, g.weight, g.articles,
                    g.confidence, g.dates, g.relation_id, g.sentence_id, {text}
             FROM (
                SELECT r.source_id, r.type, r.target_id, r.negated, count(*) AS weight,
                       count(DISTINCT r.article_id) AS articles, avg(r.confidence) AS confidence,
                       group_concat(DISTINCT a.published) AS dates, min(r.id) AS relation_id,
                       min(r.sentence_id) AS sentence_id
                {JOINS}
                WHERE {anchor} {FILTERS}
                GROUP BY r.source_id, r.type, r.target_id, r.negated
             ) g
             {join}
             ORDER BY g.source_id, g.type, g.target_id, g.negated"
        )
    }
}

/// Every relation matching the filters, in id order: a sequential scan of relations with
/// its article and sentence, which keeps a million-row export off random index walks.
fn relation_scan_sql() -> String {
    format!(
        "SELECT r.id, r.source_id, r.type, r.target_id, r.negated, r.article_id, r.confidence,
                a.published, r.sentence_id, se.text
         {JOINS}
         JOIN sentences se ON se.id = r.sentence_id
         WHERE {FILTERS}
         ORDER BY r.id"
    )
}

fn text<'a>(r: &'a Row, i: usize) -> rusqlite::Result<Option<&'a str>> {
    r.get_ref(i)?.as_str_or_null().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn relation_row<'a>(r: &'a Row) -> rusqlite::Result<RelationRow<'a>> {
    Ok(RelationRow {
        id: r.get(0)?,
        source: r.get(1)?,
        kind: text(r, 2)?.unwrap_or_default(),
        target: r.get(3)?,
        negated: r.get(4)?,
        article_id: r.get(5)?,
        confidence: r.get(6)?,
        published: text(r, 7)?,
        sentence_id: r.get(8)?,
        sentence: text(r, 9)?.unwrap_or_default(),
    })
}

fn edge_row(r: &Row) -> rusqlite::Result<EdgeRow> {
    Ok(EdgeRow {
        source: r.get(0)?,
        kind: r.get(1)?,
        target: r.get(2)?,
        negated: r.get(3)?,
        weight: r.get(4)?,
        articles: r.get(5)?,
        confidence: r.get(6)?,
        dates: r.get(7)?,
        relation_id: r.get(8)?,
        sentence_id: r.get(9)?,
        sentence: r.get(10)?,
    })
}

fn json_list(v: &Option<Vec<String>>) -> Option<String> {
    v.as_ref()
        .map(|l| serde_json::to_string(l).expect("a list of strings serializes"))
}

impl Store {
    /// Stream the edges matching `q`, sorted by (source id, type, target id), to `each`.
    pub fn for_each_edge(
        &self,
        q: &EdgeQuery,
        anchor: Anchor,
        mut each: impl FnMut(EdgeRow) -> crate::Result<()>,
    ) -> Result<()> {
        let sql = edge_sql(q.multi, !q.without_sentences, anchor);
        let mut stmt = self.conn.prepare_cached(&sql).ctx("preparing edge query")?;
        let anchor_id = match anchor {
            Anchor::All => None,
            Anchor::Source(id) | Anchor::Target(id) => Some(id),
        };
        let mut rows = stmt
            .query(params![
                q.since,
                q.until,
                json_list(&q.types),
                json_list(&q.entity_types),
                q.include_negated,
                anchor_id
            ])
            .ctx("querying edges")?;
        while let Some(r) = rows.next().ctx("reading edges")? {
            each(edge_row(r).ctx("reading edge row")?)?;
        }
        Ok(())
    }

    /// Stream every relation matching `q` (its filters; `multi` is ignored), in id order.
    pub fn for_each_relation(
        &self,
        q: &EdgeQuery,
        mut each: impl FnMut(&RelationRow) -> crate::Result<()>,
    ) -> Result<()> {
        let mut stmt = self
            .conn
            .prepare_cached(&relation_scan_sql())
            .ctx("preparing relation scan")?;
        let mut rows = stmt
            .query(params![
                q.since,
                q.until,
                json_list(&q.types),
                json_list(&q.entity_types),
                q.include_negated
            ])
            .ctx("scanning relations")?;
        while let Some(r) = rows.next().ctx("reading relations")? {
            each(&relation_row(r).ctx("reading relation row")?)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The query plan of an edge query, one detail per line.
    fn plan(s: &Store, multi: bool, anchor: Anchor) -> String {
        let sql = format!("EXPLAIN QUERY PLAN {}", edge_sql(multi, true, anchor));
        let mut stmt = s.conn.prepare(&sql).unwrap();
        let rows = stmt
            .query_map(
                params![
                    None::<String>,
                    None::<String>,
                    None::<String>,
                    None::<String>,
                    false,
                    Some(1)
                ],
                |r| r.get::<_, String>(3),
            )
            .unwrap();
        rows.map(|r| r.unwrap()).collect::<Vec<_>>().join("\n")
    }

    #[test]
    fn neighbour_queries_search_the_source_and_target_indexes() {
        let s = Store::open_memory().unwrap();
        for multi in [false, true] {
            let p = plan(&s, multi, Anchor::Source(1));
            assert!(
                p.contains("USING INDEX relations_source (source_id=?)"),
                "{p}"
            );
            let p = plan(&s, multi, Anchor::Target(1));
            assert!(
                p.contains("USING INDEX relations_target (target_id=?)"),
                "{p}"
            );
            assert!(!p.contains("SCAN r"), "{p}");
        }
    }
}
