//! The recognizer's tag set: BILOU over four name classes (`PER`, `ORG`, `LOC`, `MISC`), and
//! which tag may follow which.

/// Name classes, in class-number order.
pub const TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];

/// `O` plus four positions for each class.
pub const CLASSES: usize = 1 + 4 * TYPES.len();

/// Position of a token inside a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    Begin,
    Inside,
    Last,
    Unit,
}

const POSITIONS: [Pos; 4] = [Pos::Begin, Pos::Inside, Pos::Last, Pos::Unit];

/// The class number of a tag (`0` is `O`).
pub fn class(typ: usize, pos: Pos) -> usize {
    1 + typ * 4 + pos as usize
}

/// The type and position of class `c`, `None` for `O`.
pub fn split(c: usize) -> Option<(usize, Pos)> {
    (c > 0 && c < CLASSES).then(|| ((c - 1) / 4, POSITIONS[(c - 1) % 4]))
}

/// Whether class `c` continues a name (B or I), so the next token must be I or L of its type.
pub fn open(c: usize) -> bool {
    matches!(split(c), Some((_, Pos::Begin | Pos::Inside)))
}

/// Whether class `c` starts a name (B or U).
pub fn starts(c: usize) -> bool {
    matches!(split(c), Some((_, Pos::Begin | Pos::Unit)))
}

/// Whether class `next` may follow class `prev`; `last` says `next` ends the sentence.
pub fn allowed(prev: usize, next: usize, last: bool) -> bool {
    let ok = match (split(prev), split(next)) {
        (Some((t, Pos::Begin | Pos::Inside)), Some((u, Pos::Inside | Pos::Last))) => t == u,
        (Some((_, Pos::Begin | Pos::Inside)), _) => false,
        (_, Some((_, Pos::Inside | Pos::Last))) => false,
        _ => true,
    };
    ok && !(last && open(next))
}

/// Class numbers of a BIO tag sequence (`B-PER`, `I-PER`, `O`), as BILOU; `typ` maps a
/// corpus type to a class index or `None` (not a name).
pub fn bilou(bio: &[&str], typ: impl Fn(&str) -> Option<usize>) -> Vec<usize> {
    let mut spans: Vec<(usize, usize, usize)> = Vec::new();
    let mut cur: Option<(usize, usize, String)> = None;
    for (i, tag) in bio.iter().enumerate() {
        let (bi, name) = tag.split_once('-').unwrap_or((tag, ""));
        let cont = bi == "I" && cur.as_ref().is_some_and(|c| c.2 == name);
        if !cont {
            if let Some((s, _, n)) = cur.take() {
                if let Some(t) = typ(&n) {
                    spans.push((s, i - 1, t));
                }
            }
            if bi == "B" || bi == "I" {
                cur = Some((i, i, name.to_string()));
            }
        }
    }
    if let Some((s, _, n)) = cur {
        if let Some(t) = typ(&n) {
            spans.push((s, bio.len() - 1, t));
        }
    }
    let mut out = vec![0; bio.len()];
    for (s, e, t) in spans {
        if s == e {
            out[s] = class(t, Pos::Unit);
        } else {
            out[s] = class(t, Pos::Begin);
            for o in &mut out[s + 1..e] {
                *o = class(t, Pos::Inside);
            }
            out[e] = class(t, Pos::Last);
        }
    }
    out
}

/// Names of a class sequence: `(first, last, type)`.
pub fn spans(classes: &[usize]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, &c) in classes.iter().enumerate() {
        match split(c) {
            Some((t, Pos::Unit)) => out.push((i, i, t)),
            Some((_, Pos::Begin)) => start = Some(i),
            Some((t, Pos::Last)) => {
                if let Some(s) = start.take() {
                    out.push((s, i, t));
                }
            }
            Some((_, Pos::Inside)) => {}
            None => start = None,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bio_becomes_bilou_and_back() {
        let typ = |t: &str| TYPES.iter().position(|x| *x == t);
        let c = bilou(
            &["B-PER", "I-PER", "O", "B-LOC", "B-ORG", "I-ORG", "I-ORG"],
            typ,
        );
        assert_eq!(spans(&c), [(0, 1, 0), (3, 3, 2), (4, 6, 1)]);
        // an unknown type is not a name; a stray I starts one
        let c = bilou(&["B-XX", "I-XX", "I-LOC"], typ);
        assert_eq!(spans(&c), [(2, 2, 2)]);
    }

    #[test]
    fn transitions_keep_names_whole() {
        let b = class(0, Pos::Begin);
        assert!(allowed(b, class(0, Pos::Last), false));
        assert!(!allowed(b, class(1, Pos::Last), false));
        assert!(!allowed(b, 0, false));
        assert!(!allowed(0, class(2, Pos::Inside), false));
        assert!(!allowed(0, b, true));
        assert!(allowed(0, class(3, Pos::Unit), true));
    }
}
