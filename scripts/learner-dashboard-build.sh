# Sourced by e2e-dashboard.sh and bundle-size.sh: builds a checkout of
# openedx/frontend-app-learner-dashboard (LEARNER_DASHBOARD_DIR), with or without the packed widget
# and frontend/env.config.jsx, and an Arabic catalog of its own (frontend/e2e/dashboard-i18n.js). The
# checkout is left as it was found: its env.config.* files and src/i18n/index.js are put back and its
# node_modules are reinstalled from its own lockfile on the next `npm ci` only if the widget was
# installed (it is installed with --no-save, so package.json and the lockfile never change).

ld_require_checkout() {
  local dir=${LEARNER_DASHBOARD_DIR:-}
  if [ -z "$dir" ] || [ ! -f "$dir/package.json" ] || ! grep -q '"name": "@edx/frontend-app-learner-dashboard"' "$dir/package.json"; then
    cat >&2 <<MSG
LEARNER_DASHBOARD_DIR must name a checkout of openedx/frontend-app-learner-dashboard${dir:+ (got: $dir)}.
Get one, then run the target again:
  git clone https://github.com/openedx/frontend-app-learner-dashboard ../frontend-app-learner-dashboard
  make $1 LEARNER_DASHBOARD_DIR=../frontend-app-learner-dashboard
(any branch: master and release/verawood, or release/ulmo and release/teak for their slot props.)
MSG
    exit 2
  fi
  LD_DIR=$(cd "$dir" && pwd)
  [ -d "$LD_DIR/node_modules/@openedx/frontend-build" ] || (cd "$LD_DIR" && npm ci --no-audit --no-fund)
}

ld_pack_widget() { # prints the path of the packed tarball
  local out=$1
  (cd frontend && npm pack --silent --pack-destination "$out" >/dev/null)
  ls "$out"/openedx-course-archive-frontend-plugin-*.tgz
}

# ld_build <with-widget: yes|no> <tarball or ""> <lms base url> <dist copy destination>
ld_build() {
  local with=$1 tarball=$2 lms=$3 dest=$4 backup
  backup=$(mktemp -d "${TMPDIR:-/tmp}/ld-env-config.XXXXXX")
  for f in env.config.js env.config.jsx env.config.tsx; do
    [ -e "$LD_DIR/$f" ] && mv "$LD_DIR/$f" "$backup/$f"
  done
  # The dashboard's catalogs: an Arabic one, as a deployed dashboard has (frontend/e2e/dashboard-i18n.js).
  cp "$LD_DIR/src/i18n/index.js" "$backup/i18n-index.js"
  cp frontend/e2e/dashboard-i18n.js "$LD_DIR/src/i18n/index.js"
  restore() {
    rm -f "$LD_DIR/env.config.jsx"
    for f in "$backup"/env.config.*; do [ -e "$f" ] && mv "$f" "$LD_DIR/"; done
    mv "$backup/i18n-index.js" "$LD_DIR/src/i18n/index.js"
    rm -rf "$backup"
  }
  if [ "$with" = yes ]; then
    (cd "$LD_DIR" && npm install --no-save --no-audit --no-fund "$tarball" >/dev/null)
    cp frontend/env.config.jsx "$LD_DIR/env.config.jsx"
  fi
  echo "Building the learner dashboard ($( [ "$with" = yes ] && echo with || echo without ) the widget)..."
  if ! (cd "$LD_DIR" && env NODE_ENV=production PUBLIC_PATH=/learner-dashboard/ BASE_URL="$lms" LMS_BASE_URL="$lms" \
        LOGIN_URL="$lms/login/" LOGOUT_URL="$lms/logout/" REFRESH_ACCESS_TOKEN_ENDPOINT="$lms/login_refresh" \
        ACCESS_TOKEN_COOKIE_NAME=edx-jwt-cookie-header-payload CSRF_TOKEN_API_PATH=/csrf/api/v1/token \
        USER_INFO_COOKIE_NAME=edx-user-info LANGUAGE_PREFERENCE_COOKIE_NAME=openedx-language-preference \
        SITE_NAME="Course archive e2e" LEARNING_BASE_URL="$lms" MARKETING_SITE_BASE_URL="$lms" \
        npm run build >"$dest.log" 2>&1); then
    restore
    tail -30 "$dest.log" >&2
    return 1
  fi
  restore
  rm -rf "$dest" && cp -r "$LD_DIR/dist" "$dest"
}

# Sum of the gzip sizes (bytes) of the JavaScript files of a dist folder.
ld_js_gzip_bytes() {
  local total=0 f
  for f in "$1"/*.js; do total=$((total + $(gzip -9c "$f" | wc -c))); done
  echo "$total"
}
