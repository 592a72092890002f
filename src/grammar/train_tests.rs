//! Tests of training: a small treebank learned and parsed, byte-stable.

use super::*;
use crate::grammar::conllu::{read, Sentence};

/// Sentences of two shapes from small word lists: `The minister criticised the plan .`
/// and `China bans imports from Korea .`, numbered `k` so each is a new combination.
fn sentence(k: usize) -> String {
    const SUBJ: [&str; 4] = ["minister", "envoy", "agency", "court"];
    const VERB: [&str; 4] = ["criticised", "approved", "rejected", "praised"];
    const OBJ: [&str; 4] = ["plan", "deal", "report", "ban"];
    const NAME: [&str; 5] = ["China", "Japan", "Iran", "Chile", "Peru"];
    const GOODS: [&str; 3] = ["imports", "coal", "ore"];
    let row = |i: usize, w: &str, t: &str, h: usize, l: &str| {
        format!("{i}\t{w}\t_\t{t}\t_\t_\t{h}\t{l}\t_\t_\n")
    };
    if k % 2 == 0 {
        let (s, v, o) = (SUBJ[k % 4], VERB[(k / 4) % 4], OBJ[(k / 16) % 4]);
        [
            row(1, "The", "DET", 2, "det"),
            row(2, s, "NOUN", 3, "nsubj"),
            row(3, v, "VERB", 0, "root"),
            row(4, "the", "DET", 5, "det"),
            row(5, o, "NOUN", 3, "obj"),
            row(6, ".", "PUNCT", 3, "punct"),
        ]
        .concat()
    } else {
        let (a, g, b) = (NAME[k % 5], GOODS[(k / 5) % 3], NAME[(k / 3 + 1) % 5]);
        [
            row(1, a, "PROPN", 2, "nsubj"),
            row(2, "bans", "VERB", 0, "root"),
            row(3, g, "NOUN", 2, "obj"),
            row(4, "from", "ADP", 5, "case"),
            row(5, b, "PROPN", 2, "obl"),
            row(6, ".", "PUNCT", 2, "punct"),
        ]
        .concat()
    }
}

fn treebank(ks: impl Iterator<Item = usize>) -> Vec<Sentence> {
    let text: String = ks.map(|k| sentence(k) + "\n").collect();
    read(&text).unwrap()
}

#[test]
fn learns_a_small_treebank_and_parses_unseen_combinations() {
    let train_set = treebank((0..120).filter(|k| k % 7 != 0));
    let test_set = treebank((0..120).filter(|k| k % 7 == 0));
    // plain and fine tags (every UPOS/XPOS pair seen once: `NOUN/_`, ...)
    for fine in [0, 1] {
        let o = Options {
            tagger_epochs: 5,
            parser_epochs: 5,
            folds: 2,
            prune: 0,
            fine,
            ..Options::default()
        };
        let g = train(&train_set, &o);
        let (mut n, mut tags, mut las) = (0, 0, 0);
        for s in &test_set {
            let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            let p = g.parse(&words);
            for (i, w) in s.words.iter().enumerate() {
                n += 1;
                tags += (Some(p.upos[i]) == w.upos) as usize;
                las += (p.head[i] == w.head && g.label(p.deprel[i]) == w.deprel) as usize;
            }
        }
        assert_eq!(tags, n, "every tag of an unseen combination");
        assert_eq!(las, n, "every head and relation of an unseen combination");
        // the same data and seed give the same bytes
        assert_eq!(g.to_bytes(), train(&train_set, &o).to_bytes());
        let back = crate::grammar::Grammar::from_bytes(&g.to_bytes()).unwrap();
        assert_eq!(back.to_bytes(), g.to_bytes());
        assert_eq!(g.tagger.tags.is_fine(), fine > 0);
        assert_eq!(back.tagger.tags, g.tagger.tags);
    }
}
