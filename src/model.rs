//! Plain data passed between pipeline stages: articles in, extractions out.

use serde::Serialize;

/// One article as a reader produced it, before extraction.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Article {
    /// The id given in the input (JSONL `id`, CSV `id` column), if any.
    pub external_id: Option<String>,
    pub title: Option<String>,
    pub author: Option<String>,
    pub source: Option<String>,
    /// ISO-8601 date (`YYYY-MM-DD`), if known.
    pub published: Option<String>,
    pub url: Option<String>,
    /// Where the article came from: a file path, `path:line` for records, or `-` for stdin.
    pub path: String,
    /// The cleaned article text; all offsets are code points into it.
    pub text: String,
}

/// Entity types of the extraction spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityType {
    Person,
    Organization,
    Media,
    Country,
    Location,
    Facility,
    Event,
}

impl EntityType {
    pub const ALL: [EntityType; 7] = [
        EntityType::Person,
        EntityType::Organization,
        EntityType::Media,
        EntityType::Country,
        EntityType::Location,
        EntityType::Facility,
        EntityType::Event,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::Organization => "organization",
            EntityType::Media => "media",
            EntityType::Country => "country",
            EntityType::Location => "location",
            EntityType::Facility => "facility",
            EntityType::Event => "event",
        }
    }

    pub fn parse(s: &str) -> Option<EntityType> {
        EntityType::ALL
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

/// A sentence span in code points, `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SentenceSpan {
    pub start: usize,
    pub end: usize,
}

/// An entity of one article, under its canonical name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityRef {
    pub name: String,
    pub kind: EntityType,
    /// Other surface forms seen for it in this article (or known from a gazetteer).
    pub aliases: Vec<String>,
}

/// One mention of an entity: a span of the article text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    /// Index into `Extraction::entities`.
    pub entity: usize,
    /// Index into `Extraction::sentences`.
    pub sentence: usize,
    /// Code-point offsets into the article text, `[start, end)`.
    pub start: usize,
    pub end: usize,
    /// How it was named: `name`, `alias`, `acronym`, `demonym`, `pronoun`, `capital`...
    pub kind: &'static str,
}

/// One typed, directed relation with its evidence sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Relation {
    /// Indexes into `Extraction::entities`.
    pub source: usize,
    pub target: usize,
    /// A type of `relation-types.tsv` (`bans`, `claims`, ...).
    pub kind: String,
    pub negated: bool,
    pub confidence: f64,
    /// Index into `Extraction::sentences`.
    pub sentence: usize,
    /// The trigger text as it appears in the sentence.
    pub trigger: String,
    /// Id of the rule that fired.
    pub rule: String,
}

/// Everything extraction makes of one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Extraction {
    pub sentences: Vec<SentenceSpan>,
    pub entities: Vec<EntityRef>,
    pub mentions: Vec<Mention>,
    pub relations: Vec<Relation>,
}
