//! The seed article, end to end: the nodes and edges the project was conceived for.

use assert_cmd::Command;
use rusqlite::Connection;
use std::path::Path;
use tempfile::TempDir;

fn seed_db() -> Option<(TempDir, Connection)> {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds/musan-mine.txt");
    if !seed.exists() {
        eprintln!("skipped: {} not present", seed.display());
        return None;
    }
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("seed.db");
    Command::cargo_bin("newsgraph")
        .unwrap()
        .arg("--db")
        .arg(&db)
        .arg("ingest")
        .arg(&seed)
        .assert()
        .success();
    let c = Connection::open(&db).unwrap();
    Some((dir, c))
}

#[test]
fn seed_nodes_and_aliases() {
    let Some((_d, c)) = seed_db() else { return };
    let has = |name: &str| -> bool {
        c.query_row(
            "SELECT count(*) FROM entity_view WHERE name = ?1 AND mentions > 0",
            [name],
            |r| r.get::<_, i64>(0),
        )
        .unwrap()
            > 0
    };
    for name in [
        "China",
        "North Korea",
        "South Korea",
        "United Nations Security Council",
        "Musan mine",
        "Daily NK",
        "Yonhap",
        "Kang Seok-ho",
        "Liberty Korea Party",
        "North Hamgyong Province",
        "Rajin",
        "Kim Jong Il",
    ] {
        assert!(has(name), "missing node {name}");
    }
    for junk in ["File Photo", "RELATED", "Latest Headlines", "Follow Us"] {
        let n: i64 = c
            .query_row(
                "SELECT count(*) FROM entity_view WHERE name LIKE ?1",
                [format!("%{junk}%")],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 0, "furniture node {junk}");
    }
    for (name, alias) in [("Kang Seok-ho", "Kang"), ("Rajin", "Najin")] {
        let n: i64 = c
            .query_row(
                "SELECT count(*) FROM alias_view WHERE name = ?1 AND alias = ?2",
                [name, alias],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 1, "alias {alias} of {name}");
    }
    // Every mention's offsets name its surface.
    let bad: i64 = c
        .query_row(
            "SELECT count(*) FROM mention_view m JOIN article_view a USING (article_id)
             WHERE substr(a.text, m.start + 1, m.\"end\" - m.start) != m.surface",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(bad, 0);
}

#[test]
fn seed_edges_with_direction_and_evidence() {
    let Some((_d, c)) = seed_db() else { return };
    let edge = |s: &str, t: &str, targets: &[&str]| -> bool {
        targets.iter().any(|o| {
            c.query_row(
                "SELECT count(*) FROM edge_view WHERE source = ?1 AND type = ?2 AND target = ?3",
                [s, t, o],
                |r| r.get::<_, i64>(0),
            )
            .unwrap()
                > 0
        })
    };
    assert!(edge("China", "bans", &["North Korea"]));
    assert!(!edge("North Korea", "bans", &["China"]), "direction kept");
    assert!(edge(
        "United Nations Security Council",
        "sanctions",
        &["North Korea", "Musan mine"]
    ));
    assert!(edge("Daily NK", "reports", &["Musan mine", "North Korea"]));
    assert!(edge("Kang Seok-ho", "claims", &["North Korea"]));
    assert!(edge("Kang Seok-ho", "member_of", &["Liberty Korea Party"]));
    assert!(
        edge("China", "trades_with", &["North Korea"])
            || edge("North Korea", "trades_with", &["China"])
    );
    // Every relation keeps its evidence sentence, containing its trigger.
    let bad: i64 = c
        .query_row(
            "SELECT count(*) FROM relation_view WHERE instr(sentence, trigger) = 0 OR rule = ''",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(bad, 0);
}
