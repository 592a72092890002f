//! Plain-text reports of the graph commands: neighbours, paths and rankings.

use super::query::{Hop, NeighborEdge, Neighbors};
use super::{Date, Graph, Metrics};
use petgraph::graph::NodeIndex;
use std::collections::HashMap;
use std::io::{self, Write};

/// What `top` ranks by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RankBy {
    Pagerank,
    Degree,
    Mentions,
}

/// Node indexes sorted by `by`, highest first; ties by name, then entity id.
pub fn rank(graph: &Graph, m: &Metrics, by: RankBy) -> Vec<usize> {
    let node = |i: usize| &graph.g[NodeIndex::new(i)];
    let value = |i: usize| -> f64 {
        match by {
            RankBy::Pagerank => m.pagerank[i],
            RankBy::Degree => f64::from(m.degree(i)),
            RankBy::Mentions => node(i).mentions as f64,
        }
    };
    let mut order: Vec<usize> = (0..graph.node_count()).collect();
    order.sort_by(|&a, &b| {
        value(b)
            .total_cmp(&value(a))
            .then_with(|| node(a).name.cmp(&node(b).name))
            .then_with(|| node(a).id.cmp(&node(b).id))
    });
    order
}

fn span(first: Option<Date>, last: Option<Date>) -> String {
    match (first, last) {
        (Some(f), Some(l)) if f == l => format!(", {f}"),
        (Some(f), Some(l)) => format!(", {f}..{l}"),
        _ => String::new(),
    }
}

/// Text safe for one terminal line: whitespace runs (newlines included) become one space and
/// other control characters (escape sequences) become U+FFFD.
pub fn one_line(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect()
}

fn arrow(kind: &str, negated: bool) -> String {
    if negated {
        format!("not {kind}")
    } else {
        kind.to_string()
    }
}

fn neighbor_lines<W: Write>(
    w: &mut W,
    list: &[NeighborEdge],
    out: bool,
    total: usize,
) -> io::Result<()> {
    for e in list {
        let rel = arrow(&e.kind, e.negated);
        let (l, r) = if out { ("-", "->") } else { ("<-", "-") };
        writeln!(
            w,
            "  {l}{rel}{r} {} ({}, #{})  weight {}, {} article{}{}",
            one_line(&e.other.name),
            e.other.kind,
            e.other.id,
            e.weight,
            e.articles,
            if e.articles == 1 { "" } else { "s" },
            span(e.first_seen, e.last_seen)
        )?;
        writeln!(w, "      \"{}\"", one_line(&e.sentence))?;
    }
    if total > list.len() {
        writeln!(w, "  ... {} more (raise --limit)", total - list.len())?;
    }
    Ok(())
}

pub fn neighbors<W: Write>(w: &mut W, n: &Neighbors) -> io::Result<()> {
    let e = &n.entity;
    writeln!(
        w,
        "{} ({}, #{}): {} mentions in {} articles; {} edges out, {} in",
        one_line(&e.name),
        e.kind,
        e.id,
        e.mentions,
        e.articles,
        n.outgoing_total,
        n.incoming_total
    )?;
    writeln!(w, "out:")?;
    neighbor_lines(w, &n.outgoing, true, n.outgoing_total)?;
    writeln!(w, "in:")?;
    neighbor_lines(w, &n.incoming, false, n.incoming_total)
}

/// A path, hop by hop, each with its sample sentence from `sentences` (by sentence id).
pub fn path<W: Write>(
    w: &mut W,
    graph: &Graph,
    hops: &[Hop],
    sentences: &HashMap<i64, String>,
) -> io::Result<()> {
    let (Some(first), Some(last)) = (hops.first(), hops.last()) else {
        return Ok(());
    };
    writeln!(
        w,
        "{} to {}: {} hop{}",
        one_line(&graph.g[first.from].name),
        one_line(&graph.g[last.to].name),
        hops.len(),
        if hops.len() == 1 { "" } else { "s" }
    )?;
    for (i, h) in hops.iter().enumerate() {
        let e = &graph.g[h.edge];
        let rel = arrow(&graph.rel_type(e).kind, e.negated);
        let (from, to) = (&graph.g[h.from], &graph.g[h.to]);
        let link = if h.forward {
            format!("-{rel}->")
        } else {
            format!("<-{rel}-")
        };
        writeln!(
            w,
            "{}. {} {link} {}  (weight {}, {} article{}{})",
            i + 1,
            one_line(&from.name),
            one_line(&to.name),
            e.weight,
            e.articles,
            if e.articles == 1 { "" } else { "s" },
            span(e.first_seen(), e.last_seen())
        )?;
        let sentence = sentences.get(&e.sentence_id).map_or("", String::as_str);
        writeln!(w, "   \"{}\"", one_line(sentence))?;
    }
    Ok(())
}

pub fn top<W: Write>(w: &mut W, graph: &Graph, m: &Metrics, order: &[usize]) -> io::Result<()> {
    writeln!(
        w,
        "{:>4}  {:<32} {:<12} {:>9} {:>6} {:>5} {:>5} {:>8} {:>5}",
        "rank", "entity", "type", "pagerank", "degree", "in", "out", "mentions", "comm"
    )?;
    for (r, &i) in order.iter().enumerate() {
        let n = &graph.g[NodeIndex::new(i)];
        let name: String = one_line(&n.name).chars().take(32).collect();
        writeln!(
            w,
            "{:>4}  {:<32} {:<12} {:>9.5} {:>6} {:>5} {:>5} {:>8} {:>5}",
            r + 1,
            name,
            n.kind,
            m.pagerank[i],
            m.degree(i),
            m.in_degree[i],
            m.out_degree[i],
            n.mentions,
            m.community[i]
        )?;
    }
    Ok(())
}
