//! Places written as places: wire datelines (`MILWAUKEE, Wisconsin 1996-08-29`,
//! `LONDON (Reuters) - ...`) and `Town, Region` (`Lockerbie, Scotland`, `Jacksonville, Fla.`).
//!
//! A dateline opens a line with a place in capitals, optionally `, Region`, then a date, the
//! agency in parentheses, or a dash before the story's first (mixed-case) words; the place is a
//! location whatever a guess or a team table said of it. In running text, a name only guessed
//! or typed by statistics followed by `, ` and a known country or region (or a US state's
//! abbreviation), where the phrase ends, is a location too.

use super::doc::{Doc, Token};
use super::names::{Candidate, Evidence};
use crate::model::EntityType;

/// US states' abbreviations as datelines write them (AP style), without the period.
const STATE_ABBREVIATIONS: [&str; 37] = [
    "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Ky",
    "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa",
    "Tenn", "Tex", "Vt", "Va", "Wash", "Wis", "Wyo", "N.Y.", "N.J.", "N.C.", "S.C.",
];

fn is_state_abbreviation(t: &Token) -> bool {
    STATE_ABBREVIATIONS.contains(&t.text.trim_end_matches('.'))
        || STATE_ABBREVIATIONS.contains(&t.text)
}

/// A word in capitals that may be part of a dateline's place (`ST`, `AL-RAM`).
fn caps_word(t: &Token) -> bool {
    t.is_word() && !t.is_number() && t.is_upper() && t.text.chars().count() >= 2 || t.text == "ST."
    // `ST. LOUIS`
}

/// An ISO date (`1996-08-29`) or a month (`Aug`, `August`).
fn is_date(toks: &[Token], k: usize) -> bool {
    toks.get(k).is_some_and(|t| {
        (t.is_number() && t.text.len() >= 8 && t.text.matches('-').count() == 2)
            || crate::ingest::dates::month(t.text).is_some()
                && toks.get(k + 1).is_some_and(Token::is_number)
    })
}

/// The end of a dateline's place (`k`: the token after it): a date, `(Agency)`, or a dash
/// before the story's mixed-case words.
fn closes_dateline(toks: &[Token], k: usize, s: usize) -> bool {
    let same = |k: usize| toks.get(k).is_some_and(|t| t.sentence == s);
    if !same(k) {
        return toks.get(k).is_some_and(|t| t.nl_before > 0) && is_date(toks, k);
    }
    if is_date(toks, k) {
        return true;
    }
    let t = &toks[k];
    if t.text == "(" {
        return toks.get(k + 1).is_some_and(|a| a.is_cap())
            && toks.get(k + 2).is_some_and(|p| p.text == ")");
    }
    let dash = |t: &Token| matches!(t.text, "-" | "--" | "\u{2013}" | "\u{2014}");
    let mut n = k;
    while toks.get(n).is_some_and(dash) {
        n += 1;
    }
    n > k
        && toks
            .get(n)
            .is_some_and(|w| w.is_cap() && !w.is_upper() && w.text.chars().count() > 1)
}

/// Token ranges of the dateline places of `doc` (the capitals, and the region after a comma).
fn datelines(doc: &Doc) -> Vec<(usize, usize)> {
    let toks = &doc.tokens;
    let mut out = Vec::new();
    for (s, range) in doc.sentence_tokens.iter().enumerate() {
        let i = range.start;
        if range.is_empty() || !(i == 0 || toks[i].nl_before > 0) || !caps_word(&toks[i]) {
            continue;
        }
        let mut j = i;
        while j + 1 < range.end && caps_word(&toks[j + 1]) && j - i < 4 {
            j += 1;
        }
        let mut k = j + 1;
        let mut region = None;
        if toks
            .get(k)
            .is_some_and(|t| t.text == "," && t.sentence == s)
        {
            let r = k + 1;
            let mut e = r;
            while e < range.end && toks[e].is_cap() && toks[e].is_word() && e - r < 3 {
                e += 1;
            }
            if e == r {
                continue;
            }
            region = Some((r, e - 1));
            k = e;
            if toks
                .get(k)
                .is_some_and(|t| t.text == "." && t.sentence == s)
            {
                k += 1; // `Mich .`
            }
        }
        if closes_dateline(toks, k, s) {
            out.push((i, j));
            out.extend(region);
        }
    }
    out
}

fn place<'g>(first: usize, last: usize) -> Candidate<'g> {
    Candidate {
        first,
        last,
        typ: EntityType::Location,
        kind: "name",
        entry: None,
        evidence: Evidence::Cue,
        title: None,
    }
}

/// Whether the candidate is a known country or region (not its demonym).
fn known_place(c: &Candidate) -> bool {
    c.kind != "demonym"
        && c.entry.is_some_and(|e| {
            matches!(e.kind_type, EntityType::Country | EntityType::Location) && e.kind != "demonym"
        })
}

/// Make `first..=last` a place: a known place stays as it is, anything else inside gives way.
fn set_place<'g>(cands: &mut Vec<Candidate<'g>>, first: usize, last: usize) {
    let inside: Vec<usize> = (0..cands.len())
        .filter(|&n| cands[n].last >= first && cands[n].first <= last)
        .collect();
    if let [n] = inside[..] {
        if known_place(&cands[n]) || cands[n].entry.is_some_and(|e| e.kind == "capital") {
            return;
        }
    }
    cands.retain(|c| c.last < first || c.first > last);
    let at = cands.partition_point(|c| c.first < first);
    cands.insert(at, place(first, last));
}

/// Retype the candidates of `doc` that datelines and `Town, Region` show are places.
pub fn retype(doc: &Doc, cands: &mut Vec<Candidate>) {
    let toks = &doc.tokens;
    for (i, j) in datelines(doc) {
        // the capitals always; the region when it was read as a name or is a state
        let named = cands.iter().any(|c| c.last >= i && c.first <= j);
        if toks[i].is_upper() || named || is_state_abbreviation(&toks[i]) {
            set_place(cands, i, j);
        }
    }
    // `Lockerbie, Scotland`, `Jacksonville, Fla.`
    for n in 0..cands.len() {
        let c = &cands[n];
        // an acronym inside marks an organisation (`ARC Studio, Lagos`)
        let guessed = c.entry.is_none()
            && matches!(c.evidence, Evidence::Guess | Evidence::Stats)
            && c.typ != EntityType::Person
            && (c.first == c.last || !toks[c.first..=c.last].iter().any(Token::is_upper));
        if !guessed || toks.get(c.last + 1).is_none_or(|t| t.text != ",") {
            continue;
        }
        let r = c.last + 2;
        let s = toks[c.first].sentence;
        let region = match cands.get(n + 1) {
            Some(d) if d.first == r && known_place(d) => Some(d.last),
            _ => toks
                .get(r)
                .filter(|t| t.sentence == s && is_state_abbreviation(t))
                .map(|_| r),
        };
        let Some(end) = region else { continue };
        let ends = toks.get(end + 1).is_none_or(|t| {
            t.sentence != s
                || matches!(t.text, "," | "." | ")" | ";" | ":" | "-" | "--")
                || t.is_number()
        });
        // `Britain, France and Germany`: a list, not a place and its region
        let list = toks
            .get(end + 2)
            .is_some_and(|t| t.sentence == s && t.lower == "and")
            || (c.first > 0 && toks[c.first - 1].text == ",");
        if ends && !list {
            cands[n].typ = EntityType::Location;
            cands[n].evidence = Evidence::Cue;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlp::doc::tokenize;

    #[test]
    fn datelines_are_found_and_headlines_are_not() {
        let d = tokenize("MILWAUKEE , Wisconsin 1996-08-29\nTiger Woods shot 67 .");
        let toks: Vec<&str> = datelines(&d).iter().map(|&(i, j)| d.slice(i, j)).collect();
        assert_eq!(toks, ["MILWAUKEE", "Wisconsin"]);
        let d = tokenize("LONDON (Reuters) - Shares fell.");
        assert_eq!(datelines(&d), [(0, 0)]);
        let d = tokenize("SOCCER - ROTOR FANS LOCKED OUT .\nThe fans were out.");
        assert!(datelines(&d).is_empty());
        let d = tokenize("CHISINAU 1996-08-31\nMoldova said so.");
        assert_eq!(datelines(&d), [(0, 0)]);
    }
}
