"""
COURSE_CATALOG_INFO_CHANGED applied to catalog facts (catalog.py), through openedx-events' real send_event:
stored once, in order, at a constant cost, shown by the API read-only; malformed events logged, not applied.
The receiver is test_handlers, the task test_tasks (run eagerly here, by a real worker in
test_celery_worker.py).
"""

import datetime
import logging
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from opaque_keys.edx.keys import CourseKey

from course_archive import api
from course_archive.models import CourseArchiveStatus, CourseCatalogInfo
from tests.conftest import API, KEY, START, catalog_data, event_metadata


def _statuses_snapshot(course_key=KEY):
    return list(CourseArchiveStatus.objects.filter(course_id=course_key).order_by("pk").values())


@pytest.mark.django_db
def test_send_event_stores_catalog_facts_once_for_the_course(make_user, send):
    for index in range(3):
        api.archive(make_user(f"u{index}"), KEY)
    statuses = _statuses_snapshot()
    end = START + datetime.timedelta(days=60)
    before = datetime.datetime.now(datetime.UTC)
    send(catalog_data(end=end, enrollment_end=end))

    info = CourseCatalogInfo.objects.get(course_id=KEY)
    assert (info.name, info.hidden, info.invitation_only, info.pacing) == ("Demo course", True, False, "self")
    assert (info.start, info.end, info.enrollment_end, info.enrollment_start) == (START, end, end, None)
    assert info.event_id is not None and info.last_synced >= before
    # The statuses are not written: their last_synced is the course's.
    assert _statuses_snapshot() == statuses
    assert {row.last_synced for row in api.statuses_visible_to(make_user("staff", is_staff=True))} == {info.last_synced}


@pytest.mark.django_db
def test_the_same_event_id_again_changes_nothing(send):
    metadata = event_metadata()
    send(catalog_data("First"), metadata)
    info = CourseCatalogInfo.objects.get()
    send(catalog_data("Replayed with other data"), metadata)
    again = CourseCatalogInfo.objects.get()
    assert (again.name, again.updated_at, again.last_synced) == ("First", info.updated_at, info.last_synced)


@pytest.mark.django_db
def test_an_older_event_changes_nothing_a_newer_one_applies(send):
    now = datetime.datetime.now(datetime.UTC)
    send(catalog_data("Newest"), event_metadata(time=now))
    send(catalog_data("Older"), event_metadata(time=now - datetime.timedelta(minutes=5)))
    assert CourseCatalogInfo.objects.get().name == "Newest"
    send(catalog_data("Newer still"), event_metadata(time=now + datetime.timedelta(minutes=5)))
    assert CourseCatalogInfo.objects.get().name == "Newer still"


@pytest.mark.django_db
def test_three_deliveries_out_of_order_have_one_effect(send):
    now = datetime.datetime.now(datetime.UTC)
    newest, older = event_metadata(time=now), event_metadata(time=now - datetime.timedelta(seconds=30))
    for catalog, metadata in [(catalog_data("B"), newest), (catalog_data("A"), older), (catalog_data("B"), newest)]:
        send(catalog, metadata)
    info = CourseCatalogInfo.objects.get()
    assert (info.name, info.event_id) == ("B", newest.id)


class _Writes:
    """Every statement the connection runs, as (SQL with placeholders, rows it affected)."""

    def __init__(self):
        self.statements = []

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        verb = sql.split()[0].upper()
        if verb in ("SAVEPOINT", "RELEASE", "ROLLBACK"):
            sql = verb  # savepoint names differ from one call to the next
        if verb == "INSERT":  # one row a statement (create()); rowcount is not set before RETURNING is read
            rows = len(params) if many else 1
        else:
            rows = context["cursor"].rowcount if verb in ("UPDATE", "DELETE") else None
        self.statements.append((sql, rows))
        return result

    def tables_written(self):
        written = set()
        for sql, _ in self.statements:
            verb = sql.split()[0].upper()
            if verb in ("INSERT", "UPDATE", "DELETE"):
                written |= {t for t in connection.introspection.table_names() if t in sql}
        return written


def _events_cost(send, course_key):
    """The statements of a course's first event and of a later one, with the rows each wrote."""
    costs = []
    for name in ("First", "Renamed"):
        writes = _Writes()
        with connection.execute_wrapper(writes):
            send(catalog_data(name, key=course_key))
        costs.append(writes)
    return costs


@pytest.mark.django_db
def test_an_event_costs_the_same_for_a_course_with_1_and_50000_statuses(make_user, send):
    small, big = CourseKey.from_string("course-v1:edX+Small+2026"), CourseKey.from_string("course-v1:edX+Big+2026")
    learner = make_user("the-one")
    api.archive(learner, small)
    User = get_user_model()
    User.objects.bulk_create([User(username=f"learner{i}", password="!") for i in range(50_000)], batch_size=5000)
    CourseArchiveStatus.objects.bulk_create(
        [CourseArchiveStatus(user_id=pk, course_id=big) for pk in User.objects.values_list("pk", flat=True)],
        batch_size=5000,
    )
    assert CourseArchiveStatus.objects.filter(course_id=big).count() == 50_001

    small_cost, big_cost = _events_cost(send, small), _events_cost(send, big)
    assert [w.statements for w in small_cost] == [w.statements for w in big_cost]
    first, later = big_cost
    catalog_table = CourseCatalogInfo._meta.db_table
    # The course's first event: conditional UPDATE (no row), SELECT, INSERT in a savepoint; one row written.
    assert [sql.split()[0] for sql, _ in first.statements] == ["UPDATE", "SELECT", "SAVEPOINT", "INSERT", "RELEASE"]
    assert [rows for sql, rows in first.statements if sql.startswith(("UPDATE", "INSERT"))] == [0, 1]
    # Every later event: one conditional UPDATE of one row, whatever the number of learners.
    assert [(sql.split()[0], rows) for sql, rows in later.statements] == [("UPDATE", 1)]
    assert first.tables_written() == later.tables_written() == {catalog_table}
    assert CourseCatalogInfo.objects.get(course_id=big).name == "Renamed"


@pytest.mark.django_db
def test_api_shows_catalog_facts_and_last_synced_read_only(learner_client, learner, django_assert_num_queries, send):
    for index in range(5):
        course = f"course-v1:edX+Cat{index}+2026"
        api.archive(learner, course)
        send(catalog_data(f"Course {index}", key=CourseKey.from_string(course)))
    api.archive(learner, "course-v1:edX+NoEvent+2026")
    # user; the page with its catalog facts and last_synced (joined) and its count (a scalar subquery)
    with django_assert_num_queries(2):
        results = learner_client.get(f"{API}?page_size=100").json()["results"]
    by_course = {r["course_id"]: r for r in results}
    assert by_course["course-v1:edX+NoEvent+2026"]["catalog"] is None
    assert by_course["course-v1:edX+NoEvent+2026"]["last_synced"] is None
    row = by_course["course-v1:edX+Cat3+2026"]
    assert (row["catalog"]["name"], row["catalog"]["pacing"]) == ("Course 3", "self")
    synced = CourseCatalogInfo.objects.get(course_id=CourseKey.from_string("course-v1:edX+Cat3+2026")).last_synced
    assert row["last_synced"] == synced.isoformat().replace("+00:00", "Z")
    changed = learner_client.patch(
        f"{API}{row['id']}/", {"catalog": {"name": "Hacked"}, "last_synced": None}, format="json"
    )
    assert changed.status_code == 200
    assert (changed.json()["catalog"]["name"], changed.json()["last_synced"]) == ("Course 3", row["last_synced"])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "catalog_info, metadata",
    [
        (None, "metadata"),
        ("not catalog data", "metadata"),
        ("catalog", None),
        ("catalog", "no-time"),
    ],
)
def test_malformed_events_are_logged_not_applied(caplog, catalog_info, metadata):
    catalog_info = catalog_data() if catalog_info == "catalog" else catalog_info
    if metadata == "metadata":
        metadata = event_metadata()
    elif metadata == "no-time":
        metadata = type("M", (), {"id": uuid.uuid4(), "time": None})()
    with caplog.at_level(logging.ERROR, logger="course_archive"):
        assert api.apply_catalog_event(catalog_info, metadata) is False
    assert not CourseCatalogInfo.objects.exists()
    assert "malformed" in caplog.text


@pytest.mark.django_db
def test_a_later_event_is_one_statement(make_user, send, django_assert_num_queries):
    api.archive(make_user("someone"), KEY)
    send()
    # The task's only statement; no transaction, no status row touched.
    with django_assert_num_queries(1):
        send(catalog_data("Renamed"))
