#!/usr/bin/env bash
# `make dist`: the three release artifacts in dist/ (plugin wheel + sdist, Tutor plugin wheel + sdist,
# widget npm tarball), checked with twine, with one version across them and their sha256 sums.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python

rm -rf dist && mkdir -p dist
"$PY" -m build --outdir dist . >/dev/null
"$PY" -m build --outdir dist tutor >/dev/null
(cd frontend && npm pack --silent --pack-destination ../dist >/dev/null)
"$PY" -m twine check --strict dist/*.whl dist/*.tar.gz

version=$("$PY" -c 'import re,sys; print(re.search(r"__version__ = \"([^\"]+)\"", open("backend/course_archive/__init__.py").read()).group(1))')
npm_version=$(node -p 'require("./frontend/package.json").version')
for artifact in "dist/openedx_course_archive-$version-py3-none-any.whl" "dist/openedx_course_archive-$version.tar.gz" \
                "dist/tutor_contrib_course_archive-$version-py3-none-any.whl" \
                "dist/openedx-course-archive-frontend-plugin-$npm_version.tgz"; do
  [ -f "$artifact" ] || { echo "missing $artifact (versions disagree?)" >&2; ls dist >&2; exit 1; }
done
if [ "$npm_version" != "$version" ]; then
  echo "frontend/package.json version $npm_version differs from $version" >&2
  exit 1
fi
echo "version $version"
(cd dist && sha256sum ./*)
