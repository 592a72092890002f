#!/usr/bin/env bash
#! newsgraph curation speed (issue 13): merge, rename and undo of an entity with 100,000
#! mentions; forget of 1,000 articles; reextract --all against ingest on the same corpus.
#
# usage: tools/bench_curation.sh [CORPUS.jsonl]
#   CORPUS   default $NEWSGRAPH_BENCH_REUTERS, else ../shared/corpora/reuters21578.jsonl
#   RUNS     runs per figure, median quoted (default 3); ingest and reextract alternate
#   BIG      synthetic articles for the 100,000-mention entity (default 25000, 4 mentions each)
# Times are wall clock of the whole command (process start, opening the database, the
# transaction, exit), measured with date +%s%N around it.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-${NEWSGRAPH_BENCH_REUTERS:-../shared/corpora/reuters21578.jsonl}}
runs=${RUNS:-3}
big=${BIG:-25000}
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
load() { cut -d' ' -f1 /proc/loadavg; }
ms() { # run a command quietly, print its wall time in ms
  local t0 t1
  t0=$(date +%s%N)
  "$@" >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; return 1; }
  t1=$(date +%s%N)
  echo $(((t1 - t0) / 1000000))
}
rate() { grep -oE '[0-9.]+ articles/s' "$tmp/err" | head -1 | cut -d' ' -f1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "machine: nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
cargo build --release --quiet
bin=target/release/newsgraph
ng() { env -u NEWSGRAPH_LEXICON HOME=/nonexistent "$bin" --db "$db" "$@"; }

# 1. one entity with 100,000 mentions
python3 - "$big" >"$tmp/big.jsonl" <<'PY'
import json, sys
n = int(sys.argv[1])
for i in range(n):
    text = (f"Zorblax Industries criticized China on Monday, report {i}. "
            f"Officials of Zorblax Industries met Acme Holdings Inc. in Paris. "
            f"Zorblax Industries said it would sue Acme Holdings Inc. on Friday. "
            f"Analysts said Zorblax Industries would appeal.")
    print(json.dumps({"id": f"z{i}", "text": text, "published": "2020-01-01"}))
PY
db=$tmp/big.db
ng ingest -q "$tmp/big.jsonl" 2>/dev/null
z=$(ng query -f tsv "SELECT mentions FROM entity_view WHERE name = 'Zorblax Industries'" | tail -1)
a=$(ng query -f tsv "SELECT mentions FROM entity_view WHERE name = 'Acme Holdings Inc.'" | tail -1)
echo "synthetic: $big articles; Zorblax Industries $z mentions, Acme Holdings Inc. $a mentions (load $(load))"
merge=() undo_merge=() rename=() undo_rename=()
for r in $(seq "$runs"); do
  merge+=("$(ms ng entity merge 'Zorblax Industries' --into 'Acme Holdings Inc.')")
  id=$(ng curation list -f tsv | tail -1 | cut -f1)
  undo_merge+=("$(ms ng curation undo "$id")")
  rename+=("$(ms ng entity rename 'Zorblax Industries' 'Zorblax Group')")
  id=$(ng curation list -f tsv | tail -1 | cut -f1)
  undo_rename+=("$(ms ng curation undo "$id")")
done
echo "merge of $z mentions into $a:  ms ${merge[*]}; median $(printf '%s\n' "${merge[@]}" | median) (load $(load))"
echo "undo of that merge:            ms ${undo_merge[*]}; median $(printf '%s\n' "${undo_merge[@]}" | median)"
echo "rename of $z mentions:         ms ${rename[*]}; median $(printf '%s\n' "${rename[@]}" | median)"
echo "undo of that rename:           ms ${undo_rename[*]}; median $(printf '%s\n' "${undo_rename[@]}" | median)"

# 2. reextract --all against ingest, alternating, on the corpus
if [[ ! -f $corpus ]]; then
  echo "corpus $corpus not found; reextract and forget not measured"
  exit 0
fi
ingest=() reextract=()
for r in $(seq "$runs"); do
  db=$tmp/r$r.db
  ng ingest -q "$corpus" 2>"$tmp/err"
  ingest+=("$(rate)")
  ng reextract --all -q 2>"$tmp/err"
  reextract+=("$(rate)")
  echo "  run $r: ingest ${ingest[-1]} articles/s, reextract --all ${reextract[-1]} articles/s (load $(load))"
done
mi=$(printf '%s\n' "${ingest[@]}" | median)
mr=$(printf '%s\n' "${reextract[@]}" | median)
echo "ingest median $mi articles/s, reextract --all median $mr articles/s: ratio $(echo "scale=2; $mr / $mi" | bc)"
db=$tmp/r1.db
echo "database: $(ng query -f tsv 'SELECT count(*) FROM article_view' | tail -1) articles, $(ng query -f tsv 'SELECT count(*) FROM relation_view' | tail -1) relations, stale after reextract: $(ng stats | grep -oE '[0-9]+ stale')"

# 3. forget 1,000 articles, each run on a fresh copy of the same database
forget=()
for r in $(seq "$runs"); do
  cp "$tmp/r1.db" "$tmp/f.db"
  db=$tmp/f.db
  ids=$(ng query -f tsv 'SELECT article_id FROM article_view ORDER BY article_id LIMIT 1000' | tail -n +2)
  # shellcheck disable=SC2086
  forget+=("$(ms ng forget $ids)")
done
echo "forget of 1,000 articles:      ms ${forget[*]}; median $(printf '%s\n' "${forget[@]}" | median) (load $(load))"
