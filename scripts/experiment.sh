#!/usr/bin/env bash
# MT2ST experiment profiles (see README "MT2ST experiment"):
#   quick (default): about 20 minutes on a quiet 2-core machine (under 30): the first ~6.7M tokens of
#                    wiki-medium.txt.gz when $MT2ST_DATA_DIR holds it, else the default corpus base.txt.gz;
#                    skipgram, cbow, fasttext, glove; all five strategies; 10 epochs; 1 seed.
#   full:            the whole wiki-medium.txt.gz (else base.txt.gz); 10 epochs; 3 seeds (about 4 hours).
# Both switch at epoch 3 and use GloVe's x-max 10 (the reference's setting for small corpora).
# SEEDS, EPOCHS, MODELS, STRATEGIES override the profile; EXTRA_ARGS is appended.
# Results go to $OUT (default out/experiment-<profile>): runs.csv, table.md, *.svg, splits/.
set -euo pipefail
profile="${1:-quick}"
data="${MT2ST_DATA_DIR:-data/out}"
bin="${BIN:-.build/release/mt2st-embed}"
out="${OUT:-out/experiment-$profile}"
threads="${THREADS:-$(nproc)}"

for f in questions-words.txt wordsim353.tsv; do
  [[ -f "$data/$f" ]] || { echo "experiment: $data/$f is missing: run 'make data' or set MT2ST_DATA_DIR" >&2; exit 1; }
done
[[ -x "$bin" ]] || { echo "experiment: $bin is missing: run 'make release'" >&2; exit 1; }
mkdir -p "$out"

case "$profile" in
  quick)
    if [[ -f "$data/wiki-medium.txt.gz" ]]; then
      corpus="$out/corpus-slice.txt"
      # A whole-line slice of about 40 MB of text (~6.7M tokens) from the start of the medium corpus.
      zcat "$data/wiki-medium.txt.gz" | head -c 40000000 | sed '$d' > "$corpus" || true
    else
      corpus="$data/base.txt.gz"
    fi
    epochs=10; seeds=1 ;;
  full)
    if [[ -f "$data/wiki-medium.txt.gz" ]]; then corpus="$data/wiki-medium.txt.gz"; else corpus="$data/base.txt.gz"; fi
    epochs=10; seeds=3 ;;
  *) echo "usage: scripts/experiment.sh [quick|full]" >&2; exit 2 ;;
esac

epochs="${EPOCHS:-$epochs}"; seeds="${SEEDS:-$seeds}"
models="${MODELS:-skipgram,cbow,fasttext,glove}"; strategies="${STRATEGIES:-stl,mtl,diminish,switch,adaptive}"
echo "experiment ($profile): corpus $corpus, $epochs epochs, $seeds seed(s), $threads threads -> $out" >&2
"$bin" experiment --input "$corpus" \
  --analogies "$data/questions-words.txt" --similarity "$data/wordsim353.tsv" \
  --output "$out" --models "$models" --strategies "$strategies" \
  --epochs "$epochs" --seeds "$seeds" --threads "$threads" --switch-at 3 --x-max 10 ${EXTRA_ARGS:-}
rm -f "$out/corpus-slice.txt"
echo "experiment: see $out/table.md" >&2
