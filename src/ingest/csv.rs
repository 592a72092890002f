//! CSV articles with a header row: the JSON Lines field names, or columns mapped by `--field`.

use super::csv_rows::{Frame, Rows};
use super::jsonl::FIELDS;
use super::{decode_record, finish, record_error, Item, ReadOptions, MAX_RECORD_BYTES};
use crate::model::Article;
use std::io::BufRead;

pub fn read(
    input: Box<dyn BufRead + '_>,
    path: &str,
    opts: &ReadOptions,
    sink: &mut dyn FnMut(Item) -> bool,
) {
    let mut rows = Rows::new(input);
    let reject = |sink: &mut dyn FnMut(Item) -> bool, line: u64, why: String| {
        sink(Item::Rejected(record_error(path, line, why)))
    };
    let headers: Vec<String> = loop {
        match rows.peek() {
            Ok(Frame::Row { bytes, lines, .. }) if bytes.is_empty() => rows.advance(lines),
            Ok(Frame::Row { bytes, lines, .. }) => {
                rows.advance(lines);
                let h = fields(&bytes);
                break h
                    .iter()
                    .map(|h| String::from_utf8_lossy(h).trim().to_lowercase())
                    .collect();
            }
            Ok(Frame::Eof) => break Vec::new(),
            Ok(Frame::Unclosed { line, .. }) => {
                reject(sink, line, format!("cannot read CSV header: {}", UNCLOSED));
                return;
            }
            Ok(Frame::TooLong { line, .. }) => {
                reject(
                    sink,
                    line,
                    "cannot read CSV header: over the size limit".into(),
                );
                return;
            }
            Err(e) => {
                reject(sink, rows.line(), format!("cannot read: {e}"));
                return;
            }
        }
    };
    let column = |ours: &str| -> Option<usize> {
        match opts.field(ours) {
            Some(m) => headers.iter().position(|h| h == &m.to_lowercase()),
            None => FIELDS
                .iter()
                .find(|(o, _)| *o == ours)
                .and_then(|(_, names)| {
                    names
                        .iter()
                        .find_map(|n| headers.iter().position(|h| h == n))
                }),
        }
    };
    let cols: Vec<Option<usize>> = FIELDS.iter().map(|(o, _)| column(o)).collect();
    if cols[2].is_none() {
        let why =
            format!(
            "no text column (looked for text, body, content{}); name it with --field text=COLUMN",
            opts.field("text").map(|m| format!(", {m}")).unwrap_or_default()
        );
        reject(sink, 1, why);
        return;
    }
    // After a row whose quotes are out of place: where it started and what was wrong. Lines
    // are skipped from there until one starts a row that reads as the header says.
    let mut lost: Option<(u64, String)> = None;
    loop {
        let frame = match rows.peek() {
            Ok(f) => f,
            Err(e) => {
                reject(sink, rows.line(), format!("cannot read: {e}"));
                return;
            }
        };
        let (line, lines, bytes) = match frame {
            Frame::Eof => {
                if let Some((start, why)) = lost {
                    reject(
                        sink,
                        start,
                        format!("{why}; lines {start} to the end skipped"),
                    );
                }
                return;
            }
            Frame::Unclosed { line, .. } => {
                rows.advance(1);
                lost.get_or_insert((line, UNCLOSED.to_string()));
                continue;
            }
            Frame::TooLong { line, lines } => {
                rows.advance(lines);
                let why = format!("record over the {} MiB limit", MAX_RECORD_BYTES >> 20);
                if lost.is_none() && !reject(sink, line, why) {
                    return;
                }
                continue;
            }
            Frame::Row { line, lines, bytes } => (line, lines, bytes),
        };
        if bytes.is_empty() {
            rows.advance(lines);
            continue;
        }
        let rec = fields(&bytes);
        if rec.len() != headers.len() {
            // One line: a ragged row. Several, or after a bad row: quotes out of place, so
            // step one line on and look for a row again.
            if lines == 1 && lost.is_none() {
                rows.advance(1);
                let why = format!(
                    "row has {} fields, the header has {}",
                    rec.len(),
                    headers.len()
                );
                if !reject(sink, line, why) {
                    return;
                }
            } else {
                rows.advance(1);
                let why = format!(
                    "quote out of place: the row starting on this line runs over {lines} lines and has {} fields, the header has {}",
                    rec.len(),
                    headers.len()
                );
                lost.get_or_insert((line, why));
            }
            continue;
        }
        rows.advance(lines);
        if let Some((start, why)) = lost.take() {
            let why = format!(
                "{why}; lines {start}-{} skipped, reading resumed at line {line}",
                line - 1
            );
            if !reject(sink, start, why) {
                return;
            }
        }
        let mut get = |i: usize| -> Option<Option<String>> {
            let Some(c) = cols[i] else { return Some(None) };
            let bytes = rec.get(c).unwrap_or_default().to_vec();
            let s = decode_record(bytes, path, line, sink)?;
            Some(Some(s).filter(|s| !s.trim().is_empty()))
        };
        let vals: Option<Vec<Option<String>>> = (0..FIELDS.len()).map(&mut get).collect();
        let Some(mut v) = vals else { continue };
        let a = Article {
            external_id: v[0].take(),
            title: v[1].take(),
            text: v[2].take().unwrap_or_default(),
            author: v[3].take(),
            source: v[4].take(),
            published: v[5].take(),
            url: v[6].take(),
            path: format!("{path}:{line}"),
        };
        if !sink(finish(a, opts, path, line)) {
            return;
        }
    }
}

/// What an unclosed quote is reported as.
const UNCLOSED: &str = "unclosed quote: the quoted field starting on this line does not end within 10000 lines, 16 MiB or the file";

/// The fields of one row.
fn fields(bytes: &[u8]) -> ::csv::ByteRecord {
    let mut r = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .terminator(::csv::Terminator::Any(b'\n'))
        .from_reader(bytes);
    let mut rec = ::csv::ByteRecord::new();
    let _ = r.read_byte_record(&mut rec);
    rec
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(data: &str, opts: &ReadOptions) -> Vec<Item> {
        let mut out = Vec::new();
        read(Box::new(data.as_bytes()), "in.csv", opts, &mut |i| {
            out.push(i);
            true
        });
        out
    }

    #[test]
    fn rows_become_articles_and_ragged_rows_are_reported() {
        let data = "id,title,body,date\n1,Hello,\"Text, with comma\nand newline.\",2020-05-01\n2,Bad\n3,T3,More text.,\n";
        let got = items(data, &ReadOptions::default());
        assert_eq!(got.len(), 3);
        match &got[0] {
            Item::Article(a) => {
                assert_eq!(a.external_id.as_deref(), Some("1"));
                assert_eq!(a.text, "Hello\n\nText, with comma\nand newline.");
                assert_eq!(a.published.as_deref(), Some("2020-05-01"));
            }
            other => panic!("{other:?}"),
        }
        match &got[1] {
            Item::Rejected(e) => assert_eq!(
                e.to_string(),
                "in.csv:4: row has 2 fields, the header has 4"
            ),
            other => panic!("{other:?}"),
        }
        assert!(matches!(&got[2], Item::Article(a) if a.path == "in.csv:5"));
    }

    #[test]
    fn mapped_columns_and_missing_text_column() {
        let opts = ReadOptions {
            fields: vec![("text".into(), "Story".into())],
            ..Default::default()
        };
        let got = items("headline,story\nH,Body here.\n", &opts);
        assert!(matches!(&got[0], Item::Article(a) if a.text == "H\n\nBody here."));
        let got = items("a,b\n1,2\n", &ReadOptions::default());
        assert!(matches!(&got[0], Item::Rejected(e) if e.to_string().contains("no text column")));
    }

    fn summary(got: &[Item]) -> Vec<String> {
        got.iter()
            .map(|i| match i {
                Item::Article(a) => a.external_id.clone().unwrap_or_default(),
                Item::Rejected(e) => format!("rejected {e}"),
                Item::Warning(e) => format!("warning {e}"),
            })
            .collect()
    }

    #[test]
    fn an_unclosed_quote_costs_its_row_only() {
        let mut data = String::from("id,title,text\n1,T,\"Kenya and Uganda met.\n");
        for i in 2..2000 {
            data.push_str(&format!("{i},T{i},Peru and Chile met on day {i}.\n"));
        }
        let got = summary(&items(&data, &ReadOptions::default()));
        assert_eq!(got.len(), 1999, "{:?}", &got[..3]);
        assert!(
            got[0].starts_with("rejected in.csv:2: unclosed quote")
                && got[0].ends_with("lines 2-2 skipped, reading resumed at line 3"),
            "{}",
            got[0]
        );
        assert_eq!(got[1], "2");
        assert_eq!(got[1998], "1999");
    }

    #[test]
    fn a_quote_out_of_place_is_found_where_another_closes_it() {
        // Row 2 opens a quote it never closes; row 4 spans two lines. Row 2 swallows row 3
        // and the first line of row 4: three lines that do not make a row of three fields, so
        // reading steps back to line 3 and every later row is kept.
        let data =
            "id,title,text\n1,\"T,Kenya met.\n2,T,Peru met.\n3,T,\"Chile\nmet.\"\n4,T,Fiji met.\n";
        let got = summary(&items(data, &ReadOptions::default()));
        assert_eq!(got.len(), 4, "{got:?}");
        assert!(
            got[0].starts_with("rejected in.csv:2: quote out of place: the row starting on this line runs over 3 lines"),
            "{}",
            got[0]
        );
        assert!(
            got[0].ends_with("lines 2-2 skipped, reading resumed at line 3"),
            "{}",
            got[0]
        );
        assert_eq!(got[1..], ["2", "3", "4"]);
    }

    #[test]
    fn an_unclosed_quote_at_the_end_is_reported() {
        let got = summary(&items(
            "id,text\n1,ok text\n2,\"open\nmore\n",
            &ReadOptions::default(),
        ));
        assert_eq!(got[0], "1");
        assert!(got[1].ends_with("lines 3 to the end skipped"), "{got:?}");
        assert_eq!(got.len(), 2);
    }
}
