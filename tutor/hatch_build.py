"""Hatch build hook: bundle the widget's sources from ``../frontend`` in the sdist and wheel.

From a checkout they are read from ``../frontend``; a wheel built from the sdist finds them
already in ``tutorcourse_archive/widget_sources/``. Editable installs read ``../frontend`` at run time.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

BUNDLE = "tutorcourse_archive/widget_sources"


def _widget_module():
    path = Path(__file__).parent / "tutorcourse_archive" / "widget.py"
    spec = importlib.util.spec_from_file_location("_course_archive_widget", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class WidgetSourcesHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if version == "editable":
            return
        frontend = Path(self.root).parent / "frontend"
        if not (frontend / "package.json").is_file():
            if not (Path(self.root) / BUNDLE / "package.json").is_file():
                raise RuntimeError("no widget sources: build from a full clone (../frontend) or from the sdist")
            return  # building from the sdist: the bundle is part of the package tree
        for relative in _widget_module().iter_widget_files(frontend):
            build_data["force_include"][str(frontend / relative)] = f"{BUNDLE}/{relative.as_posix()}"
