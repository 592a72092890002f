//! Checks of what curation, `forget` and `reextract` must keep true, for tests and audits:
//! the `edges` aggregate equals a fresh grouping of the relations, counters equal a fresh
//! count, no row points at a missing article, sentence or entity; and a dump of the public
//! views to compare two databases (or one before and after) by value.

use super::Store;
use crate::error::{Result, SqlContext};

/// (what it checks, a query returning the rows that break it)
const CHECKS: &[(&str, &str)] = &[
    (
        "edges differ from the relations grouped",
        "WITH g AS (SELECT r.source_id, r.type, r.target_id, r.negated, count(*) AS w,
                           count(DISTINCT r.article_id) AS n, min(a.published) AS f,
                           max(a.published) AS l, round(sum(r.confidence), 6) AS c, min(r.id) AS s
                    FROM relations r JOIN articles a ON a.id = r.article_id
                    GROUP BY r.source_id, r.type, r.target_id, r.negated),
              e AS (SELECT source_id, type, target_id, negated, weight AS w, articles AS n,
                           first_seen AS f, last_seen AS l, round(confidence_sum, 6) AS c,
                           sample_relation_id AS s FROM edges)
         SELECT * FROM (SELECT * FROM g EXCEPT SELECT * FROM e)
         UNION ALL SELECT * FROM (SELECT * FROM e EXCEPT SELECT * FROM g)",
    ),
    (
        "edge samples point at the wrong sentence",
        "SELECT e.source_id FROM edges e LEFT JOIN relations r ON r.id = e.sample_relation_id
         WHERE r.sentence_id IS NOT e.sample_sentence_id",
    ),
    (
        "entity counters differ from a count of mentions",
        "SELECT e.id FROM entities e WHERE e.mentions != (SELECT count(*) FROM mentions WHERE entity_id = e.id)
            OR e.articles != (SELECT count(DISTINCT article_id) FROM mentions WHERE entity_id = e.id)",
    ),
    (
        "rows point at a missing article, sentence or entity",
        "SELECT 'fk', * FROM pragma_foreign_key_check
         UNION ALL SELECT 'edge', source_id, type, target_id, 0 FROM edges
             WHERE source_id NOT IN (SELECT id FROM entities) OR target_id NOT IN (SELECT id FROM entities)
         UNION ALL SELECT 'alias', entity_id, alias, 0, 0 FROM aliases
             WHERE entity_id NOT IN (SELECT id FROM entities)
         UNION ALL SELECT 'mention', id, article_id, 0, 0 FROM mentions m
             WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.id = m.sentence_id AND s.article_id = m.article_id)
         UNION ALL SELECT 'relation', id, article_id, 0, 0 FROM relations r
             WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.id = r.sentence_id AND s.article_id = r.article_id)",
    ),
    (
        "the full-text index differs from the sentences",
        "SELECT (SELECT count(*) FROM sentence_fts_docsize), (SELECT count(*) FROM sentences)
         WHERE (SELECT count(*) FROM sentence_fts_docsize) != (SELECT count(*) FROM sentences)",
    ),
];

/// A value as text: `NULL`, a number, or the text quoted.
fn cell(v: Option<rusqlite::types::ValueRef>) -> String {
    use rusqlite::types::ValueRef::*;
    match v {
        None | Some(Null) => "NULL".into(),
        Some(Integer(i)) => i.to_string(),
        Some(Real(f)) => f.to_string(),
        Some(Text(t)) => format!("{:?}", String::from_utf8_lossy(t)),
        Some(Blob(b)) => format!("{b:?}"),
    }
}

impl Store {
    /// What is wrong with this database, one line per broken check (empty when sound).
    pub fn consistency_problems(&self) -> Result<Vec<String>> {
        let mut out = Vec::new();
        for (what, sql) in CHECKS {
            let mut st = self.conn.prepare(sql).ctx(what)?;
            let n = st.column_count();
            let mut rows = st.query([]).ctx(what)?;
            let mut bad = Vec::new();
            while let Some(r) = rows.next().ctx(what)? {
                let v: Vec<String> = (0..n).map(|i| cell(r.get_ref(i).ok())).collect();
                if v.iter().all(|s| s == "0") {
                    continue; // a count of nothing
                }
                bad.push(v.join("|"));
            }
            if !bad.is_empty() {
                bad.truncate(5);
                out.push(format!("{what}: {}", bad.join("; ")));
            }
        }
        Ok(out)
    }

    /// Every row of the public views, as text, sorted; with `ids` false, entity, article,
    /// sentence, mention and relation ids are left out, to compare two databases by value.
    pub fn view_dump(&self, ids: bool) -> Result<Vec<String>> {
        let queries: [(&str, &str, &str); 5] = [
            ("entity", "SELECT entity_id, name, type, mentions, articles FROM entity_view", "SELECT name, type, mentions, articles FROM entity_view"),
            ("alias", "SELECT entity_id, name, alias FROM alias_view", "SELECT name, alias FROM alias_view"),
            (
                "mention",
                "SELECT mention_id, entity_id, name, type, kind, article_id, sentence_id, start, \"end\", surface FROM mention_view",
                "SELECT name, type, kind, external_id, start, \"end\", surface FROM mention_view",
            ),
            (
                "relation",
                "SELECT relation_id, source_id, source, type, target_id, target, negated, round(confidence, 6), article_id, sentence_id, trigger, rule FROM relation_view",
                "SELECT source, source_type, type, target, target_type, negated, round(confidence, 6), external_id, sentence, trigger, rule FROM relation_view",
            ),
            (
                "edge",
                "SELECT source_id, source, type, target_id, target, weight, articles, first_seen, last_seen, round(confidence, 6) FROM edge_view",
                "SELECT source, type, target, weight, articles, first_seen, last_seen, round(confidence, 6) FROM edge_view",
            ),
        ];
        let mut out = Vec::new();
        for (view, with_ids, without) in queries {
            let sql = if ids { with_ids } else { without };
            let mut st = self.conn.prepare(sql).ctx("dumping views")?;
            let n = st.column_count();
            let mut rows = st.query([]).ctx("dumping views")?;
            while let Some(r) = rows.next().ctx("dumping views")? {
                let v: Vec<String> = (0..n).map(|i| cell(r.get_ref(i).ok())).collect();
                out.push(format!("{view}|{}", v.join("|")));
            }
        }
        out.sort();
        Ok(out)
    }
}
