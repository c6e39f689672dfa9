"""Django app configuration: how the LMS and CMS discover and wire the plugin."""

import importlib.util

from django.apps import AppConfig
from edx_django_utils.plugins.constants import PluginSettings, PluginSignals, PluginURLs

# Values of edx-platform's ProjectType and SettingsType, which live in the platform itself.
LMS = "lms.djangoapp"
CMS = "cms.djangoapp"

_URLS = {
    PluginURLs.NAMESPACE: "course_archive",
    PluginURLs.APP_NAME: "course_archive",
    PluginURLs.REGEX: r"^course-archive/",
    PluginURLs.RELATIVE_PATH: "urls",
}

_SETTINGS = {
    settings_type: {PluginSettings.RELATIVE_PATH: f"settings.{settings_type}"}
    for settings_type in ("common", "test", "production")
}

_SIGNALS = {
    PluginSignals.RELATIVE_PATH: "signals.handlers",
    PluginSignals.RECEIVERS: [
        {
            PluginSignals.RECEIVER_FUNC_NAME: "course_catalog_info_changed",
            PluginSignals.SIGNAL_PATH: "openedx_events.content_authoring.signals.COURSE_CATALOG_INFO_CHANGED",
            PluginSignals.DISPATCH_UID: "course_archive.signals.handlers.course_catalog_info_changed",
        },
    ],
}


class CourseArchiveConfig(AppConfig):
    """The course archive plugin app, loaded by the LMS and CMS through entry points."""

    name = "course_archive"
    verbose_name = "Course archive"
    default_auto_field = "django.db.models.BigAutoField"

    plugin_app = {
        PluginURLs.CONFIG: {LMS: _URLS, CMS: _URLS},
        PluginSettings.CONFIG: {LMS: _SETTINGS, CMS: _SETTINGS},
        PluginSignals.CONFIG: {LMS: _SIGNALS, CMS: _SIGNALS},
    }

    def ready(self):
        # System checks and the retirement receiver register themselves on import.
        from course_archive import checks  # noqa: F401, PLC0415 - registers on import, once apps are ready
        from course_archive.signals import handlers  # noqa: F401, PLC0415 - connects on import, once apps are ready

        # The xAPI transformers register themselves in event-routing-backends' registry, where it is installed.
        if importlib.util.find_spec("event_routing_backends") is not None:
            from course_archive import xapi  # noqa: F401, PLC0415 - registers on import, where ERB is installed
