//! Within-article resolution: every candidate becomes a mention of one entity.
//!
//! Surnames and shortened names join the person first named in full (`Kang` -> `Kang
//! Seok-ho`, `Mr Straw` -> `Jack Straw`); acronyms join the name they abbreviate, defined in
//! the text (`Asia-Pacific Economic Cooperation (APEC)`) or by initials; alias statements
//! (`Rajin, sometimes spelled Najin`) join their two names; capitals name their country when
//! they act (`Pyongyang said`, `capitals.rs`) and are places otherwise (`talks in London`);
//! `he said` is a pronoun mention of the last person named who may be a `he` (`gender.rs`).

use super::capitals;
use super::cues::{self, Cues};
use super::doc::Doc;
use super::gazetteer::Gazetteer;
use super::names::{Candidate, Evidence};
use super::one_type;
use crate::fxhash::FxMap;
use crate::model::{EntityRef, EntityType, Mention};

/// Words before a name that make it a place (`in Jordan`), not a person of that name.
pub(super) const PLACE_PREPS: [&str; 11] = [
    "in", "at", "near", "from", "to", "into", "outside", "around", "across", "via", "of",
];
struct Builder {
    entities: Vec<EntityRef>,
    by_key: FxMap<(String, EntityType), usize>,
    /// How well each entity's type is supported: see [`strength`].
    strength: Vec<u8>,
}

impl Builder {
    /// The entity named `name`: one name with or without full stops (`George W. Bush`,
    /// `George W Bush`; `St. Louis`, `St Louis`) is one entity.
    fn entity(&mut self, name: &str, typ: EntityType, strength: u8) -> usize {
        let key = (name.to_lowercase().replace('.', ""), typ);
        if let Some(&e) = self.by_key.get(&key) {
            return e;
        }
        self.entities.push(EntityRef {
            name: name.to_string(),
            kind: typ,
            aliases: Vec::new(),
        });
        self.strength.push(strength);
        let e = self.entities.len() - 1;
        self.by_key.insert(key, e);
        e
    }

    fn alias(&mut self, e: usize, form: &str) {
        let ent = &mut self.entities[e];
        if form != ent.name && !ent.aliases.iter().any(|a| a == form) {
            ent.aliases.push(form.to_string());
        }
    }
}

/// The text of tokens `i..=j` on one line.
fn surface(doc: &Doc, i: usize, j: usize) -> String {
    doc.slice(i, j)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Initials of the capitalised words of `name` (`Oil and Natural Gas Corporation` -> `ONGC`).
fn initials(name: &str) -> String {
    name.split([' ', '-'])
        .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
        .collect()
}

/// Resolve candidates into entities and mentions (sorted by start).
pub fn resolve(
    doc: &Doc,
    cands: &[Candidate],
    gaz: &Gazetteer,
    cues: &Cues,
) -> (Vec<EntityRef>, Vec<Mention>) {
    let toks = &doc.tokens;
    let mut b = Builder {
        entities: Vec::new(),
        by_key: FxMap::default(),
        strength: Vec::new(),
    };
    let mut owner: Vec<Option<(usize, &'static str)>> = vec![None; cands.len()];
    let surfaces: Vec<String> = cands
        .iter()
        .map(|c| surface(doc, c.first, c.last))
        .collect();

    // 1. known names, and people named in full
    for (n, c) in cands.iter().enumerate() {
        if let Some(e) = c.entry {
            owner[n] = Some(
                if e.kind == "capital" && !capitals::acts(doc, c.first, c.last) {
                    (b.entity(&surfaces[n], EntityType::Location, 2), "name")
                } else {
                    (b.entity(gaz.name(e), e.kind_type, 2), c.kind)
                },
            );
        } else if c.typ == EntityType::Person && c.first < c.last {
            owner[n] = Some((b.entity(&surfaces[n], EntityType::Person, 2), "name"));
        }
    }
    // 2. the rest in text order: surnames, initials, new entities; then the candidate after
    //    each may be its acronym (`(APEC)`) or alias (`, sometimes spelled Najin`)
    let mut last_seen: Vec<Option<usize>> = Vec::new();
    for n in 0..cands.len() {
        if owner[n].is_none() {
            last_seen.resize(b.entities.len(), None);
            owner[n] = Some(assign(
                &mut b,
                doc,
                cues,
                &cands[n],
                &surfaces[n],
                &last_seen,
            ));
        }
        if let Some((e, _)) = owner[n] {
            last_seen.resize(b.entities.len().max(e + 1), None);
            last_seen[e] = Some(n);
        }
        let (Some((e, _)), Some(next)) = (owner[n], cands.get(n + 1)) else {
            continue;
        };
        if owner[n + 1].is_some() && next.entry.is_some() {
            continue;
        }
        let c = &cands[n];
        let between: Vec<&str> = toks[c.last + 1..next.first]
            .iter()
            .map(|t| t.lower.as_str())
            .collect();
        // `Muslim Association of Britain (MAB)`: never an acronym of a country or a place
        let place = matches!(
            b.entities[e].kind,
            EntityType::Country | EntityType::Location
        );
        let acronym = matches!(between[..], ["("])
            && !place
            && toks.get(next.last + 1).is_some_and(|t| t.text == ")")
            && next.first == next.last
            && (toks[next.first].is_upper()
                || initials(&b.entities[e].name).eq_ignore_ascii_case(&surfaces[n + 1]));
        let alias = matches!(
            between[..],
            [",", "sometimes" | "also", "spelled" | "spelt" | "called"]
                | [",", "also" | "better" | "formerly", "known", "as"]
                | ["(", "also", "known", "as"]
        );
        if acronym || alias {
            owner[n + 1] = Some((e, if acronym { "acronym" } else { "alias" }));
            b.alias(e, &surfaces[n + 1]);
        }
    }

    let mut mentions = Vec::with_capacity(cands.len() + 8);
    let mut covered = vec![false; toks.len()];
    for (n, c) in cands.iter().enumerate() {
        let Some((e, kind)) = owner[n] else { continue };
        b.alias(e, &surfaces[n]);
        if let Some(t) = c.title {
            b.alias(e, &surface(doc, t, c.last));
        }
        covered[c.first..=c.last].iter_mut().for_each(|x| *x = true);
        mentions.push(mention(doc, e, c.first, c.last, kind));
    }
    extra_mentions(doc, &mut b, &covered, &mut mentions, cues);
    // the name without diacritics, so the archive joins `Erdogan` to `Erdoğan`
    for ent in &mut b.entities {
        let folded = super::fold::fold(&ent.name).into_owned();
        if folded != ent.name && !ent.aliases.contains(&folded) {
            ent.aliases.push(folded);
        }
    }
    let mut support = vec![one_type::Support::default(); b.entities.len()];
    for (c, o) in cands.iter().zip(&owner) {
        if let Some((e, _)) = *o {
            let s = &mut support[e];
            s.known |= c.entry.is_some();
            s.strength = s.strength.max(strength(c.evidence));
        }
    }
    one_type::unify(&mut b.entities, &mut mentions, &support);
    mentions.sort_by_key(|m| m.start);
    (b.entities, mentions)
}

/// The entity of a candidate no gazetteer named: a person named before (the one mentioned
/// last when several share the name: `Biden` after `Hunter Biden` is Hunter, after `Joe Biden`
/// again Joe), an organisation abbreviated, one seen under the same name, or a new one.
/// `last_seen[e]`: the candidate that last mentioned entity `e`.
fn assign(
    b: &mut Builder,
    doc: &Doc,
    cues: &Cues,
    c: &Candidate,
    s: &str,
    last_seen: &[Option<usize>],
) -> (usize, &'static str) {
    let single = c.first == c.last;
    // with or without diacritics (`Erdogan` after `Recep Tayyip Erdoğan`)
    let folded = super::fold::fold(s);
    let matches = |e: usize| {
        let ent = &b.entities[e];
        let name = super::fold::fold(&ent.name);
        ent.kind == EntityType::Person
            && name.contains(' ')
            && (name.ends_with(&format!(" {folded}"))
                || single && name.starts_with(&format!("{folded} ")))
    };
    let seen = |e: usize| last_seen.get(e).copied().flatten();
    let person = (0..b.entities.len())
        .filter(|&e| matches(e) && seen(e).is_some())
        .max_by_key(|&e| seen(e))
        .or_else(|| (0..b.entities.len()).rev().find(|&e| matches(e)));
    if let Some(e) = person.filter(|_| c.typ == EntityType::Person || c.evidence != Evidence::Known)
    {
        return (e, "alias");
    }
    let is_acronym = single && s.chars().count() >= 2 && doc.tokens[c.first].is_upper();
    if is_acronym && c.evidence != Evidence::Known {
        let clean: String = s.chars().filter(|ch| ch.is_alphanumeric()).collect();
        let org = (0..b.entities.len()).find(|&e| {
            let ent = &b.entities[e];
            matches!(ent.kind, EntityType::Organization | EntityType::Media)
                && ent.name.contains(' ')
                && initials(&ent.name) == clean
        });
        if let Some(e) = org {
            return (e, "acronym");
        }
    }
    // `the Bankers' Association` after `Swiss Bankers' Association`
    if !single || c.evidence == Evidence::Guess {
        let suffix = format!(" {s}");
        let org = (0..b.entities.len()).find(|&e| {
            let ent = &b.entities[e];
            matches!(ent.kind, EntityType::Organization | EntityType::Media)
                && ent.name.ends_with(&suffix)
        });
        if let Some(e) = org.filter(|_| c.typ != EntityType::Person) {
            return (e, "alias");
        }
    }
    // `Cable and Wireless` after `Cable and Wireless Plc`
    if !single && c.typ == EntityType::Organization {
        let prefix = format!("{s} ");
        let org = (0..b.entities.len()).find(|&e| {
            let ent = &b.entities[e];
            ent.kind == EntityType::Organization
                && ent.name.strip_prefix(&prefix).is_some_and(|r| {
                    !r.contains(' ') && cues.has(r.trim_end_matches('.'), cues::ORG)
                })
        });
        if let Some(e) = org {
            return (e, "alias");
        }
    }
    // a form an earlier statement made an alias (`(APEC)`, `sometimes spelled Najin`)
    if let Some(e) = (0..b.entities.len()).find(|&e| b.entities[e].aliases.iter().any(|a| a == s)) {
        return (e, "alias");
    }
    // a name typed once is typed alike in the whole article: the better supported type wins
    // (`Mayor Park Won-soon` makes every `Park Won-soon` a person, not a place by statistics)
    let st = strength(c.evidence);
    let lower = s.to_lowercase();
    let existing = b
        .by_key
        .iter()
        .filter(|((k, _), _)| *k == lower)
        .map(|(_, &e)| e)
        .max_by_key(|&e| (b.strength[e], std::cmp::Reverse(e)));
    let e = match existing {
        Some(e) if st != b.strength[e] || st == 0 => {
            if st > b.strength[e] && !b.by_key.contains_key(&(lower.clone(), c.typ)) {
                let old = (lower.clone(), b.entities[e].kind);
                b.by_key.remove(&old);
                b.entities[e].kind = c.typ;
                b.by_key.insert((lower.clone(), c.typ), e);
                b.strength[e] = st;
            }
            e
        }
        _ => {
            // `ONGC ... Oil and Natural Gas Corporation`: the acronym came first
            let ini = initials(s);
            let org = matches!(c.typ, EntityType::Organization | EntityType::Media);
            let early =
                (0..b.entities.len()).find(|&e| ini.len() >= 2 && b.entities[e].name == ini);
            match early.filter(|_| org && !single) {
                Some(e) => {
                    let ent = &mut b.entities[e];
                    b.by_key.remove(&(ent.name.to_lowercase(), ent.kind));
                    let old = std::mem::replace(&mut ent.name, s.to_string());
                    ent.kind = c.typ;
                    ent.aliases.push(old);
                    b.by_key.insert((lower.clone(), c.typ), e);
                    b.strength[e] = st;
                    e
                }
                None => b.entity(s, c.typ, st),
            }
        }
    };
    (
        e,
        if c.typ == EntityType::Person && single {
            "alias"
        } else {
            "name"
        },
    )
}

/// How well a candidate's type is supported: 2 by a gazetteer, cue or title, 1 by
/// statistics, 0 a guess.
fn strength(e: Evidence) -> u8 {
    match e {
        Evidence::Known | Evidence::Cue => 2,
        Evidence::Stats => 1,
        Evidence::Guess => 0,
    }
}

fn mention(doc: &Doc, entity: usize, i: usize, j: usize, kind: &'static str) -> Mention {
    Mention {
        entity,
        sentence: doc.tokens[i].sentence,
        start: doc.tokens[i].start,
        end: doc.tokens[j].end,
        kind,
    }
}

/// Known one-word forms the candidate pass missed (`BALDRIGE` in a headline, `Straw` opening
/// one) and `he`/`she` as the subject of a reporting verb.
fn extra_mentions(
    doc: &Doc,
    b: &mut Builder,
    covered: &[bool],
    mentions: &mut Vec<Mention>,
    cues: &Cues,
) {
    let toks = &doc.tokens;
    let mut forms: FxMap<String, (usize, &'static str)> = FxMap::default();
    for (e, ent) in b.entities.iter().enumerate() {
        if ent.kind == EntityType::Person {
            if let Some(last) = ent
                .name
                .rsplit(' ')
                .next()
                .filter(|_| ent.name.contains(' '))
            {
                forms.entry(last.to_lowercase()).or_insert((e, "alias"));
            }
        }
        for a in ent.aliases.iter().chain(std::iter::once(&ent.name)) {
            if !a.contains(' ') && a.chars().count() >= 2 {
                forms.entry(a.to_lowercase()).or_insert((e, "alias"));
            }
        }
    }
    // the last person named who may be a `he`, a `she` (an honorific may say which)
    let genders = super::gender::genders(doc, &b.entities, mentions);
    let mut last_person: [Option<usize>; 2] = [None, None];
    let named = |e: usize, last: &mut [Option<usize>; 2]| {
        for (x, l) in last.iter_mut().enumerate() {
            if genders.get(&e).is_none_or(|&g| g == x) {
                *l = Some(e);
            }
        }
    };
    let mut by_start: Vec<(usize, usize)> = mentions.iter().map(|m| (m.start, m.entity)).collect();
    by_start.sort_unstable();
    let mut next_m = 0;
    for (i, t) in toks.iter().enumerate() {
        while next_m < by_start.len() && by_start[next_m].0 <= t.start {
            let e = by_start[next_m].1;
            if b.entities[e].kind == EntityType::Person {
                named(e, &mut last_person);
            }
            next_m += 1;
        }
        if covered[i] {
            continue;
        }
        if t.is_cap() && t.is_word() {
            if let Some(&(e, kind)) = forms.get(t.lower.as_str()) {
                b.alias(e, t.text);
                mentions.push(mention(doc, e, i, i, kind));
                if b.entities[e].kind == EntityType::Person {
                    named(e, &mut last_person);
                }
            }
        } else if let Some(g) = super::gender::of_pronoun(&t.lower) {
            let mut k = i + 1;
            if toks.get(k).is_some_and(|n| {
                matches!(n.lower.as_str(), "also" | "later" | "then" | "has" | "had")
            }) {
                k += 1;
            }
            let reports = toks
                .get(k)
                .is_some_and(|n| n.sentence == t.sentence && cues.has(n.text, cues::REPORT_VERB));
            if let (true, Some(e)) = (reports, last_person[g]) {
                mentions.push(mention(doc, e, i, i, "pronoun"));
            }
        }
    }
}
