//! What kind of report an article is, where that changes what its verbs mean: in a sports
//! report `beat`, `meet`, `face` and `allowed` tell fixtures and results, not events between
//! the actors (GDELT's best-known misreading: `Arsenal attacks Chelsea`).

use super::cues::{self, Cues};
use super::doc::Doc;
use super::relations::Lexicon;
use crate::fxhash::FxSet;
use crate::model::Relation;

/// Distinct sport words (`data/cues.tsv`, role `sport`) and sport or hint words in all that
/// make a sports report. Measured on the BBC archive's categories: 361 of its 505 sport
/// articles, and 17 others, every one of them about sport (a footballer's film, a snooker
/// sponsor, a football video game).
const STRONG: usize = 1;
const ALL: usize = 4;

/// Is the article a sports report: at least one word that marks one and four words of sport
/// in all, each counted once?
pub fn is_sports_report(doc: &Doc, cues: &Cues) -> bool {
    let (mut strong, mut all) = (FxSet::default(), FxSet::default());
    for t in &doc.tokens {
        let r = cues.roles(&t.lower);
        if r & cues::SPORT != 0 {
            strong.insert(t.lower.as_str());
        }
        if r & (cues::SPORT | cues::SPORT_HINT) != 0 {
            all.insert(t.lower.as_str());
        }
    }
    strong.len() >= STRONG && all.len() >= ALL
}

/// The families whose verbs a sports report uses for play: meeting or facing a side, beating
/// it, threatening its goal, allowing it to score, signing or partnering, helping a win.
/// Praise and support stay (`paid tribute to`, `backed his manager`).
fn is_play(family: &str) -> bool {
    matches!(
        family,
        "consult" | "attack" | "concede" | "threaten" | "agree" | "cooperate" | "aid"
    )
}

/// What a sports report does not keep, as `explain --why-not` says it.
pub const PLAY: &str = "its edges of play (meets, attacks, concedes, threatens, agrees_with, \
    cooperates_with, aids) are not kept, what is said, led, praised, banned or criticised is";

/// Drop a sports report's edges of play; what is said, who leads or plays for whom, praise,
/// bans, suspensions, arrests and criticism stay.
pub fn drop_play(rels: &mut Vec<Relation>, lex: &Lexicon) {
    rels.retain(|r| !is_play(lex.types.family(&r.kind)));
}

#[cfg(test)]
mod tests {
    use crate::nlp::{tokenize, Extractor};
    use std::sync::LazyLock;

    static X: LazyLock<Extractor> = LazyLock::new(|| Extractor::new(None).unwrap());

    fn edges(text: &str) -> Vec<String> {
        let x = X.extract(text);
        x.relations
            .iter()
            .map(|r| {
                let name = |i: usize| x.entities[i].name.as_str();
                format!("{}>{}>{}", name(r.source), r.kind, name(r.target))
            })
            .collect()
    }

    const MATCH: &str = "Ireland have beaten Wales in four of their last five meetings. \
        The striker Thierry Henry scored twice in the semi-final, and Arsenal will visit Bolton \
        in the next round. Arsene Wenger praised Thierry Henry after the match.";

    #[test]
    fn a_match_report_is_a_sports_report_and_a_summit_is_not() {
        assert!(super::is_sports_report(&tokenize(MATCH), &X.cues));
        let summit = "France met Germany in Berlin on Sunday. The two sides beat back \
            calls for a new treaty, and the season of talks ended in a draw.";
        assert!(
            !super::is_sports_report(&tokenize(summit), &X.cues),
            "hint words alone make no sports report"
        );
        assert!(edges(summit).contains(&"France>meets>Germany".to_string()));
    }

    /// Without the sports report the windows read `Ireland>attacks>Wales` (`beaten`) and
    /// `Arsenal>meets>Bolton` (`visit`) here.
    #[test]
    fn a_sports_report_keeps_praise_and_drops_its_fixtures() {
        let got = edges(MATCH);
        assert!(
            !got.iter()
                .any(|e| e.contains(">meets>") || e.contains(">attacks>")),
            "{got:?}"
        );
        assert!(
            got.contains(&"Arsene Wenger>praises>Thierry Henry".to_string()),
            "{got:?}"
        );
    }
}
