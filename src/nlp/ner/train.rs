//! Training the recognizer: read the openly licensed corpora, align their types with the
//! gazetteers (a country is a place, a demonym is not an actor), and run the averaged
//! perceptron over them greedily, in a fixed order, so one command rebuilds the model file
//! byte for byte.

use super::corpus::{self, Document, Format};
use super::features::{self, DocFacts, Lexicons};
use super::tags::{self, Pos, CLASSES};
use crate::fxhash::FxMap;
use crate::learn::{Feats, Model, Trainer};
use crate::model::EntityType;
use std::path::{Path, PathBuf};

/// What to train on and how long.
#[derive(Debug, Clone)]
pub struct Options {
    /// The shared data directory (holding `ner/` and `treebanks/`).
    pub shared: PathBuf,
    pub epochs: usize,
    /// Quantisation step of the saved weights.
    pub precision: f32,
    /// Indices into [`TRAIN_FILES`] to train on.
    pub files: Vec<usize>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            shared: PathBuf::from("../shared"),
            epochs: 8,
            precision: 0.05,
            files: (0..TRAIN_FILES.len()).collect(),
        }
    }
}

/// Training files, relative to the shared directory (never CoNLL-2003, CoNLL04 or the
/// measurement corpora).
pub const TRAIN_FILES: [(&str, Format); 4] = [
    ("ner/gum/gum_ner_train.tsv", Format::Gum),
    (
        "ner/uner_en/ewt/en_ewt-ud-train.PRE-V1-DRAFT.iob2",
        Format::Uner,
    ),
    ("ner/crossner_politics/train.txt", Format::CrossNer),
    ("ner/crossner_politics/dev.txt", Format::CrossNer),
];

/// Held-out files the training command reports on.
pub const HELD_OUT: [(&str, Format); 3] = [
    ("ner/gum/gum_ner_test.tsv", Format::Gum),
    ("ner/uner_en/pud/en_pud-ud-test.iob2", Format::Uner),
    ("ner/crossner_politics/test.txt", Format::CrossNer),
];

/// Read corpus files under `shared`.
pub fn load(shared: &Path, files: &[(&str, Format)]) -> std::io::Result<Vec<Document>> {
    let mut out = Vec::new();
    for (f, format) in files {
        let text = std::fs::read_to_string(shared.join(f))?;
        out.extend(corpus::read(&text, *format));
    }
    Ok(out)
}

/// Gold names that a gazetteer knows as a country become places, and demonyms become `MISC`
/// (GUM types an acting country as an organisation and a people as persons).
pub fn align(d: &mut Document, lex: Lexicons) {
    let text = corpus::text(d);
    let doc = corpus::doc(d, &text);
    let mut key = String::new();
    let loc = tags::TYPES.iter().position(|t| *t == "LOC").unwrap_or(2);
    let misc = tags::TYPES.iter().position(|t| *t == "MISC").unwrap_or(3);
    for (first, last, typ) in tags::spans(&d.classes) {
        let Some((j, e)) = lex.gaz.longest(&doc, first, &mut key) else {
            continue;
        };
        if j != last {
            continue;
        }
        let new = if e.kind == "demonym" {
            misc
        } else if e.kind_type == EntityType::Country {
            loc
        } else {
            typ
        };
        if new != typ {
            for c in &mut d.classes[first..=last] {
                let pos = tags::split(*c).map_or(Pos::Unit, |x| x.1);
                *c = tags::class(new, pos);
            }
        }
    }
}

/// Words seen at most this often in training are trained without their identity.
const RARE: u32 = 1;

/// A fixed pseudo-random order (a linear congruential shuffle), so runs are identical.
fn order(n: usize, epoch: usize) -> Vec<usize> {
    let mut v: Vec<usize> = (0..n).collect();
    let mut s = 0x2545_f491_4f6c_dd1du64 ^ (epoch as u64).wrapping_mul(0x9e37_79b9);
    for i in (1..n).rev() {
        s = s
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        v.swap(i, (s >> 33) as usize % (i + 1));
    }
    v
}

/// Train on `docs` for `epochs` passes.
pub fn train_docs(docs: &[Document], lex: Lexicons, epochs: usize, precision: f32) -> Model {
    let mut freq: FxMap<String, u32> = FxMap::default();
    for d in docs {
        for w in &d.words {
            *freq.entry(w.to_lowercase()).or_default() += 1;
        }
    }
    let mut t = Trainer::new(CLASSES);
    let mut feats = Feats::default();
    let mut scores = vec![0f32; CLASSES];
    for epoch in 0..epochs {
        for &n in &order(docs.len(), epoch) {
            let d = &docs[n];
            let text = corpus::text(d);
            let doc = corpus::doc(d, &text);
            let facts = DocFacts::new(&doc, lex);
            for range in &doc.sentence_tokens {
                let (mut p1, mut p2) = (0usize, 0usize);
                for i in range.clone() {
                    let gold = d.classes[i];
                    if !facts.eligible[i] && gold == 0 {
                        (p2, p1) = (p1, 0);
                        continue;
                    }
                    let last = i + 1 >= range.end;
                    let known = freq.get(&doc.tokens[i].lower).is_some_and(|&n| n > RARE);
                    features::token(
                        &doc,
                        &facts,
                        lex,
                        range.start,
                        range.end,
                        i,
                        p1,
                        p2,
                        known,
                        &mut feats,
                    );
                    scores.iter_mut().for_each(|s| *s = 0.0);
                    t.scores(&feats.0, &mut scores);
                    let mut guess = 0;
                    for c in 0..CLASSES {
                        let ok =
                            |c| tags::allowed(p1, c, last) && !(facts.inner[i] && tags::starts(c));
                        if ok(c) && (!ok(guess) || scores[c] > scores[guess]) {
                            guess = c;
                        }
                    }
                    t.update(&feats.0, gold, guess);
                    t.tick();
                    (p2, p1) = (p1, guess);
                }
            }
        }
    }
    t.finish(precision, 0)
}

/// Typed exact-span precision, recall and F1 of `model` on `docs`.
pub fn evaluate(model: &Model, docs: &[Document], lex: Lexicons) -> (f64, f64, f64) {
    let (mut tp, mut np, mut ng) = (0usize, 0usize, 0usize);
    for d in docs {
        let text = corpus::text(d);
        let doc = corpus::doc(d, &text);
        let pred: Vec<(usize, usize, usize)> = super::spans(model, &doc, lex)
            .into_iter()
            .map(|s| (s.first, s.last, s.typ))
            .collect();
        let gold = tags::spans(&d.classes);
        tp += pred.iter().filter(|p| gold.contains(p)).count();
        np += pred.len();
        ng += gold.len();
    }
    let p = tp as f64 / np.max(1) as f64;
    let r = tp as f64 / ng.max(1) as f64;
    (p, r, 2.0 * p * r / (p + r).max(1e-9))
}

/// Train the shipped model from `opts.shared` with the built-in lexicons; the model file's
/// bytes.
pub fn train(opts: &Options) -> crate::error::Result<Vec<u8>> {
    let x = crate::nlp::Extractor::new(None)?;
    let lex = Lexicons {
        gaz: &x.gazetteer,
        cues: &x.cues,
    };
    let io = |e: std::io::Error| crate::error::Error::io(&opts.shared, e);
    let files: Vec<(&str, Format)> = opts.files.iter().map(|&i| TRAIN_FILES[i]).collect();
    let mut docs = load(&opts.shared, &files).map_err(io)?;
    docs.iter_mut().for_each(|d| align(d, lex));
    Ok(train_docs(&docs, lex, opts.epochs, opts.precision).to_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_slice_is_learned() {
        let x = crate::nlp::Extractor::new(None).unwrap();
        let lex = Lexicons {
            gaz: &x.gazetteer,
            cues: &x.cues,
        };
        let text = "# doc = a\n".to_string()
            + &"Zorbin\tPROPN\tB-PER\t_\t_\nQuaxley\tPROPN\tI-PER\t_\t_\nvisited\tVERB\tO\t_\t_\nVelmora\tPROPN\tB-LOC\t_\t_\n.\tPUNCT\tO\t_\t_\n\nThe\tDET\tO\t_\t_\nFrobco\tPROPN\tB-ORG\t_\t_\nGroup\tPROPN\tI-ORG\t_\t_\nsaid\tVERB\tO\t_\t_\nso\tADV\tO\t_\t_\n\n"
                .repeat(3);
        let docs = corpus::read(&text, Format::Gum);
        let m = train_docs(&docs, lex, 5, 0.01);
        let (p, r, _) = evaluate(&m, &docs, lex);
        assert_eq!((p, r), (1.0, 1.0));
        let again = train_docs(&docs, lex, 5, 0.01);
        assert_eq!(m.to_bytes(), again.to_bytes(), "training is deterministic");
    }
}
