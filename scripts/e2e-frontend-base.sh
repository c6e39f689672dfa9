#!/usr/bin/env bash
# `make e2e-frontend-base FRONTEND_BASE_DIR=<checkout of openedx/frontend-base>`: builds a frontend-base
# site with @openedx/frontend-app-learner-dashboard 1.0.0 and the course-archive App (the packed
# widget's `./app` entry) at tutor-mfe 22.1.0's pins (scripts/frontend-base-site.sh), serves it on one
# origin with the demo host (frontend/e2e/mfe-server.mjs --root), and drives it in Debian's Chromium
# with the checks of `make e2e-dashboard` (frontend/e2e/mfe.e2e.mjs), the auto-archive note and unarchive,
# then with the kill switch on (frontend/e2e/mfe-kill-switch.e2e.mjs). Stops the servers it started.
# E2E_HOST_PORT and E2E_PORT choose the demo host's and the site's ports (default: free ones).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/frontend-base-site.sh
fb_require_checkout e2e-frontend-base

if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's chromium..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

free_port() { .venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
state=$(mktemp -d "${TMPDIR:-/tmp}/course-archive-e2e-frontend-base.XXXXXX")
host_port=${E2E_HOST_PORT:-$(free_port)}
port=${E2E_PORT:-$(free_port)}
origin="http://127.0.0.1:$port"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$state"' EXIT

fb_tgz=$(fb_pack_frontend_base "$state")
(cd frontend && npm pack --silent --pack-destination "$state" >/dev/null)
fb_install_site "$fb_tgz" "$(ls "$state"/openedx-course-archive-frontend-plugin-*.tgz)"
fb_build_site yes "$origin" "$state/dist"
echo "Built the site with $(fb_versions) (frontend-base: $(git -C "$FB_DIR" describe --all --always 2>/dev/null || echo "$FB_DIR"))"

# The demo host with an auto-archive policy of a year: its course that ended three years ago is archived
# automatically (as `make e2e` runs it).
export DEMO_HOST_STATE_DIR="$state" DJANGO_SETTINGS_MODULE=demo_host.settings.dev DEMO_AUTO_ARCHIVE_DAYS=365
manage() { (cd backend && ../.venv/bin/python manage.py "$@"); }
host=
start_host() {
  (cd backend && exec ../.venv/bin/python manage.py runserver "127.0.0.1:$host_port" --noreload >>"$state/server.log" 2>&1) &
  host=$!
  pids+=($host)
  for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$host_port") 2>/dev/null && break; sleep 0.2; done
}
manage migrate --noinput -v0
manage seed_demo >/dev/null
start_host
node frontend/e2e/mfe-server.mjs --root --prefix /learner-dashboard --port "$port" --dist "$state/dist" \
  --upstream "http://127.0.0.1:$host_port" >"$state/mfe-server.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.2; done

run() {
  (cd frontend && E2E_BASE_URL="$origin" E2E_DASHBOARD_PATH=/learner-dashboard E2E_NAME=frontend-base \
    E2E_USERNAME=learner E2E_PASSWORD=learner-password E2E_AUTO_ARCHIVE=1 node "$@") \
    || { echo "--- server log"; tail -30 "$state/server.log"; exit 1; }
}
run e2e/mfe.e2e.mjs

# The kill switch: the host caches waffle flags per process, so it restarts with the flag on.
kill "$host" 2>/dev/null || true; wait "$host" 2>/dev/null || true
manage waffle_flag course_archive.disabled --everyone --create >/dev/null
start_host
run e2e/mfe-kill-switch.e2e.mjs
