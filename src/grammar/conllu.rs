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
    Sentences::new(text.as_bytes())
        .map(|s| s.map_err(|e| e.at_line()))
        .collect()
}

/// Why a CoNLL-U stream could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// A malformed line: its number (from 1) and what is wrong with it.
    Line(usize, String),
    /// The input itself failed after `usize` lines.
    Io(usize, std::io::Error),
}

impl ReadError {
    /// The line number and the reason, for either kind.
    pub fn at_line(self) -> (usize, String) {
        match self {
            ReadError::Line(n, r) => (n, r),
            ReadError::Io(n, e) => (n, format!("cannot read: {e}")),
        }
    }
}

/// CoNLL-U read a sentence at a time, so a file of any size is held one sentence at a time;
/// bytes that are not UTF-8 are replaced, line by line, as `String::from_utf8_lossy` does.
pub struct Sentences<R> {
    input: R,
    line: Vec<u8>,
    n: usize,
    done: bool,
}

impl<R: std::io::BufRead> Sentences<R> {
    pub fn new(input: R) -> Sentences<R> {
        Sentences {
            input,
            line: Vec::new(),
            n: 0,
            done: false,
        }
    }
}

impl<R: std::io::BufRead> Iterator for Sentences<R> {
    type Item = Result<Sentence, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut cur = Sentence::default();
        while !self.done {
            self.line.clear();
            match self.input.read_until(b'\n', &mut self.line) {
                Ok(0) => self.done = true,
                Ok(_) => {
                    self.n += 1;
                    let text = String::from_utf8_lossy(&self.line);
                    let line = text.trim_end_matches('\n').trim_end_matches('\r');
                    match add_line(&mut cur, line) {
                        Ok(true) => return Some(Ok(cur)),
                        Ok(false) => {}
                        Err(reason) => {
                            self.done = true;
                            return Some(Err(ReadError::Line(self.n, reason)));
                        }
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.done = true;
                    return Some(Err(ReadError::Io(self.n, e)));
                }
            }
        }
        (!cur.words.is_empty()).then_some(Ok(cur))
    }
}

/// Adds one line to the sentence being read; `true` when a blank line ends a sentence that
/// has words or comments.
fn add_line(cur: &mut Sentence, line: &str) -> Result<bool, String> {
    if line.trim().is_empty() {
        return Ok(!cur.words.is_empty() || !cur.comments.is_empty());
    }
    if line.starts_with('#') {
        cur.comments.push(line.to_string());
        return Ok(false);
    }
    // the columns by one byte scan, without a Vec: `split('\t').collect()` cost about 1,200
    // instructions a word (callgrind, EWT dev)
    let (mut cols, mut k, mut start) = ([""; 10], 0, 0);
    for (i, b) in line.bytes().enumerate().chain([(line.len(), b'\t')]) {
        if b == b'\t' {
            if let Some(c) = cols.get_mut(k) {
                *c = &line[start..i];
            }
            k += 1;
            start = i + 1;
        }
    }
    if k != 10 {
        return Err(format!("expected 10 tab-separated columns, found {k}"));
    }
    if cols[0].contains('-') || cols[0].contains('.') {
        cur.extra.push((cur.words.len(), line.to_string()));
        return Ok(false);
    }
    if cols[0].parse::<usize>().is_err() {
        return Err(format!("word id `{}` is not a number", cols[0]));
    }
    cur.words.push(Word {
        id: cols[0].to_string(),
        form: cols[1].to_string(),
        upos: Upos::parse(cols[3]),
        xpos: cols[4].to_string(),
        head: cols[6].parse().unwrap_or(0),
        deprel: cols[7].to_string(),
    });
    Ok(false)
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

    /// Read through a tiny buffer, with CRLF endings and a byte that is not UTF-8, the stream
    /// gives the sentences of the whole text, and a bad line stops it with its number.
    #[test]
    fn streams_the_same_sentences() {
        let crlf = SAMPLE.replace('\n', "\r\n");
        let two = format!("{SAMPLE}\n\n{crlf}");
        let input = std::io::BufReader::with_capacity(3, two.as_bytes());
        let got: Vec<Sentence> = Sentences::new(input).map(Result::unwrap).collect();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0], got[1]);
        assert_eq!(got, read(&two).unwrap());
        let mut bad = SAMPLE.as_bytes().to_vec();
        bad.extend_from_slice(b"1\tCaf\xe9\t_\tNOUN\t_\t_\t0\troot\t_\t_\n2\tx\n");
        let mut s = Sentences::new(&bad[..]);
        assert_eq!(s.next().unwrap().unwrap(), got[0]);
        match s.next() {
            Some(Err(ReadError::Line(9, _))) => {}
            other => panic!("{other:?}"),
        }
        assert!(s.next().is_none());
        let lossy = Sentences::new(&bad[..bad.len() - 5])
            .nth(1)
            .unwrap()
            .unwrap();
        assert_eq!(lossy.words[0].form, "Caf\u{fffd}");
    }

    #[test]
    fn short_line_names_its_line() {
        let err = read("# x\n1\tIt\tPRON\n").unwrap_err();
        assert_eq!(err.0, 2);
    }
}
