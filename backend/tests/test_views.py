"""
REST API v1's status viewset (rest_api/v1/views.py): fields, create/read/update/delete, validation, by-course
upsert, bulk, and SQL per request.
"""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from opaque_keys.edx.keys import CourseKey

from course_archive import api, tracking
from course_archive.models import CourseArchiveStatus
from demo_host import tracking as captured
from tests.conftest import API, COURSE, OTHER_COURSE

pytestmark = pytest.mark.django_db

FIELDS = {
    "id",
    "course_id",
    "user",
    "is_archived",
    "archive_date",
    "created_at",
    "updated_at",
    "last_synced",
    "catalog",
}


def _courses(count, prefix="Bulk"):
    return [f"course-v1:edX+{prefix}{index}+2026" for index in range(count)]


# --- create / retrieve / update / delete -------------------------------------------------


def test_create_defaults_to_requesting_user_and_sets_archive_date(learner_client, learner):
    response = learner_client.post(API, {"course_id": COURSE, "is_archived": True}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert set(body) == FIELDS
    assert body["user"] == learner.pk
    assert body["course_id"] == COURSE
    assert body["is_archived"] is True
    assert body["archive_date"] is not None
    assert body["catalog"] is None


def test_create_twice_is_400_naming_course_id(learner_client):
    learner_client.post(API, {"course_id": COURSE}, format="json")
    response = learner_client.post(API, {"course_id": COURSE}, format="json")
    assert response.status_code == 400
    assert "course_id" in response.json()
    assert CourseArchiveStatus.objects.count() == 1


def test_unarchive_clears_archive_date_and_rearchive_sets_a_new_one(learner_client):
    row = learner_client.post(API, {"course_id": COURSE, "is_archived": True}, format="json").json()
    cleared = learner_client.patch(f"{API}{row['id']}/", {"is_archived": False}, format="json").json()
    assert cleared["archive_date"] is None
    again = learner_client.patch(f"{API}{row['id']}/", {"is_archived": True}, format="json").json()
    assert again["archive_date"] is not None and again["archive_date"] >= row["archive_date"]


def test_archiving_an_archived_row_keeps_its_archive_date(learner_client):
    row = learner_client.post(API, {"course_id": COURSE, "is_archived": True}, format="json").json()
    same = learner_client.patch(f"{API}{row['id']}/", {"is_archived": True}, format="json").json()
    assert same["archive_date"] == row["archive_date"]


def test_course_id_is_read_only_after_create(learner_client):
    row = learner_client.post(API, {"course_id": COURSE}, format="json").json()
    response = learner_client.patch(f"{API}{row['id']}/", {"course_id": OTHER_COURSE}, format="json")
    assert response.status_code == 400
    assert "course_id" in response.json()
    assert learner_client.get(f"{API}{row['id']}/").json()["course_id"] == COURSE
    # Sending the same course back (a full PUT) is fine.
    assert (
        learner_client.put(f"{API}{row['id']}/", {"course_id": COURSE, "is_archived": True}, format="json").status_code
        == 200
    )


def test_read_only_fields_in_input_are_ignored(learner_client):
    row = learner_client.post(API, {"course_id": COURSE}, format="json").json()
    response = learner_client.patch(
        f"{API}{row['id']}/",
        {"archive_date": "2000-01-01T00:00:00Z", "created_at": "2000-01-01T00:00:00Z"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["archive_date"] is None
    assert response.json()["created_at"] == row["created_at"]


def test_delete_removes_the_row(learner_client):
    row = learner_client.post(API, {"course_id": COURSE}, format="json").json()
    assert learner_client.delete(f"{API}{row['id']}/").status_code == 204
    assert learner_client.get(f"{API}{row['id']}/").status_code == 404


def test_course_ids_are_case_sensitive(learner_client):
    upper = learner_client.put(f"{API}by-course/course-v1:edX+DemoX+T1/", {"is_archived": True}, format="json")
    lower = learner_client.put(f"{API}by-course/course-v1:edx+demox+t1/", {"is_archived": True}, format="json")
    assert upper.status_code == lower.status_code == 201
    assert CourseArchiveStatus.objects.count() == 2


# --- validation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body, field",
    [
        ({"course_id": "not a key"}, "course_id"),
        ({"course_id": ""}, "course_id"),
        ({"course_id": 12}, "course_id"),
        ({"course_id": "course-v1:" + "x" * 300}, "course_id"),
        ({"course_id": COURSE, "is_archived": "perhaps"}, "is_archived"),
        ({"course_id": COURSE, "is_archived": [True]}, "is_archived"),
        ({"course_id": COURSE, "user": "abc"}, "user"),
        ({"course_id": COURSE, "user": True}, "user"),
        ({"course_id": COURSE, "colour": "blue"}, "colour"),
        ({}, "course_id"),
    ],
)
def test_bad_create_bodies_are_400_naming_the_field(learner_client, body, field):
    response = learner_client.post(API, body, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not CourseArchiveStatus.objects.exists()


@pytest.mark.parametrize(
    "query, field",
    [
        ("course_id=nope", "course_id"),
        ("course_id=course-v1:", "course_id"),
        ("user=me", "user"),
        ("is_archived=maybe", "is_archived"),
        ("page_size=101", "page_size"),
        ("page_size=0", "page_size"),
        ("page_size=-5", "page_size"),
        ("page_size=ten", "page_size"),
    ],
)
def test_bad_query_parameters_are_400_naming_the_parameter(learner_client, query, field):
    response = learner_client.get(f"{API}?{query}")
    assert response.status_code == 400
    assert field in response.json()


# --- PUT by-course/{course_id}/ -----------------------------------------------------------


def test_by_course_creates_then_updates(learner_client, learner):
    created = learner_client.put(f"{API}by-course/{COURSE}/", {"is_archived": True}, format="json")
    assert created.status_code == 201
    assert created.json()["is_archived"] is True and created.json()["user"] == learner.pk
    updated = learner_client.put(f"{API}by-course/{COURSE}/", {"is_archived": False}, format="json")
    assert updated.status_code == 200
    assert updated.json()["id"] == created.json()["id"]
    assert updated.json()["archive_date"] is None


def test_by_course_is_idempotent(learner_client):
    first = learner_client.put(f"{API}by-course/{COURSE}/", {"is_archived": True}, format="json").json()
    second = learner_client.put(f"{API}by-course/{COURSE}/", {"is_archived": True}, format="json")
    assert second.status_code == 200
    assert second.json() == first
    assert CourseArchiveStatus.objects.count() == 1


@pytest.mark.parametrize("wanted", [True, False])
def test_by_course_changes_a_row_another_writer_changed_after_its_update_passed_it_by(
    learner, wanted, django_capture_on_commit_callbacks
):
    """
    The ``UPDATE`` found the row already in the wanted state; another writer then changed it before the
    locking read (PostgreSQL skips a row that did not match without waiting for its writer). The request
    changes it again under the lock, answers the wanted state and sends its one event.
    """
    row = api.set_archive_state(learner, COURSE, wanted)[0]
    statements = []

    def another_writer(execute, sql, params, many, context):
        statements.append(sql.split(None, 1)[0].upper())
        if statements[-2:] == ["UPDATE", "SELECT"]:
            # Between this request's UPDATE (which matched nothing) and its locking read.
            CourseArchiveStatus.objects.filter(pk=row.pk).update(
                is_archived=not wanted, archive_date=row.updated_at if not wanted else None
            )
        return execute(sql, params, many, context)

    captured.EVENTS.clear()
    with django_capture_on_commit_callbacks(execute=True), connection.execute_wrapper(another_writer):
        status, created = api.set_archive_state(learner, COURSE, wanted)
    # This request's UPDATE and locking read, the other writer's UPDATE (run first), this request's UPDATE,
    # and the change in the activity log.
    assert statements == ["UPDATE", "SELECT", "UPDATE", "UPDATE", "INSERT"]
    assert not created and status.is_archived is wanted and (status.archive_date is not None) is wanted
    stored = CourseArchiveStatus.objects.get(pk=row.pk)
    assert stored.is_archived is wanted and stored.archive_date == status.archive_date
    assert [event["name"] for event in captured.EVENTS] == [
        tracking.EVENT_ARCHIVED if wanted else tracking.EVENT_UNARCHIVED
    ]


@pytest.mark.parametrize("wanted, theirs", [(True, True), (True, False), (False, True), (False, False)])
def test_a_first_by_course_inside_a_transaction_reads_the_row_another_request_created(
    learner, wanted, theirs, django_capture_on_commit_callbacks
):
    """
    Inside the caller's transaction (``ATOMIC_REQUESTS``), another request creates the row between this
    request's locking read (which found none) and its ``INSERT``: the insert's savepoint rolls back alone,
    and the request changes the other's row instead of failing with a 409.
    """
    statements = []

    def another_request(execute, sql, params, many, context):
        statements.append(sql.split(None, 1)[0].upper())
        if statements[-1] == "SAVEPOINT" and statements.count("SAVEPOINT") == 1:
            # Just before the savepoint of this request's INSERT.
            CourseArchiveStatus.objects.create(
                user=learner,
                course_id=CourseKey.from_string(COURSE),
                is_archived=theirs,
                archive_date=timezone.now() if theirs else None,
            )
        return execute(sql, params, many, context)

    captured.EVENTS.clear()
    with (
        transaction.atomic(),
        django_capture_on_commit_callbacks(execute=True),
        connection.execute_wrapper(another_request),
    ):
        status, created = api.set_archive_state(learner, COURSE, wanted)
    # This request's UPDATE, locking read, lock of the learner, second look and count of the learner's rows
    # (the cap); the other's INSERT; this request's INSERT (refused, rolled back to its savepoint); the
    # locking read that finds the other's row, and its UPDATE where the states differ (logged as activity).
    assert [s for s in statements if s not in ("SAVEPOINT", "RELEASE", "ROLLBACK")] == [
        "UPDATE",
        "SELECT",
        "SELECT",
        "SELECT",
        "SELECT",
        "INSERT",
        "INSERT",
        "SELECT",
        *(["UPDATE", "INSERT"] if wanted is not theirs else []),  # the change, and its line in the activity log
    ]
    assert not created
    assert status.is_archived is wanted and (status.archive_date is not None) is wanted
    stored = CourseArchiveStatus.objects.get(user=learner)
    assert stored.pk == status.pk and stored.is_archived is wanted
    expected = [] if wanted is theirs else [tracking.EVENT_ARCHIVED if wanted else tracking.EVENT_UNARCHIVED]
    assert [event["name"] for event in captured.EVENTS] == expected


def test_by_course_accepts_url_encoded_and_old_style_keys(learner_client):
    encoded = learner_client.put(
        f"{API}by-course/course-v1%3AedX%2BDemoX%2B2026/", {"is_archived": True}, format="json"
    )
    assert encoded.status_code == 201 and encoded.json()["course_id"] == COURSE
    old = learner_client.put(f"{API}by-course/edX/Old101/2012_Fall/", {"is_archived": True}, format="json")
    assert old.status_code == 201 and old.json()["course_id"] == "edX/Old101/2012_Fall"


def test_by_course_only_touches_the_requesting_users_row(learner_client, other_learner):
    others = api.create_status(other_learner, COURSE, is_archived=False)
    learner_client.put(f"{API}by-course/{COURSE}/", {"is_archived": True}, format="json")
    others.refresh_from_db()
    assert others.is_archived is False


@pytest.mark.parametrize(
    "path, body, field",
    [
        (f"{API}by-course/not-a-key/", {"is_archived": True}, "course_id"),
        (f"{API}by-course/{COURSE}/", {}, "is_archived"),
        (f"{API}by-course/{COURSE}/", {"is_archived": "sure"}, "is_archived"),
        (f"{API}by-course/{COURSE}/", {"is_archived": True, "user": 5}, "user"),
    ],
)
def test_by_course_bad_input_is_400(learner_client, path, body, field):
    response = learner_client.put(path, body, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not CourseArchiveStatus.objects.exists()


# --- POST bulk/ ---------------------------------------------------------------------------


def test_bulk_archives_and_unarchives(learner_client, learner):
    existing = api.create_status(learner, OTHER_COURSE)
    courses = [*_courses(3), OTHER_COURSE]
    response = learner_client.post(f"{API}bulk/", {"course_ids": courses, "is_archived": True}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 4
    assert [r["course_id"] for r in body["results"]] == courses
    assert all(r["is_archived"] and r["archive_date"] for r in body["results"])
    assert next(r for r in body["results"] if r["course_id"] == OTHER_COURSE)["id"] == existing.pk

    back = learner_client.post(f"{API}bulk/", {"course_ids": courses[:2], "is_archived": False}, format="json").json()
    assert all(not r["is_archived"] and r["archive_date"] is None for r in back["results"])
    assert api.statuses_visible_to(learner).filter(is_archived=True).count() == 2


def test_bulk_keeps_archive_date_of_rows_already_in_that_state(learner_client, learner):
    before = api.archive(learner, COURSE)
    learner_client.post(f"{API}bulk/", {"course_ids": [COURSE, OTHER_COURSE], "is_archived": True}, format="json")
    before_date = before.archive_date
    before.refresh_from_db()
    assert before.archive_date == before_date


def test_bulk_with_101_ids_writes_nothing(learner_client):
    response = learner_client.post(f"{API}bulk/", {"course_ids": _courses(101), "is_archived": True}, format="json")
    assert response.status_code == 400
    assert "course_ids" in response.json()
    assert not CourseArchiveStatus.objects.exists()


def test_bulk_lists_every_bad_id_and_writes_nothing(learner_client):
    courses = [_courses(1)[0], "bad-one", 42, None, "course-v1:", _courses(2)[1]]
    response = learner_client.post(f"{API}bulk/", {"course_ids": courses, "is_archived": True}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert "course_ids" in body
    assert len(body["invalid_course_ids"]) == 4
    assert "bad-one" in body["invalid_course_ids"] and "course-v1:" in body["invalid_course_ids"]
    assert not CourseArchiveStatus.objects.exists()


@pytest.mark.parametrize(
    "body, field",
    [
        ({"course_ids": [], "is_archived": True}, "course_ids"),
        ({"course_ids": "course-v1:a+b+c", "is_archived": True}, "course_ids"),
        ({"course_ids": [COURSE]}, "is_archived"),
        ({"course_ids": [COURSE], "is_archived": True, "user": 3}, "user"),
    ],
)
def test_bulk_bad_bodies_are_400(learner_client, body, field):
    response = learner_client.post(f"{API}bulk/", body, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not CourseArchiveStatus.objects.exists()


def test_bulk_repeated_ids_make_one_row(learner_client):
    response = learner_client.post(f"{API}bulk/", {"course_ids": [COURSE, COURSE], "is_archived": True}, format="json")
    assert response.status_code == 200
    assert response.json()["count"] == 1
    assert CourseArchiveStatus.objects.count() == 1


# --- SQL queries per request --------------------------------------------------------------


def _queries(callable_):
    with CaptureQueriesContext(connection) as context:
        response = callable_()
    assert response.status_code < 300, response.content
    return len(context.captured_queries)


def test_list_costs_the_same_queries_for_1_or_100_rows(learner_client, learner):
    api.bulk_set_archive_state(learner, _courses(100), True)
    one = _queries(lambda: learner_client.get(f"{API}?page_size=1"))
    hundred = _queries(lambda: learner_client.get(f"{API}?page_size=100"))
    assert one == hundred


def test_queries_per_request(learner_client, learner, django_assert_num_queries):
    row = api.archive(learner, COURSE)
    api.bulk_set_archive_state(learner, _courses(50), True)
    # JWT auth loads the user (1); list: the page with its catalog facts (joined) and its exact count
    # (a scalar subquery) (1).
    with django_assert_num_queries(2):
        learner_client.get(f"{API}?page_size=100")
    # user, row with its catalog facts
    with django_assert_num_queries(2):
        learner_client.get(f"{API}{row.pk}/")
    # user; UPDATE (no savepoint inside the test's transaction); INSERT into the activity log; the row with
    # its catalog facts
    with django_assert_num_queries(4):
        learner_client.put(f"{API}by-course/{COURSE}/", {"is_archived": False}, format="json")
    # user; the learner's row count (the cap); INSERT ... ON CONFLICT DO NOTHING, UPDATE, SELECT with catalog
    # facts, INSERT into the activity log (no savepoint)
    with django_assert_num_queries(6):
        learner_client.post(f"{API}bulk/", {"course_ids": _courses(100), "is_archived": True}, format="json")
