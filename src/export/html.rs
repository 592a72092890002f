//! `render --output FILE.html`: the picture as one self-contained page that works offline.
//! graphology and sigma.js (MIT, vendored in `assets/vendor/`, their licences copied into
//! the page) draw it with WebGL; the page adds zoom, search and the evidence sentences of an
//! edge on click. The graph travels as JSON inside the page, `<` escaped so no sentence can
//! close its script element.

use super::picture::Picture;
use serde::Serialize;
use std::io::{self, Write};

const TEMPLATE: &str = include_str!("render.html");
const GRAPHOLOGY: &str = include_str!("../../assets/vendor/graphology-0.26.0.umd.min.js");
const SIGMA: &str = include_str!("../../assets/vendor/sigma-3.0.2.min.js");
const LICENSES: [(&str, &str); 2] = [
    (
        "graphology 0.26.0",
        include_str!("../../assets/vendor/LICENSE.graphology.txt"),
    ),
    (
        "sigma.js 3.0.2",
        include_str!("../../assets/vendor/LICENSE.sigma.txt"),
    ),
];

#[derive(Serialize)]
struct Data<'a> {
    nodes: Vec<Node<'a>>,
    edges: Vec<Edge<'a>>,
}

#[derive(Serialize)]
struct Node<'a> {
    id: i64,
    name: &'a str,
    kind: &'a str,
    x: f64,
    y: f64,
    r: f64,
    color: [u8; 3],
    weighted_degree: f64,
    label: bool,
    focus: bool,
}

#[derive(Serialize)]
struct Edge<'a> {
    source: usize,
    target: usize,
    kind: &'a str,
    family: &'a str,
    color: [u8; 3],
    weight: u32,
    negated: bool,
    label: bool,
    evidence: Vec<Evidence<'a>>,
}

#[derive(Serialize)]
struct Evidence<'a> {
    date: Option<&'a str>,
    sentence: &'a str,
}

/// The graph as the page's script reads it, with `<` as `\u003c`.
fn data_json(p: &Picture) -> String {
    let rgb = |(r, g, b): (u8, u8, u8)| [r, g, b];
    let data = Data {
        nodes: p
            .nodes
            .iter()
            .map(|n| Node {
                id: n.id,
                name: &n.name,
                kind: &n.kind,
                x: n.x,
                y: n.y,
                r: n.r,
                color: rgb(n.color),
                weighted_degree: n.weighted_degree,
                label: n.label,
                focus: n.focus,
            })
            .collect(),
        edges: p
            .edges
            .iter()
            .map(|e| Edge {
                source: e.source,
                target: e.target,
                kind: &e.kind,
                family: &e.family,
                color: rgb(e.color),
                weight: e.weight,
                negated: e.negated,
                label: e.label,
                evidence: e
                    .evidence
                    .iter()
                    .map(|v| Evidence {
                        date: v.date.as_deref(),
                        sentence: &v.sentence,
                    })
                    .collect(),
            })
            .collect(),
    };
    serde_json::to_string(&data)
        .expect("serializing plain data")
        .replace('<', "\\u003c")
}

/// Text for an HTML element or comment: markup characters escaped, `--` broken up.
fn html_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace("--", "- -")
}

pub fn write<W: Write>(w: &mut W, p: &Picture, title: &str) -> io::Result<()> {
    let licenses: String = LICENSES
        .iter()
        .map(|(name, text)| format!("{name}\n\n{}\n", html_text(text)))
        .collect();
    let title = html_text(title);
    let data = data_json(p);
    // The template's markers, in order of appearance, and what replaces them.
    let mut rest = TEMPLATE;
    while let Some(at) = rest.find("@@") {
        w.write_all(&rest.as_bytes()[..at])?;
        let after = &rest[at + 2..];
        let end = after.find("@@").expect("markers come in pairs");
        let value: &str = match &after[..end] {
            "TITLE" => &title,
            "DATA" => &data,
            "GRAPHOLOGY" => GRAPHOLOGY,
            "SIGMA" => SIGMA,
            "LICENSES" => &licenses,
            other => unreachable!("unknown template marker {other}"),
        };
        w.write_all(value.as_bytes())?;
        rest = &after[end + 2..];
    }
    w.write_all(rest.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vendored_scripts_cannot_end_their_script_elements() {
        for (name, js) in [("graphology", GRAPHOLOGY), ("sigma", SIGMA)] {
            assert!(!js.contains("</script"), "{name}");
        }
        assert!(html_text("a--b <c>").eq("a- -b &lt;c&gt;"));
    }
}
