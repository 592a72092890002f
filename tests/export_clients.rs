//! Every export read back by real clients: networkx (GraphML, GEXF, node-link JSON) and
//! Python's csv module, checked against edge_view by `tests/py/check_exports.py`.

mod graph_common;

use assert_cmd::Command;
use std::path::Path;

fn export(db: &Path, args: &[&str]) {
    Command::cargo_bin("newsgraph")
        .unwrap()
        .arg("--db")
        .arg(db)
        .arg("export")
        .args(args)
        .assert()
        .success();
}

/// Run the checker; `None` when python3 or networkx is missing (the test then skips).
fn python_check(script: &str, args: &[&Path]) -> Option<std::process::Output> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/py")
        .join(script);
    match std::process::Command::new("python3")
        .arg(path)
        .args(args)
        .output()
    {
        Err(e) => {
            eprintln!("SKIPPED: python3 is not available ({e}); install python3 and networkx");
            None
        }
        Ok(out) if out.status.code() == Some(3) => {
            eprintln!("SKIPPED: {}", String::from_utf8_lossy(&out.stdout).trim());
            None
        }
        Ok(out) => Some(out),
    }
}

#[test]
fn networkx_and_csv_read_every_export_as_edge_view_says() {
    let (dir, db) = graph_common::fixture_db();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let p = |name: &str| out.join(name).to_str().unwrap().to_string();
    export(
        &db,
        &["--format", "graphml", "--output", &p("graph.graphml")],
    );
    export(&db, &["--output", &p("graph.gexf")]);
    export(&db, &["-f", "json", "-o", &p("graph.json")]);
    export(&db, &["--format", "csv", "--output", &p("csv")]);
    export(
        &db,
        &["--format", "json", "--multi", "--output", &p("multi.json")],
    );
    assert!(out.join("csv/nodes.csv").is_file() && out.join("csv/edges.csv").is_file());
    assert!(
        std::fs::read_dir(&out).unwrap().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .ends_with(".partial")),
        "no temporary file is left behind"
    );
    let Some(res) = python_check("check_exports.py", &[&db, &out]) else {
        return;
    };
    let stdout = String::from_utf8_lossy(&res.stdout);
    let stderr = String::from_utf8_lossy(&res.stderr);
    assert!(res.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.starts_with("OK:"), "{stdout}");
}

#[test]
fn export_refuses_unknown_format_and_bad_filters_with_usage_errors() {
    let (dir, db) = graph_common::fixture_db();
    let run = |args: &[&str]| {
        Command::cargo_bin("newsgraph")
            .unwrap()
            .arg("--db")
            .arg(&db)
            .arg("export")
            .args(args)
            .assert()
            .code(2)
    };
    let o = dir.path().join("g.txt");
    run(&["--output", o.to_str().unwrap()]).stderr(predicates::str::contains("--format"));
    let o = dir.path().join("g.graphml");
    run(&["-o", o.to_str().unwrap(), "--types", "nonsense"])
        .stderr(predicates::str::contains("unknown relation type"));
    assert!(!o.exists(), "a failed export writes nothing");
}
