//! `newsgraph entity ...`, `alias ...` and `curation ...`: corrections by hand, their log,
//! undo, and the curation file a team shares.

use super::curation_file;
use super::output::{OutputFormat, RowWriter};
use crate::error::{Error, Result};
use crate::graph::query::resolve;
use crate::model::EntityType;
use crate::store::{Curation, EntityId, Store};
use rusqlite::types::Value;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Subcommand)]
pub enum EntityCommand {
    /// Make the entities one: they go into --into, which keeps its id; their names become
    /// its aliases, their mentions, relations and edges follow.
    Merge {
        /// Entities to merge (name, alias or #ID).
        #[arg(required = true)]
        entities: Vec<String>,
        /// The entity they become.
        #[arg(long)]
        into: String,
    },
    /// Give an entity a new name (the old one becomes an alias).
    Rename { entity: String, name: String },
    /// Give an entity another type (person, organization, media, country, location,
    /// facility, event).
    Retype {
        entity: String,
        #[arg(value_parser = parse_type)]
        kind: EntityType,
    },
    /// The mentions written SURFACE leave the entity, with their relations, for a new (or
    /// named existing) entity of the same type.
    Split {
        entity: String,
        #[arg(long = "alias", value_name = "SURFACE")]
        surface: String,
        /// Name of the entity they go to (default: SURFACE).
        #[arg(long)]
        name: Option<String>,
    },
    /// Not an actor: its mentions and relations go, and it stays gone in later ingests.
    Drop { entity: String },
}

#[derive(Debug, clap::Subcommand)]
pub enum AliasCommand {
    /// SURFACE names ENTITY: an entity of that name and type joins it, now and in later ingests.
    Add { entity: String, surface: String },
    /// SURFACE no longer names ENTITY: its mentions so written leave it for an entity SURFACE.
    Remove { entity: String, surface: String },
}

#[derive(Debug, clap::Subcommand)]
pub enum CurationCommand {
    /// Every correction with its time and effect, automatic merges (`m` ids) included.
    List {
        #[arg(long, short, value_enum)]
        format: Option<OutputFormat>,
    },
    /// Undo a correction: its rows as they were before it.
    Undo { id: String },
    /// Write the corrections in force as TSV (`-` for stdout).
    Export { file: PathBuf },
    /// Replay the corrections of a TSV file on this database (`-` for stdin).
    Apply { file: PathBuf },
}

fn parse_type(s: &str) -> std::result::Result<EntityType, String> {
    EntityType::parse(s).ok_or_else(|| {
        let all: Vec<&str> = EntityType::ALL.iter().map(|t| t.as_str()).collect();
        format!("unknown type {s:?}; types are {}", all.join(", "))
    })
}

fn id(store: &Store, name: &str) -> Result<EntityId> {
    resolve(store, name).map(|e| EntityId(e.id))
}

fn done(store: &mut Store, c: Curation) -> Result<()> {
    let (id, effect) = store.curate(&c)?;
    println!("curation {id}: {effect}");
    Ok(())
}

pub fn entity(cmd: &EntityCommand, db: &Path) -> Result<()> {
    let mut store = Store::open_existing(db)?;
    let c = match cmd {
        EntityCommand::Merge { entities, into } => {
            let into = id(&store, into)?;
            let from = entities
                .iter()
                .map(|e| id(&store, e))
                .collect::<Result<Vec<_>>>()?;
            Curation::Merge { from, into }
        }
        EntityCommand::Rename { entity, name } => Curation::Rename {
            entity: id(&store, entity)?,
            name: name.clone(),
        },
        EntityCommand::Retype { entity, kind } => Curation::Retype {
            entity: id(&store, entity)?,
            kind: *kind,
        },
        EntityCommand::Split {
            entity,
            surface,
            name,
        } => Curation::Split {
            entity: id(&store, entity)?,
            surface: surface.clone(),
            name: name.clone(),
        },
        EntityCommand::Drop { entity } => Curation::Drop {
            entity: id(&store, entity)?,
        },
    };
    done(&mut store, c)
}

pub fn alias(cmd: &AliasCommand, db: &Path) -> Result<()> {
    let mut store = Store::open_existing(db)?;
    let c = match cmd {
        AliasCommand::Add { entity, surface } => Curation::AliasAdd {
            entity: id(&store, entity)?,
            surface: surface.clone(),
        },
        AliasCommand::Remove { entity, surface } => Curation::AliasRemove {
            entity: id(&store, entity)?,
            surface: surface.clone(),
        },
    };
    done(&mut store, c)
}

pub fn curation(cmd: &CurationCommand, db: &Path) -> Result<()> {
    match cmd {
        CurationCommand::List { format } => {
            let store = Store::open_existing(db)?;
            let cols: Vec<String> = ["id", "at", "op", "effect", "undone_at"]
                .map(String::from)
                .into();
            let mut w = RowWriter::new(std::io::stdout().lock(), OutputFormat::resolve(*format));
            for e in store.curations()? {
                let t = |s: String| Value::Text(s);
                w.row(
                    &cols,
                    &[
                        t(e.id),
                        t(e.at),
                        t(e.op),
                        t(e.effect),
                        e.undone_at.map_or(Value::Null, t),
                    ],
                )?;
            }
            w.finish(&cols)
        }
        CurationCommand::Undo { id } => {
            let n = id.trim_start_matches('#');
            if n.starts_with('m') {
                return Err(Error::Usage(format!(
                    "{id} is an automatic merge: take it apart with `newsgraph entity split ENTITY --alias NAME`"
                )));
            }
            let n: i64 = n.parse().map_err(|_| {
                Error::Usage(format!(
                    "{id:?} is not a correction id (see `newsgraph curation list`)"
                ))
            })?;
            let msg = Store::open_existing(db)?.undo_curation(n)?;
            println!("{msg}");
            Ok(())
        }
        CurationCommand::Export { file } => {
            let store = Store::open_existing(db)?;
            let mut text = String::from(curation_file::HEADER);
            text.push('\n');
            let mut n = 0;
            for r in store.curation_records()? {
                for l in curation_file::lines(&r)? {
                    text.push_str(&l);
                    text.push('\n');
                    n += 1;
                }
            }
            if file.as_os_str() == "-" {
                std::io::stdout().lock().write_all(text.as_bytes())?;
            } else {
                std::fs::write(file, text).map_err(|e| Error::io(file, e))?;
                crate::say!(
                    "wrote {n} correction{} to {}",
                    if n == 1 { "" } else { "s" },
                    file.display()
                );
            }
            Ok(())
        }
        CurationCommand::Apply { file } => {
            let text = if file.as_os_str() == "-" {
                std::io::read_to_string(std::io::stdin()).map_err(|e| Error::io("-", e))?
            } else {
                std::fs::read_to_string(file).map_err(|e| Error::io(file, e))?
            };
            let mut store = Store::open_existing(db)?;
            let s = apply(&mut store, &text, &file.display().to_string(), &mut |m| {
                crate::say!("newsgraph: {m}")
            })?;
            crate::say!(
                "applied {} correction{}, {} skipped",
                s.0,
                if s.0 == 1 { "" } else { "s" },
                s.1
            );
            Ok(())
        }
    }
}

/// Apply the corrections of curation file `text` in order; an entity it names that this
/// database lacks (by exact name and type) skips its line. Returns (applied, skipped); each
/// skipped line is told to `note`. A malformed line stops before anything is applied.
pub fn apply(
    store: &mut Store,
    text: &str,
    path: &str,
    note: &mut dyn FnMut(String),
) -> Result<(usize, usize)> {
    let mut lines = Vec::new();
    for (i, l) in text.lines().enumerate() {
        if let Some(p) = curation_file::parse(l, path, i as u64 + 1)? {
            lines.push((i + 1, p));
        }
    }
    let (mut applied, mut skipped) = (0, 0);
    for (n, (op, f)) in lines {
        let key = |name: &String, kind: &String| -> Result<std::result::Result<EntityId, String>> {
            Ok(store
                .entity_by_key(name, kind)?
                .ok_or_else(|| format!("no entity {name} ({kind})")))
        };
        let c = match op.as_str() {
            "merge" => match (key(&f[0], &f[1])?, key(&f[2], &f[3])?) {
                (Ok(from), Ok(into)) => Ok(Curation::Merge {
                    from: vec![from],
                    into,
                }),
                (Err(e), _) | (_, Err(e)) => Err(e),
            },
            _ => key(&f[0], &f[1])?.and_then(|entity| match op.as_str() {
                "rename" => Ok(Curation::Rename {
                    entity,
                    name: f[2].clone(),
                }),
                "retype" => parse_type(&f[2]).map(|kind| Curation::Retype { entity, kind }),
                "drop" => Ok(Curation::Drop { entity }),
                "alias-add" => Ok(Curation::AliasAdd {
                    entity,
                    surface: f[2].clone(),
                }),
                "alias-remove" => Ok(Curation::AliasRemove {
                    entity,
                    surface: f[2].clone(),
                }),
                _ => Ok(Curation::Split {
                    entity,
                    surface: f[2].clone(),
                    name: f.get(3).cloned(),
                }),
            }),
        };
        let outcome = match c {
            Ok(c) => match store.curate(&c) {
                Ok(_) => Ok(()),
                Err(Error::Usage(m)) => Err(m),
                Err(e) => return Err(e),
            },
            Err(m) => Err(m),
        };
        match outcome {
            Ok(()) => applied += 1,
            Err(m) => {
                skipped += 1;
                note(format!("{path}:{n}: {op} skipped: {m}"));
            }
        }
    }
    Ok((applied, skipped))
}
