#!/usr/bin/env bash
# GloVe benchmark: our whole pipeline (read corpus + count co-occurrences + shuffle + train + write) on
# base.txt.gz with the reference's demo settings (vector size 100, window 10, x_max 10, 15 iterations, 2 threads):
# wall time per stage, peak RSS, analogy accuracy (semantic / syntactic / total; gensim evaluate_word_analogies,
# restrict_vocab 30000, case-insensitive) and WordSim-353 / SimLex-999 Spearman.
#
# The reference GloVe (stanfordnlp: vocab_count, cooccur, shuffle, glove) cannot be installed from the package
# registries here. Its recorded figures from REFERENCE.md are always printed; if GLOVE_BIN names a folder with its
# four programs built from source, they also run in the same session, with the exact commands of REFERENCE.md,
# and the speed-ups printed are ratios measured side by side (the machine is shared: only those are meaningful).
#
# With MEDIUM=1 it also checks the memory bound: our pipeline on wiki-medium.txt.gz with --memory 0.5 and one
# epoch, with the peak RSS after the co-occurrence stage (printed by the tool) and of the whole process.
#
# Usage: bench/glove.sh     Env: MT2ST_DATA_DIR (default ../shared/data), GLOVE_BIN (unset: recorded figures only),
#                                SEED (1), THREADS (2), EPOCHS (15), MEMORY (GB for our counting, default 1), MEDIUM (0)
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${MT2ST_DATA_DIR:-../shared/data}"
SEED="${SEED:-1}"
THREADS="${THREADS:-2}"
EPOCHS="${EPOCHS:-15}"
MEMORY="${MEMORY:-1}"
BIN=.build/release/mt2st-embed
OUT=bench/out/glove
mkdir -p "$OUT"
swift build -c release >/dev/null
PY=$(bash bench/setup-venv.sh)
load() { cut -d' ' -f1-3 /proc/loadavg; }

echo "GloVe benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, commit $(git rev-parse --short HEAD)"
echo "settings: dim 100, window 10, x-max 10, epochs $EPOCHS, threads $THREADS, our --memory $MEMORY, corpus $DATA/base.txt.gz"
echo "recorded reference (REFERENCE.md, stanfordnlp/GloVe on this machine kind, quiet machine, 1 run):"
grep -E '^\| GloVe C' "$DATA/REFERENCE.md" | sed 's/^/  /'
echo

# Ours.
echo "ours: load average before $(load)"
/usr/bin/time -o "$OUT/time-ours.txt" -f "%e %M" "$BIN" train --model glove --input "$DATA/base.txt.gz" \
  --output "$OUT/ours.txt" --dim 100 --window 10 --x-max 10 --epochs "$EPOCHS" --threads "$THREADS" \
  --memory "$MEMORY" --seed "$SEED" 2> "$OUT/ours.log"
echo "ours: load average after $(load)"

# The reference, if built.
if [ -n "${GLOVE_BIN:-}" ]; then
  zcat "$DATA/base.txt.gz" > "$OUT/base.txt"
  ( cd "$OUT"
    echo "reference: load average before $(load)"
    t() { local name=$1; shift; /usr/bin/time -o "time-ref-$name.txt" -f "%e %M" "$@"; }
    t vocab_count "$GLOVE_BIN/vocab_count" -min-count 5 < base.txt > vocab.txt 2> ref.log
    t cooccur "$GLOVE_BIN/cooccur" -memory 4.0 -vocab-file vocab.txt -window-size 10 < base.txt > cooc.bin 2>> ref.log
    t shuffle "$GLOVE_BIN/shuffle" -memory 4.0 -seed "$SEED" < cooc.bin > cooc.shuf.bin 2>> ref.log
    t glove "$GLOVE_BIN/glove" -save-file ref -threads "$THREADS" -input-file cooc.shuf.bin -x-max 10 -iter "$EPOCHS" \
      -vector-size 100 -binary 0 -vocab-file vocab.txt -write-header 1 2>> ref.log
    echo "reference: load average after $(load)"
    rm -f base.txt cooc.bin cooc.shuf.bin )
  # The reference appends an <unk> line (mean of the rarest words) after the vocabulary: drop it, as the header says.
  grep -v '^<unk> ' "$OUT/ref.txt" > "$OUT/ref-vectors.txt" || true
fi

for side in ours ref; do
  vec="$OUT/ours.txt"; [ "$side" = ref ] && vec="$OUT/ref-vectors.txt"
  [ -f "$vec" ] || continue
  "$PY" bench/gensim_eval.py "$vec" --analogies "$DATA/questions-words.txt" \
    --similarity "$DATA/wordsim353.tsv" "$DATA/simlex999.txt" > "$OUT/eval-$side.json"
done

"$PY" - "$OUT" "${GLOVE_BIN:+measured}" <<'PYEOF'
import json, os, re, sys
out, measured = sys.argv[1], sys.argv[2] == "measured"
text = open(f"{out}/ours.log").read()
m = re.search(r"glove: corpus ([\d.]+) s, counting ([\d.]+) s, shuffle ([\d.]+) s, training ([\d.]+) s, total ([\d.]+) s", text)
if not m:
    sys.exit("bench/glove.sh: no summary line in ours.log:\n" + text[-2000:])
ours = dict(zip(["corpus", "counting", "shuffle", "training", "total"], map(float, m.groups())))
wall, rss = open(f"{out}/time-ours.txt").read().split()[-2:]
ours["wall"], ours_rss = float(wall), int(rss) // 1024
recorded = {"corpus": 1.3, "counting": 12.3, "shuffle": 9.0, "training": 274.0, "total": 296.0, "wall": 296.0}
ref, ref_rss = None, None
if measured:
    ref = {}
    rss_all = []
    for stage, key in [("vocab_count", "corpus"), ("cooccur", "counting"), ("shuffle", "shuffle"), ("glove", "training")]:
        w, r = open(f"{out}/time-ref-{stage}.txt").read().split()[-2:]
        ref[key] = float(w); rss_all.append(int(r) // 1024)
    ref["total"] = ref["wall"] = sum(ref.values())
    ref_rss = max(rss_all)
print()
print(f"  {'stage (wall s)':<28}{'ours':>9}{'reference':>11}{'ratio':>8}{'recorded ref':>14}")
for name, key in [("corpus / vocab_count", "corpus"), ("co-occurrence / cooccur", "counting"), ("shuffle", "shuffle"),
                  ("training / glove", "training"), ("total (tool clock / sum)", "total"), ("total wall (/usr/bin/time)", "wall")]:
    r = f"{ref[key]:>10.1f}s{ref[key] / ours[key]:>7.2f}x" if ref else f"{'-':>11}{'-':>8}"
    print(f"  {name:<28}{ours[key]:>8.1f}s{r}{recorded[key]:>13.1f}s")
peak = re.search(r"peak RSS after co-occurrence stage: (\d+) MiB", text)
print(f"  peak RSS: ours {ours_rss} MiB whole run" + (f" ({peak.group(1)} MiB after the co-occurrence stage)" if peak else "")
      + (f"; reference {ref_rss} MiB (largest of its four programs)" if ref else "") + "; recorded reference 1,037 MB (cooccur -memory 4)")
costs = re.findall(r"epoch \d+/\d+: cost ([\d.]+)", text)
print("  our cost per epoch: " + ", ".join(costs))
if measured and os.path.exists(f"{out}/ref.log"):
    rc = re.findall(r"iter: \d+, cost: ([\d.]+)", open(f"{out}/ref.log").read())
    print("  reference cost per iteration: " + ", ".join(rc))
evals = {side: json.load(open(f"{out}/eval-{side}.json")) for side in ["ours", "ref"] if os.path.exists(f"{out}/eval-{side}.json")}
recorded_q = {"total": 0.114, "semantic": 0.181, "syntactic": 0.105, "wordsim353": 0.525, "simlex999": 0.279}
def q(e, k):
    return e["analogy"][k] if k in ("total", "semantic", "syntactic") else e["similarity"][k]["spearman"]
print()
print(f"  {'quality':<28}{'ours':>9}{'reference':>11}{'ours-ref':>10}{'recorded ref':>14}")
for name, k in [("analogy total", "total"), ("analogy semantic", "semantic"), ("analogy syntactic", "syntactic"),
                ("WordSim-353 Spearman", "wordsim353"), ("SimLex-999 Spearman", "simlex999")]:
    o = q(evals["ours"], k)
    r = f"{q(evals['ref'], k):>11.3f}{(o - q(evals['ref'], k)) * 100:>+9.1f}pt" if "ref" in evals else f"{'-':>11}{'-':>10}"
    print(f"  {name:<28}{o:>9.3f}{r}{recorded_q[k]:>14.3f}")
print(f"  analogies answered: {evals['ours']['analogy']['answered']} of {evals['ours']['analogy']['questions']}")
PYEOF

if [ "${MEDIUM:-0}" = 1 ]; then
  echo
  echo "memory bound: wiki-medium.txt.gz, --memory 0.5, 1 epoch, threads $THREADS (load average before $(load))"
  /usr/bin/time -o "$OUT/time-medium.txt" -f "%e %M" "$BIN" train --model glove --input "$DATA/wiki-medium.txt.gz" \
    --output "$OUT/medium.txt" --dim 100 --window 10 --x-max 10 --epochs 1 --threads "$THREADS" --memory 0.5 \
    2> "$OUT/medium.log"
  grep -E "co-occurrence memory|co-occurrences:|peak RSS|^glove:" "$OUT/medium.log" | sed 's/^/  /'
  read -r wall rss < <(tail -1 "$OUT/time-medium.txt")
  echo "  whole process: $wall s wall, peak RSS $((rss / 1024)) MiB (/usr/bin/time %M)"
fi
echo
echo "The machine is shared (2 cores, other sessions' jobs running): absolute times are noisy; compare the ratios"
echo "measured in this run (load averages above), not the recorded figures."
