#!/usr/bin/env bash
# `make bundle-size LEARNER_DASHBOARD_DIR=<checkout>`: what the widget adds to the learner dashboard's
# JavaScript. Builds the MFE twice, without and with the packed widget and frontend/env.config.jsx, and
# prints the difference of the gzip sizes of all its .js files (target: at most 20 KB).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/learner-dashboard-build.sh
ld_require_checkout bundle-size
work=$(mktemp -d "${TMPDIR:-/tmp}/course-archive-bundle.XXXXXX")
trap 'rm -rf "$work"' EXIT
make -s frontend-install >/dev/null
tarball=$(ld_pack_widget "$work")
ld_build no "" http://127.0.0.1:18000 "$work/without"
ld_build yes "$tarball" http://127.0.0.1:18000 "$work/with"
without=$(ld_js_gzip_bytes "$work/without")
with=$(ld_js_gzip_bytes "$work/with")
added=$((with - without))
limit=$((20 * 1024))
printf 'learner dashboard JavaScript, gzip: without the widget %d B, with it %d B\n' "$without" "$with"
awk -v b="$added" 'BEGIN { printf "the widget adds %.1f KB gzip (target: at most 20 KB)\n", b / 1024 }'
[ "$added" -le "$limit" ] || { echo "FAIL the widget adds more than 20 KB gzip" >&2; exit 1; }
