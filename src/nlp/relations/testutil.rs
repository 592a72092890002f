//! Test helpers: sentences with marked mentions (`[North Korea|country]`,
//! `[Chinese|country|China]`) turned into views, and a small tokenizer for them.

use super::view::{Span, Tk, View};
use crate::model::EntityType;

/// Split text into word and punctuation tokens; `'s` is a token of its own.
pub fn words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let b: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < b.len() {
        let (start, c) = b[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        if c.is_alphanumeric() || c == '$' {
            while j < b.len() {
                let c = b[j].1;
                let next = b.get(j + 1).map_or(' ', |x| x.1);
                let poss = matches!(c, '\'' | '\u{2019}')
                    && matches!(next, 's' | 'S')
                    && !b.get(j + 2).is_some_and(|x| x.1.is_alphanumeric());
                if c.is_alphanumeric()
                    || (matches!(c, '-' | '.' | '&' | '\'' | '\u{2019}')
                        && next.is_alphanumeric()
                        && !poss)
                {
                    j += 1;
                } else {
                    break;
                }
            }
        } else if matches!(c, '\'' | '\u{2019}')
            && b.get(j).is_some_and(|x| matches!(x.1, 's' | 'S'))
        {
            j += 1;
        }
        let end = b.get(j).map_or(text.len(), |x| x.0);
        out.push(&text[start..end]);
        i = j;
    }
    out
}

/// A marked sentence as a view, with the entities `(name, type)` it mentions.
pub fn view_of(marked: &str) -> (View<'static>, Vec<(String, EntityType)>) {
    let (plain, marks) = parse_marks(marked);
    let plain: &'static str = Box::leak(plain.into_boxed_str());
    let toks: Vec<&'static str> = words(plain);
    // Byte offset of each token, to map marks onto tokens.
    let mut offs = Vec::new();
    let mut from = 0;
    for t in &toks {
        let at = from + plain[from..].find(t).unwrap_or(0);
        offs.push((at, at + t.len()));
        from = at + t.len();
    }
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
        let a = offs.iter().position(|&(x, y)| y > s && x < e);
        let b = offs.iter().rposition(|&(x, y)| y > s && x < e);
        if let (Some(a), Some(b)) = (a, b) {
            spans.push(Span {
                entity,
                kind,
                a,
                b: b + 1,
            });
        }
    }
    let lowers: Vec<&'static str> = toks
        .iter()
        .map(|t| &*Box::leak(t.to_lowercase().into_boxed_str()))
        .collect();
    let tks = toks
        .iter()
        .zip(lowers)
        .map(|(t, l)| Tk { lower: l, text: t })
        .collect();
    (View::new(tks, spans), ents)
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
