"""The plugin's settings add its events to event-routing-backends' allow-lists, whichever settings run first."""

import types

from course_archive.settings.common import XAPI_EVENTS, plugin_settings, register_xapi_events
from course_archive.tracking import EVENT_ARCHIVED, EVENT_UNARCHIVED


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
