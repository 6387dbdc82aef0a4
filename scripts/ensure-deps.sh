#!/usr/bin/env bash
# Installs the system libraries the package links (OpenBLAS, zlib) when they are missing,
# gensim (pip) for the tests that check our results against it, and the WordNet 3.0 database
# (wordnet-base) for the tests of the knowledge data.
set -euo pipefail

ensure_gensim() {
    python3 -c "import gensim" 2>/dev/null && return 0
    echo "installing: gensim (pip)" >&2
    python3 -m pip install --quiet gensim 2>/dev/null || python3 -m pip install --quiet --break-system-packages gensim
}
need=()
command -v python3 >/dev/null 2>&1 || need+=(python3)
python3 -m pip --version >/dev/null 2>&1 || need+=(python3-pip)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
pkg-config --exists openblas 2>/dev/null || need+=(libopenblas-dev)
pkg-config --exists zlib 2>/dev/null || need+=(zlib1g-dev)
[ -f /usr/share/wordnet/data.noun ] || need+=(wordnet-base)
if [ ${#need[@]} -gt 0 ]; then
    echo "installing: ${need[*]}" >&2
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
ensure_gensim
