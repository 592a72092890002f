//! Tests of how names are cut and typed (issue 11): `and` inside names, places inside longer
//! names, words that are no actor alone, one type per name in an article.

use super::{tokenize, Extractor};
use crate::model::EntityType;
use std::sync::LazyLock;

static X: LazyLock<Extractor> = LazyLock::new(|| Extractor::new(None).unwrap());

/// (canonical, type) of every entity.
fn ents(text: &str) -> Vec<(String, EntityType)> {
    let doc = tokenize(text);
    let (es, _) = X.entities(&doc);
    es.into_iter().map(|e| (e.name, e.kind)).collect()
}

fn typ(text: &str, name: &str) -> Option<EntityType> {
    ents(text).into_iter().find(|e| e.0 == name).map(|e| e.1)
}

#[test]
fn and_inside_an_institution_name_but_not_between_two_names() {
    let t =
        "Officials at the Centers for Disease Control and Prevention said on Monday it was safe.";
    assert_eq!(
        typ(t, "Centers for Disease Control and Prevention"),
        Some(EntityType::Organization)
    );
    let t = "He was inducted into the Rock and Roll Hall of Fame in 2001.";
    assert!(
        typ(t, "Rock and Roll Hall of Fame").is_some(),
        "{:?}",
        ents(t)
    );
    let t = "A ruling by the High Court of England and Wales was overturned.";
    assert_eq!(
        typ(t, "High Court of England and Wales"),
        Some(EntityType::Organization)
    );
    let t = "Both the Senate and House passed the bill, as did Toyota and Honda.";
    let names: Vec<String> = ents(t).into_iter().map(|e| e.0).collect();
    assert!(names.iter().all(|n| !n.contains(" and ")), "{names:?}");
}

#[test]
fn a_place_inside_a_longer_name_and_an_institution_of_a_place() {
    let t = "Protesters gathered outside the Hong Kong Police Headquarters on Sunday.";
    assert_eq!(
        typ(t, "Hong Kong Police Headquarters"),
        Some(EntityType::Facility)
    );
    let t = "A spokesman for the United States Department of State declined to comment.";
    assert_eq!(
        typ(t, "United States Department of State"),
        Some(EntityType::Organization)
    );
}

#[test]
fn residents_honorifics_and_party_adjectives_are_no_actors() {
    for t in [
        "Londoners and New Yorkers cheered the result.",
        "The minister's advice to Her Majesty was unlawful, the judges said.",
        "Sanders won the Democratic primary in the state, officials said.",
    ] {
        let kept: Vec<_> = ents(t)
            .into_iter()
            .filter(|e| {
                matches!(
                    e.0.as_str(),
                    "Londoners" | "New Yorkers" | "Majesty" | "Democratic"
                )
            })
            .collect();
        assert!(kept.is_empty(), "{t}: {kept:?}");
    }
}

#[test]
fn a_name_typed_by_a_title_is_typed_alike_in_the_whole_article() {
    let t =
        "Mayor Park Won-soon opened the bridge. Park Won-soon, who was elected in 2011, spoke. \
             Park Won-soon's office said more.";
    let got: Vec<_> = ents(t)
        .into_iter()
        .filter(|e| e.0 == "Park Won-soon")
        .collect();
    assert_eq!(got, [("Park Won-soon".to_string(), EntityType::Person)]);
}

#[test]
fn a_lowercase_place_head_and_of_before_a_guessed_name_types_it() {
    let t = "Officials said the city of Zarnovica reduced the number of polling stations.";
    assert_eq!(
        typ(t, "Zarnovica"),
        Some(EntityType::Location),
        "{:?}",
        ents(t)
    );
}

#[test]
fn datelines_and_town_region_are_places() {
    let t = "MILWAUKEE , Wisconsin 1996-08-29\nTiger Woods shot 67 in his debut.";
    assert_eq!(
        typ(t, "Milwaukee"),
        Some(EntityType::Location),
        "{:?}",
        ents(t)
    );
    let t = "The plane crashed over Lockerbie, Scotland, in 1988.";
    assert_eq!(
        typ(t, "Lockerbie"),
        Some(EntityType::Location),
        "{:?}",
        ents(t)
    );
}

#[test]
fn sides_of_a_result_are_teams_but_national_sides_stay_countries() {
    let t = "Surrey beat Warwickshire by an innings and 164 runs.";
    assert_eq!(
        typ(t, "Surrey"),
        Some(EntityType::Organization),
        "{:?}",
        ents(t)
    );
    assert_eq!(typ(t, "Warwickshire"), Some(EntityType::Organization));
    let t = "SOCCER - FRANCE BEAT MEXICO 2-0 IN FRIENDLY .\nFrance beat Mexico 2-0 on Saturday.";
    assert_eq!(typ(t, "France"), Some(EntityType::Country), "{:?}", ents(t));
    assert_eq!(typ(t, "Mexico"), Some(EntityType::Country));
}

#[test]
fn people_from_titles_inside_runs_initials_ages_and_countries_in_parentheses() {
    let t = "He held talks with Bosnian President Alija Izetbegovic on Friday.";
    assert_eq!(ents(t), [("Alija Izetbegovic".into(), EntityType::Person)]);
    let t = "N. Knight made 113 before lunch.";
    assert_eq!(
        typ(t, "N. Knight"),
        Some(EntityType::Person),
        "{:?}",
        ents(t)
    );
    let t = "Duran, 45, takes on Ariel Cruz on Saturday.";
    assert_eq!(typ(t, "Duran"), Some(EntityType::Person), "{:?}", ents(t));
    let t = "5. Davidson Ezinwa (Nigeria) 10.24";
    assert_eq!(
        typ(t, "Davidson Ezinwa"),
        Some(EntityType::Person),
        "{:?}",
        ents(t)
    );
}

#[test]
fn firms_by_their_nouns_ampersands_and_airlines() {
    let t = "Cofinec said profits fell. Cofinec CEO Stephen Frater spoke.";
    assert_eq!(
        typ(t, "Cofinec"),
        Some(EntityType::Organization),
        "{:?}",
        ents(t)
    );
    let t = "Douglas & Lomason shares rose as Air France cut jobs.";
    assert_eq!(
        typ(t, "Douglas & Lomason"),
        Some(EntityType::Organization),
        "{:?}",
        ents(t)
    );
    assert_eq!(typ(t, "Air France"), Some(EntityType::Organization));
}

#[test]
fn hyphenated_ordinary_words_are_no_names_and_headline_events_are_events() {
    let t = "Year-on-year inflation rose to 5 percent.";
    assert!(ents(t).is_empty(), "{:?}", ents(t));
    let t = "Scores from the GREATER MILWAUKEE OPEN on Friday.";
    assert_eq!(
        typ(t, "GREATER MILWAUKEE OPEN"),
        Some(EntityType::Event),
        "{:?}",
        ents(t)
    );
}

/// (surface, type, kind) of every mention.
fn mentions(text: &str) -> Vec<(String, EntityType, &'static str)> {
    let doc = tokenize(text);
    let (es, ms) = X.entities(&doc);
    ms.iter()
        .map(|m| {
            let s: String = text.chars().skip(m.start).take(m.end - m.start).collect();
            (s, es[m.entity].kind, m.kind)
        })
        .collect()
}

#[test]
fn a_place_before_a_players_role_is_a_team_in_the_whole_article() {
    let t = "Surrey captain Chris Lewis praised his side. Surrey made 429 for seven. \
             England captain Mike Atherton agreed.";
    let m = mentions(t);
    let surrey: Vec<_> = m.iter().filter(|x| x.0 == "Surrey").collect();
    assert_eq!(surrey.len(), 2, "{m:?}");
    assert!(
        surrey.iter().all(|x| x.1 == EntityType::Organization),
        "{m:?}"
    );
    // a home nation's side stays the place
    assert_eq!(typ(t, "England"), Some(EntityType::Location));
    assert_eq!(typ(t, "Chris Lewis"), Some(EntityType::Person));
    // a named event before a role is no team
    let t = "World Cup winning captain Martin Johnson retired on Friday.";
    assert_ne!(
        typ(t, "World Cup"),
        Some(EntityType::Organization),
        "{:?}",
        ents(t)
    );
}

#[test]
fn a_place_and_a_plural_are_one_team_only_in_an_article_with_teams() {
    let t = "The Texas Rangers beat Cleveland 5-3 on Friday.";
    assert_eq!(typ(t, "Texas Rangers"), Some(EntityType::Organization));
    let t = "Texas Democrats met in Austin on Friday.";
    assert_eq!(typ(t, "Texas"), Some(EntityType::Location));
    assert_eq!(typ(t, "Texas Democrats"), None);
}

#[test]
fn a_known_place_before_an_organisation_that_ends_the_name_is_part_of_it() {
    let t = "Faik Nerweyi of the Kurdistan Democratic Party told Reuters.";
    assert_eq!(
        typ(t, "Kurdistan Democratic Party"),
        Some(EntityType::Organization),
        "{:?}",
        ents(t)
    );
    assert_eq!(typ(t, "Kurdistan"), None);
}

#[test]
fn an_adjective_of_a_known_place_is_its_demonym() {
    let m = mentions("The Zairean and Bosnian governments agreed, Adrian Smith said.");
    assert!(
        m.contains(&("Zairean".into(), EntityType::Country, "demonym")),
        "{m:?}"
    );
    assert!(
        m.contains(&("Bosnian".into(), EntityType::Country, "demonym")),
        "{m:?}"
    );
    // a first name is not a demonym (`Adria`)
    assert!(m
        .iter()
        .any(|x| x.0 == "Adrian Smith" && x.1 == EntityType::Person));
}

#[test]
fn a_name_after_in_gives_way_to_a_firms_noun_in_the_same_article() {
    let t = "Investors in Yukos lost money. Yukos shares rose 5 percent.";
    let m = mentions(t);
    let yukos: Vec<_> = m.iter().filter(|x| x.0 == "Yukos").collect();
    assert_eq!(yukos.len(), 2, "{m:?}");
    assert!(
        yukos.iter().all(|x| x.1 == EntityType::Organization),
        "{m:?}"
    );
}

#[test]
fn heads_of_international_organisations_are_people() {
    // PETRARCH2 files the presidents of the EU Council among the organisations
    let t = "Levy would visit Bonn for talks with his German counterpart Klaus Kinkel next month.";
    assert_eq!(
        typ(t, "Klaus Kinkel"),
        Some(EntityType::Person),
        "{:?}",
        ents(t)
    );
}

#[test]
fn large_us_cities_are_known_places() {
    let t = "The governor flew to Milwaukee and Cincinnati on Friday.";
    assert_eq!(
        typ(t, "Milwaukee"),
        Some(EntityType::Location),
        "{:?}",
        ents(t)
    );
    assert_eq!(
        typ(t, "Cincinnati"),
        Some(EntityType::Location),
        "{:?}",
        ents(t)
    );
}

#[test]
fn a_first_name_that_is_a_place_and_a_place_after_its_noun() {
    let t = "Rodriguez homered off Chad Ogea in the first.";
    assert_eq!(
        typ(t, "Chad Ogea"),
        Some(EntityType::Person),
        "{:?}",
        ents(t)
    );
    let t = "The rebels withdrew from the capital Grozny and the nearby Pamir mountains.";
    assert_eq!(
        typ(t, "Grozny"),
        Some(EntityType::Location),
        "{:?}",
        ents(t)
    );
    assert_eq!(typ(t, "Pamir"), Some(EntityType::Location), "{:?}", ents(t));
}

#[test]
fn a_club_named_by_a_word_and_its_city_before_a_players_role() {
    let t = "Roberto Carlos saved the blushes of Real Madrid coach Fabio Capello.";
    assert_eq!(
        typ(t, "Real Madrid"),
        Some(EntityType::Organization),
        "{:?}",
        ents(t)
    );
    let t = "He tugged down the Inter Milan player's shorts.";
    assert_eq!(
        typ(t, "Inter Milan"),
        Some(EntityType::Organization),
        "{:?}",
        ents(t)
    );
}

/// British style writes a middle initial without its full stop; it is part of the name (it
/// split `George W Bush` into `George` and `Bush`), and a title before such a name is still
/// stripped. A capital `A` is a word, and a lone letter after no first name is no initial.
#[test]
fn a_bare_middle_initial_is_part_of_the_name() {
    let t = "US President George W Bush met Tony Blair. Samuel L Jackson starred.";
    let e = ents(t);
    assert!(
        e.contains(&("George W Bush".into(), EntityType::Person)),
        "{e:?}"
    );
    assert!(
        e.contains(&("Samuel L Jackson".into(), EntityType::Person)),
        "{e:?}"
    );
    assert!(!e.iter().any(|x| x.0 == "George" || x.0 == "Bush"), "{e:?}");
    let t = "US District Court Judge Robert W Sweet ruled on Monday.";
    assert_eq!(
        typ(t, "Robert W Sweet"),
        Some(EntityType::Person),
        "{:?}",
        ents(t)
    );
    let t = "George W. Bush met Jacques Chirac, and Mr Bush said George W Bush was right.";
    assert_eq!(
        ents(t).iter().filter(|x| x.0.starts_with("George")).count(),
        1,
        "{:?}",
        ents(t)
    );
    let t = "Bill Gates A Boston fund and Plan B Group agreed.";
    assert!(
        !ents(t).iter().any(|x| x.0.contains(" A ")),
        "{:?}",
        ents(t)
    );
}

/// A name no gazetteer knows beside a medium noun is a news outlet, in all its mentions (`told
/// the Daily Record newspaper`, `the Argentine newspaper Clarin`), but a noun before another
/// name is that name's (`Hollywood newspaper Daily Variety`: Hollywood stays a place).
#[test]
fn a_name_beside_a_medium_noun_is_a_news_outlet() {
    let t = "Budd Schulberg told Vanity Fair magazine that he read it. Vanity Fair said so. \
             Aguas Argentinas told the Argentine newspaper Clarin it would not accept.";
    assert_eq!(
        typ(t, "Vanity Fair"),
        Some(EntityType::Media),
        "{:?}",
        ents(t)
    );
    assert_eq!(typ(t, "Clarin"), Some(EntityType::Media), "{:?}", ents(t));
    let t = "Farrell will star in Scrubs, according to Hollywood newspaper Daily Variety.";
    assert_eq!(
        typ(t, "Daily Variety"),
        Some(EntityType::Media),
        "{:?}",
        ents(t)
    );
    assert_ne!(
        typ(t, "Hollywood"),
        Some(EntityType::Media),
        "{:?}",
        ents(t)
    );
}

/// Romance particles join a name (`Punta del Este`, `Banca Nazionale del Lavoro`), and an
/// institution that names its kind first is an organisation; a person keeps the particle of
/// their name, and a title before it is still stripped.
#[test]
fn romance_particles_join_names_and_kind_first_institutions_are_organisations() {
    let t = "Talks opened in Punta del Este. Banca Nazionale del Lavoro and Regie Nationale des \
             Usines Renault said sales fell, Finance Minister Barend du Plessis said.";
    let e = ents(t);
    let typ = |n: &str| e.iter().find(|x| x.0 == n).map(|x| x.1);
    assert_eq!(typ("Punta del Este"), Some(EntityType::Location), "{e:?}");
    assert_eq!(
        typ("Banca Nazionale del Lavoro"),
        Some(EntityType::Organization),
        "{e:?}"
    );
    assert_eq!(
        typ("Regie Nationale des Usines Renault"),
        Some(EntityType::Organization),
        "{e:?}"
    );
    assert_eq!(typ("Barend du Plessis"), Some(EntityType::Person), "{e:?}");
}
