//! What the writer remembers between articles: entity ids and aliases already stored, and
//! the entity counters still to be added, so repeated actors cost no statements.
//!
//! Entries become visible in three steps that mirror the transaction: an article's new ids
//! are `pending` until its savepoint is released, then belong to the `batch` until the batch
//! commits, then are `committed`. A rolled-back article or batch drops only its own layer.

use super::EntityId;
use crate::error::{Result, SqlContext};
use crate::fxhash::{FxMap, FxSet};

/// Committed entries beyond this many are forgotten (the database still has them).
const MAX_ENTRIES: usize = 400_000;

type Key = (String, &'static str);

#[derive(Default)]
struct Layer {
    entities: FxMap<Key, EntityId>,
    aliases: FxSet<(EntityId, String)>,
}

#[derive(Default)]
pub struct WriteCache {
    committed: Layer,
    batch: Layer,
    article: Layer,
    /// Counter increments of the batch's released articles: entity -> (mentions, articles).
    counters: FxMap<EntityId, (i64, i64)>,
    /// The relation types the store knows, read once.
    types: Option<FxSet<String>>,
    /// Entities merged away, whose entries `purge_gone` drops.
    gone: FxSet<EntityId>,
}

impl WriteCache {
    /// The relation types of the store's `relation_types` table.
    pub fn relation_types(&mut self, conn: &rusqlite::Connection) -> Result<&FxSet<String>> {
        if self.types.is_none() {
            let mut st = conn
                .prepare("SELECT type FROM relation_types")
                .ctx("reading relation types")?;
            let rows = st
                .query_map([], |r| r.get(0))
                .ctx("reading relation types")?;
            self.types = Some(
                rows.collect::<std::result::Result<_, _>>()
                    .ctx("reading relation types")?,
            );
        }
        Ok(self.types.as_ref().expect("just read"))
    }

    pub fn entity(&self, name: &str, kind: &'static str) -> Option<EntityId> {
        let key = (name.to_string(), kind);
        [&self.article, &self.batch, &self.committed]
            .iter()
            .find_map(|l| l.entities.get(&key).copied())
    }

    /// After an archive-wide merge of entity `from`: (`name`, `kind`) is now entity `id`
    /// (kept with the batch, so a rolled-back batch forgets it); `purge_gone` then drops the
    /// other entries that still name `from`.
    pub fn redirect(&mut self, name: &str, kind: &'static str, from: EntityId, id: EntityId) {
        self.batch.entities.insert((name.to_string(), kind), id);
        self.gone.insert(from);
    }

    /// Forget every entry naming an entity merged away since the last purge: another key may
    /// name it (`Thomson` the organization went into `Thomson` the person, which then went
    /// into `Roy Thomson`), and its id may be given to a new entity.
    pub fn purge_gone(&mut self) {
        if self.gone.is_empty() {
            return;
        }
        let gone = std::mem::take(&mut self.gone);
        for l in [&mut self.article, &mut self.batch, &mut self.committed] {
            l.entities.retain(|_, id| !gone.contains(id));
            l.aliases.retain(|(id, _)| !gone.contains(id));
        }
    }

    pub fn add_entity(&mut self, name: &str, kind: &'static str, id: EntityId) {
        self.article.entities.insert((name.to_string(), kind), id);
    }

    pub fn has_alias(&self, id: EntityId, alias: &str) -> bool {
        let key = (id, alias.to_string());
        [&self.article, &self.batch, &self.committed]
            .iter()
            .any(|l| l.aliases.contains(&key))
    }

    pub fn add_alias(&mut self, id: EntityId, alias: &str) {
        self.article.aliases.insert((id, alias.to_string()));
    }

    /// The article's savepoint was released: keep its entries and counters with the batch.
    pub fn article_done(&mut self, counters: impl IntoIterator<Item = (EntityId, i64)>) {
        let a = std::mem::take(&mut self.article);
        self.batch.entities.extend(a.entities);
        self.batch.aliases.extend(a.aliases);
        // two names of the article may be one entity (one redirected into the other by a
        // merge): its mentions add up, its article counts once
        let mut seen: Vec<EntityId> = Vec::new();
        for (id, mentions) in counters {
            let c = self.counters.entry(id).or_default();
            c.0 += mentions;
            if mentions > 0 && !seen.contains(&id) {
                seen.push(id);
                c.1 += 1;
            }
        }
    }

    /// The article was rolled back: forget what it added.
    pub fn article_failed(&mut self) {
        self.article = Layer::default();
    }

    /// The counters to write before the batch commits, in id order.
    pub fn take_counters(&mut self) -> Vec<(EntityId, i64, i64)> {
        let mut v: Vec<_> = self
            .counters
            .drain()
            .map(|(id, (m, a))| (id, m, a))
            .collect();
        v.sort();
        v
    }

    /// The batch committed: its entries are now in the database for good.
    pub fn batch_committed(&mut self) {
        if self.committed.entities.len() + self.committed.aliases.len() > MAX_ENTRIES {
            self.committed = Layer::default();
        }
        let b = std::mem::take(&mut self.batch);
        self.committed.entities.extend(b.entities);
        self.committed.aliases.extend(b.aliases);
    }

    /// Entities were merged or deleted behind the cache's back (corrections replayed):
    /// forget every entity and alias it holds; the database still has them.
    pub fn forget_entities(&mut self) {
        self.committed = Layer::default();
        self.batch = Layer::default();
        self.article = Layer::default();
    }

    /// The batch was rolled back (or failed): forget everything it added.
    pub fn batch_failed(&mut self) {
        self.gone.clear();
        self.batch = Layer::default();
        self.article = Layer::default();
        self.counters.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layers_follow_the_transaction() {
        let mut c = WriteCache::default();
        c.add_entity("China", "country", EntityId(1));
        c.article_failed();
        assert_eq!(
            c.entity("China", "country"),
            None,
            "rolled-back article forgotten"
        );
        c.add_entity("China", "country", EntityId(2));
        c.add_alias(EntityId(2), "PRC");
        c.article_done([(EntityId(2), 3)]);
        assert_eq!(c.entity("China", "country"), Some(EntityId(2)));
        assert!(c.has_alias(EntityId(2), "PRC"));
        c.batch_failed();
        assert_eq!(
            c.entity("China", "country"),
            None,
            "rolled-back batch forgotten"
        );
        assert!(c.take_counters().is_empty());
        c.add_entity("China", "country", EntityId(3));
        c.article_done([(EntityId(3), 2)]);
        c.add_entity("Japan", "country", EntityId(4));
        c.article_done([(EntityId(3), 1), (EntityId(4), 0)]);
        // two names of one entity in an article: one article more
        c.article_done([(EntityId(3), 1), (EntityId(3), 2)]);
        assert_eq!(
            c.take_counters(),
            vec![(EntityId(3), 6, 3), (EntityId(4), 0, 0)]
        );
        c.batch_committed();
        assert_eq!(c.entity("Japan", "country"), Some(EntityId(4)));
    }
}
