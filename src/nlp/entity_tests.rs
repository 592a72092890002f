//! Tests of the entity stage through `Extractor::entities`: what a reader would expect.

use super::{tokenize, Extractor};
use crate::model::EntityType;
use proptest::prelude::*;
use std::sync::LazyLock;

static X: LazyLock<Extractor> = LazyLock::new(|| Extractor::new(None).unwrap());

/// (canonical, type, [surface:kind]) per entity.
fn ents(text: &str) -> Vec<(String, EntityType, Vec<String>)> {
    let doc = tokenize(text);
    let (es, ms) = X.entities(&doc);
    let chars: Vec<char> = text.chars().collect();
    es.iter()
        .enumerate()
        .map(|(i, e)| {
            let forms = ms
                .iter()
                .filter(|m| m.entity == i)
                .map(|m| {
                    format!(
                        "{}:{}",
                        chars[m.start..m.end].iter().collect::<String>(),
                        m.kind
                    )
                })
                .collect();
            (e.name.clone(), e.kind, forms)
        })
        .collect()
}

fn find(text: &str, name: &str) -> Option<(EntityType, Vec<String>)> {
    ents(text)
        .into_iter()
        .find(|e| e.0 == name)
        .map(|e| (e.1, e.2))
}

#[test]
fn countries_by_name_acronym_demonym_and_capital() {
    let t = "Pyongyang said the DPRK would not yield. North Korean ore exports fell, officials in Seoul said.";
    let (typ, forms) = find(t, "North Korea").unwrap();
    assert_eq!(typ, EntityType::Country);
    assert_eq!(
        forms,
        ["Pyongyang:capital", "DPRK:acronym", "North Korean:demonym"]
    );
    assert_eq!(
        find(t, "Seoul").unwrap().0,
        EntityType::Location,
        "a capital as a place"
    );
}

#[test]
fn a_capital_closing_an_address_is_a_place() {
    let t = "He was born in Lewisham, London, in 1939. London said no.";
    let (typ, forms) = find(t, "London").unwrap();
    assert_eq!(typ, EntityType::Location, "{forms:?}");
    // the same capital acting is its country
    assert_eq!(
        find(t, "United Kingdom").map(|e| e.1),
        Some(vec!["London:capital".to_string()])
    );
}

#[test]
fn she_said_is_the_last_person_who_may_be_a_she() {
    let t = "Ms Caroline Lucas spoke first. Mr Tony Blair answered her. But she added that it was flawed.";
    let (_, forms) = find(t, "Caroline Lucas").unwrap();
    assert!(forms.contains(&"she:pronoun".to_string()), "{forms:?}");
    let (_, forms) = find(t, "Tony Blair").unwrap();
    assert!(!forms.iter().any(|f| f.ends_with(":pronoun")), "{forms:?}");
}

#[test]
fn titles_surnames_and_pronouns_join_the_person() {
    let t = "Foreign Secretary Jack Straw visited China. Mr Straw said talks went well, and he said more.";
    let (typ, forms) = find(t, "Jack Straw").unwrap();
    assert_eq!(typ, EntityType::Person);
    assert_eq!(forms, ["Jack Straw:name", "Straw:alias", "he:pronoun"]);
    assert!(find(t, "Foreign Secretary").is_none());
}

#[test]
fn unknown_names_typed_by_head_words() {
    let t = "Rep. Kang Seok-ho of the main opposition Liberty Korea Party said the Musan mine in North Hamgyong Province was idle.";
    assert_eq!(find(t, "Kang Seok-ho").unwrap().0, EntityType::Person);
    assert_eq!(
        find(t, "Liberty Korea Party").unwrap().0,
        EntityType::Organization
    );
    assert_eq!(find(t, "Musan mine").unwrap().0, EntityType::Facility);
    assert_eq!(
        find(t, "North Hamgyong Province").unwrap().0,
        EntityType::Location
    );
}

#[test]
fn acronyms_and_alias_statements() {
    let t = "Leaders of the Asia-Pacific Economic Forum (APEF) met. APEF will meet again. \
             Rajin, sometimes spelled Najin, is a port.";
    assert_eq!(find(t, "Asia-Pacific Economic Forum").unwrap().1.len(), 3);
    let (_, forms) = find(t, "Rajin").unwrap();
    assert_eq!(forms, ["Rajin:name", "Najin:alias"]);
}

#[test]
fn sentence_openers_and_furniture_are_not_names() {
    let t = "Recently the mine closed. But File Photo said nothing on Monday.\nAttendance: 9,358\n\
             Shipments of cars rose.";
    assert!(ents(t).is_empty(), "{:?}", ents(t));
}

#[test]
fn headline_in_capitals_uses_known_names_only() {
    let t = "BALDRIGE SAYS U.S. TO IMPOSE JAPANESE SANCTIONS\n\nCommerce Secretary Malcolm Baldrige said so.";
    let e = ents(t);
    assert!(
        e.iter()
            .any(|x| x.0 == "Malcolm Baldrige" && x.2.contains(&"BALDRIGE:alias".to_string())),
        "{e:?}"
    );
    assert!(e
        .iter()
        .any(|x| x.0 == "Japan" && x.2.contains(&"JAPANESE:demonym".to_string())));
    assert!(!e.iter().any(|x| x.0 == "SAYS" || x.0 == "IMPOSE"));
}

#[test]
fn places_in_results_tables_are_teams() {
    let t =
        "Results on Friday:\nBaltimore 5 SEATTLE 2\nGermany 2 Italy 1\nPostponed: Leeds v Hull\n\
             Brian Giles homered for Baltimore. Fans in Seattle cheered. Talks in Leeds ended.";
    let e = ents(t);
    let typ = |n: &str| e.iter().find(|x| x.0 == n).map(|x| x.1);
    assert_eq!(typ("Baltimore"), Some(EntityType::Organization), "{e:?}");
    assert_eq!(typ("SEATTLE"), Some(EntityType::Organization));
    assert_eq!(typ("Hull"), Some(EntityType::Organization));
    assert_eq!(
        typ("Germany"),
        Some(EntityType::Country),
        "national sides stay"
    );
    let b = e.iter().find(|x| x.0 == "Baltimore").unwrap();
    assert_eq!(b.2.len(), 2, "the prose mention is the team too");
    assert!(e
        .iter()
        .any(|x| x.0 == "Seattle" && x.1 == EntityType::Location));
}

#[test]
fn compound_adjectives_are_not_names() {
    let t = "The New York-based group and Ontario-based Magna met at China-UK and Anglo-American talks. \
             Minneapolis-based First Bank System Inc. and Norwest Corp. bid. Kang Seok-ho spoke. \
             The Oscar-winning director and Grammy-nominated singer met Magna and Li Ka-shing.";
    let e = ents(t);
    let names: Vec<&str> = e.iter().map(|x| x.0.as_str()).collect();
    assert!(
        names.contains(&"Magna")
            && names.contains(&"Kang Seok-ho")
            && names.contains(&"Li Ka-shing"),
        "{names:?}"
    );
    assert!(names.contains(&"First Bank System Inc.") && names.contains(&"Norwest Corp."));
    assert!(
        !names
            .iter()
            .any(|n| n.contains('-') && *n != "Kang Seok-ho" && *n != "Li Ka-shing"),
        "{names:?}"
    );
}

#[test]
fn lowercase_heads_and_coordination_type_guessed_names() {
    let t =
        "Firms will develop the Yadavaran and Jufeyr oilfields. The state asked Rajin, Sonbong \
             city residents for funds, as in Yonsa and Musan counties.";
    let e = ents(t);
    let typ = |n: &str| e.iter().find(|x| x.0 == n).map(|x| x.1);
    assert_eq!(typ("Yadavaran"), Some(EntityType::Facility), "{e:?}");
    assert_eq!(typ("Jufeyr"), Some(EntityType::Facility));
    assert_eq!(typ("Rajin"), Some(EntityType::Location));
    assert_eq!(typ("Sonbong"), Some(EntityType::Location));
    assert_eq!(typ("Yonsa"), Some(EntityType::Location));
}

#[test]
fn a_company_named_again_without_its_legal_form() {
    let t = "Shares in Cable and Wireless Plc rose. Analysts were upbeat. Cable and Wireless was \
             due to bid.";
    let e = ents(t);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].1, EntityType::Organization);
    assert_eq!(e[0].2.len(), 2, "{e:?}");
}

#[test]
fn user_lexicon_rows_are_loaded_and_bad_rows_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("actors.tsv"),
        "Acme Widgets\tAcme Widgets\torganization\tname\n",
    )
    .unwrap();
    let x = Extractor::new(Some(dir.path())).unwrap();
    let doc = tokenize("Shares of Acme Widgets rose.");
    let (es, _) = x.entities(&doc);
    assert_eq!(es[0].name, "Acme Widgets");
    std::fs::write(
        dir.path().join("aliases.tsv"),
        "# c\nAcme\tAcme Widgets\tthing\talias\n",
    )
    .unwrap();
    let err = Extractor::new(Some(dir.path())).err().unwrap().to_string();
    assert!(
        err.ends_with("aliases.tsv:2: unknown type \"thing\""),
        "{err}"
    );
}

#[test]
fn extractor_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Extractor>();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn any_text_gives_valid_offsets(s in "(\\PC|[A-Z][a-z]+ |\\n| \\. |é|Ж|中|'s|U\\.S\\.|\\(|\\)){0,60}") {
        let n = s.chars().count();
        let a = X.extract(&s);
        let b = X.extract(&s);
        prop_assert_eq!(&a, &b);
        for w in a.sentences.windows(2) {
            prop_assert!(w[0].end <= w[1].start);
        }
        for sp in &a.sentences {
            prop_assert!(sp.start < sp.end && sp.end <= n);
        }
        let mut last = 0;
        for m in &a.mentions {
            prop_assert!(m.start < m.end && m.end <= n && m.start >= last);
            last = m.end;
            prop_assert!(m.entity < a.entities.len());
            let sp = a.sentences[m.sentence];
            prop_assert!(sp.start <= m.start && m.end <= sp.end);
        }
    }
}

#[test]
fn non_actors_in_sentence_contexts_are_no_entities() {
    // (sentence, a word or phrase in it that must not be an entity)
    let cases = [
        ("I'm not sure, she said in London.", "I'm"),
        ("We've seen this before, he told reporters.", "We've"),
        ("I'd rather wait, said the minister.", "I'd"),
        ("He’ll be back on Monday.", "He’ll"),
        ("Didn't anyone notice the change?", "Didn't"),
        ("They said the vote was close.", "They"),
        ("She left the party in 2004.", "She"),
        ("He was the President of the club.", "President"),
        ("The Minister refused to comment.", "Minister"),
        ("The talks resume on Tuesday in Geneva.", "Tuesday"),
        ("Sales rose in September and October.", "September"),
        ("WN: How did you start the project?\nBos: By chance.", "WN"),
        ("Q: What happens next?\nA: We wait.", "Q"),
        (
            "Meanwhile, prices kept rising across the country.",
            "Meanwhile",
        ),
        ("Officials said the bridge would reopen.", "Officials"),
        ("New mothers were given more leave.", "New"),
        ("Voters backed New Labour in 1997.", "New"),
        ("Our correspondent reports from the scene.", "Our"),
        ("Muslims gathered for prayers in the city.", "Muslims"),
        ("The Islamic calendar starts the year.", "Islamic"),
        ("Cases of COVID-19 rose in the region.", "COVID-19"),
    ];
    for (text, word) in cases {
        let bad: Vec<_> = ents(text)
            .into_iter()
            .filter(|e| e.0 == word || e.2.iter().any(|f| f.starts_with(&format!("{word}:"))))
            .collect();
        assert!(bad.is_empty(), "{text:?}: {word:?} became {bad:?}");
    }
}

#[test]
fn a_surname_joins_the_person_of_that_name_mentioned_last() {
    let t = "Joe Biden met voters in Ohio on Monday. Biden said the economy was strong. \
             Hunter Biden, his son, was not there. Biden declined to comment.";
    let joe = find(t, "Joe Biden").unwrap().1;
    let hunter = find(t, "Hunter Biden").unwrap().1;
    assert_eq!(joe, ["Joe Biden:name", "Biden:alias"], "{hunter:?}");
    assert_eq!(hunter, ["Hunter Biden:name", "Biden:alias"]);
}

#[test]
fn a_surname_written_without_its_diacritics_joins_the_person() {
    let t = "Recep Tayyip Erdoğan spoke in Ankara on Monday. Critics said Erdogan had \
             ignored the courts.";
    let forms = find(t, "Recep Tayyip Erdoğan").unwrap().1;
    assert!(forms.contains(&"Erdogan:alias".to_string()), "{forms:?}");
    assert!(find(t, "Erdogan").is_none());
}

#[test]
fn an_acronym_in_parentheses_is_never_a_country() {
    let t = "Members of the Muslim Association of Britain (MAB) marched in London.";
    let uk = ents(t)
        .into_iter()
        .find(|e| e.1 == EntityType::Country)
        .map(|e| e.2)
        .unwrap_or_default();
    assert!(!uk.iter().any(|f| f.starts_with("MAB")), "{uk:?}");
}

#[test]
fn an_institution_of_a_country_is_one_organisation() {
    let t = "The Supreme Court of the United States ruled on Monday. \
             The National Assembly of Serbia and the Parliament of Iraq voted.";
    for name in [
        "Supreme Court of the United States",
        "National Assembly of Serbia",
        "Parliament of Iraq",
    ] {
        assert_eq!(
            find(t, name).map(|e| e.0),
            Some(EntityType::Organization),
            "{name}: {:?}",
            ents(t)
        );
    }
}

/// An acronym in the plural is a common noun (`every Briton buys 3.2 CDs`, `GPs in Wales`),
/// typed as an organisation before; the acronym itself is still a name.
#[test]
fn plural_acronyms_are_not_names() {
    let t = "GPs in Wales had feared delays. Every Briton buys 3.2 CDs a year, and PCs sell. \
             The BBC said so.";
    let e = ents(t);
    let names: Vec<&str> = e.iter().map(|x| x.0.as_str()).collect();
    assert!(
        !names.iter().any(|n| matches!(*n, "GPs" | "CDs" | "PCs")),
        "{names:?}"
    );
    assert!(
        names.contains(&"Wales") && names.iter().any(|n| n.contains("BBC")),
        "{names:?}"
    );
}
