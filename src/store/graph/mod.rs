//! The SQL of the graph layer: edges aggregated (or not) from relations, with filters bound.
//!
//! Every statement is fixed text chosen from a few static variants; user values (dates, type
//! names, entity names) are only ever bound as parameters, lists as one JSON array.

mod lookup;

pub(super) use lookup::entity_row;
pub use lookup::{EntityRow, RelationTypeRow, SentenceReader, Snapshot};

use super::Store;
use crate::error::{Result, SqlContext};
use rusqlite::Row;

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
}

/// One edge as SQL returns it; strings are borrowed from the SQLite row. For a `multi`
/// query, weight and articles are 1.
#[derive(Debug, Clone, Copy)]
pub struct EdgeRow<'a> {
    pub source: i64,
    pub kind: &'a str,
    pub target: i64,
    pub negated: bool,
    pub weight: i64,
    pub articles: i64,
    /// Mean confidence of the evidence.
    pub confidence: f64,
    /// Earliest and latest article date of the evidence.
    pub first_seen: Option<&'a str>,
    pub last_seen: Option<&'a str>,
    /// The relation id (multi) or the smallest relation id of the group.
    pub relation_id: i64,
    /// The sentence of that relation (its text: `Store::sentence_reader`, `sentence_texts`).
    pub sentence_id: i64,
}

/// One relation as a full-graph scan sees it: its edge key and its article's date; strings
/// are borrowed from the SQLite row.
#[derive(Debug, Clone, Copy)]
pub struct RelationRow<'a> {
    pub source: i64,
    pub kind: &'a str,
    pub target: i64,
    pub negated: bool,
    pub published: Option<&'a str>,
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
// query touches relations and articles alone.
const JOIN: &str = "JOIN articles a ON a.id = r.article_id";

fn anchor_clause(anchor: Anchor, table: &str) -> String {
    match anchor {
        Anchor::All => "?6 IS NULL AND".into(),
        Anchor::Source(_) => format!("{table}.source_id = ?6 AND"),
        Anchor::Target(_) => format!("{table}.target_id = ?6 AND"),
    }
}

/// Can `q` be answered from the `edges` aggregate? Not with a date window (it holds only
/// the first and last dates) nor one row per relation.
pub fn aggregate_answers(q: &EdgeQuery) -> bool {
    q.since.is_none() && q.until.is_none() && !q.multi
}

/// Edges from the `edges` aggregate: its primary key gives the order (and the source
/// anchor), `edges_target` the target anchor. ?1 and ?2 (dates) are NULL here.
fn aggregate_sql(anchor: Anchor) -> String {
    let anchor = anchor_clause(anchor, "e");
    format!(
        "SELECT e.source_id, e.type, e.target_id, e.negated, e.weight, e.articles,
                e.confidence_sum / e.weight, e.first_seen, e.last_seen, e.sample_relation_id,
                e.sample_sentence_id
         FROM edges e
         WHERE {anchor} ?1 IS NULL AND ?2 IS NULL
           AND (?3 IS NULL OR e.type IN (SELECT value FROM json_each(?3)))
           AND (?4 IS NULL OR ((SELECT type FROM entities WHERE id = e.source_id)
                                   IN (SELECT value FROM json_each(?4))
                               AND (SELECT type FROM entities WHERE id = e.target_id)
                                   IN (SELECT value FROM json_each(?4))))
           AND (?5 OR e.negated = 0)
         ORDER BY e.source_id, e.type, e.target_id, e.negated"
    )
}

fn edge_sql(q: &EdgeQuery, anchor: Anchor) -> String {
    if aggregate_answers(q) {
        return aggregate_sql(anchor);
    }
    // Unanchored, relations are read in table order and sorted: walking an index instead
    // visits the table at random (7.6 s against 4.7 s for a million relations).
    let from = if anchor == Anchor::All {
        "FROM relations r NOT INDEXED"
    } else {
        "FROM relations r"
    };
    let anchor = anchor_clause(anchor, "r");
    if q.multi {
        format!(
            "SELECT r.source_id, r.type, r.target_id, r.negated, 1, 1, r.confidence, a.published,
                    a.published, r.id, r.sentence_id
             {from} {JOIN}
             WHERE {anchor} {FILTERS}
             ORDER BY r.source_id, r.type, r.target_id, r.id"
        )
    } else {
        // The sample is the relation with the smallest id, as in `edges`.
        format!(
            "SELECT g.*, (SELECT sentence_id FROM relations WHERE id = g.relation_id)
             FROM (
                SELECT r.source_id, r.type, r.target_id, r.negated, count(*),
                       count(DISTINCT r.article_id), avg(r.confidence), min(a.published),
                       max(a.published), min(r.id) AS relation_id
                {from} {JOIN}
                WHERE {anchor} {FILTERS}
                GROUP BY r.source_id, r.type, r.target_id, r.negated
             ) g
             ORDER BY g.source_id, g.type, g.target_id, g.negated"
        )
    }
}

/// The relations matching the filters with their article's date. Unanchored, in table order:
/// a sequential scan of relations, which keeps a million-row export off random index walks;
/// anchored at a source (?6), through the source index.
fn relation_sql(anchor: Anchor) -> String {
    let from = if anchor == Anchor::All {
        "FROM relations r NOT INDEXED"
    } else {
        "FROM relations r"
    };
    let anchor = anchor_clause(anchor, "r");
    format!(
        "SELECT r.source_id, r.type, r.target_id, r.negated, a.published
         {from} {JOIN}
         WHERE {anchor} {FILTERS}"
    )
}

/// The parameters of every filtered statement: the filters, then the anchor's entity id.
fn filter_params(q: &EdgeQuery, anchor: Anchor) -> impl rusqlite::Params {
    let anchor_id = match anchor {
        Anchor::All => None,
        Anchor::Source(id) | Anchor::Target(id) => Some(id),
    };
    (
        q.since.clone(),
        q.until.clone(),
        json_list(&q.types),
        json_list(&q.entity_types),
        q.include_negated,
        anchor_id,
    )
}

fn text<'a>(r: &'a Row, i: usize) -> rusqlite::Result<Option<&'a str>> {
    r.get_ref(i)?.as_str_or_null().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn relation_row<'a>(r: &'a Row) -> rusqlite::Result<RelationRow<'a>> {
    Ok(RelationRow {
        source: r.get(0)?,
        kind: text(r, 1)?.unwrap_or_default(),
        target: r.get(2)?,
        negated: r.get(3)?,
        published: text(r, 4)?,
    })
}

fn edge_row<'a>(r: &'a Row) -> rusqlite::Result<EdgeRow<'a>> {
    Ok(EdgeRow {
        source: r.get(0)?,
        kind: text(r, 1)?.unwrap_or_default(),
        target: r.get(2)?,
        negated: r.get(3)?,
        weight: r.get(4)?,
        articles: r.get(5)?,
        confidence: r.get(6)?,
        first_seen: text(r, 7)?,
        last_seen: text(r, 8)?,
        relation_id: r.get(9)?,
        sentence_id: r.get(10)?,
    })
}

fn json_list(v: &Option<Vec<String>>) -> Option<String> {
    v.as_ref()
        .map(|l| serde_json::to_string(l).expect("a list of strings serializes"))
}

impl Store {
    /// Stream the edges matching `q`, sorted by (source id, type, target id), to `each`:
    /// from the `edges` aggregate when it can answer (`aggregate_answers`), else grouped
    /// from relations.
    pub fn for_each_edge(
        &self,
        q: &EdgeQuery,
        anchor: Anchor,
        mut each: impl FnMut(&EdgeRow) -> crate::Result<()>,
    ) -> Result<()> {
        let sql = edge_sql(q, anchor);
        let mut stmt = self.conn.prepare_cached(&sql).ctx("preparing edge query")?;
        let mut rows = stmt.query(filter_params(q, anchor)).ctx("querying edges")?;
        while let Some(r) = rows.next().ctx("reading edges")? {
            each(&edge_row(r).ctx("reading edge row")?)?;
        }
        Ok(())
    }

    /// Stream every relation matching `q` (its filters; `multi` is ignored), in table order.
    pub fn for_each_relation(
        &self,
        q: &EdgeQuery,
        mut each: impl FnMut(&RelationRow) -> crate::Result<()>,
    ) -> Result<()> {
        self.relations_at(q, Anchor::All, &mut each)
    }

    /// The relations out of entity `source` matching `q` (its filters; `multi` is ignored),
    /// through the source index: the evidence of one entity's edges without a scan.
    pub fn for_each_relation_from(
        &self,
        q: &EdgeQuery,
        source: i64,
        each: &mut dyn FnMut(&RelationRow) -> crate::Result<()>,
    ) -> Result<()> {
        self.relations_at(q, Anchor::Source(source), each)
    }

    fn relations_at(
        &self,
        q: &EdgeQuery,
        anchor: Anchor,
        each: &mut dyn FnMut(&RelationRow) -> crate::Result<()>,
    ) -> Result<()> {
        let mut stmt = self
            .conn
            .prepare_cached(&relation_sql(anchor))
            .ctx("preparing relation scan")?;
        let mut rows = stmt
            .query(filter_params(q, anchor))
            .ctx("reading relations")?;
        while let Some(r) = rows.next().ctx("reading relations")? {
            each(&relation_row(r).ctx("reading relation row")?)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::params;

    /// The query plan of an edge query, one detail per line.
    fn plan(s: &Store, q: &EdgeQuery, anchor: Anchor) -> String {
        let sql = format!("EXPLAIN QUERY PLAN {}", edge_sql(q, anchor));
        let mut stmt = s.conn.prepare(&sql).unwrap();
        let rows = stmt
            .query_map(
                params![
                    q.since,
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
            // A date window needs the relations.
            let q = EdgeQuery {
                multi,
                since: Some("2018".into()),
                ..Default::default()
            };
            assert!(!aggregate_answers(&q));
            let p = plan(&s, &q, Anchor::Source(1));
            assert!(
                p.contains("USING INDEX relations_source (source_id=?)"),
                "{p}"
            );
            let p = plan(&s, &q, Anchor::Target(1));
            assert!(
                p.contains("USING INDEX relations_target (target_id=?)"),
                "{p}"
            );
            assert!(!p.contains("SCAN r"), "{p}");
        }
        // Without one, the aggregate: by its primary key, or its target index.
        let q = EdgeQuery::default();
        assert!(aggregate_answers(&q));
        let p = plan(&s, &q, Anchor::Source(1));
        assert!(p.contains("USING PRIMARY KEY (source_id=?)"), "{p}");
        let p = plan(&s, &q, Anchor::Target(1));
        assert!(p.contains("USING INDEX edges_target (target_id=?)"), "{p}");
        assert!(!p.contains("relations"), "{p}");
        let p = plan(&s, &q, Anchor::All);
        assert!(p.contains("SCAN e"), "{p}");
        assert!(!p.contains("TEMP B-TREE"), "{p}");
    }
}
