//! The relation lexicon: trigger words and patterns mapped to relation types, read from TSV.
//!
//! Columns: `id  frame  trigger  type  example  expect`. `trigger` lists `|`-separated forms,
//! each one or more lowercase words; `frame` says how the trigger finds its two actors (see
//! [`Frame`]); `example` is a sentence with its mentions marked `[Name|type]` and `expect` the
//! edge it must give (`Source>type>Target`, `!` first for a negated edge). Rows read earlier
//! win a form they share with a later row of the same frame: user rows, then the hand-written
//! `data/relations.tsv`, then `data/relations-cameo.tsv` (converted from CAMEO). A form
//! written `~evacuate` is a trigger only after `to` or a modal (see [`Entry::inf`]).

use crate::error::{Error, Result};
use crate::model::EntityType;
use std::collections::HashMap;
use std::path::Path;

pub use super::frame::Frame;

const HAND: &str = include_str!("../../../data/relations.tsv");
const CAMEO: &str = include_str!("../../../data/relations-cameo.tsv");
const TYPES: &str = include_str!("../../../data/relation-types.tsv");
const CONFIDENCE: &str = include_str!("../../../data/rule-confidence.tsv");
/// Confidence of a rule never measured on the dev gold.
pub const DEFAULT_CONFIDENCE: f64 = 0.5;

/// One row of the lexicon.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub frame: Frame,
    /// A relation type, or `-` for a negation row.
    pub kind: String,
    pub forms: Vec<String>,
    pub confidence: f64,
    pub example: String,
    pub expect: String,
    /// `path:line` the row came from.
    pub origin: String,
    /// Read through the dependency parse alone, never by token windows: CAMEO's converted
    /// rows, whose windows drew mostly wrong edges on news never tuned on (`beaten` in a
    /// match report as an attack, `died in Miami`).
    pub parse_only: bool,
}

/// Allowed source and target entity types of each relation type.
#[derive(Debug, Clone, Default)]
pub struct TypeTable(HashMap<String, (Vec<EntityType>, Vec<EntityType>, String)>);

impl TypeTable {
    fn parse(text: &str) -> TypeTable {
        let parse_list = |s: &str| -> Vec<EntityType> {
            if s == "any" || s.is_empty() {
                EntityType::ALL.to_vec()
            } else {
                s.split('|').filter_map(EntityType::parse).collect()
            }
        };
        let mut map = HashMap::new();
        for line in text.lines().skip(1) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() >= 6 {
                let family = f[1].to_string();
                map.insert(
                    f[0].to_string(),
                    (parse_list(f[4]), parse_list(f[5]), family),
                );
            }
        }
        TypeTable(map)
    }

    pub fn knows(&self, kind: &str) -> bool {
        self.0.contains_key(kind)
    }

    /// May an edge of `kind` run from a `src` entity to a `tgt` entity?
    pub fn allows(&self, kind: &str, src: EntityType, tgt: EntityType) -> bool {
        self.0
            .get(kind)
            .is_some_and(|(s, t, _)| s.contains(&src) && t.contains(&tgt))
    }

    /// The entity types a type may run between, as `country|person -> any`.
    pub fn signature(&self, kind: &str) -> String {
        let list = |ts: &[EntityType]| {
            if ts.len() == EntityType::ALL.len() {
                "any".to_string()
            } else {
                ts.iter().map(|t| t.as_str()).collect::<Vec<_>>().join("|")
            }
        };
        self.0.get(kind).map_or(String::new(), |(s, t, _)| {
            format!("{} -> {}", list(s), list(t))
        })
    }

    /// The family of a type (`statement`, `structure`, `sanction`, ...).
    pub fn family(&self, kind: &str) -> &str {
        self.0.get(kind).map_or("", |(_, _, f)| f.as_str())
    }
}

/// A trigger form: the words after the first, and the rule it belongs to.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub rest: Vec<String>,
    /// A base form written `~form`: a trigger only after `to` or a modal (`will evacuate`),
    /// since a bare base form is too often a noun.
    pub inf: bool,
    pub rule: usize,
}

/// The loaded lexicon, shared read-only by all workers.
#[derive(Debug, Clone)]
pub struct Lexicon {
    pub rules: Vec<Rule>,
    pub types: TypeTable,
    /// First word of a form -> forms starting with it.
    pub(crate) index: HashMap<String, Vec<Entry>>,
    /// Measured precision by rule key (`V12`, `V12@D1`, `family:statement`).
    conf: HashMap<String, f64>,
}

impl Lexicon {
    /// The built-in lexicon, plus `relations.tsv` from `user_dir` when it has one.
    pub fn load(user_dir: Option<&Path>) -> Result<Lexicon> {
        let mut lex = Lexicon {
            rules: Vec::new(),
            types: TypeTable::parse(TYPES),
            index: HashMap::new(),
            conf: parse_confidence(CONFIDENCE),
        };
        let conf = lex.conf.clone();
        if let Some(dir) = user_dir {
            let path = dir.join("relations.tsv");
            if path.exists() {
                let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
                lex.add_rows(&text, &path.display().to_string(), false, false, &conf)?;
            }
        }
        lex.add_rows(HAND, "data/relations.tsv", true, false, &conf)?;
        lex.add_rows(CAMEO, "data/relations-cameo.tsv", true, true, &conf)?;
        Ok(lex)
    }

    /// The built-in lexicon only.
    pub fn builtin() -> Lexicon {
        Lexicon::load(None).expect("the built-in lexicon parses")
    }

    fn add_rows(
        &mut self,
        text: &str,
        origin: &str,
        need_example: bool,
        parse_only: bool,
        conf: &HashMap<String, f64>,
    ) -> Result<()> {
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') || line.starts_with("id\t") {
                continue;
            }
            let at = format!("{origin}:{}", n + 1);
            let bad = |why: String| Error::Data(format!("{at}: {why}"));
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 4 {
                return Err(bad(format!(
                    "expected at least 4 tab-separated columns (id, frame, trigger, type), found {}",
                    f.len()
                )));
            }
            let id = f[0].trim();
            if id.is_empty() || id.contains(char::is_whitespace) {
                return Err(bad(format!("bad rule id {id:?}")));
            }
            if self.rules.iter().any(|r| r.id == id) {
                return Err(bad(format!("duplicate rule id {id}")));
            }
            // `parse:verb_rev`: a row the parse alone reads (its windows draw too much).
            let (row_parse_only, frame_name) = match f[1].trim().strip_prefix("parse:") {
                Some(name) => (true, name),
                None => (false, f[1].trim()),
            };
            let frame =
                Frame::parse(frame_name).ok_or_else(|| bad(format!("unknown frame {:?}", f[1])))?;
            let kind = f[3].trim();
            if !(self.types.knows(kind) || (kind == "-" && frame.is_modifier())) {
                return Err(bad(format!("unknown relation type {kind:?}")));
            }
            let forms: Vec<String> = f[2]
                .split('|')
                .map(|s| {
                    s.split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .to_lowercase()
                })
                .filter(|s| !s.is_empty())
                .collect();
            if forms.is_empty() {
                return Err(bad("empty trigger".into()));
            }
            let example = f.get(4).map_or("", |s| s.trim()).to_string();
            let expect = f.get(5).map_or("", |s| s.trim()).to_string();
            if need_example && (example.is_empty() || expect.is_empty()) {
                return Err(bad("missing example or expected edge".into()));
            }
            let rule = self.rules.len();
            for form in &forms {
                let inf = form.starts_with('~');
                let mut words = form.trim_start_matches('~').split(' ').map(str::to_string);
                let first = words.next().unwrap_or_default();
                let rest: Vec<String> = words.collect();
                let entries = self.index.entry(first).or_default();
                // The rule itself is not pushed yet: its own entries have index `rule`.
                let same = |e: &Entry| {
                    e.rest == rest && (e.rule == rule || self.rules[e.rule].frame == frame)
                };
                let taken = entries.iter().any(same);
                if !taken {
                    entries.push(Entry { rest, inf, rule });
                }
            }
            self.rules.push(Rule {
                id: id.to_string(),
                frame,
                kind: kind.to_string(),
                forms,
                confidence: conf
                    .get(id)
                    .or_else(|| conf.get(&format!("family:{}", self.types.family(kind))))
                    .copied()
                    .unwrap_or(DEFAULT_CONFIDENCE),
                example,
                expect,
                origin: at,
                parse_only: parse_only || row_parse_only,
            });
        }
        Ok(())
    }

    /// Confidence of a rule id (`V12`, or `V12+N3` for a modified edge).
    pub fn confidence(&self, rule: usize) -> f64 {
        self.rules[rule].confidence
    }

    /// Confidence of a rule whose arguments a dependency pattern found (`V12@D1`): measured
    /// for the pair when the gold has it, else the rule's.
    pub fn pattern_confidence(&self, rule: usize, pattern: &str) -> f64 {
        let key = format!("{}@{pattern}", self.rules[rule].id);
        self.conf
            .get(&key)
            .copied()
            .unwrap_or(self.rules[rule].confidence)
    }
}

fn parse_confidence(text: &str) -> HashMap<String, f64> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("rule\t"))
        .filter_map(|l| {
            let mut f = l.split('\t');
            let id = f.next()?.trim();
            let p: f64 = f.next()?.trim().parse().ok()?;
            Some((id.to_string(), p))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user_dir(rows: &str) -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("relations.tsv"), rows).unwrap();
        d
    }

    #[test]
    fn builtin_lexicon_loads_with_known_types() {
        let lex = Lexicon::builtin();
        assert!(lex.rules.len() > 100, "{}", lex.rules.len());
        assert!(lex.index.contains_key("said"));
        assert!(lex
            .types
            .allows("leads", EntityType::Person, EntityType::Country));
        assert!(!lex
            .types
            .allows("leads", EntityType::Country, EntityType::Person));
    }

    #[test]
    fn user_rows_come_first_and_win_shared_forms() {
        let d = user_dir("U1\tverb\tsaid\tpraises\n");
        let lex = Lexicon::load(Some(d.path())).unwrap();
        let said = &lex.index["said"];
        let verbs: Vec<_> = said
            .iter()
            .filter(|e| lex.rules[e.rule].frame == Frame::Verb)
            .collect();
        assert_eq!(lex.rules[verbs[0].rule].id, "U1");
    }

    #[test]
    fn bad_user_rows_name_file_and_line() {
        for (rows, why) in [
            ("# c\nU1\tverb\tpraise\tadores\n", "unknown relation type"),
            ("U1\tspin\tpraise\tpraises\n", "unknown frame"),
            ("U1\tverb\tpraise\n", "columns"),
            ("U1\tverb\t|\tpraises\n", "empty trigger"),
            ("U1\tverb\tx\tpraises\nU1\tverb\ty\tpraises\n", "duplicate"),
        ] {
            let d = user_dir(rows);
            let err = Lexicon::load(Some(d.path())).unwrap_err();
            let msg = err.to_string();
            assert!(matches!(err, Error::Data(_)), "{msg}");
            assert!(msg.contains("relations.tsv:"), "{msg}");
            assert!(msg.contains(why), "{msg}");
        }
    }
}
