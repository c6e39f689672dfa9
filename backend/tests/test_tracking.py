"""
Tracking events (tracking.py) through the real eventtracking tracker, from every write path: API, bulk, admin,
commands; only on a change of state, after the commit, never failing the write.
"""

import datetime

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from course_archive import api, tracking
from course_archive.models import CourseArchiveStatus, CourseCatalogInfo
from demo_host import tracking as captured
from tests.conftest import API, COURSE, OTHER_COURSE

pytestmark = pytest.mark.django_db

THIRD = "course-v1:edX+Third+2026"
CHANGELIST = reverse("admin:course_archive_coursearchivestatus_changelist")


@pytest.fixture(autouse=True)
def events():
    captured.EVENTS.clear()
    yield captured.EVENTS
    captured.EVENTS.clear()


def _sent(events):
    """(name, course_id, user_id, source) of each event the tracker handed to its backend."""
    return [(e["name"], e["data"]["course_id"], e["data"]["user_id"], e["data"]["source"]) for e in events]


def test_a_toggle_through_the_api_sends_one_event_on_commit(learner, learner_client, events, commit):
    with commit() as callbacks:
        response = learner_client.put(f"{API}by-course/{COURSE}/", {"is_archived": True}, format="json")
    assert response.status_code == 201
    assert len(callbacks) == 1
    assert _sent(events) == [(tracking.EVENT_ARCHIVED, COURSE, learner.pk, "api")]
    # The tracker's own envelope: a timestamp and the context the platform's processors fill in.
    assert {"name", "timestamp", "context", "data"} <= set(events[0])

    with commit():
        learner_client.put(f"{API}by-course/{COURSE}/", {"is_archived": True}, format="json")
    assert len(events) == 1, "a write that changed nothing sends nothing"

    with commit():
        learner_client.put(f"{API}by-course/{COURSE}/", {"is_archived": False}, format="json")
    assert _sent(events)[1:] == [(tracking.EVENT_UNARCHIVED, COURSE, learner.pk, "api")]


def test_create_patch_and_delete_send_an_event_only_when_the_state_changes(learner, learner_client, events, commit):
    with commit():
        active = learner_client.post(API, {"course_id": COURSE}, format="json").json()
        archived = learner_client.post(API, {"course_id": OTHER_COURSE, "is_archived": True}, format="json").json()
    assert _sent(events) == [(tracking.EVENT_ARCHIVED, OTHER_COURSE, learner.pk, "api")]
    with commit():
        learner_client.patch(f"{API}{active['id']}/", {"is_archived": True}, format="json")
        learner_client.patch(f"{API}{active['id']}/", {"is_archived": True}, format="json")
    assert _sent(events)[1:] == [(tracking.EVENT_ARCHIVED, COURSE, learner.pk, "api")]
    with commit():
        learner_client.delete(f"{API}{archived['id']}/")
    assert _sent(events)[2:] == [(tracking.EVENT_UNARCHIVED, OTHER_COURSE, learner.pk, "api")]


def test_bulk_sends_one_event_per_course_whose_state_changed(learner, learner_client, events, commit):
    api.archive(learner, COURSE)  # outside on_commit capture: sends nothing here
    api.create_status(learner, OTHER_COURSE)
    body = {"course_ids": [COURSE, OTHER_COURSE, THIRD], "is_archived": True}
    with commit():
        assert learner_client.post(f"{API}bulk/", body, format="json").status_code == 200
    assert sorted(_sent(events)) == [
        (tracking.EVENT_ARCHIVED, OTHER_COURSE, learner.pk, "bulk"),
        (tracking.EVENT_ARCHIVED, THIRD, learner.pk, "bulk"),
    ]
    events.clear()
    with commit():
        learner_client.post(f"{API}bulk/", body, format="json")
    assert events == []
    fourth = "course-v1:edX+Fourth+2026"
    with commit():
        learner_client.post(f"{API}bulk/", {"course_ids": [COURSE, fourth], "is_archived": False}, format="json")
    # COURSE flips back; the new row for `fourth` is created unarchived, which changes no state.
    assert _sent(events) == [(tracking.EVENT_UNARCHIVED, COURSE, learner.pk, "bulk")]


def test_admin_actions_and_forms_send_events_marked_admin(admin_client, learner, events, commit):
    rows = [api.create_status(learner, course) for course in (COURSE, OTHER_COURSE)]
    api.archive(learner, OTHER_COURSE)
    with commit():
        admin_client.post(CHANGELIST, {"action": "archive_selected", "_selected_action": [r.pk for r in rows]})
    assert _sent(events) == [(tracking.EVENT_ARCHIVED, COURSE, learner.pk, "admin")]
    events.clear()
    change = reverse("admin:course_archive_coursearchivestatus_change", args=[rows[0].pk])
    with commit():
        response = admin_client.post(change, {"is_archived": ""})
    assert response.status_code == 302
    assert _sent(events) == [(tracking.EVENT_UNARCHIVED, COURSE, learner.pk, "admin")]


def test_the_maintenance_command_sends_events_marked_command(learner, other_learner, events, commit):
    ended = timezone.now() - datetime.timedelta(days=30)
    CourseCatalogInfo.objects.create(course_id=api.parse_course_key(COURSE), name="Old", end=ended)
    api.create_status(learner, COURSE)
    api.archive(other_learner, COURSE)
    with commit():
        call_command("course_archive_archive_ended", "--ended-before", timezone.now().date().isoformat())
    assert _sent(events) == [(tracking.EVENT_ARCHIVED, COURSE, learner.pk, "command")]


def test_a_write_rolled_back_sends_nothing(learner, events, commit):
    with commit(), pytest.raises(RuntimeError), transaction.atomic():
        api.archive(learner, COURSE)
        raise RuntimeError("rolled back")
    assert events == []
    assert not CourseArchiveStatus.objects.exists()


def test_a_failing_tracker_does_not_fail_the_write(learner, learner_client, events, commit, monkeypatch, caplog):
    def broken(self, event):
        raise ConnectionError("analytics down")

    monkeypatch.setattr(captured.MemoryBackend, "send", broken)
    with commit():
        response = learner_client.put(f"{API}by-course/{COURSE}/", {"is_archived": True}, format="json")
    assert response.status_code == 201
    assert api.statuses_visible_to(learner).get().is_archived is True


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what was deferred to the commit, as the request's transaction commits in the LMS."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
