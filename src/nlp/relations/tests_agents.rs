//! Who acts in an event: places only as subjects, symmetric events, venues that are no
//! party, possessors acting through what they own, ties a sanction cuts, aid received, a release
//! only of people.

use super::tests_more::{edges, has};

#[test]
fn a_place_acts_as_a_subject_but_not_where_something_happened() {
    let got = edges("A car bomb near the town of [Tikrit|location] killed three [Iraqi|country|Iraq] policemen.");
    assert!(got.iter().all(|e| !e.starts_with("Tikrit>")), "{got:?}");
    assert!(has(
        "[Beirut|location] rejected a [United Nations|organization] appeal on Monday.",
        "Beirut>rejects>United Nations"
    ));
}

#[test]
fn a_symmetric_event_joins_two_names_before_it() {
    let got = edges(
        "The [Malian|country|Mali] and [Nigerien|country|Niger] delegations have agreed to keep the border open.",
    );
    assert!(
        got.iter()
            .any(|e| e == "Mali>agrees_with>Niger" || e == "Niger>agrees_with>Mali"),
        "{got:?}"
    );
}

#[test]
fn according_to_a_source_by_its_author() {
    let got = edges("According to a [Facebook|organization] post by [Ann Marsh|person], the troops left [Freedonia|country] on Monday.");
    assert!(
        got.contains(&"Ann Marsh>claims>Freedonia".to_string()),
        "{got:?}"
    );
    assert!(got.iter().all(|e| !e.starts_with("Facebook>")), "{got:?}");
}

#[test]
fn an_event_noun_inside_a_name_is_no_trigger() {
    let got = edges("[Freedonia|country] fought in the [Gulf war|event|Gulf War] with [Sylvania|country] in 1991.");
    assert!(got.iter().all(|e| !e.starts_with("Gulf War>")), "{got:?}");
}

#[test]
fn a_venue_is_no_party_to_a_meeting() {
    let got = edges("The [Freedonia|country] delegation will meet at [Blackpool|location] in May.");
    assert!(
        got.iter().all(|e| !e.contains(">meets>Blackpool")),
        "{got:?}"
    );
    let got = edges("[Freedonia|country] attended a summit in [Blackpool|location] on Monday.");
    assert!(
        got.iter().all(|e| !e.contains(">meets>Blackpool")),
        "{got:?}"
    );
    assert!(has(
        "[Ann Marsh|person] flew to [Blackpool|location] on Monday.",
        "Ann Marsh>meets>Blackpool"
    ));
}

#[test]
fn a_party_label_before_a_name_leaves_the_person_as_the_object() {
    assert!(has(
        "[Ann Marsh|person] praised [Labour|organization|Labour Party] [Tom Reed|person] on Monday.",
        "Ann Marsh>praises>Tom Reed"
    ));
    let got = edges(
        "[Freedonia|country]'s refusal to sign the treaty with [Sylvania|country] angered many.",
    );
    assert!(
        got.iter().all(|e| e != "Freedonia>agrees_with>Sylvania"),
        "{got:?}"
    );
}

#[test]
fn a_country_in_an_oblique_is_not_the_agent_of_the_next_verb() {
    let got =
        edges("The coalition came to [Freedonia|country] to fight [Sylvania|country] last year.");
    assert!(
        got.iter().all(|e| !e.starts_with("Freedonia>attacks")),
        "{got:?}"
    );
}

#[test]
fn a_place_naming_an_event_is_not_spoken_of() {
    let s =
        "[Ann Marsh|person] said the [Blackpool|location] summit would help [Freedonia|country].";
    assert!(has(s, "Ann Marsh>claims>Freedonia"));
    assert!(!has(s, "Ann Marsh>claims>Blackpool"));
}

#[test]
fn a_possessor_acts_through_what_it_owns() {
    // Any named possessor, not only a country, stands behind its noun (`the EU's move`).
    assert!(has(
        "The [Acme Union|organization]'s plan was welcomed by [Freedonia|country] on Monday.",
        "Freedonia>praises>Acme Union"
    ));
    // A plural possessive written with a bare apostrophe is a possessive too.
    let got = edges(
        "The vote follows the [United States|country]' killing of [Ann Marsh|person] in a raid.",
    );
    assert!(
        got.contains(&"United States>attacks>Ann Marsh".to_string()),
        "{got:?}"
    );
}

#[test]
fn a_meeting_drawn_only_with_its_venue_is_left_to_the_parse() {
    let got = edges(
        "[Freedonia|country] and [Sylvania|country] held talks in [Port Arlen|location] on Monday.",
    );
    assert!(
        got.contains(&"Freedonia>meets>Sylvania".to_string()),
        "{got:?}"
    );
    assert!(!got.iter().any(|e| e.ends_with(">Port Arlen")), "{got:?}");
}

#[test]
fn a_tie_a_sanction_cuts_is_not_drawn() {
    for verb in ["severed", "cut"] {
        let got = edges(&format!(
            "[Freedonia|country] {verb} diplomatic ties with [Sylvania|country] today."
        ));
        assert!(
            got.contains(&"Freedonia>sanctions>Sylvania".to_string()),
            "{verb}: {got:?}"
        );
        assert!(
            !got.iter().any(|e| e.contains(">cooperates_with>")),
            "{verb}: {got:?}"
        );
    }
    // Restored ties are ties.
    let got = edges("[Freedonia|country] restored diplomatic ties with [Sylvania|country] today.");
    assert!(
        got.contains(&"Freedonia>cooperates_with>Sylvania".to_string()),
        "{got:?}"
    );
}

#[test]
fn a_receiver_of_aid_is_its_target() {
    let got = edges("[Freedonia|country] received a large loan from [Sylvania|country] in May.");
    assert!(
        got.contains(&"Sylvania>aids>Freedonia".to_string()),
        "{got:?}"
    );
    assert!(!got.iter().any(|e| e.starts_with("Freedonia>")), "{got:?}");
    let got = edges("[Freedonia|country] received [Sylvanian|country|Sylvania] aid in May.");
    assert!(
        got.contains(&"Sylvania>aids>Freedonia".to_string()),
        "{got:?}"
    );
}

#[test]
fn a_release_concedes_only_when_people_are_released() {
    assert!(has(
        "[Iran|country] released 15 [British|country|United Kingdom] sailors on Wednesday.",
        "Iran>concedes>United Kingdom"
    ));
    assert!(has(
        "[Freedonia|country] released [Ann Marsh|person] after two years.",
        "Freedonia>concedes>Ann Marsh"
    ));
    for s in [
        "[Nintendo|organization] released its new [DS|organization] console earlier this year.",
        "The [Treasury|organization] will release data on [US|country|United States] reserves.",
        "[Gillette|organization] released [Ronald Perelman|person]'s letter on Friday.",
    ] {
        let got = edges(s);
        assert!(
            !got.iter()
                .any(|e| e.contains(">concedes>") || e.contains(">agrees_with>")),
            "{s}: {got:?}"
        );
    }
}
