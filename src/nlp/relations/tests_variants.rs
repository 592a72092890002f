//! The trees other parser models draw for the same sentences (seeds and taggers of session
//! 12's retraining, written out here so that they are tested whatever the built-in model
//! parses): each must still give the sentence's edge.

use super::tests::shown;
use super::testutil::{refs, view_of};
use super::tree::Tree;
use super::{context, deps, patterns, to_relations, Lexicon};
use crate::grammar::Upos;

/// The edges the dependency patterns draw in a marked sentence parsed as `conll`: one
/// `HEAD REL UPOS` a token, `;`-separated, heads counted from 1 (0: the root).
fn drawn(marked: &str, conll: &str) -> Vec<String> {
    let (v, ents) = view_of(marked);
    let rows: Vec<Vec<&str>> = conll
        .split(';')
        .map(|r| r.split_whitespace().collect())
        .collect();
    let words: Vec<&str> = (0..v.len()).map(|k| v.w(k)).collect();
    assert_eq!(rows.len(), v.len(), "one row a token: {words:?}");
    let head = rows
        .iter()
        .map(|r| r[0].parse::<usize>().unwrap().checked_sub(1))
        .collect();
    let rel = rows
        .iter()
        .map(|r| &*Box::leak(r[1].to_string().into_boxed_str()))
        .collect();
    let upos = rows.iter().map(|r| Upos::parse(r[2]).unwrap()).collect();
    let mut t = Tree::from_parts(head, rel, upos);
    t.repair(&words);
    assert!(v.set_tree(t));
    let lex = Lexicon::builtin();
    let entities = refs(&ents);
    let cx = context(&lex, &v, &entities, None);
    let mut cands = Vec::new();
    for h in &cx.hits {
        deps::cands(&cx, v.tree().unwrap(), patterns::builtin(), h, &mut cands);
    }
    let mut rels = Vec::new();
    to_relations(&lex, &v, 0, cands, &mut rels);
    rels.iter().map(|r| shown(&entities, r)).collect()
}

fn check(marked: &str, conll: &str, want: &str) {
    let g = drawn(marked, conll);
    assert!(g.iter().any(|e| e == want), "want {want}: {g:?}");
}

#[test]
fn a_demonym_acts_as_amod_or_compound_and_an_adjective_argument_as_a_noun() {
    check(
        "Protests spread in the [Serbian|country|Serbia] capital [Belgrade|location] on Friday.",
        "0 root NOUN; 1 acl VERB; 6 case ADP; 6 det DET; 6 amod ADJ; 2 obl NOUN; \
         6 appos PROPN; 9 case ADP; 2 obl PROPN; 1 punct PUNCT",
        "Belgrade>part_of>Serbia",
    );
    check(
        "[Ann Marsh|person] won the [Democratic|organization|Democratic Party] primary on Tuesday.",
        "3 nsubj PROPN; 1 flat PROPN; 0 root VERB; 6 det DET; 6 amod ADJ; 3 obj ADJ; \
         8 case ADP; 3 obl PROPN; 3 punct PUNCT",
        "Ann Marsh>member_of>Democratic Party",
    );
}

#[test]
fn the_object_the_urge_frame_labels_iobj_still_acts() {
    check(
        "They urged [Freedonia|country] to punish [Sylvania|country] on Monday.",
        "2 nsubj PRON; 0 root VERB; 2 iobj PROPN; 5 mark PART; 2 xcomp VERB; 5 obj PROPN; \
         8 case ADP; 5 obl PROPN; 2 punct PUNCT",
        "Freedonia>sanctions>Sylvania",
    );
}

#[test]
fn a_preposition_between_trigger_and_name_holds_however_attached() {
    // `with` the advmod of `talks`, heading the name
    check(
        "[Blair|person] held talks with [Ariel Sharon|person] on Monday.",
        "2 nsubj PROPN; 0 root VERB; 2 obj NOUN; 3 advmod ADP; 4 obl PROPN; 5 flat PROPN; \
         8 case ADP; 5 nmod PROPN; 2 punct PUNCT",
        "Blair>meets>Ariel Sharon",
    );
    let between = "2 nsubj PROPN; 0 root VERB; 4 det DET; 2 obj NOUN; 4 advmod ADP; \
         5 obl:unmarked PROPN; 6 flat PROPN; 9 cc CCONJ; 6 conj PROPN; 9 flat PROPN; 2 punct PUNCT";
    let s = "[Blair|person] attended a meeting between [Ariel Sharon|person] and [Mahmoud Abbas|person].";
    check(s, between, "Blair>meets>Ariel Sharon");
    check(s, between, "Blair>meets>Mahmoud Abbas");
    // `of` read as the mark of a clause whose subject the name is
    check(
        "[Freedonia Air|organization], a regional subsidiary of [Acme Holdings|organization], cut jobs.",
        "0 root PROPN; 1 flat PROPN; 6 punct PUNCT; 6 det DET; 6 amod ADJ; 1 appos NOUN; \
         11 mark ADP; 11 nsubj PROPN; 8 flat PROPN; 8 punct PUNCT; 6 nmod VERB; 11 obj NOUN; \
         1 punct PUNCT",
        "Freedonia Air>part_of>Acme Holdings",
    );
    // `from X` hung on the verb, right after the withdrawal's phrase
    check(
        "They discussed the withdrawal of the [Freedonian|country|Freedonia] army from [Sylvania|country] on Monday.",
        "2 nsubj PRON; 0 root VERB; 4 det DET; 2 obj NOUN; 8 case ADP; 8 det DET; \
         8 compound ADJ; 4 nmod NOUN; 10 case ADP; 2 obl PROPN; 12 case ADP; 10 nmod PROPN; \
         2 punct PUNCT",
        "Freedonia>withdraws_from>Sylvania",
    );
}

#[test]
fn a_clause_without_its_own_subject_acts_by_the_one_it_hangs_on() {
    // a participle's adverbial clause, active and passive
    check(
        "[Ann Marsh|person], speaking at a news conference with [Bo Lind|person], smiled.",
        "13 nsubj PROPN; 1 flat PROPN; 4 punct PUNCT; 13 advcl VERB; 8 case ADP; 8 det DET; \
         8 compound NOUN; 4 obl NOUN; 11 case ADP; 11 compound PROPN; 8 nmod PROPN; \
         4 punct PUNCT; 0 root VERB; 13 punct PUNCT",
        "Ann Marsh>meets>Bo Lind",
    );
    for rel in ["advcl", "reparandum"] {
        check(
            "[Nordbank|organization], based in [Oslo|location], posted a loss on Friday.",
            &format!(
                "7 nsubj PROPN; 3 punct PUNCT; 7 {rel} VERB; 5 case ADP; 3 obl PROPN; \
                 3 punct PUNCT; 0 root VERB; 9 det DET; 7 obj NOUN; 11 case ADP; 7 obl PROPN; \
                 7 punct PUNCT"
            ),
            "Nordbank>located_in>Oslo",
        );
    }
    // a perfect verb's subject labelled passive
    check(
        "[Freedonia|country] has agreed to help [Sylvania|country].",
        "3 nsubj:pass PROPN; 3 aux AUX; 0 root VERB; 5 mark PART; 3 xcomp VERB; 5 obj PROPN; \
         3 punct PUNCT",
        "Freedonia>aids>Sylvania",
    );
    // a participle with an object hung on the noun is active
    check(
        "[Freedonian|country|Freedonia] guerrillas wounded two [Sylvanian|country|Sylvania] soldiers, police said.",
        "2 amod ADJ; 9 nsubj NOUN; 2 acl VERB; 6 nummod NUM; 6 amod ADJ; 3 obj NOUN; \
         2 punct PUNCT; 9 nsubj NOUN; 0 root VERB; 9 punct PUNCT",
        "Freedonia>attacks>Sylvania",
    );
    // a name as the root, the verb its parataxis
    check(
        "[Kang Seok-ho|person] visited [Beijing|country|China].",
        "0 root PROPN; 1 flat PROPN; 1 parataxis VERB; 3 obj PROPN; 1 punct PUNCT",
        "Kang Seok-ho>meets>China",
    );
    // a passive verb's `to` complement labelled adverbial
    check(
        "[Ann Marsh|person] was reported to have met [Bo Lind|person] in June.",
        "4 nsubj:pass PROPN; 1 flat PROPN; 4 aux:pass AUX; 0 root VERB; 7 mark PART; \
         7 aux AUX; 4 advcl VERB; 7 obj PROPN; 8 flat PROPN; 11 case ADP; 7 obl PROPN; \
         4 punct PUNCT",
        "Ann Marsh>meets>Bo Lind",
    );
}

#[test]
fn an_agent_or_a_content_clause_hung_on_a_nearby_word_still_counts() {
    // `by X` hung on the passive verb's oblique before it
    check(
        "[Sylvania|country]'s plan was welcomed at the time by [Freedonia|country].",
        "3 nmod:poss PROPN; 1 case PART; 5 nsubj:pass NOUN; 5 aux:pass AUX; 0 root VERB; \
         8 case ADP; 8 det DET; 5 obl NOUN; 10 case ADP; 8 nmod PROPN; 5 punct PUNCT",
        "Freedonia>praises>Sylvania",
    );
    // the content clause of `concern` hung on the light verb (D25b)
    check(
        "[Sylvania|country] expressed concern that [Freedonian|country|Freedonia] troops had crossed the border.",
        "2 nsubj PROPN; 0 root VERB; 2 obj NOUN; 8 mark SCONJ; 6 amod ADJ; 8 nsubj NOUN; \
         8 aux AUX; 2 ccomp VERB; 10 det DET; 8 obj NOUN; 2 punct PUNCT",
        "Sylvania>criticizes>Freedonia",
    );
}
