//! Words the parser can read: each token of a sentence split the way Universal Dependencies
//! splits English (`don't` -> `do n't`, `I'm` -> `I 'm`, `Seok-ho` -> `Seok - ho`,
//! `cannot` -> `can not`), every word keeping its code-point offsets into the article text.

use crate::nlp::Doc;

/// A word of the parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'a> {
    pub text: &'a str,
    /// Code-point offsets into the article text, `[start, end)`.
    pub start: usize,
    pub end: usize,
    /// The [`Doc`] token it was cut from.
    pub token: usize,
}

/// Clitics split off the end of a word, with the letters they need before them.
const CLITICS: [&str; 7] = ["n't", "'s", "'m", "'re", "'ve", "'ll", "'d"];

/// Cuts one token's text into UD words, as byte ranges.
pub fn split(text: &str) -> Vec<(usize, usize)> {
    let mut parts = Vec::new();
    // hyphens split words (`Polish-Lithuanian`), not numbers (`1996-08-22`, `713-853-3989`)
    let hyphenated = text.contains('-')
        && text.chars().next().is_some_and(char::is_alphabetic)
        && text.len() > 2;
    if hyphenated {
        let mut from = 0;
        for (i, _) in text.match_indices('-') {
            if i > from {
                parts.push((from, i));
            }
            parts.push((i, i + 1));
            from = i + 1;
        }
        if from < text.len() {
            parts.push((from, text.len()));
        }
    } else {
        parts.push((0, text.len()));
    }
    let mut out = Vec::with_capacity(parts.len() + 1);
    for (a, b) in parts {
        out.extend(clitic(&text[a..b]).into_iter().map(|(x, y)| (a + x, a + y)));
    }
    out
}

/// `don't` -> `do` + `n't`; `cannot` -> `can` + `not`; other words stay whole.
fn clitic(w: &str) -> Vec<(usize, usize)> {
    let norm: String = w
        .chars()
        .map(|c| {
            if c == '\u{2019}' {
                '\''
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    if norm == "cannot" {
        return vec![(0, 3), (3, w.len())];
    }
    let n = w.chars().count();
    for c in CLITICS {
        if n > c.len() && norm.ends_with(c) {
            let cut = w
                .char_indices()
                .nth(n - c.len())
                .map_or(w.len(), |(i, _)| i);
            return vec![(0, cut), (cut, w.len())];
        }
    }
    vec![(0, w.len())]
}

/// The words of sentence `s` of `doc`.
pub fn words<'a>(doc: &Doc<'a>, s: usize) -> Vec<Word<'a>> {
    let mut out = Vec::new();
    for k in doc.sentence_tokens[s].clone() {
        let t = &doc.tokens[k];
        for (a, b) in split(t.text) {
            let start = t.start + t.text[..a].chars().count();
            let text = &t.text[a..b];
            out.push(Word {
                text,
                start,
                end: start + text.chars().count(),
                token: k,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlp::tokenize;

    fn texts(s: &str) -> Vec<String> {
        let d = tokenize(s);
        (0..d.sentences.len())
            .flat_map(|i| words(&d, i))
            .map(|w| w.text.to_string())
            .collect()
    }

    #[test]
    fn splits_clitics_possessives_and_hyphens() {
        assert_eq!(
            texts("I'm sure North Korea's envoy can't and won't go to a Polish-Lithuanian town."),
            [
                "I",
                "'m",
                "sure",
                "North",
                "Korea",
                "'s",
                "envoy",
                "ca",
                "n't",
                "and",
                "wo",
                "n't",
                "go",
                "to",
                "a",
                "Polish",
                "-",
                "Lithuanian",
                "town",
                "."
            ]
        );
        assert_eq!(texts("They cannot."), ["They", "can", "not", "."]);
        assert_eq!(texts("On 1996-08-22."), ["On", "1996-08-22", "."]);
        assert_eq!(texts("Don\u{2019}t."), ["Do", "n\u{2019}t", "."]);
    }

    #[test]
    fn words_keep_code_point_offsets() {
        let text = "Séoul-based envoys didn't.";
        let d = tokenize(text);
        let chars: Vec<char> = text.chars().collect();
        for w in words(&d, 0) {
            let got: String = chars[w.start..w.end].iter().collect();
            assert_eq!(got, w.text);
        }
    }
}

#[cfg(test)]
mod proptests {
    use super::*;
    use crate::grammar::Grammar;
    use crate::nlp::tokenize;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        /// Any text: words tile their tokens with valid offsets, and every sentence parses into
        /// one tree (heads in range, one root, no cycle), the same way twice.
        #[test]
        fn any_text_parses_into_trees(s in "(\\PC|[A-Z][a-z]+ |\\n| \\. |é|Ж|中|n't|'s|-|--|U\\.S\\.|\\(|\\)|can't){0,80}") {
            let g = Grammar::builtin();
            let n = s.chars().count();
            let d = tokenize(&s);
            for k in 0..d.sentences.len() {
                let words = words(&d, k);
                for w in &words {
                    prop_assert!(w.start < w.end && w.end <= n);
                }
                let forms: Vec<&str> = words.iter().map(|w| w.text).collect();
                let p = g.parse(&forms);
                prop_assert_eq!(&p, &g.parse(&forms));
                prop_assert_eq!(p.head.len(), forms.len());
                if !forms.is_empty() {
                    prop_assert_eq!(p.head.iter().filter(|&&h| h == 0).count(), 1);
                }
                for i in 0..forms.len() {
                    // walking up from any word reaches the root within n steps
                    let (mut at, mut steps) = (i + 1, 0);
                    while at != 0 && steps <= forms.len() {
                        prop_assert!(p.head[at - 1] <= forms.len());
                        at = p.head[at - 1];
                        steps += 1;
                    }
                    prop_assert_eq!(at, 0);
                }
            }
        }
    }
}
