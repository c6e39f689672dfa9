"""
xAPI statements of the plugin's events through event-routing-backends (ERB), installed from a checkout
(``make test-aspects EVENT_ROUTING_BACKENDS_DIR=...``): ERB's own fixture test mixin checks them against
the statements it expects, and a change made through the API reaches ERB's xAPI backend as a statement.

The platform's user lookups that ERB makes (anonymous ids, retired users) are stood in for, as ERB's own
tests do; nothing else is.
"""

import json
import logging
import os
from unittest import mock

import pytest
from django.conf import settings
from django.test import TestCase
from event_routing_backends import helpers
from event_routing_backends.processors.xapi.registry import XApiTransformersRegistry
from event_routing_backends.processors.xapi.tests.test_transformers import XApiTransformersFixturesTestMixin
from opaque_keys.edx.keys import CourseKey

from course_archive import api, xapi
from course_archive.models import CourseCatalogInfo
from course_archive.settings.common import XAPI_EVENTS

FIXTURES = os.path.join(os.path.dirname(__file__), "fixtures")
ANONYMOUS_ID = "5a6f8f1e-3f0c-4a57-9a38-0a1c0f1d2e3b"
COURSE = "course-v1:edX+DemoX+Demo_Course"


def _retired_user(username):
    """The platform's lookup of a retired learner, as ERB's tests stand in for it: the fixtures' learner."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(username="edx").first()


def _platform_users(test):
    """ERB's lookups of the platform's users: its anonymous id for any user, and retired usernames."""
    external_id = mock.Mock(external_user_id=ANONYMOUS_ID)
    external_ids = mock.Mock()
    external_ids.add_new_user_id.return_value = (external_id, True)
    for name, value in (
        ("ExternalId", external_ids),
        ("ExternalIdType", mock.Mock(XAPI="xapi")),
        ("get_potentially_retired_user_by_username", _retired_user),
    ):
        patcher = mock.patch.object(helpers, name, value)
        patcher.start()
        test.addCleanup(patcher.stop)


class CourseArchiveStatementsTest(XApiTransformersFixturesTestMixin, TestCase):
    """Each raw event of fixtures/raw becomes the statement of fixtures/expected, as ERB's tests compare them."""

    @property
    def raw_events_fixture_path(self):
        return os.path.join(FIXTURES, "raw")

    @property
    def expected_events_fixture_path(self):
        return os.path.join(FIXTURES, "expected")

    def setUp(self):
        super().setUp()
        _platform_users(self)
        CourseCatalogInfo.objects.create(course_id=CourseKey.from_string(COURSE), name="Demonstration Course")

    def test_registered_for_both_events(self):
        for name in XAPI_EVENTS:
            transformer = self.registry.get_transformer({"name": name})
            assert isinstance(transformer, xapi.CourseArchiveStatusTransformer)

    def test_statements_match_the_fixtures(self):
        names = sorted(os.listdir(self.raw_events_fixture_path))
        assert names == [f"{name}.json" for name in sorted(XAPI_EVENTS)]
        for name in names:
            with self.subTest(name):
                self.check_event_transformer(name, os.path.join(self.expected_events_fixture_path, name))

    def test_a_course_the_catalog_does_not_know_has_no_name(self):
        event = self.get_raw_event("edx.course_archive.status.archived.json")
        event["data"]["course_id"] = "course-v1:edX+Unknown+2026"
        statement = json.loads(self.registry.get_transformer(event).transform().to_json())
        assert statement["object"] == {
            "id": "http://localhost:18000/course/course-v1:edX+Unknown+2026",
            "objectType": "Activity",
            "definition": {"type": "http://adlnet.gov/expapi/activities/course"},
        }


def test_erb_allow_lists_name_the_events():
    """The host's settings, built by ERB's plugin settings and the plugin's, in whichever order they ran."""
    assert set(XAPI_EVENTS) <= set(settings.EVENT_TRACKING_BACKENDS_ALLOWED_XAPI_EVENTS)
    routed = settings.EVENT_TRACKING_BACKENDS["event_transformer"]["OPTIONS"]
    assert set(XAPI_EVENTS) <= set(routed["processors"][0]["OPTIONS"]["whitelist"])
    xapi_backend = routed["backends"]["xapi"]["OPTIONS"]["processors"][0]["OPTIONS"]["whitelist"]
    assert set(XAPI_EVENTS) <= set(xapi_backend)


class ChangeThroughTheApiTest(TestCase):
    """An archive made through the plugin's API is emitted, routed by ERB and logged as an xAPI statement."""

    def setUp(self):
        _platform_users(self)

    def test_archive_and_unarchive_reach_erb_as_statements(self):
        from django.contrib.auth import get_user_model

        learner = get_user_model().objects.create_user("learner", "learner@example.com", "pw")
        CourseCatalogInfo.objects.create(course_id=CourseKey.from_string(COURSE), name="Demonstration Course")
        logger = logging.getLogger("xapi_tracking")
        with (
            mock.patch.object(logger, "info") as logged,
            self.captureOnCommitCallbacks(execute=True),
        ):
            api.archive(learner, COURSE)
        with mock.patch.object(logger, "info") as logged_again, self.captureOnCommitCallbacks(execute=True):
            api.unarchive(learner, COURSE)
        statements = [json.loads(call.args[0]) for call in (*logged.call_args_list, *logged_again.call_args_list)]
        assert [statement["verb"]["id"] for statement in statements] == [xapi.VERB_ARCHIVED, xapi.VERB_UNARCHIVED]
        for statement in statements:
            assert statement["actor"]["account"]["name"] == ANONYMOUS_ID
            assert statement["object"]["id"].endswith(f"/course/{COURSE}")
            assert statement["object"]["definition"]["name"] == {"en": "Demonstration Course"}
            assert statement["context"]["extensions"][xapi.EXTENSION_SOURCE] == "api"


@pytest.mark.parametrize("name", XAPI_EVENTS)
def test_registry_lookup_by_name(name):
    assert XApiTransformersRegistry.get_transformer({"name": name}) is not None
