//! Compound adjectives that are no names: `Tokyo-based`, `Surinamese-born`, `Oscar-winning`,
//! `China-UK`, `Anglo-American` (a name joined to a participle, or two countries joined by a
//! hyphen).

use super::names::Finder;
use crate::model::EntityType;

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

impl Finder<'_, '_> {
    /// `Tokyo-based`, `Surinamese-born`; `China-UK`, `Anglo-American`: a compound adjective.
    pub(super) fn adjective(&self, i: usize) -> bool {
        let w = self.doc.tokens[i].text;
        let Some((head, last)) = w.rsplit_once('-') else {
            return false;
        };
        // `Oscar-winning`, `Grammy-nominated`, `Opec-producing`: any participle after the name
        // (an English word: `Li Ka-shing` is a name)
        let participle = last.bytes().all(|b| b.is_ascii_lowercase())
            && (last.ends_with("ing") || last.ends_with("ed"))
            && self.cues.is_word(last);
        if ADJ_SUFFIXES.contains(&last) || participle {
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
}
