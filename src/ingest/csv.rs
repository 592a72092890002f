//! CSV articles with a header row: the JSON Lines field names, or columns mapped by `--field`.

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
    let mut rdr = ::csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(input);
    let headers = match rdr.byte_headers() {
        Ok(h) => h
            .iter()
            .map(|h| String::from_utf8_lossy(h).trim().to_lowercase())
            .collect::<Vec<_>>(),
        Err(e) => {
            sink(Item::Rejected(record_error(
                path,
                1,
                format!("cannot read CSV header: {e}"),
            )));
            return;
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
        sink(Item::Rejected(record_error(path, 1, why)));
        return;
    }
    let mut rec = ::csv::ByteRecord::new();
    loop {
        let line = rdr.position().line() + 1;
        match rdr.read_byte_record(&mut rec) {
            Ok(false) => return,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(line, |p| p.line());
                let why = match e.kind() {
                    ::csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => {
                        format!("row has {len} fields, the header has {expected_len}")
                    }
                    _ => format!("bad CSV: {e}"),
                };
                let fatal = matches!(e.kind(), ::csv::ErrorKind::Io(_));
                if !sink(Item::Rejected(record_error(path, line, why))) || fatal {
                    return;
                }
                continue;
            }
        }
        let line = rec.position().map_or(line, |p| p.line());
        if rec.as_slice().len() > MAX_RECORD_BYTES {
            let why = format!("record over the {} MiB limit", MAX_RECORD_BYTES >> 20);
            if !sink(Item::Rejected(record_error(path, line, why))) {
                return;
            }
            continue;
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
}
