#!/usr/bin/env bash
# The runs of README.md: base.txt.gz, Skip-Gram, 5 epochs, seed 1, 2 threads, every evaluation pair
# excluded from the knowledge data. Usage: bash run.sh OUT_DIR (needs `make data` and a release build).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../../.." && pwd)"
BIN=$repo/.build/release/mt2st-embed
D=${MT2ST_DATA_DIR:-$repo/data/out}
K=$D; [ -f "$K/wordnet-relations.txt" ] || K=$repo/data/out
O=${1:?output folder}
mkdir -p "$O"
EX="$D/questions-words.txt $D/wordsim353.tsv $D/simlex999.txt"
evaluate() {
  $BIN evaluate --vectors "$O/$1.txt" --analogies $D/questions-words.txt --similarity $D/wordsim353.tsv \
      --similarity $D/simlex999.txt --json > "$O/$1.json"
}
run() { name=$1; shift
  $BIN train --input $D/base.txt.gz --output "$O/$name.txt" --epochs 5 --threads 2 --seed 1 --quiet "$@" 2> "$O/$name.log"
  evaluate "$name"
}
W="--knowledge wordnet --knowledge-dir $K --exclude-pairs $EX"
run stl --schedule stl
run stl-b --schedule stl   # a second STL run: the run-to-run spread of 2-thread Hogwild
run mtl $W --schedule mtl
run switch1 $W --schedule switch --switch-at 1
run switch2 $W --schedule switch --switch-at 2
run mtl-x4 $W --schedule mtl --aux-examples 200
run mtl-x16 $W --schedule mtl --aux-examples 200 --aux-every 2500
run switch1-x4 $W --schedule switch --switch-at 1 --aux-examples 200
run switch2-x4 $W --schedule switch --switch-at 2 --aux-examples 200
run rel-x4 --aux-relations $K/wordnet-relations.txt --schedule mtl --aux-examples 200 --exclude-pairs $EX
run con-x4 --aux-constraints $K/wordnet-constraints.txt --schedule mtl --aux-examples 200 --exclude-pairs $EX
$BIN retrofit --vectors "$O/stl.txt" --lexicon $K/wordnet-constraints.txt --output "$O/stl-retrofit.txt" --exclude-pairs $EX 2> "$O/retrofit.log"
evaluate stl-retrofit
# CBOW and FastText: STL, the preset (switch after epoch 2, 200 examples per round), STL + retrofit.
for m in cbow fasttext; do
  run $m-stl --model $m --schedule stl
  run $m-switch2-x4 --model $m $W --schedule switch --switch-at 2 --aux-examples 200
  $BIN retrofit --vectors "$O/$m-stl.txt" --lexicon $K/wordnet-constraints.txt --output "$O/$m-stl-retrofit.txt" --exclude-pairs $EX 2> "$O/$m-retrofit.log"
  evaluate $m-stl-retrofit
done
# wiki-medium.txt.gz (28M tokens), Skip-Gram: STL, the preset, STL + retrofit.
medium() { name=$1; shift
  $BIN train --input $D/wiki-medium.txt.gz --output "$O/$name.txt" --epochs 5 --threads 2 --seed 1 --quiet "$@" 2> "$O/$name.log"
  evaluate "$name"
}
medium medium-stl --schedule stl
medium medium-switch2-x4 $W --schedule switch --switch-at 2 --aux-examples 200
$BIN retrofit --vectors "$O/medium-stl.txt" --lexicon $K/wordnet-constraints.txt --output "$O/medium-stl-retrofit.txt" --exclude-pairs $EX 2> "$O/medium-retrofit.log"
evaluate medium-stl-retrofit
# Seeds 2 and 3 of STL and the preset (no --schedule: switch after epoch 2, 200 examples per round).
for seed in 2 3; do
  $BIN train --input $D/base.txt.gz --output "$O/stl-seed$seed.txt" --epochs 5 --threads 2 --seed $seed --quiet 2> "$O/stl-seed$seed.log"
  evaluate stl-seed$seed
  $BIN train --input $D/base.txt.gz --output "$O/preset-seed$seed.txt" --epochs 5 --threads 2 --seed $seed --quiet $W 2> "$O/preset-seed$seed.log"
  evaluate preset-seed$seed
done
# Sweeps (seed 1, quiet machine): switch epoch 3, gamma0 0.5 and 2 around the preset; MTL seed 2.
run switch3-x4 $W --switch-at 3
run preset-gamma0.5 $W --gamma0 0.5
run preset-gamma2 $W --gamma0 2
$BIN train --input $D/base.txt.gz --output "$O/mtl-x4-seed2.txt" --epochs 5 --threads 2 --seed 2 --quiet $W --schedule mtl --aux-examples 200 2> "$O/mtl-x4-seed2.log"
evaluate mtl-x4-seed2
