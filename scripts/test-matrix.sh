#!/usr/bin/env bash
# The backend suite under the exact versions each supported Open edX line pins (requirements/openedx-*.txt),
# each in a virtualenv of its own (.venv-<line>) with that line's Python, on that line's kind of database:
#   master   Python 3.12, openedx-platform master / Verawood pins, MariaDB    (MATRIX_MASTER_DB)
#   ulmo     Python 3.11, the Ulmo line's pins,                   PostgreSQL  (MATRIX_ULMO_DB)
# Arguments go to pytest. MATRIX="master" (or "ulmo") runs one line only.
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/find-python.sh

run_line() {  # <line> <python version> <database>
  local line=$1 version=$2 db=$3 venv=".venv-$1" constraints="requirements/openedx-$1.txt" python
  shift 3
  python=$(find_python "$version")
  local stamp="$venv/.installed"
  if [ ! -f "$stamp" ] || [ "$constraints" -nt "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    echo "--- $line: installing into $venv with $python and $constraints"
    rm -rf "$venv"
    "$python" -m venv "$venv"
    "$venv/bin/python" -m pip install -q --upgrade pip
    "$venv/bin/python" -m pip install -q -c "$constraints" -e ".[test]"
    touch "$stamp"
  fi
  echo "--- $line: $("$venv/bin/python" --version), $("$venv/bin/python" -c 'import django, rest_framework, drf_spectacular, openedx_events; print("Django", django.__version__, "DRF", rest_framework.__version__, "drf-spectacular", drf_spectacular.__version__, "openedx-events", openedx_events.__version__)'), $db"
  COURSE_ARCHIVE_TEST_DB="$db" COURSE_ARCHIVE_TEST_DB_NAME="course_archive_$line" "$venv/bin/pytest" -q "$@"
}

run_named() {  # <line> [pytest args]
  local line=$1
  shift
  case "$line" in
    master) run_line master 3.12 "${MATRIX_MASTER_DB:-mysql}" "$@" ;;
    ulmo) run_line ulmo 3.11 "${MATRIX_ULMO_DB:-postgres}" "$@" ;;
    *) echo "Unknown line $line (master or ulmo)." >&2; return 2 ;;
  esac
}

# The lines use different virtualenvs and databases, so they run side by side; each one's output is
# printed whole when it ends.
mkdir -p build
pids=() lines=(${MATRIX:-master ulmo})
for line in "${lines[@]}"; do
  run_named "$line" "$@" >"build/test-matrix-$line.log" 2>&1 &
  pids+=($!)
done
status=0
for i in "${!lines[@]}"; do
  if wait "${pids[$i]}"; then result=passed; else result=FAILED; status=1; fi
  cat "build/test-matrix-${lines[$i]}.log"
  echo "--- ${lines[$i]}: $result"
done
exit $status
