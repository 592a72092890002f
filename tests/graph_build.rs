//! The graph built from the store: nodes, edges, weights, direction, dates, and every filter.

mod graph_common;

use graph_common::*;
use newsgraph::graph::{self, Filter, Graph, Metrics};
use newsgraph::store::Store;
use rusqlite::types::Value;

fn open() -> (tempfile::TempDir, Store) {
    let (dir, db) = fixture_db();
    let s = Store::open_readonly(&db).unwrap();
    (dir, s)
}

fn build(s: &Store, f: Filter) -> Graph {
    graph::build(s, &f, false).unwrap()
}

/// (source name, type, target name, weight) of every edge, in graph order.
fn edges(g: &Graph) -> Vec<(String, String, String, u32)> {
    g.g.edge_indices()
        .map(|e| {
            let (s, t) = g.g.edge_endpoints(e).unwrap();
            let w = &g.g[e];
            (
                g.g[s].name.clone(),
                g.rel_type(w).kind.clone(),
                g.g[t].name.clone(),
                w.weight,
            )
        })
        .collect()
}

fn count(s: &Store, sql: &str) -> i64 {
    let mut out = 0;
    s.query(sql, |_, row| {
        if let Value::Integer(n) = row[0] {
            out = n;
        }
        Ok(())
    })
    .unwrap();
    out
}

#[test]
fn one_edge_per_source_type_target_matches_edge_view() {
    let (_d, s) = open();
    let g = build(&s, Filter::default());
    assert_eq!(
        g.edge_count() as i64,
        count(&s, "SELECT count(*) FROM edge_view")
    );
    assert_eq!(
        g.node_count() as i64,
        count(
            &s,
            "SELECT count(*) FROM (SELECT source_id FROM edge_view UNION SELECT target_id FROM edge_view)"
        )
    );
    // Every edge's weight and articles equal edge_view's.
    for e in g.g.edge_indices() {
        let (a, b) = g.g.edge_endpoints(e).unwrap();
        let w = &g.g[e];
        let sql = format!(
            "SELECT weight * 1000 + articles FROM edge_view WHERE source_id = {} AND target_id = {} AND type = '{}'",
            g.g[a].id,
            g.g[b].id,
            g.rel_type(w).kind
        );
        assert_eq!(
            count(&s, &sql),
            i64::from(w.weight) * 1000 + i64::from(w.articles)
        );
    }
}

#[test]
fn china_bans_north_korea_is_directed_with_its_evidence_count() {
    let (_d, s) = open();
    let g = build(&s, Filter::default());
    let e = edges(&g);
    assert!(
        e.contains(&("China".into(), "bans".into(), "North Korea".into(), 3)),
        "{e:?}"
    );
    assert!(
        !e.iter()
            .any(|(a, _, b, _)| a == "North Korea" && b == "China"),
        "{e:?}"
    );
    let i =
        g.g.edge_indices()
            .find(|&i| g.rel_type(&g.g[i]).kind == "bans")
            .unwrap();
    let w = &g.g[i];
    assert_eq!(w.articles, 2);
    let dates: Vec<String> = g.dates_of(w).iter().map(|d| d.to_string()).collect();
    assert_eq!(dates, ["2018-02-21", "2018-03-01"]);
    assert_eq!(g.edge_id(i).to_string(), {
        let (a, b) = g.g.edge_endpoints(i).unwrap();
        format!("{}-bans-{}", g.g[a].id, g.g[b].id)
    });
    assert!((w.confidence - 0.8).abs() < 1e-9, "mean of 0.9, 0.7, 0.8");
    let mut sentence = String::new();
    s.sentence_reader()
        .unwrap()
        .append(w.sentence_id, &mut sentence)
        .unwrap();
    assert_eq!(sentence, "China has banned North Korean iron ore exports.");
}

#[test]
fn multi_keeps_one_edge_per_evidence_sentence() {
    let (_d, s) = open();
    let g = graph::build(&s, &Filter::default(), true).unwrap();
    assert_eq!(
        g.edge_count() as i64,
        count(&s, "SELECT count(*) FROM relations WHERE negated = 0")
    );
    let bans: Vec<_> =
        g.g.edge_indices()
            .filter(|&i| g.rel_type(&g.g[i]).kind == "bans")
            .collect();
    assert_eq!(bans.len(), 3);
    let ids: std::collections::BTreeSet<String> =
        bans.iter().map(|&i| g.edge_id(i).to_string()).collect();
    assert_eq!(ids.len(), 3, "each evidence edge has its own id: {ids:?}");
    assert!(ids.iter().all(|id| id.starts_with('r')));
}

#[test]
fn negated_relations_are_left_out_unless_asked_for() {
    let (_d, s) = open();
    let attacks = |g: &Graph| edges(g).iter().filter(|e| e.1 == "attacks").count();
    assert_eq!(attacks(&build(&s, Filter::default())), 0);
    let f = Filter {
        include_negated: true,
        ..Default::default()
    };
    let g = build(&s, f);
    assert_eq!(attacks(&g), 1);
    let i =
        g.g.edge_indices()
            .find(|&i| g.rel_type(&g.g[i]).kind == "attacks")
            .unwrap();
    assert!(g.g[i].negated);
    assert!(g.edge_id(i).to_string().ends_with("-neg"));
}

#[test]
fn date_filters_bound_article_dates_inclusively() {
    let (_d, s) = open();
    let g = build(
        &s,
        Filter {
            since: Some("2018-03".into()),
            until: Some("2018-03".into()),
            ..Default::default()
        },
    );
    let e = edges(&g);
    assert_eq!(
        e,
        [
            ("China".into(), "bans".into(), "North Korea".into(), 1),
            (
                "United States".into(),
                "criticizes".into(),
                "China".into(),
                1
            ),
        ]
    );
    // Undated articles drop out of any dated window; a year covers it whole.
    let g = build(
        &s,
        Filter {
            until: Some("2018".into()),
            ..Default::default()
        },
    );
    let kinds: Vec<String> = edges(&g).into_iter().map(|e| e.1).collect();
    assert_eq!(kinds, ["bans", "sanctions", "criticizes", "trades_with"]);
}

#[test]
fn types_take_families_and_entity_types_apply_to_both_ends() {
    let (_d, s) = open();
    let g = build(
        &s,
        Filter {
            types: vec!["sanction".into()],
            ..Default::default()
        },
    );
    let kinds: Vec<String> = edges(&g).into_iter().map(|e| e.1).collect();
    assert_eq!(kinds, ["bans", "sanctions"]);
    let g = build(
        &s,
        Filter {
            types: vec!["CRITICIZES".into(), "meets".into()],
            ..Default::default()
        },
    );
    assert_eq!(edges(&g).len(), 2);
    let g = build(
        &s,
        Filter {
            entity_types: vec!["organization".into()],
            ..Default::default()
        },
    );
    assert_eq!(g.edge_count(), 0, "no edge joins two organizations");
    let g = build(
        &s,
        Filter {
            entity_types: vec!["country".into()],
            ..Default::default()
        },
    );
    assert!(edges(&g)
        .iter()
        .all(|e| e.1 != "sanctions" && e.1 != "trades_with"));
    assert_eq!(g.edge_count(), 3);
}

#[test]
fn bad_filter_values_are_usage_errors_that_say_what_is_allowed() {
    let (_d, s) = open();
    let err = |f: Filter| graph::build(&s, &f, false).unwrap_err();
    let e = err(Filter {
        types: vec!["embargoes".into()],
        ..Default::default()
    });
    assert_eq!(e.exit_code(), 2);
    assert!(
        e.to_string().contains("embargoes") && e.to_string().contains("bans"),
        "{e}"
    );
    let e = err(Filter {
        since: Some("21/02/2018".into()),
        ..Default::default()
    });
    assert!(e.to_string().contains("YYYY-MM-DD"), "{e}");
    let e = err(Filter {
        since: Some("2019".into()),
        until: Some("2018".into()),
        ..Default::default()
    });
    assert!(e.to_string().contains("after"), "{e}");
    let e = err(Filter {
        entity_types: vec!["planet".into()],
        ..Default::default()
    });
    assert!(e.to_string().contains("person"), "{e}");
    // Quotes in a value are bound, never spliced into SQL.
    let e = err(Filter {
        types: vec!["bans') OR 1=1 --".into()],
        ..Default::default()
    });
    assert_eq!(e.exit_code(), 2);
}

#[test]
fn min_weight_around_and_top_cut_the_graph() {
    let (_d, s) = open();
    let g = build(
        &s,
        Filter {
            min_weight: 2,
            ..Default::default()
        },
    );
    let expected: Vec<(String, String, String, u32)> = vec![
        ("China".into(), "bans".into(), "North Korea".into(), 3),
        (
            "United Nations Security Council".into(),
            "sanctions".into(),
            "North Korea".into(),
            2,
        ),
    ];
    assert_eq!(edges(&g), expected);
    // Multi graphs cut by the weight of the whole (source, type, target).
    let gm = graph::build(
        &s,
        &Filter {
            min_weight: 2,
            ..Default::default()
        },
        true,
    )
    .unwrap();
    assert_eq!(gm.edge_count(), 5);

    let ego = build(
        &s,
        Filter {
            around: Some("unsc".into()),
            ..Default::default()
        },
    );
    let names: Vec<&str> = ego
        .g
        .node_indices()
        .map(|n| ego.g[n].name.as_str())
        .collect();
    assert_eq!(names, ["North Korea", "United Nations Security Council"]);
    let ego2 = build(
        &s,
        Filter {
            around: Some("UNSC".into()),
            depth: 2,
            ..Default::default()
        },
    );
    assert_eq!(ego2.node_count(), 4, "NK's neighbours: China, US, UNSC");

    let top = build(
        &s,
        Filter {
            top: Some(2),
            ..Default::default()
        },
    );
    assert_eq!(top.node_count(), 2);
    let names: Vec<&str> = top
        .g
        .node_indices()
        .map(|n| top.g[n].name.as_str())
        .collect();
    assert!(names.contains(&"North Korea"), "{names:?}");
}

#[test]
fn metrics_count_degrees_and_rank_the_sink_first() {
    let (_d, s) = open();
    let g = build(&s, Filter::default());
    let m = Metrics::compute(&g);
    let nk = g
        .node_of(
            g.g.node_indices()
                .map(|n| &g.g[n])
                .find(|n| n.name == "North Korea")
                .unwrap()
                .id,
        )
        .unwrap()
        .index();
    assert_eq!(m.in_degree[nk], 2);
    assert_eq!(m.out_degree[nk], 1);
    assert_eq!(m.weighted_degree[nk], 6.0);
    let total: f64 = m.pagerank.iter().sum();
    assert!((total - 1.0).abs() < 1e-9, "{total}");
    let best = (0..g.node_count())
        .max_by(|&a, &b| m.pagerank[a].total_cmp(&m.pagerank[b]))
        .unwrap();
    assert_eq!(
        g.g[petgraph::graph::NodeIndex::new(best)].name,
        "North Korea"
    );
    assert_eq!(
        m,
        Metrics::compute(&build(&s, Filter::default())),
        "deterministic"
    );
}
