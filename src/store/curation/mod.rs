//! Corrections by hand (issue 13): entity merge, rename, retype, split and drop, alias add and
//! remove. Each runs in one transaction, is recorded in `curations` with what reverses it, can
//! be undone, listed beside the automatic merges, exported, and is replayed onto what later
//! ingests and re-extractions bring (`replay`).

mod ops;
mod replay;
mod split;
pub mod steps;
#[cfg(test)]
pub(crate) mod tests;
mod undo;

pub(crate) use replay::{replay, Scope};

use super::{rebuild, EntityId, Store};
use crate::error::{Error, Result, SqlContext};
use crate::model::EntityType;
use rusqlite::{params, Connection, OptionalExtension};
use steps::Step;

/// A correction, on entities of this database.
#[derive(Debug, Clone, PartialEq)]
pub enum Curation {
    /// `from` become one with `into`, which keeps its id.
    Merge {
        from: Vec<EntityId>,
        into: EntityId,
    },
    Rename {
        entity: EntityId,
        name: String,
    },
    Retype {
        entity: EntityId,
        kind: EntityType,
    },
    /// The mentions written `surface` leave for entity `name` (default: `surface`).
    Split {
        entity: EntityId,
        surface: String,
        name: Option<String>,
    },
    /// Not an actor: its mentions and relations go, in later ingests too.
    Drop {
        entity: EntityId,
    },
    AliasAdd {
        entity: EntityId,
        surface: String,
    },
    AliasRemove {
        entity: EntityId,
        surface: String,
    },
}

/// A correction as recorded, in names (what `curation export` writes and `apply` reads).
#[derive(Debug, Clone, PartialEq)]
pub struct Recorded {
    /// `merge`, `rename`, `retype`, `split`, `drop`, `alias-add`, `alias-remove`.
    pub op: String,
    /// The entity as named when it was curated (for a merge: the one merged into).
    pub name: String,
    pub kind: String,
    pub arg: Option<String>,
    pub arg2: Option<String>,
}

/// One line of `curation list`.
#[derive(Debug, Clone, PartialEq)]
pub struct CurationEntry {
    /// `12` for a correction, `m3` for an automatic merge.
    pub id: String,
    pub at: String,
    pub op: String,
    pub effect: String,
    pub undone_at: Option<String>,
}

/// The `[name, type]` pairs a merge names, as its `arg` holds them.
pub fn merged_names(arg: &str) -> Result<Vec<(String, String)>> {
    serde_json::from_str(arg).map_err(|e| Error::Data(format!("bad merge record {arg:?}: {e}")))
}

/// Record a correction and the entities it touched; returns its id.
fn record(
    tx: &Connection,
    rec: &Recorded,
    steps: &[Step],
    entity: i64,
    effect: &str,
) -> Result<i64> {
    let undo = serde_json::to_string(steps).expect("steps serialize");
    tx.prepare_cached(
        "INSERT INTO curations (op, name, type, arg, arg2, entity_id, effect, undo)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )
    .and_then(|mut s| {
        s.execute(params![
            rec.op, rec.name, rec.kind, rec.arg, rec.arg2, entity, effect, undo
        ])
    })
    .ctx("recording the correction")?;
    let id = tx.last_insert_rowid();
    let mut ins = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO curation_entities (curation_id, entity_id) VALUES (?1, ?2)",
        )
        .ctx("recording the correction")?;
    for e in steps.iter().flat_map(steps::entities).chain([entity]) {
        ins.execute([id, e]).ctx("recording the correction")?;
    }
    Ok(id)
}

impl Store {
    /// Carry out and record one correction in one transaction; returns its id and effect.
    pub fn curate(&mut self, c: &Curation) -> Result<(i64, String)> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .ctx("starting the correction")?;
        rebuild::begin(&tx)?;
        let (steps, rec, entity, effect) = ops::carry_out(&tx, c)?;
        let id = record(&tx, &rec, &steps, entity, &effect)?;
        tx.commit().ctx("committing the correction")?;
        self.cache = Default::default();
        Ok((id, effect))
    }

    /// Every correction and automatic merge, oldest first.
    pub fn curations(&self) -> Result<Vec<CurationEntry>> {
        super::rows(&self.conn, "SELECT id, created_at, op, effect, undone_at, 0 FROM curations
                 UNION ALL
                 SELECT m.id, m.merged_at, 'auto-merge',
                        m.from_name || ' (' || m.from_type || ', #' || m.from_id || ') into '
                        || coalesce(e.name || ' (' || e.type || ', #' || m.into_id || ')', '#' || m.into_id)
                        || ' (' || m.reason || '): ' || m.mentions || ' mentions moved', NULL, 1
                 FROM entity_merges m LEFT JOIN entities e ON e.id = m.into_id
                 ORDER BY 2, 6 DESC, 1", [], |r| {
                let auto: i64 = r.get(5)?;
                let id: i64 = r.get(0)?;
                Ok(CurationEntry {
                    id: if auto == 1 {
                        format!("m{id}")
                    } else {
                        id.to_string()
                    },
                    at: r.get(1)?,
                    op: r.get(2)?,
                    effect: r.get(3)?,
                    undone_at: r.get(4)?,
                })
            })
    }

    /// The corrections in force, oldest first, as recorded (for `curation export`).
    pub fn curation_records(&self) -> Result<Vec<Recorded>> {
        super::rows(
            &self.conn,
            "SELECT op, name, type, arg, arg2 FROM curations WHERE undone_at IS NULL ORDER BY id",
            [],
            |r| {
                Ok(Recorded {
                    op: r.get(0)?,
                    name: r.get(1)?,
                    kind: r.get(2)?,
                    arg: r.get(3)?,
                    arg2: r.get(4)?,
                })
            },
        )
    }

    /// How many corrections are in force (0 in a database older than schema 5).
    pub fn corrections_in_force(&self) -> Result<i64> {
        if self.schema_version()? < 5 {
            return Ok(0);
        }
        self.conn
            .query_row(
                "SELECT count(*) FROM curations WHERE undone_at IS NULL",
                [],
                |r| r.get(0),
            )
            .ctx("counting corrections")
    }

    /// The id of entity (`name`, `kind`) exactly, if it exists.
    pub fn entity_by_key(&self, name: &str, kind: &str) -> Result<Option<EntityId>> {
        Ok(steps::by_key(&self.conn, name, kind)?.map(EntityId))
    }

    /// Undo correction `id`: its rows as they were. Refused when a later correction still in
    /// force touched the same entities (undo that one first).
    pub fn undo_curation(&mut self, id: i64) -> Result<String> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .ctx("starting the undo")?;
        let row: Option<(String, Option<String>, String)> = tx
            .query_row(
                "SELECT effect, undone_at, undo FROM curations WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .ctx("reading the correction")?;
        let Some((effect, undone, undo)) = row else {
            return Err(Error::Usage(format!(
                "no correction {id} (see `newsgraph curation list`)"
            )));
        };
        if let Some(at) = undone {
            return Err(Error::Usage(format!(
                "correction {id} was undone already, at {at}"
            )));
        }
        let later: Option<i64> = tx
            .query_row(
                "SELECT min(c.id) FROM curation_entities a
                 JOIN curation_entities b ON b.entity_id = a.entity_id AND b.curation_id > a.curation_id
                 JOIN curations c ON c.id = b.curation_id AND c.undone_at IS NULL
                 WHERE a.curation_id = ?1",
                [id],
                |r| r.get(0),
            )
            .ctx("checking later corrections")?;
        if let Some(later) = later {
            return Err(Error::Usage(format!(
                "correction {later} changed the same entities later: undo it first"
            )));
        }
        let steps: Vec<Step> = serde_json::from_str(&undo)
            .map_err(|e| Error::Data(format!("correction {id}: bad undo record: {e}")))?;
        rebuild::begin(&tx)?;
        for s in steps.iter().rev() {
            undo::undo(&tx, s)?;
        }
        tx.execute(
            "UPDATE curations SET undone_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
            [id],
        )
        .ctx("marking the correction undone")?;
        tx.commit().ctx("committing the undo")?;
        self.cache = Default::default();
        Ok(format!("undone {id}: {effect}"))
    }
}
