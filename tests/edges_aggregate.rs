//! The `edges` aggregate stays equal to the relations grouped per (source, type, target,
//! negated) through several batches: shared edges, undated articles, negations, re-ingested
//! unchanged articles, and an article rolled back inside a batch.

mod graph_common;

use graph_common::{article, entity};
use newsgraph::graph::{self, Filter, Graph};
use newsgraph::model::EntityType;
use newsgraph::store::{ArticleOutcome, PreparedArticle, Store};
use rusqlite::Connection;

/// Every row of `sql` as text, sorted.
fn rows(c: &Connection, sql: &str) -> Vec<String> {
    let mut stmt = c.prepare(sql).unwrap();
    let n = stmt.column_count();
    let mut out: Vec<String> = stmt
        .query_map([], |r| {
            Ok((0..n)
                .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                .collect::<Vec<_>>()
                .join("|"))
        })
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    out.sort();
    out
}

const AGGREGATE: &str = "SELECT source_id, type, target_id, negated, weight, articles,
        quote(first_seen), quote(last_seen), round(confidence_sum, 9), sample_relation_id,
        sample_sentence_id FROM edges";
const GROUPED: &str = "SELECT g.*, (SELECT sentence_id FROM relations WHERE id = g.sample)
    FROM (SELECT r.source_id, r.type, r.target_id, r.negated, count(*),
                 count(DISTINCT r.article_id), quote(min(a.published)), quote(max(a.published)),
                 round(sum(r.confidence), 9), min(r.id) AS sample
          FROM relations r JOIN articles a ON a.id = r.article_id
          GROUP BY r.source_id, r.type, r.target_id, r.negated) g";

fn doc(i: usize, date: Option<&str>) -> PreparedArticle {
    let names = ["China", "North Korea", "United Nations", "Iran"];
    let (a, b) = (names[i % 4], names[(i + 1) % 4]);
    let kinds = ["bans", "sanctions", "meets"];
    article(
        &format!("h{i}"),
        date,
        &[&format!("{a} and {b}, report {i}."), "A second sentence."],
        vec![
            entity(a, EntityType::Country, &[]),
            entity(b, EntityType::Country, &[]),
        ],
        &[
            (0, 1, kinds[i % 3], 0, false, 0.5 + (i % 5) as f64 / 10.0),
            // The same edge twice in one article: weight 2, one article.
            (0, 1, kinds[i % 3], 1, false, 0.25),
            (1, 0, "bans", 1, i % 2 == 0, 0.75),
        ],
    )
}

#[test]
fn edges_equal_relations_grouped_after_every_batch() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e.db");
    let mut s = Store::open(&db).unwrap();
    let c = Connection::open(&db).unwrap();
    let dates = [
        Some("2018-02-21"),
        None,
        Some("2017-01-05"),
        Some("2019-12-31"),
    ];
    let check = |when: &str| {
        let (agg, grouped) = (rows(&c, AGGREGATE), rows(&c, GROUPED));
        assert!(!agg.is_empty(), "{when}: no edges");
        assert_eq!(agg, grouped, "{when}");
    };

    let first: Vec<_> = (0..12).map(|i| doc(i, dates[i % 4])).collect();
    s.write_batch(&first).unwrap();
    check("first batch");

    // Unchanged articles again, mixed with new ones (some on the same edges, other dates).
    let mut second: Vec<_> = (6..12).map(|i| doc(i, dates[i % 4])).collect();
    second.extend((12..30).map(|i| doc(i, dates[(i + 1) % 4])));
    let out = s.write_batch(&second).unwrap();
    assert!(out[..6]
        .iter()
        .all(|o| matches!(o, Ok(ArticleOutcome::Unchanged))));
    check("second batch with re-ingested articles");

    // An article the store refuses (unknown relation type, after its good relations were
    // written) rolls back alone, its edge updates with it.
    let mut bad = doc(30, Some("2020-01-01"));
    bad.extraction.relations[2].kind = "no_such_type".into();
    let before = rows(&c, AGGREGATE);
    let out = s.write_batch(&[bad, doc(31, None)]).unwrap();
    assert!(out[0].is_err());
    assert_ne!(
        rows(&c, AGGREGATE),
        before,
        "the good article added evidence"
    );
    check("batch with a rolled-back article");
    let latest: i64 = c
        .query_row(
            "SELECT count(*) FROM edges WHERE last_seen = '2020-01-01'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        latest, 0,
        "the rolled-back article's date is not in the aggregate"
    );

    // The whole set again: nothing changes.
    let again: Vec<_> = (0..12).map(|i| doc(i, dates[i % 4])).collect();
    let before = rows(&c, AGGREGATE);
    s.write_batch(&again).unwrap();
    assert_eq!(rows(&c, AGGREGATE), before);
    check("full re-ingest");
}

/// Every edge of a graph with its node ids (its sample sentence by id), dates left out.
fn edge_list(g: &Graph) -> Vec<String> {
    g.g.edge_indices()
        .map(|e| {
            let (s, t) = g.g.edge_endpoints(e).unwrap();
            let mut w = g.g[e].clone();
            w.dates = Default::default();
            format!("{} {} {w:?}", g.g[s].id, g.g[t].id)
        })
        .collect()
}

#[test]
fn graphs_from_the_aggregate_equal_graphs_grouped_from_relations() {
    // Dated articles only, so a window over all of them selects every relation: with the
    // window the edges are the relations grouped by SQL, without it the `edges` aggregate.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dated.db");
    let dated: Vec<_> = graph_common::fixture_articles()
        .into_iter()
        .filter(|a| a.article.published.is_some())
        .collect();
    assert_eq!(dated.len(), 3);
    Store::open(&db).unwrap().write_batch(&dated).unwrap();
    let s = Store::open_readonly(&db).unwrap();
    let filters = [
        Filter::default(),
        Filter {
            include_negated: true,
            ..Default::default()
        },
        Filter {
            types: vec!["sanction".into()],
            entity_types: vec!["country".into(), "organization".into()],
            ..Default::default()
        },
        Filter {
            min_weight: 2,
            ..Default::default()
        },
    ];
    for f in filters {
        let window = Filter {
            since: Some("2018".into()),
            ..f.clone()
        };
        for dates in [false, true] {
            let from_relations = graph::build_with(&s, &window, false, dates).unwrap();
            let from_aggregate = graph::build_with(&s, &f, false, dates).unwrap();
            assert!(from_relations.edge_count() > 0, "{f:?}");
            assert_eq!(
                edge_list(&from_aggregate),
                edge_list(&from_relations),
                "{f:?}"
            );
            let nodes = |g: &Graph| g.g.node_weights().cloned().collect::<Vec<_>>();
            assert_eq!(nodes(&from_aggregate), nodes(&from_relations), "{f:?}");
            let all_dates = |g: &Graph| {
                g.g.edge_weights()
                    .map(|e| g.dates_of(e).to_vec())
                    .collect::<Vec<_>>()
            };
            assert_eq!(all_dates(&from_aggregate), all_dates(&from_relations));
            // Dates only when asked for, and then every edge has at least one.
            let dated_edges = all_dates(&from_relations)
                .iter()
                .filter(|d| !d.is_empty())
                .count();
            let expected = if dates {
                from_relations.edge_count()
            } else {
                0
            };
            assert_eq!(dated_edges, expected, "{f:?} dates {dates}");
        }
    }
}
