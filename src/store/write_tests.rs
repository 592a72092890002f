//! Tests of `store/write.rs`: batches written whole, failures rolled back alone, ids found again.

use super::*;
use crate::model::*;

fn sample() -> PreparedArticle {
    let text = "China banned ore. Kang spoke.".to_string();
    PreparedArticle {
        hash: "h1".into(),
        article: Article {
            path: "t.txt".into(),
            text,
            ..Default::default()
        },
        extraction: Extraction {
            sentences: vec![
                SentenceSpan { start: 0, end: 17 },
                SentenceSpan { start: 18, end: 29 },
            ],
            entities: vec![
                EntityRef {
                    name: "China".into(),
                    kind: EntityType::Country,
                    aliases: vec![],
                },
                EntityRef {
                    name: "Kang Seok-ho".into(),
                    kind: EntityType::Person,
                    aliases: vec!["Kang".into()],
                },
            ],
            mentions: vec![
                Mention {
                    entity: 0,
                    sentence: 0,
                    start: 0,
                    end: 5,
                    kind: "name",
                },
                Mention {
                    entity: 1,
                    sentence: 1,
                    start: 18,
                    end: 22,
                    kind: "alias",
                },
            ],
            relations: vec![Relation {
                source: 1,
                target: 0,
                kind: "claims".into(),
                negated: false,
                confidence: 0.5,
                sentence: 1,
                trigger: "spoke".into(),
                rule: "test".into(),
            }],
        },
    }
}

#[test]
fn article_is_written_whole_and_only_once() {
    let mut s = Store::open_memory().unwrap();
    let out = s.write_batch(&[sample(), sample()]).unwrap();
    assert!(matches!(out[0], Ok(ArticleOutcome::New(_))));
    assert!(matches!(out[1], Ok(ArticleOutcome::Unchanged)));
    let n = |sql: &str| -> i64 { s.conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(n("SELECT count(*) FROM sentence_view"), 2);
    assert_eq!(n("SELECT count(*) FROM mention_view"), 2);
    assert_eq!(n("SELECT count(*) FROM relation_view"), 1);
    assert_eq!(
        n("SELECT mentions FROM entity_view WHERE name = 'China'"),
        1
    );
    assert_eq!(n("SELECT count(*) FROM alias_view WHERE alias = 'Kang'"), 1);
    assert_eq!(
        n(
            "SELECT count(*) FROM mention_view m JOIN article_view a USING (article_id)
           WHERE substr(a.text, m.start + 1, m.\"end\" - m.start) = m.surface"
        ),
        2
    );
    assert_eq!(
        n("SELECT count(*) FROM sentence_fts WHERE sentence_fts MATCH 'banned'"),
        1
    );
}

#[test]
fn a_failing_article_leaves_nothing_behind_and_keeps_the_batch() {
    let mut s = Store::open_memory().unwrap();
    let mut bad = sample();
    bad.extraction.relations[0].kind = "no_such_type".into();
    let mut good = sample();
    good.hash = "h2".into();
    let out = s.write_batch(&[bad, good]).unwrap();
    assert!(out[0].is_err());
    assert!(matches!(out[1], Ok(ArticleOutcome::New(_))));
    let n = |sql: &str| -> i64 { s.conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(n("SELECT count(*) FROM articles"), 1);
    assert_eq!(n("SELECT count(*) FROM sentences"), 2);
    assert_eq!(n("SELECT mentions FROM entities WHERE name = 'China'"), 1);
}

#[test]
fn a_writer_that_has_not_seen_an_entity_finds_its_id() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e.db");
    Store::open(&db).unwrap().write_batch(&[sample()]).unwrap();
    // A second writer (another process, or a cache that forgot) meets China again.
    let mut s = Store::open(&db).unwrap();
    let mut again = sample();
    again.hash = "h2".into();
    s.write_batch(&[again]).unwrap();
    let n = |sql: &str| -> i64 { s.conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(n("SELECT count(*) FROM entities WHERE name = 'China'"), 1);
    assert_eq!(n("SELECT mentions FROM entities WHERE name = 'China'"), 2);
    assert_eq!(
        n("SELECT count(DISTINCT entity_id) FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE e.name = 'China'"),
        1
    );
}

#[test]
fn an_entity_nothing_refers_to_gets_no_row() {
    let mut s = Store::open_memory().unwrap();
    let mut a = sample();
    // Resolved into another entity: listed, but no mention or relation is its.
    a.extraction.entities.push(EntityRef {
        name: "Abu Mazen".into(),
        kind: EntityType::Person,
        aliases: vec!["Mazen".into()],
    });
    a.extraction.entities.swap(1, 2);
    for m in &mut a.extraction.mentions {
        m.entity = if m.entity == 1 { 2 } else { m.entity };
    }
    a.extraction.relations[0].source = 2;
    assert!(matches!(
        s.write_batch(&[a]).unwrap()[0],
        Ok(ArticleOutcome::New(_))
    ));
    let n = |sql: &str| -> i64 { s.conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(n("SELECT count(*) FROM entity_view"), 2);
    assert_eq!(n("SELECT count(*) FROM entity_view WHERE mentions = 0"), 0);
    assert_eq!(
        n("SELECT count(*) FROM alias_view WHERE alias = 'Mazen'"),
        0
    );
    assert_eq!(
        n("SELECT count(*) FROM relation_view WHERE source = 'Kang Seok-ho' AND target = 'China'"),
        1
    );
}

/// An article whose text is not ASCII: two sentences after accents and an emoji.
fn accented() -> PreparedArticle {
    let mut p = sample();
    // code points: "Séoul 😀 a dit." is 0..14, "Kang spoke." 15..26
    p.article.text = "Séoul 😀 a dit. Kang spoke.".to_string();
    p.hash = "h2".into();
    p.extraction.sentences = vec![
        SentenceSpan { start: 0, end: 14 },
        SentenceSpan { start: 15, end: 26 },
    ];
    p.extraction.mentions[0].start = 0;
    p.extraction.mentions[0].end = 5;
    p.extraction.mentions[1].start = 15;
    p.extraction.mentions[1].end = 19;
    p
}

#[test]
fn sentence_text_is_stored_once_and_read_back_from_the_article() {
    let mut s = Store::open_memory().unwrap();
    let out = s.write_batch(&[sample(), accented()]).unwrap();
    assert!(
        out.iter().all(|o| matches!(o, Ok(ArticleOutcome::New(_)))),
        "{out:?}"
    );
    let texts: Vec<String> = s
        .conn
        .prepare("SELECT text FROM sentence_view ORDER BY sentence_id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(
        texts,
        [
            "China banned ore.",
            "Kang spoke.",
            "Séoul 😀 a dit.",
            "Kang spoke."
        ]
    );
    let n = |sql: &str| -> i64 { s.conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(
        n("SELECT count(*) FROM sentence_spans WHERE text IS NOT NULL"),
        0
    );
    // the accented sentence: 3 bytes more than code points before its end (é 1, 😀 3 - 1)
    assert_eq!(
        n("SELECT span_skip FROM sentence_spans WHERE article_id = 2 AND idx = 0"),
        4
    );
    assert_eq!(
        n("SELECT skip FROM sentence_spans WHERE article_id = 2 AND idx = 1"),
        4
    );
    assert_eq!(
        n("SELECT count(*) FROM sentence_fts WHERE sentence_fts MATCH 'séoul'"),
        1
    );
    assert_eq!(
        n("SELECT count(*) FROM sentence_fts WHERE sentence_fts MATCH 'kang'"),
        2
    );
    s.conn
        .execute_batch("INSERT INTO sentence_fts (sentence_fts) VALUES ('integrity-check')")
        .unwrap();
    // forgetting an article takes its sentences out of the index, whose check still passes
    let f = s.forget(&[ArticleId(2)]).unwrap();
    assert_eq!(f.sentences, 2);
    let n = |sql: &str| -> i64 { s.conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(
        n("SELECT count(*) FROM sentence_fts WHERE sentence_fts MATCH 'kang'"),
        1
    );
    s.conn
        .execute_batch("INSERT INTO sentence_fts (sentence_fts) VALUES ('integrity-check')")
        .unwrap();
}
