//! Test helpers: sentences with marked mentions (`[North Korea|country]`,
//! `[Chinese|country|China]`) turned into views, tokenized as the pipeline does.

use super::view::{Span, View};
use crate::model::{EntityRef, EntityType};

/// The entities of a marked sentence as the relation stage takes them.
pub fn refs(ents: &[(String, EntityType)]) -> Vec<EntityRef> {
    ents.iter()
        .map(|(n, k)| EntityRef {
            name: n.clone(),
            kind: *k,
            aliases: vec![],
        })
        .collect()
}

/// A marked sentence as a view (tokenized as the pipeline does, all sentences as one), with
/// the entities `(name, type)` it mentions.
pub fn view_of(marked: &str) -> (View<'static>, Vec<(String, EntityType)>) {
    let (plain, marks) = parse_marks(marked);
    let plain: &'static str = Box::leak(plain.into_boxed_str());
    let doc: &'static _ = Box::leak(Box::new(crate::nlp::doc::tokenize(plain)));
    let mut ents: Vec<(String, EntityType)> = Vec::new();
    let mut spans = Vec::new();
    for (s, e, name, kind) in marks {
        let entity = match ents.iter().position(|(n, k)| *n == name && *k == kind) {
            Some(i) => i,
            None => {
                ents.push((name, kind));
                ents.len() - 1
            }
        };
        let a = doc.tokens.iter().position(|t| t.bend > s && t.bstart < e);
        let b = doc.tokens.iter().rposition(|t| t.bend > s && t.bstart < e);
        if let (Some(a), Some(b)) = (a, b) {
            spans.push(Span {
                entity,
                kind,
                a,
                b: b + 1,
            });
        }
    }
    (View::whole(doc, spans), ents)
}

/// Strip `[surface|type(|Canonical)]` marks: plain text, and (start, end, name, type) in bytes.
pub fn parse_marks(marked: &str) -> (String, Vec<(usize, usize, String, EntityType)>) {
    let mut plain = String::new();
    let mut marks = Vec::new();
    let mut rest = marked;
    while let Some(open) = rest.find('[') {
        plain.push_str(&rest[..open]);
        let Some(close) = rest[open..].find(']') else {
            break;
        };
        let inner = &rest[open + 1..open + close];
        let mut parts = inner.split('|');
        let surface = parts.next().unwrap_or("");
        let kind = parts
            .next()
            .and_then(EntityType::parse)
            .unwrap_or(EntityType::Organization);
        let name = parts.next().unwrap_or(surface).to_string();
        let start = plain.len();
        plain.push_str(surface);
        marks.push((start, plain.len(), name, kind));
        rest = &rest[open + close + 1..];
    }
    plain.push_str(rest);
    (plain, marks)
}
