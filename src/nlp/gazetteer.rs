//! Gazetteers: known actors (`data/*.tsv` rows `surface canonical type kind`) matched over
//! tokens, longest first.
//!
//! Surfaces are keyed by their lowercased tokens joined by spaces, so matching is one hash
//! lookup per token plus one per extension. Case still matters: a surface token written with
//! a capital must be capitalised in the text, an acronym (`US`, `DPRK`) must be in capitals.

use super::doc::{tokenize, Doc};
use crate::error::{Error, Result};
use crate::fxhash::FxMap;
use crate::model::EntityType;

/// Mention kinds a gazetteer row may give.
pub const KINDS: [&str; 5] = ["name", "alias", "acronym", "demonym", "capital"];

/// How a surface token constrains the text token it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    Any,
    Cap,
    Upper,
}

/// One surface form of a known actor.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Index into [`Gazetteer::names`].
    pub canonical: u32,
    pub kind_type: EntityType,
    /// One of [`KINDS`].
    pub kind: &'static str,
    pub case: Vec<Case>,
    /// Which file loaded it (later files override earlier ones).
    source: u32,
}

#[derive(Debug, Default)]
struct Node {
    entry: Option<u32>,
    longer: bool,
}

/// All known actors.
#[derive(Debug, Default)]
pub struct Gazetteer {
    pub names: Vec<String>,
    name_ids: FxMap<String, u32>,
    pub entries: Vec<Entry>,
    nodes: FxMap<String, Node>,
    files: u32,
}

fn case_of(token: &str) -> Case {
    let letters = token.chars().filter(|c| c.is_alphabetic()).count();
    match token.chars().next() {
        Some(c) if c.is_uppercase() => {
            if letters >= 2 && !token.chars().any(char::is_lowercase) {
                Case::Upper
            } else {
                Case::Cap
            }
        }
        _ => Case::Any,
    }
}

impl Gazetteer {
    /// Add the rows of one actors file; rows override those of earlier files for the same
    /// surface. `origin` names the file in errors (`path:line: reason`).
    pub fn add(&mut self, text: &str, origin: &str) -> Result<()> {
        self.files += 1;
        let source = self.files;
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |reason: &str| Error::Data(format!("{origin}:{}: {reason}", i + 1));
            let f: Vec<&str> = line.split('\t').map(str::trim).collect();
            let [surface, canonical, typ, kind] = f[..] else {
                return Err(bad("expected surface<TAB>canonical<TAB>type<TAB>kind"));
            };
            if surface.is_empty() || canonical.is_empty() {
                return Err(bad("empty surface or canonical name"));
            }
            let kind_type =
                EntityType::parse(typ).ok_or_else(|| bad(&format!("unknown type {typ:?}")))?;
            let kind = *KINDS
                .iter()
                .find(|k| **k == kind)
                .ok_or_else(|| bad(&format!("unknown kind {kind:?}")))?;
            self.insert(surface, canonical, kind_type, kind, source);
        }
        Ok(())
    }

    fn insert(
        &mut self,
        surface: &str,
        canonical: &str,
        kind_type: EntityType,
        kind: &'static str,
        source: u32,
    ) {
        let doc = tokenize(surface);
        if doc.tokens.is_empty() {
            return;
        }
        let case: Vec<Case> = doc.tokens.iter().map(|t| case_of(t.text)).collect();
        let id = match self.name_ids.get(canonical) {
            Some(&id) => id,
            None => {
                self.names.push(canonical.to_string());
                let id = (self.names.len() - 1) as u32;
                self.name_ids.insert(canonical.to_string(), id);
                id
            }
        };
        let mut key = String::new();
        for (k, t) in doc.tokens.iter().enumerate() {
            if k > 0 {
                self.nodes.entry(key.clone()).or_default().longer = true;
                key.push(' ');
            }
            key.push_str(&t.lower);
        }
        let node = self.nodes.entry(key).or_default();
        if let Some(old) = node.entry {
            let e = &mut self.entries[old as usize];
            if e.source == source {
                if e.canonical == id && e.kind_type == kind_type {
                    // `OPEC` and `Opec`: accept either spelling
                    for (a, b) in e.case.iter_mut().zip(&case) {
                        if *a != *b {
                            *a = Case::Cap;
                        }
                    }
                }
                return; // within a file the first row wins
            }
        }
        self.entries.push(Entry {
            canonical: id,
            kind_type,
            kind,
            case,
            source,
        });
        node.entry = Some((self.entries.len() - 1) as u32);
    }

    /// The longest entry matching tokens `i..` within the sentence of token `i`: the index of
    /// its last token and the entry. Case constraints are checked; at least one matched token
    /// must be capitalised.
    pub fn longest(&self, doc: &Doc, i: usize, key: &mut String) -> Option<(usize, &Entry)> {
        let toks = &doc.tokens;
        let end = doc.sentence_tokens[toks[i].sentence].end;
        // most tokens start no entry: look the word up as it is, and build a key only for one
        // that starts an entry
        let mut node = self.nodes.get(toks[i].lower.as_str())?;
        key.clear();
        key.push_str(&toks[i].lower);
        let mut best = None;
        let mut j = i;
        loop {
            if let Some(e) = node.entry {
                let e = &self.entries[e as usize];
                if self.case_ok(doc, i, e) {
                    best = Some((j, e));
                }
            }
            if !node.longer || j + 1 >= end {
                break;
            }
            j += 1;
            key.push(' ');
            key.push_str(&toks[j].lower);
            match self.nodes.get(key.as_str()) {
                Some(n) => node = n,
                None => break,
            }
        }
        best
    }

    fn case_ok(&self, doc: &Doc, i: usize, e: &Entry) -> bool {
        let mut any_cap = false;
        for (k, c) in e.case.iter().enumerate() {
            let t = &doc.tokens[i + k];
            any_cap |= t.is_cap();
            let ok = match c {
                Case::Any => true,
                // after a capitalised first word, a head may be lowercase (`Kyoto protocol`)
                Case::Cap => {
                    t.is_cap() || (k > 0 && k + 1 == e.case.len() && doc.tokens[i].is_cap())
                }
                Case::Upper => t.is_upper(),
            };
            if !ok {
                return false;
            }
        }
        any_cap
    }

    /// The entry of the one-word surface `w`, whatever its case.
    pub fn word(&self, w: &str) -> Option<&Entry> {
        let e = self.nodes.get(w.to_lowercase().as_str())?.entry?;
        Some(&self.entries[e as usize])
    }

    /// The canonical name of an entry.
    pub fn name(&self, e: &Entry) -> &str {
        &self.names[e.canonical as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gaz() -> Gazetteer {
        let mut g = Gazetteer::default();
        g.add(
            "North Korea\tNorth Korea\tcountry\tname\nNorth Korean\tNorth Korea\tcountry\tdemonym\n\
             US\tUnited States\tcountry\tacronym\nthe West\tWestern world\tlocation\talias\n",
            "a.tsv",
        )
        .unwrap();
        g
    }

    fn find(g: &Gazetteer, text: &str, i: usize) -> Option<(usize, String, &'static str)> {
        let d = tokenize(text);
        let mut key = String::new();
        g.longest(&d, i, &mut key)
            .map(|(j, e)| (j, g.name(e).to_string(), e.kind))
    }

    #[test]
    fn longest_match_with_case_rules() {
        let g = gaz();
        assert_eq!(
            find(&g, "North Korean ore", 0),
            Some((1, "North Korea".into(), "demonym"))
        );
        assert_eq!(
            find(&g, "North Korea's ore", 0),
            Some((1, "North Korea".into(), "name"))
        );
        assert_eq!(
            find(&g, "NORTH KOREA WARNS", 0),
            Some((1, "North Korea".into(), "name"))
        );
        assert_eq!(
            find(&g, "the US said", 1),
            Some((1, "United States".into(), "acronym"))
        );
        assert_eq!(find(&g, "told us so", 1), None);
        assert_eq!(find(&g, "north korea", 0), None);
        assert_eq!(
            find(&g, "North korea", 0).unwrap().1,
            "North Korea",
            "a last word may be lowercase"
        );
        assert_eq!(
            find(&g, "the West said", 0),
            Some((1, "Western world".into(), "alias"))
        );
        assert_eq!(find(&g, "North. Korea", 0), None, "never across sentences");
    }

    #[test]
    fn later_files_override_and_errors_name_the_line() {
        let mut g = gaz();
        g.add("US\tUnited States of America\tcountry\tname\n", "b.tsv")
            .unwrap();
        assert_eq!(find(&g, "US", 0).unwrap().1, "United States of America");
        let e = g.add("# c\nX\tY\tplanet\tname\n", "c.tsv").unwrap_err();
        assert_eq!(e.to_string(), "c.tsv:2: unknown type \"planet\"");
        assert!(g
            .add("X\tY\n", "d.tsv")
            .unwrap_err()
            .to_string()
            .starts_with("d.tsv:1:"));
    }
}
