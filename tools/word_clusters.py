#!/usr/bin/env python3
"""An experiment, not shipped: a binary hierarchy of word classes from raw, openly licensed
text, as bit strings (`0110...`) whose prefixes of 4, 6, 10 bits and the whole string were
tried as tagger and parser features (Koo et al. 2008; Owoputi et al. 2013 use Brown clusters
the same way). On the 640k words below they gained nothing measurable on dev (session 12,
docs/benchmarks.md), so no model reads them; kept for a retry with more open text.

The clustering is distributional and deterministic: each word of at least MIN_COUNT uses is
described by the log counts of its left and right neighbours among the CONTEXTS most frequent
words, reduced to DIMS dimensions (a fixed-seed randomized SVD), and the words are split in
two, recursively, by the sign of their projection on the principal direction of their group
(Boley 1998, principal direction divisive partitioning), refined by a few 2-means steps, down
to DEPTH bits or groups of fewer than 8 words.

Text read (licences in data/LICENSES.md): the words of UD English EWT train (CC BY-SA 4.0) and
GUM train (CC BY 4.0), CrossNER politics train and dev (Wikipedia text, CC BY-SA), and the
Wikinews articles of ../shared/corpora/wikinews (CC BY 2.5). No dev or test split of a
treebank, nothing of CoNLL or the measurement corpora.

usage: python3 tools/word_clusters.py [SHARED_DIR] > /tmp/clusters.tsv
Words are normalised as the tagger does (lowercase, digits as 0)."""
import collections
import csv
import os
import re
import sys

import numpy as np

MIN_COUNT = 3
CONTEXTS = 1500
DIMS = 60
DEPTH = 14

TOKEN = re.compile(r"[A-Za-z0-9]+(?:[.'\u2019-][A-Za-z0-9]+)*|n't|[^\sA-Za-z0-9]")


def norm(w):
    return re.sub(r"[0-9]", "0", w.lower())


def conllu_sentences(path):
    sent = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if sent:
                    yield sent
                sent = []
            elif not line.startswith("#"):
                cols = line.split("\t")
                if len(cols) == 10 and cols[0].isdigit():
                    sent.append(cols[1])
    if sent:
        yield sent


def column_sentences(path):
    sent = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            w = line.split("\t")[0].strip()
            if not w:
                if sent:
                    yield sent
                sent = []
            else:
                sent.append(w)
    if sent:
        yield sent


def wikinews_sentences(path):
    csv.field_size_limit(1 << 26)
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            for para in (row["title"] + "\n" + row["text"]).split("\n"):
                for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"'])", para):
                    toks = TOKEN.findall(s)
                    if toks:
                        yield toks


def corpus(shared):
    tb = os.path.join(shared, "treebanks")
    yield from conllu_sentences(os.path.join(tb, "ud-english-ewt/en_ewt-ud-train.conllu"))
    yield from conllu_sentences(os.path.join(tb, "gum/gum-train.conllu"))
    for split in ("train", "dev"):
        yield from column_sentences(os.path.join(shared, "ner/crossner_politics", split + ".txt"))
    for year in ("2019", "2020"):
        yield from wikinews_sentences(
            os.path.join(shared, "corpora/wikinews", "wikinews_%s.csv" % year)
        )


def split(x, idx, prefix, out):
    """Assigns bit strings to the words of rows `idx` of `x`, by recursive bisection."""
    if len(prefix) == DEPTH or len(idx) < 8:
        for i in idx:
            out[i] = prefix or "0"
        return
    sub = x[idx]
    centred = sub - sub.mean(axis=0)
    # Principal direction by power iteration from a fixed start.
    v = np.ones(sub.shape[1]) / np.sqrt(sub.shape[1])
    for _ in range(30):
        v = centred.T @ (centred @ v)
        v /= np.linalg.norm(v) or 1.0
    side = centred @ v > 0
    for _ in range(5):
        if side.all() or not side.any():
            break
        a, b = sub[side].mean(axis=0), sub[~side].mean(axis=0)
        side = ((sub - a) ** 2).sum(axis=1) < ((sub - b) ** 2).sum(axis=1)
    if side.all() or not side.any():
        for i in idx:
            out[i] = prefix or "0"
        return
    split(x, idx[~side], prefix + "0", out)
    split(x, idx[side], prefix + "1", out)


def main():
    shared = sys.argv[1] if len(sys.argv) > 1 else "../shared"
    sents = [[norm(w) for w in s] for s in corpus(shared)]
    counts = collections.Counter(w for s in sents for w in s)
    by_freq = sorted(counts, key=lambda w: (-counts[w], w))
    vocab = [w for w in by_freq if counts[w] >= MIN_COUNT]
    row = {w: i for i, w in enumerate(vocab)}
    ctx = {w: i for i, w in enumerate(by_freq[:CONTEXTS])}
    n = CONTEXTS + 1  # the last column: a sentence edge or a rarer word
    m = np.zeros((len(vocab), 2 * n), dtype=np.float64)
    for s in sents:
        padded = [None] + s + [None]
        for k in range(1, len(padded) - 1):
            r = row.get(padded[k])
            if r is None:
                continue
            left, right = padded[k - 1], padded[k + 1]
            m[r, ctx.get(left, CONTEXTS)] += 1
            m[r, n + ctx.get(right, CONTEXTS)] += 1
    m = np.log1p(m)
    m /= np.linalg.norm(m, axis=1, keepdims=True)
    rng = np.random.default_rng(12)
    y = m @ rng.standard_normal((m.shape[1], DIMS + 20))
    for _ in range(2):
        y = m @ (m.T @ y)
    q, _ = np.linalg.qr(y)
    u, s_, _ = np.linalg.svd(q.T @ m, full_matrices=False)
    x = (q @ u)[:, :DIMS] * s_[:DIMS]
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-12
    out = [None] * len(vocab)
    split(x, np.arange(len(vocab)), "", out)
    sys.stdout.write(
        "# Word classes as bit strings, built by tools/word_clusters.py from UD English EWT\n"
        "# and GUM train (CC BY-SA 4.0 / CC BY 4.0), CrossNER politics (Wikipedia, CC BY-SA) and\n"
        "# Wikinews (CC BY 2.5).\n"
    )
    for w in sorted(vocab):
        sys.stdout.write("%s\t%s\n" % (w, out[row[w]]))
    sys.stderr.write("%d sentences, %d tokens, %d words clustered\n" % (len(sents), sum(counts.values()), len(vocab)))


if __name__ == "__main__":
    main()
