#!/usr/bin/env python3
"""How many of PETRARCH2's unit-test sentences newsgraph codes right.

usage: python3 tools/petrarch_units.py [--exe BINARY] [--gold PETR.UnitTest.records.tsv]
       (default gold: ../shared/gold/petrarch/PETR.UnitTest.records.tsv)

Each record is ingested as its own article. The records name PETRARCH's own actor codes for
fictional countries its dictionaries define (ARN for Arnor, GON for Gondor), which newsgraph
does not know, so actors are not checked: a record with an event counts as right when newsgraph
draws an edge whose CAMEO root (`cameo_root` in relation_view) is the gold code's first two
digits; a `NOEVENTS` record is right when it draws no edge with a CAMEO root."""
import argparse, csv, json, os, sqlite3, subprocess, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ap = argparse.ArgumentParser()
ap.add_argument("--exe", default=os.path.join(ROOT, "target", "release", "newsgraph"))
ap.add_argument("--gold", default=os.path.join(ROOT, "..", "shared", "gold", "petrarch", "PETR.UnitTest.records.tsv"))
a = ap.parse_args()

rows = list(csv.DictReader(open(a.gold, encoding="utf-8"), delimiter="\t"))
d = tempfile.mkdtemp(prefix="ng-petr-")
src = os.path.join(d, "a.jsonl")
with open(src, "w", encoding="utf-8") as f:
    for i, r in enumerate(rows):
        f.write(json.dumps({"id": f"{r['id']}#{i}", "text": r["text"]}) + "\n")
db = os.path.join(d, "p.db")
subprocess.run([a.exe, "--db", db, "ingest", src], check=True, capture_output=True)
drawn = {}
for ext, root in sqlite3.connect(db).execute(
        "select external_id, cameo_root from relation_view where negated = 0 and cameo_root <> ''"):
    drawn.setdefault(ext, set()).add(root)
events = coded = right = quiet = quiet_right = 0
for i, r in enumerate(rows):
    roots = drawn.get(f"{r['id']}#{i}", set())
    code = r["eventcode"].strip()
    if code[:2].isdigit():
        events += 1
        coded += bool(roots)
        right += code[:2] in roots
    else:
        quiet += 1
        quiet_right += not roots
print(f"{len(rows)} records; {events} with an event: an event edge drawn for {coded}, the gold CAMEO root "
      f"for {right} ({right / max(events, 1):.1%}); {quiet} without: no event edge for {quiet_right}")
