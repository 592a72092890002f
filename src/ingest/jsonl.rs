//! JSON Lines articles: one object per line with `id`, `title`, `text` (or `body`/`content`),
//! `author`, `source`, `published` (or `date`), `url`.

use super::lines::{read_line, Line};
use super::{decode_record, finish, record_error, Item, ReadOptions, MAX_RECORD_BYTES};
use crate::model::Article;
use serde_json::{Map, Value};
use std::io::BufRead;

/// Our fields and the input names tried for each, in order.
pub(crate) const FIELDS: [(&str, &[&str]); 7] = [
    ("id", &["id", "external_id", "guid"]),
    ("title", &["title", "headline"]),
    ("text", &["text", "body", "content"]),
    ("author", &["author", "byline"]),
    ("source", &["source", "publisher"]),
    ("published", &["published", "date", "published_at"]),
    ("url", &["url", "link"]),
];

pub fn read(
    mut input: Box<dyn BufRead + '_>,
    path: &str,
    opts: &ReadOptions,
    sink: &mut dyn FnMut(Item) -> bool,
) {
    let mut buf = Vec::new();
    let mut line = 0u64;
    loop {
        line += 1;
        match read_line(&mut input, &mut buf, MAX_RECORD_BYTES) {
            Ok(Line::Eof) => return,
            Ok(Line::TooLong(n)) => {
                let why = format!(
                    "record of {n} bytes is over the {} MiB limit",
                    MAX_RECORD_BYTES >> 20
                );
                if !sink(Item::Rejected(record_error(path, line, why))) {
                    return;
                }
                continue;
            }
            Ok(Line::Ok) => {}
            Err(e) => {
                sink(Item::Rejected(record_error(
                    path,
                    line,
                    format!("cannot read: {e}"),
                )));
                return;
            }
        }
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let Some(text) = decode_record(std::mem::take(&mut buf), path, line, sink) else {
            continue;
        };
        let item = match parse_record(&text, path, line, opts) {
            Ok(a) => finish(a, opts, path, line),
            Err(why) => Item::Rejected(record_error(path, line, why)),
        };
        if !sink(item) {
            return;
        }
    }
}

/// One JSON object to an article, or the reason it is not one.
pub(crate) fn parse_record(
    text: &str,
    path: &str,
    line: u64,
    opts: &ReadOptions,
) -> Result<Article, String> {
    let v: Value = serde_json::from_str(text).map_err(|e| format!("invalid JSON: {e}"))?;
    let Value::Object(obj) = v else {
        return Err("not a JSON object".into());
    };
    let get = |ours: &str| -> Result<Option<String>, String> { field(&obj, ours, opts) };
    Ok(Article {
        external_id: get("id")?,
        title: get("title")?,
        author: get("author")?,
        source: get("source")?,
        published: get("published")?,
        url: get("url")?,
        path: format!("{path}:{line}"),
        text: get("text")?.unwrap_or_default(),
    })
}

fn field(
    obj: &Map<String, Value>,
    ours: &str,
    opts: &ReadOptions,
) -> Result<Option<String>, String> {
    let mapped = opts.field(ours);
    let names: &[&str] = FIELDS
        .iter()
        .find(|(o, _)| *o == ours)
        .map_or(&[], |(_, n)| n);
    let found = match mapped {
        Some(m) => obj.get(m).map(|v| (m, v)),
        None => names.iter().find_map(|n| obj.get(*n).map(|v| (*n, v))),
    };
    match found {
        None | Some((_, Value::Null)) => Ok(None),
        Some((_, Value::String(s))) => Ok(Some(s.clone()).filter(|s| !s.trim().is_empty())),
        Some((_, Value::Number(n))) if ours == "id" => Ok(Some(n.to_string())),
        Some((name, v)) => Err(format!(
            "field `{name}` must be a string, found {}",
            kind(v)
        )),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(data: &str) -> Vec<Item> {
        let mut out = Vec::new();
        read(
            Box::new(data.as_bytes()),
            "in.jsonl",
            &ReadOptions::default(),
            &mut |i| {
                out.push(i);
                true
            },
        );
        out
    }

    #[test]
    fn reads_fields_and_reports_bad_lines() {
        let data = "{\"id\": 7, \"title\": \"T\", \"body\": \"Some text.\", \"date\": \"1987-02-26\"}\n\
                    not json\n\n{\"id\": \"x\", \"text\": 5}\n[1,2]\n{\"id\": \"e\", \"text\": \"  \"}\n";
        let got = items(data);
        assert_eq!(got.len(), 5);
        match &got[0] {
            Item::Article(a) => {
                assert_eq!(a.external_id.as_deref(), Some("7"));
                assert_eq!(a.published.as_deref(), Some("1987-02-26"));
                assert_eq!(a.text, "T\n\nSome text.");
                assert_eq!(a.path, "in.jsonl:1");
            }
            other => panic!("{other:?}"),
        }
        let reasons: Vec<String> = got[1..]
            .iter()
            .map(|i| match i {
                Item::Rejected(e) => e.to_string(),
                other => panic!("{other:?}"),
            })
            .collect();
        assert!(
            reasons[0].starts_with("in.jsonl:2: invalid JSON"),
            "{reasons:?}"
        );
        assert!(
            reasons[1].starts_with("in.jsonl:4: field `text` must be a string"),
            "{reasons:?}"
        );
        assert!(
            reasons[2].starts_with("in.jsonl:5: not a JSON object"),
            "{reasons:?}"
        );
        assert!(
            reasons[3].starts_with("in.jsonl:6: empty text"),
            "{reasons:?}"
        );
    }

    #[test]
    fn mapped_field_names_are_used() {
        let opts = ReadOptions {
            fields: vec![("text".into(), "story".into())],
            ..Default::default()
        };
        let a = parse_record("{\"story\": \"Hello.\", \"text\": 3}", "p", 1, &opts).unwrap();
        assert_eq!(a.text, "Hello.");
    }
}
