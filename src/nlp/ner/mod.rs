//! The learned name recognizer: an averaged perceptron ([`crate::learn`]) tagging each
//! sentence greedily, left to right, with BILOU tags over `PER`/`ORG`/`LOC`/`MISC`, trained
//! here by [`train::train`] on openly licensed annotated text (`data/ner/names.model`).
//!
//! Only tokens that may be inside a name are scored (capitalised words, and connectors such
//! as `of` between two of them); every other token is `O`, which keeps it cheap.

pub mod apply;
pub mod corpus;
pub mod features;
pub mod tags;
pub mod train;

use crate::learn::{Feats, Model};
use crate::nlp::doc::Doc;
use features::{DocFacts, Lexicons};
use std::sync::OnceLock;

/// A name found by the recognizer: tokens `first..=last`, its class (index into
/// [`tags::TYPES`]) and the smallest margin by which its tags won (in quantisation steps).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub first: usize,
    pub last: usize,
    pub typ: usize,
    pub margin: i32,
}

/// The model file shipped in `data/ner/`, rebuilt by `examples/train_ner.rs`.
static BUILTIN: &[u8] = include_bytes!("../../../data/ner/names.model");

/// The built-in model, or the file named by `NG_NER_MODEL` (to try a retrained model
/// without rebuilding); `None` when the model is empty or unreadable: the rules then work
/// alone.
pub fn builtin() -> Option<&'static Model> {
    static M: OnceLock<Option<Model>> = OnceLock::new();
    M.get_or_init(|| {
        let file = std::env::var_os("NG_NER_MODEL").and_then(|p| std::fs::read(p).ok());
        let model = Model::from_bytes(file.as_deref().unwrap_or(BUILTIN)).ok();
        crate::resident::release(BUILTIN);
        model
    })
    .as_ref()
}

/// One class per token, and the margin by which it won (`i32::MAX` for tokens that cannot
/// be inside a name and were not scored).
#[derive(Debug, Clone, Default)]
pub struct Tagged {
    pub classes: Vec<usize>,
    pub margins: Vec<i32>,
}

/// Tag every sentence of `doc`.
pub fn tag(model: &Model, doc: &Doc, lex: Lexicons) -> Tagged {
    tag_some(model, doc, lex, |_| true)
}

/// Tag the sentences of `doc` that `wanted` says yes to; the others are all `O`.
pub fn tag_some(model: &Model, doc: &Doc, lex: Lexicons, wanted: impl Fn(usize) -> bool) -> Tagged {
    let facts = DocFacts::of(doc, lex, wanted);
    let mut classes = vec![0usize; doc.tokens.len()];
    let mut margins = vec![i32::MAX; doc.tokens.len()];
    let mut feats = Feats::default();
    let mut buf = vec![0i32; model.classes()];
    for range in &doc.sentence_tokens {
        let (mut p1, mut p2) = (0usize, 0usize);
        for i in range.clone() {
            if !facts.eligible[i] {
                (p2, p1) = (p1, 0);
                continue;
            }
            let last = i + 1 >= range.end || !facts.eligible[i + 1];
            features::token(
                doc,
                &facts,
                lex,
                range.start,
                range.end,
                i,
                p1,
                p2,
                true,
                &mut feats,
            );
            model.scores(&feats.0, &mut buf);
            let (c, m) = best(&buf, p1, last, facts.inner[i]);
            classes[i] = c;
            margins[i] = m;
            (p2, p1) = (p1, c);
        }
    }
    Tagged { classes, margins }
}

/// The best allowed class after `prev` and its margin over the runner-up; an `inner` token
/// (a lowercase connector) cannot start a name.
fn best(scores: &[i32], prev: usize, last: bool, inner: bool) -> (usize, i32) {
    let (mut b, mut second) = (usize::MAX, i32::MIN);
    for (c, &s) in scores.iter().enumerate() {
        if !tags::allowed(prev, c, last) || inner && tags::starts(c) {
            continue;
        }
        if b == usize::MAX || s > scores[b] {
            if b != usize::MAX {
                second = second.max(scores[b]);
            }
            b = c;
        } else {
            second = second.max(s);
        }
    }
    let b = if b == usize::MAX { 0 } else { b };
    let margin = if second == i32::MIN {
        i32::MAX
    } else {
        scores[b] - second
    };
    (b, margin)
}

/// The names of `doc`, in text order.
pub fn spans(model: &Model, doc: &Doc, lex: Lexicons) -> Vec<Span> {
    spans_of(&tag(model, doc, lex))
}

/// The names of a tagging, in text order.
pub fn spans_of(t: &Tagged) -> Vec<Span> {
    let (classes, margins) = (&t.classes, &t.margins);
    tags::spans(classes)
        .into_iter()
        .map(|(first, last, typ)| Span {
            first,
            last,
            typ,
            margin: margins[first..=last].iter().copied().min().unwrap_or(0),
        })
        .collect()
}
