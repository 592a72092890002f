//! Where a capitalised run of name words ends: across `of`/`for`/`on` inside an institution's
//! name (`Bank of Japan`), `and` inside a name (`Oil and Natural Gas Corporation`), name
//! particles (`de`, `van`, `bin`) and bare middle initials (`George W Bush`).

use super::cues;
use super::names::Finder;
use crate::model::EntityType;

/// Particles inside names (`de`, `van`, `bin`; `del`, `des` of institutions' names too).
const PARTICLES: [&str; 20] = [
    "de", "da", "di", "du", "van", "von", "der", "den", "le", "la", "bin", "al", "el", "ibn", "et",
    "des", "del", "della", "dos", "das",
];

/// Legal forms that end a company's name.
const LEGAL: [&str; 11] = [
    "Inc", "Corp", "Ltd", "Plc", "PLC", "plc", "LLC", "AG", "NV", "Co", "Cos",
];

/// A particle inside names, lowercase (`de`, `van`, `del`): see [`PARTICLES`].
pub(super) fn is_particle(w: &str) -> bool {
    PARTICLES.contains(&w)
}

impl Finder<'_, '_> {
    /// Whether the `and` after token `b` is inside the name ending at `j` rather than between
    /// two names: ordinary words on both sides, neither a head, in an institution's name
    /// (`Centers for Disease Control and Prevention`, `Rock and Roll Hall of Fame`; not `Senate
    /// and House`), or two places after an institution's `of` (`High Court of England and
    /// Wales`).
    fn and_inside(&self, b: usize, j: usize, institution: bool) -> bool {
        let toks = &self.doc.tokens;
        let (l, r) = (toks[b].text, toks[b + 2].text);
        let ordinary = |w: &str| {
            let s = self.cues.stat(w);
            self.cues.is_word(w) || s.lower > s.named()
        };
        let words = ordinary(l)
            && ordinary(r)
            && !self.is_head(b)
            && !self.is_head(b + 2)
            && (institution || (b + 2..=j).any(|k| self.is_head(k)));
        let place = |w: &str| {
            self.gaz
                .word(w)
                .is_some_and(|e| matches!(e.kind_type, EntityType::Country | EntityType::Location))
        };
        words || institution && b > 0 && toks[b - 1].lower == "of" && place(l) && place(r)
    }

    /// Token `k` is one capital letter, not the words `A` and `I`: an initial without its full
    /// stop, as British style writes a middle one (`George W Bush`).
    pub(super) fn bare_initial(&self, k: usize) -> bool {
        let t = &self.doc.tokens[k];
        t.text.len() == 1
            && t.text.bytes().all(|b| b.is_ascii_uppercase())
            && !matches!(t.text, "A" | "I")
    }

    /// Token `k` is a middle initial: a bare one between a first name `j` and a name.
    fn middle_initial(&self, j: usize, k: usize, stop: usize) -> bool {
        let toks = &self.doc.tokens;
        self.bare_initial(k)
            && k + 1 < stop
            && toks[k].space_before
            && toks[k + 1].space_before
            && self.name_like(k + 1)
            && self.cues.is_first_name(toks[j].text)
    }

    /// Last token of the capitalised run starting at `i` (before sentence end `stop`).
    pub(super) fn run_end(&self, i: usize, stop: usize, with_and: &[String]) -> usize {
        let toks = &self.doc.tokens;
        let mut j = i;
        let mut institution = false;
        let mut before_and = None;
        let mut inst_and = false;
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
            if self.middle_initial(j, k, stop) {
                j = k + 1; // `George W Bush`, `John F Kennedy`: no full stop in British style
                continue;
            }
            let w = toks[k].lower.as_str();
            let joins = match w {
                "of" | "for" | "on" => institution,
                // `Acme Inc. and Norwest Corp.` are two
                "and" | "&" => !LEGAL.contains(&toks[j].text.trim_end_matches('.')),
                "'" | "\u{2019}" => toks[j].text.ends_with('s') && !toks[k].space_before,
                _ => is_particle(w),
            };
            if !joins {
                break;
            }
            let mut m = k + 1;
            if matches!(w, "of" | "for" | "on") && m < stop && toks[m].lower == "the" {
                m += 1;
            }
            if m < stop && self.name_like(m) {
                if w == "and" && before_and.is_none() {
                    before_and = Some(j);
                    inst_and = institution;
                }
                j = m;
                continue;
            }
            break;
        }
        if let Some(b) = before_and {
            // `Cable and Wireless` after `Cable and Wireless Plc`
            let full = self.lower_words(i, j);
            let seen = with_and
                .iter()
                .any(|s| s.strip_prefix(&full).is_some_and(|r| r.starts_with(' ')));
            // `Senate and House`: two institutions' heads alone are two names
            let two_heads = b + 2 == j && self.cues.has(toks[b].text, cues::ORG);
            let org_end = self.cues.has(toks[j].text, cues::ORG) && !two_heads;
            if !org_end && !seen && !self.and_inside(b, j, inst_and) {
                j = b;
            }
        }
        j
    }
}
