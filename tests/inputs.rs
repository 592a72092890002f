//! Inputs that cannot hang or hide: FIFOs, unreadable files, names with control characters,
//! byte-order marks, stdin, and CSV with an unclosed quote.

use rusqlite::Connection;
use std::fs;
use std::io::Write;
use std::path::Path;
use tempfile::TempDir;

mod common;
use common::ng;

fn rows(db: &Path, sql: &str) -> Vec<String> {
    let c = Connection::open(db).unwrap();
    let mut stmt = c.prepare(sql).unwrap();
    let r = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    r
}

/// Run an ingest; its exit code and stderr.
fn ingest(db: &Path, args: &[&Path]) -> (Option<i32>, String) {
    let out = ng(db).arg("ingest").args(args).output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn mkfifo(p: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(p)
        .status()
        .unwrap();
    assert!(ok.success());
}

#[test]
fn a_fifo_in_a_directory_is_skipped_and_one_named_is_read_as_a_stream() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("g.db");
    let d = dir.path().join("d");
    fs::create_dir(&d).unwrap();
    fs::write(d.join("a.txt"), "Talks\n\nKenya and Uganda signed a deal.").unwrap();
    mkfifo(&d.join("b.txt"));
    let (code, err) = ingest(&db, &[&d]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("b.txt: not a regular file (a FIFO), skipped"),
        "{err}"
    );
    assert_eq!(rows(&db, "SELECT path FROM articles").len(), 1);

    let named = dir.path().join("p.jsonl");
    mkfifo(&named);
    let writer = {
        let named = named.clone();
        std::thread::spawn(move || {
            let mut f = fs::OpenOptions::new().write(true).open(named).unwrap();
            for i in 0..3 {
                writeln!(
                    f,
                    "{{\"id\": \"f{i}\", \"text\": \"Peru and Chile met on day {i}.\"}}"
                )
                .unwrap();
            }
        })
    };
    let (code, err) = ingest(&db, &[&named]);
    writer.join().unwrap();
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        rows(
            &db,
            "SELECT external_id FROM articles WHERE external_id LIKE 'f%' ORDER BY 1"
        ),
        ["f0", "f1", "f2"]
    );
}

#[test]
fn files_that_cannot_be_read_are_named_with_a_line() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("g.db");
    let good = dir.path().join("good.txt");
    fs::write(&good, "Talks\n\nKenya and Uganda signed a deal.").unwrap();
    let missing = dir.path().join("missing.txt");
    let (code, err) = ingest(&db, &[&missing, &good]);
    assert_eq!(code, Some(0), "{err}");
    let want = format!("{}:1: cannot open: No such file", missing.display());
    assert!(err.contains(&want), "{err}");
}

#[test]
fn control_characters_in_names_are_escaped_in_reports() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("g.db");
    let d = dir.path().join("in");
    fs::create_dir(&d).unwrap();
    fs::write(d.join("ok.txt"), "Talks\n\nKenya and Uganda signed a deal.").unwrap();
    fs::write(d.join("x\nnewsgraph: all good\x1b[2J.txt"), [0u8, 1, 2]).unwrap();
    let (code, err) = ingest(&db, &[&d]);
    assert_eq!(code, Some(0), "{err}");
    assert!(!err.contains('\x1b'), "{err}");
    assert!(
        !err.lines().any(|l| l.starts_with("newsgraph: all good")),
        "{err}"
    );
    assert!(
        err.contains("x\\nnewsgraph: all good\\x1b[2J.txt:1: binary data"),
        "{err}"
    );
}

fn utf16(text: &str, big_endian: bool, mark: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if mark {
        out.extend_from_slice(if big_endian {
            &[0xFE, 0xFF]
        } else {
            &[0xFF, 0xFE]
        });
    }
    for u in text.encode_utf16() {
        out.extend_from_slice(&if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

#[test]
fn byte_order_marks_are_read_and_utf16_without_one_is_named() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("g.db");
    let d = dir.path().join("in");
    fs::create_dir(&d).unwrap();
    let text = "Café talks\n\nKenya and Uganda signed a deal in Nairobi.";
    fs::write(d.join("le.txt"), utf16(text, false, true)).unwrap();
    fs::write(
        d.join("be.txt"),
        utf16(&text.replace("Café", "Tea"), true, true),
    )
    .unwrap();
    let jsonl = "{\"id\": \"j1\", \"text\": \"Peru and Chile met.\"}\n{\"id\": \"j2\", \"text\": \"Chile and Bolivia met.\"}\n";
    fs::write(d.join("le.jsonl"), utf16(jsonl, false, true)).unwrap();
    let mut bom8 = vec![0xEF, 0xBB, 0xBF];
    bom8.extend_from_slice(b"id,text\nc1,Spain and Italy met.\n");
    fs::write(d.join("bom.csv"), bom8).unwrap();
    fs::write(
        d.join("nomark.txt"),
        utf16("Tonga and Fiji met.", false, false),
    )
    .unwrap();
    let (code, err) = ingest(&db, &[&d]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("nomark.txt:1: looks like UTF-16 text without a byte-order mark"),
        "{err}"
    );
    assert_eq!(
        rows(
            &db,
            "SELECT title FROM articles WHERE title LIKE '%talks' ORDER BY 1"
        ),
        ["Café talks", "Tea talks"]
    );
    assert_eq!(
        rows(
            &db,
            "SELECT external_id FROM articles WHERE external_id IS NOT NULL ORDER BY 1"
        ),
        ["c1", "j1", "j2"]
    );
}

#[test]
fn stdin_is_sniffed_for_html() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("g.db");
    ng(&db)
        .args(["ingest", "-"])
        .write_stdin("\n<html><head><title>Piped page</title></head><body><article><p>Chile and Peru met.</p></article></body></html>")
        .assert()
        .success();
    assert_eq!(rows(&db, "SELECT title FROM articles"), ["Piped page"]);
}

#[test]
fn an_unclosed_csv_quote_is_reported_and_the_rows_after_it_are_kept() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("g.db");
    let csv = dir.path().join("news.csv");
    let mut data = String::from("id,title,text\nr1,Talks,\"Kenya and Uganda signed a deal.\n");
    for i in 2..=1998 {
        data.push_str(&format!(
            "r{i},Day {i},\"Peru and Chile met on day {i}, officials said.\"\n"
        ));
    }
    fs::write(&csv, data).unwrap();
    let (code, err) = ingest(&db, &[&csv]);
    assert_eq!(code, Some(0), "{err}");
    // The next row's opening quote closes the field: two lines that are not a row.
    let want = format!("{}:2: quote out of place", csv.display());
    assert!(err.contains(&want), "{err}");
    // Without quotes after it, the field runs to the end of the file.
    let csv = dir.path().join("plain.csv");
    let mut data = String::from("id,title,text\np1,Talks,\"Kenya and Uganda signed a deal.\n");
    for i in 2..=1998 {
        data.push_str(&format!("p{i},Day {i},Peru and Chile met on day {i}.\n"));
    }
    fs::write(&csv, data).unwrap();
    let (code, err) = ingest(&db, &[&csv]);
    assert_eq!(code, Some(0), "{err}");
    let want = format!("{}:2: unclosed quote", csv.display());
    assert!(err.contains(&want), "{err}");
    assert!(
        err.contains("1997 new articles, 0 unchanged, 1 rejected"),
        "{err}"
    );
}
