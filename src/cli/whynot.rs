//! `newsgraph explain ARTICLE --why-not SOURCE TARGET`: for each sentence of the article
//! holding both actors, the relation stage replayed step by step on the stored mentions
//! (trigger, token windows, the parse and its patterns, the type check) with the lexicon in
//! force now, so a user sees where an expected edge was lost and which row would add it.

use crate::error::{Error, Result};
use crate::model::{EntityRef, EntityType};
use crate::nlp::relations::view::{Span, View};
use crate::nlp::relations::{whynot, Lexicon};
use crate::store::explain::{Explained, ExplainedMention};

/// One sentence holding both actors: its text, the edges stored between them, the steps.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Sentence {
    pub idx: i64,
    pub text: String,
    pub stored: Vec<String>,
    pub steps: Vec<String>,
}

fn matches(m: &ExplainedMention, name: &str) -> bool {
    m.name.eq_ignore_ascii_case(name) || m.surface.eq_ignore_ascii_case(name)
}

/// The canonical name an actor goes by in the article (`UK` -> `United Kingdom`).
fn resolve(e: &Explained, name: &str) -> Result<String> {
    if let Some(m) = e.mentions.iter().find(|m| matches(m, name)) {
        return Ok(m.name.clone());
    }
    let mut names: Vec<&str> = e.mentions.iter().map(|m| m.name.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    Err(Error::Usage(format!(
        "{name}: no actor of that name in article {} (its actors: {})",
        e.article_id,
        names.join(", ")
    )))
}

/// The steps for every sentence holding both actors; an error naming the sentences of each
/// when they share none. `sports`: the article reads as a sports report, whose edges of play
/// are not kept (`nlp::genre`).
pub fn run(
    lex: &Lexicon,
    e: &Explained,
    source: &str,
    target: &str,
    sports: bool,
) -> Result<Vec<Sentence>> {
    let (src, tgt) = (resolve(e, source)?, resolve(e, target)?);
    let in_sentence = |name: &str| -> Vec<i64> {
        let mut s: Vec<i64> = e
            .mentions
            .iter()
            .filter(|m| m.name == name)
            .map(|m| m.sentence)
            .collect();
        s.dedup();
        s
    };
    let (a, b) = (in_sentence(&src), in_sentence(&tgt));
    let both: Vec<i64> = a.iter().copied().filter(|s| b.contains(s)).collect();
    if both.is_empty() {
        return Err(Error::Usage(format!(
            "{src} (sentences {a:?}) and {tgt} (sentences {b:?}) share no sentence in article {}: \
             edges are drawn between the actors of one sentence",
            e.article_id
        )));
    }
    let mut out = Vec::new();
    for idx in both {
        let Some((_, text)) = e.sentences.iter().find(|(i, _)| *i == idx) else {
            continue;
        };
        let ms: Vec<&ExplainedMention> = e.mentions.iter().filter(|m| m.sentence == idx).collect();
        let stored = e
            .relations
            .iter()
            .filter(|r| r.sentence == idx)
            .filter(|r| {
                (r.source == src && r.target == tgt) || (r.source == tgt && r.target == src)
            })
            .map(|r| {
                let not = if r.negated { "NOT " } else { "" };
                format!(
                    "{not}{} -{}-> {} (rule {}, confidence {:.2})",
                    r.source, r.kind, r.target, r.rule, r.confidence
                )
            })
            .collect();
        let mut steps = steps(lex, text, &ms, &src, &tgt);
        if sports {
            steps.push(format!(
                "the article reads as a sports report: {}",
                crate::nlp::genre::PLAY
            ));
        }
        out.push(Sentence {
            idx,
            text: text.clone(),
            stored,
            steps,
        });
    }
    Ok(out)
}

/// The relation stage replayed on one sentence with its stored mentions.
fn steps(lex: &Lexicon, text: &str, ms: &[&ExplainedMention], src: &str, tgt: &str) -> Vec<String> {
    let doc = crate::nlp::tokenize(text);
    let mut entities: Vec<EntityRef> = Vec::new();
    let mut spans = Vec::new();
    for m in ms {
        let kind = EntityType::parse(&m.kind).unwrap_or(EntityType::Organization);
        let entity = match entities.iter().position(|x| x.name == m.name) {
            Some(i) => i,
            None => {
                entities.push(EntityRef {
                    name: m.name.clone(),
                    kind,
                    aliases: Vec::new(),
                });
                entities.len() - 1
            }
        };
        let a = doc
            .tokens
            .iter()
            .position(|t| t.end > m.start && t.start < m.end);
        let b = doc
            .tokens
            .iter()
            .rposition(|t| t.end > m.start && t.start < m.end);
        if let (Some(a), Some(b)) = (a, b) {
            spans.push(Span {
                entity,
                kind,
                a,
                b: b + 1,
            });
        }
    }
    let v = View::whole(&doc, spans);
    let at = |n: &str| entities.iter().position(|x| x.name == n);
    match (at(src), at(tgt)) {
        (Some(s), Some(t)) => whynot::why_not(lex, &v, &entities, s, t),
        _ => vec!["the stored mentions of one of them could not be placed on the tokens".into()],
    }
}

/// The steps as printed.
pub fn render(source: &str, target: &str, found: &[Sentence]) -> String {
    let mut s = format!("why not {source} -> {target}:\n");
    for f in found {
        s.push_str(&format!(
            "\n[{}] {}\n",
            f.idx,
            f.text.split_whitespace().collect::<Vec<_>>().join(" ")
        ));
        for r in &f.stored {
            s.push_str(&format!("  stored: {r}\n"));
        }
        for line in &f.steps {
            s.push_str(&format!("  {line}\n"));
        }
    }
    s
}
