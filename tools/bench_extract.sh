#!/usr/bin/env bash
#! extract | load against ingest on a Reuters slice: the same views (checked), and the rates.
#
# usage: tools/bench_extract.sh [CORPUS.jsonl]
#   CORPUS  default $NEWSGRAPH_BENCH_REUTERS, else ../shared/corpora/reuters21578.jsonl
#   LIMIT   only the first N lines (default 0 = all)
#   RUNS    runs of each, median quoted (default 3)
# Per run, each into a fresh database: `ingest`; `extract > lines` then `load lines` (the
# two steps timed apart: the map step and the writer); `extract | load` in one pipe. The
# views of the last run of each are compared row by row (sorted; clock columns left out):
# a difference fails the script.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-${NEWSGRAPH_BENCH_REUTERS:-../shared/corpora/reuters21578.jsonl}}
limit=${LIMIT:-0}
runs=${RUNS:-3}
if [[ ! -f $corpus ]]; then
  echo "bench_extract.sh: corpus $corpus not found; nothing to measure (pass a JSONL file)"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [[ $limit != 0 ]]; then
  head -n "$limit" "$corpus" >"$tmp/corpus.jsonl"
else
  cp "$corpus" "$tmp/corpus.jsonl"
fi
corpus=$tmp/corpus.jsonl
cargo build --release --quiet
bin=target/release/newsgraph
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
load() { cut -d' ' -f1 /proc/loadavg; }
# wall seconds and max RSS (MB) of a command, into $tmp/$1.{s,mb}
timed() {
  local tag=$1
  shift
  /usr/bin/time -f '%e %M' -o "$tmp/time" "$@"
  read -r s kb <"$tmp/time"
  echo "$s" >>"$tmp/$tag.s"
  echo $((kb / 1024)) >>"$tmp/$tag.mb"
}
echo "machine: nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
echo "corpus:  ${1:-${NEWSGRAPH_BENCH_REUTERS:-../shared/corpora/reuters21578.jsonl}} (first $limit lines; 0 = all)"
for i in $(seq "$runs"); do
  rm -f "$tmp"/*.db*
  timed ingest "$bin" --db "$tmp/ingest.db" ingest -q "$corpus" 2>/dev/null
  timed extract sh -c "'$bin' extract -q '$corpus' > '$tmp/lines.jsonl'"
  timed load "$bin" --db "$tmp/load.db" load -q "$tmp/lines.jsonl" 2>/dev/null
  timed pipe sh -c "'$bin' extract -q '$corpus' | '$bin' --db '$tmp/pipe.db' load -q 2>/dev/null"
  echo "run $i: ingest $(tail -1 "$tmp/ingest.s") s, extract $(tail -1 "$tmp/extract.s") s, load $(tail -1 "$tmp/load.s") s, extract|load $(tail -1 "$tmp/pipe.s") s, load average $(load)"
done
articles=$("$bin" --db "$tmp/ingest.db" query --format tsv "SELECT count(*) FROM articles" | tail -n 1)
lines=$(wc -l <"$tmp/lines.jsonl")
echo "articles: $articles stored; $lines extraction lines, $(($(stat -c %s "$tmp/lines.jsonl") / 1024 / 1024)) MB ($(($(stat -c %s "$corpus") / 1024 / 1024)) MB of input)"
for tag in ingest extract load pipe; do
  s=$(median <"$tmp/$tag.s")
  mb=$(sort -n "$tmp/$tag.mb" | tail -1)
  awk -v t="$tag" -v s="$s" -v n="$lines" -v mb="$mb" -v r="$runs" \
    'BEGIN {printf "%-8s median %.2f s over %d runs: %.0f articles/s, max RSS %d MB\n", t, s, r, n / s, mb}'
done

# The same views, row by row.
views="article_view sentence_view entity_view alias_view mention_view relation_view edge_view"
dump() {
  for v in $views; do "$bin" --db "$1" query --format tsv "SELECT '$v', * FROM $v" | tail -n +2; done
  "$bin" --db "$1" query --format tsv "SELECT merge_id, from_id, from_name, from_type, into_id, into_name, into_type, reason, mentions FROM merge_view" | tail -n +2
}
dump "$tmp/ingest.db" | sort >"$tmp/ingest.rows"
status=0
for db in load pipe; do
  dump "$tmp/$db.db" | sort >"$tmp/$db.rows"
  if cmp -s "$tmp/ingest.rows" "$tmp/$db.rows"; then
    echo "views: $db.db equals ingest.db, $(wc -l <"$tmp/ingest.rows") rows"
  else
    echo "views: $db.db DIFFERS from ingest.db:"
    diff "$tmp/ingest.rows" "$tmp/$db.rows" | head -20
    status=1
  fi
done
echo "load: $(uptime)"
exit $status
