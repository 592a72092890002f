//! Very long texts extracted a part at a time, so that one book-length file cannot take the
//! memory: the working set of extraction is about 40 bytes per byte of text (a 15 MB file
//! took 668 MB whole).

use super::Extractor;
use crate::fxhash::FxMap;
use crate::model::{EntityType, Extraction, SentenceSpan};

/// Texts longer than this are extracted in parts of at most this size. News articles are
/// far shorter; a part keeps extraction near 10 MB.
pub const PART_BYTES: usize = 1 << 18;

/// Extract `text` in parts of at most `max` bytes (`parts`) and join the results: offsets
/// shifted to the whole text, entities of the same name and type merged. Names are resolved
/// within each part (a surname or a pronoun does not reach back into an earlier part).
pub fn extract_in_parts(x: &Extractor, text: &str, max: usize) -> Extraction {
    let mut out = Extraction::default();
    let mut entity_of: FxMap<(String, EntityType), usize> = FxMap::default();
    let mut chars_before = 0;
    for part in parts(text, max) {
        let e = x.extract_whole(part);
        let map: Vec<usize> = e
            .entities
            .into_iter()
            .map(|ent| match entity_of.get(&(ent.name.clone(), ent.kind)) {
                Some(&i) => {
                    let aliases = &mut out.entities[i].aliases;
                    for a in ent.aliases {
                        if !aliases.contains(&a) {
                            aliases.push(a);
                        }
                    }
                    i
                }
                None => {
                    entity_of.insert((ent.name.clone(), ent.kind), out.entities.len());
                    out.entities.push(ent);
                    out.entities.len() - 1
                }
            })
            .collect();
        let first_sentence = out.sentences.len();
        out.sentences
            .extend(e.sentences.iter().map(|s| SentenceSpan {
                start: s.start + chars_before,
                end: s.end + chars_before,
            }));
        out.mentions.extend(e.mentions.into_iter().map(|mut m| {
            m.entity = map[m.entity];
            m.sentence += first_sentence;
            m.start += chars_before;
            m.end += chars_before;
            m
        }));
        out.relations.extend(e.relations.into_iter().map(|mut r| {
            r.source = map[r.source];
            r.target = map[r.target];
            r.sentence += first_sentence;
            r
        }));
        chars_before += part.chars().count();
    }
    out
}

/// `text` cut into consecutive parts of at most `max` bytes that together are the whole
/// text: each cut after the last paragraph break (a blank line) in reach, else the last line
/// break, else the last space, else at a character boundary.
pub fn parts(text: &str, max: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while rest.len() > max {
        let mut reach = max;
        while !rest.is_char_boundary(reach) {
            reach -= 1;
        }
        let window = &rest[..reach];
        let cut = [
            window.rfind("\n\n").map(|i| i + 2),
            window.rfind('\n').map(|i| i + 1),
        ]
        .into_iter()
        .chain([window.rfind(' ').map(|i| i + 1)])
        .flatten()
        .find(|&i| i > 0)
        .unwrap_or(reach.max(rest.chars().next().map_or(1, char::len_utf8)));
        out.push(&rest[..cut]);
        rest = &rest[cut..];
    }
    if !rest.is_empty() || out.is_empty() {
        out.push(rest);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_cut_at_paragraphs_then_lines_then_spaces_and_keep_every_byte() {
        let text = "One para.\n\nTwo para here.\nA line.\nMore words in a row";
        for max in 1..text.len() + 2 {
            let p = parts(text, max);
            assert_eq!(p.concat(), text, "max {max}");
            assert!(p.iter().all(|s| !s.is_empty()), "max {max}: {p:?}");
            assert!(p.iter().all(|s| s.len() <= max.max(1)), "max {max}: {p:?}");
        }
        assert_eq!(
            parts(text, 20),
            [
                "One para.\n\n",
                "Two para here.\n",
                "A line.\n",
                "More words in a row"
            ]
        );
        assert_eq!(
            parts("More words in a row", 10),
            ["More ", "words in ", "a row"]
        );
        assert_eq!(parts("ééé", 3), ["é", "é", "é"]);
        assert_eq!(parts("", 5), [""]);
    }

    #[test]
    fn a_text_in_parts_gives_what_its_parts_give_with_offsets_on_the_whole() {
        let x = Extractor::new(None).unwrap();
        let para = "China banned North Korean coal on Monday.\n\nJapan sanctioned Russia over the war.\n\n";
        let text = para.repeat(3);
        let whole = x.extract_whole(&text);
        // Parts of one paragraph pair each: the same sentences, at the same offsets.
        let split = extract_in_parts(&x, &text, para.len());
        assert_eq!(split.sentences, whole.sentences);
        let names = |e: &Extraction| {
            let mut v: Vec<String> = e.entities.iter().map(|x| x.name.clone()).collect();
            v.sort();
            v
        };
        assert_eq!(names(&split), names(&whole));
        let mentions = |e: &Extraction| {
            e.mentions
                .iter()
                .map(|m| (m.start, m.end, e.entities[m.entity].name.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(mentions(&split), mentions(&whole));
        let rels = |e: &Extraction| {
            e.relations
                .iter()
                .map(|r| {
                    let n = |i: usize| e.entities[i].name.clone();
                    (n(r.source), r.kind.clone(), n(r.target), r.sentence)
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(rels(&split), rels(&whole));
        assert_eq!(split.relations.len(), 6, "{:?}", rels(&split));
        assert_eq!(split.entities.len(), 4, "merged across parts");
    }
}
