//! The small closed word classes the frames scan over: determiners, auxiliaries, clause
//! boundaries, quotes, honorifics, and the contexts only a verb's base form takes.

use super::view::View;

pub fn is_det(w: &str) -> bool {
    matches!(
        w,
        "a" | "an" | "the" | "its" | "their" | "his" | "her" | "this" | "these" | "those" | "our"
    )
}

/// Auxiliaries and modals that sit inside a verb group.
pub fn is_aux(w: &str) -> bool {
    matches!(
        w,
        "is" | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "am"
            | "has"
            | "have"
            | "had"
            | "having"
            | "will"
            | "would"
            | "shall"
            | "should"
            | "can"
            | "could"
            | "may"
            | "might"
            | "must"
            | "do"
            | "does"
            | "did"
            | "to"
            | "also"
            | "already"
            | "now"
            | "still"
            | "just"
            | "recently"
            | "reportedly"
            | "allegedly"
            | "repeatedly"
            | "again"
            | "formally"
            | "officially"
            | "publicly"
            | "strongly"
            | "jointly"
            | "then"
            | "finally"
            | "previously"
            | "earlier"
            | "later"
            | "once"
            | "not"
            | "never"
            | "cannot"
            | "wo"
            | "ca"
            | "going"
            | "expected"
            | "due"
            | "likely"
            | "set"
            | "about"
            | "trying"
            | "seeking"
            | "planning"
            | "plans"
            | "planned"
            | "agreed"
            | "decided"
            | "wants"
            | "wanted"
            | "hopes"
            | "hoped"
            | "continue"
            | "continued"
            | "continues"
    ) || w.ends_with("n't")
        || w.ends_with("ly")
}

/// Is token `k` in a place only a verb's base form takes: after a modal or negation (`will
/// evacuate`, `did not evacuate`), or after `to` that follows a control word or an actor
/// (`agreed to evacuate`, `urged Israel to evacuate`), not `returned to power`?
pub fn is_inf_context(v: &View, k: usize) -> bool {
    let Some(p) = k.checked_sub(1) else {
        return false;
    };
    let prev = v.w(p);
    if matches!(
        prev,
        "will"
            | "would"
            | "could"
            | "can"
            | "may"
            | "might"
            | "must"
            | "shall"
            | "should"
            | "did"
            | "not"
            | "never"
            | "cannot"
            | "'ll"
    ) || prev.ends_with("n't")
    {
        return true;
    }
    if prev != "to" || p == 0 {
        return false;
    }
    v.span_ending(p - 1).is_some()
        || matches!(
            v.w(p - 1),
            "agreed"
                | "agree"
                | "agrees"
                | "decided"
                | "decide"
                | "refused"
                | "refuse"
                | "threatened"
                | "threaten"
                | "threatens"
                | "vowed"
                | "vow"
                | "pledged"
                | "promised"
                | "offered"
                | "willing"
                | "ready"
                | "prepared"
                | "plans"
                | "plan"
                | "planned"
                | "wants"
                | "want"
                | "wanted"
                | "tried"
                | "try"
                | "trying"
                | "sought"
                | "seek"
                | "seeks"
                | "failed"
                | "fail"
                | "able"
                | "unable"
                | "going"
                | "expected"
                | "continue"
                | "continued"
                | "began"
                | "begin"
                | "started"
                | "voted"
                | "intends"
                | "intended"
                | "hopes"
                | "hoped"
                | "aims"
                | "aimed"
                | "attempted"
                | "attempt"
                | "ordered"
                | "urged"
                | "asked"
                | "called"
                | "forced"
                | "allowed"
                | "needs"
                | "need"
                | "needed"
                | "has"
                | "have"
                | "had"
                | "due"
                | "likely"
                | "sworn"
                | "swore"
                | "declined"
                | "moved"
                | "set"
                | "them"
                | "it"
                | "him"
                | "her"
                | "us"
        )
}

pub fn is_weekday(w: &str) -> bool {
    matches!(
        w,
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
    )
}

pub fn is_be(w: &str) -> bool {
    matches!(w, "is" | "are" | "was" | "were" | "be" | "been" | "being")
}

pub fn is_pronoun_speaker(w: &str) -> bool {
    matches!(w, "he" | "she")
}

/// The pronouns that may stand for the context person (the person of an earlier sentence).
pub fn is_person_pronoun(w: &str) -> bool {
    matches!(w, "he" | "she" | "him" | "her")
}

/// Words that end a run of modifiers before a noun: prepositions, `and`, and the auxiliaries
/// `is`, `was`, `has`.
pub fn ends_modifiers(w: &str) -> bool {
    matches!(
        w,
        "on" | "of"
            | "to"
            | "for"
            | "with"
            | "against"
            | "in"
            | "by"
            | "from"
            | "and"
            | "is"
            | "was"
            | "has"
    )
}

/// Words that end a clause: a scan for an actor never crosses them.
pub fn is_boundary(w: &str) -> bool {
    matches!(
        w,
        "." | ";"
            | ":"
            | "?"
            | "!"
            | "that"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "because"
            | "but"
            | "while"
            | "although"
            | "though"
            | "if"
            | "when"
            | "where"
            | "whereas"
            | "unless"
            | "after"
            | "before"
            | "despite"
            | "since"
            | "until"
            | "as"
            | "-"
            | "--"
            | "\u{2013}"
            | "\u{2014}"
    )
}

pub fn is_quote(w: &str) -> bool {
    matches!(
        w,
        "\"" | "\u{201c}" | "\u{201d}" | "``" | "''" | "'" | "\u{2018}" | "\u{2019}"
    )
}

pub fn is_coord(w: &str) -> bool {
    matches!(w, "and" | "," | "&" | "or")
}

/// Words that end a noun phrase or join two: those that end a run of modifiers
/// ([`ends_modifiers`]) and more prepositions, conjunctions, pronouns, `not`, `said`.
pub fn is_function_word(w: &str) -> bool {
    const MORE: &str = "at over into about as or but than not it they he she we said says \
        such including";
    ends_modifiers(w) || MORE.split_whitespace().any(|x| x == w)
}

/// Nouns naming a firm, club or other body: a name right before one only labels it (`US bank
/// Citigroup`, `Scottish club Rangers`, `Japan's biggest carmaker`).
pub fn is_body_noun(w: &str) -> bool {
    const BODY_NOUNS: &str = "company companies firm firms club clubs bank banks lender \
        carmaker automaker maker manufacturer producer airline carrier giant retailer \
        supermarket chain brewer miner insurer investor conglomerate subsidiary operator \
        broadcaster newspaper magazine website publisher label studio band exporter importer \
        supplier distributor developer";
    BODY_NOUNS.split_whitespace().any(|x| x == w)
}

/// Honorifics and bare titles between a title and a name.
pub fn is_honorific(w: &str) -> bool {
    matches!(
        w.trim_end_matches('.'),
        "mr" | "mrs" | "ms" | "dr" | "rep" | "sen" | "gen" | "prof" | "sir" | "lord" | "lady"
    )
}

/// Name words that make an organization a political party (member_of rather than works_for).
pub fn is_party_name(name: &str) -> bool {
    let n = name.to_lowercase();
    [
        "party",
        "democrats",
        "republicans",
        "congress",
        "front",
        "league",
        "movement",
    ]
    .iter()
    .any(|w| n.split(|c: char| !c.is_alphanumeric()).any(|x| x == *w))
}

/// Name words of state bodies (part_of their country rather than located_in it).
pub fn is_state_body(name: &str) -> bool {
    let n = name.to_lowercase();
    [
        "committee",
        "ministry",
        "department",
        "parliament",
        "assembly",
        "treasury",
        "government",
        "army",
        "navy",
        "police",
        "court",
        "agency",
        "council",
        "senate",
        "congress",
        "cabinet",
        "office",
        "commission",
        "administration",
        "national",
        "state",
        "forces",
    ]
    .iter()
    .any(|w| n.split(|c: char| !c.is_alphanumeric()).any(|x| x == *w))
}

/// Words for people held, sent or set free (`prisoners`, `hostages`, `sailors`): what a release
/// of persons releases.
pub fn is_people_noun(w: &str) -> bool {
    matches!(
        w,
        "prisoner"
            | "prisoners"
            | "hostage"
            | "hostages"
            | "detainee"
            | "detainees"
            | "captive"
            | "captives"
            | "inmates"
            | "sailors"
            | "soldiers"
            | "troops"
            | "servicemen"
            | "marines"
            | "pilot"
            | "pilots"
            | "crew"
            | "crewmen"
            | "nationals"
            | "citizens"
            | "fishermen"
            | "activists"
            | "dissidents"
            | "journalists"
            | "journalist"
            | "reporters"
            | "workers"
            | "students"
            | "protesters"
            | "demonstrators"
            | "missionaries"
            | "tourists"
            | "civilians"
            | "refugees"
            | "suspects"
            | "diplomats"
            | "monks"
            | "children"
            | "people"
            | "men"
            | "women"
    )
}
