use super::*;
use crate::graph::{DateSpan, Edge, LayoutOptions, Node, RelType};
use petgraph::graph::{DiGraph, NodeIndex};

/// A hub-and-spoke graph like a news ego network: `hubs` hubs joined in a ring, each with
/// `spokes` leaves, some leaves shared by two hubs.
fn news_like(hubs: usize, spokes: usize) -> Graph {
    let mut g = DiGraph::new();
    let n = hubs * (spokes + 1);
    for i in 0..n {
        g.add_node(Node {
            id: i as i64 + 1,
            name: if i % (spokes + 1) == 0 {
                format!("Hub number {i}")
            } else {
                format!("Leaf {i}")
            },
            kind: ["country", "person", "organization"][i % 3].into(),
            mentions: 1,
            articles: 1,
        });
    }
    let edge = |w: u32| Edge {
        kind: 0,
        negated: false,
        weight: w,
        articles: 1,
        confidence: 1.0,
        first: None,
        last: None,
        dates: DateSpan::default(),
        relation_id: 1,
        sentence_id: 1,
    };
    for h in 0..hubs {
        let hub = h * (spokes + 1);
        let next = ((h + 1) % hubs) * (spokes + 1);
        g.add_edge(NodeIndex::new(hub), NodeIndex::new(next), edge(3));
        for s in 1..=spokes {
            g.add_edge(NodeIndex::new(hub + s), NodeIndex::new(hub), edge(1));
            if s % 4 == 0 {
                g.add_edge(NodeIndex::new(next), NodeIndex::new(hub + s), edge(1));
            }
        }
    }
    let mut graph = Graph::default();
    graph.set(g);
    graph.types.push(RelType {
        kind: "claims".into(),
        family: "statement".into(),
        plover: None,
        cameo_root: Some("01".into()),
    });
    graph
}

fn picture(graph: &Graph) -> Picture {
    let m = Metrics::compute(graph);
    let l = Layout::compute(graph, &LayoutOptions::default());
    Picture::new(graph, &m, &l, Some(1), Vec::new())
}

#[test]
fn pictures_of_50_to_500_nodes_keep_circles_apart_and_labels_clear() {
    for (hubs, spokes) in [(5, 9), (12, 24), (20, 24)] {
        let g = news_like(hubs, spokes);
        let p = picture(&g);
        let n = p.nodes.len();
        assert_eq!(n, g.node_count());
        // Every circle inside the canvas, none over another.
        for (i, a) in p.nodes.iter().enumerate() {
            assert!(
                a.x - a.r >= 0.0 && a.x + a.r <= p.width,
                "{n} nodes: {} off the canvas",
                a.name
            );
            assert!(
                a.y - a.r >= 0.0 && a.y + a.r <= p.height,
                "{n} nodes: {} off the canvas",
                a.name
            );
            for b in &p.nodes[i + 1..] {
                let d = ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt();
                assert!(
                    d >= a.r + b.r,
                    "{n} nodes: {} and {} overlap",
                    a.name,
                    b.name
                );
            }
        }
        // The focus and the hubs (most weighted degree) are named; labels do not overlap.
        assert!(p.nodes[0].label && p.nodes[0].focus);
        let labelled: Vec<usize> = (0..n).filter(|&i| p.nodes[i].label).collect();
        let hubs_named = (0..hubs)
            .filter(|h| p.nodes[h * (spokes + 1)].label)
            .count();
        assert!(
            hubs_named * 10 >= hubs * 7,
            "{n} nodes: {hubs_named} of {hubs} hubs named"
        );
        assert!(
            labelled.len() <= 40 + n / 10,
            "{n} nodes: {} labels",
            labelled.len()
        );
        let boxes: Vec<Box2> = labelled
            .iter()
            .map(|&i| {
                let at = p.nodes[i].label_at;
                p.label_places(i)
                    .into_iter()
                    .find(|(a, _)| *a == at)
                    .unwrap()
                    .1
            })
            .collect();
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                assert!(!overlaps(a, b), "{n} nodes: labels overlap: {a:?} {b:?}");
            }
        }
    }
}
