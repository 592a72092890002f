//! The frames of the relation lexicon: how a trigger finds its source and target.

/// How a trigger finds its source and target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Frame {
    /// A verb: subject -> object, or `by`-agent -> subject in the passive.
    Verb,
    /// A verb whose object is the source: `the G8 comprises Russia` => Russia member_of G8.
    VerbRev,
    /// A noun: `X's ban on Y`, `X sanctions against Y`, `ban by X on Y`.
    Noun,
    /// A noun that may also take the clause subject as its agent: `X held talks with Y`.
    NounSubj,
    /// Reported speech: the speaker claims (media: reports) every actor of the clause.
    Speech,
    /// `X told Y ...`: speech, and X meets Y (Y media: Y reports X).
    Tell,
    /// `according to X`.
    According,
    /// A job title: `Chinese Foreign Minister Li`, `Li, a spokesman for X`.
    Title,
    /// `PERSON of/from ORG`: member_of a party, works_for anything else.
    Of,
    /// `X in Y`: located_in, or part_of for places.
    In,
    /// `Y's X`: located_in, or part_of for places and state bodies.
    Poss,
    /// `Lagos, Nigeria`: a place or building, then the place it lies in.
    Comma,
    /// `the British firm X`: a country before an organization or facility.
    Premod,
    /// A state body named after a place the article names: `the Parliament of Iraq`.
    InName,
    /// A party's name right before a person's: `Democrat John Kerry`.
    Party,
    /// `X, Y's largest trading partner`.
    Appos,
    /// A noun whose holder stands in a structural relation to its modifier, read from the
    /// parse only: `Sanders won the Democratic primary`, `the Serbian capital Belgrade`.
    Role,
    /// A word of blame in a reported clause: the speaker criticizes the actor before it
    /// (`Freedonia had made a terrible mistake`), else the first one after it.
    Blame,
    /// A word of worry in a reported clause: the speaker criticizes the first actor after it
    /// (`concerns over Freedonia`, `disappointed by Freedonia`).
    Worry,
    /// Negation before a trigger: the edge is stored negated.
    Neg,
    /// Hypothetical (`might`, `could`): coercive edges become `threatens`, others negated.
    Hypo,
    /// A threat (`threatened to`): the edge becomes `threatens`.
    Threat,
    /// A future (`will`, `would`): coercive edges become `threatens`, others stay as they are
    /// and the source also promises (agrees_with) the target.
    Future,
    /// A promise (`willing to`, `pledged to`): as a future.
    Promise,
}

impl Frame {
    pub fn parse(s: &str) -> Option<Frame> {
        Some(match s {
            "verb" => Frame::Verb,
            "verb_rev" => Frame::VerbRev,
            "noun" => Frame::Noun,
            "noun_subj" => Frame::NounSubj,
            "speech" => Frame::Speech,
            "tell" => Frame::Tell,
            "according" => Frame::According,
            "title" => Frame::Title,
            "of" => Frame::Of,
            "in" => Frame::In,
            "poss" => Frame::Poss,
            "comma" => Frame::Comma,
            "premod" => Frame::Premod,
            "inname" => Frame::InName,
            "party" => Frame::Party,
            "appos" => Frame::Appos,
            "role" => Frame::Role,
            "blame" => Frame::Blame,
            "worry" => Frame::Worry,
            "neg" => Frame::Neg,
            "hypo" => Frame::Hypo,
            "threat" => Frame::Threat,
            "future" => Frame::Future,
            "promise" => Frame::Promise,
            _ => return None,
        })
    }

    /// Words of a reported clause that add to its speaker's claim (`blame`, `worry`).
    pub fn is_clause_word(self) -> bool {
        matches!(self, Frame::Blame | Frame::Worry)
    }

    /// Modifier frames change another trigger's edge instead of drawing their own.
    pub fn is_modifier(self) -> bool {
        matches!(
            self,
            Frame::Neg | Frame::Hypo | Frame::Threat | Frame::Future | Frame::Promise
        )
    }
}
