#!/usr/bin/env bash
# `make e2e`: the demo host on a free port with fresh demo data, and the widget driven in Debian's
# Chromium by frontend/e2e/dashboard.e2e.mjs (playwright-core). Stops the server it started.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's chromium..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

state=$(mktemp -d "${TMPDIR:-/tmp}/course-archive-e2e.XXXXXX")
port=$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export DEMO_HOST_STATE_DIR="$state" DJANGO_SETTINGS_MODULE=demo_host.settings.dev

(cd backend && ../.venv/bin/python manage.py migrate --noinput -v0 && ../.venv/bin/python manage.py seed_demo >/dev/null)
(cd backend && exec ../.venv/bin/python manage.py runserver "127.0.0.1:$port" --noreload >"$state/server.log" 2>&1) &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true; rm -rf "$state"' EXIT

for _ in $(seq 1 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.2
done

cd frontend
E2E_BASE_URL="http://127.0.0.1:$port" E2E_USERNAME=learner E2E_PASSWORD=learner-password \
  node e2e/dashboard.e2e.mjs || { echo "--- server log"; tail -30 "$state/server.log"; exit 1; }
