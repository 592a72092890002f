//! The primitive changes a correction is made of, each returning the record that reverses it
//! exactly: an entity moved into another, renamed or retyped, deleted with its rows, an alias
//! added or removed, mentions split off to another entity. Every step leaves the edges and
//! counters of what it touched right (`rebuild`).

use super::super::rebuild;
use crate::error::{Error, Result, SqlContext};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

/// One primitive change and what reverses it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Step {
    /// Entity `from` went into `into`: its mentions, relations (by end) and aliases.
    Moved {
        from: i64,
        name: String,
        kind: String,
        into: i64,
        mentions: Vec<i64>,
        sources: Vec<i64>,
        targets: Vec<i64>,
        aliases: Vec<String>,
        /// Aliases `into` did not have before.
        added: Vec<String>,
    },
    /// Entity `id` was called `name` (`kind`); `alias` was added for the old name.
    Renamed {
        id: i64,
        name: String,
        kind: String,
        alias: Option<String>,
    },
    /// Entity `id` was deleted with these rows.
    Deleted {
        id: i64,
        name: String,
        kind: String,
        aliases: Vec<String>,
        mentions: Vec<MentionRow>,
        relations: Vec<RelationRow>,
    },
    AliasAdded {
        id: i64,
        alias: String,
    },
    AliasRemoved {
        id: i64,
        alias: String,
    },
    /// Mentions (and relations) left `from` for `into`, which the split created if `created`.
    Split {
        from: i64,
        into: i64,
        created: bool,
        mentions: Vec<i64>,
        sources: Vec<i64>,
        targets: Vec<i64>,
    },
}

/// A mention row as stored.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct MentionRow(
    pub i64,
    pub i64,
    pub i64,
    pub i64,
    pub i64,
    pub String,
    pub String,
);

/// A relation row as stored.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RelationRow(
    pub i64,
    pub i64,
    pub i64,
    pub i64,
    pub i64,
    pub String,
    pub bool,
    pub f64,
    pub String,
    pub String,
);

pub(super) fn run(tx: &Connection, sql: &str, p: impl rusqlite::Params) -> Result<usize> {
    tx.prepare_cached(sql)
        .and_then(|mut s| s.execute(p))
        .ctx("curating")
}

pub(super) fn ids(tx: &Connection, sql: &str, p: impl rusqlite::Params) -> Result<Vec<i64>> {
    let mut st = tx.prepare_cached(sql).ctx("curating")?;
    let v = st
        .query_map(p, |r| r.get(0))
        .ctx("curating")?
        .collect::<std::result::Result<_, _>>()
        .ctx("curating")?;
    Ok(v)
}

fn strings(tx: &Connection, sql: &str, p: impl rusqlite::Params) -> Result<Vec<String>> {
    let mut st = tx.prepare_cached(sql).ctx("curating")?;
    let v = st
        .query_map(p, |r| r.get(0))
        .ctx("curating")?
        .collect::<std::result::Result<_, _>>()
        .ctx("curating")?;
    Ok(v)
}

pub(super) fn json(ids: &[i64]) -> String {
    serde_json::to_string(ids).expect("ids serialize")
}

/// (name, type) of entity `id`, if it exists.
pub fn entity(tx: &Connection, id: i64) -> Result<Option<(String, String)>> {
    tx.prepare_cached("SELECT name, type FROM entities WHERE id = ?1")
        .and_then(|mut s| s.query_row([id], |r| Ok((r.get(0)?, r.get(1)?))).optional())
        .ctx("looking up entity")
}

/// The id of entity (`name`, `kind`), if it exists.
pub fn by_key(tx: &Connection, name: &str, kind: &str) -> Result<Option<i64>> {
    tx.prepare_cached("SELECT id FROM entities WHERE name = ?1 AND type = ?2")
        .and_then(|mut s| s.query_row([name, kind], |r| r.get(0)).optional())
        .ctx("looking up entity")
}

pub(super) fn must(tx: &Connection, id: i64) -> Result<(String, String)> {
    entity(tx, id)?.ok_or_else(|| Error::Usage(format!("no entity with id #{id}")))
}

fn aliases(tx: &Connection, id: i64) -> Result<Vec<String>> {
    strings(
        tx,
        "SELECT alias FROM aliases WHERE entity_id = ?1 ORDER BY alias",
        [id],
    )
}

/// Move everything of `from` into `into` and delete `from`.
pub fn merge(tx: &Connection, from: i64, into: i64) -> Result<Step> {
    let (name, kind) = must(tx, from)?;
    let (into_name, _) = must(tx, into)?;
    let mentions = ids(tx, "SELECT id FROM mentions WHERE entity_id = ?1", [from])?;
    let sources = ids(tx, "SELECT id FROM relations WHERE source_id = ?1", [from])?;
    let targets = ids(tx, "SELECT id FROM relations WHERE target_id = ?1", [from])?;
    let from_aliases = aliases(tx, from)?;
    let had = aliases(tx, into)?;
    // the edges of the moved relations, as they are and as they will be
    rebuild::touch_moved(tx, from, into)?;
    run(
        tx,
        "UPDATE mentions SET entity_id = ?2 WHERE entity_id = ?1",
        [from, into],
    )?;
    run(
        tx,
        "UPDATE relations SET source_id = ?2 WHERE source_id = ?1",
        [from, into],
    )?;
    run(
        tx,
        "UPDATE relations SET target_id = ?2 WHERE target_id = ?1",
        [from, into],
    )?;
    let mut added = Vec::new();
    for a in std::iter::once(&name).chain(&from_aliases) {
        if *a != into_name && !had.contains(a) && !added.contains(a) {
            added.push(a.clone());
        }
    }
    for a in &added {
        run(
            tx,
            "INSERT INTO aliases (entity_id, alias) VALUES (?1, ?2)",
            params![into, a],
        )?;
    }
    run(tx, "DELETE FROM aliases WHERE entity_id = ?1", [from])?;
    run(tx, "DELETE FROM entities WHERE id = ?1", [from])?;
    rebuild::finish(tx)?;
    Ok(Step::Moved {
        from,
        name,
        kind,
        into,
        mentions,
        sources,
        targets,
        aliases: from_aliases,
        added,
    })
}

/// Give entity `id` a new name and type (the caller made sure no other entity has them);
/// the old name becomes an alias when the name changes.
pub fn rename(tx: &Connection, id: i64, new_name: &str, new_kind: &str) -> Result<Step> {
    let (name, kind) = must(tx, id)?;
    run(
        tx,
        "UPDATE entities SET name = ?2, type = ?3 WHERE id = ?1",
        params![id, new_name, new_kind],
    )?;
    let mut alias = None;
    if name != new_name
        && run(
            tx,
            "INSERT OR IGNORE INTO aliases (entity_id, alias) VALUES (?1, ?2)",
            params![id, name],
        )? == 1
    {
        alias = Some(name.clone());
    }
    Ok(Step::Renamed {
        id,
        name,
        kind,
        alias,
    })
}

/// Delete entity `id` with its aliases, mentions and relations.
pub fn delete(tx: &Connection, id: i64) -> Result<Step> {
    let (name, kind) = must(tx, id)?;
    let aliases = aliases(tx, id)?;
    let mentions = {
        let mut st = tx
            .prepare_cached(
                "SELECT id, article_id, sentence_id, entity_id, start, \"end\", kind, surface
                 FROM mentions WHERE entity_id = ?1 ORDER BY id",
            )
            .ctx("curating")?;
        let v = st
            .query_map([id], |r| {
                Ok(MentionRow(
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                ))
            })
            .ctx("curating")?
            .collect::<std::result::Result<Vec<_>, _>>()
            .ctx("curating")?;
        v
    };
    let relations = {
        let mut st = tx
            .prepare_cached(
                "SELECT id, article_id, sentence_id, source_id, target_id, type, negated,
                        confidence, trigger, rule
                 FROM relations WHERE source_id = ?1 OR target_id = ?1 ORDER BY id",
            )
            .ctx("curating")?;
        let v = st
            .query_map([id], |r| {
                Ok(RelationRow(
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                ))
            })
            .ctx("curating")?
            .collect::<std::result::Result<Vec<_>, _>>()
            .ctx("curating")?;
        v
    };
    // other entities keep their counters (they count mentions only) and stay, even with
    // nothing left, so an undo finds them
    rebuild::touch_entity(tx, id)?;
    run(tx, "DELETE FROM relations WHERE source_id = ?1", [id])?;
    run(tx, "DELETE FROM relations WHERE target_id = ?1", [id])?;
    run(tx, "DELETE FROM mentions WHERE entity_id = ?1", [id])?;
    run(tx, "DELETE FROM aliases WHERE entity_id = ?1", [id])?;
    run(tx, "DELETE FROM entities WHERE id = ?1", [id])?;
    rebuild::finish(tx)?;
    Ok(Step::Deleted {
        id,
        name,
        kind,
        aliases,
        mentions,
        relations,
    })
}

/// Add alias `alias` to entity `id`; `None` when it had it already.
pub fn alias_add(tx: &Connection, id: i64, alias: &str) -> Result<Option<Step>> {
    let n = run(
        tx,
        "INSERT OR IGNORE INTO aliases (entity_id, alias) VALUES (?1, ?2)",
        params![id, alias],
    )?;
    Ok((n == 1).then(|| Step::AliasAdded {
        id,
        alias: alias.into(),
    }))
}

/// Remove alias `alias` of entity `id`; `None` when it had none.
pub fn alias_remove(tx: &Connection, id: i64, alias: &str) -> Result<Option<Step>> {
    let n = run(
        tx,
        "DELETE FROM aliases WHERE entity_id = ?1 AND alias = ?2",
        params![id, alias],
    )?;
    Ok((n == 1).then(|| Step::AliasRemoved {
        id,
        alias: alias.into(),
    }))
}

/// The entity ids a step touched.
pub fn entities(step: &Step) -> Vec<i64> {
    match step {
        Step::Moved { from, into, .. } | Step::Split { from, into, .. } => vec![*from, *into],
        Step::Renamed { id, .. }
        | Step::Deleted { id, .. }
        | Step::AliasAdded { id, .. }
        | Step::AliasRemoved { id, .. } => vec![*id],
    }
}
