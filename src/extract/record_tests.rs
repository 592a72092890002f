//! Tests of the extraction line: a round trip bit for bit, and each refusal's reason.

use super::*;

fn types() -> FxSet<String> {
    ["bans".to_string()].into_iter().collect()
}

fn record() -> Record {
    let text = "Çhina \"banned\"\nNorth Korean ore.".to_string();
    Record {
        prepared: PreparedArticle {
            hash: crate::ingest::content_hash(&text),
            article: Article {
                external_id: Some("a\tb".into()),
                path: "in.jsonl:3".into(),
                published: Some("2018-02-21".into()),
                text,
                ..Default::default()
            },
            extraction: Extraction {
                sentences: vec![SentenceSpan { start: 0, end: 32 }],
                entities: vec![
                    EntityRef {
                        name: "Çhina".into(),
                        kind: EntityType::Country,
                        aliases: vec!["\"PRC\"".into()],
                    },
                    EntityRef {
                        name: "North Korea".into(),
                        kind: EntityType::Country,
                        aliases: Vec::new(),
                    },
                ],
                mentions: vec![Mention {
                    entity: 1,
                    sentence: 0,
                    start: 15,
                    end: 27,
                    kind: "demonym",
                }],
                relations: vec![Relation {
                    source: 0,
                    target: 1,
                    kind: "bans".into(),
                    negated: false,
                    confidence: 0.1 + 0.2,
                    sentence: 0,
                    trigger: "\"banned\"".into(),
                    rule: "V12".into(),
                }],
            },
        },
        stamp: Stamp::default(),
    }
}

fn line(r: &Record) -> String {
    let mut out = Vec::new();
    r.write_line(&mut out);
    String::from_utf8(out).unwrap()
}

#[test]
fn a_line_reads_back_as_the_record_it_was_bit_for_bit() {
    let r = record();
    let l = line(&r);
    assert!(l.starts_with("{\"v\":1,") && l.ends_with("}\n") && l.matches('\n').count() == 1);
    let back = Record::parse(l.trim_end(), &types()).unwrap();
    assert_eq!(back.prepared.article, r.prepared.article);
    assert_eq!(back.prepared.extraction, r.prepared.extraction);
    assert_eq!(back.prepared.hash, r.prepared.hash);
    assert_eq!(back.stamp, r.stamp);
    assert_eq!(line(&back), l, "and writes the same bytes again");
}

#[test]
fn lines_that_are_not_sound_are_refused_with_the_reason() {
    let l = line(&record());
    let bad = |from: &str, to: &str| {
        assert!(l.contains(from), "{from}");
        Record::parse(&l.replacen(from, to, 1), &types()).unwrap_err()
    };
    assert!(bad("\"v\":1", "\"v\":7").contains("v7 is newer"));
    assert!(bad("\"v\":1,", "").contains("no `v` field"));
    assert!(bad("\"v\":1", "\"v\":\"1\"").contains("`v` must be a whole number"));
    assert!(bad("\"type\":\"country\"", "\"type\":\"Country\"").contains("unknown entity type"));
    assert!(bad("\"demonym\"", "\"nickname\"").contains("unknown mention kind"));
    assert!(bad("\"type\":\"bans\"", "\"type\":\"invents\"").contains("unknown relation type"));
    assert!(bad("\"end\":27", "\"end\":99").contains("bad reference"));
    assert!(bad("ore.", "coal.").contains("`hash` is not the SHA-256"));
    assert!(bad("\"sentences\":", "\"sentence\":").contains("missing field `sentences`"));
    assert!(Record::parse("{", &types())
        .unwrap_err()
        .starts_with("invalid JSON"));
}
