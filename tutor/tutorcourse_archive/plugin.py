"""Tutor plugin that installs and configures openedx-course-archive.

What it does, hook by hook (see README.rst for the operator's view):

- ``MOUNTED_DIRECTORIES``: a clone named ``openedx-course-archive`` that is added with
  ``tutor mounts add`` is installed editable in the openedx images and bind-mounted in
  the LMS/CMS containers.
- ``openedx-dockerfile-post-python-requirements``: otherwise the pinned release
  (``COURSE_ARCHIVE_PIP_REQUIREMENT``) is installed in the openedx image.
- ``CLI_DO_INIT_TASKS``: ``tutor local|dev|k8s do init`` runs the plugin's LMS migrations,
  then the catalog backfill.
- ``openedx-{lms,cms}-common-settings``: ``COURSE_ARCHIVE_*`` Django settings, and the
  Redis event bus producer (CMS) / consumer (LMS) settings when it is enabled.
- ``local-docker-compose-services``: the event bus consumer service.
- ``k8s-deployments``: the same consumer as a Deployment for ``tutor k8s``.
- ``superset-extra-assets`` (tutor-contrib-aspects, when enabled): the "Course archive" Superset
  dataset, charts and dashboard of the plugin's xAPI statements (``COURSE_ARCHIVE_ASPECTS_DASHBOARD``);
  the LMS settings then add the plugin's events to event-routing-backends' allow-lists once more,
  after the settings Aspects writes.
- tutor-mfe (when installed): the widgets in the learner-dashboard image (built from the
  sources the plugin carries, from the mounted clone, or a published npm version) and the
  ``course_list.v1`` / ``course_card_action.v1`` slot configuration.
"""

from __future__ import annotations

import ast
import json
import os
import shlex
import shutil
import typing as t
from pathlib import Path

from tutor import bindmount, exceptions, hooks

from . import widget
from .__about__ import __version__

try:  # tutor-mfe is optional: without it the plugin configures the backend only.
    from tutormfe.hooks import PLUGIN_SLOTS
except ImportError:  # pragma: no cover - exercised by test_plugin_loads_without_tutor_mfe
    PLUGIN_SLOTS = None
try:  # tutor-mfe 22.1 and later: frontend-base sites (FRONTEND_APPS).
    from tutormfe.hooks import FRONTEND_APPS
except ImportError:  # pragma: no cover - tutor-mfe 22.0, or none
    FRONTEND_APPS = None

PLUGIN_NAME = "course_archive"
#: Folder name that ``tutor mounts add`` recognises as a clone of the repository.
REPOSITORY_FOLDER = "openedx-course-archive"
#: Folder name that ``tutor mounts add`` recognises as a folder of wheels to install from.
DIST_FOLDER = "course-archive-dist"
#: Where that folder is bind-mounted while the openedx image is built.
DIST_BUILD_PATH = "/openedx/course-archive-dist"

LEARNER_DASHBOARD_MFE = "learner-dashboard"
COURSE_LIST_SLOT = "org.openedx.frontend.learner_dashboard.course_list.v1"
COURSE_CARD_ACTION_SLOT = "org.openedx.frontend.learner_dashboard.course_card_action.v1"
#: Exports of the npm package and the JS bindings that the runtime import in env.config.jsx
#: gives them (prefixed, so that they cannot clash with other plugins' names).
WIDGET_BINDINGS = {
    "CourseListArchive": "CourseArchiveCourseListArchive",
    "CourseCardArchiveAction": "CourseArchiveCardAction",
}
CARD_ACTION_WIDGET_ID = "course_archive_card_action"

#: Folder of the widget's sources in the MFE build context (env/plugins/mfe/build/mfe/).
WIDGET_CONTEXT_FOLDER = "course-archive-widget"
#: The frontend-base site's app (tutor-mfe's FRONTEND_APPS): its name, and the folder of its
#: sources in the same build context, which the site's image copies as a workspace package
#: (`source: file://...`) and builds with the site's packages.
FRONTEND_APP_NAME = "course-archive"
FRONTEND_APP_CONTEXT_FOLDER = "course-archive-app"
#: The only tools the package's `build` script needs in the site (the site's npm workspace
#: installs every package's devDependencies: the test and demo tools of the package, and the
#: legacy world's runtime, stay out).
FRONTEND_APP_BUILD_TOOLS = ("@babel/cli", "@babel/core", "@babel/preset-env", "@babel/preset-react")
#: The sources in a wheel (bundled by hatch_build.py), else those of the checkout.
_BUNDLED_WIDGET = Path(__file__).parent / "widget_sources"
_CHECKOUT_WIDGET = Path(__file__).resolve().parents[2] / "frontend"

CATALOG_INFO_CHANGED_EVENT = "org.openedx.content_authoring.course.catalog_info.changed.v1"

PATCHES_DIR = Path(__file__).parent / "patches"

# Every key is COURSE_ARCHIVE_<name>. Defaults are rendered by Tutor (Jinja), so they
# may refer to other config values.
CONFIG_DEFAULTS: dict[str, t.Any] = {
    "VERSION": __version__,
    # Python requirement installed in the openedx image when the repository is not mounted.
    "PIP_REQUIREMENT": "openedx-course-archive=={{ COURSE_ARCHIVE_VERSION }}",
    # npm package that exports the widgets (the name env.config.jsx imports). Empty
    # NPM_REQUIREMENT: the MFE image builds the widget from the sources that come with this
    # plugin; else what `npm install` is given, e.g. a published version.
    "NPM_PACKAGE": "@openedx-course-archive/frontend-plugin",
    "NPM_REQUIREMENT": "",
    # Django settings of the plugin.
    "API_RATE_LIMIT": "60/minute",
    "ABOUT_PAGE_URL_TEMPLATE": None,
    "ABOUT_PAGE_ORG_TEMPLATES": {},
    # Event bus (edx-event-bus-redis) for COURSE_CATALOG_INFO_CHANGED from CMS to LMS.
    "EVENT_BUS_ENABLED": False,
    "EVENT_BUS_REDIS_URL": (
        "redis://{% if REDIS_USERNAME and REDIS_PASSWORD %}{{ REDIS_USERNAME }}:{{ REDIS_PASSWORD }}@"
        "{% endif %}{{ REDIS_HOST }}:{{ REDIS_PORT }}/"
    ),
    "EVENT_BUS_TOPIC": "course-catalog-info-changed",
    "EVENT_BUS_GROUP": "course_archive",
    "EVENT_BUS_CONSUMER_NAME": "course_archive.lms",
    # A consumer takes over another consumer's unacknowledged event once it has waited this long
    # (a pod or container that died mid-event); on Kubernetes each pod has a new name.
    "EVENT_BUS_CLAIM_IDLE_MS": 60000,
    # `tutor k8s`: the consumer Deployment. Resources: Kubernetes quantities, null leaves one out.
    "EVENT_BUS_CONSUMER_REPLICAS": 1,
    "EVENT_BUS_CONSUMER_CPU_REQUEST": "50m",
    "EVENT_BUS_CONSUMER_MEMORY_REQUEST": "512Mi",
    "EVENT_BUS_CONSUMER_CPU_LIMIT": None,
    "EVENT_BUS_CONSUMER_MEMORY_LIMIT": "1Gi",
    # tutor-contrib-aspects (when enabled): the "Course archive" Superset dashboard of the plugin's xAPI
    # statements, shipped through its superset-extra-assets patch.
    "ASPECTS_DASHBOARD": True,
}

hooks.Filters.CONFIG_DEFAULTS.add_items([(f"COURSE_ARCHIVE_{key}", value) for key, value in CONFIG_DEFAULTS.items()])


# ---------------------------------------------------------------- template helpers
def python_literal(value: t.Any) -> str:
    """
    Render a config value as a Python literal for a settings file.

    Whatever the value holds (quotes, backslashes, newlines), the result parses back to
    the same value, so a config value can never break or inject into the settings.
    """
    text = repr(value)
    try:
        same = ast.literal_eval(text) == value
    except (ValueError, SyntaxError):
        same = False
    if not same:
        raise exceptions.TutorError(
            f"openedx-course-archive: the config value {value!r} cannot be written to the "
            "Django settings: use a string, a number, a boolean, null, a list or a mapping."
        )
    return text


def shell_quote(value: t.Any) -> str:
    """Quote a value for a `RUN` instruction in a Dockerfile (run by /bin/sh)."""
    return shlex.quote(str(value))


def _mounted_folder_names(mounts: list[str]) -> set[str]:
    """Folder names of the `tutor mounts` entries, implicit (a path) or explicit."""
    names = set()
    for mount in mounts or []:
        explicit = bindmount.parse_explicit_mount(mount)
        host_paths = [host_path for _service, host_path, _container_path in explicit] if explicit else [mount]
        names.update(os.path.basename(path.rstrip("/")) for path in host_paths)
    return names


def is_repository_mounted(mounts: list[str]) -> bool:
    """True when a clone of the repository is mounted (it is then installed editable)."""
    return REPOSITORY_FOLDER in _mounted_folder_names(mounts)


def is_dist_mounted(mounts: list[str]) -> bool:
    """True when a `course-archive-dist` folder (wheels) is mounted at build time."""
    return DIST_FOLDER in _mounted_folder_names(mounts)


def widget_source(mounts: list[str], npm_requirement: t.Any) -> str:
    """
    Where the learner-dashboard image gets the widget from.

    ``mounted``: the clone added with ``tutor mounts add`` (its ``frontend/``, built in the
    image); ``registry``: ``npm install`` of COURSE_ARCHIVE_NPM_REQUIREMENT; ``bundled``: the
    sources that come with this plugin, copied into the MFE build context and built there.
    """
    if is_repository_mounted(mounts):
        return "mounted"
    if npm_requirement:
        return "registry"
    return "bundled"


def learner_dashboard_on_frontend_base(apps: dict[str, t.Any]) -> bool:
    """True when tutor-mfe builds the learner dashboard as a frontend-base app (FRONTEND_APPS)."""
    return bool((apps.get(LEARNER_DASHBOARD_MFE) or {}).get("enabled"))


def frontend_app_package_json(package: dict[str, t.Any]) -> dict[str, t.Any]:
    """
    The package.json of the widget in the frontend-base site: the same package (name, version,
    exports, peers) with only its build scripts and the tools they run.
    """
    scripts = package.get("scripts") or {}
    trimmed = {key: value for key, value in package.items() if key not in ("scripts", "devDependencies")}
    trimmed["scripts"] = {name: scripts[name] for name in ("build", "build:esm", "build:cjs") if name in scripts}
    dev = package.get("devDependencies") or {}
    trimmed["devDependencies"] = {name: dev[name] for name in FRONTEND_APP_BUILD_TOOLS if name in dev}
    return trimmed


def widget_sources_dir() -> Path:
    """The widget's sources that this plugin carries: bundled in a wheel, or the checkout's."""
    for folder in (_BUNDLED_WIDGET, _CHECKOUT_WIDGET):
        if (folder / "package.json").is_file():
            return folder
    raise exceptions.TutorError(
        "openedx-course-archive: this plugin has no widget sources (neither a bundled copy nor a "
        f"checkout's frontend/ at {_CHECKOUT_WIDGET}). Pin a published version instead: "
        "tutor config save --set COURSE_ARCHIVE_NPM_REQUIREMENT=@openedx-course-archive/frontend-plugin@VERSION"
    )


def consumer_command(topic: str, group: str, consumer_name: str, claim_idle_ms: int | None = None) -> list[str]:
    """
    The `consume_events` command line of the LMS event bus consumer.

    ``check_backlog``: without it edx-event-bus-redis moves the group to the end of the
    stream at every start, so events sent while no consumer ran would be skipped.
    ``claim_msgs_older_than``: events left unacknowledged by a consumer that died are taken
    over by the next one that starts.
    """
    extra: dict[str, t.Any] = {"consumer_name": str(consumer_name), "check_backlog": True}
    if claim_idle_ms is not None:
        extra["claim_msgs_older_than"] = int(claim_idle_ms)
    return [
        "./manage.py",
        "lms",
        "consume_events",
        "-t",
        str(topic),
        "-g",
        str(group),
        "--extra",
        json.dumps(extra),
    ]


#: Environment variable that holds the pod's name (downward API) in the k8s Deployment.
POD_NAME_VARIABLE = "POD_NAME"


def k8s_consumer_name(consumer_name: str) -> str:
    """
    One consumer name per pod: Kubernetes expands ``$(POD_NAME)`` in the container's args.

    Replicas then share the group's events and none is read twice.
    """
    return f"{consumer_name}.$({POD_NAME_VARIABLE})"


def k8s_replicas(value: t.Any) -> int:
    """The Deployment's replicas; refuses what is not a count (Jinja's `int` would make it 0)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise exceptions.TutorError(
            f"openedx-course-archive: COURSE_ARCHIVE_EVENT_BUS_CONSUMER_REPLICAS must be a whole number "
            f"(0 or more), not {value!r}."
        )
    return value


def k8s_resources(cpu_request: t.Any, memory_request: t.Any, cpu_limit: t.Any, memory_limit: t.Any) -> dict:
    """`resources` of a k8s container from the Tutor settings; a null value is left out."""
    resources: dict[str, dict[str, str]] = {}
    for kind, cpu, memory in (("requests", cpu_request, memory_request), ("limits", cpu_limit, memory_limit)):
        values = {name: str(value) for name, value in (("cpu", cpu), ("memory", memory)) if value not in (None, "")}
        if values:
            resources[kind] = values
    return resources


# Run by the k8s liveness probe: succeeds while a live (not zombie) process of the consumer
# for this topic exists. The consumer is the container's main process, so this also fails
# when something wraps it and outlives it.
LIVENESS_SCRIPT = """\
import os, sys
topic = sys.argv[1]
for pid in os.listdir("/proc"):
    if not pid.isdigit() or int(pid) == os.getpid():
        continue
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            argv = f.read().decode(errors="replace").split("\\0")
        with open(f"/proc/{pid}/stat") as f:
            state = f.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        continue
    if state not in ("Z", "X") and "consume_events" in argv and topic in argv:
        sys.exit(0)
sys.exit("no live consume_events process for topic " + topic)
"""


def consumer_liveness_command(topic: str) -> list[str]:
    """The k8s liveness probe's command (the image's Python, no extra tools needed)."""
    return ["python", "-c", LIVENESS_SCRIPT, str(topic)]


hooks.Filters.ENV_TEMPLATE_FILTERS.add_items(
    [
        ("course_archive_python", python_literal),
        ("course_archive_shell", shell_quote),
    ]
)
hooks.Filters.ENV_TEMPLATE_VARIABLES.add_items(
    [
        ("course_archive_repository_mounted", is_repository_mounted),
        ("course_archive_dist_mounted", is_dist_mounted),
        ("course_archive_consumer_command", consumer_command),
        ("course_archive_k8s_consumer_name", k8s_consumer_name),
        ("course_archive_k8s_replicas", k8s_replicas),
        ("course_archive_k8s_resources", k8s_resources),
        ("course_archive_consumer_liveness_command", consumer_liveness_command),
        ("COURSE_ARCHIVE_POD_NAME_VARIABLE", POD_NAME_VARIABLE),
        ("COURSE_ARCHIVE_DIST_BUILD_PATH", DIST_BUILD_PATH),
        ("COURSE_ARCHIVE_CATALOG_INFO_CHANGED_EVENT", CATALOG_INFO_CHANGED_EVENT),
        ("course_archive_widget_source", widget_source),
        ("COURSE_ARCHIVE_WIDGET_BINDINGS", WIDGET_BINDINGS),
        ("COURSE_ARCHIVE_WIDGET_CONTEXT_FOLDER", WIDGET_CONTEXT_FOLDER),
    ]
)


# ---------------------------------------------------------------- mounts
# `tutor mounts add /path/to/openedx-course-archive`: Tutor's openedx plugin then
# installs the folder with `pip install -e` in the openedx (and openedx-dev) images and
# bind-mounts it at /mnt/openedx-course-archive in the LMS/CMS containers. Tutor's own
# "openedx-*" pattern would match too; naming the folder keeps it working if that changes.
hooks.Filters.MOUNTED_DIRECTORIES.add_item(("openedx", f"^{REPOSITORY_FOLDER}$"))


@hooks.Filters.IMAGES_BUILD_MOUNTS.add()
def _mount_repository_on_mfe_build(mounts: list[tuple[str, str]], host_path: str) -> list[tuple[str, str]]:
    """The mounted clone is also a build context of the MFE images: the widget is built from it."""
    if os.path.basename(host_path.rstrip("/")) == REPOSITORY_FOLDER:
        context = f"mnt-{REPOSITORY_FOLDER}"
        mounts += [("mfe", context), (f"{LEARNER_DASHBOARD_MFE}-dev", context)]
    return mounts


@hooks.Filters.IMAGES_BUILD_MOUNTS.add()
def _mount_dist_folder_on_build(mounts: list[tuple[str, str]], host_path: str) -> list[tuple[str, str]]:
    """`tutor mounts add /path/to/course-archive-dist`: a build context of wheels."""
    if os.path.basename(host_path.rstrip("/")) == DIST_FOLDER:
        mounts += [("openedx", DIST_FOLDER), ("openedx-dev", DIST_FOLDER)]
    return mounts


# ---------------------------------------------------------------- init task
# Both run in the LMS (the `lms-job` Job on Kubernetes). The backfill gives catalog facts to
# courses that no event has told the LMS about yet; it needs the tables, so it comes second.
hooks.Filters.CLI_DO_INIT_TASKS.add_items(
    [
        ("lms", "./manage.py lms migrate course_archive"),
        ("lms", "./manage.py lms course_archive_backfill_catalog"),
    ]
)


# ---------------------------------------------------------------- patches
for _path in sorted(PATCHES_DIR.iterdir()):
    if _path.is_file() and not _path.name.startswith("."):
        hooks.Filters.ENV_PATCHES.add_item((_path.name, _path.read_text(encoding="utf-8")))


# ---------------------------------------------------------------- tutor-mfe
@hooks.Actions.ENV_SAVED.add()
def _copy_widget_sources(root_env: str, config: dict[str, t.Any]) -> None:
    """Put the widget's sources in the MFE build context when the image builds them from there."""
    context = Path(root_env) / "plugins" / "mfe" / "build" / "mfe"
    if not context.is_dir():  # tutor-mfe is not enabled
        return
    target = context / WIDGET_CONTEXT_FOLDER
    # Replaced as a whole, so that files deleted from the sources do not linger in the context.
    shutil.rmtree(target, ignore_errors=True)
    app_target = context / FRONTEND_APP_CONTEXT_FOLDER
    shutil.rmtree(app_target, ignore_errors=True)
    if FRONTEND_APPS is not None and FRONTEND_APP_NAME in FRONTEND_APPS.apply({}):
        # The frontend-base site's workspace package: the sources, a package.json for the site.
        sources = widget_sources_dir()
        for relative in widget.iter_widget_files(sources):
            if relative.as_posix() in ("package-lock.json", ".npmrc"):
                continue  # a workspace package installs with the site's lockfile and settings
            destination = app_target / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            if relative.as_posix() == "package.json":
                package = json.loads((sources / relative).read_text(encoding="utf-8"))
                text = json.dumps(frontend_app_package_json(package), indent=2) + "\n"
                destination.write_text(text, encoding="utf-8")
            else:
                shutil.copyfile(sources / relative, destination)
    if widget_source(config.get("MOUNTS") or [], config.get("COURSE_ARCHIVE_NPM_REQUIREMENT")) != "bundled":
        return
    sources = widget_sources_dir()
    for relative in widget.iter_widget_files(sources):
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(sources / relative, destination)


if PLUGIN_SLOTS is not None:
    # The widgets are imported at run time in the learner-dashboard section of env.config.jsx
    # (patch mfe-env-config-runtime-definitions-learner-dashboard), since the package is
    # installed in that MFE only. Both slots keep their default contents: the dashboard's own
    # list is wrapped (active courses, then an archived section) and each card gets a button.
    PLUGIN_SLOTS.add_items(
        [
            (
                LEARNER_DASHBOARD_MFE,
                COURSE_LIST_SLOT,
                f"""
        {{
          op: PLUGIN_OPERATIONS.Wrap,
          widgetId: 'default_contents',
          wrapper: {WIDGET_BINDINGS["CourseListArchive"]},
        }}""",
            ),
            (
                LEARNER_DASHBOARD_MFE,
                COURSE_CARD_ACTION_SLOT,
                f"""
        {{
          op: PLUGIN_OPERATIONS.Insert,
          widget: {{
            id: '{CARD_ACTION_WIDGET_ID}',
            type: DIRECT_PLUGIN,
            priority: 50,
            RenderWidget: {WIDGET_BINDINGS["CourseCardArchiveAction"]},
          }},
        }}""",
            ),
        ]
    )


if FRONTEND_APPS is not None:

    @FRONTEND_APPS.add(priority=hooks.priorities.LOW)
    def _add_frontend_app(apps: dict[str, t.Any]) -> dict[str, t.Any]:
        """
        With the frontend-base learner dashboard (tutor-mfe's FRONTEND_APPS, `learner-dashboard`
        enabled): the widget's package joins the site, built from the sources this plugin carries
        (copied into the build context by `tutor config save`), so no registry is needed. The
        site config adds its `./app` entry (patches mfe-site-config-imports and mfe-site-config).
        Low priority: this runs after the operator's own FRONTEND_APPS changes.
        """
        if learner_dashboard_on_frontend_base(apps):
            package = json.loads((widget_sources_dir() / "package.json").read_text(encoding="utf-8"))
            apps[FRONTEND_APP_NAME] = {
                "npm_package": package["name"],
                "npm_version": package["version"],
                "enabled": True,
                "source": f"file://{FRONTEND_APP_CONTEXT_FOLDER}",
            }
        return apps
