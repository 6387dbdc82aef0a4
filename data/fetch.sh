#!/usr/bin/env bash
# Builds the evaluation sets, the default corpus and the WordNet knowledge files (build_wordnet.py, from
# Debian's wordnet-base) into $MT2ST_DATA_DIR (default: data/out in the
# repository), from the package registries only: the gensim wheel on PyPI and Debian's dict-gcide and
# dict-wn packages. See data/README.md for what each file is.
#
#   bash data/fetch.sh                                 # into data/out
#   MT2ST_DATA_DIR=/work/shared/data bash data/fetch.sh  # use a folder that already holds the files
#
# Idempotent: a file already in the folder is verified and not fetched again (a folder holding all of
# them may be read-only). Downloads are cached in data/cache/. Final files are written to a temporary
# name and renamed, so an interrupted run leaves no half-written file. Exit status 0 only when every
# file is present and verified.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out_dir="${MT2ST_DATA_DIR:-$repo/data/out}"
case "$out_dir" in /*) ;; *) out_dir="$PWD/$out_dir" ;; esac
cache="$repo/data/cache"
sums="$repo/data/SHA256SUMS"

GENSIM_VERSION=4.4.0
# Any platform's wheel carries the same test data; pinning one makes the download the same everywhere.
WHEEL_PLATFORM=manylinux_2_28_x86_64
WHEEL_PYTHON=3.11
TEST_DATA=gensim/test/test_data
WIKI_SAMPLE=enwiki-latest-pages-articles1.xml-p000000010p000030302-shortened.bz2
# Debian 12 (bookworm) versions the reference corpus was built from; other versions are used with a warning.
GCIDE_DEB="dict-gcide=0.48.5+nmu2"
WORDNET_DEB="dict-wn=1:3.0-37"
EVAL_FILES=(questions-words.txt wordsim353.tsv simlex999.txt)
# MT2ST knowledge files, built from Debian's wordnet-base (WordNet 3.0 database) by build_wordnet.py.
KNOWLEDGE_FILES=(wordnet-constraints.txt wordnet-relations.txt)
WORDNET_DIR="${MT2ST_WORDNET_DIR:-/usr/share/wordnet}"
CORPUS=base.txt.gz
# The reference base.txt.gz: sha256 of its text, and the mtime in its gzip header (2026-11-23 04:46:45
# UTC). GNU gzip with that name and mtime reproduces the reference file byte for byte.
BASE_TEXT_SHA256=ccba0d6282beaf8870e6a0508fce80152598f17f4b578cbeee3b56a25134c991
BASE_GZIP_MTIME=1795409205
BASE_TOKENS=7647768
# Accepted token range when base.txt.gz is not the reference (other Debian package versions): +-3%.
BASE_TOKENS_MIN=7418000
BASE_TOKENS_MAX=7877000

say() { echo "fetch: $*" >&2; }
die() { echo "fetch: error: $*" >&2; exit 1; }

temps=()
cleanup() { [ ${#temps[@]} -eq 0 ] || rm -rf -- "${temps[@]}"; }
trap cleanup EXIT

expected_sha() {
    local sha
    sha="$(awk -v f="$1" '$2 == f { print $1 }' "$sums")"
    [ -n "$sha" ] || die "$sums has no checksum for $1"
    echo "$sha"
}
sha_of() { sha256sum "$1" | cut -d' ' -f1; }

# Succeeds (and says why) when $1 is an acceptable base.txt.gz; fails with the reason on stderr.
verify_corpus() {
    local path="$1" tokens text_sha
    if [ "$(sha_of "$path")" = "$(expected_sha "$CORPUS")" ]; then
        say "$CORPUS: ok ($BASE_TOKENS tokens, identical to the reference)"
        return 0
    fi
    text_sha="$(gzip -dc "$path" | sha256sum | cut -d' ' -f1)" || {
        say "$path is not a readable gzip file"
        return 1
    }
    if [ "$text_sha" = "$BASE_TEXT_SHA256" ]; then
        say "$CORPUS: ok (same text as the reference, $BASE_TOKENS tokens; other gzip encoding)"
        return 0
    fi
    tokens="$(gzip -dc "$path" | wc -w)"
    if [ "$tokens" -ge "$BASE_TOKENS_MIN" ] && [ "$tokens" -le "$BASE_TOKENS_MAX" ]; then
        say "$CORPUS: ok but NOT the reference text: $tokens tokens (reference $BASE_TOKENS); results will" \
            "differ slightly from published figures"
        return 0
    fi
    say "$path: $tokens tokens, outside the accepted $BASE_TOKENS_MIN..$BASE_TOKENS_MAX"
    return 1
}

verify_eval() {
    local name="$1" path="$2" got
    got="$(sha_of "$path")"
    if [ "$got" = "$(expected_sha "$name")" ]; then
        say "$name: ok ($(wc -l <"$path") lines, sha256 matches)"
        return 0
    fi
    say "$path: sha256 $got does not match $(expected_sha "$name") in $sums"
    return 1
}

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo "$@"
    else die "need root (or sudo) to run: $*"
    fi
}

# python3 with venv support, dpkg and apt-get: what a fresh Debian machine may lack.
ensure_tools() {
    command -v apt-get >/dev/null 2>&1 && command -v dpkg >/dev/null 2>&1 ||
        die "apt-get and dpkg are needed (this script targets Debian)"
    if ! command -v python3 >/dev/null 2>&1 || ! python3 -c "import venv, ensurepip" >/dev/null 2>&1; then
        say "installing python3 and python3-venv (apt-get)"
        as_root apt-get update -qq
        DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq python3 python3-venv >/dev/null ||
            die "apt-get install python3 python3-venv failed"
    fi
}

# Prints the path of the gensim wheel in the cache, downloading it from PyPI when it is not there.
fetch_wheel() {
    local py="$1" dir="$cache/wheels" wheel log
    mkdir -p "$dir"
    wheel="$(ls "$dir"/gensim-"$GENSIM_VERSION"-*.whl 2>/dev/null | head -n1 || true)"
    if [ -z "$wheel" ]; then
        say "downloading the gensim $GENSIM_VERSION wheel from PyPI"
        log="$cache/download.log"
        "$py" -m pip download --quiet --no-deps --only-binary=:all: --platform "$WHEEL_PLATFORM" \
            --python-version "$WHEEL_PYTHON" -d "$dir" "gensim==$GENSIM_VERSION" >"$log" 2>&1 || {
            cat "$log" >&2
            die "pip download gensim==$GENSIM_VERSION failed (network to PyPI?)"
        }
        wheel="$(ls "$dir"/gensim-"$GENSIM_VERSION"-*.whl | head -n1)"
    fi
    "$py" -c "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).getinfo(sys.argv[2])" "$wheel" \
        "$TEST_DATA/$WIKI_SAMPLE" 2>/dev/null ||
        die "$wheel is damaged or lacks $TEST_DATA (remove it and run again)"
    echo "$wheel"
}

# unzip_member PY WHEEL MEMBER DEST: copies one file out of the wheel.
unzip_member() {
    "$1" -c "
import shutil, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z, z.open(sys.argv[2]) as src, open(sys.argv[3], 'wb') as dst:
    shutil.copyfileobj(src, dst)" "$2" "$3" "$4" || die "cannot extract $3 from $2"
}

# Prints the path of a cached .deb of package spec $1 (name=version), downloading it when missing.
fetch_deb() {
    local spec="$1" name="${1%%=*}" dir="$cache/debs" deb log
    mkdir -p "$dir"
    deb="$(ls "$dir/${name}"_*.deb 2>/dev/null | head -n1 || true)"
    if [ -z "$deb" ]; then
        log="$cache/download.log"
        say "downloading $spec from Debian (apt-get download)"
        if ! (cd "$dir" && apt-get download "$spec") >"$log" 2>&1; then
            say "$spec not in the package lists; running apt-get update"
            as_root apt-get update -qq >"$log" 2>&1 || { cat "$log" >&2; die "apt-get update failed"; }
            if ! (cd "$dir" && apt-get download "$spec") >"$log" 2>&1; then
                say "warning: $spec is not available here; using this release's $name: $CORPUS may not" \
                    "be byte-identical to the reference"
                (cd "$dir" && apt-get download "$name") >"$log" 2>&1 || {
                    cat "$log" >&2
                    die "apt-get download $name failed"
                }
            fi
        fi
        deb="$(ls "$dir/${name}"_*.deb | head -n1)"
    fi
    echo "$deb"
}

build_corpus() {
    local py="$1" wheel="$2" work deb tmp
    work="$(mktemp -d "$cache/build.XXXXXX")"
    temps+=("$work")
    for spec in "$GCIDE_DEB" "$WORDNET_DEB"; do
        deb="$(fetch_deb "$spec")"
        dpkg -x "$deb" "$work/root" || die "cannot unpack $deb (remove it and run again)"
    done
    unzip_member "$py" "$wheel" "$TEST_DATA/$WIKI_SAMPLE" "$work/$WIKI_SAMPLE"
    say "building $CORPUS (Wikipedia sample + GCIDE + WordNet glosses; about a minute)"
    "$py" "$repo/data/build_corpus.py" --wiki "$work/$WIKI_SAMPLE" \
        --gcide "$work/root/usr/share/dictd/gcide.dict.dz" --wordnet "$work/root/usr/share/dictd/wn.dict.dz" \
        --output "$work/base.txt" || die "building $CORPUS failed"
    # GNU gzip at its default level with the reference's file name and mtime in the header gives the
    # reference file byte for byte.
    touch -d "@$BASE_GZIP_MTIME" "$work/base.txt"
    tmp="$out_dir/.$CORPUS.tmp.$$"
    temps+=("$tmp")
    (cd "$work" && env -u GZIP gzip -6 -c base.txt) >"$tmp" || die "gzip failed writing $tmp"
    verify_corpus "$tmp" || die "the $CORPUS just built does not verify (see above); nothing written"
    mv -f "$tmp" "$out_dir/$CORPUS"
}

# The knowledge files: built from the WordNet database (wordnet-base, installed with apt-get when
# missing) when either is missing. A complete pair is left alone (a user may have edited it).
build_knowledge() {
    local missing=0 name work
    for name in "${KNOWLEDGE_FILES[@]}"; do [ -e "$out_dir/$name" ] || missing=1; done
    if [ "$missing" -eq 0 ]; then
        say "knowledge files present in $out_dir: ${KNOWLEDGE_FILES[*]}"
        return 0
    fi
    # Root may write anywhere: a folder without any write permission bit is treated as read-only too.
    if (( (8#$(stat -c %a "$out_dir") & 8#222) == 0 )) ||
        ! { : >"$out_dir/.fetch-probe.$$" && rm -f "$out_dir/.fetch-probe.$$"; } 2>/dev/null; then
        # A read-only folder with everything else (a shared copy) stays usable for all but --knowledge.
        say "warning: $out_dir is not writable, so the knowledge files (${KNOWLEDGE_FILES[*]}, for" \
            "train --knowledge) are not built there; build them elsewhere with MT2ST_DATA_DIR=DIR make data"
        return 0
    fi
    if [ ! -f "$WORDNET_DIR/data.noun" ]; then
        ensure_tools
        say "installing wordnet-base (apt-get) for the WordNet 3.0 database"
        as_root apt-get update -qq
        DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq wordnet-base >/dev/null ||
            die "apt-get install wordnet-base failed"
    fi
    command -v python3 >/dev/null 2>&1 || ensure_tools
    work="$(mktemp -d "$out_dir/.knowledge.XXXXXX")"
    temps+=("$work")
    say "building ${KNOWLEDGE_FILES[*]} from $WORDNET_DIR"
    python3 "$repo/data/build_wordnet.py" --wordnet "$WORDNET_DIR" --output-dir "$work" ||
        die "building the knowledge files failed"
    for name in "${KNOWLEDGE_FILES[@]}"; do mv -f "$work/$name" "$out_dir/$name"; done
}

main() {
    [ -f "$sums" ] || die "$sums is missing"
    local missing=() name
    for name in "${EVAL_FILES[@]}" "$CORPUS"; do
        if [ -e "$out_dir/$name" ]; then
            if [ "$name" = "$CORPUS" ]; then
                verify_corpus "$out_dir/$name"
            else
                verify_eval "$name" "$out_dir/$name"
            fi || die "$out_dir/$name is there but does not verify; remove it to rebuild it"
        else
            missing+=("$name")
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        say "all files present and verified in $out_dir"
        build_knowledge
        return 0
    fi

    say "missing in $out_dir: ${missing[*]}"
    mkdir -p "$out_dir" "$cache" || die "cannot create $out_dir"
    { : >"$out_dir/.fetch-probe.$$" && rm -f "$out_dir/.fetch-probe.$$"; } 2>/dev/null ||
        die "$out_dir is not writable (it lacks: ${missing[*]})"
    ensure_tools
    local py wheel tmp
    py="$(bash "$repo/bench/setup-venv.sh")" || die "could not set up the Python environment (bench/setup-venv.sh)"
    wheel="$(fetch_wheel "$py")"
    for name in "${missing[@]}"; do
        [ "$name" = "$CORPUS" ] && continue
        tmp="$out_dir/.$name.tmp.$$"
        temps+=("$tmp")
        unzip_member "$py" "$wheel" "$TEST_DATA/$name" "$tmp"
        verify_eval "$name" "$tmp" || die "$name from $wheel does not verify; nothing written"
        mv -f "$tmp" "$out_dir/$name"
    done
    case " ${missing[*]} " in *" $CORPUS "*) build_corpus "$py" "$wheel" ;; esac
    say "done: ${missing[*]} written to $out_dir"
    build_knowledge
}

main "$@"
