//! The part-of-speech tagger: a greedy left-to-right averaged perceptron over word, affix,
//! shape and context features (Collins 2002; Honnibal's tagger), with a tag dictionary that
//! settles frequent unambiguous words and gives look-ahead words their possible tags.

use super::tags::{Upos, ALL};
use super::words::WordInfo;
use crate::fxhash::FxMap;
use crate::learn::{Feats, Model, Rng, Trainer};

/// A word's tags in training: a bit per tag seen in at least 5% of its uses, and the tag it
/// always has when it is frequent and unambiguous.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DictEntry {
    pub mask: u32,
    pub single: Option<Upos>,
}

/// The trained tagger.
#[derive(Debug, Clone)]
pub struct Tagger {
    pub model: Model,
    pub dict: FxMap<u64, DictEntry>,
}

const NONE: u64 = 0;

fn tag_id(t: Option<Upos>) -> u64 {
    t.map_or(NONE, |t| t.index() as u64 + 1)
}

/// The look-up and feature state for one sentence.
pub struct Sent {
    pub info: Vec<WordInfo>,
    masks: Vec<u64>,
}

impl Sent {
    pub fn new(words: &[&str], dict: &FxMap<u64, DictEntry>) -> Sent {
        let info: Vec<WordInfo> = words.iter().map(|w| WordInfo::new(w)).collect();
        let masks = info
            .iter()
            .map(|i| dict.get(&i.norm).map_or(1 << 31, |d| d.mask as u64))
            .collect();
        Sent { info, masks }
    }
}

/// The features of word `i` given the tags already chosen before it.
pub fn features(s: &Sent, i: usize, tags: &[Option<Upos>], f: &mut Feats) {
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
}

impl Tagger {
    /// Tags a sentence of words.
    pub fn tag(&self, words: &[&str]) -> Vec<Upos> {
        let s = Sent::new(words, &self.dict);
        let mut tags: Vec<Option<Upos>> = vec![None; words.len()];
        let mut f = Feats::default();
        let mut buf = Vec::new();
        for i in 0..words.len() {
            let single = self.dict.get(&s.info[i].norm).and_then(|d| d.single);
            tags[i] = Some(single.unwrap_or_else(|| {
                features(&s, i, &tags, &mut f);
                Upos::from_index(self.model.best(&f.0, &mut buf, |_| true))
            }));
        }
        tags.into_iter().map(|t| t.unwrap_or(Upos::X)).collect()
    }
}

/// Builds the tag dictionary from training sentences.
pub fn build_dict(sents: &[(Vec<String>, Vec<Upos>)]) -> FxMap<u64, DictEntry> {
    let mut counts: FxMap<u64, [u32; 17]> = FxMap::default();
    for (words, tags) in sents {
        for (w, t) in words.iter().zip(tags) {
            counts.entry(WordInfo::new(w).norm).or_insert([0; 17])[t.index()] += 1;
        }
    }
    counts
        .into_iter()
        .filter_map(|(k, c)| {
            let n: u32 = c.iter().sum();
            if n < 3 {
                return None;
            }
            let mask = (0..17)
                .filter(|&t| c[t] * 20 >= n)
                .fold(0u32, |m, t| m | 1 << t);
            let (best, &top) = c.iter().enumerate().max_by_key(|(i, &v)| (v, 17 - i))?;
            let single = (n >= 20 && top as f64 >= 0.995 * n as f64).then(|| ALL[best]);
            Some((k, DictEntry { mask, single }))
        })
        .collect()
}

/// Trains a tagger: `epochs` passes over the shuffled sentences.
pub fn train(sents: &[(Vec<String>, Vec<Upos>)], epochs: usize, seed: u64, prune: i16) -> Tagger {
    let dict = build_dict(sents);
    let mut t = Trainer::new(17);
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut rng = Rng::new(seed);
    let mut f = Feats::default();
    let mut scores = vec![0f32; 17];
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &k in &order {
            let (words, gold) = &sents[k];
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            let s = Sent::new(&refs, &dict);
            let mut tags: Vec<Option<Upos>> = vec![None; words.len()];
            for i in 0..words.len() {
                if let Some(single) = dict.get(&s.info[i].norm).and_then(|d| d.single) {
                    tags[i] = Some(single);
                    continue;
                }
                features(&s, i, &tags, &mut f);
                scores.iter_mut().for_each(|x| *x = 0.0);
                t.scores(&f.0, &mut scores);
                let guess = argmax(&scores);
                t.update(&f.0, gold[i].index(), guess);
                t.tick();
                tags[i] = Some(Upos::from_index(guess));
            }
        }
    }
    Tagger {
        model: t.finish(0.01, prune),
        dict,
    }
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
