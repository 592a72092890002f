//! `explain --why-not`: for two actors of one sentence, each step of the relation stage in
//! turn (trigger, token windows, the parse and its patterns, the type check) and where it
//! stopped, so a user knows which lexicon or pattern row to add.

use super::tree::Tree;
use super::view::View;
use super::{context, deps, drew, inname, parse_reads, patterns, speech, undone, window_cands};
use super::{Cand, Ctx, Frame, Hit, Lexicon};
use crate::model::EntityRef;

/// What the relation stage did with the actors `src` and `tgt` (indices into `entities`) of
/// one sentence: one line per step, indented under the trigger it belongs to.
pub fn why_not(
    lex: &Lexicon,
    v: &View,
    entities: &[EntityRef],
    src: usize,
    tgt: usize,
) -> Vec<String> {
    let cx = context(lex, v, entities, None);
    let mut lines = Vec::new();
    if cx.hits.is_empty() {
        lines.push(
            "no trigger: no form of a relation-lexicon row occurs in this sentence \
             (add a row to relations.tsv in a --lexicon DIR)"
                .to_string(),
        );
    }
    let mut spoken = Vec::new();
    speech::frames(&cx, &mut spoken);
    let mut far = Vec::new();
    for h in &cx.hits {
        let rule = &lex.rules[h.rule];
        if let Some(why) = undone(&cx, h) {
            if near(&cx, h, src, tgt) {
                lines.push(format!(
                    "trigger `{}`: rule {}, frame {:?}, type {}\n  not read: {why}",
                    v.text(h.a, h.b),
                    rule.id,
                    rule.frame,
                    cx.kind_of(h.rule)
                ));
            } else {
                far.push(format!("`{}` ({})", v.text(h.a, h.b), rule.id));
            }
            continue;
        }
        let windows: Vec<Cand> = if is_speech(rule.frame) {
            spoken
                .iter()
                .filter(|c| c.trig == (h.a, h.b))
                .cloned()
                .collect()
        } else {
            let mut o = Vec::new();
            window_cands(&cx, h, &mut o);
            o
        };
        let reads = parse_reads(&cx, h, drew(&cx, &windows));
        let mut by_parse = Vec::new();
        if let (true, Some(t)) = (reads, v.tree()) {
            deps::cands(&cx, t, patterns::builtin(), h, &mut by_parse);
        }
        let touches = |cs: &[Cand]| {
            cs.iter()
                .any(|c| [src, tgt].contains(&c.src.entity) || [src, tgt].contains(&c.tgt.entity))
        };
        if !touches(&windows) && !touches(&by_parse) && !near(&cx, h, src, tgt) {
            far.push(format!("`{}` ({})", v.text(h.a, h.b), rule.id));
            continue;
        }
        lines.push(format!(
            "trigger `{}`: rule {}, frame {:?}, type {}",
            v.text(h.a, h.b),
            rule.id,
            rule.frame,
            cx.kind_of(h.rule)
        ));
        lines.extend(verdicts("windows", &cx, &windows, src, tgt));
        let Some(t) = v.tree() else {
            lines.push("  parse: none for this sentence".to_string());
            continue;
        };
        lines.extend(parse_steps(&cx, t, h, src, tgt));
        if reads {
            lines.extend(verdicts("parse", &cx, &by_parse, src, tgt));
        } else {
            let why = if !windows.is_empty() {
                "the windows drew edges for this trigger"
            } else if is_speech(rule.frame) || is_event(rule.frame) {
                "names do not stand on both sides of the trigger (nor two after a noun)"
            } else if rule.frame == Frame::Role {
                "the sentence names fewer than two actors"
            } else if rule.frame.is_clause_word() {
                "a word of blame adds to the claim of a speech trigger of the sentence"
            } else {
                "this frame is read by the windows only"
            };
            lines.push(format!("  parse not consulted: {why}"));
        }
    }
    if !far.is_empty() {
        lines.push(format!(
            "triggers far from both, drawing nothing for either: {}",
            far.join(", ")
        ));
    }
    let mut pre = Vec::new();
    inname::premod(&cx, &mut pre);
    inname::party_member(&cx, &mut pre);
    inname::cands(&cx, &mut pre);
    if pre.iter().any(|c| pair(c, src, tgt)) {
        lines.extend(verdicts(
            "name before or inside a name",
            &cx,
            &pre,
            src,
            tgt,
        ));
    }
    lines
}

fn is_speech(f: Frame) -> bool {
    matches!(f, Frame::Speech | Frame::Tell | Frame::According)
}

fn is_event(f: Frame) -> bool {
    matches!(
        f,
        Frame::Verb | Frame::VerbRev | Frame::Noun | Frame::NounSubj
    )
}

/// Does the trigger stand between the two actors, or within two steps of the parse of both?
fn near(cx: &Ctx, h: &Hit, src: usize, tgt: usize) -> bool {
    let v = cx.v;
    let spans = |e: usize| v.spans.iter().filter(move |s| s.entity == e);
    let between = spans(src).any(|a| {
        spans(tgt).any(|b| {
            let (lo, hi) = (a.b.min(b.b), a.a.max(b.a));
            lo <= h.a && h.b <= hi
        })
    });
    if between {
        return true;
    }
    let Some(t) = v.tree() else {
        return false;
    };
    let k = deps::trigger_token(t, h.a, h.b);
    let close = |e: usize| {
        spans(e).any(|s| {
            let p = t.path(k, deps::trigger_token(t, s.a, s.b));
            p.split_whitespace().count() <= 2
        })
    };
    close(src) && close(tgt)
}

fn pair(c: &Cand, src: usize, tgt: usize) -> bool {
    (c.src.entity, c.tgt.entity) == (src, tgt) || (c.src.entity, c.tgt.entity) == (tgt, src)
}

/// The trigger as parsed, the dependency path to each of the two actors, and what each
/// pattern of the trigger's frame reached.
fn parse_steps(cx: &Ctx, t: &Tree, h: &Hit, src: usize, tgt: usize) -> Vec<String> {
    let v = cx.v;
    let k = deps::trigger_token(t, h.a, h.b);
    let path_to = |e: usize| {
        v.spans
            .iter()
            .find(|s| s.entity == e)
            .map(|s| t.path(k, deps::trigger_token(t, s.a, s.b)))
            .map_or("(not in this sentence)".to_string(), |p| format!("`{p}`"))
    };
    let mut lines = vec![format!(
        "  parse: `{}` is {:?} ({}); path to {}: {}; to {}: {}",
        v.w(k),
        t.upos(k),
        t.rel(k),
        cx.entities[src].name,
        path_to(src),
        cx.entities[tgt].name,
        path_to(tgt)
    )];
    let frame = cx.lex.rules[h.rule].frame;
    let names = |xs: &[super::Actor]| {
        let mut n: Vec<&str> = xs
            .iter()
            .map(|a| cx.entities[a.entity].name.as_str())
            .collect();
        n.dedup();
        if n.is_empty() {
            "nothing".to_string()
        } else {
            n.join(", ")
        }
    };
    let mut other_pos = Vec::new();
    for p in patterns::builtin()
        .iter()
        .filter(|p| p.frames.contains(&frame))
    {
        if !p.pos.contains(&t.upos(k)) {
            other_pos.push(p.id.as_str());
            continue;
        }
        let head = format!(
            "  pattern {} (source `{}`, target `{}`)",
            p.id, p.source_text, p.target_text
        );
        let srcs = deps::reach(cx, t, k, &p.source, &[], !is_speech(frame));
        let tgts = deps::reach(cx, t, k, &p.target, &srcs, true);
        lines.push(format!(
            "{head}: source reaches {}; target reaches {}",
            names(&srcs),
            names(&tgts)
        ));
    }
    if !other_pos.is_empty() {
        lines.push(format!(
            "  patterns {} of this frame want another part of speech than {:?}",
            other_pos.join(", "),
            t.upos(k)
        ));
    }
    lines
}

/// What one stage drew, as it concerns the pair: the edge, the type check that refused it,
/// or the other edges it drew instead.
fn verdicts(stage: &str, cx: &Ctx, cands: &[Cand], src: usize, tgt: usize) -> Vec<String> {
    let name = |e: usize| cx.entities[e].name.as_str();
    let mine: Vec<&Cand> = cands.iter().filter(|c| pair(c, src, tgt)).collect();
    if mine.is_empty() {
        if cands.is_empty() {
            return vec![format!("  {stage}: drew nothing")];
        }
        let mut others: Vec<String> = cands
            .iter()
            .map(|c| format!("{} {} {}", name(c.src.entity), c.kind, name(c.tgt.entity)))
            .collect();
        others.dedup();
        return vec![format!(
            "  {stage}: nothing between them (drew {})",
            others.join("; ")
        )];
    }
    mine.iter()
        .map(|c| {
            let edge = format!(
                "{}{} {} {}",
                name(c.src.entity),
                if c.negated { " not" } else { "" },
                c.kind,
                name(c.tgt.entity)
            );
            let way = if c.src.entity == src {
                ""
            } else {
                " (the other way)"
            };
            if super::article::is_people_deed(cx.lex, c) {
                format!(
                    "  {stage}: {edge}{way} not drawn: a CAMEO verb of deeds between two people \
                     reads a match report or show business, not an act of state"
                )
            } else if cx.lex.types.allows(c.kind, c.src.kind, c.tgt.kind) {
                format!("  {stage}: draws {edge}{way}")
            } else {
                format!(
                    "  {stage}: {edge}{way} refused by the type check: {} runs {}, not {} -> {} \
                     (data/relation-types.tsv)",
                    c.kind,
                    cx.lex.types.signature(c.kind),
                    c.src.kind.as_str(),
                    c.tgt.kind.as_str()
                )
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlp::relations::testutil::view_of;

    fn explain(marked: &str, src: &str, tgt: &str) -> String {
        let lex = Lexicon::builtin();
        let (v, ents) = view_of(marked);
        let refs = crate::nlp::relations::testutil::refs(&ents);
        let at = |n: &str| ents.iter().position(|(x, _)| x == n).unwrap();
        why_not(&lex, &v, &refs, at(src), at(tgt)).join("\n")
    }

    #[test]
    fn a_cameo_deed_between_people_is_said() {
        let s = explain(
            "[Ann Marsh|person] defeated [Bo Lind|person] in the final.",
            "Ann Marsh",
            "Bo Lind",
        );
        assert!(s.contains("CAMEO verb of deeds between two people"), "{s}");
    }

    #[test]
    fn no_trigger_is_said() {
        let s = explain(
            "[China|country] and [Japan|country] were mentioned.",
            "China",
            "Japan",
        );
        assert!(s.starts_with("no trigger"), "{s}");
    }

    #[test]
    fn a_drawn_edge_is_shown_with_its_trigger() {
        let s = explain(
            "[China|country] banned imports from [Japan|country].",
            "China",
            "Japan",
        );
        assert!(s.contains("trigger `banned`"), "{s}");
        assert!(s.contains("draws China bans Japan"), "{s}");
    }

    #[test]
    fn the_type_check_is_named_when_it_refuses() {
        // `member_of` takes no country as its target.
        let s = explain(
            "[Japan|country] joined [France|country] last year.",
            "Japan",
            "France",
        );
        assert!(s.contains("trigger `joined`"), "{s}");
        assert!(s.contains("refused by the type check"), "{s}");
    }

    #[test]
    fn patterns_say_what_they_reached() {
        // Names on both sides, a trigger the windows cannot read: the parse is shown.
        let s = explain(
            "[China|country], after weeks of talks among officials, finally banned the sale to [Japan|country].",
            "China",
            "Japan",
        );
        assert!(
            s.contains("pattern D1 (source `subj`, target `obj`)"),
            "{s}"
        );
        assert!(s.contains("path to China: `"), "{s}");
    }

    #[test]
    fn a_trigger_the_stage_sets_aside_says_why() {
        let s = explain(
            "[Russia|country] suspended air links with [Georgia|country] on Monday.",
            "Russia",
            "Georgia",
        );
        assert!(s.contains("trigger `links`"), "{s}");
        assert!(s.contains("not read: a verb of sanction cuts it"), "{s}");
        // `received` is no trigger of the built-in lexicon (it meant a meeting in too few of
        // its uses: `received approval from`, `received an Oscar`); a user's row that makes it
        // one is set aside before the aid noun after it.
        let loan = "[Kenya|country] received a loan from [Japan|country] last year.";
        let s = explain(loan, "Japan", "Kenya");
        assert!(!s.contains("trigger `received`"), "{s}");
        assert!(s.contains("draws Japan aids Kenya"), "{s}");
        let dir = tempfile::tempdir().unwrap();
        let row = "U1\tverb\treceived\tmeets\t[Ann Marsh|person] received [Bo Lind|person].\tAnn Marsh>meets>Bo Lind\n";
        std::fs::write(dir.path().join("relations.tsv"), row).unwrap();
        let lex = Lexicon::load(Some(dir.path())).unwrap();
        let (v, ents) = view_of(loan);
        let refs = crate::nlp::relations::testutil::refs(&ents);
        let s = why_not(&lex, &v, &refs, 1, 0).join("\n");
        assert!(s.contains("trigger `received`"), "{s}");
        assert!(s.contains("not read: a verb of receiving"), "{s}");
        assert!(s.contains("draws Japan aids Kenya"), "{s}");
    }
}
