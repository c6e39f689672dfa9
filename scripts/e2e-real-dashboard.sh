# Sourced by scripts/e2e-dashboard.sh and scripts/e2e-frontend-base.sh: what the e2e runs on the two real
# learner dashboards share. Each script builds its dashboard, then: the demo host with an auto-archive
# policy of a year (its course that ended three years ago is archived automatically, as `make e2e` runs it),
# frontend/e2e/mfe-server.mjs on one origin with it, frontend/e2e/mfe.e2e.mjs, and the same with the kill
# switch on (frontend/e2e/mfe-kill-switch.e2e.mjs). E2E_HOST_PORT and E2E_PORT choose the ports.

# e2e_prepare <name>: chromium, a state folder, two ports, and a trap that stops the servers started.
e2e_prepare() {
  if ! command -v chromium >/dev/null 2>&1; then
    echo "Installing Debian's chromium..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
  state=$(mktemp -d "${TMPDIR:-/tmp}/course-archive-$1.XXXXXX")
  host_port=${E2E_HOST_PORT:-$(e2e_free_port)}
  port=${E2E_PORT:-$(e2e_free_port)}
  origin="http://127.0.0.1:$port"
  pids=()
  trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$state"' EXIT
}

e2e_free_port() { .venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

e2e_wait_port() { for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && break; sleep 0.2; done; }

e2e_manage() { (cd backend && ../.venv/bin/python manage.py "$@"); }

e2e_start_host() {
  (cd backend && exec ../.venv/bin/python manage.py runserver "127.0.0.1:$host_port" --noreload >>"$state/server.log" 2>&1) &
  host=$!
  pids+=($host)
  e2e_wait_port "$host_port"
}

# e2e_serve <mfe-server.mjs arguments>: the demo host, seeded, and the built dashboard on one origin with it.
e2e_serve() {
  export DEMO_HOST_STATE_DIR="$state" DJANGO_SETTINGS_MODULE=demo_host.settings.dev DEMO_AUTO_ARCHIVE_DAYS=365
  e2e_manage migrate --noinput -v0
  e2e_manage seed_demo >/dev/null
  e2e_start_host
  node frontend/e2e/mfe-server.mjs --port "$port" --dist "$state/dist" --upstream "http://127.0.0.1:$host_port" "$@" \
    >"$state/mfe-server.log" 2>&1 &
  pids+=($!)
  e2e_wait_port "$port"
}

# e2e_checks <VAR=value ...>: the dashboard's checks, then the kill switch's (the environment names the dashboard).
e2e_checks() {
  e2e_node "$@" e2e/mfe.e2e.mjs
  # The host caches waffle flags per process: it restarts with the flag on.
  kill "$host" 2>/dev/null || true; wait "$host" 2>/dev/null || true
  e2e_manage waffle_flag course_archive.disabled --everyone --create >/dev/null
  e2e_start_host
  e2e_node "$@" e2e/mfe-kill-switch.e2e.mjs
}

e2e_node() {
  local script=${*: -1} settings=("${@:1:$#-1}")
  (cd frontend && env E2E_BASE_URL="$origin" E2E_USERNAME=learner E2E_PASSWORD=learner-password E2E_AUTO_ARCHIVE=1 \
    "${settings[@]}" node "$script") || { echo "--- server log"; tail -30 "$state/server.log"; exit 1; }
}
