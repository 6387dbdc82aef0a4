#!/usr/bin/env bash
# Bit-identity check of the registry refactor (issue 11): SHA-256 (first 16 hex digits) of each model's vectors with
# --threads 1 --seed 7 on the first 3 MB of base.txt. Usage: bash bench/bit-identity.sh BIN > out.txt; diff with
# bench/results/bit-identity-cbbb8cc.txt (the code before the refactor, release build, this machine kind).
# Since the --aux-every fix (issue 12: the word2vec trainers check the auxiliary round after every sentence, not only at
# their 10,000-token sync points) the five word2vec-family aux lines (sg-mtl, sg-switch, cbow-dim, ft-mtl, sg-adapt, which
# use --aux-every 2000) changed on purpose; expected values now in bench/results/bit-identity-auxfix.txt (every other
# line, glove-mtl included, identical to cbbb8cc).
set -eu
BIN=${1:?bin}; D=$(mktemp -d); DATA=${MT2ST_DATA_DIR:-../shared/data}; C=$D/small.txt; (zcat "$DATA/base.txt.gz" || true) | head -c 3000000 > $C; head -300 "$DATA/questions-words.txt" > $D/aux-q.txt; head -60 "$DATA/wordsim353.tsv" > $D/aux-s.tsv
run() { name=$1; shift; "$BIN" train --input $C --output $D/$name.txt --threads 1 --seed 7 --epochs 2 --dim 32 --quiet "$@" >/dev/null 2>&1 || { echo "$name FAILED"; return; }; echo "$name $(sha256sum < $D/$name.txt | cut -c1-16)"; }
run sg-batch --model skipgram --kernel batch
run sg-plain --model skipgram --kernel plain
run sg-blas --model skipgram --kernel blas
run cbow --model cbow
run cbow-sum --model cbow --cbow-sum
run ft-batch --model fasttext --kernel batch --bucket 20000
run ft-plain --model fasttext --kernel plain --bucket 20000
run ftcbow --model fasttext-cbow --bucket 20000
run glove --model glove --x-max 10 --epochs 3
run glove-word --model glove --x-max 10 --epochs 3 --glove-output word
run sg-mtl --model skipgram --schedule mtl --aux-analogies $D/aux-q.txt --aux-similarity $D/aux-s.tsv --aux-every 2000
run sg-switch --model skipgram --schedule switch --switch-at 1 --aux-analogies $D/aux-q.txt --aux-similarity $D/aux-s.tsv --aux-every 2000
run cbow-dim --model cbow --schedule diminish --aux-analogies $D/aux-q.txt --aux-every 2000
run ft-mtl --model fasttext --bucket 20000 --schedule mtl --aux-analogies $D/aux-q.txt --aux-similarity $D/aux-s.tsv --aux-every 2000
run glove-mtl --model glove --x-max 10 --epochs 3 --schedule mtl --aux-analogies $D/aux-q.txt --aux-similarity $D/aux-s.tsv --aux-every 2000
run sg-cos --model skipgram --lr-schedule cosine
run sg-adapt --model skipgram --schedule adaptive --aux-analogies $D/aux-q.txt --aux-every 2000
rm -rf $D
