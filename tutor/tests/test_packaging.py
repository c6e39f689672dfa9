"""The plugin's sdist and wheel carry the widget's sources, so an installed plugin builds it."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
from conftest import REPO_ROOT, TUTOR, frontend_source_files, make_project

BUNDLE = "tutorcourse_archive/widget_sources/"


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # `python -m build` makes the sdist, then the wheel from the unpacked sdist (as `make dist`).
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(REPO_ROOT / "tutor")],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return out


def test_sdist_and_wheel_bundle_the_widget_sources(artifacts: Path):
    expected = frontend_source_files()
    [sdist] = artifacts.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        top = archive.getnames()[0].split("/")[0]
        in_sdist = {
            name.removeprefix(f"{top}/{BUNDLE}") for name in archive.getnames() if name.startswith(f"{top}/{BUNDLE}")
        }
        assert f"{top}/hatch_build.py" in archive.getnames()
    [wheel] = artifacts.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        in_wheel = {name.removeprefix(BUNDLE) for name in archive.namelist() if name.startswith(BUNDLE)}
        assert archive.read(BUNDLE + "package.json") == (REPO_ROOT / "frontend/package.json").read_bytes()
    assert in_sdist == expected
    assert in_wheel == expected


def test_the_installed_wheel_renders_its_bundled_sources(artifacts: Path, tmp_path: Path):
    [wheel] = artifacts.glob("*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    # The unpacked wheel comes first on sys.path, ahead of the editable checkout.
    output = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.path.insert(0, sys.argv[1]);"
            "from tutorcourse_archive import plugin; print(plugin.__file__); print(plugin.widget_sources_dir());"
            "print(len(list(plugin.widget.iter_widget_files(plugin.widget_sources_dir()))))",
            str(site),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout.split()
    assert output == [
        str(site / "tutorcourse_archive/plugin.py"),
        str(site / "tutorcourse_archive/widget_sources"),
        str(len(frontend_source_files())),
    ]


def test_tutor_with_the_wheel_puts_its_bundled_sources_in_the_mfe_build_context(artifacts: Path, tmp_path: Path):
    [wheel] = artifacts.glob("*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    # A mark that only the wheel's copy has, to tell it from the checkout's frontend/.
    marked = site / "tutorcourse_archive/widget_sources/README.md"
    marked.write_text(marked.read_text() + "\nfrom the wheel\n")
    project = make_project(tmp_path / "tutor-root")
    # Tutor finds the plugin by its entry point and imports tutorcourse_archive: from the wheel here.
    environ = {**project.environ(), "PYTHONPATH": str(site)}
    subprocess.run([str(TUTOR), "config", "save"], env=environ, cwd=project.root, check=True, capture_output=True)
    where = subprocess.run(
        [sys.executable, "-c", "import tutorcourse_archive; print(tutorcourse_archive.__file__)"],
        env=environ,
        cwd=project.root,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert where == str(site / "tutorcourse_archive/__init__.py")
    context = project.env / "plugins/mfe/build/mfe/course-archive-widget"
    copied = {path.relative_to(context).as_posix() for path in context.rglob("*") if path.is_file()}
    assert copied == frontend_source_files()
    assert (context / "README.md").read_text().endswith("\nfrom the wheel\n")
