//! The drawing `render` makes of a graph, shared by its SVG and HTML forms: positions fitted to
//! the canvas, node radii by weighted degree, colours by entity type and by relation family,
//! bends for parallel edges, and which nodes and edges get a label (the most important ones
//! that fit, so no text is drawn over other text).

use super::color;
use crate::graph::{Graph, Layout, Metrics};
use std::collections::HashMap;

/// Font size of node labels, in pixels; edge labels are 2 px smaller.
pub const FONT: f64 = 12.0;

/// One evidence sentence of an edge, with its article date.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    pub date: Option<String>,
    pub sentence: String,
}

#[derive(Debug, Clone)]
pub struct PictureNode {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub x: f64,
    pub y: f64,
    pub r: f64,
    pub color: (u8, u8, u8),
    pub weighted_degree: f64,
    /// Draw its name beside it.
    pub label: bool,
    /// Where: the text's anchor point and `start`, `middle` or `end` (SVG's text-anchor).
    pub label_at: (f64, f64, &'static str),
    /// The entity the picture is around.
    pub focus: bool,
}

#[derive(Debug, Clone)]
pub struct PictureEdge {
    /// Indexes into `Picture::nodes`.
    pub source: usize,
    pub target: usize,
    pub kind: String,
    pub family: String,
    pub color: (u8, u8, u8),
    pub weight: u32,
    pub negated: bool,
    /// Sideways offset of the curve's middle, in pixels (0: straight).
    pub bend: f64,
    /// Draw the relation type along it.
    pub label: bool,
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Clone)]
pub struct Picture {
    pub width: f64,
    pub height: f64,
    pub nodes: Vec<PictureNode>,
    pub edges: Vec<PictureEdge>,
}

/// Edge colour by relation family: hostile families warm, cooperative ones green and blue,
/// talk grey; anything else purple.
pub fn family_color(family: &str) -> (u8, u8, u8) {
    match family {
        "statement" => (150, 150, 150),
        "disapprove" => (214, 39, 40),
        "threaten" => (178, 24, 43),
        "reject" => (230, 85, 13),
        "protest" => (253, 141, 60),
        "demand" => (255, 127, 14),
        "sanction" => (140, 20, 20),
        "attack" | "coerce" => (103, 0, 13),
        "support" => (44, 160, 44),
        "agree" => (26, 152, 80),
        "cooperate" => (102, 189, 99),
        "aid" => (23, 190, 207),
        "consult" => (31, 119, 180),
        "concede" | "retreat" => (148, 103, 189),
        "investigate" => (188, 189, 34),
        "economic" => (140, 86, 75),
        "structure" => (227, 119, 194),
        _ => (123, 65, 173),
    }
}

/// Estimated width of `text` at `font` px (a mean glyph of 0.6 em).
pub fn text_width(text: &str, font: f64) -> f64 {
    text.chars().count() as f64 * font * 0.6
}

/// An axis-aligned box: x0, y0, x1, y1.
type Box2 = (f64, f64, f64, f64);

fn overlaps(a: &Box2, b: &Box2) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

impl Picture {
    /// Lay out `graph` (positions from `layout`) on a canvas that grows with the node count;
    /// `focus` is the entity id the picture is around; `evidence` holds each edge's sentences.
    pub fn new(
        graph: &Graph,
        m: &Metrics,
        layout: &Layout,
        focus: Option<i64>,
        mut evidence: Vec<Vec<Evidence>>,
    ) -> Picture {
        let n = graph.node_count();
        let width = (160.0 * (n as f64).sqrt()).clamp(800.0, 2400.0).round();
        let height = (width * 0.7).round();
        let max_wd = m.weighted_degree.iter().copied().fold(0.0, f64::max);
        let mut nodes: Vec<PictureNode> = graph
            .g
            .node_indices()
            .map(|i| {
                let node = &graph.g[i];
                let wd = m.weighted_degree[i.index()];
                let share = if max_wd > 0.0 { wd / max_wd } else { 0.0 };
                PictureNode {
                    id: node.id,
                    name: crate::graph::print::one_line(&node.name),
                    kind: node.kind.clone(),
                    x: 0.0,
                    y: 0.0,
                    r: (4.0 + 14.0 * share.sqrt()).round(),
                    color: color(&node.kind),
                    weighted_degree: wd,
                    label: false,
                    label_at: (0.0, 0.0, "start"),
                    focus: Some(node.id) == focus,
                }
            })
            .collect();
        fit(&mut nodes, layout, width, height);
        spread(&mut nodes, width, height);
        evidence.resize(graph.edge_count(), Vec::new());
        let mut edges: Vec<PictureEdge> = graph
            .g
            .edge_indices()
            .zip(evidence)
            .map(|(e, evidence)| {
                let (s, t) = graph.g.edge_endpoints(e).expect("edge exists");
                let edge = &graph.g[e];
                let ty = graph.rel_type(edge);
                PictureEdge {
                    source: s.index(),
                    target: t.index(),
                    kind: ty.kind.clone(),
                    family: ty.family.clone(),
                    color: family_color(&ty.family),
                    weight: edge.weight,
                    negated: edge.negated,
                    bend: 0.0,
                    label: false,
                    evidence,
                }
            })
            .collect();
        bend_parallels(&mut edges);
        let mut pic = Picture {
            width,
            height,
            nodes,
            edges,
        };
        pic.choose_labels();
        pic
    }

    /// The places node `i`'s label may go, best first (right, left, above, below, then the
    /// four diagonals), each as (anchor x, baseline y, text-anchor) and the box it covers.
    pub fn label_places(&self, i: usize) -> [((f64, f64, &'static str), Box2); 8] {
        let n = &self.nodes[i];
        let w = text_width(&n.name, FONT);
        let (asc, desc) = (FONT * 0.75, FONT * 0.25);
        let base = n.y + FONT * 0.35;
        let (right, left) = (n.x + n.r + 3.0, n.x - n.r - 3.0);
        let (above, below) = (n.y - n.r - 4.0, n.y + n.r + 3.0 + asc);
        // Diagonals: off the circle's corner, half a line up or down.
        let d = n.r * 0.7 + 2.0;
        let (up, down) = (n.y - d - desc, n.y + d + asc);
        let place = |x: f64, y: f64, anchor: &'static str| {
            let x0 = match anchor {
                "start" => x,
                "end" => x - w,
                _ => x - w / 2.0,
            };
            ((x, y, anchor), (x0, y - asc, x0 + w, y + desc))
        };
        [
            place(right, base, "start"),
            place(left, base, "end"),
            place(n.x, above, "middle"),
            place(n.x, below, "middle"),
            place(n.x + d, up, "start"),
            place(n.x + d, down, "start"),
            place(n.x - d, up, "end"),
            place(n.x - d, down, "end"),
        ]
    }

    /// The middle of edge `e`'s curve.
    pub fn edge_middle(&self, e: &PictureEdge) -> (f64, f64) {
        let (a, b) = (&self.nodes[e.source], &self.nodes[e.target]);
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let len = (dx * dx + dy * dy).sqrt().max(1e-9);
        // The curve's control point is twice the bend out; its middle is the bend out.
        (
            (a.x + b.x) / 2.0 - dy / len * e.bend,
            (a.y + b.y) / 2.0 + dx / len * e.bend,
        )
    }

    /// Greedy, most important first: the focus, then by weighted degree. A label is kept when
    /// its box overlaps no kept label and no other node; at most `max_labels` of them.
    fn choose_labels(&mut self) {
        let n = self.nodes.len();
        let max_labels = if n <= 40 { n } else { 40 + n / 10 };
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| {
            let (x, y) = (&self.nodes[a], &self.nodes[b]);
            y.focus
                .cmp(&x.focus)
                .then(y.weighted_degree.total_cmp(&x.weighted_degree))
                .then(x.id.cmp(&y.id))
        });
        let circles: Vec<Box2> = self
            .nodes
            .iter()
            .map(|n| (n.x - n.r, n.y - n.r, n.x + n.r, n.y + n.r))
            .collect();
        let mut kept: Vec<Box2> = Vec::new();
        for i in order {
            if kept.len() >= max_labels {
                break;
            }
            let places = self.label_places(i);
            let fits = |b: &Box2| {
                let inside = b.0 >= 0.0 && b.2 <= self.width && b.1 >= 0.0 && b.3 <= self.height;
                inside
                    && !kept.iter().any(|k| overlaps(k, b))
                    && !circles
                        .iter()
                        .enumerate()
                        .any(|(j, c)| j != i && overlaps(c, b))
            };
            let found = places.iter().find(|(_, b)| fits(b));
            // The focus is always named, on its right if nowhere is free.
            let chosen = found.or(self.nodes[i].focus.then_some(&places[0]));
            if let Some((at, b)) = chosen {
                self.nodes[i].label = true;
                self.nodes[i].label_at = *at;
                kept.push(*b);
            }
        }
        // Edge labels, heaviest first, where the edge is long enough and the text is clear;
        // on a crowded picture only the 30 heaviest of those, or they become a text soup.
        let mut order: Vec<usize> = (0..self.edges.len()).collect();
        order.sort_by_key(|&e| std::cmp::Reverse(self.edges[e].weight));
        let max_edge_labels = if self.edges.len() <= 100 {
            self.edges.len()
        } else {
            30
        };
        let mut edge_labels = 0;
        for e in order {
            if edge_labels == max_edge_labels {
                break;
            }
            let edge = &self.edges[e];
            let (a, b) = (&self.nodes[edge.source], &self.nodes[edge.target]);
            let len = ((b.x - a.x).powi(2) + (b.y - a.y).powi(2)).sqrt() - a.r - b.r;
            let w = text_width(&edge.kind, FONT - 2.0);
            if len < w + 16.0 {
                continue;
            }
            let (mx, my) = self.edge_middle(edge);
            let bx = (mx - w / 2.0, my - FONT, mx + w / 2.0, my + 2.0);
            if !kept.iter().any(|k| overlaps(k, &bx)) && !circles.iter().any(|c| overlaps(c, &bx)) {
                self.edges[e].label = true;
                kept.push(bx);
                edge_labels += 1;
            }
        }
    }
}

/// Scale and centre the layout into the canvas, keeping its aspect ratio, with a margin for
/// the largest circles and labels.
fn fit(nodes: &mut [PictureNode], layout: &Layout, width: f64, height: f64) {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for (&x, &y) in layout.x.iter().zip(&layout.y) {
        x0 = x0.min(x);
        y0 = y0.min(y);
        x1 = x1.max(x);
        y1 = y1.max(y);
    }
    let margin = 40.0;
    let (w, h) = ((x1 - x0).max(1e-9), (y1 - y0).max(1e-9));
    let scale = ((width - 2.0 * margin - 120.0) / w).min((height - 2.0 * margin) / h);
    let (ox, oy) = ((width - w * scale) / 2.0 - 60.0, (height - h * scale) / 2.0);
    for (i, n) in nodes.iter_mut().enumerate() {
        let (x, y) = layout
            .at(petgraph::graph::NodeIndex::new(i))
            .unwrap_or((x0, y0));
        n.x = ((ox + (x - x0) * scale) * 10.0).round() / 10.0;
        // Screen y grows downwards.
        n.y = ((height - oy - (y - y0) * scale) * 10.0).round() / 10.0;
    }
}

/// Push apart circles that overlap (closer than their radii and a 6 px gap), a few rounds,
/// keeping every circle inside the canvas: the layout's scale leaves big nodes touching.
fn spread(nodes: &mut [PictureNode], width: f64, height: f64) {
    const GAP: f64 = 6.0;
    for _ in 0..30 {
        let mut moved = false;
        for i in 0..nodes.len() {
            for j in i + 1..nodes.len() {
                let (dx, dy) = (nodes[j].x - nodes[i].x, nodes[j].y - nodes[i].y);
                let d = (dx * dx + dy * dy).sqrt();
                let want = nodes[i].r + nodes[j].r + GAP;
                if d >= want {
                    continue;
                }
                // Coincident centres part along a fixed diagonal.
                let (ux, uy) = if d > 1e-6 {
                    (dx / d, dy / d)
                } else {
                    (0.6, 0.8)
                };
                let push = (want - d) / 2.0;
                nodes[i].x -= ux * push;
                nodes[i].y -= uy * push;
                nodes[j].x += ux * push;
                nodes[j].y += uy * push;
                moved = true;
            }
        }
        for n in nodes.iter_mut() {
            n.x = (n.x.clamp(n.r + 2.0, width - n.r - 2.0) * 10.0).round() / 10.0;
            n.y = (n.y.clamp(n.r + 2.0, height - n.r - 2.0) * 10.0).round() / 10.0;
        }
        if !moved {
            break;
        }
    }
}

/// Edges between the same two nodes (either way) fan out: the k-th of a group of n bends by
/// (k - (n-1)/2) * 24 px, measured in the frame of the lower node index, so an edge and its
/// reverse never lie on each other.
fn bend_parallels(edges: &mut [PictureEdge]) {
    let mut groups: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    for (i, e) in edges.iter().enumerate() {
        groups
            .entry((e.source.min(e.target), e.source.max(e.target)))
            .or_default()
            .push(i);
    }
    for ((lo, _), members) in groups {
        let n = members.len() as f64;
        for (k, &i) in members.iter().enumerate() {
            let offset = (k as f64 - (n - 1.0) / 2.0) * 24.0;
            let flip = if edges[i].source == lo { 1.0 } else { -1.0 };
            edges[i].bend = offset * flip;
        }
    }
}

#[cfg(test)]
#[path = "picture_tests.rs"]
mod tests;
