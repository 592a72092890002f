//! The parts of the graph read through the edge indexes (`export --around`, `path`) against
//! the whole graph they stand for, on random stores: the same ego networks, edge for edge,
//! and paths of the same length that are real chains of edges.

mod graph_common;

use graph_common::{article, entity};
use newsgraph::graph::{self, query, Filter, Graph};
use newsgraph::model::EntityType;
use newsgraph::store::Store;
use petgraph::visit::EdgeRef;
use std::collections::{BTreeSet, VecDeque};

const TYPES: [&str; 4] = ["bans", "meets", "criticizes", "sanctions"];

/// A store of `n` entities and `m` relations drawn by a xorshift generator from `seed`:
/// a few heavy pairs, repeated relations, negations and dates over two years.
fn random_store(dir: &std::path::Path, seed: u64, n: usize, m: usize) -> Store {
    let mut x = seed.max(1);
    let mut next = move |k: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % k as u64) as usize
    };
    let path = dir.join(format!("r{seed}.db"));
    let mut store = Store::open(&path).unwrap();
    let mut batch = Vec::new();
    for i in 0..m {
        let (a, b) = (next(n), next(n));
        if a == b {
            continue;
        }
        let date = format!("{}-{:02}-01", 2018 + next(2), 1 + next(12));
        let ents = vec![
            entity(&format!("E{a}"), EntityType::Organization, &[]),
            entity(&format!("E{b}"), EntityType::Organization, &[]),
        ];
        let kind = TYPES[next(TYPES.len())];
        let negated = next(10) == 0;
        batch.push(article(
            &format!("h{i}"),
            Some(&date),
            &["E relates to E."],
            ents,
            &[(0, 1, kind, 0, negated, 0.5)],
        ));
    }
    for r in store.write_batch(&batch).unwrap() {
        r.unwrap();
    }
    drop(store);
    Store::open_readonly(&path).unwrap()
}

/// Entity ids within `depth` hops of `center` in `g`, either way.
fn within(g: &Graph, center: i64, depth: usize) -> BTreeSet<i64> {
    let Some(start) = g.node_of(center) else {
        return BTreeSet::from([center]);
    };
    let mut dist = vec![usize::MAX; g.node_count()];
    dist[start.index()] = 0;
    let mut q = VecDeque::from([start]);
    while let Some(u) = q.pop_front() {
        if dist[u.index()] == depth {
            continue;
        }
        for e in
            g.g.edges(u)
                .chain(g.g.edges_directed(u, petgraph::Direction::Incoming))
        {
            let v = if e.source() == u {
                e.target()
            } else {
                e.source()
            };
            if dist[v.index()] == usize::MAX {
                dist[v.index()] = dist[u.index()] + 1;
                q.push_back(v);
            }
        }
    }
    g.g.node_indices()
        .filter(|n| dist[n.index()] != usize::MAX)
        .map(|n| g.g[n].id)
        .collect()
}

fn edge_keys(g: &Graph) -> Vec<(i64, String, i64, bool, u32)> {
    g.g.edge_references()
        .map(|e| {
            let w = e.weight();
            let (s, t) = (g.g[e.source()].id, g.g[e.target()].id);
            (s, g.rel_type(w).kind.clone(), t, w.negated, w.weight)
        })
        .collect()
}

fn filters() -> Vec<Filter> {
    let base = Filter {
        min_weight: 1,
        depth: 1,
        ..Default::default()
    };
    vec![
        base.clone(),
        Filter {
            min_weight: 2,
            ..base.clone()
        },
        Filter {
            since: Some("2019".into()),
            types: vec!["bans".into(), "meets".into()],
            ..base.clone()
        },
        Filter {
            include_negated: true,
            ..base
        },
    ]
}

#[test]
fn ego_networks_read_by_index_equal_the_whole_graph_cut() {
    let dir = tempfile::tempdir().unwrap();
    for seed in 1..=3u64 {
        let s = random_store(dir.path(), seed, 40, 120);
        for f in filters() {
            let whole = graph::build(&s, &f, false).unwrap();
            for center in [1i64, 2, 7, 20] {
                for depth in 1..=3 {
                    let around = Filter {
                        around: Some(format!("#{center}")),
                        depth,
                        ..f.clone()
                    };
                    let ego = graph::build(&s, &around, false).unwrap();
                    let ids: BTreeSet<i64> = ego.g.node_weights().map(|n| n.id).collect();
                    assert_eq!(
                        ids,
                        within(&whole, center, depth),
                        "seed {seed} #{center} {f:?}"
                    );
                    // Every edge of the whole graph between two of them, in the same order,
                    // with the same evidence dates.
                    let expected: Vec<_> = edge_keys(&whole)
                        .into_iter()
                        .filter(|(a, _, b, _, _)| ids.contains(a) && ids.contains(b))
                        .collect();
                    assert_eq!(
                        edge_keys(&ego),
                        expected,
                        "seed {seed} #{center} depth {depth}"
                    );
                    for e in ego.g.edge_references() {
                        let (a, b) = (ego.g[e.source()].id, ego.g[e.target()].id);
                        let w = whole
                            .g
                            .edges_connecting(whole.node_of(a).unwrap(), whole.node_of(b).unwrap())
                            .find(|x| {
                                x.weight().kind == e.weight().kind
                                    && x.weight().negated == e.weight().negated
                            })
                            .unwrap();
                        assert_eq!(ego.dates_of(e.weight()), whole.dates_of(w.weight()));
                    }
                }
            }
        }
    }
}

#[test]
fn paths_read_by_index_are_shortest_chains_of_real_edges() {
    let dir = tempfile::tempdir().unwrap();
    let mut found = 0;
    for seed in 4..=6u64 {
        // Sparse enough that some pairs have no chain.
        let s = random_store(dir.path(), seed, 60, 70);
        for f in filters() {
            let whole = graph::build_with(&s, &f, false, false).unwrap();
            for a in 1..=25i64 {
                for b in [3i64, 11, 30, 45] {
                    if a == b {
                        continue;
                    }
                    for directed in [false, true] {
                        let expected = match (whole.node_of(a), whole.node_of(b)) {
                            (Some(x), Some(y)) => query::shortest_path(&whole, x, y, directed),
                            _ => None,
                        };
                        let got = graph::shortest_path(&s, &f, a, b, directed).unwrap();
                        let ctx = format!("seed {seed} #{a} -> #{b} directed {directed} {f:?}");
                        match (expected, got) {
                            (None, None) => {}
                            (Some(e), Some((g, hops))) => {
                                found += 1;
                                assert_eq!(hops.len(), e.len(), "{ctx}");
                                assert_eq!(g.g[hops[0].from].id, a, "{ctx}");
                                assert_eq!(g.g[hops.last().unwrap().to].id, b, "{ctx}");
                                for (i, h) in hops.iter().enumerate() {
                                    if i > 0 {
                                        assert_eq!(h.from, hops[i - 1].to, "{ctx}");
                                    }
                                    let (s_, t_) = g.g.edge_endpoints(h.edge).unwrap();
                                    let (from, to) = if h.forward { (s_, t_) } else { (t_, s_) };
                                    assert_eq!((from, to), (h.from, h.to), "{ctx}");
                                    assert!(!directed || h.forward, "{ctx}");
                                    // The edge is one of the whole graph's, with its weight.
                                    let w = &g.g[h.edge];
                                    let (ws, wt) = (
                                        whole.node_of(g.g[s_].id).unwrap(),
                                        whole.node_of(g.g[t_].id).unwrap(),
                                    );
                                    assert!(
                                        whole
                                            .g
                                            .edges_connecting(ws, wt)
                                            .any(|x| x.weight().kind == w.kind
                                                && x.weight().weight == w.weight
                                                && x.weight().negated == w.negated),
                                        "{ctx}"
                                    );
                                }
                            }
                            (e, g) => {
                                panic!("{ctx}: whole graph {e:?}, by index {:?}", g.map(|x| x.1))
                            }
                        }
                    }
                }
            }
        }
    }
    assert!(found > 50, "the random stores link enough pairs ({found})");
}
