//! The extraction record: one article with everything ingest stores of it, as one JSON line
//! (format `"v": 1`, described in docs/extract-format.md). `extract` writes it, `load` and
//! `merge` read it into the very struct ingest's writer takes.

use crate::error::Error;
use crate::fxhash::FxSet;
use crate::model::{Article, EntityRef, EntityType, Extraction, Mention, Relation, SentenceSpan};
use crate::store::{PreparedArticle, Stamp};
use serde::{Deserialize, Serialize};

/// The version of the line format this newsgraph writes and reads.
pub const VERSION: u64 = 1;

/// One extracted article: what the writer stores, and what it was extracted with.
#[derive(Debug, Clone)]
pub struct Record {
    pub prepared: PreparedArticle,
    pub stamp: Stamp,
}

#[derive(Serialize, Deserialize)]
struct Line<'a> {
    v: u64,
    #[serde(borrow)]
    hash: Str<'a>,
    #[serde(borrow)]
    extractor: Str<'a>,
    #[serde(default)]
    #[serde(borrow)]
    lexicon: Str<'a>,
    #[serde(borrow)]
    external_id: Option<Str<'a>>,
    #[serde(borrow)]
    title: Option<Str<'a>>,
    #[serde(borrow)]
    author: Option<Str<'a>>,
    #[serde(borrow)]
    source: Option<Str<'a>>,
    #[serde(borrow)]
    published: Option<Str<'a>>,
    #[serde(borrow)]
    url: Option<Str<'a>>,
    #[serde(borrow)]
    path: Str<'a>,
    #[serde(borrow)]
    text: Str<'a>,
    sentences: Vec<Span>,
    entities: Vec<Entity<'a>>,
    mentions: Vec<MentionLine<'a>>,
    relations: Vec<RelationLine<'a>>,
}

/// Strings are borrowed when written and owned when read (escapes need unescaping).
type Str<'a> = std::borrow::Cow<'a, str>;

#[derive(Serialize, Deserialize)]
struct Span {
    start: usize,
    end: usize,
}

#[derive(Serialize, Deserialize)]
struct Entity<'a> {
    #[serde(borrow)]
    name: Str<'a>,
    #[serde(rename = "type")]
    #[serde(borrow)]
    kind: Str<'a>,
    #[serde(borrow)]
    aliases: Vec<Str<'a>>,
}

#[derive(Serialize, Deserialize)]
struct MentionLine<'a> {
    entity: usize,
    sentence: usize,
    start: usize,
    end: usize,
    #[serde(borrow)]
    kind: Str<'a>,
}

#[derive(Serialize, Deserialize)]
struct RelationLine<'a> {
    source: usize,
    target: usize,
    #[serde(rename = "type")]
    #[serde(borrow)]
    kind: Str<'a>,
    negated: bool,
    confidence: f64,
    sentence: usize,
    #[serde(borrow)]
    trigger: Str<'a>,
    #[serde(borrow)]
    rule: Str<'a>,
}

/// Only the version, to explain a line that is not of this format.
#[derive(Deserialize)]
struct Versioned {
    v: Option<serde_json::Value>,
}

/// The mention kinds extraction gives (`gazetteer::KINDS` and `pronoun`), as the static
/// strings the model holds.
fn mention_kind(s: &str) -> Option<&'static str> {
    crate::nlp::gazetteer::KINDS
        .iter()
        .chain(&["pronoun"])
        .find(|k| **k == s)
        .copied()
}

impl Record {
    /// The record as one JSON line, newline included, appended to `out`.
    pub fn write_line(&self, out: &mut Vec<u8>) {
        let (a, x) = (&self.prepared.article, &self.prepared.extraction);
        let line = Line {
            v: VERSION,
            hash: self.prepared.hash.as_str().into(),
            extractor: self.stamp.extractor.as_str().into(),
            lexicon: self.stamp.lexicon.as_str().into(),
            external_id: a.external_id.as_deref().map(Into::into),
            title: a.title.as_deref().map(Into::into),
            author: a.author.as_deref().map(Into::into),
            source: a.source.as_deref().map(Into::into),
            published: a.published.as_deref().map(Into::into),
            url: a.url.as_deref().map(Into::into),
            path: a.path.as_str().into(),
            text: a.text.as_str().into(),
            sentences: x
                .sentences
                .iter()
                .map(|s| Span {
                    start: s.start,
                    end: s.end,
                })
                .collect(),
            entities: x
                .entities
                .iter()
                .map(|e| Entity {
                    name: Str::Borrowed(&e.name),
                    kind: e.kind.as_str().into(),
                    aliases: e
                        .aliases
                        .iter()
                        .map(|s| Str::Borrowed(s.as_str()))
                        .collect(),
                })
                .collect(),
            mentions: x
                .mentions
                .iter()
                .map(|m| MentionLine {
                    entity: m.entity,
                    sentence: m.sentence,
                    start: m.start,
                    end: m.end,
                    kind: m.kind.into(),
                })
                .collect(),
            relations: x
                .relations
                .iter()
                .map(|r| RelationLine {
                    source: r.source,
                    target: r.target,
                    kind: r.kind.as_str().into(),
                    negated: r.negated,
                    confidence: r.confidence,
                    sentence: r.sentence,
                    trigger: Str::Borrowed(&r.trigger),
                    rule: r.rule.as_str().into(),
                })
                .collect(),
        };
        serde_json::to_writer(&mut *out, &line).expect("a record serialises");
        out.push(b'\n');
    }

    /// Read one line back; `types` are the relation types the store knows. The reason is
    /// for a `path:line:` report.
    pub fn parse(line: &str, types: &FxSet<String>) -> Result<Record, String> {
        let l: Line = match serde_json::from_str::<Line>(line) {
            Ok(l) => l,
            Err(e) => return Err(explain(line, e)),
        };
        if l.v != VERSION {
            return Err(version_error(l.v));
        }
        let mut entities = Vec::with_capacity(l.entities.len());
        for e in l.entities {
            let kind = EntityType::parse(&e.kind)
                .filter(|k| k.as_str() == e.kind)
                .ok_or_else(|| format!("unknown entity type `{}`", e.kind))?;
            entities.push(EntityRef {
                name: e.name.into_owned(),
                kind,
                aliases: e.aliases.into_iter().map(Str::into_owned).collect(),
            });
        }
        let mut mentions = Vec::with_capacity(l.mentions.len());
        for m in l.mentions {
            let kind = mention_kind(&m.kind)
                .ok_or_else(|| format!("unknown mention kind `{}`", m.kind))?;
            mentions.push(Mention {
                entity: m.entity,
                sentence: m.sentence,
                start: m.start,
                end: m.end,
                kind,
            });
        }
        let relations = l
            .relations
            .into_iter()
            .map(|r| Relation {
                source: r.source,
                target: r.target,
                kind: r.kind.into_owned(),
                negated: r.negated,
                confidence: r.confidence,
                sentence: r.sentence,
                trigger: r.trigger.into_owned(),
                rule: r.rule.into_owned(),
            })
            .collect();
        let extraction = Extraction {
            sentences: l
                .sentences
                .iter()
                .map(|s| SentenceSpan {
                    start: s.start,
                    end: s.end,
                })
                .collect(),
            entities,
            mentions,
            relations,
        };
        let hash = crate::ingest::content_hash(&l.text);
        if hash != l.hash {
            return Err("`hash` is not the SHA-256 of `text` (was the line edited?)".into());
        }
        crate::store::check_extraction(&extraction, l.text.chars().count(), types)?;
        let own = |s: Option<Str>| s.map(Str::into_owned);
        Ok(Record {
            prepared: PreparedArticle {
                article: Article {
                    external_id: own(l.external_id),
                    title: own(l.title),
                    author: own(l.author),
                    source: own(l.source),
                    published: own(l.published),
                    url: own(l.url),
                    path: l.path.into_owned(),
                    text: l.text.into_owned(),
                },
                hash,
                extraction,
            },
            stamp: Stamp {
                extractor: l.extractor.into_owned(),
                lexicon: l.lexicon.into_owned(),
            },
        })
    }
}

fn version_error(v: u64) -> String {
    if v > VERSION {
        format!("extraction format v{v} is newer than this newsgraph reads (v{VERSION}): load it with a newer newsgraph")
    } else {
        format!("extraction format v{v} is unknown (this newsgraph reads v{VERSION})")
    }
}

/// Why a line did not parse: a version this newsgraph does not read, no version at all (not
/// an extraction line), or what serde found wrong.
fn explain(line: &str, e: serde_json::Error) -> String {
    match serde_json::from_str::<Versioned>(line) {
        Ok(Versioned { v: Some(v) }) => match v.as_u64() {
            Some(n) if n != VERSION => version_error(n),
            Some(_) => format!("not a valid v{VERSION} extraction line: {e}"),
            None => format!("`v` must be a whole number, found {v}"),
        },
        Ok(Versioned { v: None }) => {
            "not an extraction line (no `v` field; `newsgraph extract` writes them)".into()
        }
        Err(_) => format!("invalid JSON: {e}"),
    }
}

/// A `path:line: reason` report for a line `load` refused.
pub fn line_error(path: &str, line: u64, reason: String) -> Error {
    Error::Record {
        path: path.to_string(),
        line,
        reason,
    }
}

#[cfg(test)]
#[path = "record_tests.rs"]
mod tests;
