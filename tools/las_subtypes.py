#!/usr/bin/env python3
"""LAS with relation subtypes, which ../shared/eval/ud.py leaves out (it scores as the CoNLL 2018
shared task did): the whole DEPREL (`nsubj:pass`, `obl:agent`, `nmod:poss`) must match, as the
relation stage reads it.

usage: newsgraph parse --conllu GOLD.conllu > PRED.conllu
       python3 tools/las_subtypes.py GOLD.conllu PRED.conllu

Prints the full-label LAS over every word, the label accuracy, and the LAS of the words whose
gold relation has a subtype.
"""
import sys


def words(path):
    rows = (l.rstrip("\n").split("\t") for l in open(path, encoding="utf-8"))
    return [r for r in rows if len(r) == 10 and r[0].isdigit()]


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    gold, pred = words(sys.argv[1]), words(sys.argv[2])
    if len(gold) != len(pred):
        sys.exit(f"{sys.argv[2]}: {len(pred)} words, {sys.argv[1]} has {len(gold)}")
    pairs = list(zip(gold, pred))
    las = sum(g[6] == p[6] and g[7] == p[7] for g, p in pairs) / len(pairs)
    lab = sum(g[7] == p[7] for g, p in pairs) / len(pairs)
    sub = [(g, p) for g, p in pairs if ":" in g[7]]
    sub_las = sum(g[6] == p[6] and g[7] == p[7] for g, p in sub) / max(len(sub), 1)
    print(f"full-label LAS {las:.4f}  label acc {lab:.4f}  "
          f"subtyped words {len(sub)}, their LAS {sub_las:.4f}")


if __name__ == "__main__":
    main()
