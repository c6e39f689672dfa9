#!/usr/bin/env bash
# `make bundle-size LEARNER_DASHBOARD_DIR=<checkout> FRONTEND_BASE_DIR=<checkout>`: what the package adds
# to the learner dashboard's JavaScript, in each world whose checkout is given (at least one):
# - the legacy MFE (LEARNER_DASHBOARD_DIR, a checkout of openedx/frontend-app-learner-dashboard): built
#   without and with the packed widget and frontend/env.config.jsx;
# - the frontend-base site (FRONTEND_BASE_DIR, a checkout of openedx/frontend-base): the site of
#   `make e2e-frontend-base` (learner dashboard 1.0.0, tutor-mfe 22.1.0's pins) built without and with
#   the App (`./app`).
# Prints the difference of the gzip sizes of all the .js files of each build (target: at most 20 KB).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/learner-dashboard-build.sh
. scripts/frontend-base-site.sh
if [ -z "${LEARNER_DASHBOARD_DIR:-}" ] && [ -z "${FRONTEND_BASE_DIR:-}" ]; then
  ld_require_checkout bundle-size
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/course-archive-bundle.XXXXXX")
trap 'rm -rf "$work"' EXIT
make -s frontend-install >/dev/null
limit=$((20 * 1024))
failed=0

report() { # <what> <without> <with>
  local added=$(($3 - $2))
  printf '%s JavaScript, gzip: without %d B, with %d B\n' "$1" "$2" "$3"
  awk -v b="$added" -v w="$1" 'BEGIN { printf "%s: the package adds %.1f KB gzip (target: at most 20 KB)\n", w, b / 1024 }'
  [ "$added" -le "$limit" ] || { echo "FAIL $1: the package adds more than 20 KB gzip" >&2; failed=1; }
}

if [ -n "${LEARNER_DASHBOARD_DIR:-}" ]; then
  ld_require_checkout bundle-size
  tarball=$(ld_pack_widget "$work")
  ld_build no "" http://127.0.0.1:18000 "$work/without"
  ld_build yes "$tarball" http://127.0.0.1:18000 "$work/with"
  report "legacy learner-dashboard MFE (the widgets, env.config.jsx)" "$(ld_js_gzip_bytes "$work/without")" "$(ld_js_gzip_bytes "$work/with")"
fi

if [ -n "${FRONTEND_BASE_DIR:-}" ]; then
  fb_require_checkout bundle-size
  mkdir -p "$work/fb"
  fb_tgz=$(fb_pack_frontend_base "$work/fb")
  (cd frontend && npm pack --silent --pack-destination "$work/fb" >/dev/null)
  fb_install_site "$fb_tgz" "$(ls "$work"/fb/openedx-course-archive-frontend-plugin-*.tgz)"
  fb_build_site no http://127.0.0.1:18000 "$work/fb-without"
  fb_build_site yes http://127.0.0.1:18000 "$work/fb-with"
  report "frontend-base site (the App, ./app)" "$(ld_js_gzip_bytes "$work/fb-without")" "$(ld_js_gzip_bytes "$work/fb-with")"
fi
exit "$failed"
