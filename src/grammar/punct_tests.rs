//! Tests of punctuation attachment: hand-made trees, and the gold dev trees of EWT and GUM
//! (which the rule should leave almost untouched, since it normalised them).

use super::*;
use crate::grammar::conllu;

const PUNCT: u16 = 1;
const ROOT: u16 = 2;
const OTHER: u16 = 3;

/// Runs the fix on words `form/UPOS` with the given heads; returns the new heads and labels.
fn run(words: &str, heads: &[usize]) -> (Vec<usize>, Vec<u16>) {
    let (forms, upos): (Vec<&str>, Vec<Upos>) = words
        .split(' ')
        .map(|w| {
            let (f, u) = w.rsplit_once('/').unwrap();
            (f, Upos::parse(u).unwrap())
        })
        .unzip();
    let mut head = heads.to_vec();
    let mut rel: Vec<u16> = head
        .iter()
        .map(|&h| if h == 0 { ROOT } else { OTHER })
        .collect();
    fix(&forms, &upos, &mut head, &mut rel, (PUNCT, ROOT));
    (head, rel)
}

#[test]
fn final_mark_goes_to_the_root_word_and_comma_to_its_clause() {
    // "He came , and she left ." with both marks hung on `and` (the comma is on the
    // path from `and` up to `left`, which it climbs to the top of).
    let words = "He/PRON came/VERB ,/PUNCT and/CCONJ she/PRON left/VERB ./PUNCT";
    let (head, rel) = run(words, &[2, 0, 4, 6, 6, 2, 4]);
    assert_eq!(head, vec![2, 0, 6, 6, 6, 2, 2]);
    assert_eq!(rel[2], PUNCT);
    assert_eq!(rel[6], PUNCT);
    assert_eq!(rel[1], ROOT);
}

#[test]
fn brackets_go_to_the_head_of_what_they_enclose() {
    // "the agency ( IAEA ) said" with the brackets on the verb and on each other.
    let words = "the/DET agency/NOUN (/PUNCT IAEA/PROPN )/PUNCT said/VERB";
    let (head, _) = run(words, &[2, 6, 6, 2, 3, 0]);
    assert_eq!(head, vec![2, 6, 4, 2, 4, 0]);
}

#[test]
fn children_of_a_mark_move_up_and_one_word_stays_root() {
    // The parser made the final mark the root: its children rise to the root, the word
    // labelled root (none here) or the first of them keeps it, and the mark attaches.
    let words = "Prices/NOUN rose/VERB ./PUNCT";
    let (head, rel) = run(words, &[2, 3, 0]);
    assert_eq!(head, vec![2, 0, 2]);
    assert_eq!(rel[1], ROOT);
    assert_eq!(rel[2], PUNCT);
}

#[test]
fn an_abbreviation_dot_and_a_lone_mark_stay() {
    let (head, rel) = run("Mr/PROPN ./PUNCT Smith/PROPN", &[3, 1, 0]);
    assert_eq!(head, vec![3, 1, 0]);
    assert_eq!(rel[1], OTHER);
    let (head, rel) = run("!/PUNCT", &[0]);
    assert_eq!((head, rel), (vec![0], vec![ROOT]));
}

#[test]
fn a_long_run_on_sentence_is_repaired_up_to_the_cap_and_left_past_it() {
    // `a , a , a , ...` as a chain (each word under the next), every comma on the word after.
    for n in [MAX_WORDS - 1, MAX_WORDS + 1] {
        let words: Vec<&str> = (0..n)
            .map(|i| if i % 2 == 0 { "a/NOUN" } else { ",/PUNCT" })
            .collect();
        let heads: Vec<usize> = (1..=n).map(|i| if i == n { 0 } else { i + 1 }).collect();
        let (head, _) = run(&words.join(" "), &heads);
        assert_eq!(head == heads, n > MAX_WORDS, "{n} words");
    }
}

/// How many gold punctuation heads the fix reproduces, of how many, and how many other
/// heads it changes, over a treebank file if it is present.
fn gold_agreement(path: &str) -> Option<(usize, usize, usize)> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    let text = std::fs::read_to_string(&path).ok()?;
    let (mut same, mut marks, mut moved) = (0, 0, 0);
    for s in conllu::read(&text)
        .unwrap()
        .iter()
        .filter(|s| conllu::is_tree(s))
    {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let upos: Vec<Upos> = s.words.iter().map(|w| w.upos.unwrap()).collect();
        let gold: Vec<usize> = s.words.iter().map(|w| w.head).collect();
        let mut head = gold.clone();
        let mut rel: Vec<u16> = gold
            .iter()
            .map(|&h| if h == 0 { ROOT } else { OTHER })
            .collect();
        fix(&forms, &upos, &mut head, &mut rel, (PUNCT, ROOT));
        for i in 0..gold.len() {
            if upos[i] == Upos::Punct {
                marks += 1;
                same += (head[i] == gold[i]) as usize;
            } else {
                moved += (head[i] != gold[i]) as usize;
            }
        }
    }
    Some((same, marks, moved))
}

#[test]
fn gold_dev_trees_already_follow_the_rule() {
    for path in [
        "../shared/treebanks/ud-english-ewt/en_ewt-ud-dev.conllu",
        "../shared/treebanks/gum/gum-dev.conllu",
    ] {
        let Some((same, marks, moved)) = gold_agreement(path) else {
            eprintln!("skipped: {path} not present");
            continue;
        };
        eprintln!("{path}: {same} of {marks} punctuation heads kept, {moved} other heads moved");
        assert!(marks > 1000, "{path}: {marks} marks");
        assert!(
            same as f64 >= 0.99 * marks as f64,
            "{path}: {same} of {marks}"
        );
        assert!(moved * 100 < marks, "{path}: {moved} other heads moved");
    }
}
