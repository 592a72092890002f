//! Extraction: article text in, sentences, entities, mentions and relations out.

use crate::error::Result;
use crate::model::{Extraction, SentenceSpan};
use std::path::Path;

/// Everything extraction needs, loaded once and shared by all worker threads.
pub struct Extractor {}

impl Extractor {
    /// Load the built-in lexicons from `data/`, plus a user's own from `user_dir`.
    pub fn new(_user_dir: Option<&Path>) -> Result<Extractor> {
        Ok(Extractor {})
    }

    /// Extract one article. Deterministic: same text, same output.
    pub fn extract(&self, text: &str) -> Extraction {
        Extraction {
            sentences: split_paragraphs(text),
            ..Default::default()
        }
    }
}

/// Provisional splitter: one span per non-empty line, in code points.
fn split_paragraphs(text: &str) -> Vec<SentenceSpan> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut pos = 0;
    for line in text.split('\n') {
        let n = line.chars().count();
        if !line.trim().is_empty() {
            out.push(SentenceSpan {
                start,
                end: start + n,
            });
        }
        pos += n + 1;
        start = pos;
    }
    out
}
