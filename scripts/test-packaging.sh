#!/usr/bin/env bash
# `make test-packaging`: build the release artifacts, then install each where a user would and check it
# works from there: the wheel in a fresh venv (the demo host discovers it through its entry points and
# migrates), the npm tarball in a scratch project (the widgets import).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
scripts/dist.sh >/dev/null
work=$(mktemp -d "${TMPDIR:-/tmp}/course-archive-packaging.XXXXXX")
trap 'rm -rf "$work"' EXIT
passed=0
ok() { echo "ok   $*"; passed=$((passed + 1)); }

# 1. The wheel holds what the LMS needs at run time.
wheel=$(ls dist/openedx_course_archive-*-py3-none-any.whl)
contents=$(unzip -Z1 "$wheel")
for needed in course_archive/py.typed course_archive/migrations/0001_initial.py \
              course_archive/templates/admin/course_archive/coursearchivestatus/change_list.html \
              course_archive/templates/admin/course_archive/overview.html \
              course_archive/templates/admin/course_archive/includes/summary.html \
              course_archive/templatetags/course_archive_admin.py course_archive/migrations/0007_archive_activity.py; do
  grep -qx "$needed" <<<"$contents" || { echo "FAIL $needed is not in $wheel" >&2; exit 1; }
done
if grep -qE '^(demo_host|tests|bench)/' <<<"$contents"; then echo "FAIL the wheel ships test code" >&2; exit 1; fi
ok "wheel contains migrations, templates and py.typed, and no demo or test code"

# 2. A fresh venv with only the wheel (and its declared dependencies): the demo host, copied away from
#    the checkout, finds the plugin through its entry points and migrates.
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q --disable-pip-version-check -c requirements/constraints.txt "$wheel"
mkdir -p "$work/host" && cp -r backend/demo_host backend/manage.py "$work/host/"
location=$(cd "$work/host" && "$work/venv/bin/python" -c 'import course_archive; print(course_archive.__file__)')
case "$location" in "$work/venv/"*) ;; *) echo "FAIL course_archive imported from $location" >&2; exit 1 ;; esac
ok "course_archive imports from the installed wheel ($location)"
(cd "$work/host" && DEMO_HOST_STATE_DIR="$work/state" "$work/venv/bin/python" - <<'PY'
import os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "demo_host.settings.dev")
from edx_django_utils.plugins import get_plugin_apps
# Other installed plugins (edx-toggles registers itself too, as in the LMS) may be listed beside it.
for context in ("lms.djangoapp", "cms.djangoapp"):
    assert "course_archive.apps.CourseArchiveConfig" in get_plugin_apps(context), get_plugin_apps(context)
import django
django.setup()
from django.core.management import call_command
from django.urls import reverse
call_command("check")
call_command("migrate", verbosity=0)
from course_archive.models import CourseArchiveStatus
assert CourseArchiveStatus.objects.count() == 0
assert reverse("course_archive:course-archive-status-list") == "/course-archive/api/v1/course-archive-status/"
PY
)
ok "a fresh venv with the wheel: entry points discovered, check passes, migrations apply, URLs mounted"

# 3. The npm tarball holds only the build and its docs, and the widgets import from an installed copy.
tarball=$(ls dist/openedx-course-archive-frontend-plugin-*.tgz)
unexpected=$(tar tzf "$tarball" | grep -vE '^package/(dist/.*|README\.md|package\.json)$' || true)
[ -z "$unexpected" ] || { echo "FAIL unexpected files in $tarball: $unexpected" >&2; exit 1; }
ok "npm tarball holds only dist/, README.md and package.json"
mkdir -p "$work/mfe" && (cd "$work/mfe" && npm init -y >/dev/null && \
  npm install --silent --no-audit --no-fund --legacy-peer-deps "$repo/$tarball" >/dev/null)
# The MFE provides the peers: react, react-intl and prop-types come from frontend/. frontend-platform and
# Paragon ship ESM sources for the MFE's webpack, which plain node cannot load, so they are stood in for
# here: what is checked is that the installed package's CommonJS entry loads and exports the widgets.
(cd "$work/mfe" && NODE_PATH="$repo/frontend/node_modules" node -e '
const Module = require("module");
const bundlerOnly = ["@edx/frontend-platform", "@openedx/paragon", "@openedx/frontend-base"];
const requested = new Set();
// A stand-in for any export; called with one object (defineMessages) it returns that object.
const stand = () => new Proxy(function standIn() {}, {
  get: (_, key) => (key === "__esModule" ? true : stand()),
  apply: (_, __, args) => (args.length === 1 && args[0] && typeof args[0] === "object" ? args[0] : stand()),
});
const load = Module._load;
Module._load = function (request, ...rest) {
  if (bundlerOnly.some((name) => request === name || request.startsWith(`${name}/`))) { requested.add(request.split("/").slice(0, 2).join("/")); return stand(); }
  return load.call(this, request, ...rest);
};
const entry = require.resolve("@openedx-course-archive/frontend-plugin");
if (!entry.startsWith(process.cwd())) { throw new Error(`resolved outside the scratch project: ${entry}`); }
const m = require(entry);
for (const name of ["CourseListArchive", "CourseCardArchiveAction", "courseArchivePluginSlots"]) { if (typeof m[name] !== "function") { throw new Error(`${name} is not exported`); } }
if (requested.has("@openedx/frontend-base")) { throw new Error("the . entry loads @openedx/frontend-base"); }
// The ./app entry (frontend-base sites): its default export is the App, and it loads no frontend-platform.
requested.clear();
for (const id of Object.keys(require.cache)) { delete require.cache[id]; }
const app = require("@openedx-course-archive/frontend-plugin/app").default;
if (!app || typeof app.appId !== "string" || !Array.isArray(app.slots) || app.slots.length !== 2) { throw new Error(`./app does not export the App: ${JSON.stringify(app)}`); }
if (requested.has("@edx/frontend-platform")) { throw new Error("the ./app entry loads @edx/frontend-platform"); }
if (!requested.has("@openedx/frontend-base")) { throw new Error("the ./app entry does not load @openedx/frontend-base"); }
')
ok "a scratch project installs the tarball and imports the widgets (.) and the App (./app)"

echo "packaging: $passed passed, 0 failed"
