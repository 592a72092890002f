//! Token features of the name recognizer: the word, its shape and affixes, its neighbours,
//! the tags just given, gazetteer matches and cue words (as features, not as the final word),
//! and what the rest of the article says about the word (written in lowercase elsewhere).

use super::tags;
use crate::fxhash::FxSet;
use crate::learn::Feats;
use crate::nlp::cues::{self, Cues};
use crate::nlp::doc::{Doc, Token};
use crate::nlp::gazetteer::{Gazetteer, KINDS};

/// The lexicons features read.
#[derive(Clone, Copy)]
pub struct Lexicons<'a> {
    pub gaz: &'a Gazetteer,
    pub cues: &'a Cues,
}

/// Words that may sit inside a name between capitalised words (`Bank of Japan`, `bin Laden`).
const CONNECTORS: [&str; 20] = [
    "of", "the", "and", "&", "for", "on", "de", "da", "di", "du", "van", "von", "der", "den", "le",
    "la", "bin", "al", "el", "ibn",
];

/// Per-article facts: gazetteer codes per token, which tokens may be inside a name, and the
/// words the article writes in lowercase.
pub struct DocFacts<'a> {
    /// Per token: 0, or `(type + 1) << 8 | kind << 4 | position` of the longest gazetteer
    /// match covering it.
    pub gaz: Vec<u32>,
    /// Per token: it may be inside a name (capitalised, or a connector between capitals).
    pub eligible: Vec<bool>,
    /// Per token: a lowercase connector, which can only be inside a name, never begin one.
    pub inner: Vec<bool>,
    lower: FxSet<&'a str>,
}

fn connector(t: &Token) -> bool {
    CONNECTORS.contains(&t.lower.as_str())
}

impl<'a> DocFacts<'a> {
    pub fn new(doc: &Doc<'a>, lex: Lexicons) -> DocFacts<'a> {
        let toks = &doc.tokens;
        let mut gaz = vec![0u32; toks.len()];
        let mut key = String::new();
        for range in &doc.sentence_tokens {
            let mut i = range.start;
            while i < range.end {
                if !toks[i].is_cap() && !connector(&toks[i]) {
                    i += 1;
                    continue;
                }
                match lex.gaz.longest(doc, i, &mut key) {
                    Some((j, e)) => {
                        let kind = KINDS.iter().position(|k| *k == e.kind).unwrap_or(0) as u32;
                        let code = (e.kind_type as u32 + 1) << 8 | kind << 4;
                        for (k, g) in gaz[i..=j].iter_mut().enumerate() {
                            let pos = match (k == 0, i + k == j) {
                                (true, true) => 3,
                                (true, false) => 0,
                                (false, false) => 1,
                                (false, true) => 2,
                            };
                            *g = code | pos;
                        }
                        i = j + 1;
                    }
                    None => i += 1,
                }
            }
        }
        let mut eligible = vec![false; toks.len()];
        for range in &doc.sentence_tokens {
            for i in range.clone() {
                let cap = |k: usize| k < range.end && toks[k].is_cap() && toks[k].is_word();
                eligible[i] = cap(i)
                    || (i > range.start
                        && connector(&toks[i])
                        && cap(i - 1)
                        && (cap(i + 1)
                            || (i + 2 < range.end && connector(&toks[i + 1]) && cap(i + 2))));
            }
        }
        let inner = toks.iter().map(|t| !t.is_cap() && connector(t)).collect();
        let lower = toks
            .iter()
            .filter(|t| !t.is_cap() && t.is_word())
            .map(|t| t.text)
            .collect();
        DocFacts {
            gaz,
            eligible,
            inner,
            lower,
        }
    }
}

/// Collapsed shape: `Kang` -> `Xx`, `U.S.` -> `X.X.`, `1996` -> `d`.
fn shape(w: &str) -> String {
    let mut out = String::new();
    let mut last = ' ';
    for c in w.chars().take(12) {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if s != last {
            out.push(s);
            last = s;
        }
    }
    out
}

fn cue_bits(lex: Lexicons, w: &str) -> u32 {
    let roles = [
        cues::TITLE,
        cues::TITLE_MOD,
        cues::ORG,
        cues::FACILITY,
        cues::LOCATION,
        cues::MEDIA,
        cues::EVENT,
        cues::NOT_NAME,
        cues::REPORT_VERB,
    ];
    let mut bits = 0;
    for (k, r) in roles.into_iter().enumerate() {
        if lex.cues.has(w, r) {
            bits |= 1 << k;
        }
    }
    bits
}

/// Suffix of at most `n` characters.
fn suffix(w: &str, n: usize) -> &str {
    let k = w.char_indices().rev().nth(n - 1).map_or(0, |(k, _)| k);
    &w[k..]
}

fn prefix(w: &str, n: usize) -> &str {
    let k = w.char_indices().nth(n).map_or(w.len(), |(k, _)| k);
    &w[..k]
}

/// Features of token `i` of the sentence `s0..end`, after tags `p1` (previous) and `p2`.
/// `known: false` leaves out the word itself (training does so for rare words, so the model
/// learns to type the names it has never seen from their shape and context).
#[allow(clippy::too_many_arguments)]
pub fn token(
    doc: &Doc,
    facts: &DocFacts,
    lex: Lexicons,
    s0: usize,
    end: usize,
    i: usize,
    p1: usize,
    p2: usize,
    known: bool,
    out: &mut Feats,
) {
    out.clear();
    let toks = &doc.tokens;
    let t = &toks[i];
    let w = t.lower.as_str();
    let at = |k: isize| -> &str {
        let j = i as isize + k;
        if j < s0 as isize {
            "<s>"
        } else if j >= end as isize {
            "</s>"
        } else {
            toks[j as usize].lower.as_str()
        }
    };
    let tok = |k: isize| -> Option<&Token> {
        let j = i as isize + k;
        (j >= s0 as isize && j < end as isize).then(|| &toks[j as usize])
    };
    let sh = shape(t.text);
    out.add(0, &[]);
    if known {
        out.add(1, &[w]);
        out.add(10, &[at(-1), w]);
        out.add(11, &[w, at(1)]);
        out.add(14, &[&p1.to_string(), w]);
        if let Some((typ, _)) = tags::split(p1) {
            out.add(28, &[tags::TYPES[typ], w]);
        }
    }
    out.add(2, &[&sh]);
    out.add(3, &[suffix(w, 3)]);
    out.add(4, &[suffix(w, 2)]);
    out.add(5, &[prefix(w, 3)]);
    out.add(6, &[at(-1)]);
    out.add(7, &[at(1)]);
    out.add(8, &[at(-2)]);
    out.add(9, &[at(2)]);
    out.add_ids(12, &[p1 as u32]);
    out.add_ids(13, &[p1 as u32, p2 as u32]);
    let prev_shape = tok(-1).map_or_else(|| "<s>".to_string(), |p| shape(p.text));
    let next_shape = tok(1).map_or_else(|| "</s>".to_string(), |n| shape(n.text));
    out.add(15, &[&prev_shape, &sh, &next_shape]);
    out.add(16, &[&p1.to_string(), &sh]);
    // opening a sentence (or a quote) makes a capital say little
    let opens = i == s0
        || matches!(
            toks[i - 1].text,
            "\"" | "\u{201c}" | "(" | ":" | "-" | "--" | "'" | "\u{2018}"
        );
    out.add_ids(17, &[opens as u32, t.is_cap() as u32, t.is_upper() as u32]);
    // gazetteer codes of this token and its neighbours
    let g = facts.gaz[i];
    out.add_ids(18, &[g]);
    out.add_ids(19, &[g >> 8]);
    let gp = if i > s0 { facts.gaz[i - 1] >> 8 } else { 99 };
    let gn = if i + 1 < end {
        facts.gaz[i + 1] >> 8
    } else {
        99
    };
    out.add_ids(20, &[gp, g >> 8, gn]);
    out.add_ids(21, &[g, p1 as u32]);
    // cue words: titles before, heads after
    out.add_ids(22, &[cue_bits(lex, t.text)]);
    if let Some(p) = tok(-1) {
        out.add_ids(23, &[cue_bits(lex, p.text)]);
    }
    if let Some(n) = tok(1) {
        out.add_ids(24, &[cue_bits(lex, n.text)]);
    }
    if let Some(n) = tok(2) {
        out.add_ids(25, &[cue_bits(lex, n.text)]);
    }
    // an ordinary English word, and whether this article writes it in lowercase
    let english = lex.cues.is_word(t.text);
    let lower_here = t.is_cap() && facts.lower.contains(w);
    out.add_ids(26, &[english as u32, lower_here as u32, opens as u32]);
    out.add_ids(27, &[lower_here as u32, t.is_cap() as u32, p1 as u32]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_affixes() {
        assert_eq!(shape("Kang"), "Xx");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("1996"), "d");
        assert_eq!(suffix("reuters", 3), "ers");
        assert_eq!(suffix("ab", 3), "ab");
        assert_eq!(prefix("séoul", 3), "séo");
    }
}
