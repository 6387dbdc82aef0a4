#!/usr/bin/env bash
# FastText benchmark, side by side in one run: our FastText Skip-Gram (`mt2st-embed train --model fasttext`)
# against fastText's own `fasttext skipgram` and gensim's `FastText`, with the same settings: 2 threads, dim 100,
# window 5, negative 5, min-count 5, minn 3, maxn 6, bucket 2M, 5 epochs, sample 1e-3, each tool's default
# learning rate. The tools run one after the other on the same plain-text corpus. For each: wall time of the
# whole process (vocabulary, training, writing), words/sec/thread (corpus tokens x epochs / wall / threads),
# peak RSS, then gensim's evaluator on the written .vec (analogies restrict_vocab 30000, case-insensitive:
# total / semantic / syntactic; WordSim-353 and SimLex-999 Spearman), and the issue's targets checked.
#
# Usage: bench/fasttext.sh [CORPUS.txt[.gz]]   (default: $MT2ST_DATA_DIR/base.txt.gz, data dir ../shared/data)
# Env: THREADS (2), EPOCHS (5), TOOLS (default "ours fasttext gensim"), OURS_ARGS (extra train options).
# Needs: `fasttext` (Debian package, installed with apt-get when missing) and gensim in bench/.venv
# (bench/setup-venv.sh); gensim runs through bench/gensim_train.py, scores through bench/gensim_eval.py.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${MT2ST_DATA_DIR:-../shared/data}"
CORPUS="${1:-$DATA/base.txt.gz}"
THREADS="${THREADS:-2}"
EPOCHS="${EPOCHS:-5}"
TOOLS="${TOOLS:-ours fasttext gensim}"
OUT=bench/out/fasttext
BIN=.build/release/mt2st-embed
mkdir -p "$OUT"

# Dependencies.
if [[ " $TOOLS " == *" ours "* ]]; then swift build -c release >/dev/null; fi
if [[ " $TOOLS " == *" fasttext "* ]] && ! command -v fasttext >/dev/null; then
  echo "installing fastText (Debian package 'fasttext')" >&2
  { apt-get install -y fasttext || { apt-get update && apt-get install -y fasttext; }; } >/dev/null
fi
PY=$(bash bench/setup-venv.sh)

# The same plain-text corpus for every tool (decompressed once, outside the timings).
TEXT="$OUT/corpus.txt"
if [[ "$CORPUS" == *.gz ]]; then
  if [[ ! -s "$TEXT" || "$CORPUS" -nt "$TEXT" || "$(cat "$OUT/corpus.name" 2>/dev/null)" != "$CORPUS" ]]; then
    zcat "$CORPUS" > "$TEXT"
    echo "$CORPUS" > "$OUT/corpus.name"
  fi
else
  TEXT="$CORPUS"
fi
TOKENS=$(wc -w < "$TEXT")
echo "corpus $(basename "$CORPUS"): $TOKENS tokens; threads $THREADS, epochs $EPOCHS; load average $(cut -d' ' -f1-3 /proc/loadavg)"

timed() { # name command...: runs it, records "wall_seconds peak_rss_kb" in $OUT/name.time, log in $OUT/name.log
  local name=$1; shift
  rm -f "$OUT/$name.vec"
  if ! /usr/bin/time -f "%e %M" -o "$OUT/$name.time" "$@" > "$OUT/$name.log" 2>&1; then
    echo "$name failed; see $OUT/$name.log" >&2
    tail -5 "$OUT/$name.log" >&2
    return 1
  fi
}

for tool in $TOOLS; do
  case $tool in
    ours)
      # shellcheck disable=SC2086
      timed ours "$BIN" train --model fasttext --input "$TEXT" --output "$OUT/ours.vec" --save-model "$OUT/ours.model" \
        --dim 100 --window 5 --negative 5 --min-count 5 --minn 3 --maxn 6 --bucket 2000000 --epochs "$EPOCHS" \
        --sample 1e-3 --threads "$THREADS" ${OURS_ARGS:-} ;;
    fasttext)
      # Writes ft.bin (the model, with its 2M bucket rows) and ft.vec, as ours writes its model file and .vec.
      timed fasttext fasttext skipgram -input "$TEXT" -output "$OUT/fasttext" -dim 100 -ws 5 -neg 5 -minCount 5 \
        -minn 3 -maxn 6 -bucket 2000000 -epoch "$EPOCHS" -thread "$THREADS" -t 1e-3 ;;
    gensim)
      timed gensim "$PY" bench/gensim_train.py --corpus "$TEXT" --output "$OUT/gensim.vec" --model fasttext --arch sg \
        --dim 100 --window 5 --negative 5 --min-count 5 --sample 1e-3 --minn 3 --maxn 6 --bucket 2000000 \
        --epochs "$EPOCHS" --workers "$THREADS" ;;
    *) echo "unknown tool $tool (ours, fasttext, gensim)" >&2; exit 2 ;;
  esac
done

echo
echo "| tool | wall s | words/s/thread | peak RSS MB | analogy total | semantic | syntactic | answered | WS-353 | SimLex-999 |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for tool in $TOOLS; do
  read -r wall rss < "$OUT/$tool.time"
  wpt=$(awk -v t="$TOKENS" -v e="$EPOCHS" -v w="$wall" -v n="$THREADS" 'BEGIN{printf "%.0f", t*e/w/n}')
  scores=$("$PY" bench/gensim_eval.py "$OUT/$tool.vec" --analogies "$DATA/questions-words.txt" \
      --similarity "$DATA/wordsim353.tsv" "$DATA/simlex999.txt" | "$PY" -c '
import json, sys
d = json.load(sys.stdin); a = d["analogy"]; s = d["similarity"]
print("%.3f %.3f %.3f %d %.3f %.3f" % (a["total"], a["semantic"], a["syntactic"], a["answered"],
                                       s["wordsim353"]["spearman"], s["simlex999"]["spearman"]))')
  echo "$tool $wall $wpt $((rss / 1024)) $scores" > "$OUT/$tool.result"
  read -r _ _ _ mb tot sem syn ans ws sl < "$OUT/$tool.result"
  echo "| $tool | $wall | $wpt | $mb | $tot | $sem | $syn | $ans | $ws | $sl |"
done

# The issue's targets (when all three ran).
if [[ -s "$OUT/ours.result" && -s "$OUT/fasttext.result" && -s "$OUT/gensim.result" && " $TOOLS " == *" ours fasttext gensim "* ]]; then
  echo
  awk '
    FNR == 1 { tool = $1; wpt[tool] = $3; rss[tool] = $4; tot[tool] = $5; syn[tool] = $7 }
    END {
      best_tot = tot["fasttext"] > tot["gensim"] ? tot["fasttext"] : tot["gensim"]
      best_syn = syn["fasttext"] > syn["gensim"] ? syn["fasttext"] : syn["gensim"]
      check("throughput vs fastText", wpt["ours"] / wpt["fasttext"], ">= 2.0", wpt["ours"] / wpt["fasttext"] >= 2)
      check("throughput vs gensim FastText", wpt["ours"] / wpt["gensim"], ">= 1.5", wpt["ours"] / wpt["gensim"] >= 1.5)
      check("analogy total minus the better reference (points)", 100 * (tot["ours"] - best_tot), ">= -1", tot["ours"] - best_tot >= -0.01)
      check("syntactic minus the better reference (points)", 100 * (syn["ours"] - best_syn), ">= -1", syn["ours"] - best_syn >= -0.01)
      check("peak RSS ours / fastText", rss["ours"] / rss["fasttext"], "<= 1.0", rss["ours"] <= rss["fasttext"])
    }
    function check(what, value, target, ok) { printf "%-52s %8.2f  target %-6s %s\n", what, value, target, ok ? "met" : "NOT MET" }
  ' "$OUT/ours.result" "$OUT/fasttext.result" "$OUT/gensim.result"
fi
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews every tool alike)"
