//! Who holds a database's lock: the processes /proc/locks lists on the database file or its
//! WAL files, named in the error, so "database is locked" says what to wait for or stop.

use std::os::unix::fs::MetadataExt;
use std::path::Path;

/// The processes other than this one holding a lock on `db`, `db-wal` or `db-shm`, as
/// `pid 1234: newsgraph ingest news/`; empty where /proc/locks cannot tell.
pub fn holders(db: &Path) -> Vec<String> {
    let mut files = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        let mut p = db.as_os_str().to_os_string();
        p.push(suffix);
        if let Ok(m) = std::fs::metadata(&p) {
            let dev = m.dev();
            files.push((libc::major(dev), libc::minor(dev), m.ino()));
        }
    }
    let Ok(locks) = std::fs::read_to_string("/proc/locks") else {
        return Vec::new();
    };
    let me = std::process::id();
    let mut pids: Vec<u32> = locks
        .lines()
        .filter_map(|l| {
            // `1: POSIX  ADVISORY  WRITE 1234 fe:00:5407137 0 EOF` (`->` marks a waiter)
            let f: Vec<&str> = l.split_whitespace().filter(|w| *w != "->").collect();
            let pid: u32 = f.get(4)?.parse().ok()?;
            let mut id = f.get(5)?.split(':');
            let major = u32::from_str_radix(id.next()?, 16).ok()?;
            let minor = u32::from_str_radix(id.next()?, 16).ok()?;
            let ino: u64 = id.next()?.parse().ok()?;
            let ours = files.contains(&(major, minor, ino));
            (ours && pid != me && !l.contains("->")).then_some(pid)
        })
        .collect();
    pids.sort_unstable();
    pids.dedup();
    pids.into_iter().map(describe).collect()
}

/// `pid N: its command line` (shortened), or just `pid N`.
fn describe(pid: u32) -> String {
    let cmd = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
    let cmd: Vec<String> = cmd
        .split(|&b| b == 0)
        .filter(|a| !a.is_empty())
        .map(|a| String::from_utf8_lossy(a).into_owned())
        .collect();
    let mut line = cmd.join(" ");
    if line.chars().count() > 80 {
        line = line.chars().take(77).collect::<String>() + "...";
    }
    match line.is_empty() {
        true => format!("pid {pid}"),
        false => format!("pid {pid}: {line}"),
    }
}

/// The end of a "locked" message: who holds it, and what to do.
pub fn advice(db: &Path) -> String {
    let who = holders(db);
    match who.is_empty() {
        true => "retry when the other process finishes (NEWSGRAPH_BUSY_TIMEOUT_MS sets how long to wait)".into(),
        false => format!(
            "held by {}; retry when it finishes, or stop it (NEWSGRAPH_BUSY_TIMEOUT_MS sets how long to wait)",
            who.join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lock_held_by_another_process_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("g.db");
        std::fs::write(&db, b"").unwrap();
        let child = std::process::Command::new("flock")
            .arg("-x")
            .arg(&db)
            .args(["sleep", "30"])
            .spawn();
        let Ok(mut child) = child else {
            eprintln!("skipped: no flock command here");
            return;
        };
        let mut who = Vec::new();
        for _ in 0..100 {
            who = holders(&db);
            if !who.is_empty() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let _ = child.kill();
        let _ = child.wait();
        assert_eq!(who.len(), 1, "{who:?}");
        assert!(
            who[0].starts_with(&format!("pid {}: flock -x", child.id())),
            "{who:?}"
        );
        assert!(holders(&dir.path().join("none.db")).is_empty());
    }
}
