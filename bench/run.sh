#!/usr/bin/env bash
# `make bench`: our Skip-Gram (batch and plain kernels) and CBOW against gensim 4.4.0's Word2Vec,
# one after the other in one run, with the same settings: training time, words/s, peak RSS,
# Google analogy accuracy and WordSim-353 Spearman (gensim's evaluator on every vector file, which
# also checks that gensim loads our text and binary output), then ratios ours/gensim and our
# 1-thread vs 2-thread throughput.
#
# Environment: MT2ST_DATA_DIR (default ../shared/data), CORPUS (file name in it, or a path;
# default wiki-medium.txt.gz; base.txt.gz for a quicker run), THREADS (default 2), EPOCHS (5),
# SCALING_EPOCHS (epochs of the 1- vs 2-thread runs, default 1), RUNS (which runs, default all:
# "sg-batch sg-plain cbow gensim-sg gensim-cbow scaling"; e.g. RUNS="sg-batch gensim-sg").
set -euo pipefail
cd "$(dirname "$0")/.."

DATA_DIR="${MT2ST_DATA_DIR:-../shared/data}"
CORPUS="${CORPUS:-wiki-medium.txt.gz}"
case "$CORPUS" in */*) corpus="$CORPUS" ;; *) corpus="$DATA_DIR/$CORPUS" ;; esac
THREADS="${THREADS:-2}"
EPOCHS="${EPOCHS:-5}"
SCALING_EPOCHS="${SCALING_EPOCHS:-1}"
RUNS=" ${RUNS:-sg-batch sg-plain cbow gensim-sg gensim-cbow scaling} "
want() { [[ "$RUNS" == *" $1 "* ]]; }
BIN=.build/release/mt2st-embed
OUT=bench/out/word2vec
mkdir -p "$OUT"

die() { echo "bench: error: $*" >&2; exit 1; }
[ -f "$corpus" ] || die "corpus $corpus not found (set MT2ST_DATA_DIR or CORPUS)"
[ -x "$BIN" ] || die "$BIN missing: run 'swift build -c release' (make bench does)"
[ -x /usr/bin/time ] || die "/usr/bin/time missing (apt-get install time)"

if [ -f bench/setup-venv.sh ]; then
    PY="$(bash bench/setup-venv.sh)"
else
    PY=bench/.venv/bin/python
    if ! "$PY" -c "import gensim" >/dev/null 2>&1; then
        python3 -m venv bench/.venv
        "$PY" -m pip install --quiet --disable-pip-version-check gensim==4.4.0
    fi
fi

SETTINGS=(--dim 100 --window 5 --negative 5 --min-count 5 --sample 1e-3 --seed 1)
echo "# mt2st-embed word2vec benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(uname -m)"
echo "# corpus $corpus, threads $THREADS, epochs $EPOCHS, dim 100 window 5 negative 5 min-count 5 sample 1e-3"
echo "# command: MT2ST_DATA_DIR=$DATA_DIR CORPUS=$CORPUS THREADS=$THREADS EPOCHS=$EPOCHS bash bench/run.sh"
echo "# load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

declare -A TRAIN WALL RSS TOKENS
# run_ours NAME OUTPUT THREADS EPOCHS ARGS...
run_ours() {
    local name=$1 output=$2 threads=$3 epochs=$4; shift 4
    /usr/bin/time -f "%e %M" -o "$OUT/$name.time" \
        "$BIN" train --input "$corpus" --output "$output" "${SETTINGS[@]}" --threads "$threads" --epochs "$epochs" \
        --quiet "$@" 2> "$OUT/$name.log" || { cat "$OUT/$name.log" >&2; die "$name failed"; }
    TRAIN[$name]=$(sed -n 's/^trained [0-9]* words in \([0-9.]*\) s.*/\1/p' "$OUT/$name.log")
    TOKENS[$name]=$(sed -n 's/.*(read \([0-9]*\) tokens.*/\1/p' "$OUT/$name.log")
    read -r WALL[$name] RSS[$name] < "$OUT/$name.time"
    echo "ran $name: train ${TRAIN[$name]} s, wall ${WALL[$name]} s" >&2
}
run_gensim() {
    local name=$1 output=$2 sg=$3
    /usr/bin/time -f "%e %M" -o "$OUT/$name.time" \
        "$PY" bench/word2vec_gensim.py "$corpus" "$output" --sg "$sg" --threads "$THREADS" --epochs "$EPOCHS" \
        > "$OUT/$name.log" 2>&1 || { cat "$OUT/$name.log" >&2; die "$name failed"; }
    TRAIN[$name]=$(sed -n 's/^train_seconds //p' "$OUT/$name.log")
    TOKENS[$name]=$(sed -n 's/^corpus_tokens //p' "$OUT/$name.log")
    read -r WALL[$name] RSS[$name] < "$OUT/$name.time"
    echo "ran $name: train ${TRAIN[$name]} s, wall ${WALL[$name]} s" >&2
}

names=()
specs=()
if want sg-batch; then
    run_ours ours-sg-batch "$OUT/ours-sg-batch.txt" "$THREADS" "$EPOCHS" --model skipgram --kernel batch
    names+=(ours-sg-batch); specs+=("ours-sg-batch=$OUT/ours-sg-batch.txt")
fi
if want sg-plain; then
    run_ours ours-sg-plain "$OUT/ours-sg-plain.bin" "$THREADS" "$EPOCHS" --model skipgram --kernel plain --binary
    names+=(ours-sg-plain); specs+=("ours-sg-plain=$OUT/ours-sg-plain.bin:binary")
fi
if want cbow; then
    run_ours ours-cbow "$OUT/ours-cbow.txt" "$THREADS" "$EPOCHS" --model cbow
    names+=(ours-cbow); specs+=("ours-cbow=$OUT/ours-cbow.txt")
fi
if want gensim-sg; then
    run_gensim gensim-sg "$OUT/gensim-sg.txt" 1
    names+=(gensim-sg); specs+=("gensim-sg=$OUT/gensim-sg.txt")
fi
if want gensim-cbow; then
    run_gensim gensim-cbow "$OUT/gensim-cbow.txt" 0
    names+=(gensim-cbow); specs+=("gensim-cbow=$OUT/gensim-cbow.txt")
fi
if want scaling; then
    run_ours scaling-1t "$OUT/scaling.txt" 1 "$SCALING_EPOCHS" --model skipgram --kernel batch
    run_ours scaling-2t "$OUT/scaling.txt" 2 "$SCALING_EPOCHS" --model skipgram --kernel batch
fi

"$PY" bench/word2vec_eval.py "$DATA_DIR" "${specs[@]}" > "$OUT/eval.txt" || die "evaluation failed"

declare -A WPS
echo
printf "%-14s %9s %9s %10s %9s %8s %8s %8s %8s %8s %s\n" run train_s wall_s words/s rss_MB analogy semantic syntactic answered ws353 format
for n in "${names[@]}"; do
    WPS[$n]=$(awk -v t="${TOKENS[$n]}" -v e="$EPOCHS" -v s="${TRAIN[$n]}" 'BEGIN { printf "%.0f", t * e / s }')
    read -r _ total sem syn answered ws fmt < <(grep "^$n " "$OUT/eval.txt")
    printf "%-14s %9s %9s %10s %9.0f %8s %8s %8s %8s %8s %s\n" "$n" "${TRAIN[$n]}" "${WALL[$n]}" "${WPS[$n]}" \
        "$(awk -v k="${RSS[$n]}" 'BEGIN { print k / 1024 }')" "$total" "$sem" "$syn" "$answered" "$ws" "$fmt"
done
echo "(words/s = epochs x corpus tokens / training seconds; rss = peak resident set of the whole process)"
if want scaling; then
    for n in scaling-1t scaling-2t; do
        WPS[$n]=$(awk -v t="${TOKENS[$n]}" -v e="$SCALING_EPOCHS" -v s="${TRAIN[$n]}" 'BEGIN { printf "%.0f", t * e / s }')
    done
    echo
    echo "threads: skipgram batch, $SCALING_EPOCHS epoch(s): 1 thread ${WPS[scaling-1t]} words/s, 2 threads ${WPS[scaling-2t]} words/s," \
        "ratio $(awk -v a="${WPS[scaling-2t]}" -v b="${WPS[scaling-1t]}" 'BEGIN { printf "%.2f", a / b }')x (target >= 1.8)"
fi
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
acc() { grep "^$1 " "$OUT/eval.txt" | cut -d' ' -f2; }
if want sg-batch && want gensim-sg; then
    echo "ratio skipgram batch / gensim sg: speed $(ratio "${WPS[ours-sg-batch]}" "${WPS[gensim-sg]}")x (target >= 2.5)," \
        "peak RSS $(ratio "${RSS[ours-sg-batch]}" "${RSS[gensim-sg]}")x (target <= 1.2)," \
        "analogy $(acc ours-sg-batch) vs $(acc gensim-sg) (target: at most 0.01 lower)"
fi
if want sg-plain && want gensim-sg; then
    echo "ratio skipgram plain / gensim sg: speed $(ratio "${WPS[ours-sg-plain]}" "${WPS[gensim-sg]}")x," \
        "analogy $(acc ours-sg-plain) vs $(acc gensim-sg)"
fi
if want cbow && want gensim-cbow; then
    echo "ratio cbow / gensim cbow: speed $(ratio "${WPS[ours-cbow]}" "${WPS[gensim-cbow]}")x (target >= 1.5)," \
        "peak RSS $(ratio "${RSS[ours-cbow]}" "${RSS[gensim-cbow]}")x, analogy $(acc ours-cbow) vs $(acc gensim-cbow)"
fi
