//! The parse reading CAMEO's verbs (session 10): names behind chains of group nouns and
//! counts, the subject through a passive complement and the parser's passive slip, a place
//! as the target only when nothing else is, and no meeting with a venue or an origin.

use super::tests::dep_edges;
use super::Lexicon;

fn got(s: &str) -> Vec<String> {
    dep_edges(&Lexicon::builtin(), s)
        .into_iter()
        .map(|(e, _)| e)
        .collect()
}

#[test]
fn group_nouns_pass_on_their_modifiers_and_counts_their_members() {
    let g =
        got("[Kurdish|country|Kurdistan] rebel fighters attacked [Turkish|country|Turkey] troops.");
    assert!(g.contains(&"Kurdistan>attacks>Turkey".to_string()), "{g:?}");
    let g = got(
        "Rebels in [Chad|country] have attacked hundreds of [Sudanese|country|Sudan] refugees.",
    );
    assert!(g.contains(&"Chad>attacks>Sudan".to_string()), "{g:?}");
    let g =
        got("Soldiers in [Mali|country] have killed scores of [Nigerien|country|Niger] civilians.");
    assert!(g.contains(&"Mali>attacks>Niger".to_string()), "{g:?}");
}

#[test]
fn a_complement_acts_by_the_passive_subject_or_the_object() {
    let g = got("[Japan|country] was said to have sanctioned [China|country].");
    assert!(g.contains(&"Japan>sanctions>China".to_string()), "{g:?}");
    let g = got("The [UN|organization|United Nations] urged [Peru|country] to release [Chilean|country|Chile] fishermen.");
    assert!(
        g.contains(&"Peru>concedes>Chile".to_string()),
        "an object controls the complement: {g:?}"
    );
}

#[test]
fn a_place_is_the_target_only_when_nothing_else_is() {
    let g = got("[Greek|country|Greece] farmers protested in [Brussels|location] on Monday.");
    assert!(g.contains(&"Greece>protests>Brussels".to_string()), "{g:?}");
    let g = got("[Greek|country|Greece] farmers protested against the [EU|organization|European Union] in [Brussels|location] on Monday.");
    assert!(
        g.contains(&"Greece>protests>European Union".to_string()),
        "{g:?}"
    );
    assert!(
        !g.contains(&"Greece>protests>Brussels".to_string()),
        "{g:?}"
    );
    let g = got("[Blair|person] met [Sharon|person] in [Jerusalem|location] on Monday.");
    assert!(
        !g.iter().any(|e| e.ends_with(">Jerusalem")),
        "a venue: {g:?}"
    );
}

#[test]
fn a_meeting_is_with_its_participants_not_their_origin() {
    let g = got(
        "[Blair|person] attended the ceremony with executives from [Israeli|country|Israel] firms.",
    );
    assert!(!g.contains(&"Blair>meets>Israel".to_string()), "{g:?}");
    let g = got("[Britain|country|United Kingdom] withdrew from [Iraq|country] in 2009.");
    assert!(
        g.contains(&"United Kingdom>withdraws_from>Iraq".to_string()),
        "{g:?}"
    );
}

#[test]
fn a_body_is_where_a_structure_verb_places_it_but_no_other_verb() {
    let g = got("The [Acme Group|organization] is based in [Osaka|location].");
    assert!(
        g.contains(&"Acme Group>located_in>Osaka".to_string()),
        "{g:?}"
    );
    let g = got("The [Acme Group|organization] was criticized in [Osaka|location].");
    assert!(!g.iter().any(|e| e.contains("located_in")), "{g:?}");
}

#[test]
fn what_one_leads_is_named_not_stood_for() {
    let g = got("[Ann Marsh|person], who chairs [Freedonia|country]'s budget committee, spoke.");
    assert!(
        !g.contains(&"Ann Marsh>leads>Freedonia".to_string()),
        "{g:?}"
    );
}

#[test]
fn a_part_is_named_by_its_role_noun_and_a_race_only_by_a_race() {
    let g =
        got("[Acme Holdings|organization] sold its [Freedonian|country|Freedonia] unit last year.");
    assert!(!g.iter().any(|e| e.contains("part_of")), "{g:?}");
    let g = got("[Freedonia Air|organization] is a subsidiary of [Acme Holdings|organization].");
    assert!(
        g.contains(&"Freedonia Air>part_of>Acme Holdings".to_string()),
        "{g:?}"
    );
}

/// The edges of marked sentences read in order, as `Source>type>Target@sentence`, by the whole
/// relation stage (windows first, then the parse).
fn read(sentences: &[&str]) -> Vec<String> {
    use super::article::find_views;
    use super::testutil::{refs, view_of};
    let (mut views, mut ents) = (Vec::new(), Vec::new());
    for (i, s) in sentences.iter().enumerate() {
        let (mut v, e) = view_of(s);
        for sp in &mut v.spans {
            sp.entity += ents.len();
        }
        ents.extend(e);
        views.push((i, v));
    }
    let entities = refs(&ents);
    let rels = find_views(&Lexicon::builtin(), &entities, views);
    rels.iter()
        .map(|r| format!("{}@{}", super::tests::shown(&entities, r), r.sentence))
        .collect()
}

#[test]
fn a_verb_after_and_shares_the_subject_of_the_verb_before() {
    // The window took the first verb's object for the second verb's subject.
    let g = read(&["[Iran|country] attacked [Iraq|country] and threatened [Syria|country]."]);
    assert!(g.contains(&"Iran>threatens>Syria@0".to_string()), "{g:?}");
    assert!(!g.contains(&"Iraq>threatens>Syria@0".to_string()), "{g:?}");
    // What is rejected by whose it is.
    let g = read(&["[Acme Corp|organization] received and rejected an unsolicited merger offer from [Zenith Ltd|organization]."]);
    assert!(
        g.contains(&"Acme Corp>rejects>Zenith Ltd@0".to_string()),
        "{g:?}"
    );
}

#[test]
fn a_sentence_opening_on_he_keeps_the_person_a_later_he_means() {
    let got = read(&[
        "[Ginger Baker|person] was born in 1939.",
        "Here he collaborated with [Fela Kuti|person] and worked with [Paul McCartney|person].",
        "Later, he recorded with [John Lydon|person].",
        // a `he` in a clause opened by a subordinator is not the sentence's subject
        "Asked whether he would stay, [Mick Jagger|person] smiled.",
        "He praised [John Lydon|person].",
    ]);
    for want in [
        "Ginger Baker>cooperates_with>Paul McCartney@1",
        "Ginger Baker>cooperates_with>John Lydon@2",
        "Mick Jagger>praises>John Lydon@4",
    ] {
        assert!(got.contains(&want.to_string()), "{want} in {got:?}");
    }
    assert!(!got.iter().any(|e| e.starts_with("Fela Kuti>")), "{got:?}");
}

#[test]
fn a_he_skips_a_person_an_honorific_made_a_woman() {
    let got = read(&[
        "[Robert Kilroy-Silk|person] spoke in [London|location] on Monday.",
        "Ms [Elizabeth Blackman|person] said she was proud of the government.",
        "On Thursday, he told a news conference that [Veritas|organization] would avoid spin.",
    ]);
    assert!(
        got.contains(&"Robert Kilroy-Silk>claims>Veritas@2".to_string()),
        "{got:?}"
    );
    assert!(
        !got.iter().any(|e| e.starts_with("Elizabeth Blackman>")),
        "{got:?}"
    );
}
