//! CoNLL-U in and out: the treebank sentences training reads, and the rows `parse` writes.

use super::tags::Upos;

/// One word line of a treebank (multiword ranges and empty nodes are kept apart).
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub id: String,
    pub form: String,
    pub upos: Option<Upos>,
    /// The treebank's own tag (PTB for EWT and GUM: `VBD`, `TO`).
    pub xpos: String,
    /// 0 = root; words are numbered from 1.
    pub head: usize,
    pub deprel: String,
}

/// A sentence: its comment lines, its words, and the other lines (ranges, empty nodes) with
/// the index of the word they stand before, so they can be written back in place.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sentence {
    pub comments: Vec<String>,
    pub words: Vec<Word>,
    pub extra: Vec<(usize, String)>,
}

/// Reads a CoNLL-U file; a word line without 10 columns is an error naming its line.
pub fn read(text: &str) -> Result<Vec<Sentence>, (usize, String)> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.words.is_empty() || !cur.comments.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if line.starts_with('#') {
            cur.comments.push(line.to_string());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err((
                n + 1,
                format!("expected 10 tab-separated columns, found {}", cols.len()),
            ));
        }
        if cols[0].contains('-') || cols[0].contains('.') {
            cur.extra.push((cur.words.len(), line.to_string()));
            continue;
        }
        if cols[0].parse::<usize>().is_err() {
            return Err((n + 1, format!("word id `{}` is not a number", cols[0])));
        }
        cur.words.push(Word {
            id: cols[0].to_string(),
            form: cols[1].to_string(),
            upos: Upos::parse(cols[3]),
            xpos: cols[4].to_string(),
            head: cols[6].parse().unwrap_or(0),
            deprel: cols[7].to_string(),
        });
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// The sentence has a usable gold tree: every head in range, exactly one root.
pub fn is_tree(s: &Sentence) -> bool {
    let n = s.words.len();
    s.words.iter().all(|w| w.head <= n && w.upos.is_some())
        && s.words.iter().filter(|w| w.head == 0).count() == 1
        && s.words.iter().enumerate().all(|(i, w)| w.head != i + 1)
}

/// Writes one word line: ID and FORM as given, then UPOS, HEAD and DEPREL.
pub fn word_line(out: &mut String, id: &str, form: &str, upos: Upos, head: usize, deprel: &str) {
    use std::fmt::Write;
    let _ = writeln!(out, "{id}\t{form}\t_\t{upos}\t_\t_\t{head}\t{deprel}\t_\t_");
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# text = It's here.\n1-2\tIt's\t_\t_\t_\t_\t_\t_\t_\t_\n1\tIt\tit\tPRON\t_\t_\t3\tnsubj\t_\t_\n2\t's\tbe\tAUX\t_\t_\t3\tcop\t_\t_\n3\there\there\tADV\t_\t_\t0\troot\t_\t_\n4\t.\t.\tPUNCT\t_\t_\t3\tpunct\t_\t_\n\n";

    #[test]
    fn reads_words_ranges_and_comments() {
        let s = read(SAMPLE).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].words.len(), 4);
        assert_eq!(s[0].extra.len(), 1);
        assert_eq!(s[0].words[1].deprel, "cop");
        assert_eq!(s[0].words[0].head, 3);
        assert!(is_tree(&s[0]));
    }

    #[test]
    fn short_line_names_its_line() {
        let err = read("# x\n1\tIt\tPRON\n").unwrap_err();
        assert_eq!(err.0, 2);
    }
}
