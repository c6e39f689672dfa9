"""Helpers that drive the real `tutor` command line in a throw-away TUTOR_ROOT.

No Docker daemon is needed: `tutor plugins enable` and `tutor config save` only write
config.yml and render the environment (Dockerfiles, settings, compose files).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
VERSION_SOURCE = REPO_ROOT / "backend" / "course_archive" / "__init__.py"
BIN_DIR = Path(sys.executable).parent
TUTOR = BIN_DIR / "tutor"


def backend_version() -> str:
    """The version of openedx-course-archive, read independently of the plugin."""
    match = re.search(r"""^__version__\s*=\s*["']([^"']+)["']""", VERSION_SOURCE.read_text(), re.M)
    assert match, f"no __version__ in {VERSION_SOURCE}"
    return match.group(1)


def frontend_source_files() -> set[str]:
    """The frontend/ files that git counts as sources (tracked, or new and not ignored)."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "--", "frontend"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return {
        path.removeprefix("frontend/")
        for path in listed
        # The demo and end-to-end harnesses are not needed to build the package.
        if (REPO_ROOT / path).is_file() and path.split("/")[1] not in ("demo", "e2e")
    }


@dataclass
class TutorProject:
    root: Path

    @property
    def env(self) -> Path:
        return self.root / "env"

    def environ(self) -> dict[str, str]:
        environ = {
            key: value
            for key, value in os.environ.items()
            # Keep the operator's own Tutor settings out of the tests.
            if not key.startswith("TUTOR_")
        }
        environ["TUTOR_ROOT"] = str(self.root)
        environ["TUTOR_PLUGINS_ROOT"] = str(self.root / "plugins-root")
        environ["PATH"] = f"{BIN_DIR}{os.pathsep}{environ.get('PATH', '')}"
        return environ

    def tutor(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [str(TUTOR), *args],
            env=self.environ(),
            cwd=self.root,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if check and result.returncode != 0:
            raise AssertionError(
                f"tutor {' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
            )
        return result

    def python(self, code: str) -> subprocess.CompletedProcess[str]:
        """Run Python code in a fresh interpreter of the test venv (fresh Tutor hooks)."""
        result = subprocess.run(
            [sys.executable, "-c", code],
            env=self.environ(),
            cwd=self.root,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if result.returncode != 0:
            raise AssertionError(f"python failed:\n{result.stdout}\n{result.stderr}")
        return result

    def save(self, settings: dict[str, str] | None = None, unset: tuple[str, ...] = ()) -> None:
        """`tutor config save --set KEY=VALUE ...`: saves config.yml and renders env/."""
        args = ["config", "save"]
        for key, value in (settings or {}).items():
            args += ["--set", f"{key}={value}"]
        for key in unset:
            args += ["--unset", key]
        self.tutor(*args)

    def read(self, relative: str) -> str:
        return (self.env / relative).read_text(encoding="utf-8")


def make_project(root: Path, plugins: tuple[str, ...] = ("course_archive", "mfe")) -> TutorProject:
    root.mkdir(parents=True, exist_ok=True)
    project = TutorProject(root)
    project.tutor("plugins", "enable", *plugins)
    # A new project enables the installed official plugins (mfe): keep only `plugins`.
    enabled = project.tutor("config", "printvalue", "PLUGINS").stdout
    extra = [name for name in ("mfe",) if name not in plugins and name in enabled]
    if extra:
        project.tutor("plugins", "disable", *extra)
    return project


@pytest.fixture
def project(tmp_path: Path) -> TutorProject:
    """A fresh Tutor project with course_archive and mfe enabled (not yet rendered)."""
    return make_project(tmp_path / "tutor-root")


@pytest.fixture(scope="module")
def default_project(tmp_path_factory: pytest.TempPathFactory) -> TutorProject:
    """A Tutor project rendered once with the plugin's default configuration."""
    project = make_project(tmp_path_factory.mktemp("default") / "tutor-root")
    project.save()
    return project
