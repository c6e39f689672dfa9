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

. scripts/e2e-real-dashboard.sh
e2e_prepare e2e-frontend-base

fb_tgz=$(fb_pack_frontend_base "$state")
(cd frontend && npm pack --silent --pack-destination "$state" >/dev/null)
fb_install_site "$fb_tgz" "$(ls "$state"/openedx-course-archive-frontend-plugin-*.tgz)"
fb_build_site yes "$origin" "$state/dist"
echo "Built the site with $(fb_versions) (frontend-base: $(git -C "$FB_DIR" describe --all --always 2>/dev/null || echo "$FB_DIR"))"

e2e_serve --root --prefix /learner-dashboard
e2e_checks E2E_DASHBOARD_PATH=/learner-dashboard E2E_NAME=frontend-base
