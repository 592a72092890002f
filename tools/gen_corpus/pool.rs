//! The material of the synthetic corpus: the real sentences and headlines of the input corpora.

use newsgraph::ingest::{read_inputs, Item, ReadOptions};
use std::path::PathBuf;

/// Every usable sentence and headline, in one buffer each (no per-string allocation).
#[derive(Default)]
pub struct Pool {
    text: String,
    sentences: Vec<(u32, u32)>,
    titles: Vec<(u32, u32)>,
    pub articles: usize,
}

impl Pool {
    /// Read `inputs` with newsgraph's own readers (so the same cleaning applies) and cut every
    /// article into sentences.
    pub fn load(inputs: &[PathBuf]) -> Pool {
        let mut pool = Pool::default();
        read_inputs(inputs, &ReadOptions::default(), &mut |item| {
            if let Item::Article(a) = item {
                pool.articles += 1;
                let mut body = a.text.as_str();
                if let Some(t) = a.title.as_deref() {
                    let t = t.trim();
                    if !t.is_empty() {
                        body = body.strip_prefix(t).unwrap_or(body);
                        let r = pool.push(t);
                        pool.titles.push(r);
                    }
                }
                for s in sentences(body) {
                    let r = pool.push(&s);
                    pool.sentences.push(r);
                }
            }
            true
        });
        pool
    }

    fn push(&mut self, s: &str) -> (u32, u32) {
        let start = self.text.len() as u32;
        self.text.push_str(s);
        (start, s.len() as u32)
    }

    fn get(&self, (start, len): (u32, u32)) -> &str {
        &self.text[start as usize..(start + len) as usize]
    }

    pub fn sentence_count(&self) -> usize {
        self.sentences.len()
    }

    pub fn title_count(&self) -> usize {
        self.titles.len()
    }

    pub fn sentence(&self, i: usize) -> &str {
        self.get(self.sentences[i])
    }

    pub fn title(&self, i: usize) -> &str {
        self.get(self.titles[i])
    }

    pub fn bytes(&self) -> usize {
        self.text.len()
    }
}

/// Sentences of a text: whitespace collapsed, cut after `.`, `?` or `!` when a capital, digit
/// or quote follows. Rough (it also cuts after "U.S." before a name), which is fine for
/// recombination. Fragments shorter than 30 or longer than 600 bytes are dropped.
pub fn sentences(text: &str) -> Vec<String> {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = Vec::new();
    let mut start = 0;
    let b = flat.as_bytes();
    for i in 0..b.len() {
        let end_mark = matches!(b[i], b'.' | b'?' | b'!');
        let next_ok = b.get(i + 1) == Some(&b' ')
            && b.get(i + 2)
                .is_some_and(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == b'"');
        if end_mark && next_ok {
            keep(&flat[start..=i], &mut out);
            start = i + 2;
        }
    }
    keep(&flat[start..], &mut out);
    out
}

fn keep(s: &str, out: &mut Vec<String>) {
    let s = s.trim();
    if (30..=600).contains(&s.len()) && s.bytes().any(|c| c.is_ascii_alphabetic()) {
        out.push(s.to_string());
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn cuts_sentences() {
        let s = super::sentences(
            "The ministry said on Monday it would act.\n  Prices rose 5 pct in the\nweek. Short. \
             Traders were calm about it all.",
        );
        assert_eq!(
            s,
            [
                "The ministry said on Monday it would act.",
                "Prices rose 5 pct in the week.",
                "Traders were calm about it all."
            ]
        );
    }
}
