//! Tokens and sentences of one article: the shared view every extraction stage reads.
//!
//! Contract with the relation stage: `tokenize(text)` gives a [`Doc`] whose tokens carry
//! code-point offsets (`start`, `end`, as in [`crate::model::Mention`]) and byte offsets
//! (`bstart`, `bend`, for slicing `text`); every token belongs to exactly one sentence, and
//! `Doc::sentence_tokens[s]` is the token range of sentence `s`. Use [`Doc::token_span`] to map
//! a mention to its tokens.

use super::sentences;
use crate::model::{Mention, SentenceSpan};
use std::ops::Range;

/// One token: a word (letters and digits, with inner `-`, `'`, `.`, `&`), an abbreviation with
/// its period (`U.S.`, `Feb.`, `Mr.`, `W.`), a possessive `'s`, or one punctuation character.
#[derive(Debug, Clone, PartialEq)]
pub struct Token<'a> {
    /// Code-point offsets into the text, `[start, end)`.
    pub start: usize,
    pub end: usize,
    /// Byte offsets into the text, `[bstart, bend)`.
    pub bstart: usize,
    pub bend: usize,
    pub text: &'a str,
    /// `text` lowercased.
    pub lower: String,
    /// Index of the sentence holding this token.
    pub sentence: usize,
    /// Newlines in the whitespace before this token (capped at 255).
    pub nl_before: u8,
    /// The line this token starts is indented (whitespace after the newline).
    pub indented: bool,
    /// Any whitespace before this token.
    pub space_before: bool,
}

impl Token<'_> {
    /// Starts with an uppercase letter (`Kang`, `U.S.`, `NK`).
    pub fn is_cap(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Has letters, and no lowercase ones (`NK`, `U.S.`, `JAPAN`).
    pub fn is_upper(&self) -> bool {
        self.text.chars().any(char::is_alphabetic) && !self.text.chars().any(char::is_lowercase)
    }

    /// Starts with a letter or digit.
    pub fn is_word(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_alphanumeric)
    }

    /// Starts with a digit.
    pub fn is_number(&self) -> bool {
        self.text.chars().next().is_some_and(|c| c.is_ascii_digit())
    }

    /// The possessive clitic `'s` / `’s` split off a name (`Daily NK's`).
    pub fn is_possessive(&self) -> bool {
        matches!(self.lower.as_str(), "'s" | "\u{2019}s" | "'" | "\u{2019}")
    }
}

/// Which tokens a mention covers: `first..=last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MentionTokens {
    pub first: usize,
    pub last: usize,
}

/// An article split into tokens and sentences.
#[derive(Debug, Clone)]
pub struct Doc<'a> {
    pub text: &'a str,
    pub sentences: Vec<SentenceSpan>,
    pub tokens: Vec<Token<'a>>,
    /// Token range of each sentence, parallel to `sentences`.
    pub sentence_tokens: Vec<Range<usize>>,
    /// The text is hard-wrapped (Reuters style): a single newline continues the sentence.
    pub wrapped: bool,
}

impl<'a> Doc<'a> {
    /// The tokens of sentence `s`.
    pub fn sentence(&self, s: usize) -> &[Token<'a>] {
        &self.tokens[self.sentence_tokens[s].clone()]
    }

    /// Index of the token containing code point `offset`, or the first token after it.
    pub fn token_at(&self, offset: usize) -> usize {
        self.tokens.partition_point(|t| t.end <= offset)
    }

    /// Tokens covered by a mention (by its code-point span). `None` when the span covers none.
    pub fn token_span(&self, m: &Mention) -> Option<MentionTokens> {
        self.span_tokens(m.start, m.end)
    }

    /// Tokens covered by the code-point span `[start, end)`.
    pub fn span_tokens(&self, start: usize, end: usize) -> Option<MentionTokens> {
        let first = self.token_at(start);
        let last = self.tokens.partition_point(|t| t.start < end);
        (first < last).then(|| MentionTokens {
            first,
            last: last - 1,
        })
    }

    /// The text of tokens `first..=last`, as written.
    pub fn slice(&self, first: usize, last: usize) -> &'a str {
        &self.text[self.tokens[first].bstart..self.tokens[last].bend]
    }
}

/// Abbreviations that keep their period (compared lowercased, without the period).
pub(crate) fn is_abbreviation(w: &str) -> bool {
    TITLE_ABBREVIATIONS.contains(&w) || OTHER_ABBREVIATIONS.contains(&w)
}

/// Abbreviations that precede a name, so never end a sentence.
pub(crate) const TITLE_ABBREVIATIONS: [&str; 24] = [
    "mr", "mrs", "ms", "dr", "rep", "reps", "sen", "sens", "gov", "gen", "lt", "col", "capt",
    "maj", "sgt", "adm", "prof", "rev", "st", "mt", "ft", "pres", "supt", "cmdr",
];
const OTHER_ABBREVIATIONS: [&str; 32] = [
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc",
    "corp", "co", "ltd", "no", "nos", "vs", "jr", "sr", "bros", "dept", "est", "approx", "fig",
    "e.g", "i.e", "etc", "cf", "plc", "av",
];

/// Split `text` into tokens and sentences.
pub fn tokenize(text: &str) -> Doc<'_> {
    let mut tokens = lex(text);
    let wrapped = sentences::is_hard_wrapped(text);
    let (sentences, sentence_tokens) = sentences::split(&mut tokens, wrapped);
    Doc {
        text,
        sentences,
        tokens,
        sentence_tokens,
        wrapped,
    }
}

fn lex(text: &str) -> Vec<Token<'_>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let byte = |i: usize| if i < n { chars[i].0 } else { text.len() };
    let ch = |i: usize| if i < n { chars[i].1 } else { ' ' };
    let mut out = Vec::with_capacity(n / 5 + 1);
    let (mut i, mut nl, mut indented, mut space) = (0usize, 0u8, false, false);
    while i < n {
        let c = chars[i].1;
        if c.is_whitespace() {
            if c == '\n' {
                nl = nl.saturating_add(1);
                indented = false;
            } else if nl > 0 {
                indented = true;
            }
            space = true;
            i += 1;
            continue;
        }
        let start = i;
        if c.is_alphanumeric() {
            i += 1;
            while i < n {
                let c = ch(i);
                if c.is_alphanumeric() {
                    i += 1;
                } else if matches!(c, '\'' | '\u{2019}') && ch(i + 1).is_alphanumeric() {
                    // possessive `'s` is its own token; `O'Brien`, `don't` stay whole
                    if matches!(ch(i + 1), 's' | 'S') && !ch(i + 2).is_alphanumeric() {
                        break;
                    }
                    i += 1;
                } else if matches!(c, '-' | '.' | '&') && ch(i + 1).is_alphanumeric() {
                    i += 1;
                } else {
                    break;
                }
            }
            if ch(i) == '.' && keeps_period(&text[byte(start)..byte(i)]) {
                i += 1;
            }
        } else if matches!(c, '\'' | '\u{2019}')
            && matches!(ch(i + 1), 's' | 'S')
            && !ch(i + 2).is_alphanumeric()
            && out.last().is_some_and(|t: &Token| {
                // `Kent's`, and `Kent 's` of text tokenized before (Penn Treebank style)
                t.end == i
                    || t.end + 1 == i && ch(t.end) == ' ' && t.text.ends_with(char::is_alphanumeric)
            })
        {
            i += 2;
        } else {
            i += 1;
        }
        let s = &text[byte(start)..byte(i)];
        out.push(Token {
            start,
            end: i,
            bstart: byte(start),
            bend: byte(i),
            text: s,
            lower: s.to_lowercase(),
            sentence: 0,
            nl_before: nl,
            indented: indented && nl > 0,
            space_before: space,
        });
        (nl, indented, space) = (0, false, false);
    }
    out
}

/// A word followed by `.` keeps it when it is an initial (`W.`), dotted (`U.S.`) or a known
/// abbreviation (`Feb.`, `Mr.`, `Inc.`).
fn keeps_period(w: &str) -> bool {
    let mut cs = w.chars();
    let single = cs.next().is_some_and(char::is_alphabetic) && cs.next().is_none();
    if single || (w.contains('.') && !w.chars().next().is_some_and(|c| c.is_ascii_digit())) {
        return true;
    }
    w.len() <= 6 && is_abbreviation(&w.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(d: &Doc) -> Vec<String> {
        d.tokens.iter().map(|t| t.text.to_string()).collect()
    }

    #[test]
    fn words_abbreviations_and_possessives() {
        let d = tokenize(
            "Rep. Kang Seok-ho of the U.S. said Daily NK's report (on Feb. 21) was O'Brien's.",
        );
        assert_eq!(
            texts(&d),
            [
                "Rep.", "Kang", "Seok-ho", "of", "the", "U.S.", "said", "Daily", "NK", "'s",
                "report", "(", "on", "Feb.", "21", ")", "was", "O'Brien", "'s", "."
            ]
        );
    }

    #[test]
    fn a_possessive_tokenized_apart_is_one_token() {
        let d = tokenize("Derbyshire 's captain said ' so ' twice .");
        assert_eq!(
            texts(&d),
            [
                "Derbyshire",
                "'s",
                "captain",
                "said",
                "'",
                "so",
                "'",
                "twice",
                "."
            ]
        );
    }

    #[test]
    fn offsets_are_code_points() {
        let d = tokenize("Détente in Séoul.");
        let t = &d.tokens[2];
        assert_eq!((t.text, t.start, t.end), ("Séoul", 11, 16));
        assert_eq!(&d.text[t.bstart..t.bend], "Séoul");
    }

    #[test]
    fn numbers_keep_inner_points_but_not_final_period() {
        let d = tokenize("It rose 5.93 pct to 1996-08-22.");
        assert_eq!(
            texts(&d),
            ["It", "rose", "5.93", "pct", "to", "1996-08-22", "."]
        );
    }

    #[test]
    fn token_span_maps_offsets_to_tokens() {
        let d = tokenize("North Korea said so.");
        assert_eq!(
            d.span_tokens(0, 11),
            Some(MentionTokens { first: 0, last: 1 })
        );
        assert_eq!(
            d.span_tokens(6, 11),
            Some(MentionTokens { first: 1, last: 1 })
        );
        assert_eq!(d.span_tokens(20, 20), None);
    }
}
