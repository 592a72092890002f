//! Quotations running over several sentences: `Erdogan said, "Those who stay silent ...
//! Unfortunately, Trump is behaving like a bully."`. The speaker of a sentence that opens a
//! quotation without closing it claims (a medium: reports) the actors of the sentences that
//! follow, up to the one that closes it, unless one of them has a speaker of its own.

use super::view::Span;
use super::{Frame, Lexicon};
use crate::model::{EntityRef, EntityType, Relation};
use crate::nlp::doc::Doc;

/// Sentences a quotation may run on after the one that opens it.
const MAX_RUN: usize = 10;

fn is_quote_mark(t: &str) -> bool {
    matches!(t, "\"" | "\u{201c}" | "\u{201d}" | "``" | "''")
}

/// Does the quote mark at token `k` open a quotation? Curly marks say which they are; a
/// straight one opens at its sentence's start (`first`) or after a space, and closes when it
/// hangs on the word before it (`done a back-flip", said Shawn Burns`, `weeks."`).
fn opens_at(doc: &Doc, k: usize, first: usize) -> bool {
    match doc.tokens[k].text {
        "\u{201c}" | "``" => true,
        "\u{201d}" | "''" => false,
        _ => k == first || doc.tokens[k].space_before,
    }
}

/// Is the relation a speaker's claim or report drawn by a speech verb?
fn is_speech(lex: &Lexicon, r: &Relation) -> bool {
    let base = r.rule.split(['+', '@']).next().unwrap_or("");
    matches!(r.kind.as_str(), "claims" | "reports")
        && lex
            .rules
            .iter()
            .find(|x| x.id == base)
            .is_some_and(|x| matches!(x.frame, Frame::Speech | Frame::Tell))
}

/// Claims of the sentences inside a quotation its opening sentence's speaker began.
pub fn continued(
    lex: &Lexicon,
    doc: &Doc,
    entities: &[EntityRef],
    spans: &[Vec<Span>],
    rels: &[Relation],
) -> Vec<Relation> {
    let mut out = Vec::new();
    let mut open: Option<&Relation> = None;
    for (i, range) in doc.sentence_tokens.iter().enumerate() {
        // Whether the sentence's last quote mark opens a quotation or closes one.
        let last = range
            .clone()
            .rev()
            .find(|&k| is_quote_mark(doc.tokens[k].text));
        let last_opens = last.map(|k| opens_at(doc, k, range.start));
        let speech: Vec<&Relation> = rels
            .iter()
            .filter(|r| r.sentence == i && is_speech(lex, r))
            .collect();
        // A quotation left open at a paragraph's end or after a few sentences is taken as
        // closed: an unbalanced mark must not spread a speaker over the article.
        let paragraph = doc
            .tokens
            .get(range.start)
            .is_some_and(|t| t.nl_before >= 2);
        if paragraph || open.is_some_and(|t| i > t.sentence + MAX_RUN) {
            open = None;
        }
        if let Some(t) = open {
            if speech.is_empty() {
                let mut seen = Vec::new();
                for s in spans.get(i).into_iter().flatten() {
                    let media = entities.get(s.entity).map(|e| e.kind) == Some(EntityType::Media);
                    if s.entity == t.source || seen.contains(&s.entity) || media {
                        continue;
                    }
                    seen.push(s.entity);
                    // Nothing in the sentence fired: its evidence is the name it claims.
                    let (a, b) = (
                        &doc.tokens[range.start + s.a],
                        &doc.tokens[range.start + s.b - 1],
                    );
                    out.push(Relation {
                        target: s.entity,
                        sentence: i,
                        trigger: doc.text[a.bstart..b.bend].to_string(),
                        ..t.clone()
                    });
                }
                if last_opens == Some(false) {
                    open = None;
                }
                continue;
            }
            open = None;
        }
        if last_opens == Some(true) {
            if let Some(first) = speech.first() {
                if speech.iter().all(|r| r.source == first.source) {
                    open = Some(first);
                }
            }
        }
    }
    out
}
