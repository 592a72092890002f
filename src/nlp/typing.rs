//! Typing a capitalised run: head words, titles, first names, statistics, then a guess.
//!
//! An ordinary word opening the sentence is dropped first (`Recently`, `But`); a head word
//! types the name (`... Party`, `... mine`); a title makes the rest a person (`Foreign
//! Secretary Jack Straw`); then first names and capitalised-word statistics decide, and a
//! name nothing types is a guess (a person when it looks like one, else an organisation).

use super::cues;
use super::doc::Token;
use super::gazetteer::Entry;
use super::names::{Candidate, Evidence, Finder};
use super::sentences::OPENERS;
use crate::model::EntityType;

/// `OPEN` -> `Open`: a word in capitals as a headline's head word is written in text.
pub(super) fn title_case(w: &str) -> String {
    let mut cs = w.chars();
    match cs.next() {
        Some(c) if !w.chars().any(char::is_lowercase) => std::iter::once(c)
            .chain(cs.flat_map(char::to_lowercase))
            .collect(),
        _ => w.to_string(),
    }
}

impl<'g> Finder<'_, 'g> {
    fn is_year(&self, i: usize) -> bool {
        let t = self.doc.tokens[i].text;
        t.len() == 4
            && t.bytes().all(|b| b.is_ascii_digit())
            && (t.starts_with("19") || t.starts_with("20"))
    }

    /// `Londoners`, `Hong Kongers`, `New Yorker`: the people of a known place, not an actor.
    fn residents(&self, i: usize, j: usize) -> bool {
        let last = self.doc.tokens[j].text;
        let Some(stem) = last.strip_suffix("ers").or_else(|| last.strip_suffix("er")) else {
            return false;
        };
        let mut name = if i < j {
            self.lower_words(i, j - 1) + " "
        } else {
            String::new()
        };
        name.push_str(&stem.to_lowercase());
        self.gaz
            .word(&name)
            .is_some_and(|e| matches!(e.kind_type, EntityType::Country | EntityType::Location))
    }

    /// `Democratic` of `the Democratic primary`: one word that names a known party only with
    /// `Party` after it is an adjective, not the party.
    fn party_adjective(&self, i: usize, j: usize) -> bool {
        let w = &self.doc.tokens[i].lower;
        i == j
            && !w.ends_with('s')
            && self
                .gaz
                .word(&format!("{w} party"))
                .is_some_and(|e| e.kind_type == EntityType::Organization)
    }

    /// `Bosnian President Alija Izetbegovic`, `... Administration Director Branko Bilbija`: a
    /// title inside the run `i..=end` (not after given names) starts a person's name; the first
    /// token of the title, if any.
    pub(super) fn inner_title(&self, i: usize, end: usize) -> Option<usize> {
        let toks = &self.doc.tokens;
        let titled = |k: usize| self.cues.has(toks[k].text, cues::TITLE | cues::TITLE_MOD);
        if self.cues.is_first_name(toks[i].text) {
            return None;
        }
        let k = (i + 1..end).find(|&k| titled(k) && !titled(k - 1))?;
        let mut m = k;
        let mut last_title = None;
        while m < end && titled(m) {
            if self.cues.has(toks[m].text, cues::TITLE) {
                last_title = Some(m);
            }
            m += 1;
        }
        let t = last_title?;
        let name = |x: usize| {
            self.name_like(x)
                || x < end && (self.bare_initial(x) || super::runs::is_particle(&toks[x].lower))
        };
        let person = t < end && (t + 1..=end).all(name) && !self.is_head(end);
        person.then_some(k)
    }

    /// A hyphenated word made of ordinary words, numbers and months only.
    fn ordinary_compound(&self, w: &str) -> bool {
        w.contains('-')
            && w.split('-').all(|p| {
                !p.is_empty()
                    && (p.bytes().all(|b| b.is_ascii_digit())
                        || self.cues.is_word(p)
                        || matches!(p, "on" | "of" | "to" | "by" | "in" | "and" | "the")
                        || crate::ingest::dates::month(p).is_some())
            })
    }

    /// `Duran, 45, ...`: an age in commas after a name makes a person.
    fn aged(&self, j: usize) -> bool {
        let toks = &self.doc.tokens;
        let s = toks[j].sentence;
        let at = |k: usize, f: &dyn Fn(&Token) -> bool| {
            toks.get(k).is_some_and(|t| t.sentence == s && f(t))
        };
        at(j + 1, &|t| t.text == ",")
            && at(j + 2, &|t| {
                t.text.len() == 2 && t.text.parse::<u8>().is_ok_and(|n| (16..=99).contains(&n))
            })
            && at(j + 3, &|t| matches!(t.text, "," | ")"))
    }

    /// `Davidson Ezinwa (Nigeria) 10.24`: a full name with a country in parentheses, as in
    /// results lists, is an athlete.
    fn country_in_parentheses(&self, j: usize) -> bool {
        let toks = &self.doc.tokens;
        let s = toks[j].sentence;
        if toks
            .get(j + 1)
            .is_none_or(|t| t.text != "(" || t.sentence != s)
        {
            return false;
        }
        let Some(close) = (j + 3..(j + 6).min(toks.len())).find(|&k| toks[k].text == ")") else {
            return false;
        };
        self.gaz
            .word(&self.lower_words(j + 2, close - 1))
            .is_some_and(|e| e.kind_type == EntityType::Country && e.kind != "demonym")
    }

    /// `Bosnian`, `Zairean`, `Sudanese`: a word the gazetteer does not list that is the
    /// adjective of a country or place it knows, by the usual endings (`-n`, `-an`, `-ian`,
    /// `-ese`); the entry of that place. A first name (`Adrian`) is not one.
    fn demonym_of(&self, w: &str) -> Option<&'g Entry> {
        if w.chars().count() < 5 || !w.is_ascii() || self.cues.is_first_name(w) {
            return None;
        }
        for suffix in ["ese", "ian", "an", "n"] {
            let Some(stem) = w.strip_suffix(suffix).filter(|s| s.len() >= 3) else {
                continue;
            };
            for end in ["", "a", "e", "ia"] {
                let base = format!("{stem}{end}");
                let e = self.gaz.word(&base).filter(|e| {
                    matches!(e.kind_type, EntityType::Country | EntityType::Location)
                        && matches!(e.kind, "name" | "alias")
                });
                if e.is_some() {
                    return e;
                }
            }
        }
        None
    }

    /// Type the run `i..=j` (`s0`: first token of its sentence), or drop it.
    /// `Chad Ogea`, `Jordan Shubert`: a first name that is also a one-word place, then one
    /// capitalised word that is neither a known name, a head word nor an ordinary word, is a
    /// person's name (`Chad Foreign Minister`, `Jordan River`, `Georgia Tech` stay places).
    pub(super) fn first_name_place(&self, i: usize, j: usize, e: &Entry) -> bool {
        let toks = &self.doc.tokens;
        let Some(next) = toks.get(i + 1) else {
            return false;
        };
        let mut key = String::new();
        i == j
            && matches!(e.kind_type, EntityType::Country | EntityType::Location)
            && !matches!(e.kind, "demonym" | "capital")
            && self.cues.is_first_name(toks[i].text)
            && next.sentence == toks[i].sentence
            && next.is_cap()
            && !next.is_upper()
            && !toks
                .get(i + 2)
                .is_some_and(|t| t.sentence == next.sentence && t.is_cap())
            && !self.cues.is_word(next.text)
            && !self
                .cues
                .has(next.text, cues::TITLE | cues::TITLE_MOD | cues::NOT_NAME)
            && !self.is_head(i + 1)
            && self.gaz.longest(self.doc, i + 1, &mut key).is_none()
    }

    pub(super) fn typed(
        &self,
        mut i: usize,
        j: usize,
        s0: usize,
        with_and: &[String],
    ) -> Option<Candidate<'g>> {
        let toks = &self.doc.tokens;
        // an ordinary word that opens the sentence is not part of a name
        let opens = i == s0
            || matches!(
                toks[i - 1].text,
                "\"" | "\u{201c}" | "(" | ":" | "-" | "--" | "'"
            );
        let byline = opens && toks[i].text == "By";
        let seen = !with_and.is_empty() && {
            let run = self.lower_words(i, j);
            with_and.iter().any(|s| s.starts_with(&run))
        };
        // a title opening the sentence stays (`Mayor Park Won-soon opened ...`)
        if opens
            && !seen
            && !(i < j && self.cues.has(toks[i].text, cues::TITLE))
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
        if self.residents(i, j) || self.party_adjective(i, j) {
            return None;
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
        let head_type = if seen {
            Some(EntityType::Organization) // `Cable and Wireless` again
        } else if has(head, cues::FACILITY) {
            Some(EntityType::Facility)
        } else if has(head, cues::ORG) {
            Some(EntityType::Organization)
        } else if (i + 1..j).any(|k| {
            matches!(toks[k].lower.as_str(), "of" | "for") && has(toks[k - 1].text, cues::ORG)
        }) {
            // `United States Department of State`: the institution, not the place it names
            Some(EntityType::Organization)
        } else if has(head, cues::LOCATION) {
            Some(EntityType::Location)
        } else if has(head, cues::MEDIA) {
            Some(EntityType::Media)
        } else if has(head, cues::EVENT) || has(&title_case(head), cues::EVENT) {
            Some(EntityType::Event)
        } else if i < j
            && has(toks[i].text, cues::ORG)
            && (matches!(toks[i + 1].lower.as_str(), "of" | "for")
                || !has(toks[i].text, cues::TITLE | cues::TITLE_MOD)
                    && (i + 1..j).any(|k| super::runs::is_particle(&toks[k].lower)))
        {
            // `Bank of Japan`; `Banca Nazionale del Lavoro`, `Caisse des Depots`: the kind first
            Some(EntityType::Organization)
        } else if let Some(of) = (i + 1..j).find(|&k| toks[k].lower == "of") {
            // `National Assembly of Serbia`: an institution's name before `of`
            (i..of)
                .any(|k| has(toks[k].text, cues::ORG))
                .then_some(EntityType::Organization)
        } else {
            None
        };
        if i == j && has(head, cues::NOT_ALONE) {
            return None; // `New` of `New Labour`, `North` alone
        }
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
        // `Douglas & Lomason`, `Air France`: a firm's name
        if i < j && (toks[i..=j].iter().any(|t| t.text == "&") || toks[i].text == "Air") {
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
        // `N. Knight`, `G. Hamilton`: an initial before a name
        let initial = {
            let mut cs = toks[i].text.chars();
            matches!((cs.next(), cs.next(), cs.next()), (Some(c), Some('.'), None) if c.is_uppercase())
        };
        if self.aged(j) || i < j && (initial || self.country_in_parentheses(j)) {
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
            if let Some(e) = self.demonym_of(toks[i].text) {
                return Some(Candidate {
                    first: i,
                    last: j,
                    typ: e.kind_type,
                    kind: "demonym",
                    entry: Some(e),
                    evidence: Evidence::Known,
                    title: None,
                });
            }
        }
        if i == j {
            let st = self.cues.stat(toks[i].text);
            if st.misc > st.person + st.location + st.organization {
                return None; // `Hutus`, `Jewish`, `Olympic`: not an actor
            }
            if st.other + st.lower > 2 * st.named() {
                return None; // mostly an ordinary word
            }
            if st.named() == 0 && self.ordinary_compound(toks[i].text) {
                return None; // `Year-on-year`, `Quarter-final`, `January-June`
            }
        }
        if best >= 2 {
            c.evidence = Evidence::Stats;
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
            // a weak cue: a firm's noun elsewhere in the article (`Yukos shares`) outweighs it
            c.evidence = Evidence::Stats;
            EntityType::Location
        } else {
            EntityType::Organization
        };
        Some(c)
    }
}
