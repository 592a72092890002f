//! Every export Gephi Lite opens, opened in Gephi Lite for real: `../shared/clients/gephi-lite/
//! open.js` loads the file in headless Chromium and reports what the app shows. Counts must
//! match the export, the graph must be directed, the nodes coloured, and no error logged.
//! Skips with a message where Chromium, node, puppeteer-core or the shared client is missing.

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
        // A small export: every weight 1, every node of one component.
        (
            "small.graphml",
            vec!["--around", "North Korea", "--depth", "1"],
        ),
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
    }
}
