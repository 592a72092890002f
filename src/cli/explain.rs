//! `newsgraph explain ARTICLE`: an article sentence by sentence with its mentions marked
//! (`[China|country]`), then each edge with the rule that drew it, its confidence, and the
//! dependency pattern when the parse found its actors. Reads the store only; nothing is
//! extracted again.

use crate::error::{Error, Result};
use crate::store::explain::{Explained, ExplainedMention};
use crate::store::Store;
use std::io::Write;
use std::path::Path;

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The article: its row id (`article_id` in the views) or its external id.
    pub article: String,
    /// Print JSON (sentences with their mentions, then edges) instead of text.
    #[arg(long)]
    pub json: bool,
    /// Also draw each sentence's dependency parse (words, UPOS, relations) under it.
    #[arg(long)]
    pub tree: bool,
    /// Why no edge (or not the one expected) runs between two actors of the article: the
    /// relation stage replayed step by step on each sentence holding both.
    #[arg(long, num_args = 2, value_names = ["SOURCE", "TARGET"])]
    pub why_not: Option<Vec<String>>,
    /// Replay `--why-not` with a lexicon directory's rows (as `ingest --lexicon`), to try a
    /// new row before ingesting again. Default: $NEWSGRAPH_LEXICON, else
    /// ~/.config/newsgraph/lexicon if it exists.
    #[arg(long, env = "NEWSGRAPH_LEXICON")]
    pub lexicon: Option<std::path::PathBuf>,
}

pub fn run(args: &ExplainArgs, db: &Path) -> Result<()> {
    let store = Store::open_readonly(db)?;
    let Some(e) = store.explain(&args.article)? else {
        return Err(Error::Usage(format!(
            "{}: no article with that id or external id in {}",
            args.article,
            db.display()
        )));
    };
    let mut out = std::io::stdout().lock();
    if let Some(pair) = &args.why_not {
        let dir = args.lexicon.clone().or_else(super::ingest::default_lexicon);
        // the extractor's lexicon replays the relation stage; its cues tell a sports report
        let x = crate::nlp::Extractor::new(dir.as_deref())?;
        let text: Vec<&str> = e.sentences.iter().map(|(_, t)| t.as_str()).collect();
        let sports =
            crate::nlp::genre::is_sports_report(&crate::nlp::tokenize(&text.join(" ")), &x.cues);
        let found = super::whynot::run(&x.lexicon, &e, &pair[0], &pair[1], sports)?;
        if args.json {
            let j = serde_json::json!({"source": pair[0], "target": pair[1], "sentences": found});
            serde_json::to_writer_pretty(&mut out, &j).map_err(|e| Error::Output(e.into()))?;
            return writeln!(out).map_err(Error::from);
        }
        return out
            .write_all(super::whynot::render(&pair[0], &pair[1], &found).as_bytes())
            .map_err(Error::from);
    }
    if args.json {
        serde_json::to_writer_pretty(&mut out, &json(&e)).map_err(|e| Error::Output(e.into()))?;
        return writeln!(out).map_err(Error::from);
    }
    out.write_all(render(&e, args.tree).as_bytes())
        .map_err(Error::from)
}

/// `explain --json`: the article, each sentence with its mentions (code-point offsets into
/// the sentence), and each edge with its sentence index, rule, confidence and trigger.
pub fn json(e: &Explained) -> serde_json::Value {
    use serde_json::json;
    let sentences: Vec<_> = e
        .sentences
        .iter()
        .map(|(idx, text)| {
            let mentions: Vec<_> = e
                .mentions
                .iter()
                .filter(|m| m.sentence == *idx)
                .map(|m| json!({"start": m.start, "end": m.end, "surface": m.surface, "entity": m.name, "type": m.kind}))
                .collect();
            json!({"idx": idx, "text": text, "mentions": mentions})
        })
        .collect();
    let relations: Vec<_> = e
        .relations
        .iter()
        .map(|r| {
            json!({"sentence": r.sentence, "source": r.source, "type": r.kind, "target": r.target,
                   "negated": r.negated, "confidence": r.confidence, "rule": r.rule, "trigger": r.trigger,
                   "pattern": crate::nlp::relations::patterns::describe(&r.rule)})
        })
        .collect();
    json!({"article_id": e.article_id, "external_id": e.external_id, "title": e.title,
           "sentences": sentences, "relations": relations})
}

/// The text of `explain`, as printed.
pub fn render(e: &Explained, tree: bool) -> String {
    let mut s = format!(
        "article {}{}{}\n\n",
        e.article_id,
        e.external_id
            .as_deref()
            .map(|x| format!(" ({x})"))
            .unwrap_or_default(),
        e.title
            .as_deref()
            .map(|t| format!(": {t}"))
            .unwrap_or_default()
    );
    for (idx, text) in &e.sentences {
        let ms: Vec<&ExplainedMention> = e.mentions.iter().filter(|m| m.sentence == *idx).collect();
        s.push_str(&format!(
            "[{idx}] {}\n",
            mark(text, &ms)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        ));
        if tree {
            s.push_str(&super::parse::tree(
                crate::grammar::Grammar::builtin(),
                text,
                "      ",
            ));
        }
    }
    s.push_str(&format!("\n{} edges\n", e.relations.len()));
    for r in &e.relations {
        s.push_str(&format!(
            "[{}] {}{} -{}-> {}  rule {} confidence {:.2} trigger \"{}\"\n",
            r.sentence,
            if r.negated { "NOT " } else { "" },
            r.source,
            r.kind,
            r.target,
            r.rule,
            r.confidence,
            r.trigger
        ));
        if let Some(d) = crate::nlp::relations::patterns::describe(&r.rule) {
            s.push_str(&format!("      by the parse: {d}\n"));
        }
    }
    s
}

/// The sentence with each mention as `[surface|type]` (and `=Name` when named otherwise).
fn mark(text: &str, ms: &[&ExplainedMention]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut at = 0;
    for m in ms {
        if m.start < at || m.end > chars.len() || m.start >= m.end {
            continue;
        }
        out.extend(&chars[at..m.start]);
        let surface: String = chars[m.start..m.end].iter().collect();
        out.push('[');
        out.push_str(&surface);
        out.push('|');
        out.push_str(&m.kind);
        if m.name != surface {
            out.push('=');
            out.push_str(&m.name);
        }
        out.push(']');
        at = m.end;
    }
    out.extend(&chars[at.min(chars.len())..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::explain::ExplainedRelation;

    #[test]
    fn render_marks_mentions_and_lists_edges() {
        let m = |start, end, name: &str, kind: &str| ExplainedMention {
            sentence: 0,
            start,
            end,
            name: name.into(),
            kind: kind.into(),
            surface: String::new(),
        };
        let e = Explained {
            article_id: 3,
            external_id: Some("x".into()),
            title: None,
            sentences: vec![(0, "China has banned North Korean ore.".into())],
            mentions: vec![
                m(0, 5, "China", "country"),
                m(17, 29, "North Korea", "country"),
            ],
            relations: vec![ExplainedRelation {
                sentence: 0,
                source: "China".into(),
                kind: "bans".into(),
                target: "North Korea".into(),
                negated: true,
                confidence: 0.5,
                trigger: "banned".into(),
                rule: "V17+M1".into(),
            }],
        };
        let s = render(&e, false);
        assert!(
            s.contains("[0] [China|country] has banned [North Korean|country=North Korea] ore."),
            "{s}"
        );
        assert!(
            s.contains("NOT China -bans-> North Korea  rule V17+M1 confidence 0.50"),
            "{s}"
        );
        assert!(!s.contains("by the parse"), "{s}");
        let mut e = e;
        e.relations[0].rule = "V17+M1@D1".into();
        let s = render(&e, false);
        assert!(
            s.contains("by the parse: pattern D1: source `subj`, target `obj`"),
            "{s}"
        );
        assert_eq!(
            json(&e)["relations"][0]["pattern"],
            serde_json::json!("pattern D1: source `subj`, target `obj`")
        );
    }
}
