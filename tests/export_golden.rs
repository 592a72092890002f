//! Golden files for a small deterministic export (and its `render` SVG), and escaping checked
//! with an XML parser.
//! Regenerate the golden files with `UPDATE_GOLDEN=1 cargo test --test export_golden`.

mod graph_common;

use newsgraph::export::{export, render, Format, PictureFormat};
use newsgraph::graph::{self, Filter, Layout, LayoutOptions, Metrics};
use newsgraph::store::Store;
use std::path::{Path, PathBuf};

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// Export the fixture in every format into `dir`; returns (relative name, path) pairs.
fn export_all(db: &Path, dir: &Path) -> Vec<(String, PathBuf)> {
    let s = Store::open_readonly(db).unwrap();
    let g = graph::build(&s, &Filter::default(), false).unwrap();
    let m = Metrics::compute(&g);
    let l = Layout::compute(&g, &LayoutOptions::default());
    export(
        &s,
        &g,
        &m,
        &l,
        Format::Graphml,
        &dir.join("fixture.graphml"),
    )
    .unwrap();
    export(&s, &g, &m, &l, Format::Gexf, &dir.join("fixture.gexf")).unwrap();
    export(&s, &g, &m, &l, Format::Json, &dir.join("fixture.json")).unwrap();
    export(&s, &g, &m, &l, Format::Csv, &dir.join("fixture-csv")).unwrap();
    let (f, svg) = (Filter::default(), PictureFormat::Svg);
    render(
        &s,
        &f,
        &g,
        &m,
        &l,
        Some(1),
        "fixture",
        svg,
        &dir.join("fixture.svg"),
    )
    .unwrap();
    [
        "fixture.graphml",
        "fixture.gexf",
        "fixture.json",
        "fixture-csv/nodes.csv",
        "fixture-csv/edges.csv",
        "fixture.svg",
    ]
    .iter()
    .map(|n| (n.to_string(), dir.join(n)))
    .collect()
}

#[test]
fn exports_match_the_golden_files_byte_for_byte() {
    let (dir, db) = graph_common::fixture_db();
    let files = export_all(&db, dir.path());
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    for (name, path) in files {
        let got = std::fs::read_to_string(&path).unwrap();
        let golden = golden_dir().join(&name);
        if update {
            std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
            std::fs::write(&golden, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&golden)
            .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_GOLDEN=1)", golden.display()));
        assert!(
            got == want,
            "{name} differs from {}:\n{got}",
            golden.display()
        );
    }
}

#[test]
fn exports_are_deterministic() {
    let (dir, db) = graph_common::fixture_db();
    let a = dir.path().join("a");
    let b = dir.path().join("b");
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    for ((_, x), (_, y)) in export_all(&db, &a).into_iter().zip(export_all(&db, &b)) {
        assert_eq!(
            std::fs::read(&x).unwrap(),
            std::fs::read(&y).unwrap(),
            "{}",
            x.display()
        );
    }
}

/// Every text value of `key`-labelled data (GraphML) or `label` attributes (GEXF), decoded.
fn xml_labels(path: &Path) -> Vec<String> {
    use quick_xml::events::Event;
    let xml = std::fs::read_to_string(path).unwrap();
    let mut r = quick_xml::Reader::from_str(&xml);
    let mut out = Vec::new();
    let mut in_label = false;
    loop {
        match r
            .read_event()
            .unwrap_or_else(|e| panic!("{}: not well-formed: {e}", path.display()))
        {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                for a in e.attributes() {
                    let a = a.unwrap();
                    let v = a.unescape_value().unwrap().to_string();
                    if a.key.as_ref() == b"label" {
                        out.push(v.clone());
                    }
                    in_label =
                        e.name().as_ref() == b"data" && a.key.as_ref() == b"key" && v == "label";
                }
            }
            Event::Text(t) if in_label => {
                out.push(t.unescape().unwrap().to_string());
                in_label = false;
            }
            _ => {}
        }
    }
    out
}

#[test]
fn awkward_names_survive_xml_escaping_with_forbidden_characters_replaced() {
    let (dir, db) = graph_common::fixture_db();
    export_all(&db, dir.path());
    let want = graph_common::AWKWARD.replace('\u{1}', "\u{fffd}");
    for f in ["fixture.graphml", "fixture.gexf"] {
        let labels = xml_labels(&dir.path().join(f));
        assert!(labels.contains(&want), "{f}: {labels:?}");
        assert!(labels.contains(&"China".to_string()), "{f}: {labels:?}");
    }
    // JSON and CSV carry the name exactly, control character included.
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("fixture.json")).unwrap())
            .unwrap();
    let names: Vec<&str> = json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["label"].as_str().unwrap())
        .collect();
    assert!(names.contains(&graph_common::AWKWARD), "{names:?}");
    let mut r = csv::Reader::from_path(dir.path().join("fixture-csv/nodes.csv")).unwrap();
    let labels: Vec<String> = r.records().map(|r| r.unwrap()[1].to_string()).collect();
    assert!(
        labels.contains(&graph_common::AWKWARD.to_string()),
        "{labels:?}"
    );
    // The SVG parses, and names the node on one line, its control character replaced.
    let svg = std::fs::read_to_string(dir.path().join("fixture.svg")).unwrap();
    let mut r = quick_xml::Reader::from_str(&svg);
    let mut texts = Vec::new();
    loop {
        match r.read_event().expect("well-formed SVG") {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Text(t) => texts.push(t.unescape().unwrap().to_string()),
            _ => {}
        }
    }
    let one_line = "Smith & Sons <\"Ltd\">, Inc. Holding\u{fffd}";
    assert!(texts.iter().any(|t| t.starts_with(one_line)), "{texts:?}");
}
