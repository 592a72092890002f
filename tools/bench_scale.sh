#!/usr/bin/env bash
#! newsgraph at scale: append rate into a large database against an empty one, bytes on disk
#! per article by table and index, and query times cold and warm.
#
# usage: tools/bench_scale.sh
#   ARTICLES  synthetic articles in the large database (default 1000000; 100000 is quick)
#   WORK      scratch directory for the corpus and the databases (default /tmp/ng-scale);
#             needs about 7 GB a million articles, twice while a copy is appended to
#   BIN       the newsgraph binary measured (default target/release/newsgraph, built here)
#   BASE      a second binary measured alternately with BIN (e.g. main's build), optional;
#             it gets its own large database, built by itself
#   RUNS      append runs per binary, median quoted (default 3)
#   REUTERS   the corpus appended (default ../shared/corpora/reuters21578.jsonl)
#   SEED      a large database built before (by any binary) to start from instead of building
#             one: copied to WORK/big-<name>.db and upgraded by `newsgraph migrate` (timed)
# The large database is built once per binary (WORK/big-<name>.db, named after the binary's
# file name and a hash of its path; kept between runs: delete it to rebuild, or put one there). Each append runs on a fresh copy of it. "Cold" means after
# `sync; echo 3 > /proc/sys/vm/drop_caches` (needs root); without it the script says so and
# the cold figures are only after the copy.
set -euo pipefail
cd "$(dirname "$0")/.."
articles=${ARTICLES:-1000000}
work=${WORK:-/tmp/ng-scale}
runs=${RUNS:-3}
reuters=${REUTERS:-../shared/corpora/reuters21578.jsonl}
mkdir -p "$work"
if [[ -z ${BIN:-} ]]; then
  cargo build --release --quiet
  BIN=target/release/newsgraph
fi
bins=("$BIN")
[[ -n ${BASE:-} ]] && bins+=("$BASE")
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
# a binary's name in file names: its file name and a hash of its path
name() { echo "$(basename "$1")-$(echo "$1" | md5sum | cut -c1-6)"; }
cold() {
  sync
  if ! (echo 3 >/proc/sys/vm/drop_caches) 2>/dev/null; then
    echo "  (cannot drop the page cache: not root; 'cold' is after a copy only)"
  fi
}
aps() { sed -n 's/.* s, \([0-9.]*\) articles\/s.*/\1/p' "$1"; }

echo "machine: nproc $(nproc), load $(cut -d' ' -f1-3 /proc/loadavg)"
corpus=$work/synthetic-$articles.jsonl
if [[ ! -f $corpus ]]; then
  cargo run --release --quiet --example gen_corpus -- --articles "$articles" -o "$corpus"
fi

for b in "${bins[@]}"; do
  db=$work/big-$(name "$b").db
  if [[ ! -f $db && -n ${SEED:-} ]]; then
    echo "copying $SEED to $db and upgrading it with $b"
    cp "$SEED" "$db"
    /usr/bin/time -f "  migrate: %e s wall, max RSS %M KB" "$b" --db "$db" migrate 2>&1 | grep -E "migrate:"
  fi
  if [[ ! -f $db ]]; then
    echo "building $db with $b ($articles articles)"
    /usr/bin/time -f "  %e s wall, %U s user, %S s system, max RSS %M KB" \
      "$b" --db "$db" ingest -q "$corpus" 2>&1 | grep -E "time:|wall"
    sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
  fi
  n=$(sqlite3 "$db" "SELECT count(*) FROM articles")
  size=$(stat -c %s "$db")
  echo "$db: $n articles, $((size / 1048576)) MB, $((size / n)) bytes/article"
  sqlite3 "$db" "SELECT '  ' || name || ': ' || (sum(pgsize) / 1048576) || ' MB, '
                        || (sum(pgsize) / $n) || ' bytes/article'
                 FROM dbstat GROUP BY name HAVING sum(pgsize) > 1048576 ORDER BY sum(pgsize) DESC" \
    2>/dev/null || echo "  (this sqlite3 has no dbstat table)"
done

# Appends, alternating binaries: into an empty database, and into a cold copy of the large one.
for i in $(seq "$runs"); do
  for b in "${bins[@]}"; do
    k=$(name "$b")
    rm -f "$work"/empty.db*
    # the previous append's last writes are flushed first, not under this run
    sync
    /usr/bin/time -f "%e s wall" "$b" --db "$work/empty.db" ingest -q "$reuters" 2>"$work/out"
    e=$(aps "$work/out")
    ew=$(tail -1 "$work/out" | cut -d' ' -f1)
    rm -f "$work"/append.db*
    cp "$work/big-$k.db" "$work/append.db"
    cold
    /usr/bin/time -f "%e s wall %U u %S s %M KB" "$b" --db "$work/append.db" ingest -q "$reuters" \
      2>"$work/out"
    a=$(aps "$work/out")
    aw=$(tail -1 "$work/out" | cut -d' ' -f1)
    # The summary's rate is the ingest's own; the wall time also holds what runs after it
    # (the node metrics of the whole graph, computed again when edges changed).
    echo "$k run $i: empty $e articles/s (${ew} s wall), appended: $a articles/s ($(tail -1 "$work/out")), load $(cut -d' ' -f1 /proc/loadavg)"
    echo "$e" >>"$work/$k.empty"
    echo "$a" >>"$work/$k.append"
    echo "$ew" >>"$work/$k.emptywall"
    echo "$aw" >>"$work/$k.appendwall"
  done
done
for b in "${bins[@]}"; do
  k=$(name "$b")
  e=$(median <"$work/$k.empty")
  a=$(median <"$work/$k.append")
  ew=$(median <"$work/$k.emptywall")
  aw=$(median <"$work/$k.appendwall")
  awk -v k="$k" -v e="$e" -v a="$a" -v r="$runs" -v ew="$ew" -v aw="$aw" \
    'BEGIN {printf "%s: median of %d: empty %s, appended %s articles/s: %.0f%% (target >= 50%%); wall %s s against %s s: %.0f%%\n", k, r, e, a, 100 * a / e, ew, aw, 100 * ew / aw}'
  rm -f "$work/$k.empty" "$work/$k.append" "$work/$k.emptywall" "$work/$k.appendwall"
done
rm -f "$work"/empty.db* "$work"/append.db*

# Queries on the large database: the busiest entity, the most mentioned person, and an
# ordinary person (the thousandth most mentioned), whose ego network is what a user
# exploring one actor exports; the most mentioned person's is a bulk export of the hub's
# whole neighbourhood (thousands of nodes, about a hundred thousand edges).
for b in "${bins[@]}"; do
  db=$work/big-$(name "$b").db
  hub=$(sqlite3 "$db" "SELECT id FROM entities ORDER BY mentions DESC LIMIT 1")
  far=$(sqlite3 "$db" "SELECT id FROM entities WHERE type = 'person' ORDER BY mentions DESC LIMIT 1")
  mid=$(sqlite3 "$db" "SELECT id FROM entities WHERE type = 'person' ORDER BY mentions DESC LIMIT 1 OFFSET 999")
  word=$(sqlite3 "$db" "SELECT name FROM entities WHERE type = 'country' ORDER BY mentions DESC LIMIT 1 OFFSET 3")
  echo "queries on $db with $b (hub #$hub, person #$far, ordinary person #$mid, search '$word')"
  queries=(
    "neighbors #$hub --limit 20"
    "path #$hub #$far"
    "neighbors #$mid --limit 20"
    "path #$hub #$mid"
    "top"
    "search $word --limit 20"
    "export --around #$mid --output $work/around.graphml"
    "export --around #$far --output $work/around.graphml"
  )
  for q in "${queries[@]}"; do
    read -ra args <<<"$q"
    cold
    /usr/bin/time -f "%e" -o "$work/t" "$b" --db "$db" "${args[@]}" >/dev/null 2>&1
    c=$(cat "$work/t")
    w=()
    for _ in 1 2 3; do
      /usr/bin/time -f "%e" -o "$work/t" "$b" --db "$db" "${args[@]}" >/dev/null 2>&1
      w+=("$(cat "$work/t")")
    done
    wm=$(printf '%s\n' "${w[@]}" | median)
    echo "  $q: cold $c s, warm $wm s (median of 3: ${w[*]})"
  done
done
rm -f "$work/around.graphml"
