//! The part-of-speech tagger: greedy left-to-right averaged perceptrons over word, affix,
//! shape and context features (Collins 2002; Honnibal's tagger), with a tag dictionary that
//! settles frequent unambiguous words and gives look-ahead words their possible tags. A tagger
//! trained with `wordnet` (the shipped one, since session 13) also reads, for a word the
//! dictionary does not know, the parts of speech WordNet allows it ([`super::lexicon`]: +0.3
//! UPOS on EWT dev, +0.5 on GUM dev; docs/benchmarks.md, session 12). A tagger trained with fine tags
//! predicts UPOS/XPOS pairs ([`super::fine::TagSet`]; its dictionary's mask still reads UPOS)
//! and reports their UPOS. (A second
//! pass reading the first pass's tags of the words ahead was tried: +0.0001 UPOS on EWT dev
//! for twice the time, so it is not kept.)

use super::fine::TagSet;
use super::lexicon::Lexicon;
use super::tagctx::TagContext;
use super::tags::Upos;
use super::words::{normalise, WordInfo};
use crate::fxhash::FxMap;
use crate::learn::{Feats, Model, Rng, Trainer};

/// A word's tags in training: a bit per UPOS seen in at least 5% of its uses, and the class
/// ([`TagSet`]) it always has when it is frequent and unambiguous.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DictEntry {
    pub mask: u32,
    pub single: Option<u8>,
}

/// The trained tagger.
#[derive(Debug, Clone)]
pub struct Tagger {
    pub model: Model,
    pub dict: FxMap<u64, DictEntry>,
    /// Whether the model reads WordNet's parts of speech of unknown words.
    pub wordnet: bool,
    /// The classes it predicts (UPOS, or UPOS/XPOS pairs).
    pub tags: TagSet,
    /// Frequent ambiguous words whose class the class before them settles (empty for a
    /// model without one, and in training).
    pub after: TagContext,
}

const NONE: u64 = 0;

fn tag_id(t: Option<u16>) -> u64 {
    t.map_or(NONE, |t| t as u64 + 1)
}

/// A word's mask when the tag dictionary does not know it.
const UNKNOWN: u64 = 1 << 31;
/// A word's WordNet value when the tag dictionary knows it (WordNet is not asked).
const KNOWN: u64 = 1 << 8;

/// The look-up and feature state for one sentence.
pub struct Sent {
    pub info: Vec<WordInfo>,
    masks: Vec<u64>,
    /// WordNet's parts of speech of the words the dictionary does not know, else [`KNOWN`];
    /// empty for a tagger that does not read WordNet (then nothing is allocated for it).
    wordnet: Vec<u64>,
}

impl Sent {
    pub fn new(words: &[&str], dict: &FxMap<u64, DictEntry>, wordnet: bool) -> Sent {
        let info = words.iter().map(|w| WordInfo::new(w)).collect();
        Sent::from_info(info, words, dict, wordnet)
    }

    /// The same from words already described (the parser reads the same descriptions);
    /// WordNet is asked about unknown words only when `wordnet`.
    pub fn from_info(
        info: Vec<WordInfo>,
        words: &[&str],
        dict: &FxMap<u64, DictEntry>,
        wordnet: bool,
    ) -> Sent {
        let masks: Vec<u64> = info
            .iter()
            .map(|i| dict.get(&i.norm).map_or(UNKNOWN, |d| d.mask as u64))
            .collect();
        let wordnet = if wordnet {
            let lex = Lexicon::builtin();
            masks
                .iter()
                .zip(words)
                .map(|(&m, w)| {
                    if m == UNKNOWN {
                        lex.classes(&normalise(w)) as u64
                    } else {
                        KNOWN
                    }
                })
                .collect()
        } else {
            Vec::new()
        };
        Sent {
            info,
            masks,
            wordnet,
        }
    }
}

/// The features of word `i` given the tags already chosen before it.
pub fn features(s: &Sent, i: usize, tags: &[Option<u16>], f: &mut Feats) {
    f.clear();
    let w = |k: isize| -> Option<&WordInfo> { s.info.get(usize::try_from(i as isize + k).ok()?) };
    let m = |k: isize| -> u64 {
        usize::try_from(i as isize + k)
            .ok()
            .and_then(|j| s.masks.get(j).copied())
            .unwrap_or(1 << 30)
    };
    let x = &s.info[i];
    let p1 = tag_id(if i >= 1 { tags[i - 1] } else { None });
    let p2 = tag_id(if i >= 2 { tags[i - 2] } else { None });
    let norm = |k| w(k).map_or(1, |x| x.norm);
    let suf3 = |k| w(k).map_or(1, |x| x.suffix3);
    let shp = |k| w(k).map_or(1, |x| x.shape);
    f.push(0, &[]);
    f.push(1, &[x.norm]);
    f.push(2, &[x.suffix1]);
    f.push(3, &[x.suffix2]);
    f.push(4, &[x.suffix3]);
    f.push(5, &[x.suffix4]);
    f.push(6, &[x.prefix1]);
    f.push(7, &[x.prefix2]);
    f.push(8, &[x.shape]);
    f.push(9, &[x.flags, (i == 0) as u64]);
    f.push(10, &[norm(-1)]);
    f.push(11, &[norm(1)]);
    f.push(12, &[norm(-2)]);
    f.push(13, &[norm(2)]);
    f.push(14, &[suf3(-1)]);
    f.push(15, &[suf3(1)]);
    f.push(16, &[p1]);
    f.push(17, &[p2]);
    f.push(18, &[p1, p2]);
    f.push(19, &[p1, x.norm]);
    f.push(20, &[norm(-1), x.norm]);
    f.push(21, &[x.norm, norm(1)]);
    f.push(22, &[m(0)]);
    f.push(23, &[m(1)]);
    f.push(24, &[m(2)]);
    f.push(25, &[m(-1)]);
    f.push(26, &[p1, m(1)]);
    f.push(27, &[m(0), m(1)]);
    f.push(28, &[shp(-1)]);
    f.push(29, &[shp(1)]);
    f.push(30, &[p1, x.suffix3]);
    f.push(31, &[x.shape, m(0)]);
    f.push(32, &[norm(-1), norm(1)]);
    f.push(33, &[m(-1), m(1)]);
    f.push(34, &[w(1).map_or(1, |x| x.suffix2)]);
    f.push(35, &[x.norm, m(1)]);
    f.push(36, &[p1, norm(1)]);
    if let Some(&wn) = s.wordnet.get(i).filter(|&&v| v != KNOWN) {
        f.push(37, &[wn]);
        f.push(38, &[wn, x.suffix2]);
        f.push(39, &[wn, x.flags, (i == 0) as u64]);
        f.push(40, &[p1, wn]);
    }
    if let Some(&next) = s.wordnet.get(i + 1).filter(|&&v| v != KNOWN) {
        f.push(41, &[next]);
    }
}

/// One greedy pass over a sentence; `decide` picks each tag from the features of a word
/// neither dictionary settles (`after`: none in training).
fn pass(
    s: &Sent,
    dict: &FxMap<u64, DictEntry>,
    after: Option<&TagContext>,
    mut decide: impl FnMut(&[u64], usize) -> usize,
) -> Vec<u16> {
    let n = s.info.len();
    let mut tags: Vec<Option<u16>> = vec![None; n];
    let mut f = Feats::default();
    for i in 0..n {
        let single = dict
            .get(&s.info[i].norm)
            .and_then(|d| d.single)
            .map(u16::from);
        let prev = if i == 0 { None } else { tags[i - 1] };
        let single =
            single.or_else(|| after.and_then(|a| a.get(super::tagctx::word(&s.info[i]), prev)));
        tags[i] = Some(single.unwrap_or_else(|| {
            features(s, i, &tags, &mut f);
            decide(&f.0, i) as u16
        }));
    }
    tags.into_iter().map(|t| t.unwrap_or(0)).collect()
}

impl Tagger {
    /// Tags a sentence of words.
    pub fn tag(&self, words: &[&str]) -> Vec<Upos> {
        self.tag_sent(&Sent::new(words, &self.dict, self.wordnet))
    }

    /// Tags a sentence already looked up.
    pub fn tag_sent(&self, s: &Sent) -> Vec<Upos> {
        let c = self.classes(s);
        c.into_iter().map(|c| self.tags.upos_of(c)).collect()
    }

    /// The classes ([`Tagger::tags`]) of a sentence already looked up.
    pub fn classes(&self, s: &Sent) -> Vec<u16> {
        let mut buf = Vec::new();
        pass(s, &self.dict, Some(&self.after), |f, _| {
            self.model.best(f, &mut buf, |_| true)
        })
    }
}

/// Training sentences: words and their gold classes.
pub type Data = [(Vec<String>, Vec<u16>)];

/// Builds the tag dictionary from training sentences: the mask reads UPOS, `single` a class.
pub fn build_dict(sents: &Data, tags: &TagSet) -> FxMap<u64, DictEntry> {
    let mut counts: FxMap<u64, Vec<u32>> = FxMap::default();
    for (words, cl) in sents {
        for (w, &t) in words.iter().zip(cl) {
            let c = counts
                .entry(WordInfo::new(w).norm)
                .or_insert_with(|| vec![0; tags.len()]);
            c[t as usize] += 1;
        }
    }
    counts
        .into_iter()
        .filter_map(|(k, c)| {
            let n: u32 = c.iter().sum();
            if n < 3 {
                return None;
            }
            let mut by_upos = [0u32; 17];
            for (t, &v) in c.iter().enumerate() {
                by_upos[tags.upos_of(t as u16).index()] += v;
            }
            let mask = (0..17)
                .filter(|&t| by_upos[t] * 20 >= n)
                .fold(0u32, |m, t| m | 1 << t);
            let (best, &top) = c.iter().enumerate().max_by_key(|(i, &v)| (v, 64 - i))?;
            let single = (n >= 20 && top as f64 >= 0.995 * n as f64).then_some(best as u8);
            Some((k, DictEntry { mask, single }))
        })
        .collect()
}

/// Trains a tagger: `epochs` passes over the shuffled sentences; features in fewer than
/// `prune` updates are dropped; `wordnet` as [`Tagger::wordnet`].
pub fn train(
    sents: &Data,
    tags: &TagSet,
    epochs: usize,
    seed: u64,
    prune: u32,
    wordnet: bool,
) -> Tagger {
    let (t, dict) = fit(sents, tags, epochs, seed, wordnet);
    Tagger {
        model: t.finish(0.01, prune),
        dict,
        wordnet,
        tags: tags.clone(),
        after: TagContext::default(),
    }
}

/// Trains the tagger's weights over sentences and their gold tags.
fn fit_pass(
    data: &[(Sent, &Vec<u16>)],
    dict: &FxMap<u64, DictEntry>,
    classes: usize,
    epochs: usize,
    rng: &mut Rng,
) -> Trainer {
    let mut t = Trainer::new(classes);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut scores = vec![0f32; classes];
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &k in &order {
            let (s, gold) = &data[k];
            pass(s, dict, None, |f, i| {
                scores.iter_mut().for_each(|x| *x = 0.0);
                t.scores(f, &mut scores);
                let guess = argmax(&scores);
                t.update(f, gold[i] as usize, guess);
                t.tick();
                guess
            });
        }
    }
    t
}

/// The trained weights before averaging, with the tag dictionary.
pub fn fit(
    sents: &Data,
    tags: &TagSet,
    epochs: usize,
    seed: u64,
    wordnet: bool,
) -> (Trainer, FxMap<u64, DictEntry>) {
    let dict = build_dict(sents, tags);
    let mut rng = Rng::new(seed);
    let data: Vec<(Sent, &Vec<u16>)> = sents
        .iter()
        .map(|(w, g)| {
            let refs: Vec<&str> = w.iter().map(String::as_str).collect();
            (Sent::new(&refs, &dict, wordnet), g)
        })
        .collect();
    let t = fit_pass(&data, &dict, tags.len(), epochs, &mut rng);
    (t, dict)
}

/// Index of the highest score (lowest index on ties).
pub fn argmax(s: &[f32]) -> usize {
    let mut best = 0;
    for (i, &v) in s.iter().enumerate() {
        if v > s[best] {
            best = i;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Only a WordNet tagger asks WordNet, and only about words its dictionary lacks; the
    /// features of a word then carry the classes (templates 37-41), else they stay as before.
    #[test]
    fn wordnet_describes_unknown_words_only_when_asked() {
        let det = Upos::Det.index() as u16;
        let sents = vec![(vec!["the".to_string(); 3], vec![det; 3])];
        let dict = build_dict(&sents, &TagSet::plain());
        let words = ["the", "greener", "Zqxw"];
        let plain = Sent::new(&words, &dict, false);
        let wn = Sent::new(&words, &dict, true);
        assert!(plain.wordnet.is_empty());
        assert_eq!(wn.wordnet[0], KNOWN);
        assert_eq!(wn.wordnet[1] as u8 & super::super::lexicon::ADJ_FORM, 128);
        assert_eq!(wn.wordnet[2], 0);
        let (mut a, mut b) = (Feats::default(), Feats::default());
        features(&plain, 1, &[Some(det), None, None], &mut a);
        features(&wn, 1, &[Some(det), None, None], &mut b);
        assert_eq!(b.0.len(), a.0.len() + 5);
        assert_eq!(b.0[..a.0.len()], a.0[..]);
    }
}
