#!/usr/bin/env bash
# Corpus stage benchmark: vocabulary + encoding (`mt2st-embed vocab`) side by side with the I/O floor
# `zcat FILE | wc -w`, alternating, 3 rounds each; prints wall time and peak RSS.
# Usage: bench/corpus.sh [FILE...]   (default: base.txt.gz and wiki-medium.txt.gz from $MT2ST_DATA_DIR)
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${MT2ST_DATA_DIR:-../shared/data}"
BIN=.build/release/mt2st-embed
[ -x "$BIN" ] || swift build -c release >/dev/null
files=("$@")
[ ${#files[@]} -gt 0 ] || files=("$DATA/base.txt.gz" "$DATA/wiki-medium.txt.gz")
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for f in "${files[@]}"; do
  floor=(); ours=(); rss=()
  for _ in 1 2 3; do
    /usr/bin/time -o "$tmp" -f "%e" bash -c "zcat '$f' | wc -w >/dev/null"
    floor+=("$(tail -1 "$tmp")")
    /usr/bin/time -o "$tmp" -f "%e %M" "$BIN" vocab --input "$f" >/dev/null 2>&1
    out=$(tail -1 "$tmp")
    ours+=("${out% *}"); rss+=("${out#* }")
  done
  fl=$(printf '%s\n' "${floor[@]}" | median)
  ou=$(printf '%s\n' "${ours[@]}" | median)
  mr=$(printf '%s\n' "${rss[@]}" | median)
  printf '%s: zcat|wc -w %.2f s | mt2st-embed vocab %.2f s (ratio %.2f), peak RSS %d MB | runs: floor %s, ours %s\n' \
    "$(basename "$f")" "$fl" "$ou" "$(awk -v a="$ou" -v b="$fl" 'BEGIN{print a/b}')" "$((mr / 1024))" "${floor[*]}" "${ours[*]}"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (the machine's other work skews both sides alike)"
