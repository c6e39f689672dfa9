"""The plugin is found and wired by edx-django-utils from the installed distribution, as in the LMS."""

import importlib
from importlib.metadata import entry_points

import pytest
from django.conf import settings
from django.urls import reverse
from edx_django_utils.plugins import add_plugins, get_plugin_apps, get_plugin_url_patterns
from openedx_events.content_authoring.signals import COURSE_CATALOG_INFO_CHANGED

from course_archive.signals import handlers

LMS, CMS = "lms.djangoapp", "cms.djangoapp"


@pytest.mark.parametrize("group", [LMS, CMS])
def test_entry_points_point_at_the_app_config(group):
    (entry,) = [ep for ep in entry_points(group=group) if ep.name == "course_archive"]
    assert entry.value == "course_archive.apps:CourseArchiveConfig"
    assert entry.dist.name == "openedx-course-archive"


@pytest.mark.parametrize("project_type", [LMS, CMS])
def test_get_plugin_apps_finds_the_app(project_type):
    assert "course_archive.apps.CourseArchiveConfig" in get_plugin_apps(project_type)


def test_demo_host_installed_the_app_through_discovery_only():
    # The demo host's INSTALLED_APPS names the plugin only through get_plugin_apps.
    source = importlib.import_module("demo_host.settings.base").__file__
    with open(source) as handle:
        text = handle.read()
    assert "course_archive.apps" not in text
    assert "course_archive.apps.CourseArchiveConfig" in settings.INSTALLED_APPS


@pytest.mark.parametrize("project_type", [LMS, CMS])
def test_url_patterns_are_mounted_under_course_archive(project_type):
    (pattern,) = [p for p in get_plugin_url_patterns(project_type) if getattr(p, "namespace", None) == "course_archive"]
    assert pattern.pattern.regex.pattern == "^course-archive/"
    assert pattern.app_name == "course_archive"


def test_url_names():
    assert reverse("course_archive:course-archive-status-list") == "/course-archive/api/v1/course-archive-status/"
    assert reverse("course_archive:course-archive-status-detail", args=[7]) == (
        "/course-archive/api/v1/course-archive-status/7/"
    )
    assert reverse("course_archive:schema") == "/course-archive/api/v1/schema/"


class _Settings:
    """A bare settings module, as ``add_plugins`` receives one."""


@pytest.mark.parametrize("project_type", [LMS, CMS])
@pytest.mark.parametrize("settings_type", ["common", "test", "production"])
def test_add_plugins_applies_settings_in_every_environment(monkeypatch, project_type, settings_type):
    module = _Settings()
    real_import = importlib.import_module
    monkeypatch.setattr(
        "edx_django_utils.plugins.utils.import_module",
        lambda path: module if path == "fake.settings" else real_import(path),
    )
    add_plugins("fake.settings", project_type, settings_type)
    assert module.COURSE_ARCHIVE_API_RATE_LIMIT == "60/minute"
    step = "course_archive.pipeline.ChangeCourseAboutPageUrl"
    assert step in module.OPEN_EDX_FILTERS_CONFIG["org.openedx.learning.course_about.page.url.requested.v1"]["pipeline"]


def test_catalog_receiver_is_connected_by_plugin_signals():
    receivers = [receiver[1]() for receiver in COURSE_CATALOG_INFO_CHANGED.receivers]
    assert handlers.course_catalog_info_changed in receivers
