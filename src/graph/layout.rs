//! Node positions: ForceAtlas2 (Jacomy et al. 2014) on the undirected view of the graph, the
//! layout Gephi users know. Seeded start positions, a fixed number of steps and sequential
//! sums, so the same graph and seed give the same positions, byte for byte, on every run.
//! Repulsion goes through a Barnes-Hut quadtree above `EXACT_BELOW` nodes.

use super::quadtree::QuadTree;
use super::Graph;
use petgraph::graph::NodeIndex;
use rayon::prelude::*;

/// Below this many nodes repulsion is summed pair by pair (exact, and fast enough).
const EXACT_BELOW: usize = 300;
/// Barnes-Hut opening angle (Gephi's default).
const THETA: f64 = 1.2;
/// Work budget of an automatic run, in node-or-edge visits: graphs up to 5,000 nodes and
/// edges get the full `MAX_STEPS`; 5,000 nodes and 9,000 edges (the BBC archive) 200 steps,
/// 2 s in release; a million edges `MIN_STEPS`, 1.4 s, a rough start that Gephi's own
/// ForceAtlas2 can refine (`--layout-steps` asks for more).
const BUDGET: usize = 3_000_000;
const MAX_STEPS: usize = 600;
const MIN_STEPS: usize = 8;
const SCALING: f64 = 10.0;
const GRAVITY: f64 = 0.05;
/// The median edge length of the result, in the units of the exports' node sizes.
const EDGE_LENGTH: f64 = 60.0;

/// How to lay out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayoutOptions {
    /// Seed of the start positions: another seed, another (equally good) picture.
    pub seed: u64,
    /// Steps of the simulation; `None` picks by graph size.
    pub steps: Option<usize>,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            seed: 1,
            steps: None,
        }
    }
}

/// Positions of the nodes, indexed like the graph's nodes, rounded to 0.01.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Layout {
    pub x: Vec<f64>,
    pub y: Vec<f64>,
}

impl Layout {
    /// The position of node `n`; `None` in an empty layout (positions not asked for).
    pub fn at(&self, n: NodeIndex) -> Option<(f64, f64)> {
        Some((*self.x.get(n.index())?, *self.y.get(n.index())?))
    }

    /// ForceAtlas2 with the settings graphology infers (Gephi Lite's): linear attraction
    /// weighted by evidence count, repulsion 10 by degree + 1, strong gravity 0.05 (so
    /// separate components stay near, not scattered to the edges), Gephi's adaptive speed.
    /// The result is scaled so the median edge is `EDGE_LENGTH` long, which leaves room for
    /// the exports' node sizes (5 to 50).
    pub fn compute(graph: &Graph, opts: &LayoutOptions) -> Layout {
        let n = graph.node_count();
        let edges: Vec<(usize, usize, f64)> = graph
            .g
            .raw_edges()
            .iter()
            .filter(|e| e.source() != e.target())
            .map(|e| {
                let w = f64::from(e.weight.weight.max(1));
                (e.source().index(), e.target().index(), w)
            })
            .collect();
        let steps = opts
            .steps
            .unwrap_or_else(|| (BUDGET / (n + edges.len()).max(1)).clamp(MIN_STEPS, MAX_STEPS));
        let mut sim = Sim::new(n, &edges, opts.seed);
        for _ in 0..steps {
            sim.step(&edges);
        }
        let scale = sim.scale_for(&edges);
        let round = |v: f64| {
            let r = (v * scale * 100.0).round() / 100.0;
            if r == 0.0 {
                0.0 // no "-0" in the files
            } else {
                r
            }
        };
        Layout {
            x: sim.x.iter().map(|&v| round(v)).collect(),
            y: sim.y.iter().map(|&v| round(v)).collect(),
        }
    }
}

/// The state of a run: positions, masses, this and the previous step's forces, speed.
struct Sim {
    x: Vec<f64>,
    y: Vec<f64>,
    mass: Vec<f64>,
    fx: Vec<f64>,
    fy: Vec<f64>,
    old_fx: Vec<f64>,
    old_fy: Vec<f64>,
    scaling: f64,
    speed: f64,
    speed_efficiency: f64,
}

impl Sim {
    fn new(n: usize, edges: &[(usize, usize, f64)], seed: u64) -> Sim {
        let mut mass = vec![1.0; n];
        for &(s, t, _) in edges {
            mass[s] += 1.0;
            mass[t] += 1.0;
        }
        // Start in a square whose area grows with the node count.
        let half = 10.0 * (n as f64).sqrt().max(1.0);
        let mut rng = SplitMix(seed);
        let mut start = || (rng.unit() * 2.0 - 1.0) * half;
        let (x, y): (Vec<f64>, Vec<f64>) = (0..n).map(|_| (start(), start())).unzip();
        Sim {
            x,
            y,
            mass,
            fx: vec![0.0; n],
            fy: vec![0.0; n],
            old_fx: vec![0.0; n],
            old_fy: vec![0.0; n],
            scaling: SCALING,
            speed: 1.0,
            speed_efficiency: 1.0,
        }
    }

    /// The factor that makes the median edge `EDGE_LENGTH` long (1 without edges).
    fn scale_for(&self, edges: &[(usize, usize, f64)]) -> f64 {
        let mut len: Vec<f64> = edges
            .iter()
            .map(|&(s, t, _)| {
                ((self.x[s] - self.x[t]).powi(2) + (self.y[s] - self.y[t]).powi(2)).sqrt()
            })
            .filter(|l| *l > 0.0)
            .collect();
        if len.is_empty() {
            return 1.0;
        }
        let mid = len.len() / 2;
        let (_, median, _) = len.select_nth_unstable_by(mid, f64::total_cmp);
        EDGE_LENGTH / *median
    }

    fn step(&mut self, edges: &[(usize, usize, f64)]) {
        let n = self.x.len();
        std::mem::swap(&mut self.fx, &mut self.old_fx);
        std::mem::swap(&mut self.fy, &mut self.old_fy);
        self.fx.iter_mut().for_each(|v| *v = 0.0);
        self.fy.iter_mut().for_each(|v| *v = 0.0);
        self.repel();
        for &(s, t, w) in edges {
            let (dx, dy) = (self.x[s] - self.x[t], self.y[s] - self.y[t]);
            self.fx[s] -= dx * w;
            self.fy[s] -= dy * w;
            self.fx[t] += dx * w;
            self.fy[t] += dy * w;
        }
        for i in 0..n {
            // Strong gravity: a pull towards the centre growing with mass and distance.
            let f = GRAVITY * self.mass[i];
            self.fx[i] -= self.x[i] * f;
            self.fy[i] -= self.y[i] * f;
        }
        self.adapt_speed_and_move();
    }

    fn repel(&mut self) {
        let n = self.x.len();
        let k = self.scaling;
        if n < EXACT_BELOW {
            for i in 0..n {
                for j in i + 1..n {
                    let (dx, dy) = (self.x[i] - self.x[j], self.y[i] - self.y[j]);
                    let d2 = dx * dx + dy * dy;
                    if d2 > 0.0 {
                        let f = k * self.mass[i] * self.mass[j] / d2;
                        self.fx[i] += dx * f;
                        self.fy[i] += dy * f;
                        self.fx[j] -= dx * f;
                        self.fy[j] -= dy * f;
                    }
                }
            }
            return;
        }
        let tree = QuadTree::build(&self.x, &self.y, &self.mass);
        // Each node's sum is its own, in a fixed order: the same result on any thread count.
        let forces: Vec<(f64, f64)> = (0..n)
            .into_par_iter()
            .map(|i| tree.repulsion(i, self.x[i], self.y[i], self.mass[i], k, THETA))
            .collect();
        for (i, (fx, fy)) in forces.into_iter().enumerate() {
            self.fx[i] += fx;
            self.fy[i] += fy;
        }
    }

    /// Gephi's adaptive speed: fast while nodes move steadily, slow where they swing.
    fn adapt_speed_and_move(&mut self) {
        let n = self.x.len();
        if n == 0 {
            return;
        }
        let (mut swing, mut traction) = (0.0, 0.0);
        for i in 0..n {
            let (sx, sy) = (self.fx[i] - self.old_fx[i], self.fy[i] - self.old_fy[i]);
            let (tx, ty) = (self.fx[i] + self.old_fx[i], self.fy[i] + self.old_fy[i]);
            swing += self.mass[i] * (sx * sx + sy * sy).sqrt();
            traction += self.mass[i] * 0.5 * (tx * tx + ty * ty).sqrt();
        }
        let nf = n as f64;
        let optimal = 0.05 * nf.sqrt();
        let min_jt = optimal.sqrt();
        let mut jt = (optimal * traction / (nf * nf)).clamp(min_jt, 10.0);
        if traction > 0.0 && swing / traction > 2.0 {
            if self.speed_efficiency > 0.05 {
                self.speed_efficiency *= 0.5;
            }
            jt = jt.max(1.0);
        }
        let target = if swing > 0.0 {
            jt * self.speed_efficiency * traction / swing
        } else {
            self.speed * 2.0
        };
        if swing > jt * traction {
            if self.speed_efficiency > 0.05 {
                self.speed_efficiency *= 0.7;
            }
        } else if self.speed < 1000.0 {
            self.speed_efficiency *= 1.3;
        }
        self.speed += (target - self.speed).min(0.5 * self.speed);
        for i in 0..n {
            let (sx, sy) = (self.fx[i] - self.old_fx[i], self.fy[i] - self.old_fy[i]);
            let swinging = self.mass[i] * (sx * sx + sy * sy).sqrt();
            let f = self.speed / (1.0 + (self.speed * swinging).sqrt());
            self.x[i] += self.fx[i] * f;
            self.y[i] += self.fy[i] * f;
        }
    }
}

/// SplitMix64: a small, well-mixed generator for the start positions.
struct SplitMix(u64);

impl SplitMix {
    fn unit(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[cfg(test)]
#[path = "layout_tests.rs"]
mod tests;
