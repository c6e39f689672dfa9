# Sourced by scripts/test-matrix.sh and scripts/test-aspects.sh.

find_python() {  # <major.minor>: a python of that version on PATH, or under pyenv
  local version=$1 candidate
  # A pyenv shim is on PATH even where that version is not selected, so each candidate is run to check it.
  for candidate in "$(command -v "python$version" 2>/dev/null || true)" \
      "$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")"/versions/"$version"*/bin/"python$version"; do
    if [ -n "$candidate" ] && [ -x "$candidate" ] &&
        [ "$("$candidate" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)" = "$version" ]; then
      echo "$candidate"
      return 0
    fi
  done
  echo "Python $version is missing: install it (e.g. 'pyenv install $version') or put python$version on PATH." >&2
  return 1
}
