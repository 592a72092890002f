//! Name candidates of one document: gazetteer matches and capitalised runs typed by cues.
//!
//! A run is a sequence of capitalised words, joined across `of`/`for`/`on`/`the` when it
//! names an institution (`Bank of Japan`), across `and`/`&` when it ends in an organisation
//! head (`Oil and Natural Gas Corporation`), and across name particles (`de`, `van`, `bin`).
//! Titles before a name are stripped (`Foreign Secretary Jack Straw` -> person `Jack Straw`);
//! a sentence's first word is dropped when it is an ordinary word (`Recently`, `But`).

use super::cues::{self, Cues};
use super::doc::{Doc, Token};
use super::gazetteer::{Entry, Gazetteer};
use super::sentences::OPENERS;
use crate::model::EntityType;

/// Where a candidate's type came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// A gazetteer row.
    Known,
    /// A cue word, title or statistics.
    Cue,
    /// Nothing but its shape: the type is a guess.
    Guess,
}

/// A possible mention: tokens `first..=last` (the name itself, without a title).
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate<'g> {
    pub first: usize,
    pub last: usize,
    pub typ: EntityType,
    pub kind: &'static str,
    pub entry: Option<&'g Entry>,
    pub evidence: Evidence,
    /// First token of a stripped title (`Rep.` in `Rep. Kang Seok-ho`).
    pub title: Option<usize>,
}

const PARTICLES: [&str; 15] = [
    "de", "da", "di", "du", "van", "von", "der", "den", "le", "la", "bin", "al", "el", "ibn", "et",
];

/// Legal forms that end a company's name.
const LEGAL: [&str; 11] = [
    "Inc", "Corp", "Ltd", "Plc", "PLC", "plc", "LLC", "AG", "NV", "Co", "Cos",
];

/// Last parts of a compound adjective (`Tokyo-based`).
const ADJ_SUFFIXES: [&str; 22] = [
    "based",
    "born",
    "led",
    "backed",
    "owned",
    "listed",
    "registered",
    "bound",
    "origin",
    "run",
    "controlled",
    "sponsored",
    "ruled",
    "made",
    "funded",
    "speaking",
    "dominated",
    "held",
    "brokered",
    "supported",
    "style",
    "area",
];
/// Combining forms of countries (`Anglo-American`, `Sino-Soviet`).
const COMBINING: [&str; 9] = [
    "Anglo", "Franco", "Sino", "Russo", "Indo", "Afro", "Euro", "Italo", "Austro",
];

/// Whether most words of the sentence are in capitals (a wire headline).
fn all_caps(toks: &[Token]) -> bool {
    let words = toks
        .iter()
        .filter(|t| t.text.chars().any(char::is_alphabetic));
    let (mut n, mut up) = (0, 0);
    for t in words {
        n += 1;
        up += t.is_upper() as usize;
    }
    n >= 2 && up * 10 >= n * 7
}

pub struct Finder<'a, 'g> {
    pub doc: &'a Doc<'a>,
    pub cues: &'a Cues,
    pub gaz: &'g Gazetteer,
}

impl<'a, 'g> Finder<'a, 'g> {
    fn name_like(&self, i: usize) -> bool {
        let t = &self.doc.tokens[i];
        t.is_cap()
            && t.is_word()
            && (t.end - t.start >= 2)
            && !self.cues.has(t.text, cues::NOT_NAME)
    }

    /// All candidates, in text order, not overlapping.
    pub fn find(&self) -> Vec<Candidate<'g>> {
        let mut out = Vec::new();
        let mut key = String::new();
        for (s, range) in self.doc.sentence_tokens.iter().enumerate() {
            let caps = all_caps(self.doc.sentence(s));
            let mut i = range.start;
            while i < range.end {
                let gaz = self.gaz.longest(self.doc, i, &mut key);
                if caps {
                    match gaz {
                        Some((j, e)) => {
                            out.push(self.known(i, j, e));
                            i = j + 1;
                        }
                        None => i += 1,
                    }
                    continue;
                }
                let run_end = if self.name_like(i) {
                    self.run_end(i, range.end)
                } else {
                    i
                };
                match gaz {
                    Some((j, e)) if !(run_end > j && self.merges(run_end)) => {
                        out.push(self.known(i, j, e));
                        i = j + 1;
                    }
                    _ if self.name_like(i) => {
                        // stop the run where a gazetteer name starts inside it, unless the
                        // run ends in a head word (`Liberty Korea Party`)
                        let mut end = run_end;
                        for k in i + 1..=run_end {
                            if let Some((jk, e)) = self.gaz.longest(self.doc, k, &mut key) {
                                // `Pyeongchang Winter Olympics`: a name before a known event
                                let event = jk == run_end && e.kind_type == EntityType::Event;
                                if !(event || run_end > jk && self.is_head(run_end)) {
                                    end = k - 1;
                                }
                                break;
                            }
                        }
                        while end > i && !self.name_like(end) && !self.is_lower_head(end) {
                            end -= 1;
                        }
                        // `New York-based`, `China-UK`: an adjective, not a name
                        if let Some(k) = (i..=end).find(|&k| self.adjective(k)) {
                            i = k + 1;
                            continue;
                        }
                        let ticker = i > 0 && self.doc.tokens[i - 1].text == "<";
                        if let Some(c) = self.typed(i, end, range.start).filter(|_| !ticker) {
                            out.push(c);
                        }
                        i = end + 1;
                    }
                    _ => i += 1,
                }
            }
        }
        out
    }

    /// `Tokyo-based`, `Surinamese-born`; `China-UK`, `Anglo-American`: a compound adjective.
    fn adjective(&self, i: usize) -> bool {
        let w = self.doc.tokens[i].text;
        let Some((head, last)) = w.rsplit_once('-') else {
            return false;
        };
        if ADJ_SUFFIXES.contains(&last) {
            return true;
        }
        let country = |p: &str| {
            COMBINING.contains(&p)
                || self
                    .gaz
                    .word(p)
                    .is_some_and(|e| e.kind_type == EntityType::Country)
        };
        !head.contains('-') && country(head) && country(last)
    }

    fn known(&self, i: usize, j: usize, e: &'g Entry) -> Candidate<'g> {
        Candidate {
            first: i,
            last: j,
            typ: e.kind_type,
            kind: e.kind,
            entry: Some(e),
            evidence: Evidence::Known,
            title: None,
        }
    }

    /// A run that begins with a gazetteer name and goes on to `end` is one name when it ends
    /// in a capitalised head word (`China National Petroleum Corporation`).
    fn merges(&self, end: usize) -> bool {
        self.is_head(end) && self.doc.tokens[end].is_cap()
    }

    fn is_lower_head(&self, i: usize) -> bool {
        let t = &self.doc.tokens[i];
        !t.is_cap() && self.cues.has(t.text, cues::FACILITY)
    }

    fn is_head(&self, i: usize) -> bool {
        let w = self.doc.tokens[i].text;
        self.cues.has(
            w,
            cues::ORG | cues::FACILITY | cues::LOCATION | cues::MEDIA | cues::EVENT,
        )
    }

    /// Last token of the capitalised run starting at `i` (before sentence end `stop`).
    fn run_end(&self, i: usize, stop: usize) -> usize {
        let toks = &self.doc.tokens;
        let mut j = i;
        let mut institution = false;
        let mut before_and = None;
        loop {
            institution |= self.is_head(j);
            let k = j + 1;
            if k >= stop {
                break;
            }
            if self.name_like(k) {
                j = k;
                continue;
            }
            if self.is_lower_head(k) && !institution {
                j = k; // `Musan mine`
                break;
            }
            let w = toks[k].lower.as_str();
            let joins = match w {
                "of" | "for" | "on" => institution,
                // `Acme Inc. and Norwest Corp.` are two
                "and" | "&" => !LEGAL.contains(&toks[j].text.trim_end_matches('.')),
                "'" | "\u{2019}" => toks[j].text.ends_with('s') && !toks[k].space_before,
                _ => PARTICLES.contains(&w),
            };
            if !joins {
                break;
            }
            let mut m = k + 1;
            if matches!(w, "of" | "for" | "on") && m < stop && toks[m].lower == "the" {
                m += 1;
            }
            if m < stop && self.name_like(m) {
                if w == "and" {
                    before_and.get_or_insert(j);
                }
                j = m;
                continue;
            }
            break;
        }
        if let Some(b) = before_and {
            if !self.cues.has(toks[j].text, cues::ORG) {
                j = b;
            }
        }
        j
    }

    fn is_year(&self, i: usize) -> bool {
        let t = self.doc.tokens[i].text;
        t.len() == 4
            && t.bytes().all(|b| b.is_ascii_digit())
            && (t.starts_with("19") || t.starts_with("20"))
    }

    /// Type the run `i..=j` (`s0`: first token of its sentence), or drop it.
    fn typed(&self, mut i: usize, j: usize, s0: usize) -> Option<Candidate<'g>> {
        let toks = &self.doc.tokens;
        // an ordinary word that opens the sentence is not part of a name
        let opens = i == s0
            || matches!(
                toks[i - 1].text,
                "\"" | "\u{201c}" | "(" | ":" | "-" | "--" | "'"
            );
        let byline = opens && toks[i].text == "By";
        if opens
            && (self.cues.is_common(toks[i].text)
                || OPENERS.contains(&toks[i].lower.as_str())
                || byline)
        {
            i += 1;
            while i <= j && !self.name_like(i) {
                i += 1;
            }
            if i > j {
                return None;
            }
        }
        let head = toks[j].text;
        let has = |w: &str, r| self.cues.has(w, r);
        let mut c = Candidate {
            first: i,
            last: j,
            typ: EntityType::Organization,
            kind: "name",
            entry: None,
            evidence: Evidence::Cue,
            title: None,
        };
        let head_type = if has(head, cues::FACILITY) {
            Some(EntityType::Facility)
        } else if has(head, cues::ORG) {
            Some(EntityType::Organization)
        } else if has(head, cues::LOCATION) {
            Some(EntityType::Location)
        } else if has(head, cues::MEDIA) {
            Some(EntityType::Media)
        } else if has(head, cues::EVENT) {
            Some(EntityType::Event)
        } else if i < j && toks[i + 1].lower == "of" && has(toks[i].text, cues::ORG) {
            Some(EntityType::Organization)
        } else {
            None
        };
        if let Some(t) = head_type {
            if i == j && !has(head, cues::MEDIA) {
                return None; // a head word alone (`Council`, `Province`) is not a name
            }
            c.typ = t;
            if t == EntityType::Event && i > s0 && self.is_year(i - 1) {
                c.first = i - 1; // `2018 Pyeongchang Winter Olympics`
            }
            return Some(c);
        }
        // titles: `Foreign Secretary Jack Straw`
        let mut k = i;
        let mut last_title = None;
        while k <= j && has(toks[k].text, cues::TITLE | cues::TITLE_MOD) {
            if has(toks[k].text, cues::TITLE) {
                last_title = Some(k);
            }
            k += 1;
        }
        if let Some(t) = last_title {
            if t == j {
                return None; // only a title
            }
            c.title = Some(i);
            c.first = t + 1;
            c.typ = EntityType::Person;
            return Some(c);
        }
        if byline || self.cues.is_first_name(toks[i].text) && i < j {
            c.typ = EntityType::Person;
            return Some(c);
        }
        let (mut per, mut loc, mut org) = (0u32, 0u32, 0u32);
        for t in &toks[i..=j] {
            let s = self.cues.stat(t.text);
            (per, loc, org) = (per + s.person, loc + s.location, org + s.organization);
        }
        let best = per.max(loc).max(org);
        if i == j {
            let st = self.cues.stat(toks[i].text);
            if st.misc > st.person + st.location + st.organization {
                return None; // `Hutus`, `Jewish`, `Olympic`: not an actor
            }
            if st.other + st.lower > 2 * st.named() {
                return None; // mostly an ordinary word
            }
        }
        if best >= 2 {
            c.typ = if best == per {
                EntityType::Person
            } else if best == loc {
                EntityType::Location
            } else {
                EntityType::Organization
            };
            return Some(c);
        }
        c.evidence = Evidence::Guess;
        let letters = toks[i..=j].iter().all(|t| {
            t.text
                .chars()
                .all(|ch| ch.is_alphabetic() || ch == '-' || ch == '\'')
        });
        let speaks = toks.get(j + 1).is_some_and(|t| {
            t.sentence == toks[j].sentence && self.cues.has(t.text, cues::REPORT_VERB)
        });
        let full_name = i < j && letters && !toks[i..=j].iter().any(Token::is_upper);
        let speaker = i == j && speaks && !toks[i].is_upper();
        c.typ = if full_name || speaker {
            EntityType::Person
        } else if i > s0
            && matches!(toks[i - 1].lower.as_str(), "in" | "near" | "at" | "from")
            && i == j
        {
            c.evidence = Evidence::Cue;
            EntityType::Location
        } else {
            EntityType::Organization
        };
        Some(c)
    }
}
