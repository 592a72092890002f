//! Lookups the graph layer needs beside its edges: entities by id, name or alias, sample
//! sentences, the relation types with their codes, and a read snapshot to hold them steady.

use crate::error::{Error, Result, SqlContext};
use crate::store::{rows, Store};
use rusqlite::{params, CachedStatement, Row, Transaction};
use std::collections::HashMap;

/// An entity row.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityRow {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub mentions: i64,
    pub articles: i64,
}

/// A row of `relation_types`.
#[derive(Debug, Clone, PartialEq)]
pub struct RelationTypeRow {
    pub kind: String,
    pub family: String,
    pub plover: Option<String>,
    pub cameo_root: Option<String>,
}

/// Sentence texts by id, one lookup each (`Store::sentence_reader`).
pub struct SentenceReader<'s> {
    stmt: CachedStatement<'s>,
}

impl SentenceReader<'_> {
    /// Append the text of sentence `id` to `out`; an error if the store has no such sentence.
    pub fn append(&mut self, id: i64, out: &mut String) -> Result<()> {
        let mut rows = self.stmt.query([id]).ctx("looking up sentence")?;
        let r = rows
            .next()
            .ctx("reading sentence")?
            .ok_or_else(|| Error::Data(format!("sentence {id} is not in the database")))?;
        let text = r.get_ref(0).ctx("reading sentence")?;
        out.push_str(text.as_str().unwrap_or_default());
        Ok(())
    }
}

/// A read transaction, ended when dropped (`Store::snapshot`).
pub struct Snapshot<'s> {
    _tx: Transaction<'s>,
}

/// An entity from columns 0-4: id, name, type, mentions, articles.
pub(in crate::store) fn entity_row(r: &Row) -> rusqlite::Result<EntityRow> {
    Ok(EntityRow {
        id: r.get(0)?,
        name: r.get(1)?,
        kind: r.get(2)?,
        mentions: r.get(3)?,
        articles: r.get(4)?,
    })
}

impl Store {
    /// How many edges (of any type, negated or not) start or end at entity `id`: what reading
    /// its edges costs, counted in the edge indexes alone.
    pub fn edge_count_at(&self, id: i64) -> Result<u64> {
        self.conn
            .prepare_cached(
                "SELECT (SELECT count(*) FROM edges WHERE source_id = ?1)
                      + (SELECT count(*) FROM edges WHERE target_id = ?1)",
            )
            .ctx("preparing edge count")?
            .query_row([id], |r| r.get::<_, i64>(0))
            .map(|n| n as u64)
            .ctx("counting edges")
    }

    /// The entities with these ids, sorted by id.
    pub fn entities_by_ids(&self, ids: &[i64]) -> Result<Vec<EntityRow>> {
        let json = serde_json::to_string(ids).expect("ids serialize");
        rows(
            &self.conn,
            "SELECT id, name, type, mentions, articles FROM entities
             WHERE id IN (SELECT value FROM json_each(?1)) ORDER BY id",
            [json],
            entity_row,
        )
    }

    /// Entities named `name`: by exact name; failing that by exact alias (so `UK` finds
    /// United Kingdom before a stray `Uk`); then by name, then by alias, ignoring case.
    /// Sorted by mentions (most first), then id.
    pub fn entities_named(&self, name: &str) -> Result<Vec<EntityRow>> {
        const STAGES: [&str; 4] = [
            "SELECT id, name, type, mentions, articles FROM entities WHERE name = ?1
             ORDER BY mentions DESC, id",
            "SELECT DISTINCT e.id, e.name, e.type, e.mentions, e.articles
             FROM aliases al JOIN entities e ON e.id = al.entity_id
             WHERE al.alias = ?1 ORDER BY e.mentions DESC, e.id",
            "SELECT id, name, type, mentions, articles FROM entities
             WHERE name = ?1 COLLATE NOCASE ORDER BY mentions DESC, id",
            "SELECT DISTINCT e.id, e.name, e.type, e.mentions, e.articles
             FROM aliases al JOIN entities e ON e.id = al.entity_id
             WHERE al.alias = ?1 COLLATE NOCASE ORDER BY e.mentions DESC, e.id",
        ];
        for sql in STAGES {
            let found = rows(&self.conn, sql, [name], entity_row)?;
            if !found.is_empty() {
                return Ok(found);
            }
        }
        Ok(Vec::new())
    }

    /// Ids of every entity with a mention, of these types when given (`--all-nodes`).
    pub fn mentioned_entity_ids(&self, types: Option<&[String]>) -> Result<Vec<i64>> {
        let types = types.map(|t| serde_json::to_string(t).expect("names serialize"));
        rows(
            &self.conn,
            "SELECT id FROM entities WHERE mentions > 0
             AND (?1 IS NULL OR type IN (SELECT value FROM json_each(?1)))",
            [types],
            |r| r.get(0),
        )
    }

    /// The text of these sentences, by id.
    pub fn sentence_texts(&self, ids: &[i64]) -> Result<HashMap<i64, String>> {
        let json = serde_json::to_string(ids).expect("ids serialize");
        let found: Vec<(i64, String)> = rows(
            &self.conn,
            "SELECT id, text FROM sentences WHERE id IN (SELECT value FROM json_each(?1))",
            [json],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(found.into_iter().collect())
    }

    /// A reader of sentence texts by id, for writers that want one sentence at a time.
    pub fn sentence_reader(&self) -> Result<SentenceReader<'_>> {
        let stmt = self
            .conn
            .prepare_cached("SELECT text FROM sentences WHERE id = ?1")
            .ctx("preparing sentence lookup")?;
        Ok(SentenceReader { stmt })
    }

    /// Hold one read transaction until the guard drops: every statement in between sees the
    /// same state of the database (an ingest may commit meanwhile), and lookups do not take
    /// and drop the shared lock each (two fcntl calls and a WAL check per statement).
    pub fn snapshot(&self) -> Result<Snapshot<'_>> {
        let tx = self
            .conn
            .unchecked_transaction()
            .ctx("starting read transaction")?;
        Ok(Snapshot { _tx: tx })
    }

    /// The entity with this id, if any.
    pub fn entity(&self, id: i64) -> Result<Option<EntityRow>> {
        Ok(self.entities_by_ids(&[id])?.pop())
    }

    /// Up to `limit` entities whose name or an alias contains `part` (ignoring case), most
    /// mentioned first: suggestions for a name that matched nothing.
    pub fn entities_like(&self, part: &str, limit: usize) -> Result<Vec<EntityRow>> {
        let pattern = format!(
            "%{}%",
            part.replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, name, type, mentions, articles FROM entities e
                 WHERE e.name LIKE ?1 ESCAPE '\\'
                    OR EXISTS (SELECT 1 FROM aliases al WHERE al.entity_id = e.id
                               AND al.alias LIKE ?1 ESCAPE '\\')
                 ORDER BY mentions DESC, id LIMIT ?2",
            )
            .ctx("preparing entity suggestions")?;
        let rows = stmt
            .query_map(params![pattern, limit as i64], entity_row)
            .ctx("suggesting entities")?;
        let found: Vec<EntityRow> = rows
            .collect::<std::result::Result<_, _>>()
            .ctx("reading entities")?;
        if !found.is_empty() {
            return Ok(found);
        }
        self.entities_spelled_like(part, limit)
    }

    /// Up to `limit` entities whose name is a few edits from `name` (`Tony Blare` for Tony
    /// Blair): at most one edit per four characters, closest and most mentioned first.
    fn entities_spelled_like(&self, name: &str, limit: usize) -> Result<Vec<EntityRow>> {
        let want: Vec<char> = name.to_lowercase().chars().collect();
        let most = (want.len() / 4).max(1);
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, name, type, mentions, articles FROM entities")
            .ctx("preparing entity suggestions")?;
        let mut rows = stmt.query([]).ctx("suggesting entities")?;
        let mut near: Vec<(usize, EntityRow)> = Vec::new();
        let mut have: Vec<char> = Vec::new();
        while let Some(r) = rows.next().ctx("reading entities")? {
            let n: String = r.get(1).ctx("reading entities")?;
            have.clear();
            have.extend(n.to_lowercase().chars());
            if have.len().abs_diff(want.len()) > most {
                continue;
            }
            if let Some(d) = edit_distance(&want, &have, most) {
                near.push((d, entity_row(r).ctx("reading entities")?));
            }
        }
        near.sort_by(|(da, a), (db, b)| (da, -a.mentions, a.id).cmp(&(db, -b.mentions, b.id)));
        Ok(near.into_iter().take(limit).map(|(_, e)| e).collect())
    }

    /// Every relation type with its family and codes, sorted by type.
    pub fn relation_types(&self) -> Result<Vec<RelationTypeRow>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT type, family, plover, cameo_root FROM relation_types ORDER BY type",
            )
            .ctx("preparing relation types")?;
        let rows = stmt
            .query_map([], |r| {
                Ok(RelationTypeRow {
                    kind: r.get(0)?,
                    family: r.get(1)?,
                    plover: r.get(2)?,
                    cameo_root: r.get(3)?,
                })
            })
            .ctx("reading relation types")?;
        rows.collect::<std::result::Result<_, _>>()
            .ctx("reading relation types")
    }
}

/// Edits (insertions, deletions, substitutions) between `a` and `b`, if at most `most`.
fn edit_distance(a: &[char], b: &[char], most: usize) -> Option<usize> {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        if cur.iter().min().is_some_and(|&m| m > most) {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    Some(prev[b.len()]).filter(|&d| d <= most)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> Store {
        let s = Store::open_memory().unwrap();
        s.conn
            .execute_batch(
                "INSERT INTO entities (id, name, type, mentions) VALUES
                    (1, 'Uk', 'organization', 1), (2, 'United Kingdom', 'country', 40),
                    (3, 'Tony Blair', 'person', 12), (4, 'Tony Blackburn', 'person', 1);
                 INSERT INTO aliases (entity_id, alias) VALUES (2, 'UK'), (2, 'Britain');",
            )
            .unwrap();
        s
    }

    #[test]
    fn an_exact_alias_comes_before_a_name_in_another_case() {
        let s = store();
        let names = |q: &str| -> Vec<String> {
            s.entities_named(q)
                .unwrap()
                .into_iter()
                .map(|e| e.name)
                .collect()
        };
        assert_eq!(names("UK"), ["United Kingdom"]);
        assert_eq!(names("Uk"), ["Uk"]);
        assert_eq!(names("uk"), ["Uk"]);
        assert_eq!(names("britain"), ["United Kingdom"]);
    }

    #[test]
    fn misspelled_names_get_suggestions() {
        let s = store();
        let like: Vec<String> = s
            .entities_like("Tony Blare", 5)
            .unwrap()
            .into_iter()
            .map(|e| e.name)
            .collect();
        assert_eq!(like, ["Tony Blair"]);
        assert!(s.entities_like("Zzyzx Qwerty", 5).unwrap().is_empty());
        let d = |a: &str, b: &str| {
            let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            edit_distance(&a, &b, 3)
        };
        assert_eq!(d("blare", "blair"), Some(2));
        assert_eq!(d("kitten", "sitting"), Some(3));
        assert_eq!(d("abc", "xyzabc"), Some(3));
        assert_eq!(d("abcd", "wxyz"), None);
    }
}
