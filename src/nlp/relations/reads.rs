//! Which triggers the parse reads: only those the token windows could not, in sentences that
//! can name the actors a pattern would reach (parsing is the costly step).

use super::{is_symmetric, scan, words, Ctx, Frame, Hit};

/// Does the parse read this trigger? Only the triggers the windows could not: events they
/// drew nothing for, with names on both sides (parsing is the costly step), and speech acts
/// that drew nothing, when the sentence holds two actors (a speaker and one it speaks of).
pub fn parse_reads(cx: &Ctx, h: &Hit, drew: bool) -> bool {
    let v = cx.v;
    match cx.lex.rules[h.rule].frame {
        Frame::Speech | Frame::Tell | Frame::According => !drew && two_actors(cx),
        // A symmetric event needs no name after it when two come before (`The Turkish and
        // Greek sides have agreed`): they are each other's other side; nor does a noun whose
        // light verb holds both (`Finland will give Tanzania a grant`).
        Frame::Verb | Frame::VerbRev | Frame::Noun | Frame::NounSubj => {
            let before = v.spans.iter().filter(|s| s.b <= h.a).count();
            let after = v.spans.iter().filter(|s| s.a >= h.b).count();
            let noun = matches!(cx.lex.rules[h.rule].frame, Frame::Noun | Frame::NounSubj);
            let both_before = before > 1 && (noun || is_symmetric(cx.kind_of(h.rule)));
            // ... nor a withdrawal whose agent and place both follow it (`the withdrawal of X
            // from Y`: only a withdrawal names its agent by `of`, D18).
            let both_after = noun
                && after > 1
                && v.w(h.b) == "of"
                && cx.lex.types.family(cx.kind_of(h.rule)) == "retreat";
            // A verb after `and` has its subject in the clause before (`he arrived on Monday
            // and met Chirac`): a `he` or `she` there is the context person.
            let pronoun_before = matches!(cx.lex.rules[h.rule].frame, Frame::Verb | Frame::VerbRev)
                && cx.person.is_some()
                && scan::is_coordinated_verb(v, scan::group_start(v, h.a, &cx.marker_ranges()))
                && (0..h.a).any(|k| words::is_person_pronoun(v.w(k)));
            !drew && ((before > 0 || pronoun_before) && after > 0 || both_before || both_after)
        }
        // Role nouns are read by the parse alone, when the sentence names two actors.
        Frame::Role => v.spans.len() >= 2,
        _ => false,
    }
}

/// Can the sentence name two actors? Every actor a pattern reaches is a name of the
/// sentence (a pronoun, title or group noun stands for one) or, for `he`/`she`/`him`/`her`,
/// the context person. A statement needs two, its speaker and one it speaks of: a third of
/// Reuters' speech acts that the windows leave have one name and no such pronoun, and their
/// parse could draw nothing.
pub(super) fn two_actors(cx: &Ctx) -> bool {
    let v = cx.v;
    let person = || cx.person.is_some() && (0..v.len()).any(|k| words::is_person_pronoun(v.w(k)));
    v.spans.len() >= 2 || (v.spans.len() == 1 && person())
}
