#!/usr/bin/env bash
# Issue 17: does the second core pay, every time? Alternating pairs of 1-thread and 2-thread runs
# of the same command (Skip-Gram, 1 epoch, defaults otherwise), back to back, on an otherwise idle
# machine; per pair the training-time ratio t(1 thread) / t(2 threads) from the trainer's own
# "trained ... in X s" line, plus the 2-thread run's per-thread busy times and idle share, and a
# no-sharing bound: two independent 1-thread processes at once (no row is shared between them).
#
# Usage: bash bench/thread-scaling.sh [BIN] > out.txt
# Environment: MT2ST_DATA_DIR (default ../shared/data), CORPUS (default base.txt.gz), PAIRS (10),
# EPOCHS (1), EXTRA (more train options for both runs, e.g. "--hot-rows 256"), BOUND (1: also run
# the two-process bound after each pair).
set -euo pipefail
BIN=${1:-.build/release/mt2st-embed}
DATA=${MT2ST_DATA_DIR:-../shared/data}
CORPUS=${CORPUS:-base.txt.gz}
case "$CORPUS" in */*) corpus=$CORPUS ;; *) corpus=$DATA/$CORPUS ;; esac
PAIRS=${PAIRS:-10}
EPOCHS=${EPOCHS:-1}
EXTRA=${EXTRA:-}
BOUND=${BOUND:-0}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
train() { # threads seed log
    # shellcheck disable=SC2086
    "$BIN" train --model skipgram --input "$corpus" --epochs "$EPOCHS" --threads "$1" --seed "$2" $EXTRA \
        --output "$out/v$1-$2.txt" 2> "$3"
}
seconds() { sed -n 's/^trained .* in \([0-9.]*\) s:.*/\1/p' "$1"; }
echo "# $BIN, $corpus, $EPOCHS epoch(s), $PAIRS pairs, extra options: '${EXTRA}'"
header="pair  1-thread s  2-thread s  speed-up  2-thread busy (idle)"
[ "$BOUND" = 1 ] && header="$header  | two 1-thread processes s"
echo "$header"
ratios=()
for i in $(seq 1 "$PAIRS"); do
    train 1 1 "$out/a.log"
    train 2 1 "$out/b.log"
    a=$(seconds "$out/a.log"); b=$(seconds "$out/b.log")
    busy=$(sed -n 's/^threads busy \(.*\) s of .*(\(.*\) % idle)/\1 (\2 %)/p' "$out/b.log")
    r=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", a / b }')
    ratios+=("$r")
    line=$(printf "%4d  %10s  %10s  %8s  %s" "$i" "$a" "$b" "$r" "$busy")
    if [ "$BOUND" = 1 ]; then
        train 1 3 "$out/c.log" & train 1 4 "$out/d.log"; wait
        line="$line  | $(seconds "$out/c.log") / $(seconds "$out/d.log")"
    fi
    echo "$line"
done
printf '%s\n' "${ratios[@]}" | sort -n | awk '{ v[NR] = $1 } END {
    m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "speed-up median %.3f, min %.3f, max %.3f over %d pairs\n", m, v[1], v[NR], NR }'
