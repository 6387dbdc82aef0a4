#!/usr/bin/env bash
# GloVe benchmark: our whole pipeline (read corpus + count co-occurrences + shuffle + train + write) on
# base.txt.gz with the reference's demo settings (vector size 100, window 10, x_max 10, 15 iterations,
# 2 threads), printing wall time per stage, peak RSS, analogy accuracy (semantic / syntactic / total, gensim
# evaluate_word_analogies restrict_vocab 30000 case-insensitive) and WordSim-353 / SimLex-999 Spearman, beside
# the reference GloVe (stanfordnlp: vocab_count, cooccur, shuffle, glove) figures of REFERENCE.md. The reference
# cannot be installed from the package registries here, so its side is the recorded figure, not a run.
#
# With MEDIUM=1 it also checks the memory bound: the pipeline on wiki-medium.txt.gz with --memory 0.5 and one
# epoch, reporting the peak RSS after the co-occurrence stage (as printed by the tool) and of the whole process.
#
# Usage: bench/glove.sh            Env: MT2ST_DATA_DIR (default ../shared/data), SEEDS ("1"), THREADS (2),
#                                       EPOCHS (15), MEMORY (GB for counting and shuffling, default 1), MEDIUM (0)
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${MT2ST_DATA_DIR:-../shared/data}"
SEEDS="${SEEDS:-1}"
THREADS="${THREADS:-2}"
EPOCHS="${EPOCHS:-15}"
MEMORY="${MEMORY:-1}"
BIN=.build/release/mt2st-embed
OUT=bench/out/glove
mkdir -p "$OUT"
swift build -c release >/dev/null
PY=$(bash bench/setup-venv.sh)
GLOVE=("$BIN" train --model glove)

echo "GloVe benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, commit $(git rev-parse --short HEAD)"
echo "settings: dim 100, window 10, x-max 10, epochs $EPOCHS, threads $THREADS, --memory $MEMORY, corpus $DATA/base.txt.gz"
echo
echo "reference (REFERENCE.md, stanfordnlp/GloVe on this machine kind, 1 run):"
grep -E '^\| GloVe C' "$DATA/REFERENCE.md" | sed 's/^/  /'
echo

for seed in $SEEDS; do
  vec="$OUT/base-seed$seed.txt"
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  /usr/bin/time -o "$OUT/time.txt" -f "%e %M" "${GLOVE[@]}" --input "$DATA/base.txt.gz" --output "$vec" \
    --dim 100 --window 10 --x-max 10 --epochs "$EPOCHS" --threads "$THREADS" --memory "$MEMORY" --seed "$seed" \
    2> "$OUT/base-seed$seed.log"
  load_after=$(cut -d' ' -f1-3 /proc/loadavg)
  "$PY" bench/gensim_eval.py "$vec" --analogies "$DATA/questions-words.txt" \
    --similarity "$DATA/wordsim353.tsv" "$DATA/simlex999.txt" > "$OUT/eval-seed$seed.json"
  "$PY" - "$OUT/base-seed$seed.log" "$OUT/time.txt" "$OUT/eval-seed$seed.json" "$seed" "$load_before" "$load_after" <<'PYEOF'
import json, re, sys
log, timing, evaluation, seed, load_before, load_after = sys.argv[1:]
text = open(log).read()
m = re.search(r"glove: corpus ([\d.]+) s, counting ([\d.]+) s, shuffle ([\d.]+) s, training ([\d.]+) s, total ([\d.]+) s", text)
if not m:
    sys.exit("bench/glove.sh: no summary line in " + log + ":\n" + text[-2000:])
corpus, counting, shuffle, training, total = map(float, m.groups())
wall, rss_kb = open(timing).read().split()[-2:]
e = json.load(open(evaluation))
a = e["analogy"]; ws = e["similarity"]["wordsim353"]["spearman"]; sl = e["similarity"]["simlex999"]["spearman"]
ref = {"vocab+read": 1.3, "counting": 12.3, "shuffle": 9.0, "training": 274.0, "total": 296.0}
ref_q = {"total": 0.114, "semantic": 0.181, "syntactic": 0.105, "ws353": 0.525, "simlex": 0.279}
costs = re.findall(r"epoch (\d+)/(\d+): cost ([\d.]+)", text)
rss_line = re.search(r"peak RSS after co-occurrence stage: (\d+) MiB", text)
print(f"seed {seed} (load average before {load_before}, after {load_after}):")
print(f"  {'stage':<22}{'ours':>10}{'reference':>12}{'speed-up':>10}")
for name, ours, r in [("corpus/vocabulary", corpus, ref["vocab+read"]), ("co-occurrence count", counting, ref["counting"]),
                      ("shuffle", shuffle, ref["shuffle"]), ("training", training, ref["training"]),
                      ("total (tool's clock)", total, ref["total"]), ("total (wall, /usr/bin/time)", float(wall), ref["total"])]:
    print(f"  {name:<22}{ours:>9.1f}s{r:>11.1f}s{r / ours:>9.2f}x")
print(f"  peak RSS: {int(rss_kb) // 1024} MiB whole run"
      + (f", {rss_line.group(1)} MiB after co-occurrence stage" if rss_line else "") + " (reference: 1,037 MB, cooccur -memory 4)")
if costs:
    print(f"  cost per epoch: " + ", ".join(c for _, _, c in costs))
print(f"  {'quality':<22}{'ours':>10}{'reference':>12}{'difference':>12}")
for name, ours, r in [("analogy total", a["total"], ref_q["total"]), ("analogy semantic", a["semantic"], ref_q["semantic"]),
                      ("analogy syntactic", a["syntactic"], ref_q["syntactic"]), ("WordSim-353 Spearman", ws, ref_q["ws353"]),
                      ("SimLex-999 Spearman", sl, ref_q["simlex"])]:
    print(f"  {name:<22}{ours:>10.3f}{r:>12.3f}{(ours - r) * 100:>+11.1f}pt")
print(f"  analogies answered: {a['answered']} of {a['questions']}")
PYEOF
  echo
done

if [ "${MEDIUM:-0}" = 1 ]; then
  echo "memory bound: wiki-medium.txt.gz, --memory 0.5, 1 epoch, threads $THREADS"
  /usr/bin/time -o "$OUT/time-medium.txt" -f "%e %M" "${GLOVE[@]}" --input "$DATA/wiki-medium.txt.gz" \
    --output "$OUT/medium.txt" --dim 100 --window 10 --x-max 10 --epochs 1 --threads "$THREADS" --memory 0.5 \
    2> "$OUT/medium.log"
  grep -E "co-occurrence memory|co-occurrences:|peak RSS|^glove:" "$OUT/medium.log" | sed 's/^/  /'
  read -r wall rss < <(tail -1 "$OUT/time-medium.txt")
  echo "  whole process: $wall s wall, peak RSS $((rss / 1024)) MiB (/usr/bin/time %M)"
fi
echo "the machine is shared (2 cores, other jobs running): absolute times are noisy; load averages above."
