//! Tests of the token-window scans: subjects, objects, appositions.

use super::super::testutil::view_of;
use super::*;

fn names(v: &View, xs: &[Actor]) -> Vec<String> {
    xs.iter().map(|x| v.text(x.a, x.b)).collect()
}

#[test]
fn subject_skips_apposition_and_relative_clause() {
    let (v, _) = view_of(
        "[China|country] , [North Korea|country] 's largest trading partner , has banned ore .",
    );
    let k = (0..v.len()).find(|&k| v.w(k) == "banned").unwrap();
    assert_eq!(names(&v, &left_subjects(&v, k, Who::default())), ["China"]);
    let (v, _) = view_of("[Kang|person] , who chairs [the committee|organization] , said so .");
    let k = (0..v.len()).find(|&k| v.w(k) == "chairs").unwrap();
    assert_eq!(names(&v, &left_subjects(&v, k, Who::default())), ["Kang"]);
    let (v, _) =
        view_of("[Ann Marsh|person] , 39 , who runs a bakery , met [Bo Lind|person] on Friday .");
    let k = (0..v.len()).find(|&k| v.w(k) == "met").unwrap();
    assert_eq!(
        names(&v, &left_subjects(&v, k, Who::default())),
        ["Ann Marsh"]
    );
}

#[test]
fn a_place_after_a_participles_preposition_is_not_the_subject() {
    let (v, _) = view_of(
        "The [Red Cross|organization] operating in [Iraq|country] said troops must leave .",
    );
    let k = (0..v.len()).find(|&k| v.w(k) == "said").unwrap();
    assert_eq!(
        names(&v, &left_subjects(&v, k, Who::default())),
        ["Red Cross"]
    );
    // ... but a place is a subject where no participle stands before its preposition
    let (v, _) = view_of("Officials in [Iraq|country] said troops must leave .");
    let k = (0..v.len()).find(|&k| v.w(k) == "said").unwrap();
    assert_eq!(names(&v, &left_subjects(&v, k, Who::default())), ["Iraq"]);
}

#[test]
fn objects_are_coordinated_and_stop_at_clause_end() {
    let (v, _) =
        view_of("embargoes applied to [China|country] , [Burma|country] and [Zimbabwe|country] .");
    assert_eq!(
        names(&v, &right_objects(&v, 1)),
        ["China", "Burma", "Zimbabwe"]
    );
    let (v, _) = view_of("sanctions , which hit [Iran|country] .");
    assert!(right_objects(&v, 1).is_empty());
}

#[test]
fn a_name_in_a_participles_phrase_between_commas_is_not_the_subject() {
    let subj = |text: &str, verb: &str| {
        let (v, _) = view_of(text);
        let k = (0..v.len()).find(|&k| v.w(k) == verb).unwrap();
        names(&v, &left_subjects(&v, k, Who::default()))
    };
    let filed = "Her legal action , filed in [Los Angeles Superior Court|organization] , \
                 also accuses [Phil Spector|person] .";
    assert!(subj(filed, "accuses").is_empty());
    // ... but the head before the phrase is, and so is a name standing alone in it
    let based = "[Acme|organization] , based in [Ohio|location] , sued [Beta|organization] .";
    assert_eq!(subj(based, "sued"), ["Acme"]);
    let named = "The minister , [Ann Marsh|person] , said so .";
    assert_eq!(subj(named, "said"), ["Ann Marsh"]);
    let listed = "Studios , including [Disney|organization] , announced it .";
    assert_eq!(subj(listed, "announced"), ["Disney"]);
}

#[test]
fn a_firm_a_country_only_labels_is_the_object() {
    let obj = |text: &str| {
        let (v, _) = view_of(text);
        names(&v, &right_objects(&v, 1))
    };
    assert_eq!(
        obj("sued [US|country] bank [Citigroup|organization] ."),
        ["Citigroup"]
    );
    assert_eq!(
        obj("with [Scottish|country] club side [Narbonne|organization] ."),
        ["Narbonne"]
    );
    // an official's title keeps the country, as event coders code it
    assert_eq!(
        obj("met [British|country] Prime Minister [Tony Blair|person] ."),
        ["British"]
    );
    // a firm's noun in another phrase is not the country's label
    assert_eq!(
        obj("sued [France|country] over its bank [Acme|organization] ."),
        ["France"]
    );
}

#[test]
fn pronoun_subject_is_the_context_person() {
    let (v, _) = view_of("he met [Iran|country] .");
    let got = left_subjects(&v, 1, Who::of_person(Some((7, EntityType::Person))));
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].entity, 7);
    assert!(left_subjects(&v, 1, Who::default()).is_empty());
}
