//! Rebuilds every model file, byte for byte: `data/grammar/en.bin` from the UD English
//! treebanks and `data/ner/names.model` from `../shared/ner/` (as `--example train_ner`, which
//! also reports held-out figures):
//! `cargo run --release --example train -- [--treebanks DIR] [--out FILE] [--epochs N] [--dev]
//! [--grammar-only] [--seed N] [--no-wordnet] [--fine N]`.
//! The defaults build the shipped model: `--fine 300 --seed 1` with WordNet (session 13;
//! `--no-wordnet --fine 0 --seed 7` rebuilds the model of sessions 4 to 12).
//! `--fine N` trains a tagger of UPOS/XPOS pairs seen at least N times (the others go to their
//! UPOS's most frequent pair) and a parser reading them (`src/grammar/fine.rs`; 0: UPOS only).
//! The tagger reads WordNet's parts of speech of the words its dictionary does not know
//! (`data/grammar/wordnet.tsv`) unless `--no-wordnet`.
//! `--dev` also reports UPOS, UAS and LAS on the dev splits (for tuning; test is for reporting);
//! `--sweep 2,3` also reports them for other `--prune` levels of the same training;
//! `--relabel-only BASE [--tags-cache FILE]` trains only the relabeller again on top of the
//! model BASE and reports dev (under a minute once the jack-knifed tags are cached in FILE),
//! for tuning its features: the moves and arc labeller do not depend on it, so it gives what a
//! whole training would up to the shuffle order (a whole training continues the parser's
//! random stream; this one starts afresh), a difference of about 0.0006 LAS.
//! `--tagger-only` trains only the tagger and reports dev UPOS (seconds), for tuning
//! the tagger's features before a whole training.

use newsgraph::grammar::{train, Grammar};
use std::path::PathBuf;

fn main() {
    let mut dir = PathBuf::from("../shared/treebanks");
    let mut out = PathBuf::from("data/grammar/en.bin");
    // The shipped model's settings (session 13): the WordNet tagger of fine tags, seed 1.
    let mut o = train::Options {
        wordnet: true,
        fine: 300,
        seed: 1,
        ..train::Options::default()
    };
    let mut dev = false;
    let mut ner = true;
    let mut sweep: Vec<u32> = Vec::new();
    let mut relabel_base: Option<PathBuf> = None;
    let mut tags_cache: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || {
            args.next()
                .unwrap_or_else(|| fail(&format!("{a} needs a value")))
        };
        match a.as_str() {
            "--treebanks" => dir = val().into(),
            "--out" => out = val().into(),
            "--epochs" => o.parser_epochs = val().parse().unwrap_or_else(|_| fail("bad --epochs")),
            "--tagger-epochs" => {
                o.tagger_epochs = val()
                    .parse()
                    .unwrap_or_else(|_| fail("bad --tagger-epochs"))
            }
            "--folds" => o.folds = val().parse().unwrap_or_else(|_| fail("bad --folds")),
            "--seed" => o.seed = val().parse().unwrap_or_else(|_| fail("bad --seed")),
            "--prune" => o.prune = val().parse().unwrap_or_else(|_| fail("bad --prune")),
            "--dev" => dev = true,
            "--wordnet" => o.wordnet = true,
            "--no-wordnet" => o.wordnet = false,
            "--fine" => o.fine = val().parse().unwrap_or_else(|_| fail("bad --fine")),
            "--grammar-only" => ner = false,
            "--eval-only" | "--tagger-only" => {}
            "--relabel-only" => relabel_base = Some(val().into()),
            "--tags-cache" => tags_cache = Some(val().into()),
            "--sweep" => {
                sweep = val()
                    .split(',')
                    .map(|x| x.parse().unwrap_or_else(|_| fail("bad --sweep")))
                    .collect()
            }
            _ => fail(&format!("unknown argument {a}")),
        }
    }
    if std::env::args().any(|a| a == "--eval-only") {
        let g = Grammar::from_bytes(&std::fs::read(&out).unwrap_or_default())
            .unwrap_or_else(|e| fail(&e));
        let t = &g.tagger;
        eprintln!(
            "tagger: {} classes, {} features, {} with more than three classes; relabeller {} of {}",
            t.tags.len(),
            t.model.len(),
            t.model.spilled(),
            g.parser.relabeler.spilled(),
            g.parser.relabeler.len()
        );
        for f in ["ud-english-ewt/en_ewt-ud-dev.conllu", "gum/gum-dev.conllu"] {
            let d = train::load(&dir.join(f)).unwrap_or_else(|e| fail(&e));
            report(&g, f, &d, false);
            report(&g, &format!("{f} (gold tags)"), &d, true);
        }
        return;
    }
    let mut sents = Vec::new();
    for f in train::TRAIN_FILES {
        sents.extend(train::load(&dir.join(f)).unwrap_or_else(|e| fail(&e)));
    }
    if std::env::args().any(|a| a == "--tagger-only") {
        let set = train::tag_set(&sents, &o);
        let data: Vec<_> = sents
            .iter()
            .map(|s| train::words_classes(s, &set))
            .collect();
        let t0 = std::time::Instant::now();
        let t = newsgraph::grammar::tagger::train(
            &data,
            &set,
            o.tagger_epochs,
            o.seed,
            o.prune,
            o.wordnet,
        );
        eprintln!(
            "tagger: {} classes, {} features in {:.0?}",
            set.len(),
            t.model.len(),
            t0.elapsed()
        );
        for f in ["ud-english-ewt/en_ewt-ud-dev.conllu", "gum/gum-dev.conllu"] {
            let d = train::load(&dir.join(f)).unwrap_or_else(|e| fail(&e));
            let (mut n, mut ok) = (0usize, 0usize);
            for s in &d {
                let (words, gold) = train::words_tags(s);
                let refs: Vec<&str> = words.iter().map(String::as_str).collect();
                let tags = t.tag(&refs);
                n += tags.len();
                ok += tags.iter().zip(&gold).filter(|(a, b)| a == b).count();
            }
            eprintln!("{f}: UPOS {:.4} ({n} words)", ok as f64 / n.max(1) as f64);
        }
        return;
    }
    if let Some(base) = relabel_base {
        let g = relabel_only(&base, &sents, tags_cache.as_deref(), &o);
        std::fs::write(&out, g.to_bytes()).unwrap_or_else(|e| fail(&e.to_string()));
        for f in ["ud-english-ewt/en_ewt-ud-dev.conllu", "gum/gum-dev.conllu"] {
            let d = train::load(&dir.join(f)).unwrap_or_else(|e| fail(&e));
            report(&g, f, &d, false);
        }
        return;
    }
    let t0 = std::time::Instant::now();
    let fitted = train::fit(&sents, &o);
    let g = fitted.finish(o.prune);
    let bytes = g.to_bytes();
    if let Some(d) = out.parent() {
        std::fs::create_dir_all(d).unwrap_or_else(|e| fail(&e.to_string()));
    }
    std::fs::write(&out, &bytes).unwrap_or_else(|e| fail(&e.to_string()));
    eprintln!(
        "train: {} sentences in {:.0?}; {} ({} bytes: tagger {} features, moves {}, labels {}, \
         settled arcs {}, decided states {}, tag contexts {})",
        sents.len(),
        t0.elapsed(),
        out.display(),
        bytes.len(),
        g.tagger.model.len(),
        g.parser.moves.len(),
        g.parser.labeler.len(),
        g.parser.settled.len(),
        g.parser.decided.len(),
        g.tagger.after.len()
    );
    if ner {
        let o = newsgraph::nlp::ner::train::Options::default();
        let bytes = newsgraph::nlp::ner::train::train(&o).unwrap_or_else(|e| fail(&e.to_string()));
        std::fs::write("data/ner/names.model", &bytes).unwrap_or_else(|e| fail(&e.to_string()));
        eprintln!("train: data/ner/names.model ({} bytes)", bytes.len());
    }
    if dev {
        for f in ["ud-english-ewt/en_ewt-ud-dev.conllu", "gum/gum-dev.conllu"] {
            let d = train::load(&dir.join(f)).unwrap_or_else(|e| fail(&e));
            report(&g, f, &d, false);
            for &p in &sweep {
                let v = fitted.finish(p);
                eprintln!("  --prune {p}: {} bytes", v.to_bytes().len());
                report(&v, f, &d, false);
            }
        }
    }
}

/// The grammar at `base` with its relabeller trained again (for tuning the relabeller alone);
/// the jack-knifed tags are read from, or saved to, `cache`.
fn relabel_only(
    base: &std::path::Path,
    sents: &[newsgraph::grammar::conllu::Sentence],
    cache: Option<&std::path::Path>,
    o: &train::Options,
) -> Grammar {
    let mut g =
        Grammar::from_bytes(&std::fs::read(base).unwrap_or_default()).unwrap_or_else(|e| fail(&e));
    let set = g.tagger.tags.clone();
    let cached = cache.and_then(|p| std::fs::read_to_string(p).ok());
    let tags: Vec<Vec<u16>> = match cached {
        Some(text) => text
            .lines()
            .map(|l| l.bytes().map(|b| (b - b'!') as u16).collect())
            .collect(),
        None => {
            let t = train::jackknife(sents, &set, o);
            if let Some(p) = cache {
                let text: String = t
                    .iter()
                    .map(|s| {
                        let mut l: String = s.iter().map(|&c| (b'!' + c as u8) as char).collect();
                        l.push('\n');
                        l
                    })
                    .collect();
                std::fs::write(p, text).unwrap_or_else(|e| fail(&e.to_string()));
            }
            t
        }
    };
    let labels = train::label_set(sents);
    assert_eq!(labels, g.parser.labels, "the base model's labels");
    let root = g.parser.root as usize;
    let t0 = std::time::Instant::now();
    let ctx = train::contexts(sents, &tags, &set);
    let mut rng = newsgraph::learn::Rng::new(o.seed);
    let r = train::fit_relabeler(sents, ctx, &labels, root, o.tagger_epochs, &mut rng);
    g.parser.relabeler = r.finish(0.01, o.prune);
    eprintln!(
        "relabeller: {} features in {:.0?}",
        g.parser.relabeler.len(),
        t0.elapsed()
    );
    g
}

fn report(
    g: &Grammar,
    name: &str,
    sents: &[newsgraph::grammar::conllu::Sentence],
    gold_tags: bool,
) {
    let (mut n, mut upos, mut uas, mut las) = (0usize, 0usize, 0usize, 0usize);
    let t0 = std::time::Instant::now();
    for s in sents {
        let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let mut p = g.parse(&words);
        if gold_tags {
            let tags: Vec<_> = s
                .words
                .iter()
                .map(|w| w.upos.unwrap_or(p.upos[0]))
                .collect();
            let set = &g.tagger.tags;
            let classes: Vec<u16> = s
                .words
                .iter()
                .zip(&tags)
                .map(|(w, &u)| set.class(u, &w.xpos))
                .collect();
            let info: Vec<_> = words
                .iter()
                .map(|w| newsgraph::grammar::words::WordInfo::new(w))
                .collect();
            let fine = set.is_fine().then_some(&classes[..]);
            (p.head, p.deprel) = g.parser.parse(&info, &tags, fine);
            p.upos = tags;
        }
        for (i, w) in s.words.iter().enumerate() {
            n += 1;
            upos += (Some(p.upos[i]) == w.upos) as usize;
            if p.head[i] == w.head {
                uas += 1;
                let base = |l: &str| l.split(':').next().unwrap_or("").to_string();
                las += (base(g.label(p.deprel[i])) == base(&w.deprel)) as usize;
            }
        }
    }
    let f = |k: usize| k as f64 / n.max(1) as f64;
    eprintln!(
        "{name}: UPOS {:.4} UAS {:.4} LAS {:.4} ({n} words, {:.0} words/s)",
        f(upos),
        f(uas),
        f(las),
        n as f64 / t0.elapsed().as_secs_f64()
    );
}

fn fail(msg: &str) -> ! {
    eprintln!("train: {msg}");
    std::process::exit(1)
}
