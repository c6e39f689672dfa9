"""
The learner dashboard of tutor-mfe's frontend-base site (FRONTEND_APPS, tutor-mfe 22.1): with it
enabled, `tutor config save` puts the package's `./app` entry into the site (patches
mfe-site-config-imports and mfe-site-config), built from the sources this plugin carries (a
`source: file://...` workspace package), and nothing into the compat shim; without it, only the
legacy MFE's PLUGIN_SLOTS path.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO_ROOT, TutorProject, backend_version, frontend_source_files, make_project
from test_render import NPM_PACKAGE, dockerfile_stage

APP_IMPORT = f'import courseArchiveApp from "{NPM_PACKAGE}/app";'
ADD_APP = "addApp(siteConfig, courseArchiveApp);"
SITE_CONFIGS = ("plugins/mfe/build/mfe/site/site.config.build.tsx", "plugins/mfe/build/mfe/site/site.config.dev.tsx")
APP_CONTEXT = "plugins/mfe/build/mfe/course-archive-app"
WORKSPACE = "/openedx/site/packages/frontend-app-course-archive"
BUILD_TOOLS = {"@babel/cli", "@babel/core", "@babel/preset-env", "@babel/preset-react"}

# What an operator writes to switch the learner dashboard to the frontend-base site (tutor-mfe's
# README): a Tutor plugin that enables the core app in FRONTEND_APPS.
ENABLE_PLUGIN = """
from tutormfe.hooks import FRONTEND_APPS


@FRONTEND_APPS.add()
def _enable_learner_dashboard(apps):
    apps["learner-dashboard"]["enabled"] = True
    return apps
"""


def with_frontend_base_dashboard(project: TutorProject) -> TutorProject:
    plugins_root = project.root / "plugins-root"
    plugins_root.mkdir(parents=True, exist_ok=True)
    (plugins_root / "fb_learner_dashboard.py").write_text(ENABLE_PLUGIN, encoding="utf-8")
    project.tutor("plugins", "enable", "fb_learner_dashboard")
    return project


@pytest.fixture(scope="module")
def fb_project(tmp_path_factory: pytest.TempPathFactory) -> TutorProject:
    """A project whose learner dashboard is the frontend-base app, rendered once."""
    project = with_frontend_base_dashboard(make_project(tmp_path_factory.mktemp("frontend-base") / "tutor-root"))
    project.save()
    return project


@pytest.fixture(scope="module")
def legacy_project(tmp_path_factory: pytest.TempPathFactory) -> TutorProject:
    """tutor-mfe 22.1's default: the legacy learner-dashboard MFE."""
    project = make_project(tmp_path_factory.mktemp("legacy") / "tutor-root")
    project.save()
    return project


def test_tutor_mfe_is_22_1(fb_project: TutorProject):
    version = fb_project.python("import tutormfe.__about__ as a; print(a.__version__)").stdout.strip()
    assert re.match(r"22\.1\.\d+$", version), version


@pytest.mark.parametrize("relative", SITE_CONFIGS)
def test_the_site_config_adds_the_app(fb_project: TutorProject, relative: str):
    text = fb_project.read(relative)
    assert text.count(APP_IMPORT) == 1
    assert text.count(ADD_APP) == 1
    # Imported with the site's other imports; added once the site config exists (after the core
    # apps, among them the learner dashboard), before it is exported.
    assert text.index(APP_IMPORT) < text.index("const siteConfig")
    assert text.index("addApp(siteConfig, learnerDashboardApp);") < text.index(ADD_APP)
    assert text.index(ADD_APP) < text.index("export default siteConfig;")


def test_the_site_builds_the_package_from_the_sources_the_plugin_carries(fb_project: TutorProject):
    dockerfile = fb_project.read("plugins/mfe/build/mfe/Dockerfile")
    source = dockerfile_stage(dockerfile, "frontend-app-course-archive-src")
    assert "COPY course-archive-app ." in source
    common = dockerfile_stage(dockerfile, "site-common")
    copy = f"COPY --from=frontend-app-course-archive-src / {WORKSPACE}"
    assert copy in common
    assert common.index(copy) < common.index("npm install --no-audit --no-fund --registry=$NPM_REGISTRY")

    site = json.loads(fb_project.read("plugins/mfe/build/mfe/site/package.json"))
    # The site depends on the workspace package by its version: npm links it, no registry needed.
    assert site["dependencies"][NPM_PACKAGE] == backend_version()
    assert NPM_PACKAGE in site["atlasTranslations"]["dependencies"]
    assert site["workspaces"] == ["packages/*"]

    context = fb_project.env / APP_CONTEXT
    files = {path.relative_to(context).as_posix() for path in context.rglob("*") if path.is_file()}
    assert files == frontend_source_files() - {"package-lock.json", ".npmrc"}
    assert (context / "src/app.jsx").read_bytes() == (REPO_ROOT / "frontend/src/app.jsx").read_bytes()
    package = json.loads((context / "package.json").read_text())
    assert (package["name"], package["version"]) == (NPM_PACKAGE, backend_version())
    assert package["exports"]["./app"]["import"] == "./dist/esm/app.js"
    assert package["exports"]["./app"]["types"] == "./dist/app.d.ts"
    # Only the build's tools: the workspace install brings no test tools and neither world's runtime.
    assert set(package["devDependencies"]) == BUILD_TOOLS
    assert set(package["scripts"]) == {"build", "build:esm", "build:cjs"}
    assert package["peerDependenciesMeta"]["@edx/frontend-platform"] == {"optional": True}
    assert package["peerDependenciesMeta"]["@openedx/frontend-base"] == {"optional": True}


def test_nothing_goes_into_the_compat_shim(fb_project: TutorProject):
    site_src = fb_project.env / "plugins/mfe/build/mfe/site/src"
    for path in site_src.rglob("*"):
        if path.is_file():
            assert NPM_PACKAGE not in path.read_text(encoding="utf-8"), path
    for relative in SITE_CONFIGS:
        assert "createLegacyPluginApp" not in fb_project.read(relative)
    # The frontend-base slot ids are in the package; the legacy ones stay for the legacy MFE only.
    assert "org.openedx.frontend.learner_dashboard" not in fb_project.read(SITE_CONFIGS[0])


def test_legacy_dashboard_keeps_the_plugin_slots_path_only(legacy_project: TutorProject):
    for relative in SITE_CONFIGS:
        text = legacy_project.read(relative)
        assert "courseArchiveApp" not in text
        assert NPM_PACKAGE not in text
    site = json.loads(legacy_project.read("plugins/mfe/build/mfe/site/package.json"))
    assert NPM_PACKAGE not in site["dependencies"]
    assert "frontend-app-course-archive" not in legacy_project.read("plugins/mfe/build/mfe/Dockerfile")
    assert not (legacy_project.env / APP_CONTEXT).exists()
    # The legacy MFE: env.config.jsx imports the widgets, PLUGIN_SLOTS puts them in its slots.
    env_config = legacy_project.read("plugins/mfe/build/mfe/env.config.jsx")
    assert env_config.count(NPM_PACKAGE) == 1
    assert "org.openedx.frontend.learner_dashboard.course_list.v1" in env_config


def test_switching_back_to_the_legacy_dashboard_removes_the_app(tmp_path: Path):
    project = with_frontend_base_dashboard(make_project(tmp_path / "tutor-root"))
    project.save()
    assert (project.env / APP_CONTEXT).is_dir()
    project.tutor("plugins", "disable", "fb_learner_dashboard")
    project.save()
    assert not (project.env / APP_CONTEXT).exists()
    assert ADD_APP not in project.read(SITE_CONFIGS[0])


@pytest.mark.skipif(shutil.which("npm") is None, reason="npm is not installed")
def test_the_app_entry_builds_from_the_rendered_context(fb_project: TutorProject, tmp_path: Path):
    # What the site's `turbo run build` does in the workspace package (its build tools only; the
    # peers are the site's, left out here).
    work = tmp_path / "frontend-app-course-archive"
    shutil.copytree(fb_project.env / APP_CONTEXT, work)
    for command in (
        ["npm", "install", "--no-audit", "--no-fund", "--prefer-offline", "--no-package-lock", "--legacy-peer-deps"],
        ["npm", "run", "build"],
    ):
        result = subprocess.run(command, cwd=work, capture_output=True, text=True, timeout=900)
        assert result.returncode == 0, f"{command}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    entry = (work / "dist/esm/app.js").read_text()
    # Its types: a TypeScript site config type-checks the workspace package's App with them.
    types = (work / "dist/app.d.ts").read_text()
    assert "declare const courseArchiveApp: App;" in types
    assert "from '@openedx/frontend-base'" in types
    assert re.search(r"export default courseArchiveApp", entry)
    imported = set(re.findall(r"from ['\"]([^'\"]+)['\"]", entry))
    assert "@openedx/frontend-base" in imported
    assert not [name for name in imported if "frontend-platform" in name or "plugin-framework" in name]
