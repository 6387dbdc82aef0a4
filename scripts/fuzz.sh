#!/usr/bin/env bash
# Builds the readers' fuzz targets with libFuzzer + AddressSanitizer (in .build-fuzz, apart from the
# normal build) and runs each for FUZZ_SECONDS (default 60) on its seed corpus (Fuzz/seeds/TARGET),
# FUZZ_PARALLEL targets at a time (default: the number of cores). New interesting inputs go to
# .build-fuzz/corpus/TARGET; a crash, a sanitizer report, a leak of time (10 s per input) or of
# memory (2 GB) fails the run and leaves the input in .build-fuzz/crashes/ (replay it with the
# normal build: .build/debug/mt2st-fuzz TARGET FILE).
# Usage: scripts/fuzz.sh [TARGET...]   (default: every target)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET="${FUZZ_SECONDS:-60}"
PARALLEL="${FUZZ_PARALLEL:-$(nproc)}"
BUILD=.build-fuzz
swift build --build-path "$BUILD" --product mt2st-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -use-ld=lld 2>&1 \
    | grep -v "Cannot export local symbol" || true
BIN="$BUILD/debug/mt2st-fuzz"
[ -x "$BIN" ] || { echo "fuzz.sh: the fuzz build failed" >&2; exit 1; }
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=($(ls Fuzz/seeds)); fi
mkdir -p "$BUILD/crashes"
export SWIFT_BACKTRACE=enable=no   # libFuzzer and ASan report crashes themselves
# The targets' scratch files go to a private folder, removed at the end even if a run is killed.
export TMPDIR="$PWD/$BUILD/tmp"
mkdir -p "$TMPDIR"
trap 'rm -rf "$TMPDIR"' EXIT
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"

# Dictionaries of tokens the mutations would hardly produce (edge numbers, separators).
dictionary() {
    case "$1" in
        runs-csv) echo "-dict=Fuzz/dicts/runs-csv.dict" ;;
        vectors-text|vectors-glove|similarity|vocabulary) echo "-dict=Fuzz/dicts/numbers.dict" ;;
    esac
}

run_target() {
    local t=$1
    mkdir -p "$BUILD/corpus/$t"
    if "$BIN" "$t" "$BUILD/corpus/$t" "Fuzz/seeds/$t" $(dictionary "$t") -max_total_time="$SECONDS_PER_TARGET" -timeout=10 \
        -rss_limit_mb=2048 -malloc_limit_mb=2048 -max_len=65536 \
        -artifact_prefix="$BUILD/crashes/$t-" -print_final_stats=1 > "$BUILD/$t.log" 2>&1; then
        echo "fuzz: $t ok: $(grep -E "stat::(number_of_executed_units|new_units_added)" "$BUILD/$t.log" | sed 's/stat:://; s/  */ /g' | tr '\n' ' ')"
    else
        echo "fuzz: $t FAILED (log: $BUILD/$t.log; input: $BUILD/crashes/$t-*)" >&2
        tail -40 "$BUILD/$t.log" >&2
        touch "$BUILD/$t.failed"
    fi
}

echo "fuzz: ${#targets[@]} targets, ${SECONDS_PER_TARGET} s each, ${PARALLEL} at a time"
rm -f "$BUILD"/*.failed
for t in "${targets[@]}"; do
    [ -d "Fuzz/seeds/$t" ] || { echo "fuzz.sh: no target '$t' (Fuzz/seeds/$t)" >&2; exit 2; }
    while [ "$(jobs -rp | wc -l)" -ge "$PARALLEL" ]; do wait -n || true; done
    run_target "$t" &
done
wait
if ls "$BUILD"/*.failed > /dev/null 2>&1; then exit 1; fi
