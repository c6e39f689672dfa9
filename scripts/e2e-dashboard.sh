#!/usr/bin/env bash
# `make e2e-dashboard LEARNER_DASHBOARD_DIR=<checkout of openedx/frontend-app-learner-dashboard>`:
# builds that MFE with the packed widget (npm pack) and frontend/env.config.jsx, serves it at
# /learner-dashboard/ on one origin with the demo host (frontend/e2e/mfe-server.mjs), and drives it in
# Debian's Chromium (frontend/e2e/mfe.e2e.mjs, with the auto-archive note and unarchive), then with the
# kill switch on (frontend/e2e/mfe-kill-switch.e2e.mjs): the checks of `make e2e-frontend-base`. Stops the
# servers it started. E2E_HOST_PORT and E2E_PORT choose the demo host's and the MFE's ports.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/learner-dashboard-build.sh
ld_require_checkout e2e-dashboard

. scripts/e2e-real-dashboard.sh
e2e_prepare e2e-dashboard

tarball=$(ld_pack_widget "$state")
ld_build yes "$tarball" "$origin" "$state/dist"
echo "Built $(cd "$LD_DIR" && git describe --all --always 2>/dev/null || echo "$LD_DIR") with $(basename "$tarball")"

e2e_serve
e2e_checks E2E_DASHBOARD_PATH=/learner-dashboard/
