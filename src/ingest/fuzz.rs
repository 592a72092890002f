//! Fuzzing every reader with inputs shaped like its format (JSON Lines, CSV, HTML, text with
//! wire conventions, gzip): quick property tests in `cargo test`, and the same generators
//! run for a fixed time by `tools/fuzz.sh` (`FUZZ_SECONDS` per reader; figures in
//! `docs/reliability.md`).
//!
//! What must hold for every input: no panic; every article has text; no input of a few KB
//! takes long (a hang or a quadratic path shows as a slow case); and a CSV file written by
//! the csv crate reads back row for row.

use super::{read_stream, Format, Item, ReadOptions};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use std::io::Write;
use std::time::{Duration, Instant};

/// Run `format`'s reader over `data` (gunzipped first when `gz`); the items it passed on.
fn read(format: Format, data: &[u8], gz: bool) -> Vec<Item> {
    let mut out = Vec::new();
    let input: Box<dyn std::io::BufRead + '_> = if gz {
        Box::new(std::io::BufReader::new(flate2::read::MultiGzDecoder::new(
            data,
        )))
    } else {
        Box::new(data)
    };
    let input = super::bom::unmark(input);
    read_stream(format, input, "f", &ReadOptions::default(), &mut |i| {
        out.push(i);
        true
    });
    out
}

/// The checks every reader's output must pass.
fn check(items: &[Item]) {
    for i in items {
        if let Item::Article(a) = i {
            assert!(!a.text.trim().is_empty(), "an article without text");
        }
    }
}

/// Words, markup and punctuation news text is made of, and the characters that trip
/// readers up (quotes, commas, newlines, braces, escapes, bytes of other encodings).
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Z][a-z]{1,8}",
        "[a-z]{1,8}",
        Just(" ".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("\"".to_string()),
        Just("\"\"".to_string()),
        Just(",".to_string()),
        Just("By Ana Lima".to_string()),
        Just("SEOUL, Feb. 21 (Yonhap) -- ".to_string()),
        Just("Feb. 21 (UPI) --".to_string()),
        Just("RELATED Ban on ore".to_string()),
        "<(p|div|article|script|title|h1|meta|br)( [a-z]+=\"[^\"]{0,6}\")?/?>",
        "</(p|div|article|script|title|h1)>",
        "&[a-z#0-9]{0,6};?",
        "[{}\\[\\]:\\\\]",
        "[\u{0}-\u{1f}\u{80}-\u{ff}\u{feff}\u{202e}]",
        "\\PC{1,3}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..60).prop_map(|v| v.concat())
}

/// JSON Lines: records with good and bad field types, broken lines, blank lines.
fn jsonl() -> impl Strategy<Value = Vec<u8>> {
    let value = prop_oneof![
        text().prop_map(serde_json::Value::String),
        any::<i64>().prop_map(serde_json::Value::from),
        Just(serde_json::Value::Null),
        prop::collection::vec(text(), 0..3).prop_map(serde_json::Value::from),
    ];
    let key = prop_oneof![
        Just("text"),
        Just("body"),
        Just("title"),
        Just("date"),
        Just("id"),
        Just("x")
    ];
    let record = prop::collection::vec((key, value), 0..5).prop_map(|kv| {
        let m: serde_json::Map<_, _> = kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        serde_json::Value::Object(m).to_string()
    });
    let line = prop_oneof![4 => record, 1 => text()];
    prop::collection::vec(line, 0..8).prop_map(|v| v.join("\n").into_bytes())
}

/// CSV: a header and rows of fields with quotes, commas and newlines, quoted or not, so
/// quotes are sometimes unbalanced.
fn csv() -> impl Strategy<Value = Vec<u8>> {
    let field = prop_oneof![text(), text().prop_map(|t| format!("\"{t}\""))];
    let row = prop::collection::vec(field, 1..5).prop_map(|f| f.join(","));
    prop::collection::vec(row, 0..8)
        .prop_map(|rows| format!("id,title,text\n{}", rows.join("\n")).into_bytes())
}

/// Gzip of JSON Lines, whole, cut short, or with a byte changed.
fn gzip() -> impl Strategy<Value = Vec<u8>> {
    (
        jsonl(),
        0usize..3,
        any::<prop::sample::Index>(),
        any::<u8>(),
    )
        .prop_map(|(data, how, at, byte)| {
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            gz.write_all(&data).expect("writing to a Vec");
            let mut bytes = gz.finish().expect("writing to a Vec");
            let i = at.index(bytes.len());
            match how {
                1 => bytes.truncate(i),
                2 => bytes[i] ^= byte | 1,
                _ => {}
            }
            bytes
        })
}

/// A reader and its input generator.
fn targets() -> Vec<(&'static str, Format, bool, BoxedStrategy<Vec<u8>>)> {
    vec![
        ("jsonl", Format::Jsonl, false, jsonl().boxed()),
        ("csv", Format::Csv, false, csv().boxed()),
        (
            "html",
            Format::Html,
            false,
            text().prop_map(String::into_bytes).boxed(),
        ),
        (
            "text",
            Format::Text,
            false,
            text().prop_map(String::into_bytes).boxed(),
        ),
        ("gzip", Format::Jsonl, true, gzip().boxed()),
    ]
}

/// Run one reader for `budget`; the number of inputs and the slowest one's time. Panics
/// with the input (escaped) when a check fails.
fn fuzz_for(
    budget: Duration,
    target: &(&str, Format, bool, BoxedStrategy<Vec<u8>>),
) -> (u64, Duration) {
    let (name, format, gz, strategy) = target;
    let mut runner = TestRunner::deterministic();
    let (start, mut cases, mut slowest) = (Instant::now(), 0u64, Duration::ZERO);
    while start.elapsed() < budget {
        let input = strategy
            .new_tree(&mut runner)
            .expect("generating")
            .current();
        let t = Instant::now();
        let ok = std::panic::catch_unwind(|| check(&read(*format, &input, *gz)));
        let took = t.elapsed();
        if ok.is_err() || took > Duration::from_secs(2) {
            panic!(
                "{name}: failed or slow ({took:?}) on {:?}",
                String::from_utf8_lossy(&input)
            );
        }
        slowest = slowest.max(took);
        cases += 1;
    }
    (cases, slowest)
}

/// `FUZZ_SECONDS` (default 10) per reader; run by `tools/fuzz.sh`.
#[test]
#[ignore = "runs for a fixed time: tools/fuzz.sh"]
fn fuzz_every_reader_for_a_fixed_time() {
    let secs: u64 = std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    for t in targets() {
        let (cases, slowest) = fuzz_for(Duration::from_secs(secs), &t);
        println!(
            "fuzz {}: {cases} inputs in {secs} s, slowest {slowest:?}",
            t.0
        );
    }
}

#[test]
fn every_reader_survives_a_second_of_fuzzing() {
    for t in targets() {
        let (cases, _) = fuzz_for(Duration::from_millis(200), &t);
        assert!(cases > 0, "{}", t.0);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Rows the csv crate writes read back as they were, fields with quotes, commas and
    /// newlines included.
    #[test]
    fn csv_rows_read_back_as_written(rows in prop::collection::vec((text(), text()), 1..12)) {
        let mut w = ::csv::Writer::from_writer(Vec::new());
        w.write_record(["title", "text"]).unwrap();
        for (title, body) in &rows {
            w.write_record([title.replace('\r', ""), format!("Body {body}.").replace('\r', "")])
                .unwrap();
        }
        let data = w.into_inner().unwrap();
        let items = read(Format::Csv, &data, false);
        let rejected: Vec<String> = items
            .iter()
            .filter_map(|i| match i {
                Item::Rejected(e) => Some(e.to_string()),
                _ => None,
            })
            .collect();
        // Only text no reader takes (NUL bytes, nothing left after cleaning) is refused.
        for r in &rejected {
            prop_assert!(r.contains("binary") || r.contains("empty text") || r.contains("UTF-16"), "{r}");
        }
        prop_assert_eq!(items.iter().filter(|i| !matches!(i, Item::Warning(_))).count(), rows.len());
    }
}
