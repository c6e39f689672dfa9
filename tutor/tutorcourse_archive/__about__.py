"""Version of the Tutor plugin: always the version of openedx-course-archive itself.

The single source is ``backend/course_archive/__init__.py`` in the repository. A wheel
gets it at build time (hatchling reads that file, see ``pyproject.toml``), so an
installed plugin reports it through its distribution metadata. In a checkout (an
editable install) the file is read directly, so a version bump is seen without
reinstalling the plugin.
"""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

DISTRIBUTION = "tutor-contrib-course-archive"
_VERSION_SOURCE = Path(__file__).resolve().parents[2] / "backend" / "course_archive" / "__init__.py"
_VERSION_RE = re.compile(r"""^__version__\s*=\s*["']([^"']+)["']""", re.MULTILINE)


def _read_version() -> str:
    if _VERSION_SOURCE.is_file():
        match = _VERSION_RE.search(_VERSION_SOURCE.read_text(encoding="utf-8"))
        if match:
            return match.group(1)
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:  # pragma: no cover - neither a checkout nor installed
        return "0.0.0"


__version__ = _read_version()
