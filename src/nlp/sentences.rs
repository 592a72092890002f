//! Sentence boundaries over tokens: terminal punctuation, abbreviations, lines and paragraphs.
//!
//! A blank line always ends a sentence, and so does the first line (the title). A single
//! newline ends one too, except in hard-wrapped text (Reuters), where only an indented new
//! line does. `.` `!` `?` end a sentence unless the next word starts in lowercase; a period
//! kept in an abbreviation (`U.S.`, `Inc.`) ends one only before a typical sentence opener
//! (`The`, `He`, `But` ...), and never after a title (`Mr.`) or an initial (`W.`).

use super::doc::{Token, TITLE_ABBREVIATIONS};
use crate::model::SentenceSpan;
use std::ops::Range;

/// Words that open sentences and do not continue a name (compared lowercased).
pub(crate) const OPENERS: [&str; 48] = [
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "but",
    "and",
    "or",
    "in",
    "on",
    "at",
    "for",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "its",
    "their",
    "there",
    "if",
    "when",
    "while",
    "as",
    "after",
    "before",
    "since",
    "however",
    "also",
    "one",
    "some",
    "many",
    "most",
    "other",
    "such",
    "no",
    "not",
    "last",
    "earlier",
    "meanwhile",
    "under",
    "what",
];

/// Text wrapped at a fixed width: many lines of 40-80 characters and none longer than 100.
pub fn is_hard_wrapped(text: &str) -> bool {
    let (mut lines, mut mid, mut long, mut closed) = (0usize, 0usize, 0usize, 0usize);
    for line in text.split('\n') {
        let line = line.trim_end();
        let n = line.chars().count();
        if n == 0 {
            continue;
        }
        lines += 1;
        closed += line.ends_with(['.', '!', '?', '"']) as usize;
        if n > 100 {
            long += 1;
        } else if n >= 40 {
            mid += 1;
        }
    }
    // wrapped lines mostly stop mid-sentence; one sentence per line mostly closes them
    lines >= 4 && long == 0 && mid * 5 >= lines * 3 && closed * 2 < lines
}

fn is_closer(t: &Token) -> bool {
    !t.space_before && matches!(t.text, "\"" | "'" | "\u{201d}" | "\u{2019}" | ")" | "]")
}

/// Whether a sentence ends at terminal token `i`, judged by the word after it.
fn ends_before(t: &Token, next: &Token) -> bool {
    let first_char = next.text.chars().next().unwrap_or(' ');
    match t.text {
        "." | "!" | "?" | "..." | "\u{2026}" => !first_char.is_lowercase(),
        _ if t.text.len() > 1 && t.text.ends_with('.') && t.is_word() => {
            let stem = t.lower.trim_end_matches('.');
            let initial = stem.chars().count() == 1;
            !initial
                && !TITLE_ABBREVIATIONS.contains(&stem)
                && next.is_cap()
                && OPENERS.contains(&next.lower.as_str())
        }
        _ => false,
    }
}

/// Assign sentence indexes to `tokens` and return the spans and token ranges.
pub fn split(tokens: &mut [Token], wrapped: bool) -> (Vec<SentenceSpan>, Vec<Range<usize>>) {
    let n = tokens.len();
    let mut cut = vec![false; n];
    let mut seen_newline = false;
    for i in 0..n {
        let Some(next) = tokens.get(i + 1) else {
            cut[i] = true;
            break;
        };
        if next.nl_before >= 2
            || (next.nl_before == 1 && (!wrapped || next.indented || !seen_newline))
        {
            cut[i] = true;
        }
        seen_newline |= next.nl_before > 0;
        // closing quotes and brackets stay with the sentence they close
        let mut j = i + 1;
        while j < n && is_closer(&tokens[j]) && tokens[j].nl_before == 0 {
            j += 1;
        }
        if j < n && ends_before(&tokens[i], &tokens[j]) {
            cut[j - 1] = true;
        }
    }
    let mut spans = Vec::new();
    let mut ranges = Vec::new();
    let mut start = 0;
    for i in 0..n {
        if cut[i] {
            let idx = spans.len();
            tokens[start..=i].iter_mut().for_each(|t| t.sentence = idx);
            spans.push(SentenceSpan {
                start: tokens[start].start,
                end: tokens[i].end,
            });
            ranges.push(start..i + 1);
            start = i + 1;
        }
    }
    (spans, ranges)
}

#[cfg(test)]
mod tests {
    use crate::nlp::doc::tokenize;

    fn sents(text: &str) -> Vec<String> {
        let d = tokenize(text);
        let cps: Vec<char> = text.chars().collect();
        d.sentences
            .iter()
            .map(|s| cps[s.start..s.end].iter().collect())
            .collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            sents("Rep. Kang met Mr. Straw on Feb. 21 in the U.S. Treasury. George W. Bush won."),
            [
                "Rep. Kang met Mr. Straw on Feb. 21 in the U.S. Treasury.",
                "George W. Bush won."
            ]
        );
    }

    #[test]
    fn abbreviation_before_an_opener_ends_a_sentence() {
        assert_eq!(
            sents("He sued Acme Inc. The case is open."),
            ["He sued Acme Inc.", "The case is open."]
        );
    }

    #[test]
    fn quotes_close_with_their_sentence() {
        assert_eq!(
            sents("\"We will act.\" He said so. \"Why?\" she asked."),
            ["\"We will act.\"", "He said so.", "\"Why?\" she asked."]
        );
    }

    #[test]
    fn lines_and_paragraphs() {
        let wrapped = "JAPAN WARNS U.S.\n\nA minister said he had given the Japanese government\n\
                       a warning about sanctions against firms that were\n\
                       not allowed more access to its markets this year.\n    Howard said\n\
                       that under the Financial Services Act the government had\n\
                       considerable flexibility in taking sanctions against\n\
                       Japanese companies and it would act.";
        assert_eq!(
            sents(wrapped),
            [
                "JAPAN WARNS U.S.",
                "A minister said he had given the Japanese government\na warning about sanctions against firms that were\nnot allowed more access to its markets this year.",
                "Howard said\nthat under the Financial Services Act the government had\nconsiderable flexibility in taking sanctions against\nJapanese companies and it would act."
            ]
        );
        assert_eq!(
            sents("By Jane Roe\nNorth Korea said"),
            ["By Jane Roe", "North Korea said"]
        );
    }

    #[test]
    fn lowercase_after_period_continues() {
        assert_eq!(
            sents("It fell 3 pct. to 5 dlrs."),
            ["It fell 3 pct. to 5 dlrs."]
        );
    }
}
