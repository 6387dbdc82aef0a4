#!/usr/bin/env bash
# Every run of this folder (issue 12, `experiment --knowledge`): bash run.sh BIN OUT
# BIN: release build of mt2st-embed; the data in $MT2ST_DATA_DIR (default ../shared/data) and the WordNet files of
# `make data` in $KN (default: the same folder). Each experiment writes OUT/NAME/{runs.csv,table.md,*.svg} and OUT/NAME.log.
# The session ran them through small queue scripts, in this order (several at a time, on a loaded machine).
set -u
BIN=${1:?usage: run.sh BIN OUT}; OUT=${2:?usage: run.sh BIN OUT}; D=${MT2ST_DATA_DIR:-../shared/data}; KN=${KN:-$D}
mkdir -p "$OUT"
exp() {
    name=$1; corpus=$2; shift 2
    nice "$BIN" experiment --input "$D/$corpus" --analogies "$D/questions-words.txt" --similarity "$D/wordsim353.tsv" \
        --extra-similarity "$D/simlex999.txt" --knowledge wordnet --knowledge-dir "$KN" --epochs 5 --threads 2 \
        --output "$OUT/$name" "$@" > "$OUT/$name.log" 2>&1
}
# Sweep on base.txt.gz, Skip-Gram, seed 1 (the preset: switch at 2, 200 examples per round every 10,000 tokens, margin 0.6).
exp sweep/preset       base.txt.gz --models skipgram --seeds 1 --strategies stl,switch
exp sweep/e2500        base.txt.gz --models skipgram --seeds 1 --strategies switch --aux-every 2500
exp sweep/e1000        base.txt.gz --models skipgram --seeds 1 --strategies switch --aux-every 1000
exp sweep/e2500-g2     base.txt.gz --models skipgram --seeds 1 --strategies switch --aux-every 2500 --gamma0 2
exp sweep/e2500-s3     base.txt.gz --models skipgram --seeds 1 --strategies switch --aux-every 2500 --switch-at 3
exp sweep/e2500-s1     base.txt.gz --models skipgram --seeds 1 --strategies switch --aux-every 2500 --switch-at 1
exp sweep/e2500-mtl    base.txt.gz --models skipgram --seeds 1 --strategies mtl --aux-every 2500
exp sweep/e2500-m03    base.txt.gz --models skipgram --seeds 1 --strategies switch --aux-every 2500 --attract-margin 0.3
exp sweep/e5000        base.txt.gz --models skipgram --seeds 1 --strategies switch --aux-every 5000
exp sweep/e1000-m03    base.txt.gz --models skipgram --seeds 1 --strategies switch --aux-every 1000 --attract-margin 0.3
exp sweep/e2500-g05    base.txt.gz --models skipgram --seeds 1 --strategies switch --aux-every 2500 --gamma0 0.5
exp sweep/m03-mtl      base.txt.gz --models skipgram --seeds 1 --strategies mtl --aux-every 2500 --attract-margin 0.3
exp sweep/m03-diminish base.txt.gz --models skipgram --seeds 1 --strategies diminish --aux-every 2500 --attract-margin 0.3
exp sweep/m03-adaptive base.txt.gz --models skipgram --seeds 1 --strategies adaptive --aux-every 2500 --attract-margin 0.3
# The new preset's settings on base.txt.gz with 3 seeds (STL, STL + retrofit, Switch).
exp sweep/m03-3seeds   base.txt.gz --models skipgram --seeds 3 --strategies stl,switch --aux-every 2500 --attract-margin 0.3
# CBOW and FastText on base.txt.gz, seed 1.
exp sweep/cbow-ft-e2500 base.txt.gz --models cbow,fasttext --seeds 1 --strategies stl,switch --aux-every 2500
# wiki-medium.txt.gz, Skip-Gram: STL (+ retrofit) with 3 seeds, then Switch and MTL with 1 seed (time ran short).
exp medium/stl    wiki-medium.txt.gz --models skipgram --seeds 3 --strategies stl
exp medium/switch wiki-medium.txt.gz --models skipgram --seeds 1 --strategies switch --aux-every 2500 --attract-margin 0.3
exp medium/mtl    wiki-medium.txt.gz --models skipgram --seeds 1 --strategies mtl --aux-every 2500 --attract-margin 0.3
exp medium/switch-e1000 wiki-medium.txt.gz --models skipgram --seeds 1 --strategies switch --aux-every 1000 --attract-margin 0.3
# One table for the wiki-medium runs (report merges the runs.csv files; deltas are paired by seed).
"$BIN" report --runs "$OUT/medium/stl/runs.csv" "$OUT/medium/switch/runs.csv" "$OUT/medium/mtl/runs.csv" --output "$OUT/medium/table"

# Session 5 (quiet machine, nothing else running; results in quiet/): every strategy with 3 seeds on wiki-medium,
# CBOW and FastText with 3 seeds on base, then the switch-epoch / γ₀ / η sweep on wiki-medium.
K03="--aux-every 2500 --attract-margin 0.3"
exp quiet/medium/all       wiki-medium.txt.gz --models skipgram --seeds 3 --strategies stl,switch,mtl,diminish,adaptive $K03
exp quiet/base/cbow-ft     base.txt.gz --models cbow,fasttext --seeds 3 --strategies stl,switch,mtl $K03
exp quiet/medium/s3        wiki-medium.txt.gz --models skipgram --seeds 1 --strategies switch $K03 --switch-at 3
exp quiet/medium/s4        wiki-medium.txt.gz --models skipgram --seeds 1 --strategies switch $K03 --switch-at 4
exp quiet/medium/dim-eta03 wiki-medium.txt.gz --models skipgram --seeds 1 --strategies diminish $K03 --eta 0.3
exp quiet/medium/dim-eta08 wiki-medium.txt.gz --models skipgram --seeds 1 --strategies diminish $K03 --eta 0.8
exp quiet/medium/dim-g15   wiki-medium.txt.gz --models skipgram --seeds 1 --strategies diminish $K03 --gamma0 1.5
exp quiet/medium/s3-3seeds wiki-medium.txt.gz --models skipgram --seeds 3 --strategies switch $K03 --switch-at 3
exp quiet/base/sg-s3       base.txt.gz --models skipgram --seeds 3 --strategies stl,switch $K03 --switch-at 3
exp quiet/medium/dim-g15-3seeds wiki-medium.txt.gz --models skipgram --seeds 3 --strategies diminish $K03 --gamma0 1.5
exp quiet/base/cbow-ft-s3  base.txt.gz --models cbow,fasttext --seeds 3 --strategies switch $K03 --switch-at 3
exp quiet/medium/s3-g15-3seeds wiki-medium.txt.gz --models skipgram --seeds 3 --strategies switch $K03 --switch-at 3 --gamma0 1.5
exp quiet/medium/s35-3seeds wiki-medium.txt.gz --models skipgram --seeds 3 --strategies switch $K03 --switch-at 3.5
# Tables: python3 summary_table.py quiet/medium/all quiet/medium/s3-3seeds ... (one corpus at a time; sweep_table.py per run).
