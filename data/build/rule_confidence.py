#!/usr/bin/env python3
"""Measure how often each relation rule is right, by cross-validation over all the gold, and
write data/rule-confidence.tsv and the calibration table docs/calibration.md.

usage: python3 data/build/rule_confidence.py [--exe BINARY] [--folds K] [--show FP|TP|ALL]
       (run from the project root after `cargo build --release`)

Gold: ../shared/gold/dev.jsonl and dev-wikinews.jsonl (an edge is right when score.py would
match it) and plover-dev.jsonl (right when plover.py would count it; an edge of a type with no
PLOVER class is not judged there). Each drawn edge counts for its rule key: the lexicon row,
and the dependency pattern after `@` when the parse found the arguments (`V12@D1`); a
modifier (`+M1`) is not part of the key.

Estimate (empirical Bayes, three levels): a family's precision is shrunk toward all edges',
a lexicon row's toward its family's, and a key's (row and parse pattern) toward its row's,
each as p = (right + M * prior) / (drawn + M); a rule never seen gets its family's
precision. The prior strengths (how many edges of evidence a prior is worth: M for a pattern
toward its row, MR for a row toward its family, MF for a family toward all edges) are chosen
by the cross-validation below: the triple of lowest held-out Brier score among 1, 2, 4, ...,
256. The program
looks a rule up by key, then by lexicon row, then by `family:NAME`.

Calibration: each article's edges get the confidence estimated from all the other articles
(leave one article out, the default `--folds 0`; `--folds K` splits the articles into K folds
by a hash of their id instead), and the table compares that claim with the share of those
held-out edges that were right, in buckets of claimed confidence. Leaving one article out
mirrors what the shipped table is: estimated from all the gold, used on an article it has not
seen. With K folds a fifth of the gold is missing from each estimate, and a rule whose edges
cluster in a few articles (one article with seven `talks` edges) is judged by a model that
lost most of its evidence, so the buckets mix that loss with the miscalibration they measure."""
import argparse, collections, hashlib, json, os, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(ROOT, "..", "shared")
ap = argparse.ArgumentParser()
ap.add_argument("--exe", default=os.path.join(ROOT, "target", "release", "newsgraph"))
ap.add_argument("--eval", default=os.path.join(SHARED, "eval"))
ap.add_argument("--folds", type=int, default=0, help="0: leave one article out")
ap.add_argument("--show", choices=["FP", "TP", "ALL"])
ap.add_argument("--out", default=os.path.join(ROOT, "data", "rule-confidence.tsv"))
ap.add_argument("--doc", default=os.path.join(ROOT, "docs", "calibration.md"))
a = ap.parse_args()
sys.path.insert(0, a.eval)
import common, score, plover  # noqa: E402

M = MR = MF = 4.0  # set by main() to the cross-validated choice
FAMILY = {t: r["family"] for t, r in common.relation_table().items()}
PLOVER = {t: r["plover"].split("|") for t, r in common.relation_table().items() if r["plover"]}


def key(rule):
    base, _, pat = rule.partition("@")
    return base.split("+")[0] + (f"@{pat}" if pat else "")


def fold(article_id):
    if a.folds <= 0:
        return article_id
    return int(hashlib.sha1(article_id.encode()).hexdigest(), 16) % a.folds


def judged_edges():
    """(article id, rule key, family, right) for every edge drawn on the gold."""
    out = []
    for name in ("dev.jsonl", "dev-wikinews.jsonl"):
        golds = [json.loads(l) for l in open(os.path.join(SHARED, "gold", name), encoding="utf-8") if l.strip()]
        con = common.ingest(a.exe, golds)
        for g in golds:
            ents, _ = common.predicted(con, g["id"])
            g2p = score.match_entities(g["entities"], ents)
            p2g = {p: g["entities"][gi]["name"] for gi, p in g2p.items()}
            rows = con.execute(
                "select source_id, type, target_id, rule, trigger, sentence from relation_view "
                "where external_id = ? and negated = 0", (g["id"],)).fetchall()
            for r in rows:
                s, t, o = p2g.get(r["source_id"]), r["type"], p2g.get(r["target_id"])
                ok = False
                for gr in g["relations"]:
                    if gr.get("negated"):
                        continue
                    types = {gr["type"], *gr.get("alt_types", [])}
                    targets = {gr["target"], *gr.get("alt_targets", [])}
                    fwd = s == gr["source"] and o in targets
                    back = o == gr["source"] and s in targets and (
                        gr["type"] in common.SYMMETRIC or t in common.SYMMETRIC)
                    if (fwd or back) and t in types:
                        ok = True
                        break
                out.append((g["id"], key(r["rule"]), FAMILY.get(t, "?"), ok))
                show(ok, r, ents)
    rows = [json.loads(l) for l in open(os.path.join(SHARED, "gold", "plover-dev.jsonl"), encoding="utf-8") if l.strip()]
    con = common.ingest(a.exe, [{"id": r["id"], "title": "", "text": r["text"]} for r in rows])
    for g in rows:
        ents, _ = common.predicted(con, g["id"])
        srcs, tgts = plover.actor_texts(g.get("source")), plover.actor_texts(g.get("target"))
        for r in con.execute(
                "select source_id, type, target_id, rule, trigger, sentence from relation_view "
                "where external_id = ? and negated = 0", (g["id"],)).fetchall():
            t = r["type"]
            if t not in PLOVER:
                continue
            fs = ents.get(r["source_id"], {}).get("forms", set())
            fo = ents.get(r["target_id"], {}).get("forms", set())
            ok = g["event"] in PLOVER[t] and (
                (plover.matches(fs, srcs) and plover.matches(fo, tgts)) if tgts else
                (plover.matches(fs, srcs) and plover.matches(fo, srcs)))
            out.append((g["id"], key(r["rule"]), FAMILY.get(t, "?"), bool(ok)))
            show(ok, r, ents)
    return out


def show(ok, r, ents):
    if a.show == "ALL" or (a.show == "FP" and not ok) or (a.show == "TP" and ok):
        sn = ents.get(r["source_id"], {}).get("name")
        on = ents.get(r["target_id"], {}).get("name")
        print(f"{'TP' if ok else 'FP'} {r['rule']:<10} [{r['trigger']}] {sn} -{r['type']}-> {on} | "
              f"{' '.join(r['sentence'].split())[:160]}", file=sys.stderr)


def estimate(edges):
    """Shrunk precision per key, per lexicon row and per family from (id, key, family, ok) rows:
    a family toward all edges (strength MF), a row toward its family (MR), a key toward its row
    (M)."""
    right, drawn = collections.Counter(), collections.Counter()
    rright, rdrawn = collections.Counter(), collections.Counter()
    fright, fdrawn = collections.Counter(), collections.Counter()
    family_of = {}
    for _, k, f, ok in edges:
        r = k.split("@")[0]
        family_of[k] = family_of[r] = f
        drawn[k] += 1
        right[k] += ok
        rdrawn[r] += 1
        rright[r] += ok
        fdrawn[f] += 1
        fright[f] += ok
    total = (sum(right.values()) + 1) / (sum(drawn.values()) + 2)
    fam = {f: (fright[f] + MF * total) / (fdrawn[f] + MF) for f in fdrawn}
    rows = {r: (rright[r] + MR * fam[family_of[r]]) / (rdrawn[r] + MR) for r in rdrawn}
    keys = {}
    for r in rdrawn:
        keys[r] = (rows[r], rdrawn[r])
    for k in drawn:
        if "@" in k:
            keys[k] = ((right[k] + M * rows[k.split("@")[0]]) / (drawn[k] + M), drawn[k])
    return keys, fam, total


def claim(model, k, f):
    keys, fam, total = model
    if k in keys:
        return keys[k][0]
    base = k.split("@")[0]
    if base in keys:
        return keys[base][0]
    return fam.get(f, total)


def held_out(edges):
    held = []
    by_fold = collections.defaultdict(list)
    for e in edges:
        by_fold[fold(e[0])].append(e)
    for i, test in sorted(by_fold.items()):
        model = estimate([e for e in edges if fold(e[0]) != i])
        held += [(claim(model, k, f), ok) for aid, k, f, ok in test]
    return held


def main():
    global M, MR, MF
    edges = judged_edges()
    brier = {}
    grid = (1, 2, 4, 8, 16, 32, 64, 128, 256)
    for m in grid:
        for mr in grid:
            for mf in grid:
                M, MR, MF = float(m), float(mr), float(mf)
                brier[m, mr, mf] = sum((c - ok) ** 2 for c, ok in held_out(edges)) / len(edges)
    M, MR, MF = map(float, min(brier, key=brier.get))
    base = sum((c - ok) ** 2 for c, ok in [((sum(e[3] for e in edges) / len(edges)), e[3]) for e in edges]) / len(edges)
    print(f"held-out Brier {min(brier.values()):.4f} at M = {M:g} (pattern), {MR:g} (row), {MF:g} (family); "
          f"one global rate: {base:.4f}", file=sys.stderr)
    held = held_out(edges)
    buckets = [(0.0, 0.3), (0.3, 0.4), (0.4, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 1.01)]
    lines = ["| claimed confidence | edges | mean claimed | right on held-out folds | gap |",
             "|---|---:|---:|---:|---:|"]
    gaps = []
    for lo, hi in buckets:
        b = [(c, ok) for c, ok in held if lo <= c < hi]
        if not b:
            continue
        mc = sum(c for c, _ in b) / len(b)
        pr = sum(ok for _, ok in b) / len(b)
        gap = abs(mc - pr)
        if len(b) >= 20:
            gaps.append(gap)
        lines.append(f"| {lo:.1f}-{min(hi, 1.0):.1f} | {len(b)} | {mc:.3f} | {pr:.3f} | {gap:.3f}{'' if len(b) >= 20 else ' (under 20 edges)'} |")
    keys, fam, total = estimate(edges)
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("# Rule precision over all the gold (dev, Wikinews dev, PLOVER dev), shrunk toward the row's and\n"
                "# relation family's; by data/build/rule_confidence.py. Do not edit.\n")
        f.write("rule\tprecision\tn\n")
        for fm in sorted(fam):
            f.write(f"family:{fm}\t{fam[fm]:.3f}\t0\n")
        for k in sorted(keys):
            f.write(f"{k}\t{keys[k][0]:.3f}\t{keys[k][1]}\n")
    right = sum(ok for *_, ok in edges)
    worst = max(gaps) if gaps else float("nan")
    with open(a.doc, "w", encoding="utf-8") as f:
        f.write("# Calibration of relation confidence\n\n"
                "Written by `python3 data/build/rule_confidence.py` (see its docstring for the method).\n"
                f"{len(edges)} edges drawn on the gold ({right} right), "
                f"{'each article left out in turn' if a.folds <= 0 else f'{a.folds} folds by article'}; "
                f"each edge's claimed confidence was estimated without its own {'article' if a.folds <= 0 else 'fold'}. "
                f"Prior strengths M = {M:g} for a pattern toward its row, {MR:g} for a row toward its family, "
                f"{MF:g} for a family toward all edges (lowest held-out Brier score).\n\n")
        f.write("\n".join(lines) + "\n\n")
        f.write(f"Largest gap in a bucket of at least 20 edges: {worst:.3f}. "
                f"Mean over those buckets: {sum(gaps) / max(len(gaps), 1):.3f}.\n")
    print("\n".join(lines))
    print(f"{len(keys)} rule keys, {len(edges)} edges, {right} right; worst gap (>=20) {worst:.3f} -> {a.out}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
