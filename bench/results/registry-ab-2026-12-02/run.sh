#!/usr/bin/env bash
# A/B: before (cbbb8cc) vs after (main), base.txt.gz, 2 threads, quiet machine.
set -u
A=/work/baseline/mt2st-embed-before; B=/work/abbench/mt2st-embed-after
D=/work/shared/data/base.txt.gz
for m in skipgram cbow fasttext; do
  echo "=== $m (1 epoch)"
  farm-bench -n 5 --timeout 900 --vs "$A train --model $m --input $D --output /tmp/ab-a-$m.txt --epochs 1 --threads 2 --quiet" -- $B train --model $m --input $D --output /tmp/ab-b-$m.txt --epochs 1 --threads 2 --quiet
done
echo "=== glove (3 epochs, x-max 10)"
farm-bench -n 5 --timeout 900 --vs "$A train --model glove --input $D --output /tmp/ab-a-glove.txt --epochs 3 --x-max 10 --threads 2 --quiet" -- $B train --model glove --input $D --output /tmp/ab-b-glove.txt --epochs 3 --x-max 10 --threads 2 --quiet
