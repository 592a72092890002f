//! Name candidates of one document: gazetteer matches and capitalised runs typed by cues.
//!
//! A run is a sequence of capitalised words, joined across `of`/`for`/`on`/`the` when it
//! names an institution (`Bank of Japan`), across `and`/`&` when it ends in an organisation
//! head (`Oil and Natural Gas Corporation`), and across name particles (`de`, `van`, `bin`)
//! and bare middle initials (`George W Bush`): see [`super::runs`].
//! Titles before a name are stripped (`Foreign Secretary Jack Straw` -> person `Jack Straw`);
//! a sentence's first word is dropped when it is an ordinary word (`Recently`, `But`); see
//! [`super::typing`] for how a run is typed.

use super::cues::{self, Cues};
use super::doc::{Doc, Token};
use super::gazetteer::{Entry, Gazetteer};
use crate::model::EntityType;

/// Where a candidate's type came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// A gazetteer row.
    Known,
    /// A cue word or title.
    Cue,
    /// Capitalised-word statistics only.
    Stats,
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

/// An acronym in the plural (`PCs`, `DVDs`, `GPs`, `NGOs`): a common noun, never one actor
/// (a gazetteer name is still found).
pub fn is_plural_acronym(w: &str) -> bool {
    w.strip_suffix('s')
        .is_some_and(|a| a.len() >= 2 && a.bytes().all(|b| b.is_ascii_uppercase()))
}

/// A contraction (`I'm`, `We've`, `Didn't`, `He’ll`, `I'd`): never a name.
pub fn is_contraction(w: &str) -> bool {
    let Some((head, tail)) = w.rsplit_once(['\'', '\u{2019}']) else {
        return false;
    };
    let tail = tail.to_lowercase();
    let head = head.to_lowercase();
    match tail.as_str() {
        "m" | "ve" | "ll" | "re" => true,
        "t" => head.ends_with('n'),
        "d" | "s" => matches!(
            head.as_str(),
            "i" | "you"
                | "he"
                | "she"
                | "we"
                | "they"
                | "it"
                | "who"
                | "that"
                | "there"
                | "what"
                | "let"
                | "here"
                | "where"
        ),
        _ => false,
    }
}

impl<'a, 'g> Finder<'a, 'g> {
    pub(super) fn name_like(&self, i: usize) -> bool {
        let t = &self.doc.tokens[i];
        t.is_cap()
            && t.is_word()
            && (t.end - t.start >= 2)
            && !self.cues.has(t.text, cues::NOT_NAME)
            && !is_contraction(t.text)
            && !is_plural_acronym(t.text)
            && !self.speaker_label(i)
    }

    /// An interview prefix: a short word in capitals opening a line before `:` (`WN:`, `Q:`).
    fn speaker_label(&self, i: usize) -> bool {
        let toks = &self.doc.tokens;
        let t = &toks[i];
        t.is_upper()
            && t.text.chars().count() <= 3
            && (i == 0 || t.nl_before > 0)
            && toks.get(i + 1).is_some_and(|n| n.text == ":")
    }

    /// All candidates, in text order, not overlapping.
    pub fn find(&self) -> Vec<Candidate<'g>> {
        let mut out: Vec<Candidate<'g>> = Vec::new();
        let mut key = String::new();
        // names with `and` seen so far (`cable and wireless plc`)
        let mut with_and: Vec<String> = Vec::new();
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
                let mut run_end = if self.name_like(i) {
                    self.run_end(i, range.end, &with_and)
                } else {
                    i
                };
                if let Some(k) = self.inner_title(i, run_end) {
                    if k == i + 1 && gaz.is_none() {
                        i = k; // `Bosnian President ...`: a modifier, no name
                        continue;
                    }
                    run_end = k - 1;
                }
                match gaz {
                    Some((j, e))
                        if !(run_end > j
                            && (self.merges(i, run_end) || self.first_name_place(i, j, e))) =>
                    {
                        out.push(self.known(i, j, e));
                        i = j + 1;
                    }
                    _ if self.name_like(i) => {
                        // stop the run where a gazetteer name starts inside it, unless the
                        // run ends in a head word (`Liberty Korea Party`)
                        let mut end = run_end;
                        let mut front_org = false;
                        for k in i + 1..=run_end {
                            if let Some((jk, e)) = self.gaz.longest(self.doc, k, &mut key) {
                                // `Pyeongchang Winter Olympics`: a name before a known event
                                let event = jk == run_end && e.kind_type == EntityType::Event;
                                // `Parliament of Iraq`, `Supreme Court of the United States`
                                // `of England and Wales`: the last of two places
                                let ends = jk == run_end
                                    || jk + 2 == run_end && self.doc.tokens[jk + 1].lower == "and";
                                let of_place =
                                    ends && matches!(
                                        e.kind_type,
                                        EntityType::Country | EntityType::Location
                                    ) && self.institution_of(i, k);
                                // `Air France`: an airline
                                let airline = k == i + 1 && self.doc.tokens[i].text == "Air";
                                // `Neil Jordan`: a first name before a place's one word
                                let surname = jk == k
                                    && jk == run_end
                                    && self.cues.is_first_name(self.doc.tokens[k - 1].text)
                                    && e.kind_type != EntityType::Organization;
                                // `Kurdistan Democratic Party`, `U.S. Treasury`: a known place
                                // before an organisation that ends the run names it
                                let place_org = jk == run_end
                                    && e.kind_type == EntityType::Organization
                                    && gaz.is_some_and(|(j0, e0)| {
                                        j0 + 1 == k
                                            && matches!(
                                                e0.kind_type,
                                                EntityType::Country | EntityType::Location
                                            )
                                            && !matches!(e0.kind, "demonym" | "capital")
                                    });
                                if place_org {
                                    front_org = true;
                                }
                                if !(event
                                    || place_org
                                    || of_place
                                    || airline
                                    || surname
                                    || run_end > jk && self.is_head(run_end))
                                {
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
                        if let Some(c) = self
                            .typed(i, end, range.start, &with_and)
                            .filter(|_| !ticker)
                        {
                            let mut c = c;
                            if front_org && c.first == i && c.last == end {
                                c.typ = EntityType::Organization;
                                c.evidence = Evidence::Cue;
                            }
                            let toks = &self.doc.tokens[c.first..=c.last];
                            if toks.iter().any(|t| matches!(t.text, "and" | "&")) {
                                with_and.push(self.lower_words(c.first, c.last));
                            }
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

    /// Whether tokens `i..k` are an institution's name followed by `of` (`the`): `Ministry of
    /// Foreign Affairs of`, `National Assembly of`.
    fn institution_of(&self, i: usize, k: usize) -> bool {
        let toks = &self.doc.tokens;
        let mut m = k;
        if m > i && toks[m - 1].lower == "the" {
            m -= 1;
        }
        m > i + 1
            && toks[m - 1].lower == "of"
            && (i..m - 1).any(|x| self.cues.has(toks[x].text, cues::ORG))
    }

    /// Tokens `i..=j` lowercased, joined by single spaces.
    pub(super) fn lower_words(&self, i: usize, j: usize) -> String {
        let toks = &self.doc.tokens[i..=j];
        toks.iter()
            .map(|t| t.lower.as_str())
            .collect::<Vec<_>>()
            .join(" ")
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

    /// A run `i..=end` that begins with a gazetteer name is one name when it ends in a
    /// capitalised head word (`China National Petroleum Corporation`) or holds an institution's
    /// head before `of`/`for` (`Tunisian League for the Defence of Human Rights`).
    fn merges(&self, i: usize, end: usize) -> bool {
        let toks = &self.doc.tokens;
        self.is_head(end) && toks[end].is_cap()
            || (i + 1..end).any(|k| toks[k].text == "&") // `Douglas & Lomason`
            || (i + 1..end).any(|k| {
                matches!(toks[k].lower.as_str(), "of" | "for")
                    && self.cues.has(toks[k - 1].text, cues::ORG)
            })
    }

    pub(super) fn is_lower_head(&self, i: usize) -> bool {
        let t = &self.doc.tokens[i];
        !t.is_cap() && self.cues.has(t.text, cues::FACILITY)
    }

    pub(super) fn is_head(&self, i: usize) -> bool {
        let w = self.doc.tokens[i].text;
        let heads = cues::ORG | cues::FACILITY | cues::LOCATION | cues::MEDIA | cues::EVENT;
        // a headline's capitals: `GREATER MILWAUKEE OPEN`
        self.cues.has(w, heads) || self.cues.has(&super::typing::title_case(w), heads)
    }
}
