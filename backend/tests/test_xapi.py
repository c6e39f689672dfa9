"""
The xAPI transformers (xapi.py) where event-routing-backends is not installed, as in this virtualenv: the app
starts without them and tracking goes on. With ERB installed, ``make test-aspects`` runs tests/aspects.
"""

import importlib
import importlib.util
import sys

import pytest
from django.apps import apps

from course_archive import api
from course_archive.settings.common import XAPI_EVENTS
from demo_host import tracking as captured
from tests.conftest import COURSE

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("event_routing_backends") is not None, reason="event-routing-backends is installed"
)


def test_the_app_starts_without_importing_the_transformers():
    assert apps.get_app_config("course_archive").ready
    assert "course_archive.xapi" not in sys.modules


def test_the_transformers_need_event_routing_backends():
    with pytest.raises(ModuleNotFoundError) as error:
        importlib.import_module("course_archive.xapi")
    assert error.value.name.split(".")[0] == "event_routing_backends"
    assert "course_archive.xapi" not in sys.modules


@pytest.mark.django_db
def test_the_events_the_transformers_would_map_are_still_tracked(learner, django_capture_on_commit_callbacks):
    captured.EVENTS.clear()
    with django_capture_on_commit_callbacks(execute=True):
        api.archive(learner, COURSE)
        api.unarchive(learner, COURSE)
    assert sorted(event["name"] for event in captured.EVENTS) == sorted(XAPI_EVENTS)
    captured.EVENTS.clear()
