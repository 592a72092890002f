//! Extraction: article text in, sentences, entities, mentions and relations out.
//!
//! Pipeline (see [`Extractor::extract`]): [`tokenize`] splits the text into tokens and
//! sentences; [`Extractor::entities`] finds named actors (gazetteers, then capitalised runs
//! typed by cue words) and resolves their mentions within the article; the relation stage then
//! reads the same [`Doc`], entities and mentions.

mod adjectives;
mod capitals;
pub mod cues;
pub mod doc;
#[cfg(test)]
mod entity_tests;
pub mod events;
pub mod fold;
pub mod gazetteer;
pub mod gender;
pub mod genre;
#[cfg(test)]
mod name_tests;
pub mod names;
pub mod ner;
mod one_type;
mod parts;
pub mod places;
pub mod relations;
pub mod resolve;
pub mod retype;
mod runs;
pub mod sentences;
pub mod surnames;
pub mod teams;
mod typing;

pub use doc::{tokenize, Doc, MentionTokens, Token};

use crate::error::{Error, Result};
use crate::model::{EntityRef, EntityType, Extraction, Mention};
use std::path::Path;

/// Built-in actor files, in load order (later rows override earlier ones).
const ACTOR_FILES: [(&str, &str); 4] = [
    ("data/people.tsv", include_str!("../../data/people.tsv")),
    (
        "data/organizations.tsv",
        include_str!("../../data/organizations.tsv"),
    ),
    (
        "data/countries.tsv",
        include_str!("../../data/countries.tsv"),
    ),
    ("data/actors.tsv", include_str!("../../data/actors.tsv")),
];

/// Files a `--lexicon DIR` may hold for the entity stage (all optional).
pub const USER_ACTOR_FILES: [&str; 2] = ["actors.tsv", "aliases.tsv"];
pub const USER_CUE_FILE: &str = "cues.tsv";

/// Everything extraction needs, loaded once and shared by all worker threads.
pub struct Extractor {
    pub gazetteer: gazetteer::Gazetteer,
    pub cues: cues::Cues,
    pub lexicon: relations::Lexicon,
    /// The learned name recognizer (`None`: rules alone).
    pub ner: Option<&'static crate::learn::Model>,
    pub ner_policy: ner::apply::Policy,
}

fn read_optional(path: &Path) -> Result<Option<String>> {
    match std::fs::read_to_string(path) {
        Ok(s) => Ok(Some(s)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(path, e)),
    }
}

/// What the built-in lexicons (no user lexicon) know of names, loaded once: what the
/// archive-wide resolution asks of a name it holds under several types.
struct Builtin {
    gazetteer: gazetteer::Gazetteer,
    cues: cues::Cues,
}

fn builtin() -> &'static Builtin {
    static B: std::sync::OnceLock<Builtin> = std::sync::OnceLock::new();
    B.get_or_init(|| {
        let mut gazetteer = gazetteer::Gazetteer::default();
        let mut cues = cues::Cues::default();
        // the built-in files are checked by the extractor's tests; a bad row is skipped
        for (origin, text) in ACTOR_FILES {
            let _ = gazetteer.add(text, origin);
        }
        let _ = cues.add_stats(
            include_str!("../../data/wordstats.tsv"),
            "data/wordstats.tsv",
        );
        Builtin { gazetteer, cues }
    })
}

/// Whether the built-in lexicons know `name` as a place below a country: a location of the
/// gazetteer, or one word that the capitalised-word statistics read mostly as a place
/// (`Derbyshire`). The extractor types such a name as an organisation only on the strong
/// evidence of its article (a team in a results line, `Surrey beat Kent`); a country stays a
/// country even as a national side, so a country typed otherwise is a mistake.
pub fn known_place(name: &str) -> bool {
    let b = builtin();
    if let Some(e) = b.gazetteer.word(name) {
        return e.kind_type == EntityType::Location && e.kind != "demonym";
    }
    let s = b.cues.stat(name);
    !name.contains(' ') && s.location >= 2 && s.location > s.person + s.organization
}

/// Whether one name held as an organisation (or a medium) and as a place is two actors: the
/// place is one the lexicons know (`Kent` the county and `Kent` the cricket club), so the
/// organisation came from the strong evidence of its own context.
pub fn two_actors(name: &str, a: EntityType, b: EntityType) -> bool {
    org_and_place(a, b) && known_place(name)
}

/// Whether `a` is an organisation (or a medium) and `b` a place, or the other way round.
pub fn org_and_place(a: EntityType, b: EntityType) -> bool {
    use EntityType::*;
    let org = |t| matches!(t, Organization | Media);
    let place = |t| matches!(t, Country | Location | Facility);
    org(a) && place(b) || place(a) && org(b)
}

impl Extractor {
    /// Load the built-in lexicons from `data/`, plus a user's own from `user_dir`
    /// (`actors.tsv`, `aliases.tsv`: rows `surface canonical type kind`; `cues.tsv`: rows
    /// `word role`). A bad row is `Error::Data("path:line: reason")`.
    pub fn new(user_dir: Option<&Path>) -> Result<Extractor> {
        // The grammar loads beside the lexicons below (it is needed from the first sentence
        // parsed; waiting for it then would hold every extraction thread). Without a thread
        // it loads on first use, as before.
        let _ = std::thread::Builder::new().spawn(crate::grammar::Grammar::warm);
        let mut gazetteer = gazetteer::Gazetteer::default();
        for (origin, text) in ACTOR_FILES {
            gazetteer.add(text, origin)?;
        }
        let mut cues = cues::Cues::default();
        cues.add_roles(include_str!("../../data/cues.tsv"), "data/cues.tsv")?;
        cues.add_stats(
            include_str!("../../data/wordstats.tsv"),
            "data/wordstats.tsv",
        )?;
        cues.add_words(include_str!("../../data/english-words.txt"));
        if let Some(dir) = user_dir {
            for f in USER_ACTOR_FILES {
                let path = dir.join(f);
                if let Some(text) = read_optional(&path)? {
                    gazetteer.add(&text, &path.display().to_string())?;
                }
            }
            let path = dir.join(USER_CUE_FILE);
            if let Some(text) = read_optional(&path)? {
                cues.add_roles(&text, &path.display().to_string())?;
            }
        }
        Ok(Extractor {
            gazetteer,
            cues,
            lexicon: relations::Lexicon::load(user_dir)?,
            ner: ner::builtin(),
            ner_policy: ner::apply::Policy::from_env(),
        })
    }

    /// Extract one article. Deterministic: same text, same output. A text over
    /// `parts::PART_BYTES` is extracted a part at a time, to bound the memory.
    pub fn extract(&self, text: &str) -> Extraction {
        if text.len() > parts::PART_BYTES {
            return parts::extract_in_parts(self, text, parts::PART_BYTES);
        }
        self.extract_whole(text)
    }

    /// Extract a text in one piece.
    fn extract_whole(&self, text: &str) -> Extraction {
        let doc = tokenize(text);
        let (entities, mentions) = self.entities(&doc);
        // RELATIONS: the relation stage (src/nlp/relations/).
        let mut relations = relations::find(&doc, &entities, &mentions, &self.lexicon);
        if genre::is_sports_report(&doc, &self.cues) {
            genre::drop_play(&mut relations, &self.lexicon);
        }
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
    pub fn entities(&self, doc: &Doc) -> (Vec<EntityRef>, Vec<Mention>) {
        let finder = names::Finder {
            doc,
            cues: &self.cues,
            gaz: &self.gazetteer,
        };
        let mut cands = finder.find();
        events::find(doc, &self.cues, &mut cands);
        teams::retype(doc, &self.cues, &mut cands);
        places::retype(doc, &mut cands);
        surnames::retype(doc, &mut cands);
        retype::retype(doc, &self.cues, &mut cands);
        if let Some(model) = self.ner {
            let lex = ner::features::Lexicons {
                gaz: &self.gazetteer,
                cues: &self.cues,
            };
            // the recognizer only changes guessed (and, when it retypes, statistics-typed)
            // names: read only their sentences
            let retypes = self.ner_policy.retype < i32::MAX;
            let mut wanted = vec![false; doc.sentences.len()];
            for c in cands.iter().filter(|c| {
                c.entry.is_none()
                    && (c.evidence == names::Evidence::Guess
                        || retypes && c.evidence == names::Evidence::Stats)
            }) {
                wanted[doc.tokens[c.first].sentence] = true;
            }
            let tagged = ner::tag_some(model, doc, lex, |s| wanted[s]);
            let spans = ner::spans_of(&tagged);
            ner::apply::apply(&tagged, &spans, &mut cands, self.ner_policy);
        }
        resolve::resolve(doc, &cands, &self.gazetteer, &self.cues)
    }
}
