use super::*;
use crate::graph::{DateSpan, Edge, Node};
use petgraph::graph::DiGraph;

/// `k` cliques of `size` nodes, clique c joined to clique c + 1 by one edge (no ring).
fn cliques(k: usize, size: usize) -> Graph {
    let mut g = DiGraph::new();
    for i in 0..k * size {
        g.add_node(Node {
            id: i as i64 + 1,
            name: format!("n{i}"),
            kind: "person".into(),
            mentions: 1,
            articles: 1,
        });
    }
    let edge = || Edge {
        kind: 0,
        negated: false,
        weight: 1,
        articles: 1,
        confidence: 1.0,
        first: None,
        last: None,
        dates: DateSpan::default(),
        relation_id: 1,
        sentence_id: 1,
    };
    for c in 0..k {
        let base = c * size;
        for a in base..base + size {
            for b in a + 1..base + size {
                g.add_edge(NodeIndex::new(a), NodeIndex::new(b), edge());
            }
        }
        if c + 1 < k {
            g.add_edge(NodeIndex::new(base), NodeIndex::new(base + size), edge());
        }
    }
    let mut graph = Graph::default();
    graph.set(g);
    graph
}

fn dist(l: &Layout, a: usize, b: usize) -> f64 {
    ((l.x[a] - l.x[b]).powi(2) + (l.y[a] - l.y[b]).powi(2)).sqrt()
}

/// Mean distance within cliques over mean distance between nodes of different cliques.
fn spread_ratio(l: &Layout, k: usize, size: usize) -> f64 {
    let (mut inside, mut ni, mut across, mut na) = (0.0, 0, 0.0, 0);
    for a in 0..k * size {
        for b in a + 1..k * size {
            if a / size == b / size {
                inside += dist(l, a, b);
                ni += 1;
            } else {
                across += dist(l, a, b);
                na += 1;
            }
        }
    }
    (inside / ni as f64) / (across / na as f64)
}

#[test]
fn cliques_end_up_as_tight_separate_groups() {
    for (k, size) in [(4, 8), (40, 9)] {
        // 32 nodes: exact repulsion; 360: Barnes-Hut.
        let g = cliques(k, size);
        let l = Layout::compute(&g, &LayoutOptions::default());
        assert_eq!(l.x.len(), k * size);
        assert!(l.x.iter().chain(&l.y).all(|v| v.is_finite()));
        let ratio = spread_ratio(&l, k, size);
        assert!(ratio < 0.35, "{k} cliques of {size}: ratio {ratio}");
        // No two nodes on the same spot.
        for a in 0..k * size {
            for b in a + 1..k * size {
                assert!(dist(&l, a, b) > 0.0, "{a} and {b} coincide");
            }
        }
    }
}

#[test]
fn same_seed_same_positions_other_seed_other_positions() {
    let g = cliques(5, 6);
    let opts = LayoutOptions::default();
    assert_eq!(Layout::compute(&g, &opts), Layout::compute(&g, &opts));
    let other = Layout::compute(&g, &LayoutOptions { seed: 2, ..opts });
    assert_ne!(Layout::compute(&g, &opts), other);
    assert!(spread_ratio(&other, 5, 6) < 0.35);
}

#[test]
fn empty_and_single_node_graphs_have_finite_positions() {
    let l = Layout::compute(&Graph::default(), &LayoutOptions::default());
    assert!(l.x.is_empty());
    let g = cliques(1, 1);
    let l = Layout::compute(&g, &LayoutOptions::default());
    assert!(l.x[0].is_finite() && l.y[0].is_finite());
}
