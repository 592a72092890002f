//! The node metrics of the whole graph kept in `node_metrics` (PageRank, degrees, community),
//! and whether they describe the edges as stored now (`graph_state.metrics_fresh`, cleared by
//! a trigger on every change to `edges`).

use super::graph::{entity_row, EntityRow};
use super::Store;
use crate::error::{Result, SqlContext};
use rusqlite::params;

/// One entity's metrics in the whole graph.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeMetrics {
    pub entity_id: i64,
    pub pagerank: f64,
    pub in_degree: u32,
    pub out_degree: u32,
    pub weighted_degree: f64,
    pub community: u32,
}

/// What `top` ranks the stored metrics by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RankKey {
    Pagerank,
    Degree,
    Mentions,
}

impl Store {
    /// Do the stored node metrics describe the edges as stored now? (Never for a database
    /// read at an older schema, which has no `node_metrics`.)
    pub fn metrics_fresh(&self) -> Result<bool> {
        if self.schema_version()? < 7 {
            return Ok(false);
        }
        self.conn
            .query_row("SELECT metrics_fresh FROM graph_state", [], |r| r.get(0))
            .ctx("reading graph_state")
    }

    /// Compute the node metrics with `compute` (which reads the graph from this store) and
    /// store them, all in one write transaction, so what is stored describes the edges it
    /// read. Does nothing, and returns false, when they are fresh already (another process
    /// may have refreshed them while this one waited for the lock).
    pub fn refresh_metrics(
        &self,
        compute: impl FnOnce(&Store) -> crate::Result<Vec<NodeMetrics>>,
    ) -> Result<bool> {
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .ctx("starting the metrics refresh")?;
        let done = self.refresh_in_transaction(compute);
        let end = if matches!(done, Ok(true)) {
            "COMMIT"
        } else {
            "ROLLBACK"
        };
        let ended = self
            .conn
            .execute_batch(end)
            .ctx("ending the metrics refresh");
        let done = done?;
        ended?;
        Ok(done)
    }

    fn refresh_in_transaction(
        &self,
        compute: impl FnOnce(&Store) -> crate::Result<Vec<NodeMetrics>>,
    ) -> Result<bool> {
        if self.metrics_fresh()? {
            return Ok(false);
        }
        let rows = compute(self)?;
        self.conn
            .execute("DELETE FROM node_metrics", [])
            .ctx("clearing node_metrics")?;
        let mut ins = self
            .conn
            .prepare_cached(
                "INSERT INTO node_metrics (entity_id, pagerank, in_degree, out_degree,
                                           weighted_degree, community)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .ctx("preparing node_metrics insert")?;
        for m in &rows {
            ins.execute(params![
                m.entity_id,
                m.pagerank,
                m.in_degree,
                m.out_degree,
                m.weighted_degree,
                m.community
            ])
            .ctx("storing node metrics")?;
        }
        self.conn
            .execute("UPDATE graph_state SET metrics_fresh = 1", [])
            .ctx("marking node metrics fresh")?;
        Ok(true)
    }

    /// The `limit` entities of highest `key` in the stored metrics (ties by name, then id),
    /// with their metrics. Only meaningful when `metrics_fresh`.
    pub fn top_metrics(&self, key: RankKey, limit: usize) -> Result<Vec<(EntityRow, NodeMetrics)>> {
        let order = match key {
            RankKey::Pagerank => "m.pagerank DESC",
            RankKey::Degree => "m.in_degree + m.out_degree DESC",
            RankKey::Mentions => "e.mentions DESC",
        };
        let sql = format!(
            "SELECT e.id, e.name, e.type, e.mentions, e.articles, m.pagerank, m.in_degree,
                    m.out_degree, m.weighted_degree, m.community
             FROM node_metrics m JOIN entities e ON e.id = m.entity_id
             ORDER BY {order}, e.name, e.id
             LIMIT ?1"
        );
        let mut stmt = self
            .conn
            .prepare_cached(&sql)
            .ctx("preparing top metrics")?;
        let rows = stmt
            .query_map([limit as i64], |r| {
                Ok((
                    entity_row(r)?,
                    NodeMetrics {
                        entity_id: r.get(0)?,
                        pagerank: r.get(5)?,
                        in_degree: r.get(6)?,
                        out_degree: r.get(7)?,
                        weighted_degree: r.get(8)?,
                        community: r.get(9)?,
                    },
                ))
            })
            .ctx("reading top metrics")?;
        rows.collect::<std::result::Result<_, _>>()
            .ctx("reading top metrics")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edge(s: &Store, source: i64, target: i64) {
        s.conn
            .execute(
                "INSERT INTO edges (source_id, type, target_id, negated, weight, articles,
                                    confidence_sum, sample_relation_id, sample_sentence_id)
                 VALUES (?1, 'bans', ?2, 0, 1, 1, 0.5, 1, 1)
                 ON CONFLICT DO UPDATE SET weight = weight + 1",
                params![source, target],
            )
            .unwrap();
    }

    fn one(entity_id: i64) -> NodeMetrics {
        NodeMetrics {
            entity_id,
            pagerank: 0.5,
            in_degree: 1,
            out_degree: 0,
            weighted_degree: 1.0,
            community: 0,
        }
    }

    #[test]
    fn every_change_to_edges_makes_the_metrics_stale_and_a_refresh_makes_them_fresh() {
        let s = Store::open_memory().unwrap();
        assert!(!s.metrics_fresh().unwrap(), "a new database has none");
        assert!(s.refresh_metrics(|_| Ok(vec![one(1)])).unwrap());
        assert!(s.metrics_fresh().unwrap());
        assert!(
            !s.refresh_metrics(|_| unreachable!()).unwrap(),
            "fresh: no work"
        );
        edge(&s, 1, 2);
        assert!(!s.metrics_fresh().unwrap(), "insert");
        s.refresh_metrics(|_| Ok(vec![one(2)])).unwrap();
        edge(&s, 1, 2);
        assert!(!s.metrics_fresh().unwrap(), "update (an upsert)");
        s.refresh_metrics(|_| Ok(vec![one(2)])).unwrap();
        s.conn.execute("DELETE FROM edges", []).unwrap();
        assert!(!s.metrics_fresh().unwrap(), "delete");
    }

    #[test]
    fn a_failed_refresh_stores_nothing_and_stays_stale() {
        let s = Store::open_memory().unwrap();
        s.refresh_metrics(|_| Ok(vec![one(1)])).unwrap();
        edge(&s, 1, 2);
        let err = s.refresh_metrics(|_| Err(crate::Error::Data("boom".into())));
        assert!(err.is_err());
        assert!(!s.metrics_fresh().unwrap());
        let n: i64 = s
            .conn
            .query_row(
                "SELECT count(*) FROM node_metrics WHERE entity_id = 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 1, "the old rows are kept until a refresh succeeds");
    }
}
