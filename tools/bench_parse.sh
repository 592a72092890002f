#!/usr/bin/env bash
#! Tagger + parser words/s on one core, this build against a reference build, same session.
#
# usage: tools/bench_parse.sh REF_BIN [BIN]
#   REF_BIN  a reference newsgraph binary, e.g. main's, copied to a scratch path first
#            (`cp ../main/target/release/newsgraph /tmp/ref-newsgraph`)
#   BIN      the build to measure (default target/release/newsgraph)
#   RUNS     runs per binary, alternated, median quoted (default 5)
#   CONLLU   the input (default: EWT and GUM train, 334,382 words, gold tokens)
# Each run is `newsgraph parse --conllu` (one thread: tagging and parsing are single-threaded)
# timed by user+sys CPU; the CPU of a one-sentence run (model load, process start) is
# subtracted, so the figure is words per CPU second of tagging, parsing and CoNLL-U I/O.
# Both binaries must give the same output for the comparison to be about speed alone; the
# script says whether they do.
set -euo pipefail
cd "$(dirname "$0")/.."
ref=${1:?usage: tools/bench_parse.sh REF_BIN [BIN]}
bin=${2:-target/release/newsgraph}
runs=${RUNS:-5}
tb=../shared/treebanks
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [[ -n ${CONLLU:-} ]]; then
  cp "$CONLLU" "$tmp/in.conllu"
else
  cat "$tb/ud-english-ewt/en_ewt-ud-train.conllu" "$tb/gum/gum-train.conllu" >"$tmp/in.conllu"
fi
printf '# sent_id = 1\n1\tHi\t_\t_\t_\t_\t0\troot\t_\t_\n2\t.\t_\t_\t_\t_\t1\tpunct\t_\t_\n\n' >"$tmp/one.conllu"
words=$(grep -cP '^[0-9]+\t' "$tmp/in.conllu")
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
cpu() { # CPU seconds of one run: user + sys
  /usr/bin/time -f '%U %S' -o "$tmp/t" "$1" parse --conllu "$2" >"$3"
  awk '{print $1 + $2}' "$tmp/t"
}
echo "machine: nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'); load $(cut -d' ' -f1 /proc/loadavg)"
echo "input: $words words; $runs runs per binary, alternated"
for b in ref new; do : >"$tmp/$b.cpu" >"$tmp/$b.load"; done
for ((i = 0; i < runs; i++)); do
  for b in ref new; do
    exe=$ref
    [[ $b == new ]] && exe=$bin
    cpu "$exe" "$tmp/one.conllu" /dev/null >>"$tmp/$b.load"
    cpu "$exe" "$tmp/in.conllu" "$tmp/$b.out" >>"$tmp/$b.cpu"
  done
done
for b in ref new; do
  exe=$ref
  [[ $b == new ]] && exe=$bin
  t=$(median <"$tmp/$b.cpu")
  l=$(median <"$tmp/$b.load")
  echo "$b ($exe): parse CPU $(tr '\n' ' ' <"$tmp/$b.cpu")s; median $t s, load $l s: $(awk -v w="$words" -v t="$t" -v l="$l" 'BEGIN {printf "%.0f", w / (t - l)}') words/s"
done
if cmp -s "$tmp/ref.out" "$tmp/new.out"; then echo "output: identical"; else echo "output: differs (a different model or parser)"; fi
echo "load after: $(cut -d' ' -f1 /proc/loadavg)"
