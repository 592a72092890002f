//! Reading articles from files, directory trees and stdin, in every supported format.

mod bom;
mod csv;
mod csv_rows;
pub mod dates;
mod decode;
#[cfg(test)]
mod fuzz;
mod html;
mod jsonl;
mod lines;
mod pipeline;
pub mod reextract;
mod text;
mod walk;
pub mod wire;
pub(crate) mod writer;

pub(crate) use pipeline::extract_guarded;
pub use pipeline::{content_hash, run, IngestOptions, Stopped, Summary, BATCH_TEXT_BYTES};

use crate::error::Error;
use crate::model::Article;
use std::io::BufRead;

/// Largest article or record accepted, in bytes; larger ones are refused with a report.
pub const MAX_RECORD_BYTES: usize = 16 << 20;

/// Input formats. `Text` covers `.txt` and `.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Jsonl,
    Csv,
    Html,
}

impl Format {
    /// The format a file name implies (a `.gz` suffix is looked through), if any.
    pub fn from_name(name: &str) -> Option<Format> {
        let name = name.to_ascii_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        let ext = name.rsplit_once('.').map(|(_, e)| e)?;
        match ext {
            "txt" | "text" | "md" => Some(Format::Text),
            "jsonl" | "ndjson" | "json" => Some(Format::Jsonl),
            "csv" => Some(Format::Csv),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            _ => None,
        }
    }
}

/// What a reader hands on: an article, a record it refused, or a warning about one it kept.
#[derive(Debug)]
pub enum Item {
    Article(Article),
    Rejected(Error),
    Warning(Error),
}

/// How to read the inputs.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Force one format instead of going by extension.
    pub format: Option<Format>,
    /// Year for datelines that omit it, when the article names none.
    pub year: Option<i32>,
    /// Column or field renames: (our field, the input's name), e.g. ("text", "body_html").
    pub fields: Vec<(String, String)>,
}

impl ReadOptions {
    /// The input's name for one of our fields, if the user mapped it.
    pub fn field<'a>(&'a self, ours: &str) -> Option<&'a str> {
        self.fields
            .iter()
            .find(|(o, _)| o == ours)
            .map(|(_, t)| t.as_str())
    }
}

/// Read one input stream of a known format, passing every item to `sink` until it returns
/// false. `path` names the input in reports.
pub fn read_stream(
    format: Format,
    input: Box<dyn BufRead + '_>,
    path: &str,
    opts: &ReadOptions,
    sink: &mut dyn FnMut(Item) -> bool,
) {
    match format {
        Format::Text => text::read(input, path, opts, sink),
        Format::Html => html::read(input, path, opts, sink),
        Format::Jsonl => jsonl::read(input, path, opts, sink),
        Format::Csv => csv::read(input, path, opts, sink),
    }
}

/// Read every input (files, directories walked recursively, `-` for stdin) in a stable order.
pub fn read_inputs(
    inputs: &[std::path::PathBuf],
    opts: &ReadOptions,
    sink: &mut dyn FnMut(Item) -> bool,
) {
    walk::read_inputs(inputs, opts, sink)
}

/// The bytes `read_inputs` will read, when every input's size is known (see `walk`).
pub fn input_bytes(inputs: &[std::path::PathBuf], opts: &ReadOptions) -> Option<u64> {
    walk::input_bytes(inputs, opts)
}

/// Finish an article a reader built: wire-service cleaning, then refuse it if no text is left.
pub(crate) fn finish(mut a: Article, opts: &ReadOptions, path: &str, line: u64) -> Item {
    if a.text.trim().is_empty() {
        return Item::Rejected(record_error(path, line, "empty text"));
    }
    wire::clean(&mut a, opts.year);
    if a.text.trim().is_empty() {
        // Found by fuzzing: a text of page furniture alone (`RELATED ...`) is empty once
        // cleaned, and an article without text must not reach the store.
        return Item::Rejected(record_error(
            path,
            line,
            "no text left once page furniture is removed",
        ));
    }
    if let Some(p) = a.published.take() {
        a.published = dates::parse(&p);
    }
    Item::Article(a)
}

/// A record-level report.
pub(crate) fn record_error(path: &str, line: u64, reason: impl Into<String>) -> Error {
    Error::Record {
        path: path.to_string(),
        line,
        reason: reason.into(),
    }
}

/// Decode a record's bytes, reporting repairs as a warning and refusals as a rejection.
pub(crate) fn decode_record(
    bytes: Vec<u8>,
    path: &str,
    line: u64,
    sink: &mut dyn FnMut(Item) -> bool,
) -> Option<String> {
    match decode::decode(bytes) {
        Ok(d) => {
            if d.repaired > 0 {
                let why = format!(
                    "{} invalid UTF-8 byte(s) repaired as Windows-1252",
                    d.repaired
                );
                sink(Item::Warning(record_error(path, line, why)));
            }
            Some(d.text)
        }
        Err(why) => {
            sink(Item::Rejected(record_error(path, line, why)));
            None
        }
    }
}

/// Read a whole stream for the one-article-per-file formats, refusing it over the size limit.
pub(crate) fn read_whole(
    mut input: Box<dyn BufRead + '_>,
    path: &str,
    sink: &mut dyn FnMut(Item) -> bool,
) -> Option<String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    let limit = MAX_RECORD_BYTES as u64 + 1;
    if let Err(e) = input.by_ref().take(limit).read_to_end(&mut bytes) {
        sink(Item::Rejected(record_error(
            path,
            1,
            format!("cannot read: {e}"),
        )));
        return None;
    }
    if bytes.len() > MAX_RECORD_BYTES {
        let why = format!(
            "larger than the {} MiB limit for one article",
            MAX_RECORD_BYTES >> 20
        );
        sink(Item::Rejected(record_error(path, 1, why)));
        return None;
    }
    decode_record(bytes, path, 1, sink)
}

#[cfg(test)]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    fn items(format: Format, data: &[u8]) -> Vec<Item> {
        let mut out = Vec::new();
        read_stream(
            format,
            Box::new(data),
            "p",
            &ReadOptions::default(),
            &mut |i| {
                out.push(i);
                true
            },
        );
        out
    }

    #[test]
    fn a_text_of_page_furniture_alone_is_rejected() {
        let got = items(Format::Jsonl, b"{\"body\": \"RELATED Ban on ore\\n\\n\"}\n");
        assert!(
            matches!(&got[..], [Item::Rejected(e)] if e.to_string().contains("no text left")),
            "{got:?}"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        /// No bytes make a reader panic, and every article it passes on has text.
        #[test]
        fn readers_never_panic(data in proptest::collection::vec(any::<u8>(), 0..600)) {
            for f in [Format::Text, Format::Jsonl, Format::Csv, Format::Html] {
                for item in items(f, &data) {
                    if let Item::Article(a) = item {
                        prop_assert!(!a.text.trim().is_empty());
                    }
                }
            }
        }

        /// Text shaped like articles (lines, datelines, bylines, markup) never panics either.
        #[test]
        fn article_like_text_never_panics(s in "(By [A-Z][a-z]+|[A-Z][a-z]{2}\\. [0-9]{1,2} \\([A-Z]{2,4}\\) --|RELATED [a-z]+|<p>|&[a-z#0-9]{0,5};?|[a-zé ]{0,12}|\n|\"|,){0,40}") {
            for f in [Format::Text, Format::Html] {
                let _ = items(f, s.as_bytes());
            }
            let line = serde_json::json!({"title": s.clone(), "text": s.clone(), "date": s.clone()}).to_string();
            let _ = items(Format::Jsonl, line.as_bytes());
        }
    }
}
