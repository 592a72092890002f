#!/usr/bin/env python3
"""Builds data/grammar/wordnet.tsv, the tagger's WordNet lexicon: for each one-word WordNet 3.0
lemma, which parts of speech WordNet allows it, and the irregular inflected forms of WordNet's
exception lists. The runtime (src/grammar/lexicon.rs) adds the regular inflections by
WordNet's own detachment rules (morphy), so the file lists lemmas and exceptions only.

usage: python3 data/build/wordnet_pos.py [WORDNET_DIR] > data/grammar/wordnet.tsv
WORDNET_DIR defaults to /usr/share/wordnet (Debian package `wordnet-base`, 1:3.0-37).

Letters: n common noun, p noun whose every spelling in WordNet's synsets is capitalised
(a name: `paris`, `einstein`), v verb, a adjective, r adverb; N, V, A an irregular noun,
verb or adjective form of the exception lists (`geese`, `went`, `worse`). Lines are sorted,
so the same WordNet gives the same bytes."""
import collections
import os
import sys

HEADER = """# WordNet 3.0 parts of speech of one-word lemmas and irregular forms, for the tagger.
# Built by data/build/wordnet_pos.py from Debian's wordnet-base 1:3.0-37.
# Licence (WordNet 3.0): Permission to use, copy, modify and distribute this software and
# database and its documentation for any purpose and without fee or royalty is hereby
# granted, provided that you agree to comply with the following copyright notice and
# statements, including the disclaimer, and that the same appear on ALL copies of the
# software, database and documentation, including modifications that you make for internal
# use or for distribution.
# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.
# THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO
# REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION,
# PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANTABILITY OR FITNESS
# FOR ANY PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR
# DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER
# RIGHTS.
# The name of Princeton University or Princeton may not be used in advertising or publicity
# pertaining to distribution of the software and/or database. Title to copyright in this
# software, database and any associated documentation shall at all times remain with
# Princeton University and LICENSEE agrees to preserve same.
"""


def one_word(w):
    return "_" not in w and " " not in w


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"
    letters = collections.defaultdict(set)
    for pos, letter in [("noun", "n"), ("verb", "v"), ("adj", "a"), ("adv", "r")]:
        with open(os.path.join(d, "index." + pos), encoding="utf-8") as f:
            for line in f:
                if line.startswith(" "):
                    continue
                w = line.split(" ", 1)[0]
                if one_word(w):
                    letters[w].add(letter)
    # Nouns spelt only with a capital in every synset are names.
    lower_seen, upper_seen = set(), set()
    with open(os.path.join(d, "data.noun"), encoding="utf-8") as f:
        for line in f:
            if line.startswith(" "):
                continue
            parts = line.split(" ")
            n = int(parts[3], 16)
            for k in range(n):
                w = parts[4 + 2 * k]
                if not one_word(w):
                    continue
                (upper_seen if w[:1].isupper() else lower_seen).add(w.lower())
    for w in upper_seen - lower_seen:
        if "n" in letters.get(w, ()):
            letters[w].discard("n")
            letters[w].add("p")
    for pos, letter in [("noun", "N"), ("verb", "V"), ("adj", "A")]:
        with open(os.path.join(d, pos + ".exc"), encoding="utf-8") as f:
            for line in f:
                form = line.split()[0]
                if one_word(form):
                    letters[form].add(letter)
    out = [HEADER]
    order = "npvarNVA"
    for w in sorted(letters):
        out.append(w + "\t" + "".join(c for c in order if c in letters[w]) + "\n")
    sys.stdout.write("".join(out))


if __name__ == "__main__":
    main()
