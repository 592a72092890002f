//! Warming the page cache before an append: the b-trees that new rows go into at scattered
//! places (entity, name and edge indexes) are walked through their interior pages, and the
//! kernel is asked to read their leaves ahead (`posix_fadvise(WILLNEED)`), so the writer's
//! index inserts into a large archive find their pages in memory instead of waiting on one
//! random read each.
//!
//! Only hints: a page read here is never trusted for data (the walk reads the database file
//! as it is, without the WAL or a lock), and any surprise ends the walk quietly.

use super::Store;
use crate::error::{Result, SqlContext};
use std::fs::File;
use std::os::unix::fs::FileExt;
use std::path::Path;

/// The big b-trees whose new rows land at the end (keyed by a new row's id or article): an
/// append touches only their last pages, which need no warming. (`relations_article` is
/// appended to as well, but the ingest summary's count of relations reads all of it.)
const APPENDED: [&str; 5] = [
    "articles",
    "sentence_spans",
    "mentions",
    "mentions_article",
    "relations",
];

/// What a warming did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Warmed {
    /// B-trees walked.
    pub trees: usize,
    /// Interior pages read to find the leaves.
    pub interior: u64,
    /// Leaf pages the kernel was asked to read ahead.
    pub leaves: u64,
}

impl Store {
    /// The b-trees (name, root page) an append inserts into at scattered places, in schema
    /// order; the full-text index's shadow tables are appended to and left out.
    pub fn scattered_btrees(&self) -> Result<Vec<(String, u32)>> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT name, rootpage FROM sqlite_schema
                 WHERE type IN ('table', 'index') AND rootpage > 0
                   AND name NOT LIKE 'sentence_fts%'",
            )
            .ctx("listing b-trees")?;
        let rows = st
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?)))
            .ctx("listing b-trees")?;
        let mut out = Vec::new();
        for r in rows {
            let (name, root) = r.ctx("listing b-trees")?;
            if !APPENDED.contains(&name.as_str()) {
                out.push((name, root));
            }
        }
        Ok(out)
    }

    /// The page size of the database.
    pub fn page_size(&self) -> Result<u32> {
        self.conn
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .ctx("reading the page size")
    }
}

/// Walks the b-trees rooted at `roots` in the database file at `path` and asks the kernel to
/// read their leaves ahead, up to `budget` bytes of leaves in all. Errors end the walk: the
/// answer says what was done.
pub fn warm(path: &Path, page_size: u32, roots: &[u32], budget: u64) -> Warmed {
    let mut done = Warmed::default();
    let Ok(file) = File::open(path) else {
        return done;
    };
    let mut tree = Tree::new(&file, page_size);
    let mut left = budget / page_size as u64;
    for &root in roots {
        let Some((interior, leaves)) = tree.leaves(root) else {
            continue;
        };
        done.trees += 1;
        done.interior += interior;
        let take = (leaves.len() as u64).min(left);
        advise(&file, page_size, &leaves[..take as usize]);
        done.leaves += take;
        left -= take;
        if left == 0 {
            break;
        }
    }
    done
}

/// Reads b-tree pages of one database file.
struct Tree<'a> {
    file: &'a File,
    page_size: u32,
    pages: u64,
    buf: Vec<u8>,
}

/// Interior page types (index, table) and leaf page types of SQLite's file format.
const INTERIOR: [u8; 2] = [2, 5];
const LEAF: [u8; 2] = [10, 13];

impl<'a> Tree<'a> {
    fn new(file: &'a File, page_size: u32) -> Tree<'a> {
        Tree {
            file,
            page_size,
            pages: file.metadata().map_or(0, |m| m.len()) / page_size as u64,
            buf: vec![0; page_size as usize],
        }
    }

    /// The children of interior page `pgno`, `Some(vec![])` for a leaf, `None` when the page
    /// is not a b-tree page or cannot be read.
    fn children(&mut self, pgno: u32) -> Option<Vec<u32>> {
        if pgno == 0 || pgno as u64 > self.pages {
            return None;
        }
        let at = (pgno as u64 - 1) * self.page_size as u64;
        self.file.read_exact_at(&mut self.buf, at).ok()?;
        let b = &self.buf;
        let h = if pgno == 1 { 100 } else { 0 };
        let kind = *b.get(h)?;
        if LEAF.contains(&kind) {
            return Some(Vec::new());
        }
        if !INTERIOR.contains(&kind) {
            return None;
        }
        let u16_at = |i: usize| Some(u16::from_be_bytes([*b.get(i)?, *b.get(i + 1)?]) as usize);
        let u32_at = |i: usize| Some(u32::from_be_bytes(b.get(i..i + 4)?.try_into().ok()?));
        let cells = u16_at(h + 3)?;
        let mut out = Vec::with_capacity(cells + 1);
        for k in 0..cells {
            out.push(u32_at(u16_at(h + 12 + 2 * k)?)?);
        }
        out.push(u32_at(h + 8)?);
        Some(out)
    }

    /// The leaves of the b-tree rooted at `root` and how many interior pages were read to
    /// find them. A b-tree is balanced, so one page of a level tells whether the whole level
    /// is leaves; the next level is asked for ahead of being read.
    fn leaves(&mut self, root: u32) -> Option<(u64, Vec<u32>)> {
        let mut level = vec![root];
        let mut interior = 0;
        loop {
            let first = self.children(level[0])?;
            if first.is_empty() {
                // `level` is the leaves (the root alone when the tree is one page)
                return Some((interior, if interior == 0 { Vec::new() } else { level }));
            }
            let mut next = first;
            interior += 1;
            for &p in &level[1..] {
                next.extend(self.children(p)?);
                interior += 1;
            }
            next.sort_unstable();
            next.dedup();
            if next.len() as u64 > self.pages {
                return None;
            }
            // the next level is read or handed to the caller: ask for it now, in file order
            advise(self.file, self.page_size, &next);
            level = next;
        }
    }
}

/// Asks the kernel to read the pages (sorted) ahead, runs of adjacent pages as one range.
fn advise(file: &File, page_size: u32, pages: &[u32]) {
    use std::os::fd::AsRawFd;
    let ps = page_size as i64;
    let mut i = 0;
    while i < pages.len() {
        let mut j = i + 1;
        while j < pages.len() && pages[j] == pages[j - 1] + 1 {
            j += 1;
        }
        let (start, len) = ((pages[i] as i64 - 1) * ps, (j - i) as i64 * ps);
        // SAFETY: a plain system call on an open descriptor; its answer is a hint's.
        unsafe {
            libc::posix_fadvise(file.as_raw_fd(), start, len, libc::POSIX_FADV_WILLNEED);
        }
        i = j;
    }
}

/// A warming to run beside an append: the database's scattered b-trees and a budget (no
/// b-trees when the file is small enough that its pages are read soon anyway).
pub struct Plan {
    path: std::path::PathBuf,
    page_size: u32,
    roots: Vec<u32>,
    budget: u64,
}

impl Plan {
    /// The warming an append into the database at `path` gains from.
    pub fn new(store: &Store, path: &Path) -> Result<Plan> {
        const SMALL: u64 = 64 << 20;
        let large = std::fs::metadata(path).map_or(0, |m| m.len()) >= SMALL;
        let roots = if large {
            store.scattered_btrees()?.into_iter().map(|t| t.1).collect()
        } else {
            Vec::new()
        };
        Ok(Plan {
            path: path.to_path_buf(),
            page_size: store.page_size()?,
            roots,
            budget: spare_memory(),
        })
    }

    /// Runs the warming (nothing to do for a small file).
    pub fn run(&self) -> Warmed {
        if self.roots.is_empty() {
            return Warmed::default();
        }
        warm(&self.path, self.page_size, &self.roots, self.budget)
    }
}

/// Bytes the page cache can spare for warming: half of what Linux says is available, or
/// nothing when it does not say.
pub fn spare_memory() -> u64 {
    std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .find_map(|l| l.strip_prefix("MemAvailable:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
        .map_or(0, |kb| kb * 1024 / 2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    /// A file database with enough entities that their name index has interior pages.
    fn big_store(dir: &Path) -> (Store, std::path::PathBuf) {
        let path = dir.join("w.db");
        let store = Store::open(&path).unwrap();
        store
            .conn
            .execute_batch(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
                 INSERT INTO entities (name, type) SELECT 'entity number ' || (i * 7919 % 20000), 'person' FROM n;
                 PRAGMA wal_checkpoint(TRUNCATE);",
            )
            .unwrap();
        (store, path)
    }

    #[test]
    fn finds_every_leaf_of_a_multi_level_index() {
        let dir = tempfile::tempdir().unwrap();
        let (store, path) = big_store(dir.path());
        let trees = store.scattered_btrees().unwrap();
        let names: Vec<&str> = trees.iter().map(|t| t.0.as_str()).collect();
        assert!(names.contains(&"entities_name") && names.contains(&"edges"));
        assert!(!names.contains(&"mentions") && !names.iter().any(|n| n.contains("fts")));
        let root = trees.iter().find(|t| t.0 == "entities_name").unwrap().1;
        let ps = store.page_size().unwrap();
        let file = File::open(&path).unwrap();
        let mut tree = Tree::new(&file, ps);
        let (interior, leaves) = tree.leaves(root).unwrap();
        // every leaf found is a leaf page, and they hold every entry of the index
        let mut entries = 0;
        for &l in &leaves {
            tree.children(l).map(|c| assert!(c.is_empty())).unwrap();
            entries += u16::from_be_bytes([tree.buf[3], tree.buf[4]]) as u64;
        }
        let count: u64 = store
            .conn
            .query_row("SELECT count(*) FROM entities", [], |r| r.get(0))
            .unwrap();
        assert!(interior >= 2, "a root and at least one level below it");
        // an interior cell of an index b-tree holds an entry too
        assert!(entries <= count && entries + leaves.len() as u64 >= count);
        // a budget caps the leaves asked for
        let w = warm(&path, ps, &[root], 3 * ps as u64);
        assert_eq!((w.trees, w.leaves), (1, 3));
        let all = warm(&path, ps, &[root], u64::MAX);
        assert_eq!(all.leaves, leaves.len() as u64);
    }

    #[test]
    fn a_page_that_is_not_a_btree_ends_the_walk_quietly() {
        let dir = tempfile::tempdir().unwrap();
        let (store, path) = big_store(dir.path());
        let ps = store.page_size().unwrap();
        // page 1 past the end, page 0, and a page of the free list or overflow: no panic
        for root in [0, u32::MAX, 1_000_000] {
            assert_eq!(warm(&path, ps, &[root], u64::MAX), Warmed::default());
        }
        assert!(spare_memory() > 0);
        // a file under 64 MB is left to be read as it is needed
        let plan = Plan::new(&store, &path).unwrap();
        assert!(plan.roots.is_empty());
        assert_eq!(plan.run(), Warmed::default());
    }
}
