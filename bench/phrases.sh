#!/usr/bin/env bash
# Phrase detection side by side: `mt2st-embed phrases` and gensim's Phrases + phrases[...]
# (scripts/gensim_phrases.py, word2phrase's formula as gensim's scoring function, so both find the
# same phrases), 2 passes, min-count 5, threshold 100, on base.txt.gz. Prints wall and CPU seconds
# of each, their ratios, and whether the two output texts are identical.
# Usage: bench/phrases.sh [CORPUS] [OUTDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${MT2ST_DATA_DIR:-/work/shared/data}"
CORPUS="${1:-$DATA/base.txt.gz}"
OUT="${2:-$(mktemp -d)}"
BIN=.build/release/mt2st-embed
[ -x "$BIN" ] || swift build -c release
mkdir -p "$OUT"
uptime
measure() { # label, command...: "label wall cpu maxrss_kb"
    local label=$1; shift
    /usr/bin/time -f "$label %e %U %S %M" -o "$OUT/$label.time" "$@" 2> "$OUT/$label.log"
    awk '{printf "%s: wall %.2f s, cpu %.2f s, peak RSS %d MB\n", $1, $2, $3 + $4, $5 / 1024}' "$OUT/$label.time"
}
measure ours "$BIN" phrases --input "$CORPUS" --output "$OUT/ours.txt" --save-phrases "$OUT/ours.tsv"
measure gensim python3 scripts/gensim_phrases.py "$CORPUS" "$OUT/gensim.txt" --save-phrases "$OUT/gensim.tsv"
cat "$OUT/ours.log" "$OUT/gensim.log"
awk 'FNR == 1 { wall[$1] = $2; cpu[$1] = $3 + $4 } END {
    printf "gensim / ours: wall %.1fx, cpu %.1fx\n", wall["gensim"] / wall["ours"], cpu["gensim"] / cpu["ours"] }' "$OUT/ours.time" "$OUT/gensim.time"
if cmp -s "$OUT/ours.txt" "$OUT/gensim.txt"; then echo "output texts: identical"; else echo "output texts: DIFFER"; fi
uptime
