#!/usr/bin/env bash
# Creates bench/.venv with gensim 4.4.0 (from PyPI) for the reference runs, and prints its python path.
# Idempotent: an existing venv that already imports gensim 4.4.0 is left as it is.
# Usage: bash bench/setup-venv.sh        (progress on stderr, the python path alone on stdout)
set -euo pipefail

GENSIM_VERSION="4.4.0"
here="$(cd "$(dirname "$0")" && pwd)"
venv="$here/.venv"
py="$venv/bin/python"

die() { echo "setup-venv: error: $*" >&2; exit 1; }

has_gensim() {
    [ -x "$py" ] && "$py" -c "import gensim, sys; sys.exit(0 if gensim.__version__ == '$GENSIM_VERSION' else 1)" \
        >/dev/null 2>&1
}

if ! has_gensim; then
    command -v python3 >/dev/null 2>&1 || die "python3 not found (apt-get install python3 python3-venv)"
    if [ ! -x "$py" ]; then
        echo "setup-venv: creating $venv" >&2
        python3 -m venv "$venv" >&2 ||
            die "python3 -m venv failed (on Debian: apt-get install python3-venv); remove $venv and retry"
    fi
    echo "setup-venv: installing gensim==$GENSIM_VERSION from PyPI" >&2
    "$py" -m pip install --quiet --disable-pip-version-check "gensim==$GENSIM_VERSION" >&2 ||
        die "pip install gensim==$GENSIM_VERSION failed (network to PyPI?)"
    has_gensim || die "gensim $GENSIM_VERSION still does not import in $venv"
fi
echo "$py"
