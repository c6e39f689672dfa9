#!/usr/bin/env bash
# Test the Tutor plugin against real Tutor, tutor-mfe and tutor-contrib-aspects, without a Docker daemon.
#
# Creates tutor/.venv (git-ignored) on first use, installs Tutor, tutor-mfe, tutor-contrib-aspects, pytest
# and this plugin (editable) into it, then runs tutor/tests. Extra arguments go to
# pytest, e.g. `tutor/run-tests.sh -k event_bus -x`.
#
# Environment: PYTHON (interpreter for the venv, Python 3.11 or newer; default
# python3.11, else python3), TUTOR_VENV (venv folder; default tutor/.venv).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${TUTOR_VENV:-$here/.venv}"

pick_python() {
    if [[ -n "${PYTHON:-}" ]]; then
        echo "$PYTHON"
    elif command -v python3.11 >/dev/null 2>&1; then
        echo python3.11
    else
        echo python3
    fi
}

if [[ ! -x "$venv/bin/python" ]]; then
    python="$(pick_python)"
    "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
        echo "run-tests.sh: $python is older than Python 3.11; set PYTHON=/path/to/python3.11" >&2
        exit 1
    }
    "$python" -m venv "$venv"
fi

# Quick when everything is already installed; picks up a changed version source too.
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -e "$here[mfe,aspects,test]" 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)

# Tutor warns when run as root (CI); the tests do not need Docker either way.
cd "$here"
exec "$venv/bin/python" -m pytest tests "$@"
