//! Training the tagger and parser from CoNLL-U treebanks: the tagger first, then the parser on
//! jack-knifed tags (as it will see them), with a dynamic oracle and error exploration
//! (Goldberg & Nivre 2012), deterministic for a given seed.

use super::conllu::Sentence;
use super::fine::TagSet;
use super::labeldict::LabelDict;
use super::labeler::Tree;
use super::movedict::MoveDict;
use super::parser::{features, label_features, Context, Parser};
use super::state::{State, MOVES};
use super::tagctx::{self, TagContext};
use super::tagger::{self, argmax, DictEntry, Tagger};
use super::tags::Upos;
use super::words::WordInfo;
use crate::fxhash::FxMap;
use crate::learn::{Feats, Rng, Trainer};

/// How long and how to train.
#[derive(Debug, Clone)]
pub struct Options {
    pub tagger_epochs: usize,
    pub parser_epochs: usize,
    /// Folds for jack-knifed training tags (1 = tag with gold).
    pub folds: usize,
    pub seed: u64,
    /// Chance of following the model's own move after the first epoch.
    pub explore: f64,
    /// Features that took part in fewer updates than this are dropped.
    pub prune: u32,
    /// The tagger reads WordNet's parts of speech of unknown words ([`Tagger::wordnet`]).
    pub wordnet: bool,
    /// The tagger predicts UPOS/XPOS pairs seen at least this often ([`TagSet::build`]) and
    /// the parser reads them; 0 = UPOS only.
    pub fine: u32,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            tagger_epochs: 10,
            parser_epochs: 15,
            folds: 5,
            seed: 7,
            explore: 0.9,
            prune: 2,
            wordnet: false,
            fine: 0,
        }
    }
}

/// A sentence's forms and gold tags.
pub fn words_tags(s: &Sentence) -> (Vec<String>, Vec<Upos>) {
    (
        s.words.iter().map(|w| w.form.clone()).collect(),
        s.words.iter().map(|w| w.upos.unwrap_or(Upos::X)).collect(),
    )
}

/// A sentence's forms and gold classes of `tags`.
pub fn words_classes(s: &Sentence, tags: &TagSet) -> (Vec<String>, Vec<u16>) {
    (
        s.words.iter().map(|w| w.form.clone()).collect(),
        s.words
            .iter()
            .map(|w| tags.class(w.upos.unwrap_or(Upos::X), &w.xpos))
            .collect(),
    )
}

/// The tagger's classes for options `o`: UPOS, or the UPOS/XPOS pairs of `sents`.
pub fn tag_set(sents: &[Sentence], o: &Options) -> TagSet {
    if o.fine == 0 {
        return TagSet::plain();
    }
    let pairs = sents
        .iter()
        .flat_map(|s| s.words.iter())
        .map(|w| (w.upos.unwrap_or(Upos::X), w.xpos.as_str()));
    TagSet::build(pairs, o.fine)
}

/// Tags each training sentence with a tagger that did not see it (its classes of `tags`).
pub fn jackknife(sents: &[Sentence], tags: &TagSet, o: &Options) -> Vec<Vec<u16>> {
    let data: Vec<_> = sents.iter().map(|s| words_classes(s, tags)).collect();
    if o.folds < 2 {
        return data.into_iter().map(|d| d.1).collect();
    }
    let mut out = vec![Vec::new(); sents.len()];
    for k in 0..o.folds {
        let train: Vec<_> = (0..data.len())
            .filter(|i| i % o.folds != k)
            .map(|i| data[i].clone())
            .collect();
        let t = tagger::train(
            &train,
            tags,
            o.tagger_epochs,
            o.seed + k as u64,
            o.prune,
            o.wordnet,
        );
        for i in (k..data.len()).step_by(o.folds) {
            let refs: Vec<&str> = data[i].0.iter().map(String::as_str).collect();
            let s = tagger::Sent::new(&refs, &t.dict, t.wordnet);
            out[i] = t.classes(&s);
        }
    }
    out
}

/// The label names of the treebanks, sorted.
pub fn label_set(sents: &[Sentence]) -> Vec<String> {
    let mut l: Vec<String> = sents
        .iter()
        .flat_map(|s| s.words.iter().map(|w| w.deprel.clone()))
        .collect();
    l.sort();
    l.dedup();
    l
}

/// The weights of every part before averaging: [`Fitted::finish`] makes a grammar of them at
/// any pruning level without training again.
pub struct Fitted {
    tagger: Trainer,
    dict: FxMap<u64, DictEntry>,
    wordnet: bool,
    tags: TagSet,
    moves: Trainer,
    labeler: Trainer,
    relabeler: Trainer,
    labels: Vec<String>,
    root: u16,
    settled: LabelDict,
    after: TagContext,
    /// The training sentences as the parser reads them (predicted tags), for the move
    /// dictionary, which is learned from the finished model's own moves.
    ctx: Vec<(Context, Vec<Upos>)>,
}

impl Fitted {
    /// The grammar, keeping features that took part in at least `prune` updates.
    pub fn finish(&self, prune: u32) -> super::Grammar {
        let mut g = super::Grammar {
            tagger: Tagger {
                model: self.tagger.finish(0.01, prune),
                dict: self.dict.clone(),
                wordnet: self.wordnet,
                tags: self.tags.clone(),
                after: self.after.clone(),
            },
            parser: Parser::new(
                self.moves.finish(0.01, prune),
                self.labeler.finish(0.01, prune),
                self.relabeler.finish(0.01, prune),
                self.labels.clone(),
                self.root,
            ),
        };
        g.parser.settled = self.settled.clone();
        if self.tags.is_fine() {
            let p = &g.parser;
            let mut seen = Vec::new();
            for (c, upos) in &self.ctx {
                p.moves_made(c, upos, &mut |k, m| seen.push((k, m)));
            }
            g.parser.decided = MoveDict::learn(seen.into_iter());
        }
        g
    }
}

/// Trains the parser's moves, arc labeller and relabeller on sentences with the given
/// (predicted) tags.
fn fit_parser(
    sents: &[Sentence],
    tags: &[Vec<u16>],
    set: &TagSet,
    o: &Options,
) -> (Trainer, Trainer, Trainer, Vec<String>, u16) {
    let labels = label_set(sents);
    let root = labels.iter().position(|l| l == "root").unwrap_or(0);
    let mut moves = Trainer::new(3);
    let mut labeler = Trainer::new(labels.len());
    let mut rng = Rng::new(o.seed ^ 0x5eed);
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let (mut f, mut lscores) = (Feats::default(), vec![0f32; labels.len()]);
    let ctx = contexts(sents, tags, set);
    for epoch in 0..o.parser_epochs {
        rng.shuffle(&mut order);
        for &k in &order {
            let sent = &sents[k];
            let n = sent.words.len();
            let (gold, gold_label) = gold_tree(sent, &labels, root);
            let c = &ctx[k];
            let mut s = State::new(n);
            while !s.is_final() {
                features(c, &s, &mut f);
                let mut scores = [0f32; 3];
                moves.scores(&f.0, &mut scores);
                let valid: Vec<usize> = (0..3).filter(|&m| s.valid(MOVES[m])).collect();
                let cost: Vec<u32> = (0..3)
                    .map(|m| {
                        if s.valid(MOVES[m]) {
                            s.cost(MOVES[m], &gold)
                        } else {
                            u32::MAX
                        }
                    })
                    .collect();
                let best_of = |set: &mut dyn Iterator<Item = usize>| {
                    set.fold(None, |b: Option<usize>, m| match b {
                        Some(x) if scores[x] >= scores[m] => Some(x),
                        _ => Some(m),
                    })
                };
                let guess = best_of(&mut valid.iter().copied()).unwrap_or(0);
                let min = valid.iter().map(|&m| cost[m]).min().unwrap_or(0);
                let right = best_of(&mut valid.iter().copied().filter(|&m| cost[m] == min))
                    .unwrap_or(guess);
                if cost[guess] > min {
                    moves.update(&f.0, right, guess);
                }
                moves.tick();
                let follow = if epoch > 0 && rng.unit() < o.explore {
                    guess
                } else {
                    right
                };
                if let Some((h, d)) = s.apply(MOVES[follow]) {
                    let l = if h as usize == n {
                        root
                    } else {
                        label_features(c, &s, h, d, &mut f);
                        lscores.iter_mut().for_each(|x| *x = 0.0);
                        labeler.scores(&f.0, &mut lscores);
                        let g = argmax(&lscores);
                        if gold[d as usize] == h {
                            labeler.update(&f.0, gold_label[d as usize], g);
                            labeler.tick();
                        }
                        g
                    };
                    s.set_label(d, l as u16);
                }
            }
        }
    }
    let relabeler = fit_relabeler(sents, ctx, &labels, root, o.tagger_epochs, &mut rng);
    (moves, labeler, relabeler, labels, root as u16)
}

/// Trains the relabeller alone on the gold trees of `sents` read with `ctx` (their predicted
/// tags); a whole training passes the random stream the parser's epochs left it.
pub fn fit_relabeler(
    sents: &[Sentence],
    ctx: Vec<Context>,
    labels: &[String],
    root: usize,
    epochs: usize,
    rng: &mut Rng,
) -> Trainer {
    let data: Vec<_> = sents
        .iter()
        .zip(ctx)
        .map(|(s, c)| {
            let (heads, gold) = gold_tree(s, labels, root);
            (c, Tree::new(heads), gold)
        })
        .collect();
    super::labeler::train(&data, labels.len(), epochs, rng)
}

/// A sentence's gold tree: each word's 0-based head (`n` for the root) and relation index
/// (`root` for a relation not in `labels`).
fn gold_tree(s: &Sentence, labels: &[String], root: usize) -> (Vec<u32>, Vec<usize>) {
    let n = s.words.len() as u32;
    s.words
        .iter()
        .map(|w| {
            let head = if w.head == 0 { n } else { w.head as u32 - 1 };
            (head, labels.binary_search(&w.deprel).unwrap_or(root))
        })
        .unzip()
}

/// The contexts the parser reads for sentences with the given classes of `set`.
pub fn contexts(sents: &[Sentence], tags: &[Vec<u16>], set: &TagSet) -> Vec<Context> {
    sents
        .iter()
        .zip(tags)
        .map(|(s, t)| {
            let info: Vec<WordInfo> = s.words.iter().map(|w| WordInfo::new(&w.form)).collect();
            let upos: Vec<Upos> = t.iter().map(|&c| set.upos_of(c)).collect();
            Context::new(&info, &upos, set.is_fine().then_some(&t[..]))
        })
        .collect()
}

/// The training files under a treebank directory (`../shared/treebanks`).
pub const TRAIN_FILES: [&str; 2] = [
    "ud-english-ewt/en_ewt-ud-train.conllu",
    "gum/gum-train.conllu",
];

/// Reads the usable sentences of a CoNLL-U file (a broken tree is skipped, a broken line is an
/// error naming the file and line).
pub fn load(path: &std::path::Path) -> Result<Vec<Sentence>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let sents = super::conllu::read(&text)
        .map_err(|(line, msg)| format!("{}:{line}: {msg}", path.display()))?;
    Ok(sents.into_iter().filter(super::conllu::is_tree).collect())
}

/// Trains every part of the grammar from sentences.
pub fn fit(sents: &[Sentence], o: &Options) -> Fitted {
    let set = tag_set(sents, o);
    let data: Vec<_> = sents.iter().map(|s| words_classes(s, &set)).collect();
    let (tagger, dict) = tagger::fit(&data, &set, o.tagger_epochs, o.seed, o.wordnet);
    let tags = jackknife(sents, &set, o);
    let (moves, labeler, relabeler, labels, root) = fit_parser(sents, &tags, &set, o);
    let ctx = contexts(sents, &tags, &set);
    let settled = if set.is_fine() {
        label_dict(sents, &ctx, &labels, root)
    } else {
        LabelDict::default()
    };
    let after = if set.is_fine() {
        // a word the tag dictionary settles is passed over (its key made 0, which none has)
        let single = |i: &WordInfo| dict.get(&i.norm).is_some_and(|d| d.single.is_some());
        let words: Vec<Vec<u64>> = sents
            .iter()
            .map(|s| {
                s.words
                    .iter()
                    .map(|w| WordInfo::new(&w.form))
                    .map(|i| if single(&i) { 0 } else { tagctx::word(&i) })
                    .collect()
            })
            .collect();
        let seen = words.iter().zip(&tags).map(|(w, t)| (&w[..], &t[..]));
        TagContext::learn(seen, |w| w == 0)
    } else {
        TagContext::default()
    };
    let ctx = ctx
        .into_iter()
        .zip(&tags)
        .map(|(c, t)| (c, t.iter().map(|&k| set.upos_of(k)).collect()))
        .collect();
    Fitted {
        tagger,
        dict,
        wordnet: o.wordnet,
        tags: set,
        moves,
        labeler,
        relabeler,
        labels,
        root,
        settled,
        after,
        ctx,
    }
}

/// The label dictionary of the gold trees of `sents` read in their contexts `ctx` (their
/// predicted classes).
fn label_dict(sents: &[Sentence], ctx: &[Context], labels: &[String], root: u16) -> LabelDict {
    let trees: Vec<(Vec<u32>, Vec<usize>)> = sents
        .iter()
        .map(|s| gold_tree(s, labels, root as usize))
        .collect();
    let punct: Vec<usize> = labels
        .iter()
        .position(|l| l == "punct")
        .into_iter()
        .collect();
    let arcs = ctx
        .iter()
        .zip(&trees)
        .map(|(c, (h, l))| (c, &h[..], &l[..]));
    LabelDict::learn(arcs, &punct)
}

/// Trains the whole grammar from sentences, pruned as `o` says.
pub fn train(sents: &[Sentence], o: &Options) -> super::Grammar {
    fit(sents, o).finish(o.prune)
}

#[cfg(test)]
#[path = "train_tests.rs"]
mod tests;
