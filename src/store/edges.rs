//! The `edges` aggregate (migration 0002): the writer's side, which keeps it equal to the
//! relations grouped per (source, type, target, negated), one upsert per edge and article.

use crate::error::{Result, SqlContext};
use rusqlite::params;

/// One article's relations gathered per edge (source, type, target, negated), in first-seen
/// order, for one upsert each into the `edges` aggregate.
#[derive(Default)]
pub(super) struct EdgeTally<'a> {
    keys: Vec<(i64, &'a str, i64, bool)>,
    /// weight, confidence sum, first relation id and its sentence id, by key index.
    sums: Vec<(i64, f64, i64, i64)>,
}

impl<'a> EdgeTally<'a> {
    pub(super) fn add(
        &mut self,
        key: (i64, &'a str, i64, bool),
        confidence: f64,
        relation: i64,
        sentence: i64,
    ) {
        // Articles have a handful of relations: a linear search beats hashing.
        match self.keys.iter().position(|k| *k == key) {
            Some(i) => {
                self.sums[i].0 += 1;
                self.sums[i].1 += confidence;
            }
            None => {
                self.keys.push(key);
                self.sums.push((1, confidence, relation, sentence));
            }
        }
    }

    /// Raise each edge by this article's evidence (one more article), or create it. Relation
    /// ids only grow, so an existing edge keeps its sample; `coalesce(min(..), ..)` keeps the
    /// dated side when one date is NULL.
    pub(super) fn write(&self, tx: &rusqlite::Connection, published: Option<&str>) -> Result<()> {
        if self.keys.is_empty() {
            return Ok(());
        }
        let mut up = tx
            .prepare_cached(
                "INSERT INTO edges (source_id, type, target_id, negated, weight, articles, first_seen,
                                    last_seen, confidence_sum, sample_relation_id, sample_sentence_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?6, ?7, ?8, ?9)
                 ON CONFLICT (source_id, type, target_id, negated) DO UPDATE SET
                    weight = weight + excluded.weight,
                    articles = articles + 1,
                    first_seen = coalesce(min(first_seen, excluded.first_seen), first_seen, excluded.first_seen),
                    last_seen = coalesce(max(last_seen, excluded.last_seen), last_seen, excluded.last_seen),
                    confidence_sum = confidence_sum + excluded.confidence_sum,
                    sample_sentence_id = CASE WHEN excluded.sample_relation_id < sample_relation_id
                        THEN excluded.sample_sentence_id ELSE sample_sentence_id END,
                    sample_relation_id = min(sample_relation_id, excluded.sample_relation_id)",
            )
            .ctx("preparing edge upsert")?;
        for (&(s, kind, t, neg), &(w, conf, rel, sent)) in self.keys.iter().zip(&self.sums) {
            up.execute(params![s, kind, t, neg, w, published, conf, rel, sent])
                .ctx("updating edge aggregate")?;
        }
        Ok(())
    }
}
