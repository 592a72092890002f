//! Louvain community detection on the undirected, weighted view of the graph. Deterministic:
//! nodes are visited in index order and ties keep the first community found.

const MAX_PASSES: usize = 32;
const MIN_GAIN: f64 = 1e-6;

/// One level of the Louvain hierarchy: an undirected weighted graph.
struct Level {
    /// Neighbours with edge weights, without self-loops; parallel entries merged.
    adj: Vec<Vec<(usize, f64)>>,
    /// Self-loop weight of each node.
    self_loop: Vec<f64>,
    /// Weighted degree (self-loops count twice).
    degree: Vec<f64>,
}

impl Level {
    fn new(n: usize, edges: impl Iterator<Item = (usize, usize, f64)>) -> Level {
        let mut raw: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
        let mut self_loop = vec![0.0; n];
        let mut degree = vec![0.0; n];
        for (u, v, w) in edges {
            degree[u] += w;
            degree[v] += w;
            if u == v {
                self_loop[u] += w;
            } else {
                raw[u].push((v, w));
                raw[v].push((u, w));
            }
        }
        let adj = raw
            .into_iter()
            .map(|mut l| {
                l.sort_by_key(|&(v, _)| v);
                let mut merged: Vec<(usize, f64)> = Vec::with_capacity(l.len());
                for (v, w) in l {
                    match merged.last_mut() {
                        Some(last) if last.0 == v => last.1 += w,
                        _ => merged.push((v, w)),
                    }
                }
                merged
            })
            .collect();
        Level {
            adj,
            self_loop,
            degree,
        }
    }

    /// Move nodes between communities while modularity improves. Returns the community of
    /// each node, renumbered densely in order of first appearance, and whether any moved.
    fn local_moves(&self, m2: f64) -> (Vec<usize>, bool) {
        let n = self.adj.len();
        let mut comm: Vec<usize> = (0..n).collect();
        let mut total: Vec<f64> = self.degree.clone();
        let mut weight_to = vec![0.0f64; n];
        let mut touched: Vec<usize> = Vec::new();
        let mut moved_any = false;
        // Passes stop when one adds less than MIN_GAIN modularity (as in Blondel et al.'s
        // reference code): later passes on large sparse graphs only shuffle a few nodes.
        for _pass in 0..MAX_PASSES {
            let mut gained = 0.0;
            for i in 0..n {
                let ki = self.degree[i];
                if ki == 0.0 {
                    continue;
                }
                let own = comm[i];
                for &(j, w) in &self.adj[i] {
                    let c = comm[j];
                    if weight_to[c] == 0.0 {
                        touched.push(c);
                    }
                    weight_to[c] += w;
                }
                total[own] -= ki;
                let gain = |c: usize, wt: f64| wt - total[c] * ki / m2;
                let stay = gain(own, weight_to[own]);
                let mut best = own;
                let mut best_gain = stay;
                for &c in &touched {
                    let g = gain(c, weight_to[c]);
                    if g > best_gain + 1e-12 {
                        best = c;
                        best_gain = g;
                    }
                }
                total[best] += ki;
                if best != own {
                    comm[i] = best;
                    moved_any = true;
                    gained += 2.0 * (best_gain - stay) / m2;
                }
                for &c in &touched {
                    weight_to[c] = 0.0;
                }
                touched.clear();
            }
            if gained < MIN_GAIN {
                break;
            }
        }
        (renumber(&comm), moved_any)
    }

    /// The graph of communities: one node per community, edge weights summed.
    fn aggregate(&self, comm: &[usize], count: usize) -> Level {
        let mut edges: Vec<(usize, usize, f64)> = Vec::new();
        for (u, list) in self.adj.iter().enumerate() {
            for &(v, w) in list {
                if u < v {
                    edges.push((comm[u], comm[v], w));
                }
            }
            if self.self_loop[u] != 0.0 {
                edges.push((comm[u], comm[u], self.self_loop[u]));
            }
        }
        Level::new(count, edges.into_iter())
    }
}

/// Renumber labels densely, in order of first appearance.
fn renumber(labels: &[usize]) -> Vec<usize> {
    let mut map = vec![usize::MAX; labels.len()];
    let mut next = 0;
    labels
        .iter()
        .map(|&l| {
            if map[l] == usize::MAX {
                map[l] = next;
                next += 1;
            }
            map[l]
        })
        .collect()
}

/// Louvain communities of `n` nodes joined by weighted edges (direction ignored). Returns a
/// community per node, numbered by size, largest first (ties: smallest member first).
pub fn louvain(n: usize, edges: impl Iterator<Item = (usize, usize, f64)>) -> Vec<u32> {
    let mut level = Level::new(n, edges);
    let m2: f64 = level.degree.iter().sum();
    let mut membership: Vec<usize> = (0..n).collect();
    if m2 > 0.0 {
        loop {
            let (comm, moved) = level.local_moves(m2);
            if !moved {
                break;
            }
            for c in membership.iter_mut() {
                *c = comm[*c];
            }
            let count = comm.iter().max().map_or(0, |m| m + 1);
            level = level.aggregate(&comm, count);
        }
    }
    // Number communities by size, largest first; ties by their smallest member.
    let count = membership.iter().max().map_or(0, |m| m + 1);
    let mut size = vec![0usize; count];
    let mut first = vec![usize::MAX; count];
    for (i, &c) in membership.iter().enumerate() {
        size[c] += 1;
        first[c] = first[c].min(i);
    }
    let mut order: Vec<usize> = (0..count).collect();
    order.sort_by_key(|&c| (std::cmp::Reverse(size[c]), first[c]));
    let mut rank = vec![0u32; count];
    for (r, &c) in order.iter().enumerate() {
        rank[c] = r as u32;
    }
    membership.into_iter().map(|c| rank[c]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_cliques_joined_by_one_edge_are_two_communities() {
        // Nodes 0-3 fully connected, 4-7 fully connected, bridge 3-4; node 8 isolated.
        let mut edges = Vec::new();
        for block in [0usize, 4] {
            for a in block..block + 4 {
                for b in a + 1..block + 4 {
                    edges.push((a, b, 1.0));
                }
            }
        }
        edges.push((3, 4, 1.0));
        let c = louvain(9, edges.clone().into_iter());
        assert!(c[..4].iter().all(|&x| x == c[0]), "{c:?}");
        assert!(c[4..8].iter().all(|&x| x == c[4]), "{c:?}");
        assert_ne!(c[0], c[4]);
        assert_ne!(c[8], c[0]);
        assert_ne!(c[8], c[4]);
        // Deterministic: same input, same labels.
        assert_eq!(c, louvain(9, edges.into_iter()));
    }

    #[test]
    fn empty_and_edgeless_graphs_give_one_community_per_node() {
        assert!(louvain(0, std::iter::empty()).is_empty());
        assert_eq!(louvain(3, std::iter::empty()), vec![0, 1, 2]);
    }
}
