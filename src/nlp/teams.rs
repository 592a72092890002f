//! Sports teams named by their city, county or state (`Baltimore 5 SEATTLE 2`, `Surrey 468`).
//!
//! Results tables, standings and fixture lists name teams by place; a place there is an
//! organisation, not a location. A line is such a table when it is mostly capitalised words
//! and numbers; a run of capitalised words in it is a team when a score follows it
//! (`Hull 4 2 2 0`) or it faces another across `v` / `AT` (`Birmingham v Barnsley`). Countries
//! stay countries (national teams), people stay people. Once a place is a team in an article,
//! its other mentions there are the team too (`homered for Cleveland`), except after `in`.
//! So is a place before a player's role (`Surrey captain Chris Lewis`, `Derbyshire's
//! Australian captain`; with a word before a known city, `Real Madrid coach`), and, in an
//! article with teams, a place with a capitalised plural after it (`the Texas Rangers`).

use super::cues::{self, Cues};
use super::doc::{Doc, Token};
use super::names::{Candidate, Evidence};
use crate::model::EntityType;

/// Places that field national sides: they stay places.
const HOME_NATIONS: [&str; 6] = [
    "England",
    "Scotland",
    "Wales",
    "Northern Ireland",
    "Hong Kong",
    "Macau",
];

/// A score: `3`, `108`, or a cricket total with wickets (`429-7`).
fn is_score(t: &Token) -> bool {
    let digits = |s: &str, max: usize| {
        !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit())
    };
    match t.text.split_once('-') {
        // `2-0` in a headline is a result, not a total
        Some((runs, wickets)) => runs.len() >= 2 && digits(runs, 3) && digits(wickets, 1),
        None => digits(t.text, 3),
    }
}

/// Verbs of a result between two sides (`Surrey beat Warwickshire`).
fn is_result_verb(t: &Token) -> bool {
    matches!(
        t.lower.as_str(),
        "beat" | "beats" | "defeated" | "defeats" | "thrashed" | "routed" | "edged" | "outclassed"
    )
}

fn is_versus(t: &Token) -> bool {
    matches!(t.text, "v" | "vs" | "vs." | "v." | "AT")
}

/// A word that may be part of a team name in a table (`ST LOUIS`, `Queens Park Rangers`).
fn team_word(t: &Token) -> bool {
    t.is_cap()
        && t.is_word()
        && !t.is_number()
        && !is_versus(t)
        && !is_result_verb(t)
        && crate::ingest::dates::month(&t.lower).is_none()
}

/// A boundary before or after a team name in a table.
fn edge(t: Option<&Token>) -> bool {
    t.is_none_or(|t| {
        t.is_number() || matches!(t.text, "," | "(" | ")" | ":" | "-" | ";" | "." | "*")
    })
}

/// Mostly capitalised words and numbers, with a score or a `v`.
fn table_like(toks: &[Token]) -> bool {
    let (mut words, mut lower, mut marks) = (0usize, 0usize, 0usize);
    for t in toks.iter().filter(|t| t.is_word()) {
        words += 1;
        if is_versus(t) || is_score(t) {
            marks += 1;
        } else if !t.is_cap() && !t.is_number() {
            lower += 1;
        }
    }
    marks > 0 && words >= 2 && lower * 4 <= words && words <= 60
}

/// Retype the candidates of `doc` that name sports teams. Keeps `cands` sorted and disjoint.
pub fn retype<'g>(doc: &Doc, cues: &Cues, cands: &mut Vec<Candidate<'g>>) {
    let toks = &doc.tokens;
    let mut teams: Vec<(usize, usize)> = Vec::new();
    for range in &doc.sentence_tokens {
        let line = &toks[range.clone()];
        if !table_like(line) {
            continue;
        }
        let mut i = 0;
        while i < line.len() {
            if !team_word(&line[i]) {
                i += 1;
                continue;
            }
            let mut j = i;
            while j + 1 < line.len() && team_word(&line[j + 1]) {
                j += 1;
            }
            let before = i.checked_sub(1).map(|k| &line[k]);
            let after = line.get(j + 1);
            let scored = after.is_some_and(is_score) && edge(before);
            // `CLEVELAND AT TEXAS`: the visitors, then where they play
            let faces = (after.is_some_and(is_versus)
                && line.get(j + 2).is_some_and(team_word)
                && edge(before))
                || (before.is_some_and(|t| is_versus(t) && t.text != "AT") && edge(after));
            // `C. Lewis 94`: an initial makes a person
            let initial = line[i].text.len() == 2 && line[i].text.ends_with('.');
            if (scored || faces) && !initial {
                teams.push((range.start + i, range.start + j));
            }
            i = j + 1;
        }
    }
    // `Leicestershire beat Somerset`: the sides of a result (people and countries stay)
    for n in 0..cands.len() {
        let c = &cands[n];
        let s = toks[c.first].sentence;
        let verb_after = toks
            .get(c.last + 1)
            .is_some_and(|t| t.sentence == s && is_result_verb(t));
        let verb_before = c.first > 0 && is_result_verb(&toks[c.first - 1]) && {
            let p = &toks[c.first - 1];
            p.sentence == s && n > 0 && cands[n - 1].last + 1 == c.first - 1
        };
        let other = if verb_after { cands.get(n + 1) } else { None };
        let faces = verb_before || other.is_some_and(|o| o.first == c.last + 2);
        if faces && !matches!(c.typ, EntityType::Person) {
            teams.push((c.first, c.last));
        }
    }
    // `Surrey captain Chris Lewis`, `Derbyshire's Australian captain`: a player's role
    for (n, c) in cands.iter().enumerate() {
        let country = c.typ == EntityType::Country
            || c.entry.is_some_and(|e| e.kind_type == EntityType::Country);
        // `Real Madrid coach`, `Inter Milan player`: a capitalised word before a known city
        let word = c.first.checked_sub(1).map(|k| &toks[k]).filter(|w| {
            let opens = doc.sentence_tokens[w.sentence].start + 1 == c.first;
            w.sentence == toks[c.first].sentence
                && w.is_cap()
                && !w.is_upper()
                && w.text.chars().all(char::is_alphabetic)
                && !(opens && cues.is_common(w.text))
                && !cues.has(w.text, cues::TITLE | cues::TITLE_MOD | cues::NOT_NAME)
                && (n == 0 || cands[n - 1].last + 1 < c.first || {
                    let b = &cands[n - 1];
                    b.first == b.last && b.entry.is_none() && b.evidence == Evidence::Guess
                })
                && c.entry
                    .is_some_and(|e| e.kind == "capital" || e.kind_type == EntityType::Location)
        });
        let c = match word {
            Some(_) => &team(c.first - 1, c.last),
            None if country => continue,
            None => c,
        };
        // a named event is no team either (`World Cup winner`)
        if matches!(c.typ, EntityType::Person | EntityType::Event) {
            continue;
        }
        let s = toks[c.last].sentence;
        let mut k = c.last + 1;
        if toks.get(k).is_some_and(|t| t.is_possessive()) {
            k += 1;
        }
        let role = |k: usize| {
            toks.get(k)
                .is_some_and(|t| t.sentence == s && !t.is_cap() && cues.has(t.text, cues::PLAYER))
        };
        // one word between: `Australian`, `veteran`
        let between = toks.get(k).is_some_and(|t| t.sentence == s && t.is_word());
        if role(k) || between && role(k + 1) {
            teams.push((c.first, c.last));
        }
    }
    if teams.is_empty() {
        return;
    }
    let mut names: Vec<String> = Vec::new();
    for &(i, j) in &teams {
        let inside: Vec<usize> = (0..cands.len())
            .filter(|&n| cands[n].last >= i && cands[n].first <= j)
            .collect();
        if let [n] = inside[..] {
            let c = &cands[n];
            // a person named in full or by a cue; one word a guess called a person is a team
            let person = c.typ == EntityType::Person
                && (c.first < c.last || matches!(c.evidence, Evidence::Known | Evidence::Cue));
            let stays = person
                || matches!(c.typ, EntityType::Organization | EntityType::Media)
                || (c.typ == EntityType::Country && c.entry.is_some_and(|e| e.kind != "capital"))
                || HOME_NATIONS
                    .iter()
                    .any(|h| h.eq_ignore_ascii_case(doc.slice(c.first, c.last)));
            if stays && c.first == i && c.last == j {
                if c.typ == EntityType::Organization && c.evidence == Evidence::Guess {
                    cands[n].evidence = Evidence::Cue; // a team whatever else is said of it
                    names.push(doc.slice(i, j).to_lowercase());
                }
                continue;
            }
            if person {
                continue;
            }
        }
        names.push(doc.slice(i, j).to_lowercase());
        cands.retain(|c| c.last < i || c.first > j);
        let at = cands.partition_point(|c| c.first < i);
        cands.insert(at, team(i, j));
    }
    // `the Texas Rangers`, `New York Yankees`: in an article with teams, a known place
    // and a capitalised plural right after it are one team
    let mut n = 0;
    while n + 1 < cands.len() {
        let (c, d) = (&cands[n], &cands[n + 1]);
        let place = c.entry.is_some_and(|e| e.kind_type == EntityType::Location)
            || c.typ == EntityType::Organization && c.evidence == Evidence::Cue;
        let plural = d.first == c.last + 1
            && toks[d.last].text.ends_with('s')
            && !toks[d.last].text.ends_with("ss")
            && toks[d.first..=d.last]
                .iter()
                .all(|t| t.is_cap() && !t.is_upper())
            && toks[c.first..=c.last].iter().all(|t| !t.is_upper())
            && toks[d.first].sentence == toks[c.last].sentence
            && d.typ != EntityType::Person;
        if place && plural {
            let (i, j) = (c.first, d.last);
            cands[n] = team(i, j);
            cands.remove(n + 1);
            names.push(doc.slice(i, j).to_lowercase());
        }
        n += 1;
    }
    // one sense per article: the same place elsewhere is the team
    for c in cands.iter_mut() {
        let place = matches!(c.typ, EntityType::Location)
            || c.evidence == Evidence::Guess
            || c.entry.is_some_and(|e| e.kind == "capital");
        if place && !where_(doc, c) && names.contains(&doc.slice(c.first, c.last).to_lowercase()) {
            *c = team(c.first, c.last);
        }
    }
}

/// A place as a place: `in Seattle`, `at TEXAS`, a dateline (`NEW YORK 1996-08-30`,
/// `MILWAUKEE , Wisconsin`), a venue heading (`Leicester :`).
fn where_(doc: &Doc, c: &Candidate) -> bool {
    let toks = &doc.tokens;
    let s = toks[c.first].sentence;
    if c.first > 0 && matches!(toks[c.first - 1].lower.as_str(), "in" | "at") {
        return true;
    }
    let opens = doc.sentence_tokens[s].start == c.first;
    match toks.get(c.last + 1).filter(|t| t.sentence == s) {
        None => opens,
        Some(t) => {
            (t.is_number() && t.text.len() >= 8 && t.text.contains('-'))
                || (opens && matches!(t.text, "," | ":"))
        }
    }
}

fn team<'g>(first: usize, last: usize) -> Candidate<'g> {
    Candidate {
        first,
        last,
        typ: EntityType::Organization,
        kind: "name",
        entry: None,
        evidence: Evidence::Cue,
        title: None,
    }
}
