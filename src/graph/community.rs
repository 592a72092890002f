//! Louvain community detection on the undirected, weighted view of the graph. Deterministic:
//! nodes are visited in index order and ties keep the first community found.

const MAX_PASSES: usize = 32;
const MIN_GAIN: f64 = 1e-6;
const RELATIVE_GAIN: f64 = 1e-3;

/// One level of the Louvain hierarchy: an undirected weighted graph in compressed sparse rows
/// (the neighbours of `u` are `to[at[u]..at[u + 1]]`, sorted, parallel entries merged), so
/// the inner loop walks flat arrays.
struct Level {
    at: Vec<usize>,
    to: Vec<u32>,
    /// Link weights: sums of evidence counts, whole numbers, so 4 bytes instead of 8 (exact
    /// below 2^32; the sums in f64 are the same). The first two levels of a million-edge
    /// graph are alive at once, and this is the largest part of the export's peak.
    weight: Vec<u32>,
    /// Self-loop weight of each node.
    self_loop: Vec<f64>,
    /// Weighted degree (self-loops count twice).
    degree: Vec<f64>,
}

impl Level {
    /// Two passes over `edges`: count each node's links, then place them in its row (a
    /// counting sort, in input order), each row then sorted by neighbour with a stable sort
    /// and parallel entries merged: the order and sums a global stable sort by (from, to)
    /// gives, without holding a list of both directions of every edge.
    fn new(n: usize, edges: impl Iterator<Item = (usize, usize, f64)> + Clone) -> Level {
        let mut self_loop = vec![0.0; n];
        let mut degree = vec![0.0; n];
        let mut at = vec![0usize; n + 1];
        for (u, v, w) in edges.clone() {
            degree[u] += w;
            degree[v] += w;
            if u == v {
                self_loop[u] += w;
            } else {
                at[u + 1] += 1;
                at[v + 1] += 1;
            }
        }
        for i in 0..n {
            at[i + 1] += at[i];
        }
        let mut to = vec![0u32; at[n]];
        let mut weight = vec![0u32; at[n]];
        let mut fill = at.clone();
        for (u, v, w) in edges.filter(|(u, v, _)| u != v) {
            debug_assert!(w >= 0.0 && w.fract() == 0.0, "weight {w} is not a count");
            for (a, b) in [(u, v), (v, u)] {
                to[fill[a]] = b as u32;
                weight[fill[a]] = w as u32;
                fill[a] += 1;
            }
        }
        drop(fill);
        // Sort and merge row by row, compacting in place (`k` never passes the row start).
        let mut row: Vec<(u32, u32)> = Vec::new();
        let mut k = 0;
        for u in 0..n {
            let range = at[u]..at[u + 1];
            row.clear();
            row.extend(
                to[range.clone()]
                    .iter()
                    .copied()
                    .zip(weight[range].iter().copied()),
            );
            row.sort_by_key(|&(v, _)| v);
            at[u] = k;
            let row_start = k;
            for &(v, w) in &row {
                if k > row_start && to[k - 1] == v {
                    weight[k - 1] = weight[k - 1].saturating_add(w);
                } else {
                    to[k] = v;
                    weight[k] = w;
                    k += 1;
                }
            }
        }
        at[n] = k;
        // Not shrunk: a reallocation would hold both copies at the peak of the export.
        to.truncate(k);
        weight.truncate(k);
        Level {
            at,
            to,
            weight,
            self_loop,
            degree,
        }
    }

    fn len(&self) -> usize {
        self.degree.len()
    }

    /// Move nodes between communities while modularity improves. Returns the community of
    /// each node, renumbered densely in order of first appearance, and whether any moved.
    fn local_moves(&self, m2: f64) -> (Vec<usize>, bool) {
        let n = self.len();
        let mut comm: Vec<u32> = (0..n as u32).collect();
        let mut total: Vec<f64> = self.degree.clone();
        let mut weight_to = vec![0.0f64; n];
        let mut touched: Vec<u32> = Vec::new();
        let mut moved_any = false;
        let mut level_gain = 0.0;
        // Passes stop when one adds less than MIN_GAIN modularity (as in Blondel et al.'s
        // reference code), or less than RELATIVE_GAIN of what the level gained so far: on a
        // large graph without clear communities, passes 12 to 32 of the first level each
        // gained ~1e-5 (0.1% of the level), shuffling a few nodes at the cost of a full pass.
        for _pass in 0..MAX_PASSES {
            let mut gained = 0.0;
            for i in 0..n {
                let ki = self.degree[i];
                if ki == 0.0 {
                    continue;
                }
                let own = comm[i];
                let range = self.at[i]..self.at[i + 1];
                for (&j, &w) in self.to[range.clone()].iter().zip(&self.weight[range]) {
                    let c = comm[j as usize];
                    let slot = &mut weight_to[c as usize];
                    if *slot == 0.0 {
                        touched.push(c);
                    }
                    *slot += f64::from(w);
                }
                total[own as usize] -= ki;
                // Written as `total * ki / m2` (not `total * (ki / m2)`): the same rounding as
                // before, so communities do not change.
                let gain = |c: u32| weight_to[c as usize] - total[c as usize] * ki / m2;
                let stay = gain(own);
                let mut best = own;
                let mut best_gain = stay;
                for &c in &touched {
                    let g = gain(c);
                    if g > best_gain + 1e-12 {
                        best = c;
                        best_gain = g;
                    }
                }
                total[best as usize] += ki;
                if best != own {
                    comm[i] = best;
                    moved_any = true;
                    gained += 2.0 * (best_gain - stay) / m2;
                }
                for &c in &touched {
                    weight_to[c as usize] = 0.0;
                }
                touched.clear();
            }
            level_gain += gained;
            if gained < MIN_GAIN || gained < RELATIVE_GAIN * level_gain {
                break;
            }
        }
        let comm: Vec<usize> = comm.into_iter().map(|c| c as usize).collect();
        (renumber(&comm), moved_any)
    }

    /// The graph of communities: one node per community, edge weights summed.
    fn aggregate(&self, comm: &[usize], count: usize) -> Level {
        let edges = (0..self.len()).flat_map(|u| {
            let range = self.at[u]..self.at[u + 1];
            let links = self.to[range.clone()]
                .iter()
                .zip(&self.weight[range])
                .filter(move |(&v, _)| u < v as usize)
                .map(move |(&v, &w)| (comm[u], comm[v as usize], f64::from(w)));
            let own = (self.self_loop[u] != 0.0).then(|| (comm[u], comm[u], self.self_loop[u]));
            links.chain(own)
        });
        Level::new(count, edges)
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

/// Louvain communities of `n` nodes joined by weighted edges (direction ignored; weights are
/// whole numbers, evidence counts). Returns a community per node, numbered by size, largest
/// first (ties: smallest member first).
pub fn louvain(n: usize, edges: impl Iterator<Item = (usize, usize, f64)> + Clone) -> Vec<u32> {
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
    fn a_ring_of_cliques_is_found_with_the_relative_stop() {
        // 20 cliques of 6 joined in a ring by single edges: one community per clique.
        let (k, size) = (20usize, 6usize);
        let mut edges = Vec::new();
        for c in 0..k {
            let base = c * size;
            for a in base..base + size {
                for b in a + 1..base + size {
                    edges.push((a, b, 2.0));
                }
            }
            edges.push((base + size - 1, (base + size) % (k * size), 1.0));
        }
        let comm = louvain(k * size, edges.into_iter());
        for c in 0..k {
            let block = &comm[c * size..(c + 1) * size];
            assert!(block.iter().all(|&x| x == block[0]), "{comm:?}");
        }
        let mut distinct = comm.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), k, "{comm:?}");
    }

    #[test]
    fn empty_and_edgeless_graphs_give_one_community_per_node() {
        assert!(louvain(0, std::iter::empty()).is_empty());
        assert_eq!(louvain(3, std::iter::empty()), vec![0, 1, 2]);
    }
}
