"""
Operators' integration: tracking events through the real eventtracking tracker from every write path, the
kill switch (waffle flag ``course_archive.disabled``), and the annotations of every setting and toggle.
"""

import datetime
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from waffle.models import Flag

from course_archive import api, conf, toggles, tracking
from course_archive.models import CourseArchiveStatus, CourseCatalogInfo
from demo_host import tracking as captured
from tests.conftest import API, COURSE, OTHER_COURSE, warm_kill_switch_cache

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


# --- tracking events -------------------------------------------------------------------------------


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


# --- the kill switch --------------------------------------------------------------------------------


def _switch_off(users=(), **kwargs):
    flag = Flag.objects.create(name="course_archive.disabled", **kwargs)
    flag.users.add(*users)
    # Waffle empties its cache of the flag when the transaction commits; a test's never does.
    flag.flush()
    return flag


def test_with_the_switch_off_learners_get_403_archiving_disabled_and_nothing_changes(learner, learner_client, staff):
    api.archive(learner, COURSE)
    _switch_off(everyone=True)
    for method, path, body in [
        ("put", f"{API}by-course/{OTHER_COURSE}/", {"is_archived": True}),
        ("post", f"{API}bulk/", {"course_ids": [OTHER_COURSE], "is_archived": True}),
        ("get", API, None),
    ]:
        response = getattr(learner_client, method)(path, body, format="json")
        assert response.status_code == 403, (method, path)
        assert response.data["detail"].code == "archiving_disabled"
    assert list(api.statuses_visible_to(learner).values_list("is_archived", flat=True)) == [True]


def test_with_the_switch_off_staff_are_refused_too_and_the_body_names_the_code(staff_client, learner):
    api.archive(learner, COURSE)
    _switch_off(everyone=True)
    for response in (
        staff_client.get(API),
        staff_client.put(f"{API}by-course/{COURSE}/", {"is_archived": True}, format="json"),
    ):
        assert response.status_code == 403
        assert response.json()["code"] == "archiving_disabled"


def test_the_switch_can_be_off_for_some_learners_only(learner, other_learner, client_for):
    _switch_off(users=[other_learner])
    assert client_for(learner).get(API).status_code == 200
    assert client_for(other_learner).get(API).data["detail"].code == "archiving_disabled"


def test_with_the_switch_off_learner_home_is_as_without_the_plugin(learner, learner_client):
    from demo_host.models import DemoCourse, DemoEnrollment

    course = DemoCourse.objects.create(course_id=COURSE, name="Demo")
    DemoEnrollment.objects.create(user=learner, course=course)
    api.archive(learner, COURSE)
    assert learner_client.get("/api/learner_home/init/").json()["courses"][0]["courseRun"]["courseArchive"]
    _switch_off(everyone=True)
    (card,) = learner_client.get("/api/learner_home/init/").json()["courses"]
    assert "courseArchive" not in card["courseRun"]


def test_the_switch_costs_one_query_on_a_cold_cache_then_none(learner, learner_client, django_assert_num_queries):
    from django.core.cache import cache

    api.archive(learner, COURSE)
    cache.clear()
    # The JWT's user; the flag, read once and then kept in the shared cache; the page.
    with django_assert_num_queries(3):
        learner_client.get(API)
    with django_assert_num_queries(2):
        learner_client.get(API)
    warm_kill_switch_cache()


@pytest.fixture
def clock(monkeypatch):
    """The monotonic clock by which a worker keeps the kill switch's record, moved by hand."""
    now = [1000.0]
    monkeypatch.setattr(toggles.time, "monotonic", lambda: now[0])
    return now


def test_a_worker_reads_the_switch_from_the_shared_cache_at_most_every_few_seconds(
    learner, learner_client, clock, django_assert_num_queries
):
    from django.core.cache import cache

    api.archive(learner, COURSE)
    assert learner_client.get(API).status_code == 200
    cache.clear()  # waffle's record of the flag is gone from the shared cache: reading it would be a query
    with django_assert_num_queries(2):  # the JWT's user, the page: the flag is the worker's own record
        assert learner_client.get(API).status_code == 200
    # Another worker switches it off: the row, and waffle's shared cache, change; this process hears nothing.
    Flag.objects.bulk_create([Flag(name=toggles.DISABLED.name, everyone=True)])  # bulk_create sends no signal
    Flag(name=toggles.DISABLED.name).flush()
    clock[0] += toggles.FLAG_RECORD_SECONDS - 0.5
    assert learner_client.get(API).status_code == 200
    clock[0] += 0.5
    response = learner_client.get(API)
    assert response.status_code == 403
    assert response.json()["code"] == "archiving_disabled"


def test_a_switch_saved_in_this_worker_applies_to_its_next_request(learner, learner_client, clock, commit):
    assert learner_client.get(API).status_code == 200
    with commit():  # waffle empties the shared cache's record when the transaction commits
        flag = Flag.objects.create(name=toggles.DISABLED.name, everyone=True)
    assert learner_client.get(API).status_code == 403
    with commit():
        flag.everyone = None
        flag.save()
    assert learner_client.get(API).status_code == 200
    with commit():
        flag.users.add(learner)
    assert learner_client.get(API).status_code == 403
    with commit():
        flag.delete()
    assert learner_client.get(API).status_code == 200


# --- annotations -------------------------------------------------------------------------------------


def test_every_setting_and_toggle_carries_its_annotation():
    source = Path(conf.__file__).read_text()
    annotated = set(re.findall(r"# \.\. setting_name: (\S+)", source))
    assert annotated == set(conf.DEFAULTS)
    toggles = Path(conf.__file__).with_name("toggles.py").read_text()
    assert re.findall(r"# \.\. toggle_name: (\S+)", toggles) == ["course_archive.disabled"]


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what was deferred to the commit, as the request's transaction commits in the LMS."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
