#!/usr/bin/env bash
# Installs, when missing, what the package links (OpenBLAS, zlib; Open MPI for the MPI build) and
# what its tests run against: gensim (pip), Debian's fastText 0.9.2 (the real clients of our vectors
# and fastText .bin files) and Open MPI's mpirun; the WordNet 3.0 database
# (wordnet-base) for the tests of the knowledge data.
set -euo pipefail

need=()
command -v python3 >/dev/null 2>&1 || need+=(python3)
python3 -m pip --version >/dev/null 2>&1 || need+=(python3-pip)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
pkg-config --exists openblas 2>/dev/null || need+=(libopenblas-dev)
pkg-config --exists zlib 2>/dev/null || need+=(zlib1g-dev)
[ -f /usr/share/wordnet/data.noun ] || need+=(wordnet-base)
command -v fasttext >/dev/null 2>&1 || need+=(fasttext)
# Open MPI, for the MPI build (MT2ST_MPI=1) and its tests under mpirun.
pkg-config --exists ompi-c 2>/dev/null || need+=(libopenmpi-dev)
command -v mpirun >/dev/null 2>&1 || need+=(openmpi-bin)
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
if [ ${#need[@]} -gt 0 ]; then
    echo "installing: ${need[*]}" >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
if ! python3 -c 'import gensim' >/dev/null 2>&1; then
    echo "installing: gensim (pip)" >&2
    # Debian's system Python is "externally managed": pip needs the override there.
    python3 -m pip install --quiet gensim 2>/dev/null \
        || python3 -m pip install --quiet --break-system-packages gensim
fi
