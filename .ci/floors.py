#!/usr/bin/env python3
"""Run the shared scorers on the development data and fail below the recorded floors.

Floors sit a little under the figures measured when they were set (see the README's quality
table); raise them when quality improves, never lower them to make a change pass. (Session 13 lowered
the dev relation floor once, by 0.005, to ship a parser 1.4 LAS points better: the relation
figures had been fitted to one parser draw, and every retrained parser scored them lower; see
docs/benchmarks.md, "Session 13: the new parser shipped".)"""
import json, os, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared")
EXE = os.path.join(ROOT, "target", "release", "newsgraph")

# (scorer, data, path into its JSON output, floor)
FLOORS = [
    ("score.py", "gold/dev.jsonl", ("entities", "f1"), 0.95),
    ("score.py", "gold/dev.jsonl", ("entities_typed", "f1"), 0.940),
    ("score.py", "gold/dev.jsonl", ("relations", "f1"), 0.705),
    ("score.py", "gold/dev-wikinews.jsonl", ("entities", "f1"), 0.895),
    ("score.py", "gold/dev-wikinews.jsonl", ("entities_typed", "f1"), 0.855),
    ("score.py", "gold/dev-wikinews.jsonl", ("relations", "f1"), 0.575),
    ("plover.py", "gold/plover-dev.jsonl", ("events", "r"), 0.650),
    ("plover.py", "gold/plover-dev.jsonl", ("events", "p"), 0.688),
    ("conll.py", "conll2003/eng.testa", ("ALL", "f1"), 0.858),
    ("ud.py", "treebanks/ud-english-ewt/en_ewt-ud-test.conllu", ("upos",), 0.955),
    ("ud.py", "treebanks/ud-english-ewt/en_ewt-ud-test.conllu", ("las",), 0.823),
    ("ud.py", "treebanks/gum/gum-test.conllu", ("upos",), 0.962),
    ("ud.py", "treebanks/gum/gum-test.conllu", ("las",), 0.812),
]


def run(scorer, data):
    out = subprocess.run(
        [sys.executable, os.path.join(SHARED, "eval", scorer), os.path.join(SHARED, data), "--exe", EXE],
        capture_output=True, text=True, check=True,
    ).stdout
    body = out[: out.rindex("}") + 1]
    return json.loads(body), out.strip().splitlines()[-1]


def main():
    cache, failed = {}, False
    for scorer, data, path, floor in FLOORS:
        if not os.path.exists(os.path.join(SHARED, data)):
            print(f"floors: {data} absent, skipped")
            continue
        if (scorer, data) not in cache:
            cache[scorer, data] = run(scorer, data)
            print(f"{scorer}: {cache[scorer, data][1]}")
        v = cache[scorer, data][0]
        for k in path:
            v = v[k]
        ok = v >= floor
        failed |= not ok
        print(f"  {'ok  ' if ok else 'FAIL'} {scorer} {'.'.join(path)} = {v:.3f} (floor {floor:.3f})")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
