#!/usr/bin/env bash
# `make demo`: trains Skip-Gram on DATA_DIR/base.txt.gz into out/, then prints a few nearest
# neighbours (cosine, computed by a small awk pass over the text vectors).
# Usage: scripts/demo.sh DATA_DIR   (the release binary must be built: make demo does it)
set -euo pipefail
cd "$(dirname "$0")/.."
DATA_DIR="${1:-${MT2ST_DATA_DIR:-data/out}}"
BIN=.build/release/mt2st-embed
corpus="$DATA_DIR/base.txt.gz"
[ -f "$corpus" ] || { echo "demo: error: $corpus not found (run make data or set MT2ST_DATA_DIR)" >&2; exit 1; }
[ -x "$BIN" ] || { echo "demo: error: $BIN missing (swift build -c release)" >&2; exit 1; }
mkdir -p out

echo "== training Skip-Gram on $corpus (dim 100, window 5, negative 5, 5 epochs)"
"$BIN" train --model skipgram --input "$corpus" --output out/skipgram.txt --save-vocab out/vocab.txt

echo
echo "== nearest neighbours (cosine) in out/skipgram.txt"
awk -v queries="king water music france computer" '
    BEGIN { nq = split(queries, q, " "); for (i = 1; i <= nq; i++) want[q[i]] = i }
    FNR == 1 { next }                                  # the "V D" header
    NR == FNR {                                        # pass 1: the query vectors
        if ($1 in want) { i = want[$1]; n = 0; for (j = 2; j <= NF; j++) { qv[i, j] = $j; n += $j * $j }; qn[i] = sqrt(n); found[i] = 1 }
        next
    }
    {                                                  # pass 2: cosine of every word with each query
        n = 0; for (j = 2; j <= NF; j++) n += $j * $j; n = sqrt(n); if (n == 0) next
        for (i = 1; i <= nq; i++) {
            if (!found[i] || $1 == q[i]) continue
            d = 0; for (j = 2; j <= NF; j++) d += qv[i, j] * $j; c = d / (qn[i] * n)
            # keep the 6 best per query (insertion into a small sorted list)
            for (k = 1; k <= 6; k++) if (!((i, k) in best) || c > best[i, k]) break
            if (k > 6) continue
            for (m = 6; m > k; m--) if ((i, m - 1) in best) { best[i, m] = best[i, m - 1]; bw[i, m] = bw[i, m - 1] }
            best[i, k] = c; bw[i, k] = $1
        }
    }
    END {
        for (i = 1; i <= nq; i++) {
            if (!found[i]) { printf "%-10s (not in the vocabulary)\n", q[i]; continue }
            line = sprintf("%-10s", q[i])
            for (k = 1; k <= 6; k++) if ((i, k) in best) line = line sprintf(" %s (%.2f)", bw[i, k], best[i, k])
            print line
        }
    }' out/skipgram.txt out/skipgram.txt
