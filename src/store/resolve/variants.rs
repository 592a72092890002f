//! Spellings of one name and type joined (`George W Bush` into `George W. Bush`, `Erdogan`
//! into `Erdoğan`).

use super::merge::merge;
use super::Row;
use crate::error::{Result, SqlContext};
use crate::model::EntityType;
use crate::store::cache::WriteCache;
use crate::store::EntityId;
use rusqlite::{params, Transaction};

/// Other spellings of a name with initials: `George W. Bush` <-> `George W Bush`, `U.S.
/// Steel` <-> `US Steel`.
pub(super) fn spellings(name: &str) -> Vec<String> {
    let words: Vec<&str> = name.split(' ').collect();
    let mut out = Vec::new();
    let undotted: Vec<String> = words.iter().map(|w| w.replace('.', "")).collect();
    let initial = |w: &str| w.chars().count() == 1 && w.chars().all(char::is_uppercase);
    let dotted: Vec<String> = undotted
        .iter()
        .map(|w| {
            if initial(w) {
                format!("{w}.")
            } else {
                w.clone()
            }
        })
        .collect();
    let folded = crate::nlp::fold::fold(name).into_owned();
    for v in [undotted.join(" "), dotted.join(" "), folded] {
        if v != name && !v.is_empty() && !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

/// Names with diacritics the archive holds under `typ` that fold to `name` (`Erdoğan` for
/// `Erdogan`), found by the folded form each such entity keeps as an alias.
fn folded_twins(tx: &Transaction, name: &str, typ: &str) -> Result<Vec<String>> {
    let mut st = tx
        .prepare_cached(
            "SELECT DISTINCT e.name FROM aliases a JOIN entities e ON e.id = a.entity_id
             WHERE a.alias = ?1 COLLATE NOCASE AND e.type = ?2 AND e.name GLOB '*[^ -~]*'",
        )
        .ctx("finding spelling variants")?;
    let it = st
        .query_map(params![name, typ], |r| r.get::<_, String>(0))
        .ctx("finding spelling variants")?;
    let names: Vec<String> = it
        .collect::<std::result::Result<_, _>>()
        .ctx("finding spelling variants")?;
    Ok(names
        .into_iter()
        .filter(|n| crate::nlp::fold::fold(n) == name)
        .collect())
}

/// Join spellings of one name and type (`George W Bush` into `George W. Bush`, `Erdogan` into
/// `Erdoğan`): the entities the batch created (id above `before`) whose other spelling the
/// archive holds under the same type merge into the one with more mentions.
pub(super) fn variants(tx: &Transaction, before: i64, cache: &mut WriteCache) -> Result<usize> {
    let touched: Vec<Row> = crate::store::rows(
        tx,
        "SELECT e.id, e.name, e.type, e.mentions FROM entities e
             WHERE e.id > ?1 AND (e.type IN ('person', 'organization')
               AND (e.name LIKE '%.%' OR e.name GLOB '* [A-Z] *')
               OR e.name GLOB '*[^ -~]*'
               OR EXISTS (SELECT 1 FROM aliases a JOIN entities o ON o.id = a.entity_id
                          WHERE a.alias = e.name COLLATE NOCASE AND o.type = e.type
                            AND o.id <> e.id AND o.name GLOB '*[^ -~]*'))
             ORDER BY e.id",
        [before],
        Row::read,
    )?;
    let mut merges = 0;
    let mut gone: Vec<i64> = Vec::new();
    for row in touched {
        if gone.contains(&row.id) {
            continue;
        }
        let mut names = spellings(&row.name);
        if row.name.is_ascii() {
            names.extend(folded_twins(tx, &row.name, &row.typ)?);
        }
        for v in names {
            let other = tx
                .prepare_cached("SELECT id, mentions FROM entities WHERE name = ?1 AND type = ?2")
                .and_then(|mut st| {
                    st.query_row(params![v, row.typ], |r| {
                        Ok(Row {
                            id: r.get(0)?,
                            name: v.clone(),
                            typ: row.typ.clone(),
                            mentions: r.get(1)?,
                        })
                    })
                });
            let other = match other {
                Ok(o) => o,
                Err(rusqlite::Error::QueryReturnedNoRows) => continue,
                Err(e) => return Err(e).ctx("finding spelling variants"),
            };
            // the spelling with more mentions stays (the dotted one on a tie)
            let (from, into) = if (other.mentions, other.name.matches('.').count())
                > (row.mentions, row.name.matches('.').count())
            {
                (&row, &other)
            } else {
                (&other, &row)
            };
            merge(tx, from, into, "variant")?;
            if let Some(t) = EntityType::parse(&from.typ) {
                cache.redirect(&from.name, t.as_str(), EntityId(from.id), EntityId(into.id));
            }
            gone.push(from.id);
            merges += 1;
            if from.id == row.id {
                break;
            }
        }
    }
    Ok(merges)
}
