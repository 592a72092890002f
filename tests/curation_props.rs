//! Property test: random sequences of ingests, corrections, undos and forgets on a small
//! archive keep the invariants of issue 13: the edges aggregate equals the relations grouped,
//! counters equal a count, no row points at a missing article, sentence or entity, and a merge
//! undone at once gives the views back exactly.

use newsgraph::model::*;
use newsgraph::store::{ArticleSelection, Curation, EntityId, PreparedArticle, Stamp, Store};
use proptest::prelude::*;
use std::collections::HashMap;

const NAMES: [(&str, EntityType, &str); 6] = [
    ("Kim Jong Un", EntityType::Person, "Kim"),
    ("Moon Jae-in", EntityType::Person, "Moon"),
    ("China", EntityType::Country, "Beijing"),
    ("Japan", EntityType::Country, "Tokyo"),
    ("United Nations", EntityType::Organization, "UN"),
    ("Reuters", EntityType::Media, "Reuters"),
];
const KINDS: [&str; 3] = ["meets", "criticizes", "reports"];

/// Article `n`: entities `who` (index into NAMES, written short when `short`), with relations
/// between consecutive ones.
fn doc(n: usize, who: &[(usize, bool)], date: Option<&str>) -> PreparedArticle {
    let mut text = String::new();
    let (mut entities, mut mentions, mut relations) = (vec![], vec![], vec![]);
    for (i, &(w, short)) in who.iter().enumerate() {
        let (name, kind, s) = NAMES[w];
        let surface = if short { s } else { name };
        let start = text.chars().count();
        text.push_str(surface);
        text.push_str(" and ");
        entities.push(EntityRef {
            name: name.into(),
            kind,
            aliases: vec![],
        });
        mentions.push(Mention {
            entity: i,
            sentence: 0,
            start,
            end: start + surface.chars().count(),
            kind: "name",
        });
        if i > 0 {
            relations.push(Relation {
                source: i - 1,
                target: i,
                kind: KINDS[(n + i) % 3].into(),
                negated: (n + i) % 5 == 0,
                confidence: 0.25 + (i % 3) as f64 / 4.0,
                sentence: 0,
                trigger: "met".into(),
                rule: "prop".into(),
            });
        }
    }
    text.push_str(&format!("report {n}."));
    let end = text.chars().count();
    PreparedArticle {
        hash: format!("h{n}"),
        article: Article {
            external_id: Some(format!("x{n}")),
            published: date.map(String::from),
            path: format!("{n}.txt"),
            text,
            ..Default::default()
        },
        extraction: Extraction {
            sentences: vec![SentenceSpan { start: 0, end }],
            entities,
            mentions,
            relations,
        },
    }
}

#[derive(Debug, Clone)]
enum Cmd {
    Ingest(Vec<Vec<(usize, bool)>>),
    Merge(usize, usize),
    Rename(usize, usize),
    Retype(usize, usize),
    Drop(usize),
    AliasAdd(usize, usize),
    AliasRemove(usize),
    Split(usize),
    Undo(usize),
    Forget(usize),
    MergeUndo(usize, usize),
    /// Every article extracted again, in batches of this size, with its last relation left
    /// out when the flag is set (an extractor that changed).
    Reextract(usize, bool),
}

fn people() -> impl Strategy<Value = Vec<(usize, bool)>> {
    prop::collection::vec((0..NAMES.len(), any::<bool>()), 1..4)
}

fn cmd() -> impl Strategy<Value = Cmd> {
    prop_oneof![
        prop::collection::vec(people(), 1..4).prop_map(Cmd::Ingest),
        (0..20usize, 0..20usize).prop_map(|(a, b)| Cmd::Merge(a, b)),
        (0..20usize, 0..NAMES.len()).prop_map(|(a, b)| Cmd::Rename(a, b)),
        (0..20usize, 0..7usize).prop_map(|(a, b)| Cmd::Retype(a, b)),
        (0..20usize).prop_map(Cmd::Drop),
        (0..20usize, 0..NAMES.len()).prop_map(|(a, b)| Cmd::AliasAdd(a, b)),
        (0..20usize).prop_map(Cmd::AliasRemove),
        (0..20usize).prop_map(Cmd::Split),
        (0..20usize).prop_map(Cmd::Undo),
        (0..40usize).prop_map(Cmd::Forget),
        (0..20usize, 0..20usize).prop_map(|(a, b)| Cmd::MergeUndo(a, b)),
        (1..4usize, any::<bool>()).prop_map(|(n, d)| Cmd::Reextract(n, d)),
    ]
}

/// Entity ids, sorted, with their names.
fn entities(s: &Store) -> Vec<(EntityId, String)> {
    let dump = s.view_dump(true).unwrap();
    dump.iter()
        .filter_map(|l| l.strip_prefix("entity|"))
        .map(|l| {
            let mut f = l.split('|');
            let id = f.next().unwrap().parse().unwrap();
            (
                EntityId(id),
                f.next().unwrap().trim_matches('"').to_string(),
            )
        })
        .collect()
}

/// Run the commands, checking the invariants after each; returns the archive.
fn run(cmds: Vec<Cmd>) -> Store {
    let mut s = Store::open_memory().unwrap();
    let mut n = 0;
    let mut curations: Vec<i64> = vec![];
    let mut docs: HashMap<String, PreparedArticle> = HashMap::new();
    for c in cmds {
        let es = entities(&s);
        let pick = |i: usize| es.get(i % es.len().max(1)).map(|e| e.0);
        let curate =
            |s: &mut Store, c: Option<Curation>| c.and_then(|c| s.curate(&c).ok()).map(|r| r.0);
        let done = match &c {
            Cmd::Ingest(arts) => {
                let batch: Vec<_> = arts
                    .iter()
                    .map(|who| {
                        n += 1;
                        doc(
                            n,
                            who,
                            [Some("2020-01-01"), None, Some("2019-06-30")][n % 3],
                        )
                    })
                    .collect();
                s.write_batch(&batch).unwrap();
                for d in batch {
                    docs.insert(d.article.external_id.clone().unwrap(), d);
                }
                None
            }
            Cmd::Merge(a, b) => curate(
                &mut s,
                pick(*a).zip(pick(*b)).map(|(a, b)| Curation::Merge {
                    from: vec![a],
                    into: b,
                }),
            ),
            Cmd::Rename(a, b) => curate(
                &mut s,
                pick(*a).map(|e| Curation::Rename {
                    entity: e,
                    name: NAMES[*b].0.into(),
                }),
            ),
            Cmd::Retype(a, t) => curate(
                &mut s,
                pick(*a).map(|e| Curation::Retype {
                    entity: e,
                    kind: EntityType::ALL[*t],
                }),
            ),
            Cmd::Drop(a) => curate(&mut s, pick(*a).map(|e| Curation::Drop { entity: e })),
            Cmd::AliasAdd(a, b) => curate(
                &mut s,
                pick(*a).map(|e| Curation::AliasAdd {
                    entity: e,
                    surface: NAMES[*b].2.into(),
                }),
            ),
            Cmd::AliasRemove(a) => curate(
                &mut s,
                pick(*a).map(|e| Curation::AliasRemove {
                    entity: e,
                    surface: NAMES[*a % NAMES.len()].2.into(),
                }),
            ),
            Cmd::Split(a) => curate(
                &mut s,
                pick(*a).map(|e| Curation::Split {
                    entity: e,
                    surface: NAMES[*a % NAMES.len()].2.into(),
                    name: None,
                }),
            ),
            Cmd::Undo(k) => {
                if let Some(&id) = curations.get(k % curations.len().max(1)) {
                    let _ = s.undo_curation(id);
                }
                None
            }
            Cmd::Forget(k) => {
                let sel = ArticleSelection {
                    articles: vec![format!("x{k}")],
                    ..Default::default()
                };
                if let Ok(ids) = s.select_articles(&sel) {
                    s.forget(&ids).unwrap();
                }
                None
            }
            Cmd::Reextract(size, drop) => {
                let stamp = Stamp::default();
                let (mut after, last, _) = s.begin_reextract(true, &stamp).unwrap();
                loop {
                    let batch = s
                        .articles_to_reextract(after, last, true, &stamp, *size)
                        .unwrap();
                    let Some(end) = batch.last() else { break };
                    after = end.id.0;
                    let xs: Vec<Extraction> = batch
                        .iter()
                        .map(|a| {
                            let mut x = docs[a.article.external_id.as_deref().unwrap()]
                                .extraction
                                .clone();
                            if *drop {
                                x.relations.pop();
                            }
                            x
                        })
                        .collect();
                    let pairs: Vec<_> = batch.iter().zip(&xs).collect();
                    s.replace_extractions(&pairs, &stamp, true).unwrap();
                }
                s.end_reextract().unwrap();
                None
            }
            Cmd::MergeUndo(a, b) => {
                let before = s.view_dump(true).unwrap();
                if let Some(id) = curate(
                    &mut s,
                    pick(*a).zip(pick(*b)).map(|(a, b)| Curation::Merge {
                        from: vec![a],
                        into: b,
                    }),
                ) {
                    s.undo_curation(id).unwrap();
                    assert_eq!(s.view_dump(true).unwrap(), before, "merge then undo");
                }
                None
            }
        };
        curations.extend(done);
        let p = s.consistency_problems().unwrap();
        assert!(p.is_empty(), "after {c:?}: {p:#?}");
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_command_sequences_keep_the_invariants(
        first in prop::collection::vec(people(), 2..6),
        cmds in prop::collection::vec(cmd(), 1..25),
    ) {
        let mut all = vec![Cmd::Ingest(first)];
        all.extend(cmds);
        run(all);
    }
}

/// The case proptest found (session 8): a retype and two merges, the archive extracted
/// again, then the last merge undone. The undo moved mention ids the merge had recorded,
/// which `reextract` had given to new rows of another entity, and left that entity's
/// counters stale.
#[test]
fn a_merge_undone_after_the_archive_is_extracted_again_keeps_the_counters() {
    run(vec![
        Cmd::Ingest(vec![
            vec![(1, false)],
            vec![(0, false), (3, false)],
            vec![(2, false)],
        ]),
        Cmd::Retype(4, 1),
        Cmd::Merge(1, 2),
        Cmd::Merge(0, 1),
        Cmd::Reextract(3, false),
        Cmd::Undo(11),
    ]);
}

/// A retype then a merge, the archive extracted again: the extractor gives the retyped
/// name back under its old type, and the replay follows the retype to where the merge took
/// the entity (session 8 found it coming back as a new person).
#[test]
fn a_retyped_entity_merged_away_stays_merged_after_the_archive_is_extracted_again() {
    let s = run(vec![
        Cmd::Ingest(vec![vec![(1, false)], vec![(0, false)]]),
        Cmd::Retype(0, 1),
        Cmd::Merge(0, 1),
        Cmd::Reextract(1, false),
    ]);
    let names: Vec<String> = entities(&s).into_iter().map(|e| e.1).collect();
    assert_eq!(names, ["Kim Jong Un"]);
}
