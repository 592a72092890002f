//! The Barnes-Hut quadtree of the layout's repulsion: far groups of nodes push as one body at
//! their centre of mass, so a step costs O(n log n) instead of O(n²).

/// A square cell: a leaf with one body (or bodies merged at the depth limit), or an inner
/// cell with four children.
#[derive(Debug, Clone)]
struct Cell {
    /// Lower corner and side.
    x: f64,
    y: f64,
    side: f64,
    mass: f64,
    /// Mass-weighted sum of positions (centre = sum / mass).
    sx: f64,
    sy: f64,
    /// The body of a leaf; `NONE` for an empty leaf or an inner cell.
    body: u32,
    /// Index of the first of four children, or 0 for a leaf.
    children: u32,
}

const NONE: u32 = u32::MAX;

thread_local! {
    /// The cells still to visit, kept between calls (one walk per node and step).
    static STACK: std::cell::RefCell<Vec<usize>> = const { std::cell::RefCell::new(Vec::new()) };
}
/// Below this depth coincident bodies merge rather than split cells forever.
const MAX_DEPTH: u32 = 40;

/// A quadtree over bodies at (`x[i]`, `y[i]`) of mass `mass[i]`.
pub struct QuadTree {
    cells: Vec<Cell>,
}

impl QuadTree {
    pub fn build(x: &[f64], y: &[f64], mass: &[f64]) -> QuadTree {
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for (&a, &b) in x.iter().zip(y) {
            x0 = x0.min(a);
            y0 = y0.min(b);
            x1 = x1.max(a);
            y1 = y1.max(b);
        }
        let side = (x1 - x0).max(y1 - y0).max(1e-9) * 1.0001;
        let mut t = QuadTree {
            cells: Vec::with_capacity(x.len() * 2 + 1),
        };
        t.cells.push(Cell::leaf(x0, y0, side));
        for i in 0..x.len() {
            t.insert(0, i as u32, x, y, mass, 0);
        }
        t
    }

    fn insert(&mut self, c: usize, i: u32, x: &[f64], y: &[f64], mass: &[f64], depth: u32) {
        let (px, py, m) = (x[i as usize], y[i as usize], mass[i as usize]);
        let cell = &mut self.cells[c];
        cell.mass += m;
        cell.sx += px * m;
        cell.sy += py * m;
        if cell.children != 0 {
            let q = self.quadrant(c, px, py);
            return self.insert(q, i, x, y, mass, depth + 1);
        }
        if cell.body == NONE && cell.mass == m {
            cell.body = i;
            return;
        }
        if depth >= MAX_DEPTH {
            return; // merged: the leaf keeps its first body and the summed mass
        }
        // Split: move the old body down, then this one.
        let old = cell.body;
        let (cx, cy, half) = (cell.x, cell.y, cell.side / 2.0);
        let first = self.cells.len() as u32;
        for (dx, dy) in [(0.0, 0.0), (half, 0.0), (0.0, half), (half, half)] {
            self.cells.push(Cell::leaf(cx + dx, cy + dy, half));
        }
        let cell = &mut self.cells[c];
        cell.children = first;
        cell.body = NONE;
        let q = self.quadrant(c, x[old as usize], y[old as usize]);
        self.insert(q, old, x, y, mass, depth + 1);
        let q = self.quadrant(c, px, py);
        self.insert(q, i, x, y, mass, depth + 1);
    }

    fn quadrant(&self, c: usize, px: f64, py: f64) -> usize {
        let cell = &self.cells[c];
        let half = cell.side / 2.0;
        let right = usize::from(px >= cell.x + half);
        let up = usize::from(py >= cell.y + half);
        cell.children as usize + right + 2 * up
    }

    /// The repulsion on body `i`: `k * m_i * m_j / d` away from every other body, far cells
    /// (side / distance < `theta`) taken whole.
    pub fn repulsion(&self, i: usize, px: f64, py: f64, m: f64, k: f64, theta: f64) -> (f64, f64) {
        STACK.with_borrow_mut(|stack| self.repulsion_with(stack, i, px, py, m, k, theta))
    }

    #[allow(clippy::too_many_arguments)]
    fn repulsion_with(
        &self,
        stack: &mut Vec<usize>,
        i: usize,
        px: f64,
        py: f64,
        m: f64,
        k: f64,
        theta: f64,
    ) -> (f64, f64) {
        let (mut fx, mut fy) = (0.0, 0.0);
        stack.clear();
        stack.push(0);
        while let Some(c) = stack.pop() {
            let cell = &self.cells[c];
            if cell.mass == 0.0 || (cell.children == 0 && cell.body == i as u32) {
                continue;
            }
            let (cx, cy) = (cell.sx / cell.mass, cell.sy / cell.mass);
            let (dx, dy) = (px - cx, py - cy);
            let d2 = dx * dx + dy * dy;
            if cell.children == 0 || cell.side * cell.side < theta * theta * d2 {
                if d2 > 0.0 {
                    let f = k * m * cell.mass / d2;
                    fx += dx * f;
                    fy += dy * f;
                }
                continue;
            }
            let first = cell.children as usize;
            stack.extend(first..first + 4);
        }
        (fx, fy)
    }
}

impl Cell {
    fn leaf(x: f64, y: f64, side: f64) -> Cell {
        Cell {
            x,
            y,
            side,
            mass: 0.0,
            sx: 0.0,
            sy: 0.0,
            body: NONE,
            children: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn far_cells_approximate_the_exact_sum_and_theta_zero_is_exact() {
        let mut s = 7u64;
        let mut r = || {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (s >> 11) as f64 / (1u64 << 53) as f64 * 100.0
        };
        let n = 300;
        let (x, y): (Vec<f64>, Vec<f64>) = (0..n).map(|_| (r(), r())).unzip();
        let mass: Vec<f64> = (0..n).map(|i| 1.0 + (i % 3) as f64).collect();
        let t = QuadTree::build(&x, &y, &mass);
        for i in [0, 17, 299] {
            let (mut ex, mut ey) = (0.0, 0.0);
            for j in 0..n {
                if j != i {
                    let (dx, dy) = (x[i] - x[j], y[i] - y[j]);
                    let f = mass[i] * mass[j] / (dx * dx + dy * dy);
                    ex += dx * f;
                    ey += dy * f;
                }
            }
            let (fx, fy) = t.repulsion(i, x[i], y[i], mass[i], 1.0, 0.0);
            assert!((fx - ex).abs() < 1e-9 * ex.abs().max(1.0), "{fx} {ex}");
            assert!((fy - ey).abs() < 1e-9 * ey.abs().max(1.0), "{fy} {ey}");
            let (ax, ay) = t.repulsion(i, x[i], y[i], mass[i], 1.0, 1.2);
            let err = ((ax - ex).powi(2) + (ay - ey).powi(2)).sqrt();
            let norm = (ex * ex + ey * ey).sqrt();
            assert!(err < 0.2 * norm, "node {i}: error {err} of {norm}");
        }
    }
}
