//! Outputs that respect what is there: stderr that cannot be written, `export -o` onto
//! devices, FIFOs and symlinks, and CSV export directories replaced as a unit.

use std::fs;
use std::io::Write;
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;
use tempfile::TempDir;

mod common;
use common::{bin, count, ng};

/// `n` articles as JSON Lines, every tenth record invalid JSON, so reports are printed
/// all along the run.
fn corpus_with_reports(path: &Path, n: usize) -> usize {
    let mut f = std::io::BufWriter::new(fs::File::create(path).unwrap());
    let mut good = 0;
    for i in 0..n {
        if i % 10 == 0 {
            writeln!(f, "{{not json {i}").unwrap();
            continue;
        }
        good += 1;
        let text = format!(
            "France and Japan held talks on trade on day {i}. Kenya criticized Canada over quotas in round {i}."
        );
        writeln!(
            f,
            "{}",
            serde_json::json!({"id": format!("a{i}"), "text": text})
        )
        .unwrap();
    }
    good
}

/// A database with a few edges, for the export tests.
fn small_db(dir: &Path) -> PathBuf {
    let db = dir.join("g.db");
    let input = dir.join("in.jsonl");
    corpus_with_reports(&input, 30);
    ng(&db)
        .args(["ingest", "-q"])
        .arg(&input)
        .assert()
        .success();
    db
}

#[test]
fn a_full_stderr_does_not_stop_the_ingest() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("g.db");
    let input = dir.path().join("in.jsonl");
    let good = corpus_with_reports(&input, 3_000);
    let full = fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let status = std::process::Command::new(bin())
        .arg("--db")
        .arg(&db)
        .args(["ingest", "--batch", "50"])
        .arg(&input)
        .env_remove("NEWSGRAPH_LEXICON")
        .stderr(Stdio::from(full))
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
    assert_eq!(count(&db, "SELECT count(*) FROM articles"), good as i64);
}

#[test]
fn a_closed_stderr_does_not_stop_the_ingest() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("g.db");
    let input = dir.path().join("in.jsonl");
    let good = corpus_with_reports(&input, 3_000);
    let mut child = std::process::Command::new(bin())
        .arg("--db")
        .arg(&db)
        .args(["ingest", "--batch", "50"])
        .arg(&input)
        .env_remove("NEWSGRAPH_LEXICON")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The reader goes away at once, as `2>&1 | head -2` does after two lines.
    drop(child.stderr.take());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
    assert_eq!(count(&db, "SELECT count(*) FROM articles"), good as i64);
}

fn export(db: &Path, format: &str, out: &Path) -> std::process::Output {
    ng(db)
        .args(["export", "--format", format, "--output"])
        .arg(out)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap()
}

#[test]
fn export_writes_into_a_fifo_instead_of_replacing_it() {
    let dir = TempDir::new().unwrap();
    let db = small_db(dir.path());
    let fifo = dir.path().join("graph.graphml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let mut cat = std::process::Command::new("cat")
        .arg(&fifo)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let out = export(&db, "graphml", &fifo);
    let still_fifo = fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo();
    if !still_fifo {
        let _ = cat.kill(); // it waits on the FIFO that was replaced
    }
    let read = cat.wait_with_output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(still_fifo, "the FIFO was replaced by a regular file");
    let text = String::from_utf8(read.stdout).unwrap();
    assert!(text.contains("<graphml") && text.trim_end().ends_with("</graphml>"));
    assert!(!dir.path().join("graph.graphml.partial").exists());
}

#[test]
fn export_follows_symlinks_to_files_and_to_stdout() {
    let dir = TempDir::new().unwrap();
    let db = small_db(dir.path());
    let real = dir.path().join("real.json");
    fs::write(&real, "old").unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink("real.json", &link).unwrap();
    let out = export(&db, "json", &link);
    assert!(out.status.success(), "{out:?}");
    assert!(fs::symlink_metadata(&link).unwrap().is_symlink());
    assert!(fs::read_to_string(&real).unwrap().contains("\"nodes\""));

    let to_stdout = dir.path().join("stdout.gexf");
    std::os::unix::fs::symlink("/dev/stdout", &to_stdout).unwrap();
    let out = export(&db, "gexf", &to_stdout);
    assert!(out.status.success(), "{out:?}");
    assert!(fs::symlink_metadata(&to_stdout).unwrap().is_symlink());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("<gexf") && text.trim_end().ends_with("</gexf>"));
    // `-` is stdout too.
    let out = export(&db, "json", Path::new("-"));
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8(out.stdout).unwrap().contains("\"edges\""));
}

#[test]
fn export_writes_into_a_character_device() {
    let dir = TempDir::new().unwrap();
    let db = small_db(dir.path());
    // A null device of our own (as root), so the test cannot damage the real /dev/null.
    let null = dir.path().join("null");
    let made = std::process::Command::new("mknod")
        .arg(&null)
        .args(["c", "1", "3"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !made || fs::OpenOptions::new().write(true).open(&null).is_err() {
        eprintln!("skipped: cannot make a device node here (needs root)");
        return;
    }
    let out = export(&db, "graphml", &null);
    assert!(out.status.success(), "{out:?}");
    assert!(fs::symlink_metadata(&null)
        .unwrap()
        .file_type()
        .is_char_device());
    assert!(!dir.path().join("null.partial").exists());
}

/// Names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn a_failed_export_leaves_no_partial_file() {
    let dir = TempDir::new().unwrap();
    let db = small_db(dir.path());
    let out_dir = dir.path().join("out");
    fs::create_dir(&out_dir).unwrap();
    let taken = out_dir.join("graph.graphml");
    fs::create_dir(&taken).unwrap();
    let out = export(&db, "graphml", &taken);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert_eq!(names(&out_dir), ["graph.graphml"]);
}

/// `n` articles whose people each criticize a country: many nodes and edges.
fn people_corpus(path: &Path, n: usize) {
    const SYL: [&str; 16] = [
        "ba", "ko", "ri", "ta", "ne", "lu", "mo", "sa", "vi", "de", "ga", "pe", "zu", "fa", "ho",
        "mi",
    ];
    let countries = ["Japan", "Kenya", "Canada", "Brazil", "France", "Peru"];
    let mut f = std::io::BufWriter::new(fs::File::create(path).unwrap());
    for i in 0..n {
        let first = format!(
            "{}{}{}",
            SYL[i % 16],
            SYL[(i / 16) % 16],
            SYL[(i / 256) % 16]
        );
        let first = first[..1].to_uppercase() + &first[1..];
        let last = format!("{}{}", SYL[(i * 7) % 16], SYL[(i / 3) % 16]);
        let last = last[..1].to_uppercase() + &last[1..] + "ski";
        let text = format!(
            "Foreign Minister {first} {last} criticized {} over fishing quotas on day {i}.",
            countries[i % countries.len()]
        );
        writeln!(
            f,
            "{}",
            serde_json::json!({"id": format!("p{i}"), "text": text})
        )
        .unwrap();
    }
}

#[test]
fn a_csv_export_directory_is_replaced_as_a_unit() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("g.db");
    let input = dir.path().join("people.jsonl");
    people_corpus(&input, 3_000);
    ng(&db)
        .args(["ingest", "-q"])
        .arg(&input)
        .assert()
        .success();
    // Measure the full export and a small one, on the ordinary disk.
    let full = dir.path().join("full");
    assert!(export(&db, "csv", &full).status.success());
    let size = |p: PathBuf| fs::metadata(p).unwrap().len();
    let pages = |b: u64| b.div_ceil(4096);
    let (n, e) = (size(full.join("nodes.csv")), size(full.join("edges.csv")));
    assert!(pages(e) >= 8, "edges.csv is only {e} bytes");
    let mnt = dir.path().join("small");
    fs::create_dir(&mnt).unwrap();
    let small_out = mnt.join("csv");
    let small = |out: &Path| {
        ng(&db)
            .args(["export", "--format", "csv", "--top", "2", "--output"])
            .arg(out)
            .output()
            .unwrap()
    };
    assert!(small(&dir.path().join("measure")).status.success());
    let (sn, se) = (
        size(dir.path().join("measure/nodes.csv")),
        size(dir.path().join("measure/edges.csv")),
    );
    // Room for the small export and the new nodes.csv, not for the new edges.csv as well.
    let kib = 4 * (pages(sn) + pages(se) + pages(n) + pages(e) / 2);
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", &format!("size={kib}k"), "tmpfs"])
        .arg(&mnt)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipped: cannot mount a small tmpfs here (needs root)");
        return;
    }
    struct Unmount(PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg(&self.0).status();
        }
    }
    let _guard = Unmount(mnt.clone());
    assert!(small(&small_out).status.success());
    let before = (
        fs::read(small_out.join("nodes.csv")).unwrap(),
        fs::read(small_out.join("edges.csv")).unwrap(),
    );
    let out = export(&db, "csv", &small_out);
    assert!(!out.status.success(), "the full export fitted: {out:?}");
    let after = (
        fs::read(small_out.join("nodes.csv")).unwrap(),
        fs::read(small_out.join("edges.csv")).unwrap(),
    );
    assert!(after == before, "the old export was changed in part");
    assert_eq!(names(&mnt), ["csv"]);
    assert_eq!(names(&small_out), ["edges.csv", "nodes.csv"]);
}

#[test]
fn a_killed_csv_export_leaves_one_whole_export() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("g.db");
    let input = dir.path().join("people.jsonl");
    people_corpus(&input, 3_000);
    ng(&db)
        .args(["ingest", "-q"])
        .arg(&input)
        .assert()
        .success();
    let csv = |out: &Path, extra: &[&str]| {
        let mut c = std::process::Command::new(bin());
        c.arg("--db")
            .arg(&db)
            .args(["export", "-f", "csv", "-o"])
            .arg(out)
            .args(extra);
        c
    };
    let pair = |d: &Path| {
        (
            fs::read(d.join("nodes.csv")).ok(),
            fs::read(d.join("edges.csv")).ok(),
        )
    };
    // The two exports the directory may hold: a small one and the full one.
    let (small, full) = (dir.path().join("small"), dir.path().join("full"));
    assert!(csv(&small, &["--top", "2"]).status().unwrap().success());
    assert!(csv(&full, &[]).status().unwrap().success());
    let (small, full) = (pair(&small), pair(&full));
    let out = dir.path().join("out");
    assert!(csv(&out, &["--top", "2"]).status().unwrap().success());
    let mut killed = 0;
    for i in 0..12u64 {
        let extra: &[&str] = if i % 2 == 0 { &[] } else { &["--top", "2"] };
        let mut child = csv(&out, extra).stderr(Stdio::null()).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(20 + 37 * i));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            killed += 1;
        }
        child.wait().unwrap();
        let now = pair(&out);
        assert!(now == small || now == full, "run {i}: a mix of two exports");
    }
    assert!(killed > 0, "every export finished before its kill");
}

#[test]
fn a_gexf_of_an_undated_archive_is_static() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("g.db");
    let article = dir.path().join("a.txt");
    fs::write(
        &article,
        "Japan bans seafood\n\nJapan has banned imports of Russian crab, officials said.\n",
    )
    .unwrap();
    ng(&db).arg("ingest").arg(&article).assert().success();
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM article_view WHERE published IS NULL"
        ),
        1
    );
    let out = dir.path().join("g.gexf");
    ng(&db)
        .args(["export", "--format", "gexf", "--output"])
        .arg(&out)
        .assert()
        .success();
    let gexf = fs::read_to_string(&out).unwrap();
    assert!(
        gexf.contains("<graph mode=\"static\" defaultedgetype=\"directed\">"),
        "{gexf}"
    );
    assert!(!gexf.contains("timeformat") && !gexf.contains("<spells>"));
    assert!(gexf.contains("<edge "), "the relation is exported: {gexf}");
}
