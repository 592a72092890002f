//! What each correction does, in steps: the checks that refuse it (changing nothing), the
//! steps taken, the record kept for export and replay, and the one-line effect.

use super::steps::{self, Step};
use super::{Curation, Recorded};
use crate::error::{Error, Result, SqlContext};
use crate::model::EntityType;
use crate::store::EntityId;
use rusqlite::Connection;

fn name_of(tx: &Connection, id: EntityId) -> Result<(String, String)> {
    steps::entity(tx, id.0)?.ok_or_else(|| Error::Usage(format!("no entity with id #{}", id.0)))
}

fn count(tx: &Connection, sql: &str, id: i64) -> Result<i64> {
    tx.prepare_cached(sql)
        .and_then(|mut s| s.query_row([id], |r| r.get(0)))
        .ctx("counting")
}

/// Carry out `c`: the steps taken, the record, the entity that stays, and a one-line effect.
pub(super) fn carry_out(
    tx: &Connection,
    c: &Curation,
) -> Result<(Vec<Step>, Recorded, i64, String)> {
    let rec = |op: &str, (name, kind): (String, String), arg: Option<String>, arg2| Recorded {
        op: op.into(),
        name,
        kind,
        arg,
        arg2,
    };
    Ok(match c {
        Curation::Merge { from, into } => {
            if from.is_empty() {
                return Err(Error::Usage("merge: name the entities to merge".into()));
            }
            if from.contains(into) {
                return Err(Error::Usage(format!(
                    "merge: #{} cannot merge into itself",
                    into.0
                )));
            }
            let target = name_of(tx, *into)?;
            let mut names = Vec::new();
            let mut steps = Vec::new();
            let mut moved = (0, 0);
            let mut seen = Vec::new();
            for f in from {
                if seen.contains(f) {
                    continue;
                }
                seen.push(*f);
                let n = name_of(tx, *f)?;
                let step = steps::merge(tx, f.0, into.0)?;
                if let Step::Moved {
                    mentions,
                    sources,
                    targets,
                    ..
                } = &step
                {
                    moved.0 += mentions.len();
                    moved.1 += sources.len() + targets.len();
                }
                names.push(n);
                steps.push(step);
            }
            let list: Vec<String> = names.iter().map(|(n, t)| format!("{n} ({t})")).collect();
            let effect = format!(
                "merged {} into {} ({}, #{}): {} mentions and {} relation ends moved",
                list.join(", "),
                target.0,
                target.1,
                into.0,
                moved.0,
                moved.1
            );
            let arg = serde_json::to_string(&names).expect("names serialize");
            (steps, rec("merge", target, Some(arg), None), into.0, effect)
        }
        Curation::Rename { entity, name } => rename(tx, *entity, "rename", Some(name), None)?,
        Curation::Retype { entity, kind } => rename(tx, *entity, "retype", None, Some(*kind))?,
        Curation::Drop { entity } => {
            let was = name_of(tx, *entity)?;
            let step = steps::delete(tx, entity.0)?;
            let Step::Deleted {
                mentions,
                relations,
                ..
            } = &step
            else {
                unreachable!()
            };
            let effect = format!(
                "dropped {} ({}, #{}): {} mentions and {} relations removed",
                was.0,
                was.1,
                entity.0,
                mentions.len(),
                relations.len()
            );
            (vec![step], rec("drop", was, None, None), entity.0, effect)
        }
        Curation::AliasAdd { entity, surface } => {
            let was = name_of(tx, *entity)?;
            let mut steps: Vec<Step> = steps::alias_add(tx, entity.0, surface)?
                .into_iter()
                .collect();
            // an entity of that name and type is the same actor
            let mut merged = String::new();
            if let Some(other) = steps::by_key(tx, surface, &was.1)?.filter(|o| *o != entity.0) {
                steps.push(steps::merge(tx, other, entity.0)?);
                merged = format!("; #{other} {surface} merged into it");
            }
            if steps.is_empty() {
                return Err(Error::Usage(format!(
                    "{} (#{}) already has alias {surface:?}",
                    was.0, entity.0
                )));
            }
            let effect = format!(
                "alias {surface:?} added to {} ({}, #{}){merged}",
                was.0, was.1, entity.0
            );
            (
                steps,
                rec("alias-add", was, Some(surface.clone()), None),
                entity.0,
                effect,
            )
        }
        Curation::AliasRemove { entity, surface } => {
            let was = name_of(tx, *entity)?;
            let mut steps: Vec<Step> = steps::alias_remove(tx, entity.0, surface)?
                .into_iter()
                .collect();
            let mut split = String::new();
            if *surface != was.0 {
                if let Some(s) = super::split::split(tx, entity.0, surface, surface, false)? {
                    if let Step::Split { into, mentions, .. } = &s {
                        split =
                            format!("; {} mentions so written moved to #{into}", mentions.len());
                    }
                    steps.push(s);
                }
            }
            if steps.is_empty() {
                return Err(Error::Usage(format!(
                    "{} (#{}) has no alias {surface:?} and no mention so written",
                    was.0, entity.0
                )));
            }
            let effect = format!(
                "alias {surface:?} removed from {} ({}, #{}){split}",
                was.0, was.1, entity.0
            );
            (
                steps,
                rec("alias-remove", was, Some(surface.clone()), None),
                entity.0,
                effect,
            )
        }
        Curation::Split {
            entity,
            surface,
            name,
        } => {
            let was = name_of(tx, *entity)?;
            let new = name.clone().unwrap_or_else(|| surface.clone());
            if new == was.0 {
                return Err(Error::Usage(format!(
                    "split: the new entity needs another name than {}",
                    was.0
                )));
            }
            let Some(split) = super::split::split(tx, entity.0, surface, &new, false)? else {
                return Err(Error::Usage(format!(
                    "split: {} (#{}) has no mention written {surface:?}",
                    was.0, entity.0
                )));
            };
            let Step::Split {
                into,
                mentions,
                sources,
                targets,
                ..
            } = &split
            else {
                unreachable!()
            };
            let effect = format!(
                "split {} mentions written {surface:?} ({} relation ends) from {} ({}, #{}) to {new} (#{into})",
                mentions.len(),
                sources.len() + targets.len(),
                was.0,
                was.1,
                entity.0
            );
            let into = *into;
            let mut steps = vec![split];
            steps.extend(steps::alias_remove(tx, entity.0, surface)?);
            if *surface != new {
                steps.extend(steps::alias_add(tx, into, surface)?);
            }
            (
                steps,
                rec("split", was, Some(surface.clone()), Some(new)),
                entity.0,
                effect,
            )
        }
    })
}

/// Rename or retype `entity`; into the entity that already has the new name and type, if any.
fn rename(
    tx: &Connection,
    entity: EntityId,
    op: &str,
    name: Option<&String>,
    kind: Option<EntityType>,
) -> Result<(Vec<Step>, Recorded, i64, String)> {
    let was = name_of(tx, entity)?;
    let new_name = name.cloned().unwrap_or_else(|| was.0.clone());
    let new_kind = kind.map_or(was.1.clone(), |k| k.as_str().to_string());
    if new_name.trim().is_empty() {
        return Err(Error::Usage("rename: the new name is empty".into()));
    }
    if (new_name.as_str(), new_kind.as_str()) == (was.0.as_str(), was.1.as_str()) {
        return Err(Error::Usage(format!(
            "{} (#{}) is already {new_name} ({new_kind})",
            was.0, entity.0
        )));
    }
    let arg = if op == "rename" {
        new_name.clone()
    } else {
        new_kind.clone()
    };
    let record = Recorded {
        op: op.into(),
        name: was.0.clone(),
        kind: was.1.clone(),
        arg: Some(arg),
        arg2: None,
    };
    if let Some(other) = steps::by_key(tx, &new_name, &new_kind)? {
        let step = steps::merge(tx, entity.0, other)?;
        let effect = format!(
            "{} ({}, #{}) merged into #{other}, which is already {new_name} ({new_kind})",
            was.0, was.1, entity.0
        );
        return Ok((vec![step], record, other, effect));
    }
    let step = steps::rename(tx, entity.0, &new_name, &new_kind)?;
    let mentions = count(tx, "SELECT mentions FROM entities WHERE id = ?1", entity.0)?;
    let effect = format!(
        "{} ({}) is now {new_name} ({new_kind}), #{}, {mentions} mentions",
        was.0, was.1, entity.0
    );
    Ok((vec![step], record, entity.0, effect))
}
