//! Tests of the archive-wide resolution: merges, their records, and what stays apart.

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
    let people = "SELECT count(*) FROM entities WHERE type = 'person' AND name <> 'Kang Seok-ho'";
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
    assert_eq!(
        super::variants::spellings("George W. Bush"),
        ["George W Bush"]
    );
    assert_eq!(
        super::variants::spellings("George W Bush"),
        ["George W. Bush"]
    );
    assert_eq!(super::variants::spellings("U.S. Steel"), ["US Steel"]);
    assert!(super::variants::spellings("Tony Blair").is_empty());
    assert_eq!(
        super::variants::spellings("Recep Erdoğan"),
        ["Recep Erdogan"]
    );
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
        count(
            &s,
            "SELECT count(*) FROM relation_view WHERE target = 'China' AND target_type = 'country'"
        ),
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

#[test]
fn a_known_place_and_a_team_of_its_name_stay_two_nodes() {
    let mut s = Store::open_memory().unwrap();
    let named = |h: &str, typ: EntityType| {
        let mut a = article(h, EntityType::Country);
        a.extraction.entities[1].name = "Kent".into();
        a.extraction.entities[1].kind = typ;
        a
    };
    // the county twice, then the cricket club: two actors, no merge
    s.write_batch(&[
        named("a", EntityType::Location),
        named("b", EntityType::Location),
    ])
    .unwrap();
    s.write_batch(&[named("c", EntityType::Organization)])
        .unwrap();
    assert_eq!(
        count(&s, "SELECT count(*) FROM entities WHERE name = 'Kent'"),
        2
    );
    assert_eq!(count(&s, "SELECT count(*) FROM entity_merges"), 0);
    // a name no lexicon knows as a place still gets one type
    let firm = |h: &str, typ: EntityType| {
        let mut a = named(h, typ);
        a.extraction.entities[1].name = "Qwestel".into();
        a
    };
    s.write_batch(&[
        firm("d", EntityType::Organization),
        firm("e", EntityType::Organization),
    ])
    .unwrap();
    s.write_batch(&[firm("f", EntityType::Location)]).unwrap();
    assert_eq!(
        count(&s, "SELECT count(*) FROM entities WHERE name = 'Qwestel'"),
        1
    );
    assert!(crate::nlp::known_place("Kent") && !crate::nlp::known_place("Qwestel"));
}

#[test]
fn a_firm_an_article_also_places_somewhere_is_one_node_unless_a_sentence_holds_both() {
    // `Qwestel rose. Shares in Qwestel fell.`: one article, the firm typed two ways
    let two_ways = |h: &str, text: &str, cut: usize, second: usize, start: usize| {
        let mut a = article(h, EntityType::Country);
        a.article.text = text.into();
        let n = text.chars().count();
        a.extraction.sentences = vec![
            SentenceSpan { start: 0, end: cut },
            SentenceSpan {
                start: cut + 1,
                end: n,
            },
        ];
        let ent = |kind| EntityRef {
            name: "Qwestel".into(),
            kind,
            aliases: vec![],
        };
        a.extraction.entities = vec![ent(EntityType::Organization), ent(EntityType::Location)];
        let m = |entity, sentence, start| Mention {
            entity,
            sentence,
            start,
            end: start + 7,
            kind: "name",
        };
        a.extraction.mentions = vec![m(0, 0, 0), m(1, second, start)];
        a.extraction.relations.clear();
        a
    };
    let mut s = Store::open_memory().unwrap();
    s.write_batch(&[two_ways(
        "a",
        "Qwestel rose. Shares in Qwestel fell.",
        13,
        1,
        24,
    )])
    .unwrap();
    assert_eq!(
        count(&s, "SELECT count(*) FROM entities WHERE name = 'Qwestel'"),
        1
    );
    // one sentence holding both keeps them apart
    let mut s = Store::open_memory().unwrap();
    s.write_batch(&[two_ways("b", "Qwestel sued Qwestel. It won.", 21, 0, 13)])
        .unwrap();
    assert_eq!(
        count(&s, "SELECT count(*) FROM entities WHERE name = 'Qwestel'"),
        2
    );
}
