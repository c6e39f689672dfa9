"""
The plugin's settings (settings/common.py, settings/production.py): the filter steps merged into
OPEN_EDX_FILTERS_CONFIG in every environment, the operator's values kept, and the events added to
event-routing-backends' allow-lists, whichever settings run first.
"""

import copy
import types

from django.conf import settings

from course_archive.settings import common, production
from course_archive.settings.common import XAPI_EVENTS, plugin_settings, register_xapi_events
from course_archive.tracking import EVENT_ARCHIVED, EVENT_UNARCHIVED

ABOUT = "org.openedx.learning.course_about.page.url.requested.v1"
HOME = "org.openedx.learning.home.courserun.api.rendered.started.v1"
ABOUT_STEP = "course_archive.pipeline.ChangeCourseAboutPageUrl"
HOME_STEP = "course_archive.pipeline.AddCourseArchiveStatus"


class _Settings:
    pass


def _settings_with(config=None, **values):
    module = _Settings()
    if config is not None:
        module.OPEN_EDX_FILTERS_CONFIG = config
    for name, value in values.items():
        setattr(module, name, value)
    return module


def test_test_settings_registered_both_steps():
    assert settings.OPEN_EDX_FILTERS_CONFIG[ABOUT] == {"pipeline": [ABOUT_STEP], "fail_silently": True}
    assert settings.OPEN_EDX_FILTERS_CONFIG[HOME] == {"pipeline": [HOME_STEP], "fail_silently": True}


def test_merge_keeps_other_steps_and_fail_silently_and_is_idempotent():
    other = {"pipeline": ["other_plugin.Step"], "fail_silently": False}
    module = _settings_with({ABOUT: copy.deepcopy(other), "some.other.filter.v1": {"pipeline": ["x.Y"]}})
    common.plugin_settings(module)
    common.plugin_settings(module)
    production.plugin_settings(module)
    config = module.OPEN_EDX_FILTERS_CONFIG
    assert config[ABOUT] == {"pipeline": ["other_plugin.Step", ABOUT_STEP], "fail_silently": False}
    assert config["some.other.filter.v1"] == {"pipeline": ["x.Y"]}
    assert config[HOME]["pipeline"] == [HOME_STEP]


def test_production_survives_yaml_that_replaced_the_config():
    module = _settings_with()
    common.plugin_settings(module)
    # The operator's YAML replaces the whole setting after common settings ran.
    module.OPEN_EDX_FILTERS_CONFIG = {"some.other.filter.v1": {"pipeline": ["x.Y"], "fail_silently": False}}
    module.ENV_TOKENS = {"COURSE_ARCHIVE_API_RATE_LIMIT": "5/second"}
    production.plugin_settings(module)
    assert module.OPEN_EDX_FILTERS_CONFIG[ABOUT]["pipeline"] == [ABOUT_STEP]
    assert module.OPEN_EDX_FILTERS_CONFIG["some.other.filter.v1"]["fail_silently"] is False
    assert module.COURSE_ARCHIVE_API_RATE_LIMIT == "5/second"


def test_malformed_entries_are_left_for_the_system_check():
    module = _settings_with({ABOUT: {"pipeline": "not-a-list"}})
    common.plugin_settings(module)
    assert module.OPEN_EDX_FILTERS_CONFIG[ABOUT] == {"pipeline": "not-a-list"}


def test_defaults_do_not_override_the_operators_values():
    module = _settings_with(COURSE_ARCHIVE_API_RATE_LIMIT="1/second")
    common.plugin_settings(module)
    assert module.COURSE_ARCHIVE_API_RATE_LIMIT == "1/second"
    assert module.COURSE_ARCHIVE_ABOUT_PAGE_ORG_TEMPLATES == {}


def _erb_built(allowed):
    """``EVENT_TRACKING_BACKENDS`` shaped as event-routing-backends builds it from its allow-lists."""
    whitelist = "eventtracking.processors.whitelist.NameWhitelistProcessor"
    return {
        "event_transformer": {
            "ENGINE": "eventtracking.backends.async_routing.AsyncRoutingBackend",
            "OPTIONS": {
                "processors": [{"ENGINE": whitelist, "OPTIONS": {"whitelist": set(allowed)}}],
                "backends": {
                    "xapi": {"OPTIONS": {"processors": [{"ENGINE": whitelist, "OPTIONS": {"whitelist": allowed}}]}},
                },
            },
        }
    }


def test_the_events_are_the_ones_tracking_sends():
    assert XAPI_EVENTS == (EVENT_ARCHIVED, EVENT_UNARCHIVED)


def test_before_erb_the_allow_list_is_created_for_erb_to_append_to():
    settings = types.SimpleNamespace()
    plugin_settings(settings)
    assert list(XAPI_EVENTS) == settings.EVENT_TRACKING_BACKENDS_ALLOWED_XAPI_EVENTS


def test_after_erb_every_whitelist_gets_the_events_once():
    allowed = ["edx.course.enrollment.activated"]
    settings = types.SimpleNamespace(
        EVENT_TRACKING_BACKENDS_ALLOWED_XAPI_EVENTS=allowed,
        EVENT_BUS_TRACKING_LOGS=set(allowed),
        EVENT_TRACKING_BACKENDS={"logger": {"ENGINE": "x"}, **_erb_built(allowed)},
    )
    register_xapi_events(settings)
    register_xapi_events(settings)  # production settings run it again
    assert ["edx.course.enrollment.activated", *XAPI_EVENTS] == settings.EVENT_TRACKING_BACKENDS_ALLOWED_XAPI_EVENTS
    assert {"edx.course.enrollment.activated", *XAPI_EVENTS} == settings.EVENT_BUS_TRACKING_LOGS
    options = settings.EVENT_TRACKING_BACKENDS["event_transformer"]["OPTIONS"]
    assert options["processors"][0]["OPTIONS"]["whitelist"] == {"edx.course.enrollment.activated", *XAPI_EVENTS}
    inner = options["backends"]["xapi"]["OPTIONS"]["processors"][0]["OPTIONS"]["whitelist"]
    assert inner == ["edx.course.enrollment.activated", *XAPI_EVENTS]
    assert settings.EVENT_TRACKING_BACKENDS["logger"] == {"ENGINE": "x"}
