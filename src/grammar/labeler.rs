//! The second look at relations: once a sentence's tree is whole, each arc is labelled again
//! by a perceptron that sees what the parser could not yet see when it made the arc (the
//! head's own head, every sibling, the function words under the dependent), as two-stage
//! parsers do (McDonald et al. 2006).

use super::parser::{arc_basics, Context};
use super::tags::Upos;
use crate::learn::{Feats, Model, Trainer};

/// Tags of the function words whose form tells a relation (`by`, `to`, `that`, `'s`, `is`).
fn is_function(t: u64) -> bool {
    [
        Upos::Adp,
        Upos::Sconj,
        Upos::Part,
        Upos::Aux,
        Upos::Det,
        Upos::Cconj,
    ]
    .iter()
    .any(|u| u.index() as u64 + 1 == t)
}

fn is_nominal(t: u64) -> bool {
    [Upos::Noun, Upos::Propn, Upos::Pron]
        .iter()
        .any(|u| u.index() as u64 + 1 == t)
}

/// A whole tree: `head[d]` is the 0-based head of word `d`, or `n` for the root.
pub struct Tree {
    pub head: Vec<u32>,
    kids: Vec<Vec<u32>>,
}

impl Tree {
    pub fn new(head: Vec<u32>) -> Tree {
        let n = head.len();
        let mut kids = vec![Vec::new(); n + 1];
        for (d, &h) in head.iter().enumerate() {
            if (h as usize) <= n {
                kids[h as usize].push(d as u32);
            }
        }
        Tree { head, kids }
    }
}

/// The features of the arc into word `d`.
pub fn features(c: &Context, t: &Tree, d: usize, f: &mut Feats) {
    let n = t.head.len();
    let h = t.head[d];
    let d32 = d as u32;
    let (dw, dp, hp) = (c.w(d32), c.p(d32), c.p(h));
    let dir = (d32 < h) as u64;
    let hh = if (h as usize) < n {
        t.head[h as usize]
    } else {
        u32::MAX
    };
    arc_basics(c, h, d32, f);
    f.push(10, &[dp, hp, c.p(hh), dir]);
    let kids = &t.kids[d];
    let mut subject_like = 0u64;
    for &k in kids {
        let kp = c.p(k);
        let side = (k < d32) as u64;
        f.push(13, &[kp, dp, hp, side]);
        if is_function(kp) {
            f.push(11, &[c.w(k), dp, hp]);
            f.push(12, &[c.w(k), dp, side]);
        }
        if side == 1 && is_nominal(kp) {
            subject_like = 1;
        }
    }
    f.push(14, &[dp, kids.len().min(4) as u64]);
    f.push(15, &[dp, hp, subject_like]);
    let sibs = &t.kids[h as usize];
    let pos = sibs.iter().position(|&s| s == d32).unwrap_or(0);
    for (j, &s) in sibs.iter().enumerate() {
        if s != d32 && j.abs_diff(pos) <= 2 {
            f.push(16, &[c.p(s), dp, (s < d32) as u64, (s < h) as u64]);
        }
    }
    // is it the sibling nearest the head on its side (a first object, a last modifier)
    let nearest = if d32 < h {
        sibs.iter().rev().find(|&&s| s < h) == Some(&d32)
    } else {
        sibs.iter().find(|&&s| s > h) == Some(&d32)
    };
    f.push(17, &[c.suffix[d], dp, hp]);
    f.push(18, &[c.flags[d], dp, hp]);
    let prev = if d == 0 { u32::MAX } else { d32 - 1 };
    f.push(19, &[c.p(prev), dp, c.p(d32 + 1)]);
    f.push(20, &[(h as usize == n) as u64, dp]);
    f.push(21, &[nearest as u64, dp, hp, dir]);
    f.push(22, &[dw, dp, hp, dir]);
    f.push(23, &[c.w(prev), dp]);
    f.push(24, &[dp, hp, c.p(hh), subject_like, dir]);
}

/// Labels every word of a tree; the root's relation is `root`.
pub fn relabel(model: &Model, c: &Context, t: &Tree, root: u16, labels: &mut [u16]) {
    let n = t.head.len();
    let arcs: Vec<usize> = (0..n.min(labels.len()))
        .filter(|&d| (t.head[d] as usize) < n)
        .collect();
    let (mut f, mut next) = (Feats::default(), Feats::default());
    let mut buf = Vec::new();
    if let Some(&d) = arcs.first() {
        features(c, t, d, &mut next);
    }
    for label in labels.iter_mut().take(n) {
        *label = root;
    }
    for (k, &d) in arcs.iter().enumerate() {
        std::mem::swap(&mut f, &mut next);
        // the next arc's slots are asked for while this one is scored, so the misses overlap
        if let Some(&e) = arcs.get(k + 1) {
            features(c, t, e, &mut next);
            model.prefetch(&next.0);
        }
        labels[d] = model.best(&f.0, &mut buf, |_| true) as u16;
    }
}

/// Trains the relabeller on gold trees (with the given, predicted, tags).
pub fn train(
    data: &[(Context, Tree, Vec<usize>)],
    classes: usize,
    epochs: usize,
    rng: &mut crate::learn::Rng,
) -> Trainer {
    let mut t = Trainer::new(classes);
    let mut f = Feats::default();
    let mut scores = vec![0f32; classes];
    let mut order: Vec<usize> = (0..data.len()).collect();
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &k in &order {
            let (c, tree, gold) = &data[k];
            for (d, &g) in gold.iter().enumerate() {
                if tree.head[d] as usize >= gold.len() {
                    continue;
                }
                features(c, tree, d, &mut f);
                scores.iter_mut().for_each(|x| *x = 0.0);
                t.scores(&f.0, &mut scores);
                t.update(&f.0, g, super::tagger::argmax(&scores));
                t.tick();
            }
        }
    }
    t
}
