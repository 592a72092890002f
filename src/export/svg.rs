//! `render --output FILE.svg`: the picture as one standalone SVG. Every node is a `<g
//! class="node">` with a `<title>` naming it (hover text, and what screen readers say), the
//! important ones also a visible label; edges are curves with an arrowhead in their family's
//! colour, dashed when negated, titled with their statement and first evidence sentences.

use super::picture::{Picture, PictureEdge, FONT};
use super::xml::escape;
use std::collections::BTreeSet;
use std::io::{self, Write};

fn hex((r, g, b): (u8, u8, u8)) -> String {
    format!("{r:02x}{g:02x}{b:02x}")
}

fn num(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// The path of an edge: a quadratic curve from circle border to circle border.
fn path(p: &Picture, e: &PictureEdge) -> String {
    let (a, b) = (&p.nodes[e.source], &p.nodes[e.target]);
    let (mx, my) = p.edge_middle(e);
    // The control point: the curve passes through its middle point.
    let (cx, cy) = (2.0 * mx - (a.x + b.x) / 2.0, 2.0 * my - (a.y + b.y) / 2.0);
    let unit = |dx: f64, dy: f64| {
        let l = (dx * dx + dy * dy).sqrt().max(1e-9);
        (dx / l, dy / l)
    };
    let (ux, uy) = unit(cx - a.x, cy - a.y);
    let (vx, vy) = unit(b.x - cx, b.y - cy);
    let (sx, sy) = (a.x + ux * a.r, a.y + uy * a.r);
    let (tx, ty) = (b.x - vx * (b.r + 1.0), b.y - vy * (b.r + 1.0));
    if e.bend == 0.0 {
        format!("M{} {} L{} {}", num(sx), num(sy), num(tx), num(ty))
    } else {
        format!(
            "M{} {} Q{} {} {} {}",
            num(sx),
            num(sy),
            num(cx),
            num(cy),
            num(tx),
            num(ty)
        )
    }
}

/// Hover text of an edge: its statement, evidence count and first sentences.
pub fn edge_title(p: &Picture, e: &PictureEdge) -> String {
    let (a, b) = (&p.nodes[e.source], &p.nodes[e.target]);
    let not = if e.negated { "not " } else { "" };
    let mut t = format!(
        "{} {not}{} {} ({} sentence{})",
        a.name,
        e.kind,
        b.name,
        e.weight,
        if e.weight == 1 { "" } else { "s" }
    );
    for ev in e.evidence.iter().take(3) {
        t.push('\n');
        if let Some(d) = &ev.date {
            t.push_str(d);
            t.push_str(": ");
        }
        t.push_str(&crate::graph::print::one_line(&ev.sentence));
    }
    t
}

pub fn write<W: Write>(w: &mut W, p: &Picture, title: &str) -> io::Result<()> {
    let (wd, ht) = (p.width, p.height);
    writeln!(
        w,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{wd}\" height=\"{ht}\" viewBox=\"0 0 {wd} {ht}\" font-family=\"Helvetica, Arial, sans-serif\">"
    )?;
    w.write_all(b"<title>")?;
    escape(w, title)?;
    w.write_all(b"</title>\n<defs>\n")?;
    let colours: BTreeSet<String> = p.edges.iter().map(|e| hex(e.color)).collect();
    for c in &colours {
        writeln!(
            w,
            "<marker id=\"arrow-{c}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0 0L10 5L0 10z\" fill=\"#{c}\"/></marker>"
        )?;
    }
    w.write_all(b"</defs>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n")?;
    // Many edges: lighter, so the nodes and labels stay readable through them.
    let opacity = if p.edges.len() > 200 { 0.45 } else { 0.75 };
    writeln!(
        w,
        "<g class=\"edges\" fill=\"none\" stroke-opacity=\"{opacity}\">"
    )?;
    for e in &p.edges {
        let c = hex(e.color);
        let width = (1.0 + f64::from(e.weight).log2()).min(5.0);
        write!(
            w,
            "<path class=\"edge\" data-relation=\"{}\" d=\"{}\" stroke=\"#{c}\" stroke-width=\"{}\" marker-end=\"url(#arrow-{c})\"{}><title>",
            e.kind,
            path(p, e),
            num(width),
            if e.negated { " stroke-dasharray=\"4 3\"" } else { "" }
        )?;
        escape(w, &edge_title(p, e))?;
        w.write_all(b"</title></path>\n")?;
    }
    w.write_all(b"</g>\n<g class=\"edge-labels\" text-anchor=\"middle\">\n")?;
    let halo =
        "paint-order=\"stroke\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\"";
    for e in p.edges.iter().filter(|e| e.label) {
        let (x, y) = p.edge_middle(e);
        write!(
            w,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"#{}\" {halo}>",
            num(x),
            num(y - 3.0),
            FONT - 2.0,
            hex(e.color)
        )?;
        escape(w, &e.kind)?;
        w.write_all(b"</text>\n")?;
    }
    w.write_all(b"</g>\n<g class=\"nodes\" stroke=\"#ffffff\" stroke-width=\"1.5\">\n")?;
    for n in &p.nodes {
        write!(
            w,
            "<g class=\"node\" id=\"n{}\" data-type=\"{}\"><title>",
            n.id, n.kind
        )?;
        escape(w, &n.name)?;
        writeln!(
            w,
            " ({}, weighted degree {})</title><circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"#{}\"{}/></g>",
            n.kind,
            n.weighted_degree,
            n.x,
            n.y,
            n.r,
            hex(n.color),
            if n.focus { " stroke=\"#000000\" stroke-width=\"2.5\"" } else { "" }
        )?;
    }
    w.write_all(b"</g>\n<g class=\"labels\" fill=\"#222222\">\n")?;
    for n in p.nodes.iter().filter(|n| n.label) {
        let (x, y, anchor) = n.label_at;
        write!(
            w,
            "<text class=\"label\" data-node=\"n{}\" x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\" font-size=\"{FONT}\"{} {halo}>",
            n.id,
            num(x),
            num(y),
            if n.focus { " font-weight=\"bold\"" } else { "" }
        )?;
        escape(w, &n.name)?;
        w.write_all(b"</text>\n")?;
    }
    w.write_all(b"</g>\n")?;
    legend(w, p)?;
    w.write_all(b"</svg>\n")
}

/// Entity types and relation families present, with their colours, in the lower left.
fn legend<W: Write>(w: &mut W, p: &Picture) -> io::Result<()> {
    let kinds: BTreeSet<(&str, (u8, u8, u8))> =
        p.nodes.iter().map(|n| (n.kind.as_str(), n.color)).collect();
    let families: BTreeSet<(&str, (u8, u8, u8))> = p
        .edges
        .iter()
        .map(|e| (e.family.as_str(), e.color))
        .collect();
    let rows = kinds.len() + families.len();
    let mut y = p.height - 12.0 - 14.0 * rows as f64;
    w.write_all(b"<g class=\"legend\" font-size=\"11\" fill=\"#444444\">\n")?;
    for (k, c) in &kinds {
        writeln!(
            w,
            "<circle cx=\"16\" cy=\"{}\" r=\"5\" fill=\"#{}\"/><text x=\"26\" y=\"{}\">{k}</text>",
            num(y),
            hex(*c),
            num(y + 4.0)
        )?;
        y += 14.0;
    }
    for (f, c) in &families {
        writeln!(
            w,
            "<line x1=\"10\" y1=\"{}\" x2=\"22\" y2=\"{}\" stroke=\"#{}\" stroke-width=\"2.5\"/><text x=\"26\" y=\"{}\">{f}</text>",
            num(y),
            num(y),
            hex(*c),
            num(y + 4.0)
        )?;
        y += 14.0;
    }
    w.write_all(b"</g>\n")
}
