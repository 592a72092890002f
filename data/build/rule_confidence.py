#!/usr/bin/env python3
"""Measure each relation rule's precision on the dev gold and write data/rule-confidence.tsv.

usage: python3 data/build/rule_confidence.py [GOLD.jsonl] [--exe BINARY] [--show FP|TP|ALL]
       (run from the project root; defaults: ../shared/gold/dev.jsonl, target/release/newsgraph)

Matching is score.py's: predicted entities are mapped to gold ones, and a drawn edge is right
when it matches a gold relation (type or alt type, target or alt target, either direction for
symmetric types). Each edge row counts for the rule that drew it; precision is smoothed
towards 0.5 ((right + 1) / (drawn + 2)), so a rule seen once is not 0 or 1. Rules never seen
keep the default confidence (0.5) in the program."""
import argparse, collections, json, os, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ap = argparse.ArgumentParser()
ap.add_argument("gold", nargs="?", default=os.path.join(ROOT, "..", "shared", "gold", "dev.jsonl"))
ap.add_argument("--exe", default=os.path.join(ROOT, "target", "release", "newsgraph"))
ap.add_argument("--eval", default=os.path.join(ROOT, "..", "shared", "eval"))
ap.add_argument("--show", choices=["FP", "TP", "ALL"])
ap.add_argument("--out", default=os.path.join(ROOT, "data", "rule-confidence.tsv"))
a = ap.parse_args()
sys.path.insert(0, a.eval)
import common, score  # noqa: E402

golds = [json.loads(l) for l in open(a.gold, encoding="utf-8") if l.strip()]
con = common.ingest(a.exe, golds)
right, drawn = collections.Counter(), collections.Counter()
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
            types = {gr["type"], *gr.get("alt_types", [])}
            targets = {gr["target"], *gr.get("alt_targets", [])}
            fwd = s == gr["source"] and o in targets
            back = o == gr["source"] and s in targets and (gr["type"] in common.SYMMETRIC or t in common.SYMMETRIC)
            if (fwd or back) and t in types:
                ok = True
                break
        drawn[r["rule"]] += 1
        right[r["rule"]] += ok
        if a.show == "ALL" or (a.show == "FP" and not ok) or (a.show == "TP" and ok):
            sn = ents.get(r["source_id"], {}).get("name")
            on = ents.get(r["target_id"], {}).get("name")
            print(f"{'TP' if ok else 'FP'} {r['rule']:<8} [{r['trigger']}] {sn} -{t}-> {on} | "
                  f"{' '.join(r['sentence'].split())[:160]}", file=sys.stderr)
with open(a.out, "w", encoding="utf-8") as f:
    f.write("# Per-rule precision on the dev gold, by data/build/rule_confidence.py. Do not edit.\n")
    f.write("rule\tprecision\tn\n")
    for rule in sorted(drawn):
        f.write(f"{rule}\t{(right[rule] + 1) / (drawn[rule] + 2):.3f}\t{drawn[rule]}\n")
tot = sum(drawn.values())
print(f"{len(drawn)} rules, {tot} edges, {sum(right.values())} right -> {a.out}", file=sys.stderr)
