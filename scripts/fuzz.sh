#!/usr/bin/env bash
# Builds the readers' fuzz targets with libFuzzer + AddressSanitizer (in .build-fuzz, apart from the
# normal build) and runs each for FUZZ_SECONDS (default 60) on its seed corpus (Fuzz/seeds/TARGET).
# New interesting inputs go to .build-fuzz/corpus/TARGET; a crash stops with a non-zero status and
# leaves the input in .build-fuzz/crashes/ (replay it: .build/debug/mt2st-fuzz TARGET FILE).
# Usage: scripts/fuzz.sh [TARGET...]   (default: every target)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET="${FUZZ_SECONDS:-60}"
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
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=1}"
fail=0
for t in "${targets[@]}"; do
    mkdir -p "$BUILD/corpus/$t"
    echo "fuzz: $t for ${SECONDS_PER_TARGET} s"
    if ! "$BIN" "$t" "$BUILD/corpus/$t" "Fuzz/seeds/$t" -max_total_time="$SECONDS_PER_TARGET" -timeout=10 \
        -rss_limit_mb=2048 -malloc_limit_mb=2048 -max_len=65536 \
        -artifact_prefix="$BUILD/crashes/$t-" -print_final_stats=1 > "$BUILD/$t.log" 2>&1; then
        echo "fuzz: $t FAILED (log: $BUILD/$t.log; inputs: $BUILD/crashes/$t-*)" >&2
        tail -40 "$BUILD/$t.log" >&2
        fail=1
    else
        grep -E "stat::number_of_executed_runs|stat::average_exec_per_sec|stat::new_units_added" "$BUILD/$t.log" | tr '\n' ' '; echo
    fi
done
exit $fail
