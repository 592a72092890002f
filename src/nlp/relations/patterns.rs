//! Dependency patterns (`data/dep-patterns.tsv`): for the triggers of a lexicon frame, the
//! dependency path from the trigger to its source and to its target.
//!
//! A path is steps separated by spaces, read from the trigger: `obj` goes down to a child by
//! that relation (`obl` also matches `obl:tmod`; `nsubj:pass` only itself; `compound|amod`
//! either), `^obj` goes up
//! from a token attached by that relation, `[on|against]` asks the child for one of these
//! case words (`[*]`: any), `{held|holds}` asks the token reached for one of these forms,
//! `subj` / `subj:pass` is the clause's subject (inherited through `xcomp`, `conj` and
//! relative clauses), and a final `*` takes every actor of the subtree reached, outside the
//! trigger's own phrase (the reported clause of a speech verb). `<protest|aid>` asks the
//! trigger's relation family to be one of these (`<!consult>`: none of these), `(country|location)` keeps the actors of
//! these types, and `else` first in the target path tries the row only when no earlier row
//! drew an edge for the trigger (a place as the target when nothing else is).

use super::lexicon::Frame;
use crate::error::{Error, Result};
use crate::grammar::Upos;
use crate::model::EntityType;

/// The built-in patterns.
const PATTERNS: &str = include_str!("../../../data/dep-patterns.tsv");

/// One step of a path.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Down to a child by this relation, with one of these case words when given.
    Down(String, Option<Vec<String>>),
    /// Up from a token attached to its head by this relation.
    Up(String),
    /// The clause subject: active (`false`) or passive (`true`).
    Subj(bool),
    /// The token reached must be one of these forms (lowercase).
    Form(Vec<String>),
    /// Every actor of the subtree reached.
    All,
    /// The trigger's relation family is one of these (`protest`, `attack`).
    Family(Vec<String>),
    /// Keep only the actors of these entity types.
    Types(Vec<EntityType>),
    /// Only when no earlier pattern drew an edge for the trigger.
    Else,
}

/// A pattern row.
#[derive(Debug, Clone)]
pub struct Pattern {
    pub id: String,
    /// The lexicon frames whose triggers it applies to.
    pub frames: Vec<Frame>,
    /// The parts of speech the trigger may have.
    pub pos: Vec<Upos>,
    pub source: Vec<Step>,
    pub target: Vec<Step>,
    /// The paths as written in the file (for `explain`).
    pub source_text: String,
    pub target_text: String,
    pub example: String,
    pub expect: String,
}

fn words(s: &str) -> Vec<String> {
    s.split('|').map(|w| w.trim().to_lowercase()).collect()
}

/// Parse a path (`^obj subj`, `nmod[on|against]`, `ccomp *`).
pub fn parse_path(s: &str) -> std::result::Result<Vec<Step>, String> {
    let mut out = Vec::new();
    for tok in s.split_whitespace() {
        let step = if tok == "*" {
            Step::All
        } else if tok == "else" {
            Step::Else
        } else if let Some(f) = tok.strip_prefix('<').and_then(|t| t.strip_suffix('>')) {
            Step::Family(words(f))
        } else if let Some(f) = tok.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
            let types = f.split('|').map(|x| {
                EntityType::parse(x.trim()).ok_or(format!("unknown entity type {x:?} in {tok:?}"))
            });
            Step::Types(types.collect::<std::result::Result<_, _>>()?)
        } else if tok == "subj" || tok == "subj:pass" {
            Step::Subj(tok == "subj:pass")
        } else if let Some(f) = tok.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
            Step::Form(words(f))
        } else if let Some(r) = tok.strip_prefix('^') {
            Step::Up(r.to_string())
        } else {
            let (rel, case) = match tok.split_once('[') {
                Some((r, c)) => {
                    let c = c
                        .strip_suffix(']')
                        .ok_or(format!("unclosed [ in {tok:?}"))?;
                    (r, Some(words(c)))
                }
                None => (tok, None),
            };
            if rel.is_empty()
                || rel.split('|').any(str::is_empty)
                || !rel
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == ':' || c == '|')
            {
                return Err(format!("bad relation {rel:?} in {tok:?}"));
            }
            Step::Down(rel.to_string(), case)
        };
        out.push(step);
    }
    if out.is_empty() {
        return Err("empty path".into());
    }
    Ok(out)
}

/// Parse the pattern file's rows (`origin` names it in errors).
pub fn parse(text: &str, origin: &str) -> Result<Vec<Pattern>> {
    let mut out: Vec<Pattern> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') || line.starts_with("id\t") {
            continue;
        }
        let bad = |why: String| Error::Data(format!("{origin}:{}: {why}", n + 1));
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 7 {
            return Err(bad(format!(
                "expected 7 tab-separated columns (id, frame, pos, source, target, example, expect), found {}",
                f.len()
            )));
        }
        let frames = f[1]
            .split('|')
            .map(|x| Frame::parse(x).ok_or_else(|| bad(format!("unknown frame {x:?}"))))
            .collect::<Result<Vec<_>>>()?;
        let pos = f[2]
            .split('|')
            .map(|p| Upos::parse(p).ok_or_else(|| bad(format!("unknown part of speech {p:?}"))))
            .collect::<Result<Vec<_>>>()?;
        let source = parse_path(f[3]).map_err(|e| bad(format!("source: {e}")))?;
        let target = parse_path(f[4]).map_err(|e| bad(format!("target: {e}")))?;
        if out.iter().any(|p| p.id == f[0]) {
            return Err(bad(format!("duplicate pattern id {}", f[0])));
        }
        out.push(Pattern {
            id: f[0].to_string(),
            frames,
            pos,
            source,
            target,
            source_text: f[3].to_string(),
            target_text: f[4].to_string(),
            example: f[5].to_string(),
            expect: f[6].to_string(),
        });
    }
    Ok(out)
}

/// `pattern D1: source subj, target obj` for a stored rule drawn by a pattern (`V12@D1`).
pub fn describe(rule: &str) -> Option<String> {
    let id = rule.rsplit_once('@')?.1;
    let p = builtin().iter().find(|p| p.id == id)?;
    Some(format!(
        "pattern {id}: source `{}`, target `{}`",
        p.source_text, p.target_text
    ))
}

/// The built-in patterns.
pub fn builtin() -> &'static [Pattern] {
    static P: std::sync::OnceLock<Vec<Pattern>> = std::sync::OnceLock::new();
    P.get_or_init(|| match parse(PATTERNS, "data/dep-patterns.tsv") {
        Ok(p) => p,
        Err(e) => panic!("the built-in dependency patterns are broken: {e}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_parse_and_bad_ones_say_why() {
        assert_eq!(
            parse_path("^obj subj").unwrap(),
            vec![Step::Up("obj".into()), Step::Subj(false)]
        );
        assert_eq!(
            parse_path("nmod[on|Against] *").unwrap(),
            vec![
                Step::Down("nmod".into(), Some(vec!["on".into(), "against".into()])),
                Step::All
            ]
        );
        assert!(parse_path("obl[on").unwrap_err().contains("unclosed"));
        assert!(parse_path("").is_err());
        assert_eq!(
            parse_path("else <protest|aid> obl[in] (country)").unwrap(),
            vec![
                Step::Else,
                Step::Family(vec!["protest".into(), "aid".into()]),
                Step::Down("obl".into(), Some(vec!["in".into()])),
                Step::Types(vec![EntityType::Country]),
            ]
        );
        assert!(parse_path("(planet)")
            .unwrap_err()
            .contains("unknown entity type"));
        let e = parse("P1\tverb\tVERB\tsubj\n", "x.tsv")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("x.tsv:1") && e.contains("7 tab-separated"),
            "{e}"
        );
        let e = parse("P1\tfoo\tVERB\tsubj\tobj\te\tx\n", "x.tsv")
            .unwrap_err()
            .to_string();
        assert!(e.contains("unknown frame"), "{e}");
        assert!(!builtin().is_empty());
        assert_eq!(
            describe("V12+M1@D1").as_deref(),
            Some("pattern D1: source `subj`, target `obj`")
        );
        assert_eq!(describe("V12"), None);
    }
}
