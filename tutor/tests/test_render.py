"""Render a real Tutor environment with the plugin and check what lands in it."""

from __future__ import annotations

import ast
import json
import py_compile
import re
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest
import yaml
from conftest import REPO_ROOT, TutorProject, backend_version, frontend_source_files, make_project

SLOT = "org.openedx.frontend.learner_dashboard.course_list.v1"
CARD_ACTION_SLOT = "org.openedx.frontend.learner_dashboard.course_card_action.v1"
EVENT = "org.openedx.content_authoring.course.catalog_info.changed.v1"
NPM_PACKAGE = "@openedx-course-archive/frontend-plugin"
CONSUMER = "course-archive-consumer"
# The consumer's command line up to its JSON --extra argument.
CONSUMER_COMMAND = [
    "./manage.py",
    "lms",
    "consume_events",
    "-t",
    "course-catalog-info-changed",
    "-g",
    "course_archive",
    "--extra",
]

SETTINGS_FILES = [
    f"apps/openedx/settings/{service}/{name}.py" for service in ("lms", "cms") for name in ("production", "development")
]


# ------------------------------------------------------------------ helpers
def dockerfile_stage(dockerfile: str, stage: str) -> str:
    """The text of one build stage (from its FROM line to the next FROM)."""
    stages: dict[str, list[str]] = {}
    current = None
    for line in dockerfile.splitlines():
        match = re.match(r"FROM\s+\S+(?:\s+AS\s+(\S+))?", line, re.IGNORECASE)
        if match:
            current = match.group(1) or f"<unnamed {len(stages)}>"
            stages[current] = []
        if current is not None:
            stages[current].append(line)
    assert stage in stages, f"no stage {stage!r} in Dockerfile: {sorted(stages)}"
    return "\n".join(stages[stage])


def settings_assignments(text: str) -> dict[str, ast.expr]:
    """Top-level `NAME = value` assignments of a settings file (last one wins)."""
    assignments: dict[str, ast.expr] = {}
    for node in ast.parse(text).body:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    assignments[target.id] = node.value
    return assignments


def course_archive_settings(text: str) -> dict[str, object]:
    return {
        name: ast.literal_eval(value)
        for name, value in settings_assignments(text).items()
        if name.startswith("COURSE_ARCHIVE_")
    }


def assert_settings_compile(project: TutorProject) -> None:
    for relative in SETTINGS_FILES:
        py_compile.compile(str(project.env / relative), doraise=True)


def js_block(text: str, opening: str) -> str:
    """The text of the `{ ... }` block that starts at `opening` (naive brace matching)."""
    start = text.index(opening)
    depth = 0
    for index in range(text.index("{", start), len(text)):
        if text[index] == "{":
            depth += 1
        elif text[index] == "}":
            depth -= 1
            if depth == 0:
                return text[start : index + 1]
    raise AssertionError(f"unbalanced block after {opening!r}")


def k8s_documents(project: TutorProject, name: str) -> list[dict]:
    """The manifests of env/k8s/<name>, parsed as YAML."""
    return [doc for doc in yaml.safe_load_all(project.read(f"k8s/{name}")) if doc]


def k8s_manifest(documents: list[dict], kind: str, name: str) -> dict:
    found = [doc for doc in documents if doc["kind"] == kind and doc["metadata"]["name"] == name]
    assert len(found) == 1, f"{len(found)} {kind} named {name!r}"
    return found[0]


# ------------------------------------------------------------------ plugin and version
def test_plugin_is_listed_with_the_backend_version(default_project: TutorProject):
    listing = default_project.tutor("plugins", "list").stdout
    assert re.search(rf"^course_archive\s.*enabled.*\s{re.escape(backend_version())}\s*$", listing, re.M), listing


def test_version_comes_from_the_backend_package(default_project: TutorProject):
    version = backend_version()
    printed = default_project.tutor("config", "printvalue", "COURSE_ARCHIVE_VERSION").stdout.strip()
    assert printed == version
    installed = default_project.python(
        "from importlib.metadata import version; print(version('tutor-contrib-course-archive'))"
    ).stdout.strip()
    assert installed == version


def test_config_defaults(default_project: TutorProject):
    version = backend_version()
    expected = {
        "COURSE_ARCHIVE_PIP_REQUIREMENT": f"openedx-course-archive=={version}",
        "COURSE_ARCHIVE_NPM_PACKAGE": NPM_PACKAGE,
        "COURSE_ARCHIVE_NPM_REQUIREMENT": "",
        "COURSE_ARCHIVE_API_RATE_LIMIT": "60/minute",
        "COURSE_ARCHIVE_EVENT_BUS_ENABLED": "false",
        "COURSE_ARCHIVE_EVENT_BUS_REDIS_URL": "redis://redis:6379/",
        "COURSE_ARCHIVE_EVENT_BUS_TOPIC": "course-catalog-info-changed",
        "COURSE_ARCHIVE_EVENT_BUS_GROUP": "course_archive",
        "COURSE_ARCHIVE_EVENT_BUS_CONSUMER_NAME": "course_archive.lms",
    }
    for key, value in expected.items():
        assert default_project.tutor("config", "printvalue", key).stdout.strip() == value, key
    # Defaults are not written to config.yml, so a plugin upgrade moves the pins.
    assert "COURSE_ARCHIVE" not in (default_project.root / "config.yml").read_text()


# ------------------------------------------------------------------ openedx image
def test_openedx_dockerfile_installs_the_pinned_release(default_project: TutorProject):
    dockerfile = default_project.read("build/openedx/Dockerfile")
    stage = dockerfile_stage(dockerfile, "python-requirements")
    assert f"$PIP_COMMAND install openedx-course-archive=={backend_version()}" in stage
    assert stage.count("openedx-course-archive==") == 1
    # Installed after edx-platform's own requirements, so it is not superseded by them.
    assert stage.index("openedx-course-archive==") > stage.index("requirements/edx/base.txt")


def test_pip_requirement_can_be_overridden_and_is_shell_quoted(project: TutorProject):
    git_url = "git+https://github.com/openedx/openedx-course-archive.git@main#egg=openedx-course-archive"
    project.save({"COURSE_ARCHIVE_PIP_REQUIREMENT": git_url})
    stage = dockerfile_stage(project.read("build/openedx/Dockerfile"), "python-requirements")
    assert f"$PIP_COMMAND install '{git_url}'" in stage
    assert "openedx-course-archive==" not in stage

    project.save({"COURSE_ARCHIVE_PIP_REQUIREMENT": "pkg; touch /pwned"})
    stage = dockerfile_stage(project.read("build/openedx/Dockerfile"), "python-requirements")
    assert "$PIP_COMMAND install 'pkg; touch /pwned'" in stage


def test_mounted_repository_is_installed_editable_instead_of_the_release(project: TutorProject, tmp_path: Path):
    clone = tmp_path / "src" / "openedx-course-archive"
    clone.mkdir(parents=True)
    project.tutor("mounts", "add", str(clone))
    project.save()

    dockerfile = project.read("build/openedx/Dockerfile")
    assert "FROM scratch AS mnt-openedx-course-archive" in dockerfile
    assert 'pip install -e "/mnt/openedx-course-archive"' in dockerfile.replace("$PIP_COMMAND", "pip")
    assert "openedx-course-archive==" not in dockerfile

    compose = yaml.safe_load(project.read("local/docker-compose.yml"))
    for service in ("lms", "cms"):
        assert f"{clone}:/mnt/openedx-course-archive:z" in compose["services"][service]["volumes"], service

    contexts = project.python(
        "from tutor import config, hooks; from tutor.commands import images;"
        "import json, os; hooks.Actions.CORE_READY.do();"
        "cfg = config.load(os.environ['TUTOR_ROOT']); config.enable_plugins(cfg);"
        "hooks.Actions.PLUGINS_LOADED.do();"
        "print(json.dumps(images.get_image_build_contexts(cfg)))"
    ).stdout
    contexts = json.loads(contexts.strip().splitlines()[-1])
    assert [str(clone), "mnt-openedx-course-archive"] in contexts["openedx"]
    assert [str(clone), "mnt-openedx-course-archive"] in contexts["openedx-dev"]


def test_mounted_dist_folder_is_a_build_context_for_a_local_wheel(project: TutorProject, tmp_path: Path):
    dist = tmp_path / "course-archive-dist"
    dist.mkdir()
    project.tutor("mounts", "add", str(dist))
    wheel = "/openedx/course-archive-dist/openedx_course_archive-0.1.0-py3-none-any.whl"
    project.save({"COURSE_ARCHIVE_PIP_REQUIREMENT": wheel})
    stage = dockerfile_stage(project.read("build/openedx/Dockerfile"), "python-requirements")
    assert "--mount=type=bind,from=course-archive-dist,target=/openedx/course-archive-dist" in stage
    assert f"$PIP_COMMAND install {wheel}" in stage


def test_mounted_directories_names_the_repository_folder(project: TutorProject):
    output = project.python(
        "from tutor import hooks, plugins; hooks.Actions.CORE_READY.do();"
        "plugins.load('course_archive'); hooks.Actions.PLUGINS_LOADED.do();"
        "from tutor.plugins.openedx import is_directory_mounted;"
        "print(is_directory_mounted('openedx', 'openedx-course-archive'),"
        " is_directory_mounted('openedx-dev', 'openedx-course-archive'),"
        " ('openedx', '^openedx-course-archive$') in list(hooks.Filters.MOUNTED_DIRECTORIES.iterate()))"
    ).stdout.split()
    assert output == ["True", "True", "True"]


# ------------------------------------------------------------------ init task
def test_init_tasks_migrate_then_backfill_the_lms_catalog(project: TutorProject):
    output = project.python(
        "from tutor import hooks, plugins; hooks.Actions.CORE_READY.do();"
        "plugins.load('course_archive'); hooks.Actions.PLUGINS_LOADED.do();"
        "ctx = hooks.Contexts.app('course_archive').name;"
        "import json; print(json.dumps(list(hooks.Filters.CLI_DO_INIT_TASKS.iterate_from_context(ctx))))"
    ).stdout
    assert json.loads(output) == [
        ["lms", "./manage.py lms migrate course_archive"],
        ["lms", "./manage.py lms course_archive_backfill_catalog"],
    ]


# ------------------------------------------------------------------ Django settings
def test_settings_have_the_defaults_and_compile(default_project: TutorProject):
    assert_settings_compile(default_project)
    for relative in SETTINGS_FILES:
        values = course_archive_settings(default_project.read(relative))
        assert values == {
            "COURSE_ARCHIVE_API_RATE_LIMIT": "60/minute",
            "COURSE_ARCHIVE_ABOUT_PAGE_URL_TEMPLATE": None,
            "COURSE_ARCHIVE_ABOUT_PAGE_ORG_TEMPLATES": {},
        }, relative
        # The event bus is off by default: the plugin adds no event bus settings.
        assert "EVENT_BUS_PRODUCER_CONFIG" not in default_project.read(relative), relative


def test_changed_config_lands_in_the_settings_even_with_quotes(project: TutorProject):
    template = """https://catalog.example.com/courses/{course_id}/about?x='a"b'\\n"""
    org_templates = {
        "MITx": 'https://mit.example/{course}/{run}?q="it\'s"',
        "edX": "https://edx.example/{course_id}",
    }
    project.save(
        {
            "COURSE_ARCHIVE_API_RATE_LIMIT": "5/second",
            "COURSE_ARCHIVE_ABOUT_PAGE_URL_TEMPLATE": template,
            "COURSE_ARCHIVE_ABOUT_PAGE_ORG_TEMPLATES": json.dumps(org_templates),
        }
    )
    assert_settings_compile(project)
    for relative in SETTINGS_FILES:
        assert course_archive_settings(project.read(relative)) == {
            "COURSE_ARCHIVE_API_RATE_LIMIT": "5/second",
            "COURSE_ARCHIVE_ABOUT_PAGE_URL_TEMPLATE": template,
            "COURSE_ARCHIVE_ABOUT_PAGE_ORG_TEMPLATES": org_templates,
        }, relative


def test_a_value_that_tries_to_escape_the_string_stays_a_string(project: TutorProject):
    hostile = "x'\nimport os; os.system('id') #\"\"\""
    project.save({"COURSE_ARCHIVE_API_RATE_LIMIT": json.dumps(hostile)})
    assert_settings_compile(project)
    text = project.read("apps/openedx/settings/lms/production.py")
    assert course_archive_settings(text)["COURSE_ARCHIVE_API_RATE_LIMIT"] == hostile
    # The plugin's patch is still three plain assignments: nothing ran out of the string.
    patch = project.tutor("config", "patches", "show", "openedx-lms-common-settings").stdout
    ours = [
        node
        for node in ast.parse(patch).body
        if not isinstance(node, ast.Assign)
        or any(isinstance(t, ast.Name) and t.id.startswith("COURSE_ARCHIVE_") for t in node.targets)
    ]
    assert [type(node) for node in ours] == [ast.Assign] * 3


# ------------------------------------------------------------------ event bus
def test_event_bus_settings_and_consumer_service(tmp_path: Path):
    # Without tutor-mfe, so that the rendered patches hold this plugin's settings only.
    project = make_project(tmp_path / "event-bus", plugins=("course_archive",))
    project.save({"COURSE_ARCHIVE_EVENT_BUS_ENABLED": "true", "REDIS_HOST": "cache.internal", "REDIS_PORT": "6390"})
    assert_settings_compile(project)
    redis_url = "redis://cache.internal:6390/"

    # CMS: producer, merged into whatever EVENT_BUS_PRODUCER_CONFIG the platform has.
    cms_patch = project.tutor("config", "patches", "show", "openedx-cms-common-settings").stdout
    platform = {EVENT: {"other-topic": {"event_key_field": "x", "enabled": False}}, "other.event": {"t": {}}}
    namespace: dict[str, object] = {"EVENT_BUS_PRODUCER_CONFIG": platform}
    exec(compile(cms_patch, "openedx-cms-common-settings", "exec"), namespace)
    assert namespace["EVENT_BUS_PRODUCER"] == "edx_event_bus_redis.create_producer"
    assert namespace["EVENT_BUS_REDIS_CONNECTION_URL"] == redis_url
    assert namespace["EVENT_BUS_PRODUCER_CONFIG"] == {
        EVENT: {
            "other-topic": {"event_key_field": "x", "enabled": False},
            "course-catalog-info-changed": {"event_key_field": "catalog_info.course_key", "enabled": True},
        },
        "other.event": {"t": {}},
    }
    # ... and on its own when the platform has none.
    namespace = {}
    exec(compile(cms_patch, "openedx-cms-common-settings", "exec"), namespace)
    assert namespace["EVENT_BUS_PRODUCER_CONFIG"] == {
        EVENT: {"course-catalog-info-changed": {"event_key_field": "catalog_info.course_key", "enabled": True}}
    }
    assert "EVENT_BUS_PRODUCER_CONFIG" in project.read("apps/openedx/settings/cms/production.py")

    # LMS: consumer settings.
    lms_patch = project.tutor("config", "patches", "show", "openedx-lms-common-settings").stdout
    namespace = {}
    exec(compile(lms_patch, "openedx-lms-common-settings", "exec"), namespace)
    assert namespace["EVENT_BUS_CONSUMER"] == "edx_event_bus_redis.RedisEventConsumer"
    assert namespace["EVENT_BUS_REDIS_CONNECTION_URL"] == redis_url
    assert "EVENT_BUS_PRODUCER_CONFIG" not in namespace
    lms_settings = project.read("apps/openedx/settings/lms/production.py")
    assert ast.literal_eval(settings_assignments(lms_settings)["EVENT_BUS_REDIS_CONNECTION_URL"]) == redis_url

    # The consumer service in `tutor local` ...
    local = yaml.safe_load(project.read("local/docker-compose.yml"))
    consumer = local["services"]["course-archive-consumer"]
    assert consumer["command"][:8] == CONSUMER_COMMAND[:8]
    assert json.loads(consumer["command"][8]) == {
        "consumer_name": "course_archive.lms",
        "check_backlog": True,
        "claim_msgs_older_than": 60000,
    }
    assert consumer["image"] == local["services"]["lms"]["image"]
    assert consumer["environment"]["DJANGO_SETTINGS_MODULE"] == "lms.envs.tutor.production"
    assert "../apps/openedx/settings/lms:/openedx/edx-platform/lms/envs/tutor:roz" in consumer["volumes"]
    assert set(consumer["depends_on"]) == {"lms", "redis"}
    # ... and in `tutor dev` (development image and settings).
    dev = yaml.safe_load(project.read("dev/docker-compose.yml"))
    dev_consumer = dev["services"]["course-archive-consumer"]
    assert dev_consumer["image"] == dev["services"]["lms"]["image"]
    assert dev_consumer["environment"]["DJANGO_SETTINGS_MODULE"] == "lms.envs.tutor.development"


def test_event_bus_disabled_adds_no_consumer(default_project: TutorProject):
    for relative in ("local/docker-compose.yml", "dev/docker-compose.yml"):
        compose = yaml.safe_load(default_project.read(relative))
        assert "course-archive-consumer" not in (compose.get("services") or {}), relative
    names = [doc["metadata"]["name"] for doc in k8s_documents(default_project, "deployments.yml")]
    assert "lms" in names
    assert CONSUMER not in names
    lms_patch = default_project.tutor("config", "patches", "show", "openedx-lms-common-settings").stdout
    assert "EVENT_BUS" not in lms_patch


# ------------------------------------------------------------------ MFE
def files_under(folder: Path) -> set[str]:
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}


def learner_dashboard_stage(project: TutorProject) -> str:
    return dockerfile_stage(project.read("plugins/mfe/build/mfe/Dockerfile"), "learner-dashboard-common")


def test_mfe_image_builds_the_widget_from_the_sources_that_come_with_the_plugin(default_project: TutorProject):
    dockerfile = default_project.read("plugins/mfe/build/mfe/Dockerfile")
    stage = learner_dashboard_stage(default_project)
    copy = "COPY course-archive-widget/ /openedx/course-archive-widget/"
    build = [
        "cd /openedx/course-archive-widget",
        "npm clean-install --no-audit --no-fund --registry=$NPM_REGISTRY",
        "npm pack --pack-destination /openedx/course-archive-dist",
        "cd /openedx/app",
        "npm install --no-audit --no-fund --registry=$NPM_REGISTRY /openedx/course-archive-dist/*.tgz",
    ]
    # Each step once, in this order, after the COPY of the sources.
    positions = [stage.index(copy)]
    for step in build:
        positions.append(stage.index(step, positions[-1]))
    # After the MFE's own `npm clean-install` (which would remove it), before its sources are copied.
    assert stage.index("npm clean-install --no-audit --no-fund --registry=$NPM_REGISTRY\n") < positions[0]
    assert positions[-1] < stage.index("COPY --from=learner-dashboard-src / /openedx/app")
    # Nothing asks the registry for the widget itself, and only the learner dashboard gets it.
    assert NPM_PACKAGE not in dockerfile
    assert dockerfile.count("COPY course-archive-widget/") == 1

    # The build context holds the checkout's widget sources (no node_modules, no build output).
    context = default_project.env / "plugins/mfe/build/mfe/course-archive-widget"
    assert files_under(context) == frontend_source_files()
    assert {".npmrc", "package.json", "package-lock.json", "src/index.js"} <= files_under(context)
    package = json.loads((context / "package.json").read_text())
    assert (package["name"], package["version"]) == (NPM_PACKAGE, backend_version())
    assert (context / "src/index.js").read_bytes() == (REPO_ROOT / "frontend/src/index.js").read_bytes()


def test_npm_requirement_pins_a_published_version(project: TutorProject):
    project.save()
    context = project.env / "plugins/mfe/build/mfe/course-archive-widget"
    assert context.is_dir()
    pinned = f"{NPM_PACKAGE}@{backend_version()}"
    project.save({"COURSE_ARCHIVE_NPM_REQUIREMENT": pinned})
    stage = learner_dashboard_stage(project)
    install = f"npm install --no-audit --no-fund --registry=$NPM_REGISTRY {pinned}"
    assert install in stage
    assert stage.index("npm clean-install") < stage.index(install)
    assert "course-archive-widget" not in stage
    assert not context.exists()  # the sources left the build context

    tarball = "https://example.com/openedx-course-archive-frontend-plugin-0.1.0.tgz"
    project.save({"COURSE_ARCHIVE_NPM_REQUIREMENT": tarball})
    assert f"--registry=$NPM_REGISTRY {tarball}" in learner_dashboard_stage(project)


def test_mounted_repository_builds_the_widget_from_the_clone(project: TutorProject, tmp_path: Path):
    clone = tmp_path / "src" / "openedx-course-archive"
    (clone / "frontend").mkdir(parents=True)
    project.tutor("mounts", "add", str(clone))
    project.save()

    stage = learner_dashboard_stage(project)
    bind = "--mount=type=bind,from=mnt-openedx-course-archive,source=frontend,target=/openedx/course-archive-src"
    assert bind in stage
    assert stage.index(bind) < stage.index("npm pack --pack-destination /openedx/course-archive-dist")

    # Run the step's shell command on a clone's frontend/ with the usual clutter in it.
    frontend = clone / "frontend"
    for relative in (
        ".npmrc",
        "package.json",
        "src/index.js",
        "src/__tests__/a.test.jsx",
        "node_modules/x/i.js",
        "dist/esm/index.js",
        "demo-dist/i.js",
        "e2e/artifacts/shot.png",
        "demo/d.jsx",
        "old-0.1.0.tgz",
    ):
        (frontend / relative).parent.mkdir(parents=True, exist_ok=True)
        (frontend / relative).write_text(relative)
    run = stage[stage.index(bind) + len(bind) :]
    command = run[: run.index("\n", run.index("tar -C /openedx/course-archive-widget"))]
    command = command.replace("\\\n", " ").replace("/openedx/course-archive-src", str(frontend))
    copied = tmp_path / "copied"
    subprocess.run(["sh", "-c", command.replace("/openedx/course-archive-widget", str(copied))], check=True)
    assert files_under(copied) == {".npmrc", "package.json", "src/index.js", "src/__tests__/a.test.jsx"}
    assert "COPY course-archive-widget/" not in stage
    assert not (project.env / "plugins/mfe/build/mfe/course-archive-widget").exists()

    contexts = project.python(
        "from tutor import config, hooks; from tutor.commands import images;"
        "import json, os; hooks.Actions.CORE_READY.do();"
        "cfg = config.load(os.environ['TUTOR_ROOT']); config.enable_plugins(cfg);"
        "hooks.Actions.PLUGINS_LOADED.do();"
        "print(json.dumps(images.get_image_build_contexts(cfg)))"
    ).stdout
    contexts = json.loads(contexts.strip().splitlines()[-1])
    for image in ("mfe", "learner-dashboard-dev"):
        assert [str(clone), "mnt-openedx-course-archive"] in contexts[image], image


@pytest.mark.skipif(shutil.which("npm") is None, reason="npm is not installed")
def test_the_widget_builds_from_the_rendered_build_context(default_project: TutorProject, tmp_path: Path):
    # What the image's RUN step does, in a copy of the context folder (the npm registry serves
    # the build tools only).
    work = tmp_path / "course-archive-widget"
    shutil.copytree(default_project.env / "plugins/mfe/build/mfe/course-archive-widget", work)
    packed = tmp_path / "packed"
    packed.mkdir()
    for command in (
        ["npm", "clean-install", "--no-audit", "--no-fund", "--prefer-offline"],
        ["npm", "pack", "--pack-destination", str(packed)],
    ):
        result = subprocess.run(command, cwd=work, capture_output=True, text=True, timeout=900)
        assert result.returncode == 0, f"{command}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    [tarball] = packed.glob("*.tgz")
    with tarfile.open(tarball) as archive:
        names = set(archive.getnames())
        package = json.load(archive.extractfile("package/package.json"))
        entry = archive.extractfile("package/" + package["module"].removeprefix("./")).read().decode()
    assert (package["name"], package["version"]) == (NPM_PACKAGE, backend_version())
    assert "package/" + package["main"].removeprefix("./") in names
    # The names env.config.jsx imports are exported by what was built.
    for name in ("CourseListArchive", "CourseCardArchiveAction"):
        assert re.search(rf"\bexport\s*\{{[^}}]*\b{name}\b", entry), name


def slot_operations(text: str, bindings: dict[str, str]) -> list[tuple]:
    """(slot, operation, widget id, priority, component export) of each plugin entry of a config."""
    operations = []
    for match in re.finditer(r"'(org\.openedx\.frontend\.[\w.]+)'", text):
        # The entries follow the slot id up to the next slot id (or the end).
        following = re.search(r"'org\.openedx\.frontend\.", text[match.end() :])
        section = text[match.end() : match.end() + following.start() if following else None]
        for entry in re.finditer(r"op:\s*PLUGIN_OPERATIONS\.(\w+)", section):
            body = section[entry.end() :]
            body = body[: body.find("op:") if "op:" in body else None]
            widget_id = re.search(r"(?:widgetId|id):\s*'([^']+)'", body).group(1)
            priority = re.search(r"priority:\s*(\d+)", body)
            component = re.search(r"(?:wrapper|RenderWidget):\s*(\w+)", body)
            operations.append(
                (
                    match.group(1),
                    entry.group(1),
                    widget_id,
                    int(priority.group(1)) if priority else None,
                    bindings.get(component.group(1), component.group(1)) if component else None,
                )
            )
    return operations


def test_env_config_matches_the_frontend_example(default_project: TutorProject):
    env_config = default_project.read("plugins/mfe/build/mfe/env.config.jsx")
    block = js_block(env_config, "if (process.env.APP_ID == 'learner-dashboard')")
    # The runtime import names the package's exports; map the local bindings back to them.
    [imported] = re.findall(r"const \{([^}]*)\} = await import\(\"([^\"]+)\"\);", block)
    assert imported[1] == NPM_PACKAGE
    bindings = {local.strip(): export.strip() for export, local in (p.split(":") for p in imported[0].split(","))}
    ours = slot_operations(block[block.index("addPlugins(") :], bindings)

    example = (REPO_ROOT / "frontend" / "env.config.jsx").read_text()
    [example_import] = re.findall(r"import \{([^}]*)\} from '" + re.escape(NPM_PACKAGE) + "';", example)
    example_names = {name.strip() for name in example_import.split(",")}
    assert set(bindings.values()) == example_names
    assert ours == slot_operations(example, {})
    assert {slot for slot, *_ in ours} == {SLOT, CARD_ACTION_SLOT}
    # Only the learner dashboard imports the widgets, after frontend-plugin-framework.
    assert env_config.count(NPM_PACKAGE) == 1
    assert env_config.index("await import('@openedx/frontend-plugin-framework')") < env_config.index(NPM_PACKAGE)


def test_plugin_renders_without_the_mfe_plugin(tmp_path: Path):
    project = make_project(tmp_path / "no-mfe", plugins=("course_archive",))
    shutil.rmtree(project.env)
    project.save()
    assert "mfe" not in project.tutor("config", "printvalue", "PLUGINS").stdout
    assert not (project.env / "plugins" / "mfe").exists()
    assert "openedx-course-archive==" in project.read("build/openedx/Dockerfile")
    assert_settings_compile(project)


def test_plugin_loads_when_tutor_mfe_is_not_installed(project: TutorProject):
    output = project.python(
        "import sys; sys.modules['tutormfe'] = None; sys.modules['tutormfe.hooks'] = None\n"
        "from tutor import hooks, plugins\n"
        "hooks.Actions.CORE_READY.do()\n"
        "import tutorcourse_archive.plugin as plugin\n"
        "print(plugin.PLUGIN_SLOTS is None)\n"
    ).stdout.split()
    assert output == ["True"]


# ------------------------------------------------------------------ Kubernetes
@pytest.mark.parametrize("replicas", [1, 3])
def test_k8s_consumer_deployment(tmp_path: Path, replicas: int):
    project = make_project(tmp_path / "k8s", plugins=("course_archive",))
    project.save(
        {"COURSE_ARCHIVE_EVENT_BUS_ENABLED": "true", "COURSE_ARCHIVE_EVENT_BUS_CONSUMER_REPLICAS": str(replicas)}
    )
    documents = k8s_documents(project, "deployments.yml")
    deployment = k8s_manifest(documents, "Deployment", CONSUMER)
    lms = k8s_manifest(documents, "Deployment", "lms")

    labels = {"app.kubernetes.io/name": CONSUMER, "app.kubernetes.io/component": "event-bus-consumer"}
    assert deployment["metadata"]["labels"] == labels
    assert deployment["spec"]["replicas"] == replicas
    assert deployment["spec"]["selector"] == {"matchLabels": {"app.kubernetes.io/name": CONSUMER}}
    template = deployment["spec"]["template"]
    assert template["metadata"]["labels"] == labels
    assert template["spec"]["securityContext"] == lms["spec"]["template"]["spec"]["securityContext"]

    [container] = template["spec"]["containers"]
    [lms_container] = lms["spec"]["template"]["spec"]["containers"]
    image = project.tutor("config", "printvalue", "DOCKER_IMAGE_OPENEDX").stdout.strip()
    assert container["image"] == image == lms_container["image"]
    assert "command" not in container  # the image's own entrypoint, as for the LMS

    # One consumer group; each pod its own consumer name, from its pod name.
    args = container["args"]
    assert args[:8] == CONSUMER_COMMAND[:8]
    assert json.loads(args[8]) == {
        "consumer_name": "course_archive.lms.$(POD_NAME)",
        "check_backlog": True,
        "claim_msgs_older_than": 60000,
    }
    env = container["env"]
    assert env[0] == {"name": "POD_NAME", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}}
    assert {"name": "DJANGO_SETTINGS_MODULE", "value": "lms.envs.tutor.production"} in env
    assert {"name": "SERVICE_VARIANT", "value": "lms"} in env

    # The LMS's settings and config, from the same config maps.
    mounts = {mount["name"]: mount["mountPath"] for mount in container["volumeMounts"]}
    lms_mounts = {mount["name"]: mount["mountPath"] for mount in lms_container["volumeMounts"]}
    assert mounts == {name: lms_mounts[name] for name in ("settings-lms", "settings-cms", "config")}
    volumes = {volume["name"]: volume for volume in template["spec"]["volumes"]}
    lms_volumes = {volume["name"]: volume for volume in lms["spec"]["template"]["spec"]["volumes"]}
    assert volumes == {name: lms_volumes[name] for name in mounts}

    assert container["resources"] == {"requests": {"cpu": "50m", "memory": "512Mi"}, "limits": {"memory": "1Gi"}}
    probe = container["livenessProbe"]
    assert probe["exec"]["command"][:2] == ["python", "-c"]
    assert probe["exec"]["command"][-1] == "course-catalog-info-changed"
    assert probe["periodSeconds"] * probe["failureThreshold"] <= 120


def test_k8s_consumer_resources_come_from_the_settings(tmp_path: Path):
    project = make_project(tmp_path / "k8s-resources", plugins=("course_archive",))
    project.save(
        {
            "COURSE_ARCHIVE_EVENT_BUS_ENABLED": "true",
            "COURSE_ARCHIVE_EVENT_BUS_CONSUMER_CPU_REQUEST": "250m",
            "COURSE_ARCHIVE_EVENT_BUS_CONSUMER_MEMORY_REQUEST": "768Mi",
            "COURSE_ARCHIVE_EVENT_BUS_CONSUMER_CPU_LIMIT": "1",
            "COURSE_ARCHIVE_EVENT_BUS_CONSUMER_MEMORY_LIMIT": "null",
            "COURSE_ARCHIVE_EVENT_BUS_CONSUMER_NAME": "archive",
            "COURSE_ARCHIVE_EVENT_BUS_GROUP": "archive-group",
            "COURSE_ARCHIVE_EVENT_BUS_CLAIM_IDLE_MS": "5000",
        }
    )
    deployment = k8s_manifest(k8s_documents(project, "deployments.yml"), "Deployment", CONSUMER)
    [container] = deployment["spec"]["template"]["spec"]["containers"]
    assert container["resources"] == {"requests": {"cpu": "250m", "memory": "768Mi"}, "limits": {"cpu": "1"}}
    assert container["args"][6] == "archive-group"
    assert json.loads(container["args"][8]) == {
        "consumer_name": "archive.$(POD_NAME)",
        "check_backlog": True,
        "claim_msgs_older_than": 5000,
    }


def test_k8s_replicas_that_are_not_a_count_stop_the_rendering(tmp_path: Path):
    project = make_project(tmp_path / "k8s-bad", plugins=("course_archive",))
    failed = project.tutor(
        "config",
        "save",
        "--set",
        "COURSE_ARCHIVE_EVENT_BUS_ENABLED=true",
        "--set",
        "COURSE_ARCHIVE_EVENT_BUS_CONSUMER_REPLICAS=two",
        check=False,
    )
    assert failed.returncode != 0
    assert "COURSE_ARCHIVE_EVENT_BUS_CONSUMER_REPLICAS must be a whole number" in failed.stdout + failed.stderr


@pytest.mark.skipif(shutil.which("kubectl") is None, reason="kubectl is not installed")
def test_k8s_manifests_build_with_kustomize(tmp_path: Path):
    project = make_project(tmp_path / "kustomize", plugins=("course_archive",))
    project.save({"COURSE_ARCHIVE_EVENT_BUS_ENABLED": "true", "COURSE_ARCHIVE_EVENT_BUS_CONSUMER_REPLICAS": "2"})
    built = subprocess.run(
        ["kubectl", "kustomize", str(project.env)], capture_output=True, text=True, timeout=120, check=True
    ).stdout
    deployment = k8s_manifest([doc for doc in yaml.safe_load_all(built) if doc], "Deployment", CONSUMER)
    instance = f"openedx-{project.tutor('config', 'printvalue', 'ID').stdout.strip()}"
    # Tutor's common labels reach the consumer too, so `tutor k8s` commands select it.
    assert deployment["metadata"]["namespace"] == "openedx"
    assert deployment["spec"]["selector"]["matchLabels"]["app.kubernetes.io/instance"] == instance
    assert deployment["spec"]["template"]["metadata"]["labels"]["app.kubernetes.io/managed-by"] == "tutor"
    assert deployment["spec"]["replicas"] == 2


def test_k8s_init_tasks_run_in_the_lms_job(default_project: TutorProject):
    # `tutor k8s do init` runs each ("lms", command) init task in the lms-job Job.
    job = k8s_manifest(k8s_documents(default_project, "jobs.yml"), "Job", "lms-job")
    [container] = job["spec"]["template"]["spec"]["containers"]
    assert container["image"] == default_project.tutor("config", "printvalue", "DOCKER_IMAGE_OPENEDX").stdout.strip()
    assert {"name": "DJANGO_SETTINGS_MODULE", "value": "lms.envs.tutor.production"} in container["env"]
