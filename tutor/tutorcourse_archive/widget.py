"""Which files of the repository's ``frontend/`` folder make up the widget's sources.

The Tutor plugin carries these sources (a wheel bundles them, a checkout reads them from
``frontend/``) and puts them in the learner-dashboard MFE build context, where the image
build packs and installs them: the widget never has to be on the npm registry.

This module imports nothing from Tutor: ``hatch_build.py`` loads it by path to pick the same
files when it builds the wheel and the sdist.
"""

from __future__ import annotations

import os
import typing as t
from pathlib import Path

#: Top-level entries of ``frontend/`` that are not needed to build the package: installed
#: or built output, and the demo and end-to-end harnesses.
EXCLUDED_TOP_LEVEL = frozenset({"node_modules", "dist", "demo-dist", "demo", "e2e", ".git"})
#: Packed tarballs (``npm pack`` output) are output too, wherever they are.
EXCLUDED_SUFFIXES = (".tgz",)


def iter_widget_files(frontend: Path) -> t.Iterator[Path]:
    """Files under ``frontend`` (relative paths, sorted) that the widget is built from."""
    found = []
    # os.walk, pruned: node_modules is never walked (large, and changes during `npm install`).
    for folder, subfolders, files in os.walk(frontend):
        relative_folder = Path(folder).relative_to(frontend)
        subfolders[:] = [
            name
            for name in subfolders
            if name != "__pycache__" and not (relative_folder == Path(".") and name in EXCLUDED_TOP_LEVEL)
        ]
        found += [relative_folder / name for name in files if not name.endswith(EXCLUDED_SUFFIXES)]
    yield from sorted(found)
