//! Finding a trigger's actors: the subject left of it, the objects right of it (coordination
//! is in `coord.rs`).

use super::coord::coord_left;
pub use super::coord::coord_right;
use super::view::{
    is_aux, is_body_noun, is_boundary, is_det, is_function_word, is_pronoun_speaker, is_quote, View,
};
use crate::model::EntityType;

/// An actor of a frame: an entity and the tokens `[a, b)` that name it in the sentence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Actor {
    pub entity: usize,
    pub kind: EntityType,
    pub a: usize,
    pub b: usize,
}

/// The person a bare `he`/`she` stands for (the first person of the latest sentence with one).
pub type Context = Option<(usize, EntityType)>;

/// What a pronoun subject stands for: pronouns bound in this sentence (`Syria says it ...`:
/// token of `it` -> Syria), else the context person for `he`/`she`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Who<'a> {
    pub person: Context,
    pub bound: &'a [(usize, Vec<Actor>)],
}

impl Who<'_> {
    pub fn of_person(person: Context) -> Who<'static> {
        Who { person, bound: &[] }
    }
}

const LEFT_WINDOW: usize = 10;
const RIGHT_WINDOW: usize = 8;

pub fn actor(v: &View, s: usize) -> Actor {
    let sp = v.spans[s];
    Actor {
        entity: sp.entity,
        kind: sp.kind,
        a: sp.a,
        b: sp.b,
    }
}

/// Start of the verb group ending at `i`: auxiliaries, adverbs and modifier words before it.
pub fn group_start(v: &View, i: usize, markers: &[(usize, usize)]) -> usize {
    let mut g = i;
    while g > 0 && i - g < 6 && v.span_at(g - 1).is_none() {
        let w = v.w(g - 1);
        if is_aux(w) {
            g -= 1;
        } else if let Some(&(a, _)) = markers.iter().find(|&&(a, b)| b == g && a < g) {
            g = a;
        } else {
            break;
        }
    }
    g
}

/// Does the verb group starting at `g` follow `and`, `but` or `or` (with at most one adverb
/// between: `and later signed`)? Names are coordinated before a verb (`Iran and Iraq
/// signed`), never right before it, so this is a second verb of one subject.
pub fn is_coordinated_verb(v: &View, g: usize) -> bool {
    let conj = |k: usize| g > k && matches!(v.w(g - k - 1), "and" | "but" | "or");
    let adverb = |k: usize| {
        g > k
            && matches!(
                v.w(g - k - 1),
                "then" | "later" | "also" | "subsequently" | "eventually" | "finally" | "quickly"
            )
    };
    conj(0) || (adverb(0) && conj(1))
}

/// Skip left over a parenthesis ending at `k` (a `)`); returns the index of its `(`.
fn skip_paren_left(v: &View, k: usize) -> usize {
    let mut p = k;
    while p > 0 && k - p < 20 {
        p -= 1;
        if v.w(p) == "(" {
            return p;
        }
    }
    k
}

/// The subject(s) of a predicate starting at token `k`: the nearest actor to its left in the
/// same clause, across an apposition (`China, North Korea's partner, banned`) or a relative
/// clause (`Kang, who chairs...`); `he`/`she` is the context person.
pub fn left_subjects(v: &View, k: usize, who: Who) -> Vec<Actor> {
    let mut p = k;
    let mut steps = 0;
    while p > 0 && steps < LEFT_WINDOW {
        let q = p - 1;
        let w = v.w(q);
        if let Some(s) = v.span_ending(q) {
            return coord_left(v, np_head(v, s));
        }
        if w == ")" {
            p = skip_paren_left(v, q);
            steps += 1;
            continue;
        }
        if w == "," {
            return apposition_head(v, q).unwrap_or_default();
        }
        if (w == "who" || w == "which") && q > 0 {
            let before = if v.w(q - 1) == "," && q > 1 {
                q - 2
            } else {
                q - 1
            };
            return v
                .span_ending(before)
                .map(|s| coord_left(v, s))
                .unwrap_or_default();
        }
        if let Some((_, b)) = who.bound.iter().find(|(t, _)| *t == q) {
            return b.clone();
        }
        if is_pronoun_speaker(w) {
            // The nearest person before it in the sentence, else the context person.
            if let Some(s) = (0..v.spans.len())
                .rev()
                .find(|&s| v.spans[s].b <= q && v.spans[s].kind == EntityType::Person)
            {
                let x = actor(v, s);
                return vec![Actor {
                    a: q,
                    b: q + 1,
                    ..x
                }];
            }
            return who
                .person
                .filter(|_| !v.w(q.wrapping_sub(1)).ends_with("'s"))
                .map(|(entity, kind)| {
                    vec![Actor {
                        entity,
                        kind,
                        a: q,
                        b: q + 1,
                    }]
                })
                .unwrap_or_default();
        }
        if is_boundary(w) || is_quote(w) || matches!(w, "it" | "they" | "we" | "i") {
            return Vec::new();
        }
        // `Mr Blair said states had to work with the US`: the speaker is not the subject of
        // the reported clause.
        if is_reporting(w) {
            return Vec::new();
        }
        p = q;
        steps += 1;
    }
    Vec::new()
}

/// Reporting verbs a subject scan does not cross.
fn is_reporting(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "says"
            | "say"
            | "told"
            | "added"
            | "argued"
            | "stated"
            | "insisted"
            | "claimed"
            | "announced"
            | "noted"
            | "stressed"
            | "believes"
            | "believed"
    )
}

/// The person a mention hangs off (`Kang of the Liberty Korea Party`, `Ann Marsh of the
/// British charity Oxfam`), else the mention.
fn np_head(v: &View, s: usize) -> usize {
    let mut k = v.spans[s].a;
    while k > 0 && v.spans[s].a - k < 5 {
        // a place that premodifies a noun of the phrase after a determiner (`the British
        // charity`) is passed over
        if let Some(p) = v.span_at(k - 1) {
            let a = v.spans[p].a;
            let place = matches!(v.spans[p].kind, EntityType::Country | EntityType::Location);
            if place && k < v.spans[s].a && v.span_at(k).is_none() && a > 0 && is_det(v.w(a - 1)) {
                k = a;
                continue;
            }
            break;
        }
        let w = v.w(k - 1);
        let modifier = w.chars().next().is_some_and(char::is_lowercase)
            && !is_boundary(w)
            && !is_aux(w)
            && !matches!(
                w,
                "of" | "from" | "to" | "on" | "in" | "with" | "for" | "by" | "and"
            );
        if !(is_det(w) || modifier) {
            break;
        }
        k -= 1;
    }
    if k >= 2 && matches!(v.w(k - 1), "of" | "from") {
        if let Some(p) = v.span_ending(k - 2) {
            if v.spans[p].kind == EntityType::Person {
                return p;
            }
        }
    }
    // `The Red Cross operating in Iraq said`, `troops stationed in Kosovo`: a place after a
    // participle's preposition is where the actor before them is, not the actor.
    let place = matches!(v.spans[s].kind, EntityType::Country | EntityType::Location);
    if place && k >= 3 && matches!(v.w(k - 1), "in" | "at" | "near" | "across" | "inside") {
        let part = v.w(k - 2);
        if v.span_at(k - 2).is_none() && (part.ends_with("ing") || part.ends_with("ed")) {
            if let Some(p) = v.span_ending(k - 3) {
                return p;
            }
        }
    }
    s
}

/// At a comma `c` left of a predicate: the head of an apposition (`X, ..., c`) or the actor
/// right before the comma (`Mr Straw, visiting Beijing`).
fn apposition_head(v: &View, c: usize) -> Option<Vec<Actor>> {
    let mut p = c;
    while p > 0 && c - p < 14 {
        p -= 1;
        let w = v.w(p);
        if w == "," {
            if let Some(s) = p.checked_sub(1).and_then(|q| v.span_ending(q)) {
                // `the president of the League, Jamel Msallem, said`: a person named alone
                // between the commas is who the phrase before describes.
                let named = v.span_starting(p + 1).filter(|&t| {
                    v.spans[t].b == c
                        && v.spans[t].kind == EntityType::Person
                        && v.spans[s].kind != EntityType::Person
                });
                if let Some(t) = named {
                    return Some(vec![actor(v, t)]);
                }
                return Some(coord_left(v, s));
            }
            // `Ann Marsh, 39, who ..., met`: an age between commas is the name's own.
            if p >= 3
                && v.w(p - 1).bytes().all(|b| b.is_ascii_digit())
                && !v.w(p - 1).is_empty()
                && v.w(p - 2) == ","
            {
                if let Some(s) = v.span_ending(p - 3) {
                    return Some(coord_left(v, s));
                }
            }
            // `Her legal action, filed in Los Angeles Superior Court, also accuses`, `A brave
            // display, led by keeper David James, helped`: a participle's phrase between
            // commas describes an unnamed head; the name inside it is not the subject.
            if !v.is_cap(p + 1) && describes(v.w(p + 1)) {
                return Some(Vec::new());
            }
            break;
        }
        if matches!(w, "." | ";" | ":" | "\"" | "that" | "said" | "says") {
            break;
        }
    }
    c.checked_sub(1)
        .and_then(|q| v.span_ending(q))
        .map(|s| vec![actor(v, s)])
}

/// A participle opening a phrase that describes the noun before it (`filed in`, `led by`,
/// `backed by`); not one that names or lists it (`named IOG`, `including Disney`).
fn describes(w: &str) -> bool {
    let participle = w.ends_with("ed")
        || w.ends_with("ing")
        || matches!(
            w,
            "led" | "held" | "run" | "made" | "built" | "set" | "chosen"
        );
    participle && !matches!(w, "including" | "named" | "called" | "dubbed" | "nicknamed")
}

/// The object(s) right of token `j`: the first actor in the same clause, with those
/// coordinated after it.
pub fn right_objects(v: &View, j: usize) -> Vec<Actor> {
    let mut p = j;
    let mut steps = 0;
    while p < v.len() && steps < RIGHT_WINDOW {
        if let Some(s) = v.span_starting(p) {
            // `paid tribute to Democrat John Kerry`: a party or body right before a person's
            // name labels the person, who is the object.
            let (b, kind) = (v.spans[s].b, v.spans[s].kind);
            let person = v
                .span_starting(b)
                .filter(|&q| v.spans[q].kind == EntityType::Person);
            return match (person, labelled_head(v, s)) {
                (Some(q), _) if kind == EntityType::Organization => coord_right(v, q),
                (_, Some(q)) => coord_right(v, q),
                _ => coord_right(v, s),
            };
        }
        let w = v.w(p);
        if w == "(" {
            while p < v.len() && v.w(p) != ")" && steps < 20 {
                p += 1;
                steps += 1;
            }
            p += 1;
            continue;
        }
        // `rejected calls by Belarus`: a `by` after a noun names the object's owner; after
        // the trigger or a participle it is a passive agent.
        let by_noun = w == "by" && p > j && !is_participle_like(v.w(p - 1));
        if is_boundary(w) || w == "," || is_quote(w) || w == "and" || w == "by" && !by_noun {
            break;
        }
        p += 1;
        steps += 1;
    }
    Vec::new()
}

/// The firm or club a country, place or body at span `s` only labels, further on in the same
/// noun phrase (`sued US bank Citigroup`, `a deal with Scottish club Rangers`): one to four
/// words between, among them a firm's noun (`of` only inside a capitalised name).
fn labelled_head(v: &View, s: usize) -> Option<usize> {
    use EntityType::*;
    if !matches!(v.spans[s].kind, Country | Location | Organization) {
        return None;
    }
    let start = v.spans[s].b;
    let mut p = start;
    while p < v.len() && p - start < 4 && v.span_starting(p).is_none() {
        let w = v.w(p);
        let title_of = w == "of" && p > start && v.is_cap(p - 1) && v.is_cap(p + 1);
        let word = w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '.')
            && !is_boundary(w)
            && !is_aux(w)
            && !is_det(w)
            && !is_function_word(w);
        if !(word || title_of) {
            return None;
        }
        p += 1;
    }
    // Only a firm's noun makes the name after it the object: an official's title keeps the
    // country or body as the party acted on, as event coders code it (`U.N. mediator Diego
    // Cordovez` is the U.N.'s man).
    let body = (start..p).any(|k| is_body_noun(v.w(k)));
    let q = v.span_starting(p).filter(|_| body)?;
    (matches!(v.spans[q].kind, Organization | Media) && v.spans[q].entity != v.spans[s].entity)
        .then_some(q)
}

/// A past participle or a word a `by` agent follows (`committed by`, `led by`).
/// The deed's doer is the object's owner (`crimes committed by Croat forces`), so those do not
/// count.
fn is_participle_like(w: &str) -> bool {
    let deed = matches!(w, "committed" | "perpetrated" | "caused" | "made");
    !deed && (w.ends_with("ed") || w.ends_with("en") || matches!(w, "led" | "held" | "set" | "run"))
}

/// The agent of a `by` phrase at `j` (`sanctioned by the UN`), allowing one adverb first.
pub fn by_agents(v: &View, j: usize) -> Option<Vec<Actor>> {
    let k = if v.w(j) == "by" {
        j
    } else if v.w(j + 1) == "by" && v.w(j).ends_with("ly") {
        j + 1
    } else {
        return None;
    };
    let mut p = k + 1;
    while p < v.len() && p - k < 4 && v.span_starting(p).is_none() && !is_boundary(v.w(p)) {
        p += 1;
    }
    Some(
        v.span_starting(p)
            .map(|s| coord_right(v, s))
            .unwrap_or_default(),
    )
}

#[cfg(test)]
#[path = "scan_tests.rs"]
mod tests;
