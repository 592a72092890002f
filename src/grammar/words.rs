//! What the tagger and parser know of a word before context: its normalised form, affixes
//! and shape, each hashed once per sentence.

use crate::learn::features::{fnv, mix};
use crate::learn::hash_str;

/// A word's context-free features, hashed.
#[derive(Debug, Clone, Copy, Default)]
pub struct WordInfo {
    /// Lowercased, digits folded to `0`.
    pub norm: u64,
    pub suffix1: u64,
    pub suffix2: u64,
    pub suffix3: u64,
    pub suffix4: u64,
    pub prefix1: u64,
    pub prefix2: u64,
    /// `Xxxx`, `XX`, `d.d`, ... (runs capped at 4).
    pub shape: u64,
    /// Starts with an uppercase letter / has no lowercase letter / has a digit / a hyphen.
    pub flags: u64,
}

/// The normalised form: lowercase, every digit as `0`.
pub fn normalise(w: &str) -> String {
    w.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect()
}

/// The shape's characters: `X` upper, `x` lower, `d` digit, others as they are; runs capped at
/// four (`Xxxx`, `dddd`, `X.X.`).
fn shape_chars(w: &str) -> impl Iterator<Item = char> + '_ {
    let mut last = ' ';
    let mut run = 0;
    w.chars().filter_map(move |c| {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if k == last {
            run += 1;
            if run > 3 {
                return None;
            }
        } else {
            run = 0;
            last = k;
        }
        Some(k)
    })
}

/// The last `n` characters of `s` (all of it when shorter).
fn tail(s: &str, n: usize) -> &str {
    let cut = s
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    &s[cut..]
}

/// The first `n` characters of `s`.
fn head(s: &str, n: usize) -> &str {
    let cut = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    &s[..cut]
}

impl WordInfo {
    pub fn new(w: &str) -> WordInfo {
        let norm = normalise(w);
        let first_upper = w.chars().next().is_some_and(char::is_uppercase);
        let no_lower = !w.chars().any(char::is_lowercase) && w.chars().any(char::is_alphabetic);
        let digit = w.chars().any(|c| c.is_ascii_digit());
        let hyphen = w.contains('-');
        let flags = first_upper as u64
            | (no_lower as u64) << 1
            | (digit as u64) << 2
            | (hyphen as u64) << 3;
        let mut buf = [0u8; 4];
        let mut sh = 0xcbf2_9ce4_8422_2325u64;
        for c in shape_chars(w) {
            sh = fnv(sh, c.encode_utf8(&mut buf).as_bytes());
        }
        WordInfo {
            norm: hash_str(&norm),
            suffix1: hash_str(tail(&norm, 1)),
            suffix2: hash_str(tail(&norm, 2)),
            suffix3: hash_str(tail(&norm, 3)),
            suffix4: hash_str(tail(&norm, 4)),
            prefix1: hash_str(head(&norm, 1)),
            prefix2: hash_str(head(&norm, 2)),
            shape: mix(sh),
            flags,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_norms() {
        let shape = |w| shape_chars(w).collect::<String>();
        assert_eq!(shape("Kang"), "Xxxx");
        assert_eq!(shape("Pyongyang"), "Xxxxx");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("1987"), "dddd");
        assert_eq!(
            (tail("séoul", 3), head("séoul", 2), tail("a", 3)),
            ("oul", "sé", "a")
        );
        assert_eq!(normalise("Feb-1987"), "feb-0000");
        assert_eq!(WordInfo::new("The").norm, WordInfo::new("the").norm);
        assert_ne!(WordInfo::new("The").flags, WordInfo::new("the").flags);
    }
}
