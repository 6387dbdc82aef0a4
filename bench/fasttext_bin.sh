#!/usr/bin/env bash
# fastText .bin interoperability costs: size and write time of our .bin against fastText 0.9.2's own
# for the same settings (dim 100, 2M buckets, 1 epoch), and gensim's load time of both.
#   bench/fasttext_bin.sh [CORPUS.txt.gz]    (default: $MT2ST_DATA_DIR/base.txt.gz; needs strace,
#   fasttext, python3 with gensim, and a release build: swift build -c release)
# fastText's write time is the time between its open and close of the final .bin (strace); ours
# is the 'wrote the model ... in' line of train. Then 3 side-by-side rounds on a 2 MB slice, where
# training is short and the write (2M bucket rows) dominates. The machine's load matters: report ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${1:-${MT2ST_DATA_DIR:-data/out}/base.txt.gz}
BIN=$PWD/.build/release/mt2st-embed
OUT=${OUT:-$(mktemp -d)}
cd "$OUT"
zcat -f "$CORPUS" > corpus.txt
head -c 2000000 corpus.txt > slice.txt

write_time() {  # strace file, .bin name -> seconds from its last open to its close
    python3 - "$1" "$2" <<'PY'
import sys
lines = [l.split() for l in open(sys.argv[1])]
opens = [l for l in lines if 'openat' in l[2] and '"%s",' % sys.argv[2] in l[3]]
t0, fd = float(opens[-1][1]), opens[-1][-1]
print('%.2f' % (next(float(l[1]) for l in lines if float(l[1]) > t0 and l[2] == 'close(%s)' % fd) - t0))
PY
}

common=(--model fasttext --bucket 2000000 --dim 100 --epochs 1 --threads 2 --quiet)
"$BIN" train "${common[@]}" --input corpus.txt --output ours.vec --save-model ours.bin 2>&1 | grep "wrote the model"
"$BIN" train "${common[@]}" --input corpus.txt --output ours.vec --save-model ours.mt2st --model-format mt2st 2>&1 | grep "wrote the model"
strace -f -e trace=openat,close -ttt -o ft.strace fasttext skipgram -input corpus.txt -output ft -dim 100 -epoch 1 \
    -bucket 2000000 -minCount 5 -thread 2 -verbose 0
echo "fastText wrote ft.bin in $(write_time ft.strace ft.bin) s"
ls -l ours.bin ft.bin ours.mt2st
python3 - ours.bin ft.bin ours.bin ft.bin <<'PY'
import sys, time
from gensim.models.fasttext import load_facebook_model, load_facebook_vectors
for path in sys.argv[1:]:
    t = time.perf_counter(); m = load_facebook_model(path); a = time.perf_counter() - t
    del m
    t = time.perf_counter(); kv = load_facebook_vectors(path); b = time.perf_counter() - t
    print(f"gensim {path}: load_facebook_model {a:.1f} s, load_facebook_vectors {b:.1f} s, {len(kv)} words", flush=True)
PY
ft_slice() {
    rm -f ft-slice.bin ft-slice.vec
    strace -f -e trace=openat,close -ttt -o slice.strace fasttext skipgram -input slice.txt -output ft-slice -dim 100 \
        -epoch 1 -bucket 2000000 -minCount 5 -thread 2 -verbose 0
    echo "  fastText .bin write $(write_time slice.strace ft-slice.bin) s"
}
ours_slice() {
    rm -f ours-slice.bin ours-slice.mt2st
    "$BIN" train "${common[@]}" --input slice.txt --output s.vec --save-model ours-slice.bin 2>&1 | grep "wrote the model" | sed 's/.*) in/  ours .bin write/'
    "$BIN" train "${common[@]}" --input slice.txt --output s.vec --save-model ours-slice.mt2st --model-format mt2st 2>&1 | grep "wrote the model" | sed 's/.*) in/  ours mt2st write/'
}
# Alternating who writes first (the second writer meets the first one's dirty pages), outputs
# removed before each run, a pause between runs.
for i in 1 2 3; do
    echo "round $i"
    ft_slice; sleep 5; ours_slice; sleep 5; ours_slice; sleep 5; ft_slice; sleep 5
done
ls -l ft-slice.bin ours-slice.bin ours-slice.mt2st
echo "files in $OUT"
