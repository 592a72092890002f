//! The grammar alone: tagging and parsing every sentence of a corpus on one core, in words/s
//! (tokenizing is done beforehand and not counted), and model loading.

use crate::util::{load, median, repeat, spread, Config};
use newsgraph::grammar::{tokens, Grammar};
use std::time::Instant;

/// Words of every sentence of every text, as the parser receives them.
fn sentences(texts: &[String]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for t in texts {
        let doc = newsgraph::nlp::tokenize(t);
        for s in 0..doc.sentences.len() {
            let w: Vec<String> = tokens::words(&doc, s)
                .iter()
                .map(|w| w.text.to_string())
                .collect();
            if !w.is_empty() {
                out.push(w);
            }
        }
    }
    out
}

pub fn parse(cfg: &Config, section: &str, texts: &[String]) {
    let t = Instant::now();
    let g = Grammar::builtin();
    println!(
        "{section}: grammar model loaded in {:.3} s",
        t.elapsed().as_secs_f64()
    );
    let sents = sentences(texts);
    let words: usize = sents.iter().map(Vec::len).sum();
    let refs: Vec<Vec<&str>> = sents
        .iter()
        .map(|s| s.iter().map(String::as_str).collect())
        .collect();
    let (times, heads) = repeat(cfg.runs, || {
        refs.iter().map(|s| g.parse(s).head.len()).sum::<usize>()
    });
    assert_eq!(heads, words);
    let tag_only = repeat(cfg.runs, || {
        refs.iter().map(|s| g.tag(s).len()).sum::<usize>()
    })
    .0;
    let t = median(&times);
    println!(
        "{section}: {} sentences, {words} words; tag+parse median {t:.3} s ({}): {:.0} words/s on one core; tagging alone {:.0} words/s; load {}",
        sents.len(),
        spread(&times),
        words as f64 / t,
        words as f64 / median(&tag_only),
        load()
    );
}
