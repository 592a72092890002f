//! Token features of the name recognizer: the word, its shape and affixes, its neighbours,
//! the tags just given, gazetteer matches and cue words (as features, not as the final word),
//! and what the rest of the article says about the word (written in lowercase elsewhere).

use crate::fxhash::FxSet;
use crate::learn::{feat, Feats};
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

/// Per-article facts: gazetteer codes per token, which tokens may be inside a name, the
/// words the article writes in lowercase, and each token's word, shape and cue hashes
/// (computed once, so a token's features cost no string work).
pub struct DocFacts<'a> {
    /// Per token: 0, or `(type + 1) << 8 | kind << 4 | position` of the longest gazetteer
    /// match covering it.
    pub gaz: Vec<u32>,
    /// Per token: it may be inside a name (capitalised, or a connector between capitals).
    pub eligible: Vec<bool>,
    /// Per token: a lowercase connector, which can only be inside a name, never begin one.
    pub inner: Vec<bool>,
    /// Per token: hash of the lowercased word, of its shape, and its cue roles.
    word: Vec<u64>,
    shape: Vec<u64>,
    roles: Vec<u16>,
    lower: FxSet<&'a str>,
}

fn connector(t: &Token) -> bool {
    CONNECTORS.contains(&t.lower.as_str())
}

/// Hash of the collapsed shape: `Kang` -> `Xx`, `U.S.` -> `X.X.`, `1996` -> `d`.
fn shape_hash(w: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
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
            h = (h ^ s as u64).wrapping_mul(0x0100_0000_01b3);
            last = s;
        }
    }
    h
}

/// Two hashes as one.
#[inline]
fn pair(a: u64, b: u64) -> u64 {
    a.rotate_left(21).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ b
}

const START: u64 = 0x5354_4152_5453_5441;
const END: u64 = 0x454e_4445_4e44_454e;

impl<'a> DocFacts<'a> {
    /// Facts of every sentence.
    pub fn new(doc: &Doc<'a>, lex: Lexicons) -> DocFacts<'a> {
        Self::of(doc, lex, |_| true)
    }

    /// Facts of the sentences `wanted` says yes to (the others' tokens are not eligible).
    pub fn of(doc: &Doc<'a>, lex: Lexicons, wanted: impl Fn(usize) -> bool) -> DocFacts<'a> {
        let toks = &doc.tokens;
        let mut gaz = vec![0u32; toks.len()];
        let mut key = String::new();
        let ranges: Vec<std::ops::Range<usize>> = doc
            .sentence_tokens
            .iter()
            .enumerate()
            .filter(|(s, _)| wanted(*s))
            .map(|(_, r)| r.clone())
            .collect();
        for range in &ranges {
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
        let mut inner = vec![false; toks.len()];
        let (mut word, mut shape, mut roles) = (
            vec![0; toks.len()],
            vec![0; toks.len()],
            vec![0; toks.len()],
        );
        for range in &ranges {
            for i in range.clone() {
                inner[i] = !toks[i].is_cap() && connector(&toks[i]);
                word[i] = feat(1, &[&toks[i].lower]);
                shape[i] = shape_hash(toks[i].text);
                roles[i] = lex.cues.roles(toks[i].text) & cues::NAME_ROLES;
                let cap = |k: usize| k < range.end && toks[k].is_cap() && toks[k].is_word();
                eligible[i] = cap(i)
                    || (i > range.start
                        && connector(&toks[i])
                        && cap(i - 1)
                        && (cap(i + 1)
                            || (i + 2 < range.end && connector(&toks[i + 1]) && cap(i + 2))));
            }
        }
        let lower = if ranges.is_empty() {
            FxSet::default()
        } else {
            toks.iter()
                .filter(|t| !t.is_cap() && t.is_word())
                .map(|t| t.text)
                .collect()
        };
        DocFacts {
            gaz,
            eligible,
            inner,
            word,
            shape,
            roles,
            lower,
        }
    }
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
    // a per-token hash at offset `k` from `i`, or START/END outside the sentence
    let at = |v: &[u64], k: isize| -> u64 {
        let j = i as isize + k;
        if j < s0 as isize {
            START
        } else if j >= end as isize {
            END
        } else {
            v[j as usize]
        }
    };
    let word = |k: isize| at(&facts.word, k);
    let shape = |k: isize| at(&facts.shape, k);
    let roles = |k: isize| -> u32 {
        let j = i as isize + k;
        if j < s0 as isize || j >= end as isize {
            1 << 16
        } else {
            facts.roles[j as usize] as u32
        }
    };
    let (p1u, p2u) = (p1 as u32, p2 as u32);
    let wi = facts.word[i];
    let sh = facts.shape[i];
    out.add_ids(0, &[]);
    if known {
        out.add_hash(1, wi, &[]);
        out.add_hash(10, pair(word(-1), wi), &[]);
        out.add_hash(11, pair(wi, word(1)), &[]);
        out.add_hash(14, wi, &[p1u]);
    }
    out.add_hash(2, sh, &[]);
    out.add(3, &[suffix(w, 3)]);
    out.add(4, &[suffix(w, 2)]);
    out.add(5, &[prefix(w, 3)]);
    out.add_hash(6, word(-1), &[]);
    out.add_hash(7, word(1), &[]);
    out.add_hash(8, word(-2), &[]);
    out.add_hash(9, word(2), &[]);
    out.add_ids(12, &[p1u]);
    out.add_ids(13, &[p1u, p2u]);
    out.add_hash(15, pair(pair(shape(-1), sh), shape(1)), &[]);
    out.add_hash(16, sh, &[p1u]);
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
    out.add_ids(21, &[g, p1u]);
    // cue words: titles before, heads after
    out.add_ids(22, &[roles(0)]);
    out.add_ids(23, &[roles(-1)]);
    out.add_ids(24, &[roles(1)]);
    out.add_ids(25, &[roles(2)]);
    // an ordinary English word, and whether this article writes it in lowercase
    let english = lex.cues.is_lower_word(w);
    let lower_here = t.is_cap() && facts.lower.contains(w);
    out.add_ids(26, &[english as u32, lower_here as u32, opens as u32]);
    out.add_ids(27, &[lower_here as u32, t.is_cap() as u32, p1u]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_affixes() {
        assert_eq!(shape_hash("Kang"), shape_hash("Seoul"));
        assert_ne!(shape_hash("Kang"), shape_hash("KANG"));
        assert_eq!(shape_hash("U.S."), shape_hash("U.K."));
        assert_eq!(suffix("reuters", 3), "ers");
        assert_eq!(suffix("ab", 3), "ab");
        assert_eq!(prefix("séoul", 3), "séo");
    }
}
