#!/usr/bin/env bash
# `make test-aspects EVENT_ROUTING_BACKENDS_DIR=<checkout of openedx/event-routing-backends>`: the plugin's
# xAPI statements through event-routing-backends (ERB), installed from that checkout (it is not on this
# machine's package index) into .venv-aspects with Python 3.12 (ERB needs it) and openedx-platform master's
# pins. Runs backend/tests/aspects with demo_host.settings.aspects. Arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

erb="${EVENT_ROUTING_BACKENDS_DIR:-}"
if [ -z "$erb" ] || [ ! -f "$erb/setup.py" ]; then
  echo "Set EVENT_ROUTING_BACKENDS_DIR to a checkout of openedx/event-routing-backends (got '${erb}')." >&2
  exit 2
fi
erb="$(cd "$erb" && pwd)"

. scripts/find-python.sh  # event-routing-backends needs Python 3.12

venv=.venv-aspects
revision="$(git -C "$erb" rev-parse HEAD 2>/dev/null || echo unknown)"
stamp="$venv/.installed-$revision"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ requirements/openedx-master.txt -nt "$stamp" ]; then
  echo "--- installing the plugin and event-routing-backends ($revision) into $venv"
  rm -rf "$venv"
  "$(find_python 3.12)" -m venv "$venv"
  "$venv/bin/python" -m pip install -q --upgrade pip
  # ddt and factory-boy: what ERB's test mixins import.
  "$venv/bin/python" -m pip install -q -c requirements/openedx-master.txt -e ".[test]" "$erb" ddt factory-boy
  touch "$stamp"
fi
echo "--- $("$venv/bin/python" --version), event-routing-backends $("$venv/bin/python" -c 'import event_routing_backends as e; print(e.__version__)') ($revision)"
cd backend
exec "../$venv/bin/pytest" -q -m "" --ds=demo_host.settings.aspects tests/aspects "$@"
