//! Named events written as a name before a lowercase event noun (`data/cues.tsv` roles
//! `event_noun`, `event_mod`): `2020 United States presidential election`, `Iowa caucuses`,
//! `Palestinian presidential election`, `COVID-19 pandemic`.
//!
//! The name and the noun become one event candidate (the place inside it is no separate
//! mention, as in the spec's `2018 Pyeongchang Winter Olympics`) when a year opens it, when
//! the noun is a primary or caucus, or when a modifier such as `presidential` stands between;
//! otherwise (`the Hong Kong election`) the name stays what it was.

use super::cues::{self, Cues};
use super::doc::Doc;
use super::names::{Candidate, Evidence};
use crate::model::EntityType;

fn is_year(t: &str) -> bool {
    t.len() == 4
        && t.bytes().all(|b| b.is_ascii_digit())
        && (t.starts_with("19") || t.starts_with("20"))
}

/// Turn `name [modifiers] noun` into event candidates; `cands` stay in text order.
pub fn find(doc: &Doc, cues: &Cues, cands: &mut Vec<Candidate>) {
    let toks = &doc.tokens;
    let mut n = 0;
    while n < cands.len() {
        let c = &cands[n];
        let s = toks[c.first].sentence;
        let in_sentence = |k: usize| k < toks.len() && toks[k].sentence == s;
        let mut k = c.last + 1;
        let mut mods = 0;
        while in_sentence(k) && cues.has(toks[k].text, cues::EVENT_MOD) {
            k += 1;
            mods += 1;
        }
        let noun = in_sentence(k) && !toks[k].is_cap() && cues.has(toks[k].text, cues::EVENT_NOUN);
        // `the Democratic primary` names no event
        let modifier = c.first == c.last && cues.has(toks[c.first].text, cues::EVENT_MOD);
        if !noun || modifier || c.typ == EntityType::Person {
            n += 1;
            continue;
        }
        let w = toks[k].lower.as_str();
        let last = k;
        let year = c.first > 0 && in_sentence(c.first - 1) && is_year(toks[c.first - 1].text);
        // `US presidential elections` in general name no one event
        let named = year
            || mods > 0 && w != "elections"
            || matches!(w, "primary" | "primaries" | "caucus" | "caucuses");
        if !named {
            n += 1;
            continue;
        }
        let first = if year { c.first - 1 } else { c.first };
        let ev = Candidate {
            first,
            last,
            typ: EntityType::Event,
            kind: "name",
            entry: None,
            evidence: Evidence::Cue,
            title: None,
        };
        // the name and any candidate among the modifiers give way to the event
        let mut end = n;
        while end < cands.len() && cands[end].first <= last {
            end += 1;
        }
        let start = if n > 0 && cands[n - 1].last >= first {
            n - 1
        } else {
            n
        };
        cands.splice(start..end, [ev]);
        n = start + 1;
    }
    pandemics(doc, cues, cands);
}

/// `COVID-19 pandemic`: a capitalised disease name (no candidate: diseases are not actors)
/// right before `pandemic`.
fn pandemics(doc: &Doc, cues: &Cues, cands: &mut Vec<Candidate>) {
    let toks = &doc.tokens;
    for k in 1..toks.len() {
        let d = &toks[k - 1];
        if toks[k].lower != "pandemic"
            || d.sentence != toks[k].sentence
            || !d.is_cap()
            || !cues.has(d.text, cues::NOT_NAME)
        {
            continue;
        }
        if cands.iter().any(|c| c.first <= k && c.last >= k - 1) {
            continue;
        }
        let at = cands.partition_point(|c| c.first < k - 1);
        cands.insert(
            at,
            Candidate {
                first: k - 1,
                last: k,
                typ: EntityType::Event,
                kind: "name",
                entry: None,
                evidence: Evidence::Cue,
                title: None,
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::model::EntityType;
    use crate::nlp::Extractor;

    fn events(text: &str) -> Vec<String> {
        let x = Extractor::new(None).unwrap();
        let doc = crate::nlp::tokenize(text);
        let (ents, _) = x.entities(&doc);
        ents.iter()
            .filter(|e| e.kind == EntityType::Event)
            .map(|e| e.name.clone())
            .collect()
    }

    #[test]
    fn elections_and_pandemics_are_events_a_bare_election_is_not() {
        assert_eq!(
            events("Voters turned out for the 2016 Ruritania general election on Sunday."),
            ["2016 Ruritania general election"]
        );
        assert_eq!(
            events("Smith won the Ohio caucuses and the Utah primary election."),
            ["Ohio caucuses", "Utah primary"]
        );
        assert_eq!(
            events("The Kenyan presidential election was close."),
            ["Kenyan presidential election"]
        );
        assert_eq!(
            events("The COVID-19 pandemic closed schools."),
            ["COVID-19 pandemic"]
        );
        assert!(events("The Ohio election was close, and Ohio voters were tired.").is_empty());
    }
}
