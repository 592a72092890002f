//! Node metrics: degrees, weighted degree, PageRank and communities, all deterministic.

use super::{community, Graph};

/// Metrics of every node, indexed like the graph's nodes.
#[derive(Debug, Clone, PartialEq)]
pub struct Metrics {
    /// Number of incoming / outgoing edges (evidence sentences in a multi graph).
    pub in_degree: Vec<u32>,
    pub out_degree: Vec<u32>,
    /// Sum of the weights (evidence counts) of all edges in and out.
    pub weighted_degree: Vec<f64>,
    /// PageRank over edge weights, damping 0.85; sums to 1.
    pub pagerank: Vec<f64>,
    /// Louvain community, numbered by size (0 is the largest).
    pub community: Vec<u32>,
}

impl Metrics {
    pub fn compute(graph: &Graph) -> Metrics {
        let n = graph.node_count();
        let mut m = Metrics {
            in_degree: vec![0; n],
            out_degree: vec![0; n],
            weighted_degree: vec![0.0; n],
            pagerank: pagerank(graph),
            community: Vec::new(),
        };
        for e in graph.g.raw_edges() {
            let (s, t, w) = (e.source().index(), e.target().index(), e.weight.weight);
            m.out_degree[s] += 1;
            m.in_degree[t] += 1;
            m.weighted_degree[s] += f64::from(w);
            m.weighted_degree[t] += f64::from(w);
        }
        m.community = community::louvain(
            n,
            graph.g.raw_edges().iter().map(|e| {
                (
                    e.source().index(),
                    e.target().index(),
                    f64::from(e.weight.weight),
                )
            }),
        );
        m
    }

    pub fn degree(&self, i: usize) -> u32 {
        self.in_degree[i] + self.out_degree[i]
    }
}

const DAMPING: f64 = 0.85;
const MAX_ITERATIONS: usize = 200;
const TOLERANCE: f64 = 1e-12;

/// Weighted PageRank: a node passes its rank along its out-edges in proportion to their
/// weight; dangling nodes spread theirs evenly. Iterates to an L1 change below 1e-12.
pub fn pagerank(graph: &Graph) -> Vec<f64> {
    let n = graph.node_count();
    if n == 0 {
        return Vec::new();
    }
    // (source, target, weight) as 12 flat bytes an edge, in edge order: each iteration
    // walks these instead of petgraph's 80-byte edges. Same sums in the same order.
    let edges: Vec<(u32, u32, u32)> = graph
        .g
        .raw_edges()
        .iter()
        .map(|e| {
            let (s, t) = (e.source().index() as u32, e.target().index() as u32);
            (s, t, e.weight.weight)
        })
        .collect();
    let mut out_weight = vec![0.0f64; n];
    for &(s, _, w) in &edges {
        out_weight[s as usize] += f64::from(w);
    }
    let nf = n as f64;
    let mut rank = vec![1.0 / nf; n];
    let mut next = vec![0.0f64; n];
    for _ in 0..MAX_ITERATIONS {
        let dangling: f64 = (0..n)
            .filter(|&i| out_weight[i] == 0.0)
            .map(|i| rank[i])
            .sum();
        let base = (1.0 - DAMPING) / nf + DAMPING * dangling / nf;
        next.iter_mut().for_each(|x| *x = base);
        for &(s, t, w) in &edges {
            let (s, t) = (s as usize, t as usize);
            next[t] += DAMPING * rank[s] * f64::from(w) / out_weight[s];
        }
        let delta: f64 = rank.iter().zip(&next).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut rank, &mut next);
        if delta < TOLERANCE {
            break;
        }
    }
    rank
}
