//! Corrections on a small archive written through the store: each keeps the invariants, undo
//! gives the views back exactly, and later batches follow the corrections.

use crate::model::*;
use crate::store::{Curation, EntityId, PreparedArticle, Store};

/// An article: `names` (name, type) each mentioned once in sentence 0 (written as `surface`
/// when given), and relations (source, target, type) between them in sentence 1.
pub(crate) fn doc(
    hash: &str,
    date: Option<&str>,
    names: &[(&str, EntityType, Option<&str>)],
    rels: &[(usize, usize, &str)],
) -> PreparedArticle {
    let mut text = String::new();
    let mut mentions = Vec::new();
    for (i, (n, _, surface)) in names.iter().enumerate() {
        let s = surface.unwrap_or(n);
        let start = text.chars().count();
        text.push_str(s);
        mentions.push(Mention {
            entity: i,
            sentence: 0,
            start,
            end: start + s.chars().count(),
            kind: "name",
        });
        text.push_str(" and ");
    }
    text.push_str("met. ");
    let s1 = text.chars().count();
    text.push_str("They talked again.");
    let end = text.chars().count();
    PreparedArticle {
        hash: hash.into(),
        article: Article {
            external_id: Some(hash.into()),
            published: date.map(String::from),
            path: format!("{hash}.txt"),
            text,
            ..Default::default()
        },
        extraction: Extraction {
            sentences: vec![
                SentenceSpan {
                    start: 0,
                    end: s1 - 1,
                },
                SentenceSpan { start: s1, end },
            ],
            entities: names
                .iter()
                .map(|(n, t, _)| EntityRef {
                    name: n.to_string(),
                    kind: *t,
                    aliases: vec![],
                })
                .collect(),
            mentions,
            relations: rels
                .iter()
                .map(|&(s, t, k)| Relation {
                    source: s,
                    target: t,
                    kind: k.into(),
                    negated: false,
                    confidence: 0.5,
                    sentence: 0,
                    trigger: "met".into(),
                    rule: "test".into(),
                })
                .collect(),
        },
    }
}

pub(crate) fn id(s: &Store, name: &str, kind: &str) -> EntityId {
    s.entity_by_key(name, kind)
        .unwrap()
        .unwrap_or_else(|| panic!("no {name} ({kind})"))
}

fn sound(s: &Store) {
    let p = s.consistency_problems().unwrap();
    assert!(p.is_empty(), "{p:#?}");
}

use EntityType::{Country as C, Organization as O, Person as P};

fn archive() -> Store {
    let mut s = Store::open_memory().unwrap();
    s.write_batch(&[
        doc(
            "a",
            Some("2020-01-02"),
            &[("Kim Jong Un", P, None), ("China", C, None)],
            &[(0, 1, "meets")],
        ),
        doc(
            "b",
            Some("2020-03-04"),
            &[("Kim Jong-un", P, None), ("China", C, None)],
            &[(0, 1, "meets"), (1, 0, "criticizes")],
        ),
        doc(
            "c",
            None,
            &[("Reuters", O, None), ("Kim Jong-un", P, Some("Kim"))],
            &[(0, 1, "reports")],
        ),
        doc(
            "d",
            Some("2019-05-06"),
            &[("Kim Jong Un", P, None), ("Kim Jong-un", P, None)],
            &[(0, 1, "meets")],
        ),
    ])
    .unwrap();
    s
}

#[test]
fn merge_moves_everything_and_undo_gives_the_views_back() {
    let mut s = archive();
    sound(&s);
    let before = s.view_dump(true).unwrap();
    let (into, from) = (
        id(&s, "Kim Jong Un", "person"),
        id(&s, "Kim Jong-un", "person"),
    );
    let (n, effect) = s
        .curate(&Curation::Merge {
            from: vec![from],
            into,
        })
        .unwrap();
    assert!(effect.contains("3 mentions"), "{effect}");
    sound(&s);
    assert!(s.entity_by_key("Kim Jong-un", "person").unwrap().is_none());
    let dump = s.view_dump(true).unwrap();
    assert!(
        dump.iter()
            .any(|r| r.contains("alias|") && r.contains("Kim Jong-un")),
        "old name is an alias: {dump:#?}"
    );
    // the d article's relation is now a self-loop, kept as an edge like any other
    assert!(
        dump.iter()
            .any(|r| r.starts_with("edge|") && r.matches("Kim Jong Un").count() == 2),
        "{dump:#?}"
    );
    let weight: i64 = s
        .conn
        .query_row(
            "SELECT weight FROM edge_view WHERE source = 'Kim Jong Un' AND target = 'China'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(weight, 2);
    s.undo_curation(n).unwrap();
    sound(&s);
    assert_eq!(s.view_dump(true).unwrap(), before);
    assert!(s.undo_curation(n).is_err(), "twice");
}

#[test]
fn rename_retype_drop_and_aliases_undo_in_reverse() {
    let mut s = archive();
    let before = s.view_dump(true).unwrap();
    let kim = id(&s, "Kim Jong Un", "person");
    let china = id(&s, "China", "country");
    let reuters = id(&s, "Reuters", "organization");
    let (r1, _) = s
        .curate(&Curation::Rename {
            entity: kim,
            name: "Kim Jong-un".into(),
        })
        .unwrap();
    sound(&s);
    // the name was taken: a merge into the holder
    assert!(s.entity_by_key("Kim Jong Un", "person").unwrap().is_none());
    let (r2, _) = s
        .curate(&Curation::Retype {
            entity: reuters,
            kind: EntityType::Media,
        })
        .unwrap();
    assert_eq!(id(&s, "Reuters", "media"), reuters);
    let (r3, effect) = s.curate(&Curation::Drop { entity: china }).unwrap();
    assert!(effect.contains("2 mentions and 3 relations"), "{effect}");
    sound(&s);
    let kju = id(&s, "Kim Jong-un", "person");
    let (r4, _) = s
        .curate(&Curation::AliasAdd {
            entity: kju,
            surface: "Marshal Kim".into(),
        })
        .unwrap();
    let (r5, effect) = s
        .curate(&Curation::AliasRemove {
            entity: kju,
            surface: "Kim".into(),
        })
        .unwrap();
    assert!(effect.contains("1 mentions so written"), "{effect}");
    sound(&s);
    assert_eq!(s.curations().unwrap().len(), 5);
    // the first rename cannot go before the later corrections of the same entity
    assert!(s
        .undo_curation(r1)
        .unwrap_err()
        .to_string()
        .contains("undo it first"));
    for r in [r5, r4, r3, r2, r1] {
        s.undo_curation(r).unwrap();
        sound(&s);
    }
    assert_eq!(s.view_dump(true).unwrap(), before);
}

#[test]
fn split_moves_the_mentions_so_written_with_their_relations() {
    let mut s = archive();
    let before = s.view_dump(true).unwrap();
    let kju = id(&s, "Kim Jong-un", "person");
    let (n, _) = s
        .curate(&Curation::Split {
            entity: kju,
            surface: "Kim".into(),
            name: Some("Kim Yo Jong".into()),
        })
        .unwrap();
    sound(&s);
    let kyj = id(&s, "Kim Yo Jong", "person");
    let e: i64 = s
        .conn
        .query_row(
            "SELECT count(*) FROM relation_view WHERE target_id = ?1 AND type = 'reports'",
            [kyj.0],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(e, 1, "the relation of that sentence went with the mention");
    s.undo_curation(n).unwrap();
    assert_eq!(s.view_dump(true).unwrap(), before);
    assert!(s.entity_by_key("Kim Yo Jong", "person").unwrap().is_none());
}

#[test]
fn later_batches_follow_the_corrections() {
    let mut s = archive();
    let kim = id(&s, "Kim Jong Un", "person");
    let from = id(&s, "Kim Jong-un", "person");
    s.curate(&Curation::Merge {
        from: vec![from],
        into: kim,
    })
    .unwrap();
    s.curate(&Curation::Drop {
        entity: id(&s, "Reuters", "organization"),
    })
    .unwrap();
    s.curate(&Curation::AliasAdd {
        entity: kim,
        surface: "Marshal Kim".into(),
    })
    .unwrap();
    s.write_batch(&[
        doc(
            "e",
            None,
            &[
                ("Kim Jong-un", P, None),
                ("Reuters", O, None),
                ("China", C, None),
            ],
            &[(1, 0, "reports"), (0, 2, "meets")],
        ),
        doc(
            "f",
            None,
            &[("Marshal Kim", P, None), ("China", C, None)],
            &[(0, 1, "meets")],
        ),
    ])
    .unwrap();
    sound(&s);
    assert!(s.entity_by_key("Kim Jong-un", "person").unwrap().is_none());
    assert!(s
        .entity_by_key("Reuters", "organization")
        .unwrap()
        .is_none());
    assert!(s.entity_by_key("Marshal Kim", "person").unwrap().is_none());
    let w: i64 = s.conn.query_row("SELECT weight FROM edge_view WHERE source_id = ?1 AND target = 'China' AND type = 'meets'", [kim.0], |r| r.get(0)).unwrap();
    assert_eq!(w, 4);
    // and a batch in the same process after that, with the cache cleared
    s.write_batch(&[doc(
        "g",
        None,
        &[("Kim Jong-un", P, None), ("China", C, None)],
        &[(0, 1, "meets")],
    )])
    .unwrap();
    sound(&s);
    assert!(s.entity_by_key("Kim Jong-un", "person").unwrap().is_none());
}

#[test]
fn refusals_change_nothing() {
    let mut s = archive();
    let before = s.view_dump(true).unwrap();
    let kim = id(&s, "Kim Jong Un", "person");
    assert!(s
        .curate(&Curation::Merge {
            from: vec![kim],
            into: kim
        })
        .is_err());
    assert!(s
        .curate(&Curation::Rename {
            entity: kim,
            name: "Kim Jong Un".into()
        })
        .is_err());
    assert!(s
        .curate(&Curation::Split {
            entity: kim,
            surface: "Nobody".into(),
            name: None
        })
        .is_err());
    assert!(s
        .curate(&Curation::Drop {
            entity: EntityId(999)
        })
        .is_err());
    assert_eq!(s.view_dump(true).unwrap(), before);
    assert!(s.curations().unwrap().is_empty());
}
