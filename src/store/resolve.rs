//! Resolution across the archive, after each ingest batch: one node per real actor, not per
//! (name, type). A name the batch mentioned that the archive holds under several types keeps
//! the type most of its mentions have, and the other nodes merge into it (unless one article
//! holds both apart: homonyms the extractor told apart, `Georgia met Georgia`); every merge is
//! recorded in `entity_merges` (ids of the mentions and relations it moved), so it can be shown
//! and undone. Only the entities the batch created are looked at (a name's types can only
//! come to differ when one is new): no pass over the whole database.

use super::cache::WriteCache;
use super::EntityId;
use crate::error::{Result, SqlContext};
use crate::model::EntityType;
use rusqlite::{params, Transaction};

/// One entity row.
#[derive(Debug, Clone)]
struct Row {
    id: i64,
    name: String,
    typ: String,
    mentions: i64,
}

/// Which type wins a tie in mentions: the one a gazetteer or a cue most often gives right.
fn rank(typ: &str) -> usize {
    [
        "country",
        "person",
        "organization",
        "media",
        "location",
        "facility",
        "event",
    ]
    .iter()
    .position(|t| *t == typ)
    .unwrap_or(9)
}

/// The largest entity id, read before a batch is written.
pub fn last_entity(tx: &Transaction) -> Result<i64> {
    tx.query_row("SELECT coalesce(max(id), 0) FROM entities", [], |r| {
        r.get(0)
    })
    .ctx("reading last entity id")
}

/// Merge the nodes of each name that the archive holds under several types, for the entities
/// with id above `before` (created by this batch). Returns the number of merges.
pub fn after_batch(tx: &Transaction, before: i64, cache: &mut WriteCache) -> Result<usize> {
    // spellings and short forms first, and the names under several types read after them:
    // read before, a node they merged away could be chosen as the winner, and the losers'
    // mentions moved into an entity that no longer exists
    let mut merges = variants(tx, before, cache)?;
    merges += short_forms(tx, before, cache)?;
    let rows: Vec<Row> = {
        let mut st = tx
            .prepare_cached(
                "SELECT e.id, e.name, e.type, e.mentions FROM entities e
                 WHERE e.name IN (SELECT name FROM entities WHERE id > ?1)
                   AND EXISTS (SELECT 1 FROM entities o WHERE o.name = e.name AND o.id != e.id)
                 ORDER BY e.name, e.id",
            )
            .ctx("finding names under several types")?;
        let it = st
            .query_map([before], |r| {
                Ok(Row {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    typ: r.get(2)?,
                    mentions: r.get(3)?,
                })
            })
            .ctx("finding names under several types")?;
        it.collect::<std::result::Result<_, _>>()
            .ctx("finding names under several types")?
    };
    for group in rows.chunk_by(|a, b| a.name == b.name) {
        let Some(winner) = group
            .iter()
            .max_by_key(|r| (r.mentions, std::cmp::Reverse(rank(&r.typ)), -r.id))
        else {
            continue;
        };
        for loser in group.iter().filter(|r| r.id != winner.id) {
            if together(tx, loser.id, winner.id)? {
                continue; // one article told them apart: `Georgia met Georgia`
            }
            merge(tx, loser, winner, "type")?;
            if let Some(t) = EntityType::parse(&loser.typ) {
                cache.redirect(
                    &loser.name,
                    t.as_str(),
                    EntityId(loser.id),
                    EntityId(winner.id),
                );
            }
            merges += 1;
        }
    }
    Ok(merges)
}

/// Other spellings of a name with initials: `George W. Bush` <-> `George W Bush`, `U.S.
/// Steel` <-> `US Steel`.
pub fn spellings(name: &str) -> Vec<String> {
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
fn variants(tx: &Transaction, before: i64, cache: &mut WriteCache) -> Result<usize> {
    let touched: Vec<Row> = {
        let mut st = tx
            .prepare_cached(
                "SELECT e.id, e.name, e.type, e.mentions FROM entities e
                 WHERE e.id > ?1 AND (e.type IN ('person', 'organization')
                   AND (e.name LIKE '%.%' OR e.name GLOB '* [A-Z] *')
                   OR e.name GLOB '*[^ -~]*'
                   OR EXISTS (SELECT 1 FROM aliases a JOIN entities o ON o.id = a.entity_id
                              WHERE a.alias = e.name COLLATE NOCASE AND o.type = e.type
                                AND o.id <> e.id AND o.name GLOB '*[^ -~]*'))
                 ORDER BY e.id",
            )
            .ctx("finding spelling variants")?;
        let it = st
            .query_map([before], |r| {
                Ok(Row {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    typ: r.get(2)?,
                    mentions: r.get(3)?,
                })
            })
            .ctx("finding spelling variants")?;
        it.collect::<std::result::Result<_, _>>()
            .ctx("finding spelling variants")?
    };
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

/// Whether some article holds both entities apart (homonyms the extractor told apart).
fn together(tx: &Transaction, a: i64, b: i64) -> Result<bool> {
    tx.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM mentions x JOIN mentions y ON y.article_id = x.article_id
                        WHERE x.entity_id = ?1 AND +y.entity_id = ?2)",
    )
    .and_then(|mut s| s.query_row(params![a, b], |r| r.get(0)))
    .ctx("checking homonyms")
}

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
fn short_forms(tx: &Transaction, before: i64, cache: &mut WriteCache) -> Result<usize> {
    let rows = |sql: &str, p: &[&dyn rusqlite::ToSql]| -> Result<Vec<Row>> {
        let mut st = tx.prepare_cached(sql).ctx("finding short forms")?;
        let it = st
            .query_map(p, |r| {
                Ok(Row {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    typ: r.get(2)?,
                    mentions: r.get(3)?,
                })
            })
            .ctx("finding short forms")?;
        it.collect::<std::result::Result<_, _>>()
            .ctx("finding short forms")
    };
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
        if short.id == full.id || together(tx, short.id, full.id)? {
            continue;
        }
        merge(tx, &short, &full, "short")?;
        cache.redirect(&short.name, "person", EntityId(short.id), EntityId(full.id));
        gone.push(short.id);
        merges += 1;
    }
    Ok(merges)
}

/// Ids as a comma-separated list.
fn ids(tx: &Transaction, sql: &str, id: i64) -> Result<String> {
    let mut st = tx.prepare_cached(sql).ctx("listing merged rows")?;
    let v: Vec<i64> = st
        .query_map([id], |r| r.get(0))
        .ctx("listing merged rows")?
        .collect::<std::result::Result<_, _>>()
        .ctx("listing merged rows")?;
    Ok(v.iter().map(i64::to_string).collect::<Vec<_>>().join(","))
}

/// Move everything of `from` onto `into`, recompute the edges of both, record the merge.
fn merge(tx: &Transaction, from: &Row, into: &Row, reason: &str) -> Result<()> {
    let (f, t) = (from.id, into.id);
    let mention_ids = ids(tx, "SELECT id FROM mentions WHERE entity_id = ?1", f)?;
    let relation_ids = ids(
        tx,
        "SELECT id FROM relations WHERE source_id = ?1 UNION SELECT id FROM relations WHERE target_id = ?1",
        f,
    )?;
    let run = |sql: &str, p: &[&dyn rusqlite::ToSql]| -> Result<usize> {
        tx.prepare_cached(sql)
            .and_then(|mut s| s.execute(p))
            .ctx("merging entities")
    };
    run(
        "INSERT INTO entity_merges (from_id, from_name, from_type, into_id, reason, mentions,
                                    mention_ids, relation_ids)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            f,
            from.name,
            from.typ,
            t,
            reason,
            from.mentions,
            mention_ids,
            relation_ids
        ],
    )?;
    // The winner's counters raised by what the loser brings, read before its mentions move:
    // its mentions, and its articles the winner is not mentioned in. Recounting the winner
    // instead read every mention of it, a random page each: on a hub of tens of thousands
    // of mentions, most of an append's time on a large archive. (`+y.entity_id`: the
    // article's mentions, not the winner's.)
    run(
        "UPDATE entities SET
             mentions = mentions + (SELECT count(*) FROM mentions WHERE entity_id = ?1),
             articles = articles + (SELECT count(DISTINCT x.article_id) FROM mentions x
                 WHERE x.entity_id = ?1 AND NOT EXISTS (SELECT 1 FROM mentions y
                     WHERE y.article_id = x.article_id AND +y.entity_id = ?2))
         WHERE id = ?2",
        params![f, t],
    )?;
    run(
        "UPDATE mentions SET entity_id = ?2 WHERE entity_id = ?1",
        params![f, t],
    )?;
    run(
        "UPDATE relations SET source_id = ?2 WHERE source_id = ?1",
        params![f, t],
    )?;
    run(
        "UPDATE relations SET target_id = ?2 WHERE target_id = ?1",
        params![f, t],
    )?;
    run(
        "INSERT OR IGNORE INTO aliases (entity_id, alias) SELECT ?2, alias FROM aliases WHERE entity_id = ?1",
        params![f, t],
    )?;
    run("DELETE FROM aliases WHERE entity_id = ?1", params![f])?;
    run("DELETE FROM entities WHERE id = ?1", params![f])?;
    // The loser's edges held only its relations; they are gone.
    run("DELETE FROM edges WHERE source_id = ?1", params![f])?;
    run("DELETE FROM edges WHERE target_id = ?1", params![f])?;
    merge_edges(tx, &relation_ids)
}

/// Add the relations `relation_ids` (comma-separated; just moved onto the winner) to the
/// edges they now belong to, as the writer's tally does: an edge's other relations are not
/// read again (a hub's edge has thousands), only, for each moved relation, its article's
/// relations, to count an article once.
fn merge_edges(tx: &Transaction, relation_ids: &str) -> Result<()> {
    tx.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS merge_moved (id INTEGER PRIMARY KEY);
         DELETE FROM temp.merge_moved;",
    )
    .ctx("merging entities")?;
    let run = |sql: &str| -> Result<usize> {
        tx.prepare_cached(sql)
            .and_then(|mut s| s.execute([relation_ids]))
            .ctx("merging entities")
    };
    run("INSERT INTO temp.merge_moved SELECT value FROM json_each('[' || ?1 || ']')")?;
    // `+o.source_id` and the rest: find the article's relations by article, not the edge's.
    tx.prepare_cached(
        "INSERT INTO edges (source_id, type, target_id, negated, weight, articles, first_seen,
                            last_seen, confidence_sum, sample_relation_id, sample_sentence_id)
         SELECT g.source_id, g.type, g.target_id, g.negated, g.n, g.arts, g.first, g.last,
                g.conf, g.sample, (SELECT sentence_id FROM relations WHERE id = g.sample)
         FROM (
             SELECT r.source_id, r.type, r.target_id, r.negated, count(*) AS n,
                    count(DISTINCT iif(EXISTS (
                        SELECT 1 FROM relations o
                        WHERE o.article_id = r.article_id AND +o.source_id = r.source_id
                          AND +o.type = r.type AND +o.target_id = r.target_id
                          AND +o.negated = r.negated
                          AND o.id NOT IN (SELECT id FROM temp.merge_moved)),
                        NULL, r.article_id)) AS arts,
                    min(a.published) AS first, max(a.published) AS last,
                    sum(r.confidence) AS conf, min(r.id) AS sample
             FROM temp.merge_moved m
             CROSS JOIN relations r ON r.id = m.id
             JOIN articles a ON a.id = r.article_id
             GROUP BY r.source_id, r.type, r.target_id, r.negated
         ) g
         WHERE true
         ON CONFLICT (source_id, type, target_id, negated) DO UPDATE SET
            weight = weight + excluded.weight,
            articles = articles + excluded.articles,
            first_seen = coalesce(min(first_seen, excluded.first_seen), first_seen, excluded.first_seen),
            last_seen = coalesce(max(last_seen, excluded.last_seen), last_seen, excluded.last_seen),
            confidence_sum = confidence_sum + excluded.confidence_sum,
            sample_sentence_id = CASE WHEN excluded.sample_relation_id < sample_relation_id
                THEN excluded.sample_sentence_id ELSE sample_sentence_id END,
            sample_relation_id = min(sample_relation_id, excluded.sample_relation_id)",
    )
    .and_then(|mut s| s.execute([]))
    .ctx("merging entities")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::model::*;
    use crate::store::{PreparedArticle, Store};

    /// `Kang said China ...`, with China typed `typ`.
    fn article(hash: &str, typ: EntityType) -> PreparedArticle {
        let text = "Kang said China banned ore.".to_string();
        let ent = |name: &str, kind| EntityRef {
            name: name.into(),
            kind,
            aliases: vec![],
        };
        let m = |entity, start, end| Mention {
            entity,
            sentence: 0,
            start,
            end,
            kind: "name",
        };
        PreparedArticle {
            hash: hash.into(),
            article: Article {
                path: format!("{hash}.txt"),
                text,
                ..Default::default()
            },
            extraction: Extraction {
                sentences: vec![SentenceSpan { start: 0, end: 27 }],
                entities: vec![ent("Kang Seok-ho", EntityType::Person), ent("China", typ)],
                mentions: vec![m(0, 0, 4), m(1, 10, 15)],
                relations: vec![Relation {
                    source: 0,
                    target: 1,
                    kind: "claims".into(),
                    negated: false,
                    confidence: 0.5,
                    sentence: 0,
                    trigger: "said".into(),
                    rule: "test".into(),
                }],
            },
        }
    }

    /// An article naming one person, `name`, with aliases.
    fn person(hash: &str, name: &str, aliases: &[&str]) -> PreparedArticle {
        let mut a = article(hash, EntityType::Country);
        a.extraction.entities[0] = EntityRef {
            name: name.into(),
            kind: EntityType::Person,
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
        };
        a
    }

    /// The one number a query returns.
    fn count(s: &Store, sql: &str) -> i64 {
        s.conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn a_name_with_and_without_diacritics_is_one_node_whichever_comes_first() {
        let mut s = Store::open_memory().unwrap();
        // the extractor keeps the folded form of a name with diacritics as an alias
        s.write_batch(&[person("a", "Recep Erdoğan", &["Recep Erdogan"])])
            .unwrap();
        s.write_batch(&[person("b", "Recep Erdogan", &[])]).unwrap();
        s.write_batch(&[person("c", "Ahmet Davutoglu", &[])])
            .unwrap();
        s.write_batch(&[person("d", "Ahmet Davutoğlu", &["Ahmet Davutoglu"])])
            .unwrap();
        let people =
            "SELECT count(*) FROM entities WHERE type = 'person' AND name <> 'Kang Seok-ho'";
        assert_eq!(count(&s, people), 2);
        assert_eq!(
            count(
                &s,
                "SELECT count(*) FROM merge_view WHERE reason = 'variant'"
            ),
            2
        );
    }

    #[test]
    fn a_surname_alone_joins_the_one_person_of_that_surname() {
        let mut s = Store::open_memory().unwrap();
        s.write_batch(&[person("a", "George W. Bush", &["Bush"])])
            .unwrap();
        s.write_batch(&[person("b", "Bush", &[])]).unwrap();
        assert_eq!(
            count(&s, "SELECT count(*) FROM entities WHERE name = 'Bush'"),
            0
        );
        assert_eq!(
            count(
                &s,
                "SELECT mentions FROM entities WHERE name = 'George W. Bush'"
            ),
            2
        );
        assert_eq!(
            count(&s, "SELECT count(*) FROM merge_view WHERE reason = 'short'"),
            1
        );
        // two people of that surname: a lone `Kang` stays apart
        s.write_batch(&[
            person("c", "Kang Seok-ho", &["Kang"]),
            person("d", "Kang Min-ho", &["Kang"]),
        ])
        .unwrap();
        s.write_batch(&[person("e", "Kang", &[])]).unwrap();
        assert_eq!(
            count(&s, "SELECT count(*) FROM entities WHERE name = 'Kang'"),
            1
        );
    }

    #[test]
    fn a_surname_far_more_mentioned_than_a_new_full_name_stays_apart() {
        let mut s = Store::open_memory().unwrap();
        let many: Vec<_> = (0..9)
            .map(|i| person(&format!("b{i}"), "Bass", &[]))
            .collect();
        s.write_batch(&many).unwrap();
        s.write_batch(&[person("a", "Robert M. Bass", &["Bass"])])
            .unwrap();
        assert_eq!(
            count(&s, "SELECT mentions FROM entities WHERE name = 'Bass'"),
            9
        );
        assert_eq!(
            count(&s, "SELECT count(*) FROM merge_view WHERE reason = 'short'"),
            0
        );
        // a surname seen about as often as the full name still joins it
        s.write_batch(&[
            person("c", "Mary Cole", &["Cole"]),
            person("d", "Cole", &[]),
        ])
        .unwrap();
        s.write_batch(&[person("e", "Cole", &[])]).unwrap();
        assert_eq!(
            count(&s, "SELECT count(*) FROM entities WHERE name = 'Cole'"),
            0
        );
    }

    #[test]
    fn a_short_form_merged_away_is_no_winner_of_its_name_under_other_types() {
        let mut s = Store::open_memory().unwrap();
        s.write_batch(&[person("a", "George W. Bush", &["Bush"])])
            .unwrap();
        // `Bush` as a person (joins George W. Bush) and as an organization, in one batch:
        // the person node, gone into the full name, must not be chosen for the other
        let mut org = person("c", "Bush", &[]);
        org.extraction.entities[0].kind = EntityType::Organization;
        s.write_batch(&[person("b", "Bush", &[]), org]).unwrap();
        assert_eq!(s.consistency_problems().unwrap(), Vec::<String>::new());
        assert_eq!(
            count(
                &s,
                "SELECT count(*) FROM mentions WHERE entity_id NOT IN (SELECT id FROM entities)"
            ),
            0
        );
    }

    #[test]
    fn a_name_merged_twice_sends_later_mentions_to_where_it_went() {
        let mut s = Store::open_memory().unwrap();
        let org = |h: &str| {
            let mut a = person(h, "Thomson", &[]);
            a.extraction.entities[0].kind = EntityType::Organization;
            a
        };
        // Thomson the organization goes into Thomson the person (more mentions)
        s.write_batch(&[person("a", "Thomson", &[]), person("b", "Thomson", &[])])
            .unwrap();
        s.write_batch(&[org("c")]).unwrap();
        // which goes into Roy Thomson, the one person of that surname
        s.write_batch(&[person("d", "Roy Thomson", &["Thomson"])])
            .unwrap();
        assert_eq!(
            count(&s, "SELECT count(*) FROM entities WHERE name = 'Thomson'"),
            0
        );
        // the organization again, in the same process: to Roy Thomson, not to a gone node
        s.write_batch(&[org("e")]).unwrap();
        assert_eq!(s.consistency_problems().unwrap(), Vec::<String>::new());
    }

    #[test]
    fn spellings_with_and_without_dots() {
        assert_eq!(super::spellings("George W. Bush"), ["George W Bush"]);
        assert_eq!(super::spellings("George W Bush"), ["George W. Bush"]);
        assert_eq!(super::spellings("U.S. Steel"), ["US Steel"]);
        assert!(super::spellings("Tony Blair").is_empty());
        assert_eq!(super::spellings("Recep Erdoğan"), ["Recep Erdogan"]);
    }

    #[test]
    fn a_name_under_several_types_becomes_one_node_and_the_merge_is_recorded() {
        let mut s = Store::open_memory().unwrap();
        let c = EntityType::Country;
        s.write_batch(&[article("a", c), article("b", c)]).unwrap();
        s.write_batch(&[article("c", EntityType::Organization)])
            .unwrap();
        assert_eq!(
            count(&s, "SELECT count(*) FROM entities WHERE name = 'China'"),
            1
        );
        assert_eq!(
            count(
                &s,
                "SELECT mentions FROM entities WHERE name = 'China' AND type = 'country'"
            ),
            3
        );
        assert_eq!(
            count(&s, "SELECT count(*) FROM merge_view WHERE from_type = 'organization' AND into_type = 'country' AND mentions = 1"),
            1
        );
        assert_eq!(
            count(&s, "SELECT count(*) FROM relation_view WHERE target = 'China' AND target_type = 'country'"),
            3
        );
        assert_eq!(count(&s, "SELECT count(*) FROM edge_view"), 1);
        assert_eq!(count(&s, "SELECT weight FROM edge_view"), 3);
        // the same name and type again goes straight to the merged node
        s.write_batch(&[article("d", EntityType::Organization)])
            .unwrap();
        assert_eq!(
            count(&s, "SELECT count(*) FROM entities WHERE name = 'China'"),
            1
        );
        assert_eq!(count(&s, "SELECT count(*) FROM entity_merges"), 1);
        assert_eq!(count(&s, "SELECT weight FROM edge_view"), 4);
        assert_eq!(
            count(&s, "SELECT mentions FROM entities WHERE name = 'China'"),
            4
        );
    }
}
