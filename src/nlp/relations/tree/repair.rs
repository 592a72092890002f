//! More slips of a parser that edited news does not allow, undone before the relation stage
//! reads the tree: a verb read as a clause of its own subject (under an -ing root, or under a
//! speech verb that so gets two subjects), a noun-verb read as a bare complement, `to` and a
//! noun-verb read as a prepositional phrase, and a subject's prepositional phrase hung on the
//! verb after it.

use super::Tree;
use crate::grammar::Upos;

/// Does the word name a time? An oblique of these between a subject and its verb is the
/// verb's (`The company on Monday reported`).
fn is_time(w: &str) -> bool {
    let w = w.to_lowercase();
    crate::ingest::dates::month(&w).is_some_and(|_| w.len() > 3 || w == "may")
        || super::super::view::is_weekday(&w)
        || matches!(
            w.as_str(),
            "today"
                | "yesterday"
                | "tomorrow"
                | "morning"
                | "afternoon"
                | "evening"
                | "night"
                | "day"
                | "week"
                | "weekend"
                | "month"
                | "year"
        )
}

impl Tree {
    /// The children of `h` while the tree is being repaired (`kids` is built after).
    pub(super) fn kids_of(&self, h: usize) -> Vec<usize> {
        (0..self.head.len())
            .filter(|&c| self.head[c] == Some(h))
            .collect()
    }

    /// `k` and the nouns it governs by `nmod` (`Thousands of Kurds`: a verb misread as a
    /// clause may hang on either).
    pub(super) fn with_nmods(&self, k: usize) -> Vec<usize> {
        let mut hosts = vec![k];
        hosts.extend(
            self.kids_of(k)
                .into_iter()
                .filter(|&m| self.rel[m] == "nmod"),
        );
        hosts
    }

    /// Is `c` a finite-looking verb (no -ing) without a subject, expletive or subordinator of
    /// its own: a main clause's verb when the parser hung it as a clause on a noun?
    pub(super) fn subjectless_verb(&self, c: usize, text: &[&str]) -> bool {
        self.upos[c] == Upos::Verb
            && !text[c].ends_with("ing")
            && !self
                .kids_of(c)
                .iter()
                .any(|&x| matches!(self.rel[x], "nsubj" | "nsubj:pass" | "expl" | "mark"))
    }

    /// `Kurdish students demonstrated on Sunday, demanding the release of ...` read with
    /// `demonstrated` a clause of `students` and `demanding` the root: a root -ing verb with
    /// no auxiliary cannot head a sentence, so the verb hung on its subject before it is the
    /// root, the subject its own and the -ing verb its adverbial clause.
    pub(super) fn participle_root(&mut self, text: &[&str]) {
        let Some(r) = (0..self.head.len()).find(|&k| self.head[k].is_none()) else {
            return;
        };
        let rk = self.kids_of(r);
        if self.upos[r] != Upos::Verb
            || !text[r].ends_with("ing")
            || rk
                .iter()
                .any(|&c| matches!(self.rel[c], "aux" | "aux:pass" | "cop"))
        {
            return;
        }
        let Some(s) = rk
            .iter()
            .copied()
            .find(|&c| c < r && matches!(self.rel[c], "nsubj" | "nsubj:pass"))
        else {
            return;
        };
        let verb = self
            .kids_of(s)
            .into_iter()
            .find(|&c| s < c && c < r && self.rel[c] == "acl" && self.subjectless_verb(c, text));
        let Some(v) = verb else { return };
        let passive = self.kids_of(v).iter().any(|&x| self.rel[x] == "aux:pass");
        self.head[v] = None;
        self.rel[v] = "root";
        self.head[s] = Some(v);
        self.rel[s] = if passive { "nsubj:pass" } else { "nsubj" };
        self.head[r] = Some(v);
        self.rel[r] = "advcl";
        for c in rk {
            if self.rel[c] == "punct" {
                self.head[c] = Some(v);
            }
        }
    }

    /// `Thousands of Kurds demonstrated in Kirkuk, calling for ..., witnesses said` read with
    /// `demonstrated` a clause of `Kurds` and both `Thousands` and `witnesses` subjects of
    /// `said`: a verb has one subject, so the verb hung on the first (or on a noun it governs)
    /// is the reported clause, with that subject and what stands between it and the second.
    pub(super) fn two_subjects(&mut self, text: &[&str]) {
        for r in 0..self.head.len() {
            let subj: Vec<usize> = self
                .kids_of(r)
                .into_iter()
                .filter(|&c| self.rel[c] == "nsubj")
                .collect();
            let [s1, s2, ..] = subj[..] else { continue };
            let verb = self
                .with_nmods(s1)
                .into_iter()
                .flat_map(|h| self.kids_of(h))
                .find(|&c| {
                    s1 < c && c < s2 && self.rel[c] == "acl" && self.subjectless_verb(c, text)
                });
            let Some(v) = verb else { continue };
            for c in self.kids_of(r) {
                if v < c && c < s2 {
                    self.head[c] = Some(v);
                }
            }
            self.head[v] = Some(r);
            self.rel[v] = "ccomp";
            self.head[s1] = Some(v);
        }
    }

    /// `Sylvania voiced concern that ...` read with `concern` a verb, the `xcomp` of `voiced`:
    /// a bare verb right after a verb that takes no bare infinitive (make, let, help, have and
    /// the verbs of perception do), with no `to` of its own, is the noun object it is spelt
    /// as, and its `that` clause the noun's content clause.
    pub(super) fn bare_complement(&mut self, text: &[&str]) {
        const BARE: &[&str] = &[
            "make", "made", "makes", "making", "let", "lets", "letting", "help", "helped", "helps",
            "helping", "have", "has", "had", "having", "see", "saw", "seen", "sees", "hear",
            "heard", "hears", "watch", "watched", "feel", "felt", "bid", "go", "come", "dare",
        ];
        for c in 1..self.head.len() {
            let h = c - 1;
            let bare = self.head[c] == Some(h)
                && self.rel[c] == "xcomp"
                && self.upos[c] == Upos::Verb
                && self.upos[h] == Upos::Verb
                && !BARE.contains(&text[h].to_lowercase().as_str())
                && !text[c].ends_with("ing")
                && !text[c].ends_with("ed")
                && !self
                    .kids_of(c)
                    .iter()
                    .any(|&x| matches!(self.rel[x], "mark" | "aux" | "nsubj" | "obj"));
            if !bare {
                continue;
            }
            self.upos[c] = Upos::Noun;
            self.rel[c] = "obj";
            for x in self.kids_of(c) {
                let that = self
                    .kids_of(x)
                    .iter()
                    .any(|&m| text[m].eq_ignore_ascii_case("that"));
                if self.rel[x] == "ccomp" && that {
                    self.rel[x] = "acl";
                }
            }
        }
    }

    /// `urged Freedonia to fund Sylvania` read with `to fund` a prepositional phrase and the
    /// name a `flat` part of `fund`: `flat` joins the words of one name, never a common noun to
    /// a name, so the noun after `to` is an infinitive and the name its object.
    pub(super) fn infinitive_with_name(&mut self, text: &[&str]) {
        for w in 1..self.head.len() {
            let to = w - 1;
            let name = w + 1;
            let slip = self.upos[w] == Upos::Noun
                && self.head[to] == Some(w)
                && self.rel[to] == "case"
                && text[to].eq_ignore_ascii_case("to")
                && name < self.head.len()
                && self.head[name] == Some(w)
                && self.rel[name] == "flat"
                && self.upos[name] == Upos::Propn
                && self.head[w].is_some_and(|h| self.upos[h] == Upos::Verb);
            if !slip {
                continue;
            }
            self.upos[w] = Upos::Verb;
            self.rel[w] = "xcomp";
            self.upos[to] = Upos::Part;
            self.rel[to] = "mark";
            self.rel[name] = "obj";
        }
    }

    /// `A ban by China on Japanese fish took effect` read with `on ... fish` an oblique of
    /// `took`: an oblique standing between a common-noun subject and its verb, with no comma
    /// between, is the subject's modifier, unless it names a time (`The company on Monday
    /// reported`).
    pub(super) fn subject_oblique(&mut self, text: &[&str]) {
        for v in 0..self.head.len() {
            if !matches!(self.upos[v], Upos::Verb | Upos::Aux) {
                continue;
            }
            let kids = self.kids_of(v);
            let Some(s) = kids.iter().copied().find(|&c| {
                c < v && matches!(self.rel[c], "nsubj" | "nsubj:pass") && self.upos[c] == Upos::Noun
            }) else {
                continue;
            };
            for c in kids {
                let timed = is_time(text[c]);
                let comma = (s..c).any(|k| matches!(text[k], "," | ";" | "(" | "-" | "--"));
                if self.rel[c] == "obl" && s < c && c < v && !timed && !comma {
                    self.head[c] = Some(s);
                    self.rel[c] = "nmod";
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::repaired;
    use super::*;
    use Upos::*;

    #[test]
    fn an_ing_root_is_the_clause_of_the_verb_its_subject_carries() {
        // Students demonstrated on Sunday , demanding release .
        let t = repaired(
            &[
                "Students",
                "demonstrated",
                "on",
                "Sunday",
                ",",
                "demanding",
                "release",
                ".",
            ],
            &[6, 1, 4, 2, 1, 0, 6, 6],
            &[
                "nsubj", "acl", "case", "obl", "punct", "root", "obj", "punct",
            ],
            &[Noun, Verb, Adp, Propn, Punct, Verb, Noun, Punct],
        );
        assert_eq!((t.head(1), t.rel(1)), (None, "root"));
        assert_eq!((t.head(0), t.rel(0)), (Some(1), "nsubj"));
        assert_eq!((t.head(5), t.rel(5)), (Some(1), "advcl"));
        assert_eq!(t.head(7), Some(1));
        // ... not when the -ing verb has its auxiliary (`Students arrested ... were leaving`)
        let t = repaired(
            &["Students", "arrested", "were", "leaving", "."],
            &[4, 1, 4, 0, 4],
            &["nsubj", "acl", "aux", "root", "punct"],
            &[Noun, Verb, Aux, Verb, Punct],
        );
        assert_eq!(t.head(3), None);
    }

    #[test]
    fn a_verb_with_two_subjects_gives_the_first_to_the_clause_it_carries() {
        // Kurds demonstrated in Kirkuk , calling for independence , witnesses said .
        let t = repaired(
            &[
                "Kurds",
                "demonstrated",
                "in",
                "Kirkuk",
                ",",
                "calling",
                "for",
                "independence",
                ",",
                "witnesses",
                "said",
                ".",
            ],
            &[11, 1, 4, 2, 6, 11, 8, 6, 11, 11, 0, 11],
            &[
                "nsubj", "acl", "case", "obl", "punct", "advcl", "case", "obl", "punct", "nsubj",
                "root", "punct",
            ],
            &[
                Propn, Verb, Adp, Propn, Punct, Verb, Adp, Noun, Punct, Noun, Verb, Punct,
            ],
        );
        assert_eq!((t.head(1), t.rel(1)), (Some(10), "ccomp"));
        assert_eq!((t.head(0), t.rel(0)), (Some(1), "nsubj"));
        assert_eq!(t.head(5), Some(1), "the -ing clause goes with it");
        assert_eq!((t.head(9), t.rel(9)), (Some(10), "nsubj"));
    }

    #[test]
    fn a_bare_verb_after_a_verb_is_its_noun_object() {
        // Sylvania voiced concern that Freedonia had crossed the border
        let t = repaired(
            &[
                "Sylvania",
                "voiced",
                "concern",
                "that",
                "Freedonia",
                "had",
                "crossed",
                "it",
            ],
            &[2, 0, 2, 7, 7, 7, 3, 7],
            &[
                "nsubj", "root", "xcomp", "mark", "nsubj", "aux", "ccomp", "obj",
            ],
            &[Propn, Verb, Verb, Sconj, Propn, Aux, Verb, Pron],
        );
        assert_eq!((t.upos(2), t.rel(2)), (Noun, "obj"));
        assert_eq!((t.head(6), t.rel(6)), (Some(2), "acl"));
        // ... not after a verb of the bare infinitive (`helped build`)
        let t = repaired(
            &["They", "helped", "build", "it"],
            &[2, 0, 2, 3],
            &["nsubj", "root", "xcomp", "obj"],
            &[Pron, Verb, Verb, Pron],
        );
        assert_eq!(t.rel(2), "xcomp");
    }

    #[test]
    fn a_noun_after_to_with_a_name_as_its_flat_part_is_an_infinitive() {
        // They urged Freedonia to fund Sylvania
        let t = repaired(
            &["They", "urged", "Freedonia", "to", "fund", "Sylvania"],
            &[2, 0, 2, 5, 2, 5],
            &["nsubj", "root", "obj", "case", "obl", "flat"],
            &[Pron, Verb, Propn, Adp, Noun, Propn],
        );
        assert_eq!((t.upos(4), t.rel(4)), (Verb, "xcomp"));
        assert_eq!((t.rel(3), t.rel(5)), ("mark", "obj"));
        // ... but a name after a preposition's noun is left (`sent to Lake Geneva`)
        let t = repaired(
            &["They", "went", "to", "Lake", "Geneva"],
            &[2, 0, 4, 2, 4],
            &["nsubj", "root", "case", "obl", "flat"],
            &[Pron, Verb, Adp, Propn, Propn],
        );
        assert_eq!(t.rel(3), "obl");
    }

    #[test]
    fn an_oblique_between_a_noun_subject_and_its_verb_is_the_subjects() {
        // A ban on fish took effect .
        let t = repaired(
            &["A", "ban", "on", "fish", "took", "effect", "."],
            &[2, 5, 4, 5, 0, 5, 5],
            &["det", "nsubj", "case", "obl", "root", "obj", "punct"],
            &[Det, Noun, Adp, Noun, Verb, Noun, Punct],
        );
        assert_eq!((t.head(3), t.rel(3)), (Some(1), "nmod"));
        // ... but a time stays the verb's, and so does a name's subject's oblique
        let t = repaired(
            &["The", "firm", "on", "Monday", "reported", "a", "loss"],
            &[2, 5, 4, 5, 0, 7, 5],
            &["det", "nsubj", "case", "obl", "root", "det", "obj"],
            &[Det, Noun, Adp, Propn, Verb, Det, Noun],
        );
        assert_eq!((t.head(3), t.rel(3)), (Some(4), "obl"));
        let t = repaired(
            &["China", "in", "March", "banned", "fish"],
            &[4, 3, 4, 0, 4],
            &["nsubj", "case", "obl", "root", "obj"],
            &[Propn, Adp, Propn, Verb, Noun],
        );
        assert_eq!(t.head(2), Some(3));
    }
}
