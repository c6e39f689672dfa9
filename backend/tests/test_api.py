"""
The Python API (api.py): ``__all__`` names everything its callers use and each name resolves; the few
functions defined in it answer from the kill switch and the platform's backend.
"""

import ast
from pathlib import Path

import pytest
from django.test import override_settings
from edx_django_utils.cache import RequestCache
from waffle.models import Flag

from course_archive import api, toggles
from tests.conftest import in_request

PACKAGE = Path(api.__file__).parent


def _api_names_used_by_callers():
    """``{name: [module, ...]}`` of each ``api.<name>`` in the package's modules that import ``api``."""
    used = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imports_api = any(
            isinstance(node, ast.ImportFrom)
            and node.module == "course_archive"
            and any(alias.name == "api" for alias in node.names)
            for node in ast.walk(tree)
        )
        if not imports_api:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "api":
                used.setdefault(node.attr, []).append(str(path.relative_to(PACKAGE)))
    return used


def test_the_callers_use_only_names_of_all():
    used = _api_names_used_by_callers()
    # The views, handlers, tasks, steps, admin, commands, template tags and xAPI transformers all call the API.
    assert {"rest_api/v1/views.py", "signals/handlers.py", "tasks.py", "pipeline.py", "admin.py"} <= {
        module for modules in used.values() for module in modules
    }
    assert {name: modules for name, modules in used.items() if name not in api.__all__} == {}


def test_no_caller_imports_names_from_the_api_module():
    # ``from course_archive.api import x`` would hide a caller's use of the API from the check above.
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "from course_archive.api import" not in text, path


def test_every_name_of_all_resolves_once():
    assert len(api.__all__) == len(set(api.__all__))
    missing = [name for name in api.__all__ if not hasattr(api, name)]
    assert missing == []


@pytest.mark.django_db
def test_archiving_is_enabled_until_the_kill_switch_is_on():
    assert api.archiving_enabled() is True
    flag = Flag.objects.create(name=toggles.DISABLED.name, everyone=True)
    flag.flush()
    assert api.archiving_enabled() is False


@pytest.mark.django_db
def test_forgetting_the_kill_switch_reads_it_again_in_the_next_request():
    assert in_request(api.archiving_enabled) is True
    # Saved by another process: no signal here, and this worker keeps its record of the flag a few seconds.
    Flag.objects.bulk_create([Flag(name=toggles.DISABLED.name, everyone=True)])
    Flag(name=toggles.DISABLED.name).flush()
    RequestCache.clear_all_namespaces()
    assert in_request(api.archiving_enabled) is True
    api.forget_kill_switch()
    RequestCache.clear_all_namespaces()
    assert in_request(api.archiving_enabled) is False


@pytest.mark.django_db
def test_the_platform_answers_come_from_the_configured_backend():
    assert api.platform_is_available() is True  # the demo host's backend
    assert api.bearer_authentication_class() is None  # the demo host has no OAuth2 tokens
    with override_settings(COURSE_ARCHIVE_PLATFORM_BACKEND="course_archive.platform.backends.openedx"):
        assert api.platform_is_available() is False  # edx-platform is not installed here
        assert api.bearer_authentication_class() is None
