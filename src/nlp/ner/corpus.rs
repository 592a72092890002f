//! Annotated text for training and measuring the recognizer: readers for the formats in
//! `../shared/ner/` (GUM's derived tsv, Universal NER's iob2, CrossNER's two columns), their
//! types mapped onto `PER`/`ORG`/`LOC`/`MISC`, and a [`Doc`] built over their own tokens.

use super::tags;
use crate::model::SentenceSpan;
use crate::nlp::doc::{Doc, Token};

/// One document: its words, sentence boundaries (word ranges) and BILOU classes.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub words: Vec<String>,
    pub sentences: Vec<std::ops::Range<usize>>,
    pub classes: Vec<usize>,
}

/// The corpus formats read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// GUM derived: `token UPOS BIO type wiki`, `# doc = ` starts a document.
    Gum,
    /// Universal NER: `# newdoc id` starts a document; `idx token BIO ...`.
    Uner,
    /// CrossNER: `token BIO` with fine types; no documents (one per 20 sentences).
    CrossNer,
}

/// A corpus type as a class index; `None` is not a name.
pub fn map_type(format: Format, t: &str) -> Option<usize> {
    let c = match (format, t) {
        (_, "PER" | "person" | "politician") => "PER",
        (_, "ORG" | "organisation" | "politicalparty") => "ORG",
        (_, "LOC" | "location" | "country") => "LOC",
        (Format::Uner, "OTH") => "MISC",
        (_, "MISC" | "EVENT" | "misc" | "event" | "election") => "MISC",
        _ => return None,
    };
    tags::TYPES.iter().position(|x| *x == c)
}

/// Read one corpus file's text.
pub fn read(text: &str, format: Format) -> Vec<Document> {
    let mut docs = Vec::new();
    let mut doc = Document::default();
    let mut words: Vec<String> = Vec::new();
    let mut bio: Vec<String> = Vec::new();
    let mut in_doc = 0usize;
    let flush_sentence = |doc: &mut Document, words: &mut Vec<String>, bio: &mut Vec<String>| {
        if words.is_empty() {
            return;
        }
        let refs: Vec<&str> = bio.iter().map(String::as_str).collect();
        let start = doc.words.len();
        doc.classes
            .extend(tags::bilou(&refs, |t| map_type(format, t)));
        doc.words.append(words);
        doc.sentences.push(start..doc.words.len());
        bio.clear();
    };
    for line in text.lines() {
        let new_doc = match format {
            Format::Gum => line.starts_with("# doc ="),
            Format::Uner => line.starts_with("# newdoc"),
            Format::CrossNer => false,
        };
        if new_doc {
            flush_sentence(&mut doc, &mut words, &mut bio);
            if !doc.words.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            continue;
        }
        if line.starts_with('#') && format != Format::CrossNer {
            continue;
        }
        if line.trim().is_empty() {
            flush_sentence(&mut doc, &mut words, &mut bio);
            in_doc += 1;
            if format == Format::CrossNer && in_doc % 20 == 0 && !doc.words.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let (w, t) = match format {
            Format::Gum if f.len() >= 3 => (f[0], f[2]),
            Format::Uner if f.len() >= 3 => (f[1], f[2]),
            Format::CrossNer if f.len() >= 2 => (f[0], f[1]),
            _ => continue,
        };
        let t = if t.ends_with("-O") { "O" } else { t };
        words.push(w.to_string());
        bio.push(t.to_string());
    }
    flush_sentence(&mut doc, &mut words, &mut bio);
    if !doc.words.is_empty() {
        docs.push(doc);
    }
    docs
}

/// The document's words joined by spaces, for [`doc`] to borrow.
pub fn text(d: &Document) -> String {
    d.words.join(" ")
}

/// A [`Doc`] whose tokens are exactly the document's words (`text` from [`text`]).
pub fn doc<'a>(d: &Document, text: &'a str) -> Doc<'a> {
    let mut tokens = Vec::with_capacity(d.words.len());
    let mut sentence_of = vec![0usize; d.words.len()];
    for (s, r) in d.sentences.iter().enumerate() {
        sentence_of[r.clone()].iter_mut().for_each(|x| *x = s);
    }
    let (mut b, mut c) = (0usize, 0usize);
    for (i, w) in d.words.iter().enumerate() {
        let n = w.chars().count();
        tokens.push(Token {
            start: c,
            end: c + n,
            bstart: b,
            bend: b + w.len(),
            text: &text[b..b + w.len()],
            lower: w.to_lowercase(),
            sentence: sentence_of[i],
            nl_before: 0,
            indented: false,
            space_before: i > 0,
        });
        b += w.len() + 1;
        c += n + 1;
    }
    let sentences = d
        .sentences
        .iter()
        .filter(|r| !r.is_empty())
        .map(|r| SentenceSpan {
            start: tokens[r.start].start,
            end: tokens[r.end - 1].end,
        })
        .collect();
    Doc {
        text,
        sentences,
        tokens,
        sentence_tokens: d.sentences.clone(),
        wrapped: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_each_format_into_documents_of_names() {
        let gum = "# doc = a\nKim\tPROPN\tB-PER\tperson\t_\nsaid\tVERB\tO\t_\t_\n\n# doc = b\nIn\tADP\tO\t_\t_\nSeoul\tPROPN\tB-LOC\tplace\t_\n";
        let d = read(gum, Format::Gum);
        assert_eq!(d.len(), 2);
        assert_eq!(tags::spans(&d[1].classes), [(1, 1, 2)]);
        let uner = "# newdoc id = x\n# text = Bob in Ohio\n1\tBob\tB-PER\t-\t-\n2\tin\tB-O\t-\t-\n3\tOhio\tB-LOC\t-\t-\n";
        let d = read(uner, Format::Uner);
        assert_eq!(tags::spans(&d[0].classes), [(0, 0, 0), (2, 2, 2)]);
        let cross = "The\tO\nUnited\tB-politicalparty\nRussia\tI-politicalparty\n";
        let d = read(cross, Format::CrossNer);
        assert_eq!(tags::spans(&d[0].classes), [(1, 2, 1)]);
        let text = text(&d[0]);
        let doc = doc(&d[0], &text);
        assert_eq!(doc.tokens[2].text, "Russia");
        assert_eq!(doc.slice(1, 2), "United Russia");
    }
}
