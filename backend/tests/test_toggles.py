"""
The kill switch (toggles.py, waffle flag ``course_archive.disabled``): 403 for learners and staff, per
learner, Learner Home as without the plugin, one query on a cold cache, a worker's record of the flag.
"""

import pytest
from waffle.models import Flag

from course_archive import api, toggles
from demo_host import tracking as captured
from tests.conftest import API, COURSE, OTHER_COURSE, warm_kill_switch_cache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def events():
    captured.EVENTS.clear()
    yield captured.EVENTS
    captured.EVENTS.clear()


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


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what was deferred to the commit, as the request's transaction commits in the LMS."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
