//! Shared fixture of the graph and export tests: a small newsgraph database written through
//! the store's write API, with hand-made extractions.
#![allow(dead_code)]

use newsgraph::model::*;
use newsgraph::store::{PreparedArticle, Store};
use std::path::Path;

/// The awkward name: markup, quotes, a comma, a newline and a control character.
pub const AWKWARD: &str = "Smith & Sons <\"Ltd\">, Inc.\nHolding\u{1}";

/// (name, type, aliases) of every fixture entity.
pub fn entity(name: &str, kind: EntityType, aliases: &[&str]) -> EntityRef {
    EntityRef {
        name: name.into(),
        kind,
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
    }
}

/// (source, target, type, sentence, negated, confidence)
pub type Rel<'a> = (usize, usize, &'a str, usize, bool, f64);

/// One article: sentences joined by spaces, one mention per entity in the first sentence.
pub fn article(
    hash: &str,
    date: Option<&str>,
    sentences: &[&str],
    entities: Vec<EntityRef>,
    relations: &[Rel],
) -> PreparedArticle {
    let mut text = String::new();
    let mut spans = Vec::new();
    for s in sentences {
        if !text.is_empty() {
            text.push(' ');
        }
        let start = text.chars().count();
        text.push_str(s);
        spans.push(SentenceSpan {
            start,
            end: text.chars().count(),
        });
    }
    let mentions = (0..entities.len())
        .map(|i| Mention {
            entity: i,
            sentence: 0,
            start: 0,
            end: 1,
            kind: "name",
        })
        .collect();
    PreparedArticle {
        hash: hash.into(),
        article: Article {
            external_id: Some(hash.into()),
            published: date.map(String::from),
            path: format!("{hash}.txt"),
            text,
            ..Default::default()
        },
        extraction: Extraction {
            sentences: spans,
            entities,
            mentions,
            relations: relations
                .iter()
                .map(
                    |&(source, target, kind, sentence, negated, confidence)| Relation {
                        source,
                        target,
                        kind: kind.into(),
                        negated,
                        confidence,
                        sentence,
                        trigger: kind.into(),
                        rule: "fixture".into(),
                    },
                )
                .collect(),
        },
    }
}

/// The fixture: China bans North Korea three times in two articles; the UN Security Council
/// sanctions North Korea; the US criticizes China; a negated attack; an awkwardly named
/// company trades with China; and two entities named Georgia (a country and a US state).
pub fn fixture_articles() -> Vec<PreparedArticle> {
    use EntityType::*;
    let china = || entity("China", Country, &["PRC", "Beijing"]);
    let nk = || entity("North Korea", Country, &["DPRK", "Pyongyang"]);
    let us = || entity("United States", Country, &["US", "Washington"]);
    let unsc = || entity("United Nations Security Council", Organization, &["UNSC"]);
    vec![
        article(
            "a1",
            Some("2018-02-21"),
            &[
                "China has banned North Korean iron ore exports.",
                "Beijing also banned coal from Pyongyang, officials said.",
                "The UNSC sanctions have hit North Korea.",
            ],
            vec![china(), nk(), unsc()],
            &[
                (0, 1, "bans", 0, false, 0.9),
                (0, 1, "bans", 1, false, 0.7),
                (2, 1, "sanctions", 2, false, 0.8),
            ],
        ),
        article(
            "a2",
            Some("2018-03-01"),
            &[
                "China banned textile imports from North Korea.",
                "Washington criticized Beijing for lax enforcement.",
                "The US did not attack North Korea, officials said.",
            ],
            vec![china(), nk(), us()],
            &[
                (0, 1, "bans", 0, false, 0.8),
                (2, 0, "criticizes", 1, false, 0.6),
                (2, 1, "attacks", 2, true, 0.5),
            ],
        ),
        article(
            "a3",
            Some("2018-04-15"),
            &[
                "The UN Security Council imposed new sanctions on North Korea.",
                "Smith & Sons <\"Ltd\">, Inc. trades with China, the \"largest\" partner.",
            ],
            vec![
                unsc(),
                nk(),
                entity(AWKWARD, Organization, &["Smith and Sons"]),
                china(),
            ],
            &[
                (0, 1, "sanctions", 0, false, 0.9),
                (2, 3, "trades_with", 1, false, 0.4),
            ],
        ),
        article(
            "a4",
            None,
            &["Georgia met Georgia, and North Korea threatened the US."],
            vec![
                entity("Georgia", Country, &[]),
                entity("Georgia", Location, &[]),
                nk(),
                us(),
            ],
            &[
                (0, 1, "meets", 0, false, 0.5),
                (2, 3, "threatens", 0, false, 0.6),
            ],
        ),
    ]
}

/// Write the fixture into a new database at `path`.
pub fn write_fixture(path: &Path) {
    let mut s = Store::open(path).expect("open fixture db");
    for r in s.write_batch(&fixture_articles()).expect("write fixture") {
        r.expect("fixture article");
    }
}

/// A temp dir holding `fixture.db`.
pub fn fixture_db() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("fixture.db");
    write_fixture(&db);
    (dir, db)
}
