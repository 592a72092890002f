//! Reading one article back for `newsgraph explain`: its sentences, mentions and edges,
//! exactly as stored (nothing is extracted again).

use super::Store;
use crate::error::{Result, SqlContext};
use rusqlite::{params, OptionalExtension};

/// An article with everything extraction stored for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Explained {
    pub article_id: i64,
    pub external_id: Option<String>,
    pub title: Option<String>,
    /// Sentences in order: (index, text).
    pub sentences: Vec<(i64, String)>,
    pub mentions: Vec<ExplainedMention>,
    pub relations: Vec<ExplainedRelation>,
}

/// A mention, with code-point offsets into its sentence's text.
#[derive(Debug, Clone, PartialEq)]
pub struct ExplainedMention {
    pub sentence: i64,
    pub start: usize,
    pub end: usize,
    pub name: String,
    pub kind: String,
    pub surface: String,
}

/// An edge with its evidence sentence, rule and confidence.
#[derive(Debug, Clone, PartialEq)]
pub struct ExplainedRelation {
    pub sentence: i64,
    pub source: String,
    pub kind: String,
    pub target: String,
    pub negated: bool,
    pub confidence: f64,
    pub trigger: String,
    pub rule: String,
}

impl Store {
    /// The article with row id `key`, or else the first with external id `key`.
    pub fn explain(&self, key: &str) -> Result<Option<Explained>> {
        let by_id = key.parse::<i64>().ok();
        let row = self
            .conn
            .query_row(
                "SELECT id, external_id, title FROM articles
                 WHERE id = ?1 OR external_id = ?2
                 ORDER BY (id = ?1) DESC, id LIMIT 1",
                params![by_id, key],
                |r| Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .ctx("finding article")?;
        let Some((id, external_id, title)) = row else {
            return Ok(None);
        };
        let rows: Vec<(i64, i64, String)> = super::rows(
            &self.conn,
            "SELECT idx, start, text FROM sentences WHERE article_id = ?1 ORDER BY idx",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        let mentions = super::rows(
            &self.conn,
            "SELECT s.idx, s.start, m.start, m.\"end\", e.name, e.type, m.surface
                 FROM mentions m JOIN sentences s ON s.id = m.sentence_id
                 JOIN entities e ON e.id = m.entity_id
                 WHERE m.article_id = ?1 ORDER BY s.idx, m.start, m.id",
            [id],
            |r| {
                let base: i64 = r.get(1)?;
                let rel = |x: i64| (x - base).max(0) as usize;
                Ok(ExplainedMention {
                    sentence: r.get(0)?,
                    start: rel(r.get(2)?),
                    end: rel(r.get(3)?),
                    name: r.get(4)?,
                    kind: r.get(5)?,
                    surface: r.get(6)?,
                })
            },
        )?;
        let relations = super::rows(
            &self.conn,
            "SELECT s.idx, src.name, r.type, tgt.name, r.negated, r.confidence, r.trigger, r.rule
                 FROM relations r JOIN sentences s ON s.id = r.sentence_id
                 JOIN entities src ON src.id = r.source_id JOIN entities tgt ON tgt.id = r.target_id
                 WHERE r.article_id = ?1 ORDER BY s.idx, r.id",
            [id],
            |r| {
                Ok(ExplainedRelation {
                    sentence: r.get(0)?,
                    source: r.get(1)?,
                    kind: r.get(2)?,
                    target: r.get(3)?,
                    negated: r.get(4)?,
                    confidence: r.get(5)?,
                    trigger: r.get(6)?,
                    rule: r.get(7)?,
                })
            },
        )?;
        Ok(Some(Explained {
            article_id: id,
            external_id,
            title,
            sentences: rows.into_iter().map(|(i, _, t)| (i, t)).collect(),
            mentions,
            relations,
        }))
    }
}

#[cfg(test)]
mod tests {
    use crate::model::*;
    use crate::store::{PreparedArticle, Store};

    #[test]
    fn explain_reads_back_what_was_written() {
        let mut s = Store::open_memory().unwrap();
        let text = "Intro.\nChina has banned North Korean ore.";
        let x = Extraction {
            sentences: vec![
                SentenceSpan { start: 0, end: 6 },
                SentenceSpan { start: 7, end: 40 },
            ],
            entities: vec![
                EntityRef {
                    name: "China".into(),
                    kind: EntityType::Country,
                    aliases: vec![],
                },
                EntityRef {
                    name: "North Korea".into(),
                    kind: EntityType::Country,
                    aliases: vec![],
                },
            ],
            mentions: vec![
                Mention {
                    entity: 0,
                    sentence: 1,
                    start: 7,
                    end: 12,
                    kind: "name",
                },
                Mention {
                    entity: 1,
                    sentence: 1,
                    start: 24,
                    end: 36,
                    kind: "demonym",
                },
            ],
            relations: vec![Relation {
                source: 0,
                target: 1,
                kind: "bans".into(),
                negated: false,
                confidence: 0.75,
                sentence: 1,
                trigger: "banned".into(),
                rule: "V17".into(),
            }],
        };
        let a = Article {
            external_id: Some("ext-1".into()),
            path: "t".into(),
            text: text.into(),
            ..Default::default()
        };
        s.write_batch(&[PreparedArticle {
            article: a,
            hash: "h1".into(),
            extraction: x,
        }])
        .unwrap();
        let e = s.explain("ext-1").unwrap().unwrap();
        assert_eq!(e.sentences.len(), 2);
        assert_eq!(e.mentions[1].start, 17);
        assert_eq!(e.mentions[1].surface, "North Korean");
        assert_eq!(e.relations[0].rule, "V17");
        assert_eq!(s.explain(&e.article_id.to_string()).unwrap().unwrap(), e);
        assert!(s.explain("nope").unwrap().is_none());
    }
}
