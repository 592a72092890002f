//! `newsgraph render` as a user sees it: the SVG parses, with one titled node element per node
//! of the subgraph and labels that do not overlap; the HTML page, opened in headless Chromium,
//! draws every node, fetches nothing, logs no error, and shows an edge's evidence on click
//! (skipped with a message where Chromium, node or puppeteer-core is missing).

mod browser;

use assert_cmd::Command;
use quick_xml::events::Event;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn newsgraph(db: &Path) -> Command {
    let mut c = Command::cargo_bin("newsgraph").unwrap();
    c.arg("--db").arg(db);
    c
}

fn samples_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples");
    newsgraph(&db).arg("ingest").arg(samples).assert().success();
    (dir, db)
}

const AROUND: [&str; 4] = ["--around", "North Korea", "--depth", "2"];

/// (node labels, edge count) of the same subgraph, from the JSON export.
fn subgraph(db: &Path) -> (BTreeSet<String>, usize) {
    let out = newsgraph(db)
        .args(["export", "-f", "json", "-o", "-"])
        .args(AROUND)
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let names = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["label"].as_str().unwrap().to_string())
        .collect();
    (names, v["edges"].as_array().unwrap().len())
}

/// What the SVG holds: node titles, visible labels (with x, y, anchor), edge count.
#[derive(Default)]
struct Svg {
    node_titles: Vec<String>,
    labels: Vec<(String, f64, f64, String)>,
    edges: usize,
    arrows: usize,
}

fn read_svg(text: &str) -> Svg {
    let mut r = quick_xml::Reader::from_str(text);
    let mut svg = Svg::default();
    let (mut in_node, mut in_title, mut label) = (false, false, None::<(f64, f64, String)>);
    loop {
        match r.read_event().expect("well-formed SVG") {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let attr = |k: &str| {
                    e.try_get_attribute(k)
                        .unwrap()
                        .map(|a| a.unescape_value().unwrap().to_string())
                };
                match e.name().as_ref() {
                    b"g" if attr("class").as_deref() == Some("node") => in_node = true,
                    b"title" if in_node => in_title = true,
                    b"path" if attr("class").as_deref() == Some("edge") => {
                        svg.edges += 1;
                        svg.arrows += usize::from(attr("marker-end").is_some());
                    }
                    b"text" if attr("class").as_deref() == Some("label") => {
                        let num = |k: &str| attr(k).unwrap().parse::<f64>().unwrap();
                        label = Some((num("x"), num("y"), attr("text-anchor").unwrap()));
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                let t = t.unescape().unwrap().to_string();
                if in_title {
                    svg.node_titles.push(t);
                } else if let Some((x, y, a)) = label.take() {
                    svg.labels.push((t, x, y, a));
                }
            }
            Event::End(e) => match e.name().as_ref() {
                b"title" => in_title = false,
                b"g" => in_node = false,
                _ => {}
            },
            _ => {}
        }
    }
    svg
}

#[test]
fn the_svg_has_a_titled_element_per_node_arrows_per_edge_and_labels_that_do_not_overlap() {
    let (dir, db) = samples_db();
    let (names, edges) = subgraph(&db);
    assert!(names.len() >= 5, "{names:?}");
    let file = dir.path().join("nk.svg");
    newsgraph(&db)
        .args(["render", "-o"])
        .arg(&file)
        .args(AROUND)
        .assert()
        .success()
        .stderr(predicates::str::contains(format!(
            "drew {} nodes",
            names.len()
        )));
    let text = std::fs::read_to_string(&file).unwrap();
    let svg = read_svg(&text);
    // One node element per node, titled with the entity's name and type.
    let titled: BTreeSet<String> = svg
        .node_titles
        .iter()
        .map(|t| t.rsplit_once(" (").unwrap().0.to_string())
        .collect();
    assert_eq!(svg.node_titles.len(), names.len());
    assert_eq!(titled, names);
    assert_eq!((svg.edges, svg.arrows), (edges, edges));
    // The entity it is around is labelled; every label names a node; no two labels overlap
    // (boxes from the font size and a generous 0.6 em per character).
    assert!(
        svg.labels.iter().any(|l| l.0 == "North Korea"),
        "{:?}",
        svg.labels
    );
    assert!(
        svg.labels.len() * 2 >= names.len(),
        "few labels: {:?}",
        svg.labels
    );
    let boxes: Vec<(f64, f64, f64, f64)> = svg
        .labels
        .iter()
        .map(|(t, x, y, a)| {
            assert!(names.contains(t), "label {t} is no node");
            let w = t.chars().count() as f64 * 7.2;
            let x0 = match a.as_str() {
                "start" => *x,
                "end" => x - w,
                _ => x - w / 2.0,
            };
            (x0, y - 9.0, x0 + w, y + 3.0)
        })
        .collect();
    for (i, a) in boxes.iter().enumerate() {
        for (j, b) in boxes.iter().enumerate().skip(i + 1) {
            let clear = a.2 <= b.0 || b.2 <= a.0 || a.3 <= b.1 || b.3 <= a.1;
            assert!(
                clear,
                "labels {:?} and {:?} overlap",
                svg.labels[i], svg.labels[j]
            );
        }
    }
    // Same database, same options: the same bytes.
    let again = dir.path().join("again.svg");
    newsgraph(&db)
        .args(["render", "-o"])
        .arg(&again)
        .args(AROUND)
        .assert()
        .success();
    assert_eq!(std::fs::read(&again).unwrap(), text.as_bytes());
}

#[test]
fn render_refuses_what_it_cannot_draw_with_usage_errors() {
    let (dir, db) = samples_db();
    let run = |args: &[&str]| newsgraph(&db).arg("render").args(args).assert().code(2);
    let png = dir.path().join("g.png");
    run(&["-o", png.to_str().unwrap()]).stderr(predicates::str::contains("--format svg|html"));
    let svg = dir.path().join("g.svg");
    run(&["-o", svg.to_str().unwrap(), "--no-layout"]).stderr(predicates::str::contains("layout"));
    run(&["-o", svg.to_str().unwrap(), "--around", "Nowhere At All"]);
    assert!(
        !svg.exists() && !png.exists(),
        "a refused render writes nothing"
    );
    // Nothing to draw is drawn, and said.
    newsgraph(&db)
        .args(["render", "--since", "2031", "-o"])
        .arg(&svg)
        .assert()
        .success()
        .stderr(predicates::str::contains("the picture is empty"));
    let empty = read_svg(&std::fs::read_to_string(&svg).unwrap());
    assert_eq!((empty.node_titles.len(), empty.edges), (0, 0));
}

#[test]
fn the_html_page_draws_every_node_offline_and_shows_evidence_on_click() {
    let Some(browser) = browser::find("render html") else {
        return;
    };
    let (dir, db) = samples_db();
    let (names, edges) = subgraph(&db);
    let file = dir.path().join("nk.html");
    newsgraph(&db)
        .args(["render", "-o"])
        .arg(&file)
        .args(AROUND)
        .assert()
        .success();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js/render_check.js");
    // The screenshot is kept where a person can look at it.
    let shot = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/render-test.png");
    let got = browser.run(
        &script,
        &[
            &file,
            Path::new("--shot"),
            &shot,
            Path::new("--search"),
            Path::new("China"),
            Path::new("--click-edge"),
        ],
    );
    assert_eq!(got["errors"], serde_json::json!([]), "{got}");
    assert_eq!(got["requests"], serde_json::json!([]), "fetched: {got}");
    assert_eq!(got["nodes"], names.len(), "{got}");
    assert_eq!(got["edges"], edges, "{got}");
    assert_eq!(
        got["drawn"],
        names.len(),
        "not every node is in view: {got}"
    );
    let labels: BTreeSet<String> = got["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap().to_string())
        .collect();
    assert!(
        labels.contains("North Korea") && labels.is_subset(&names),
        "{got}"
    );
    let coloured = got["colored_pixel_ratio"].as_f64().unwrap();
    assert!(coloured > 0.003, "nothing coloured drawn: {got}");
    assert!(shot.exists());
    // Search finds the entity and lists its relations.
    let panel = got["search_panel"].as_str().unwrap();
    assert!(panel.starts_with("China\ncountry"), "{panel}");
    assert!(panel.contains("China bans North Korea"), "{panel}");
    // A click on an edge shows its statement and evidence sentences, dated.
    let panel = got["edge_panel"].as_str().unwrap();
    let first = panel.lines().next().unwrap_or_default();
    assert!(
        names.iter().filter(|n| first.contains(n.as_str())).count() >= 2,
        "no statement in {panel:?}"
    );
    assert!(
        panel.contains("sentence") && panel.contains("2018-"),
        "{panel}"
    );
}
