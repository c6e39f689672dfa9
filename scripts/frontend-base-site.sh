# Sourced by e2e-frontend-base.sh and bundle-size.sh: builds a frontend-base site
# (frontend/e2e/frontend-base-site) with @openedx/frontend-app-learner-dashboard 1.0.0, with or without
# the course-archive App, at the versions tutor-mfe 22.1.0's site package-lock.json pins, and
# @openedx/frontend-base packed from a checkout of openedx/frontend-base (FRONTEND_BASE_DIR: the npm
# registry of this project's machines does not serve it).
#
# The site is installed once in frontend/node_modules/.cache/frontend-base-site (reinstalled when the
# packed frontend-base changes); the widget is packed (npm pack) and put in its node_modules each build.

# tutor-mfe 22.1.0's site lock. Exact pins: Paragon 23.23 brings react-intl 10 next to frontend-base's
# 6.8.9 (two copies: a blank page, "Could not find required `intl` object"), and react-router 6.30.6
# next to react-router-dom 6.30.3 breaks the routes (`useMatches` invariant).
FB_LEARNER_DASHBOARD_VERSION=1.0.0
FB_PINS='{
  "@openedx/paragon": "23.21.1",
  "react": "18.3.1",
  "react-dom": "18.3.1",
  "react-router": "6.30.3",
  "react-router-dom": "6.30.3",
  "@tanstack/react-query": "5.99.2",
  "react-intl": "6.8.9"
}'

fb_require_checkout() {
  local dir=${FRONTEND_BASE_DIR:-}
  if [ -z "$dir" ] || [ ! -f "$dir/package.json" ] || ! grep -q '"name": "@openedx/frontend-base"' "$dir/package.json"; then
    cat >&2 <<MSG
FRONTEND_BASE_DIR must name a checkout of openedx/frontend-base${dir:+ (got: $dir)}.
Get one, then run the target again:
  git clone https://github.com/openedx/frontend-base ../frontend-base
  make $1 FRONTEND_BASE_DIR=../frontend-base
MSG
    exit 2
  fi
  FB_DIR=$(cd "$dir" && pwd)
  FB_SITE="$PWD/frontend/node_modules/.cache/frontend-base-site"
}

# Builds the checkout (once) and packs it; prints the tarball's path.
fb_pack_frontend_base() {
  local out=$1
  if [ ! -f "$FB_DIR/dist/index.js" ]; then
    echo "Building @openedx/frontend-base from $FB_DIR..." >&2
    (cd "$FB_DIR" && { [ -d node_modules ] || npm ci --no-audit --no-fund --ignore-scripts >&2; } \
      && PATH="$FB_DIR/node_modules/.bin:$PATH" make build >&2)
  fi
  (cd "$FB_DIR" && npm pack --silent --ignore-scripts --pack-destination "$out" >/dev/null)
  ls "$out"/openedx-frontend-base-*.tgz
}

# fb_install_site <frontend-base tarball> <widget tarball>
fb_install_site() {
  local fb_tgz=$1 widget_tgz=$2 sum
  mkdir -p "$FB_SITE/vendor"
  sum=$(sha256sum "$fb_tgz" | cut -d' ' -f1)
  if [ "$(cat "$FB_SITE/vendor/frontend-base.sha256" 2>/dev/null)" != "$sum" ]; then
    rm -rf "$FB_SITE/node_modules" "$FB_SITE/package-lock.json"
    cp "$fb_tgz" "$FB_SITE/vendor/openedx-frontend-base.tgz"
    echo "$sum" >"$FB_SITE/vendor/frontend-base.sha256"
  fi
  # The site's files (its settings are written per build); a git repository around it, which the
  # `openedx` CLI's build reads.
  cp -r frontend/e2e/frontend-base-site/. "$FB_SITE/"
  mkdir -p "$FB_SITE/src/i18n" && cp frontend/e2e/dashboard-i18n.js "$FB_SITE/src/i18n/index.js"
  [ -d "$FB_SITE/.git" ] || git -C "$FB_SITE" init -q
  node -e '
    const pins = JSON.parse(process.argv[1]);
    const pkg = {
      name: "course-archive-frontend-base-site", private: true, scripts: { build: "openedx build" },
      dependencies: {
        "@openedx/frontend-base": "file:vendor/openedx-frontend-base.tgz",
        "@openedx/frontend-app-learner-dashboard": process.argv[2],
        ...pins,
      },
      devDependencies: { "@edx/browserslist-config": "1.5.1" },
      browserslist: ["extends @edx/browserslist-config"],
      overrides: pins,
    };
    require("fs").writeFileSync(process.argv[3], JSON.stringify(pkg, null, 2) + "\n");
  ' "$FB_PINS" "$FB_LEARNER_DASHBOARD_VERSION" "$FB_SITE/package.json"
  if [ ! -d "$FB_SITE/node_modules/@edx/browserslist-config" ]; then
    echo "Installing the frontend-base site (learner dashboard $FB_LEARNER_DASHBOARD_VERSION, tutor-mfe 22.1.0's pins)..." >&2
    (cd "$FB_SITE" && npm install --no-audit --no-fund >"$FB_SITE/install.log" 2>&1) || { tail -30 "$FB_SITE/install.log" >&2; return 1; }
  fi
  # The packed widget, as `npm install <tarball>` would put it (it has no dependencies, only peers).
  rm -rf "$FB_SITE/node_modules/@openedx-course-archive/frontend-plugin"
  mkdir -p "$FB_SITE/node_modules/@openedx-course-archive/frontend-plugin"
  tar -xzf "$widget_tgz" -C "$FB_SITE/node_modules/@openedx-course-archive/frontend-plugin" --strip-components=1
}

# The versions the site resolved, one line (what the e2e output reports).
fb_versions() {
  (cd "$FB_SITE" && node -e '
    const names = ["@openedx/frontend-base", "@openedx/frontend-app-learner-dashboard", "@openedx/paragon", "react",
      "react-dom", "react-router", "react-router-dom", "@tanstack/react-query", "react-intl", "@openedx-course-archive/frontend-plugin"];
    const version = (n) => JSON.parse(require("fs").readFileSync(`node_modules/${n}/package.json`, "utf8")).version;
    console.log(names.map((n) => `${n}@${version(n)}`).join(" "));
  ')
}

# fb_build_site <with the App: yes|no> <origin> <dist copy destination>
fb_build_site() {
  local with=$1 origin=$2 dest=$3
  if [ "$with" = yes ]; then
    printf "import courseArchiveApp from '@openedx-course-archive/frontend-plugin/app';\n\nexport default [courseArchiveApp];\n" >"$FB_SITE/src/apps.ts"
  else
    printf "export default [];\n" >"$FB_SITE/src/apps.ts"
  fi
  printf "export default %s;\n" "$(node -p 'JSON.stringify(process.argv[1])' "$origin")" >"$FB_SITE/src/origin.ts"
  echo "Building the frontend-base site ($( [ "$with" = yes ] && echo with || echo without ) the course-archive App)..."
  if ! (cd "$FB_SITE" && rm -rf dist && NODE_ENV=production npx --no-install openedx build >"$dest.log" 2>&1); then
    tail -30 "$dest.log" >&2
    return 1
  fi
  rm -rf "$dest" && cp -r "$FB_SITE/dist" "$dest"
}
