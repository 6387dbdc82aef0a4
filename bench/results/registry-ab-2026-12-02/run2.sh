#!/usr/bin/env bash
# Second A/B series on a quiet machine (all helpers stopped): final main vs cbbb8cc, 7 pairs.
set -u
A=/work/baseline/mt2st-embed-before; B=/work/abbench/mt2st-embed-final
D=/work/shared/data/base.txt.gz
for m in skipgram cbow fasttext; do
  echo "=== $m (1 epoch)"
  farm-bench -n 7 --timeout 900 --vs "$A train --model $m --input $D --output /tmp/ab-a-$m.txt --epochs 1 --threads 2 --quiet" -- $B train --model $m --input $D --output /tmp/ab-b-$m.txt --epochs 1 --threads 2 --quiet
done
