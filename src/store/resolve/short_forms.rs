//! A person's short form (`Bush`) joined to the full name (`George W. Bush`) where the
//! archive makes it unambiguous.

use super::merge::{merge, together, Within};
use super::Row;
use crate::error::Result;
use crate::store::cache::WriteCache;
use crate::store::EntityId;
use rusqlite::{params, Transaction};

/// A one-word person already in the archive joins a full name new in this batch only if it
/// has at most this many times the full name's mentions. A lone `Bass` mentioned in thousands
/// of articles that never named him in full is not known to be the `Robert M. Bass` of one new
/// article; and the bound keeps an append's cost in its own rows: merging moves every mention
/// of the short form, and on a million-article archive such moves were most of an append's
/// page reads (issue 14).
const SHORT_SUPPORT: i64 = 4;

/// A person's short form (`Bush`) joins the full name (`George W. Bush`) when the archive
/// knows exactly one person of that surname: for the batch's new one-word persons, the full
/// names holding it as an alias; for its new full names, a one-word person of their surname
/// that the archive does not hold far more often than the full name ([`SHORT_SUPPORT`]).
pub(super) fn short_forms(tx: &Transaction, before: i64, cache: &mut WriteCache) -> Result<usize> {
    let rows = |sql: &str, p: &[&dyn rusqlite::ToSql]| crate::store::rows(tx, sql, p, Row::read);
    let new = rows(
        "SELECT id, name, type, mentions FROM entities WHERE id > ?1 AND type = 'person'",
        params![before],
    )?;
    // the people of a surname: full names ending in it that hold it as an alias
    let people = |surname: &str| {
        rows(
            "SELECT e.id, e.name, e.type, e.mentions FROM aliases a JOIN entities e ON e.id = a.entity_id
             WHERE a.alias = ?1 COLLATE NOCASE AND e.type = 'person' AND e.name LIKE '% ' || ?1",
            params![surname],
        )
    };
    let mut merges = 0;
    let mut gone: Vec<i64> = Vec::new();
    for row in new {
        if gone.contains(&row.id) {
            continue;
        }
        let (short, full) = if !row.name.contains(' ') {
            let full = people(&row.name)?;
            match full.as_slice() {
                [one] => (row.clone(), one.clone()),
                _ => continue,
            }
        } else {
            let Some(last) = row
                .name
                .rsplit(' ')
                .next()
                .filter(|l| l.chars().count() >= 2)
            else {
                continue;
            };
            let short = rows(
                "SELECT id, name, type, mentions FROM entities WHERE name = ?1 AND type = 'person'",
                params![last],
            )?;
            let [short] = short.as_slice() else { continue };
            if people(last)?.len() != 1 || short.mentions > SHORT_SUPPORT * row.mentions.max(1) {
                continue;
            }
            (short.clone(), row.clone())
        };
        if short.id == full.id || together(tx, short.id, full.id, Within::Article)? {
            continue;
        }
        merge(tx, &short, &full, "short")?;
        cache.redirect(&short.name, "person", EntityId(short.id), EntityId(full.id));
        gone.push(short.id);
        merges += 1;
    }
    Ok(merges)
}
