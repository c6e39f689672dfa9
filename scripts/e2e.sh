#!/usr/bin/env bash
# `make e2e`: the demo host on a free port with fresh demo data, and the widget driven in Debian's
# Chromium (playwright-core): frontend/e2e/a11y.e2e.mjs (keyboard, undo, axe, touch, Arabic
# right to left, a long list; screenshots in E2E_SHOTS_DIR) and frontend/e2e/dashboard.e2e.mjs with an auto-archive policy of a year
# (the demo's course that ended three years ago is auto-archived), then, with the kill switch on
# (waffle flag course_archive.disabled) and the host restarted, frontend/e2e/kill-switch.e2e.mjs.
# Stops the server it started.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's chromium..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

state=$(mktemp -d "${TMPDIR:-/tmp}/course-archive-e2e.XXXXXX")
port=$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export DEMO_HOST_STATE_DIR="$state" DJANGO_SETTINGS_MODULE=demo_host.settings.dev DEMO_AUTO_ARCHIVE_DAYS=365
manage() { (cd backend && ../.venv/bin/python manage.py "$@"); }

server=
start_server() {
  (cd backend && exec ../.venv/bin/python manage.py runserver "127.0.0.1:$port" --noreload >>"$state/server.log" 2>&1) &
  server=$!
  for _ in $(seq 1 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.2
  done
}
# The host caches waffle flags per process (LocMemCache), so a flag changed by a command needs a restart.
stop_server() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; server=; fi
}
trap 'stop_server; rm -rf "$state"' EXIT
run() {
  (cd frontend && E2E_BASE_URL="http://127.0.0.1:$port" E2E_USERNAME=learner E2E_PASSWORD=learner-password node "$@") \
    || { echo "--- server log"; tail -30 "$state/server.log"; exit 1; }
}

manage migrate --noinput -v0
manage seed_demo >/dev/null
start_server
# First: it leaves the learner's data as it found it (Archive, then Undo); the auto-archived
# course, which dashboard.e2e.mjs unarchives for good, is still archived for its checks.
run e2e/a11y.e2e.mjs
run e2e/dashboard.e2e.mjs
# The admin at 1280 px, its search and the overview, with one more archived status to find.
manage shell -c "from django.contrib.auth import get_user_model; from course_archive import api; api.archive(get_user_model().objects.get(username='learner2'), 'course-v1:OpenedX+Hist100+2024')" >/dev/null
run e2e/admin.e2e.mjs

stop_server
manage waffle_flag course_archive.disabled --everyone --create >/dev/null
start_server
run e2e/kill-switch.e2e.mjs
