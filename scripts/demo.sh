#!/usr/bin/env bash
# `make demo`: trains Skip-Gram on DATA_DIR/base.txt.gz into out/, then prints its analogy and
# similarity scores (`mt2st-embed evaluate`), a few nearest neighbours and an analogy.
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
echo "== analogy and similarity scores of out/skipgram.txt (gensim's numbers: restrict-vocab 30000, case-insensitive)"
"$BIN" evaluate --vectors out/skipgram.txt --analogies "$DATA_DIR/questions-words.txt" \
    --similarity "$DATA_DIR/wordsim353.tsv" --similarity "$DATA_DIR/simlex999.txt"

echo
echo "== nearest neighbours (cosine) and an analogy"
"$BIN" neighbors --vectors out/skipgram.txt -k 6 king water music france computer \
    || echo "(some query words are not in the vocabulary)"
"$BIN" analogy --vectors out/skipgram.txt -k 5 man king woman || true
