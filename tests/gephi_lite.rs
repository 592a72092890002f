//! Every export Gephi Lite opens, opened in Gephi Lite for real: `../shared/clients/gephi-lite/
//! open.js` loads the file in headless Chromium and reports what the app shows. Counts must
//! match the export, the graph must be directed, the nodes coloured, and no error logged.
//! `tests/js/gephi_lite_fields.js` then reads the column types Gephi Lite guessed and the
//! appearance it inferred: labels, colours, sizes and positions from the file, counts typed
//! as numbers. Skips with a message where Chromium, node, puppeteer-core or the shared client
//! is missing.

mod browser;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn open_js() -> Option<PathBuf> {
    let p = std::env::var_os("GEPHI_LITE_OPEN")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/clients/gephi-lite/open.js")
        });
    p.exists().then_some(p)
}

fn newsgraph(db: &Path) -> Command {
    let mut c = Command::cargo_bin("newsgraph").unwrap();
    c.arg("--db").arg(db);
    c
}

/// (nodes, edges) from export's "wrote N nodes and M edges to PATH".
fn written(stderr: &[u8]) -> (u64, u64) {
    let text = String::from_utf8_lossy(stderr);
    let line = text.lines().find(|l| l.starts_with("wrote ")).unwrap();
    let w: Vec<&str> = line.split_whitespace().collect();
    (w[1].parse().unwrap(), w[4].parse().unwrap())
}

#[test]
fn gephi_lite_opens_gexf_and_graphml_coloured_directed_and_whole() {
    let Some(open) = open_js() else {
        eprintln!("SKIPPED: Gephi Lite's open.js is not at ../shared/clients/gephi-lite (set GEPHI_LITE_OPEN)");
        return;
    };
    let Some(browser) = browser::find("gephi_lite") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples");
    newsgraph(&db).arg("ingest").arg(samples).assert().success();
    for (name, extra) in [
        ("all.gexf", vec![]),
        ("all.graphml", vec![]),
        // A small export where every weight is 1 (asserted below).
        ("small.graphml", vec!["--around", "India"]),
    ] {
        let file = dir.path().join(name);
        let out = newsgraph(&db)
            .arg("export")
            .arg("-o")
            .arg(&file)
            .args(&extra)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let (nodes, edges) = written(&out.stderr);
        if name.starts_with("small") {
            let xml = std::fs::read_to_string(&file).unwrap();
            assert!(
                !xml.contains("<data key=\"weight\">"),
                "{name}: a weight is not 1"
            );
        }
        assert!(
            nodes > 1 && edges > 0,
            "{name}: {nodes} nodes, {edges} edges"
        );
        let got = browser.run(&open, &[&file]);
        assert_eq!(got["nodes"], nodes, "{name}: {got}");
        assert_eq!(got["edges"], edges, "{name}: {got}");
        assert_eq!(got["directed"], true, "{name}: {got}");
        assert_eq!(got["errors"], serde_json::json!([]), "{name}: {got}");
        // 0 would mean every node grey: the file's colours were refused.
        let coloured = got["colored_pixel_ratio"].as_f64().unwrap();
        assert!(coloured > 0.002, "{name}: nodes drawn grey: {got}");

        let app = open.parent().unwrap().join("app");
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js/gephi_lite_fields.js");
        let f = browser.run(&script, &[&app, &file]);
        let edge = |c: &str| f["edge_fields"][c].as_str().unwrap_or("absent").to_string();
        let node = |c: &str| f["node_fields"][c].as_str().unwrap_or("absent").to_string();
        assert_eq!(f["positioned"], true, "{name}: {f}");
        for (what, want) in [
            ("nodes_label", "label"),
            ("nodes_color", "color"),
            ("nodes_size", "size"),
            ("edges_label", "label"),
            ("edges_size", "weight"),
        ] {
            assert_eq!(f[what], want, "{name}: {what}: {f}");
        }
        assert_eq!(edge("label"), "text", "{name}: {f}");
        assert_eq!(edge("weight"), "number", "{name}: {f}");
        assert_eq!(node("pagerank"), "number", "{name}: {f}");
        assert_ne!(
            edge("cameo_root"),
            "number",
            "{name}: CAMEO codes lose their zero: {f}"
        );
        if name.ends_with(".graphml") {
            // GEXF cannot keep these from looking like yes/no (see docs/exports.md).
            for c in ["articles", "mentions"] {
                assert_ne!(node(c), "boolean", "{name}: node {c}: {f}");
            }
            assert_ne!(edge("articles"), "boolean", "{name}: edge articles: {f}");
        }
    }
}
