//! `newsgraph parse`: how the grammar reads text, as CoNLL-U (raw text in, or CoNLL-U in with
//! its words kept and its tags, heads and relations replaced, the contract UD scorers read).

use crate::error::{Error, Result};
use crate::grammar::{conllu, tokens, Grammar};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct ParseArgs {
    /// Text file to parse (`-` or nothing: standard input).
    pub file: Option<PathBuf>,
    /// Read CoNLL-U and keep its sentences and words (ID, FORM); write UPOS, HEAD and DEPREL.
    #[arg(long)]
    pub conllu: bool,
}

/// The raw text to parse, from a file or standard input (bytes that are not UTF-8 replaced).
fn read_text(file: Option<&Path>) -> Result<String> {
    let mut bytes = Vec::new();
    match file {
        Some(p) if p != Path::new("-") => {
            bytes = std::fs::read(p).map_err(|e| Error::io(p, e))?;
        }
        _ => {
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| Error::io("<stdin>", e))?;
        }
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

pub fn run(args: &ParseArgs) -> Result<()> {
    let g = Grammar::builtin();
    let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    if args.conllu {
        // CoNLL-U streams: a sentence read, parsed and written at a time
        match args.file.as_deref() {
            Some(p) if p != Path::new("-") => {
                let f = std::fs::File::open(p).map_err(|e| Error::io(p, e))?;
                let input = std::io::BufReader::with_capacity(1 << 16, f);
                conllu_in(g, &p.display().to_string(), input, &mut stdout)?;
            }
            _ => conllu_in(g, "<stdin>", std::io::stdin().lock(), &mut stdout)?,
        }
    } else {
        let text = read_text(args.file.as_deref())?;
        raw(g, &text, &mut stdout)?;
    }
    stdout.flush()?;
    Ok(())
}

/// Raw text: sentences and UD words from the tokenizer, with `TokenRange` (code points) and
/// `SpaceAfter=No` in MISC, as UDPipe writes them; each sentence written as it is parsed.
pub fn raw(g: &Grammar, text: &str, mut w: impl Write) -> Result<()> {
    use std::fmt::Write as _;
    let doc = crate::nlp::tokenize(text);
    let mut out = String::new();
    for s in 0..doc.sentences.len() {
        let words = tokens::words(&doc, s);
        if words.is_empty() {
            continue;
        }
        let forms: Vec<&str> = words.iter().map(|w| w.text).collect();
        let p = g.parse(&forms);
        out.clear();
        let stext = sent_text(&doc, &words);
        let _ = write!(out, "# sent_id = {}\n# text = {}\n", s + 1, stext);
        for (i, w) in words.iter().enumerate() {
            let glued = words.get(i + 1).is_some_and(|n| n.start == w.end);
            let _ = writeln!(
                out,
                "{}\t{}\t_\t{}\t_\t_\t{}\t{}\t_\tTokenRange={}:{}{}",
                i + 1,
                w.text,
                p.upos[i],
                p.head[i],
                g.label(p.deprel[i]),
                w.start,
                w.end,
                if glued { "|SpaceAfter=No" } else { "" }
            );
        }
        out.push('\n');
        w.write_all(out.as_bytes())?;
    }
    Ok(())
}

/// The sentence as written, on one line.
fn sent_text(doc: &crate::nlp::Doc, words: &[tokens::Word]) -> String {
    let (a, b) = (words[0].token, words[words.len() - 1].token);
    doc.slice(a, b)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// CoNLL-U in: every sentence out in order, comments and multiword lines kept, each written
/// as soon as it is parsed (a malformed line stops the run there, naming its line).
pub fn conllu_in(
    g: &Grammar,
    name: &str,
    input: impl std::io::BufRead,
    mut w: impl Write,
) -> Result<()> {
    let mut out = String::new();
    for s in conllu::Sentences::new(input) {
        let s = s.map_err(|e| match e {
            conllu::ReadError::Io(_, e) => Error::io(name, e),
            conllu::ReadError::Line(line, reason) => Error::Record {
                path: name.to_string(),
                line: line as u64,
                reason,
            },
        })?;
        out.clear();
        for c in &s.comments {
            out.push_str(c);
            out.push('\n');
        }
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let p = g.parse(&forms);
        let mut extra = s.extra.iter().peekable();
        for (i, w) in s.words.iter().enumerate() {
            while let Some((_, line)) = extra.next_if(|e| e.0 == i) {
                out.push_str(line);
                out.push('\n');
            }
            conllu::word_line(
                &mut out,
                &w.id,
                &w.form,
                p.upos[i],
                p.head[i],
                g.label(p.deprel[i]),
            );
        }
        for (_, line) in extra {
            out.push_str(line);
            out.push('\n');
        }
        out.push('\n');
        w.write_all(out.as_bytes())?;
    }
    Ok(())
}

/// A sentence's parse drawn as an indented tree, one word a line (`word UPOS relation`),
/// children in text order; every line starts with `indent`.
pub fn tree(g: &Grammar, text: &str, indent: &str) -> String {
    let doc = crate::nlp::tokenize(text);
    let mut out = String::new();
    for s in 0..doc.sentences.len() {
        let words = tokens::words(&doc, s);
        let forms: Vec<&str> = words.iter().map(|w| w.text).collect();
        let p = g.parse(&forms);
        let mut kids: Vec<Vec<usize>> = vec![Vec::new(); forms.len() + 1];
        for (i, &h) in p.head.iter().enumerate() {
            kids[h].push(i + 1);
        }
        let mut stack: Vec<(usize, String, bool)> = kids[0]
            .iter()
            .rev()
            .map(|&k| (k, String::new(), true))
            .collect();
        while let Some((w, prefix, last)) = stack.pop() {
            let i = w - 1;
            let branch = if prefix.is_empty() && p.head[i] == 0 {
                ""
            } else if last {
                "└─ "
            } else {
                "├─ "
            };
            out.push_str(&format!(
                "{indent}{prefix}{branch}{} {} {}\n",
                forms[i],
                p.upos[i],
                g.label(p.deprel[i])
            ));
            let child_prefix = if p.head[i] == 0 {
                prefix.clone()
            } else {
                format!("{prefix}{}", if last { "   " } else { "│  " })
            };
            let n = kids[w].len();
            for (j, &k) in kids[w].iter().enumerate().rev() {
                stack.push((k, child_prefix.clone(), j + 1 == n));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_text_gives_conllu_with_offsets_and_one_root_per_sentence() {
        let g = Grammar::builtin();
        let text = "The minister said talks failed. North Korea's envoy didn't comment.";
        let mut out = Vec::new();
        raw(g, text, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        let sents: Vec<&str> = out.trim_end().split("\n\n").collect();
        assert_eq!(sents.len(), 2);
        for s in &sents {
            let rows: Vec<Vec<&str>> = s
                .lines()
                .filter(|l| !l.starts_with('#'))
                .map(|l| l.split('\t').collect())
                .collect();
            assert!(rows.iter().all(|r| r.len() == 10));
            assert_eq!(rows.iter().filter(|r| r[6] == "0").count(), 1, "{s}");
            assert!(rows
                .iter()
                .all(|r| r[6].parse::<usize>().unwrap() <= rows.len()));
        }
        assert!(out.contains("# text = North Korea's envoy didn't comment."));
        assert!(out.contains("\tn't\t"));
        assert!(out.contains("TokenRange=4:12"));
    }

    #[test]
    fn conllu_in_keeps_ids_forms_comments_and_ranges() {
        let input = "# sent_id = a\n1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tdo\t_\t_\t_\t_\t0\t_\t_\t_\n2\tn't\t_\t_\t_\t_\t0\t_\t_\t_\n3\tgo\t_\t_\t_\t_\t0\t_\t_\t_\n\n";
        let mut out = Vec::new();
        conllu_in(Grammar::builtin(), "x", input.as_bytes(), &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "# sent_id = a");
        assert!(lines[1].starts_with("1-2\tdon't"));
        assert!(lines[2].starts_with("1\tdo\t_\t"));
        assert!(lines[4].starts_with("3\tgo\t_\tVERB\t"));
        let bad = "# a\n1\tx\t_\t_\t_\t_\t0\t_\t_\t_\n\n1\tx\n";
        let mut out = Vec::new();
        let err = conllu_in(Grammar::builtin(), "bad.conllu", bad.as_bytes(), &mut out);
        assert_eq!(
            err.unwrap_err().to_string(),
            "bad.conllu:4: expected 10 tab-separated columns, found 2"
        );
        // the sentence before the bad line was parsed and written
        assert!(String::from_utf8(out).unwrap().starts_with("# a\n1\tx\t"));
    }

    #[test]
    fn tree_draws_every_word_once() {
        let t = tree(Grammar::builtin(), "China banned imports of coal.", "  ");
        assert_eq!(t.lines().count(), 6);
        assert!(t.lines().next().unwrap().starts_with("  banned VERB root"));
    }
}
