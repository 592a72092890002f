//! The README runs: every SQL example returns rows and every `newsgraph` command example
//! succeeds with output, against a database of the bundled samples.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The fenced blocks of the README in language `lang`.
fn blocks(lang: &str) -> Vec<String> {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let mut out = Vec::new();
    let mut cur: Option<String> = None;
    for line in readme.lines() {
        match (&mut cur, line.trim_start()) {
            (None, l) if l == format!("```{lang}") => cur = Some(String::new()),
            (Some(_), "```") => out.extend(cur.take()),
            (Some(b), _) => {
                b.push_str(line);
                b.push('\n');
            }
            _ => {}
        }
    }
    out
}

/// Splits a shell command line into words (double and single quotes; no escapes).
fn words(line: &str) -> Vec<String> {
    let (mut out, mut cur, mut quote, mut any) = (Vec::new(), String::new(), None, false);
    for c in line.chars() {
        match (quote, c) {
            (None, '"' | '\'') => (quote, any) = (Some(c), true),
            (Some(q), c) if c == q => quote = None,
            (None, c) if c.is_whitespace() => {
                if any {
                    out.push(std::mem::take(&mut cur));
                }
                any = false;
            }
            _ => (cur.push(c), any = true).1,
        }
    }
    if any {
        out.push(cur);
    }
    out
}

fn newsgraph(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_newsgraph"));
    c.current_dir(dir).env_remove("NEWSGRAPH_DB");
    c
}

#[test]
fn every_readme_example_runs_on_the_samples() {
    let dir = tempfile::tempdir().unwrap();
    let samples = root().join("data/samples");
    let out = newsgraph(dir.path())
        .arg("ingest")
        .arg(&samples)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let mut queries = 0;
    for block in blocks("sql") {
        for sql in block.split(';').map(str::trim).filter(|s| !s.is_empty()) {
            let sql: String = sql
                .lines()
                .filter(|l| !l.trim_start().starts_with("--"))
                .collect::<Vec<_>>()
                .join("\n");
            let out = newsgraph(dir.path())
                .args(["query", "-f", "tsv", &sql])
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{sql}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let rows = String::from_utf8_lossy(&out.stdout).lines().count();
            assert!(
                rows >= 2,
                "the README's example returns no row on the samples:\n{sql}"
            );
            queries += 1;
        }
    }
    assert!(queries >= 5, "{queries} SQL examples found");

    let mut commands = 0;
    for block in blocks("sh") {
        for line in block.lines() {
            let line = line.split("  #").next().unwrap_or("").trim();
            let line = line
                .strip_prefix("cargo run --release -- ")
                .map_or(line.to_string(), |l| format!("newsgraph {l}"));
            let Some(rest) = line.strip_prefix("newsgraph ") else {
                continue;
            };
            if rest.contains('|') {
                continue;
            }
            let (cmd, redirect) = match rest.split_once(" > ") {
                Some((c, f)) => (c, Some(f.trim())),
                None => (rest, None),
            };
            let mut args = words(cmd);
            for a in &mut args {
                if a == "data/samples" {
                    *a = samples.display().to_string();
                }
            }
            let out = newsgraph(dir.path()).args(&args).output().unwrap();
            assert!(
                out.status.success(),
                "{line}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let printed = !out.stdout.is_empty() || !out.stderr.is_empty();
            let wrote = args
                .iter()
                .skip_while(|a| *a != "--output")
                .nth(1)
                .map(|p| dir.path().join(p));
            let wrote = wrote.is_some_and(|p| p.exists());
            assert!(printed || wrote, "{line}: no output");
            if let Some(f) = redirect {
                assert!(!out.stdout.is_empty(), "{line}: nothing for {f}");
                // later examples read what an earlier one wrote (`extract > lines.jsonl`)
                std::fs::write(dir.path().join(f), &out.stdout).unwrap();
            }
            commands += 1;
        }
    }
    assert!(commands >= 8, "{commands} command examples found");
}
