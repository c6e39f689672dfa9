"""Settings for the host's test environment: the same as every environment."""

from course_archive.settings.common import plugin_settings as common_settings


def plugin_settings(settings):
    common_settings(settings)
