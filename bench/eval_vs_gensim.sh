#!/usr/bin/env bash
# Compares `mt2st-embed evaluate` with gensim 4.4.0 on one vector file, side by side in one run:
# every analogy section, semantic, syntactic, total, questions seen, Spearman/Pearson on WordSim-353
# and SimLex-999 (they must agree to 4 decimals), evaluation and load times (the ratio), peak RSS.
#
# Usage: bench/eval_vs_gensim.sh [VECTORS.txt|.bin] [add|mul]
#   Without VECTORS, trains a quick gensim Skip-Gram (1 epoch) on base.txt.gz into bench/out/.
#   Data folder: $MT2ST_DATA_DIR (default: ../shared/data relative to the repository).
#   BLAS_THREADS=N: OPENBLAS_NUM_THREADS for both evaluators and --threads N for ours (default: each
#   tool's own default; on a busy machine numpy's threaded BLAS can slow gensim down a lot, and
#   BLAS_THREADS=1 gives the conservative single-core ratio).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DATA=${MT2ST_DATA_DIR:-$ROOT/../shared/data}
METHOD=${2:-add}
RESTRICT=${RESTRICT_VOCAB:-30000}
OUT=$ROOT/bench/out
mkdir -p "$OUT"
PY=$ROOT/bench/.venv/bin/python
if [ ! -x "$PY" ] || ! "$PY" -c "import gensim" 2>/dev/null; then
    python3 -m venv "$ROOT/bench/.venv"
    "$ROOT/bench/.venv/bin/pip" install -q gensim==4.4.0
fi
swift build -c release >/dev/null
BIN=$ROOT/.build/release/mt2st-embed

VECTORS=${1:-}
if [ -z "$VECTORS" ]; then
    VECTORS=$OUT/gensim-sg-1epoch.txt
    [ -f "$VECTORS" ] || "$PY" bench/train_gensim_vectors.py "$DATA/base.txt.gz" "$VECTORS" --epochs 1
fi
BINARY_FLAG=""
case "$VECTORS" in *.bin) BINARY_FLAG=--binary ;; esac
SETS=(--analogies "$DATA/questions-words.txt" --similarity "$DATA/wordsim353.tsv" --similarity "$DATA/simlex999.txt")

OUR_THREADS=()
if [ -n "${BLAS_THREADS:-}" ]; then export OPENBLAS_NUM_THREADS=$BLAS_THREADS; OUR_THREADS=(--threads "$BLAS_THREADS"); fi
echo "== vectors: $VECTORS, method $METHOD, restrict-vocab $RESTRICT, BLAS threads ${BLAS_THREADS:-default}, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
/usr/bin/time -f "%e %M" -o "$OUT/ours.time" "$BIN" evaluate --vectors "$VECTORS" "${SETS[@]}" "${OUR_THREADS[@]}" \
    --restrict-vocab "$RESTRICT" --method "$METHOD" --json > "$OUT/ours.json" 2> "$OUT/ours.err"
/usr/bin/time -f "%e %M" -o "$OUT/gensim.time" "$PY" bench/eval_vs_gensim.py "$VECTORS" $BINARY_FLAG "${SETS[@]}" \
    --restrict-vocab "$RESTRICT" --method "$METHOD" > "$OUT/gensim.json" 2> "$OUT/gensim.err"

python3 - "$OUT" <<'PYEOF'
import json, re, sys
out = sys.argv[1]
ours, gensim = json.load(open(f"{out}/ours.json")), json.load(open(f"{out}/gensim.json"))
err = open(f"{out}/ours.err").read()
our_load = float(re.search(r"dimension \d+, in ([0-9.]+) s", err).group(1))
our_eval = float(re.search(r"questions scored in ([0-9.]+) s", err).group(1))
ok = True
def row(name, g, o, digits=4):
    global ok
    if isinstance(g, (str, int)) or isinstance(o, (str, int)):
        same = g == o
    else:
        same = (g is None and o is None) or (g is not None and o is not None and round(g, digits) == round(o, digits))
    ok &= same
    fmt = lambda x: "-" if x is None else (f"{x:.{digits}f}" if isinstance(x, float) else str(x))
    print(f"  {name:30s} {fmt(g):>10s} {fmt(o):>10s}  {'ok' if same else 'DIFFERENT'}")
print(f"  {'':30s} {'gensim':>10s} {'ours':>10s}")
for path, g in gensim["analogies"].items():
    o = ours["analogies"][path]
    for gs, os_ in zip(g["sections"], o["sections"]):
        row(gs["name"], gs["accuracy"], os_["accuracy"])
        row("  correct / seen", f'{gs["correct"]}/{gs["seen"]}', f'{os_["correct"]}/{os_["seen"]}')
    for k in ("semantic", "syntactic", "total"):
        row(k, g[k], o[k])
    row("questions seen", g["seen"], o["seen"])
    row("questions", g["questions"], o["questions"])
for path, g in gensim["similarity"].items():
    o = ours["similarity"][path]
    name = path.rsplit("/", 1)[-1]
    row(name + " spearman", g["spearman"], o["spearman"])
    row(name + " pearson", g["pearson"], o["pearson"])
    row(name + " oov", g["oov"], o["oov"])
g_eval = sum(a["seconds"] for a in gensim["analogies"].values())
gt, ot = open(f"{out}/gensim.time").read().split(), open(f"{out}/ours.time").read().split()
if ours["analogies"] and next(iter(ours["analogies"].values()))["method"] == "mul":
    print("(3CosMul: the gensim side is most_similar_cosmul's formula in a Python loop, not a gensim API)")
print(f"analogy evaluation: gensim {g_eval:.3f} s, ours {our_eval:.3f} s -> {g_eval / our_eval:.1f}x faster")
print(f"loading vectors:    gensim {gensim['load_seconds']:.3f} s, ours {our_load:.3f} s -> {gensim['load_seconds'] / our_load:.1f}x faster")
print(f"whole process:      gensim {gt[0]} s, peak RSS {int(gt[1]) // 1024} MB; ours {ot[0]} s, peak RSS {int(ot[1]) // 1024} MB")
print("agreement to 4 decimals:", "yes" if ok else "NO")
sys.exit(0 if ok else 1)
PYEOF
