//! Extraction: article text in, sentences, entities, mentions and relations out.
//!
//! Pipeline (see [`Extractor::extract`]): `doc::tokenize` splits the text into tokens and
//! sentences; `self.entities(&doc)` finds named actors and resolves their mentions; the
//! relation stage then reads the same `Doc`, entities and mentions.

pub mod doc;
pub mod relations;
pub mod sentences;

pub use doc::{tokenize, Doc, MentionTokens, Token};

use crate::error::Result;
use crate::model::{EntityRef, Extraction, Mention};
use std::path::Path;

/// Everything extraction needs, loaded once and shared by all worker threads.
pub struct Extractor {}

impl Extractor {
    /// Load the built-in lexicons from `data/`, plus a user's own from `user_dir`.
    pub fn new(_user_dir: Option<&Path>) -> Result<Extractor> {
        Ok(Extractor {})
    }

    /// Extract one article. Deterministic: same text, same output.
    pub fn extract(&self, text: &str) -> Extraction {
        let doc = tokenize(text);
        let (entities, mentions) = self.entities(&doc);
        // RELATIONS: the relation stage plugs in here, e.g.
        // let relations = relations::find(&doc, &entities, &mentions, &self.lexicon);
        let relations = Vec::new();
        Extraction {
            sentences: doc.sentences,
            entities,
            mentions,
            relations,
        }
    }

    /// Named actors of a document and their mentions. Every mention's `sentence` is the
    /// sentence of its first token; mentions are sorted by `start` and never overlap; use
    /// [`Doc::token_span`] for a mention's tokens.
    pub fn entities(&self, _doc: &Doc) -> (Vec<EntityRef>, Vec<Mention>) {
        (Vec::new(), Vec::new())
    }
}
