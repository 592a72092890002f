//! Cue words (`data/cues.tsv`) and capitalised-word statistics (`data/wordstats.tsv`).
//!
//! Cues type the names no gazetteer knows (`... Party` is an organisation, `President X` a
//! person); statistics learned from openly licensed NER corpora tell a first name (`John`)
//! from an ordinary word that opens a sentence (`Recently`).

use crate::error::{Error, Result};
use crate::fxhash::FxMap;

pub const TITLE: u16 = 1;
pub const TITLE_MOD: u16 = 2;
pub const ORG: u16 = 4;
pub const FACILITY: u16 = 8;
pub const LOCATION: u16 = 16;
pub const MEDIA: u16 = 32;
pub const EVENT: u16 = 64;
pub const NOT_NAME: u16 = 128;
pub const REPORT_VERB: u16 = 256;
pub const NOT_ALONE: u16 = 512;
pub const EVENT_NOUN: u16 = 1024;
pub const EVENT_MOD: u16 = 2048;
/// A player's role after a team's name (`Surrey captain`, `Norwich striker`).
pub const PLAYER: u16 = 4096;
/// A word that marks a sports report (`semi-final`, `midfielder`, `rugby`).
pub const SPORT: u16 = 8192;
/// A word common in sports reports and elsewhere (`match`, `season`, `beat`).
pub const SPORT_HINT: u16 = 16384;

/// The roles that say what a name is (all but the sport words): the name recognizer reads
/// these as a feature, so a role added for another purpose leaves its input unchanged.
pub const NAME_ROLES: u16 = SPORT - 1;

const ROLES: [(&str, u16); 15] = [
    ("title", TITLE),
    ("title_mod", TITLE_MOD),
    ("org", ORG),
    ("facility", FACILITY),
    ("location", LOCATION),
    ("media", MEDIA),
    ("event", EVENT),
    ("not_name", NOT_NAME),
    ("report_verb", REPORT_VERB),
    ("not_alone", NOT_ALONE),
    ("event_noun", EVENT_NOUN),
    ("event_mod", EVENT_MOD),
    ("player", PLAYER),
    ("sport", SPORT),
    ("sport_hint", SPORT_HINT),
];

/// Counts for one capitalised word (see the header of `data/wordstats.tsv`).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct WordStat {
    pub first: u32,
    pub person: u32,
    pub location: u32,
    pub organization: u32,
    pub misc: u32,
    pub other: u32,
    pub lower: u32,
}

impl WordStat {
    pub fn named(&self) -> u32 {
        self.person + self.location + self.organization + self.misc
    }
}

/// Word roles and statistics.
#[derive(Debug, Default)]
pub struct Cues {
    roles: FxMap<String, u16>,
    stats: FxMap<String, WordStat>,
    /// Ordinary English words, lowercase (`data/english-words.txt`).
    words: FxMap<&'static str, ()>,
}

impl Cues {
    /// Add the rows of a cues file (`word<TAB>role`); `origin` names it in errors.
    pub fn add_roles(&mut self, text: &str, origin: &str) -> Result<()> {
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut f = line.split('\t');
            let (Some(word), Some(role), None) = (f.next(), f.next(), f.next()) else {
                return Err(Error::Data(format!(
                    "{origin}:{}: expected word<TAB>role",
                    i + 1
                )));
            };
            let Some(&(_, bit)) = ROLES.iter().find(|(r, _)| *r == role.trim()) else {
                return Err(Error::Data(format!(
                    "{origin}:{}: unknown role {role:?}",
                    i + 1
                )));
            };
            *self.roles.entry(word.trim().to_string()).or_default() |= bit;
        }
        Ok(())
    }

    /// Add the rows of a word-statistics file (8 columns, see `data/wordstats.tsv`).
    pub fn add_stats(&mut self, text: &str, origin: &str) -> Result<()> {
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let n: Vec<u32> = f
                .iter()
                .skip(1)
                .filter_map(|x| x.trim().parse().ok())
                .collect();
            if f.len() != 8 || n.len() != 7 {
                return Err(Error::Data(format!(
                    "{origin}:{}: expected a word and 7 counts",
                    i + 1
                )));
            }
            let s = WordStat {
                first: n[0],
                person: n[1],
                location: n[2],
                organization: n[3],
                misc: n[4],
                other: n[5],
                lower: n[6],
            };
            self.stats.insert(f[0].to_string(), s);
        }
        Ok(())
    }

    /// Add ordinary words (one lowercase word a line, `#` comments).
    pub fn add_words(&mut self, text: &'static str) {
        let lines = text
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'));
        self.words.extend(lines.map(|l| (l.trim(), ())));
    }

    /// Every role of `word` (as written), as bits.
    pub fn roles(&self, word: &str) -> u16 {
        self.roles.get(word).copied().unwrap_or(0)
    }

    /// Whether `lower`, already lowercase, is an ordinary English word.
    pub fn is_lower_word(&self, lower: &str) -> bool {
        self.words.contains_key(lower)
    }

    /// Whether `word` (as written) has `role`.
    pub fn has(&self, word: &str, role: u16) -> bool {
        self.roles.get(word).is_some_and(|r| r & role != 0)
    }

    /// Statistics of `word`, or of its title-case form when it is in capitals (`ATTENDANCE`).
    pub fn stat(&self, word: &str) -> WordStat {
        if let Some(s) = self.stats.get(word) {
            return *s;
        }
        let mut cs = word.chars();
        if word.len() > 1 && !word.chars().any(char::is_lowercase) {
            if let Some(c) = cs.next() {
                let title: String = std::iter::once(c)
                    .chain(cs.flat_map(char::to_lowercase))
                    .collect();
                return self.stats.get(&title).copied().unwrap_or_default();
            }
        }
        WordStat::default()
    }

    /// A capitalised word that is mostly an ordinary word (`Recently`, `Officials`).
    pub fn is_common(&self, word: &str) -> bool {
        let s = self.stat(word);
        let named = s.named();
        (s.lower >= 2 && s.lower > 3 * named)
            || (s.other >= 3 && s.other > 3 * named)
            || (named == 0 && s.first == 0 && self.is_word(word))
    }

    /// Whether the lowercase form of `word` is an ordinary English word (`Attendance`).
    pub fn is_word(&self, word: &str) -> bool {
        word.len() < 40 && self.words.contains_key(word.to_lowercase().as_str())
    }

    /// A person's first name (`John`, `Elizabeth`).
    pub fn is_first_name(&self, word: &str) -> bool {
        let s = self.stat(word);
        s.first >= 1 && s.first * 2 >= s.location + s.organization && s.first * 3 >= s.other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_and_errors() {
        let mut c = Cues::default();
        c.add_roles("# header\nParty\torg\nmine\tfacility\n", "t.tsv")
            .unwrap();
        assert!(c.has("Party", ORG) && !c.has("party", ORG) && c.has("mine", FACILITY));
        let e = c
            .add_roles("Party\torgg\n", "u.tsv")
            .unwrap_err()
            .to_string();
        assert_eq!(e, "u.tsv:1: unknown role \"orgg\"");
        assert!(c.add_stats("John\t1\t2\n", "s.tsv").is_err());
    }

    #[test]
    fn statistics_tell_names_from_words() {
        let mut c = Cues::default();
        c.add_stats(
            "John\t110\t158\t2\t4\t2\t2\t0\nRecently\t0\t0\t0\t0\t0\t3\t40\n",
            "s",
        )
        .unwrap();
        assert!(c.is_first_name("John") && !c.is_common("John"));
        assert!(c.is_common("Recently") && !c.is_first_name("Recently"));
    }
}
