//! One article's derived rows: its sentences, entities (found or inserted), aliases,
//! mentions and relations, written for a new article (ingest) or again over stored text
//! (`reextract`).

use super::cache::WriteCache;
use super::check::check;
use super::edges::EdgeTally;
use super::offsets::CharOffsets;
use super::{ArticleId, EntityId, SentenceId};
use crate::error::{Result, SqlContext};
use crate::fxhash::FxMap;
use crate::model::{Article, Extraction};
use rusqlite::params;

/// The id of entity (`name`, `kind`), inserted if new. Not `RETURNING id`: that opens an
/// ephemeral table each time it runs: 10% of the writer's instructions on Reuters.
fn entity_id(tx: &rusqlite::Connection, name: &str, kind: &str) -> Result<EntityId> {
    let inserted = tx
        .prepare_cached(
            "INSERT INTO entities (name, type) VALUES (?1, ?2) ON CONFLICT (name, type) DO NOTHING",
        )
        .and_then(|mut s| s.execute(params![name, kind]))
        .ctx("inserting entity")?;
    if inserted == 1 {
        return Ok(EntityId(tx.last_insert_rowid()));
    }
    tx.prepare_cached("SELECT id FROM entities WHERE name = ?1 AND type = ?2")
        .and_then(|mut s| s.query_row(params![name, kind], |r| r.get(0)))
        .map(EntityId)
        .ctx("looking up entity")
}

/// Write the rows extraction `x` makes of article `a`, stored as `article`; returns the
/// mention count per entity. With `tally`, each edge is raised by the article's evidence;
/// without, the caller aggregates the edges again. `kept`: the ids of the article's stored
/// sentences, when they are the extraction's (they are not written again).
pub(super) fn write_rows(
    tx: &rusqlite::Connection,
    article: ArticleId,
    a: &Article,
    x: &Extraction,
    cache: &mut WriteCache,
    tally: bool,
    kept: Option<Vec<SentenceId>>,
) -> Result<Vec<(EntityId, i64)>> {
    let offsets = CharOffsets::new(&a.text);
    check(x, offsets.chars, cache.relation_types(tx)?)
        .map_err(|why| crate::error::Error::Data(format!("{}: not stored: {why}", a.path)))?;
    let slice = |s: usize, e: usize| offsets.slice(s, e);

    let mut sentence_ids = Vec::with_capacity(x.sentences.len());
    if let Some(kept) = kept {
        sentence_ids = kept;
    } else {
        let mut ins = tx
            .prepare_cached(
                "INSERT INTO sentence_spans (article_id, idx, start, \"end\", skip, span_skip)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .ctx("preparing sentence insert")?;
        for (i, s) in x.sentences.iter().enumerate() {
            // The text is the article's, sliced by bytes (migration 0006): only where the
            // byte offsets differ from the code-point ones (not ASCII) is anything stored.
            let (b_start, b_end) = (offsets.byte(s.start), offsets.byte(s.end));
            ins.execute(params![
                article.0,
                i as i64,
                s.start as i64,
                s.end as i64,
                (b_start - s.start) as i64,
                (b_end - b_start) as i64 - (s.end - s.start) as i64
            ])
            .ctx("inserting sentence")?;
            sentence_ids.push(SentenceId(tx.last_insert_rowid()));
        }
    }

    // One row per distinct (name, type); ids already known cost no statement. Counters are
    // added once per batch (`finish_batch`).
    let mut keys: Vec<(&str, &'static str)> = Vec::new();
    let mut key_of = Vec::with_capacity(x.entities.len());
    {
        let mut index: FxMap<(&str, &str), usize> = FxMap::default();
        for e in &x.entities {
            let key = (e.name.as_str(), e.kind.as_str());
            let k = *index.entry(key).or_insert_with(|| {
                keys.push(key);
                keys.len() - 1
            });
            key_of.push(k);
        }
    }
    let mut counts = vec![0i64; keys.len()];
    for m in &x.mentions {
        counts[key_of[m.entity]] += 1;
    }
    // An entity no mention or relation of the article refers to (a name resolved into
    // another, as `Abu Mazen` into Mahmoud Abbas) gets no row: it would sit in entity_view
    // with no mention and nothing to show for it.
    let mut used = counts.iter().map(|&c| c > 0).collect::<Vec<bool>>();
    for r in &x.relations {
        used[key_of[r.source]] = true;
        used[key_of[r.target]] = true;
    }
    let mut key_ids = Vec::with_capacity(keys.len());
    for (&(name, kind), _) in keys.iter().zip(&used).filter(|(_, &u)| u) {
        let id = match cache.entity(name, kind) {
            Some(id) => id,
            None => {
                let id = entity_id(tx, name, kind)?;
                cache.add_entity(name, kind, id);
                id
            }
        };
        key_ids.push(id);
    }
    // Keys renumbered over the used ones; an unused key's entities are never looked up.
    let mut slot = vec![usize::MAX; keys.len()];
    for (i, k) in (0..keys.len()).filter(|&k| used[k]).enumerate() {
        slot[k] = i;
    }
    let entity_ids: Vec<EntityId> = key_of
        .iter()
        .map(|&k| key_ids.get(slot[k]).copied().unwrap_or(EntityId(0)))
        .collect();
    {
        let mut alias = tx
            .prepare_cached("INSERT OR IGNORE INTO aliases (entity_id, alias) VALUES (?1, ?2)")
            .ctx("preparing alias insert")?;
        let kept = x.entities.iter().zip(&entity_ids).zip(&key_of);
        for ((e, eid), _) in kept.filter(|(_, &k)| used[k]) {
            for al in e.aliases.iter().filter(|al| **al != e.name) {
                if !cache.has_alias(*eid, al) {
                    alias.execute(params![eid.0, al]).ctx("inserting alias")?;
                    cache.add_alias(*eid, al);
                }
            }
        }
    }

    {
        let mut ins = tx
            .prepare_cached(
                "INSERT INTO mentions (article_id, sentence_id, entity_id, start, \"end\", kind, surface)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )
            .ctx("preparing mention insert")?;
        for m in &x.mentions {
            ins.execute(params![
                article.0,
                sentence_ids[m.sentence].0,
                entity_ids[m.entity].0,
                m.start as i64,
                m.end as i64,
                m.kind,
                slice(m.start, m.end)
            ])
            .ctx("inserting mention")?;
        }
    }
    let mut edges = EdgeTally::default();
    {
        let mut ins = tx
            .prepare_cached(
                "INSERT INTO relations (article_id, sentence_id, source_id, target_id, type, negated, confidence, trigger, rule)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )
            .ctx("preparing relation insert")?;
        for r in &x.relations {
            ins.execute(params![
                article.0,
                sentence_ids[r.sentence].0,
                entity_ids[r.source].0,
                entity_ids[r.target].0,
                r.kind,
                r.negated,
                r.confidence,
                r.trigger,
                r.rule
            ])
            .ctx_with(|| format!("inserting relation {} in {}", r.kind, a.path))?;
            edges.add(
                (
                    entity_ids[r.source].0,
                    r.kind.as_str(),
                    entity_ids[r.target].0,
                    r.negated,
                ),
                r.confidence,
                tx.last_insert_rowid(),
                sentence_ids[r.sentence].0,
            );
        }
    }
    if tally {
        edges.write(tx, a.published.as_deref())?;
    }
    let counts = counts
        .into_iter()
        .zip(&used)
        .filter(|(_, &u)| u)
        .map(|(c, _)| c);
    Ok(key_ids.into_iter().zip(counts).collect())
}
