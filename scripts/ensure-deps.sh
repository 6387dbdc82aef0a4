#!/usr/bin/env bash
# Installs the system libraries the package links (OpenBLAS, zlib) when they are missing, and what the
# tests of the knowledge data need: python3 and the WordNet 3.0 database (wordnet-base).
set -euo pipefail
need=()
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
pkg-config --exists openblas 2>/dev/null || need+=(libopenblas-dev)
pkg-config --exists zlib 2>/dev/null || need+=(zlib1g-dev)
command -v python3 >/dev/null 2>&1 || need+=(python3)
[ -f /usr/share/wordnet/data.noun ] || need+=(wordnet-base)
[ ${#need[@]} -eq 0 ] && exit 0
echo "installing: ${need[*]}" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
