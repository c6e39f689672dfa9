"""
Race-safe writes (state_writes.py, bulk_writes.py) under concurrent writers on a real database server
(MariaDB, PostgreSQL): one row per (user, course), no 5xx.

Each thread has its own database connection, as each worker of the LMS does. SQLite (one writer at a
time, in-memory for tests) has nothing to show here and is skipped.
"""

import random
import threading

import pytest
from django.db import connection, connections

from course_archive import tracking
from course_archive.models import CourseArchiveStatus
from demo_host import tracking as captured
from tests.conftest import API, COURSE

pytestmark = [
    pytest.mark.concurrency,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor == "sqlite", reason="needs a database server"),
]


def _run_threads(count, work):
    barrier = threading.Barrier(count)
    results, errors = [None] * count, []

    def run(index):
        try:
            barrier.wait()
            results[index] = work(index)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    return results


def _assert_consistent(rows):
    for row in rows:
        assert (row.archive_date is not None) is row.is_archived, row


@pytest.fixture(params=[False, True], ids=["autocommit", "atomic-requests"])
def atomic_requests(request, monkeypatch):
    """Each request in autocommit, or in one transaction (``ATOMIC_REQUESTS``, as the LMS has it)."""
    # Django's handler reads the settings; each thread's new connection copies them.
    monkeypatch.setitem(connections.settings["default"], "ATOMIC_REQUESTS", request.param)
    monkeypatch.setitem(connections["default"].settings_dict, "ATOMIC_REQUESTS", request.param)
    return request.param


def test_20_threads_upserting_and_toggling_one_course(client_for, learner, atomic_requests):
    # No row yet: every thread's first request races to create it, in autocommit or in the request's
    # transaction (ATOMIC_REQUESTS), and none of them may answer 409.
    captured.EVENTS.clear()

    def work(index):
        client = client_for(learner)
        outcomes = []
        for step in range(3):
            wanted = (index + step) % 2 == 0
            response = client.put(f"{API}by-course/{COURSE}/", {"is_archived": wanted}, format="json")
            assert response.status_code in (200, 201), response.content
            outcomes.append({**response.json(), "status": response.status_code, "wanted": wanted})
        return outcomes

    results = _run_threads(20, work)
    responses = [r for outcomes in results for r in outcomes]
    rows = list(CourseArchiveStatus.objects.filter(user=learner))
    assert len(rows) == 1
    assert sum(1 for r in responses if r["status"] == 201) == 1
    # Each answer shows the state its request set, whoever else was writing the row.
    assert [r for r in responses if r["is_archived"] is not r["wanted"]] == []
    # The row holds the state of a write that changed it last, and its time never went back.
    latest = max(r["updated_at"] for r in responses)
    assert rows[0].updated_at.isoformat().replace("+00:00", "Z") == latest
    assert rows[0].is_archived in {r["is_archived"] for r in responses if r["updated_at"] == latest}
    _assert_consistent(rows)
    # One event per change of state: the changes alternate, from none (a row created unarchived sends none).
    names = [event["name"] for event in captured.EVENTS]
    assert names.count(tracking.EVENT_ARCHIVED) - names.count(tracking.EVENT_UNARCHIVED) == int(rows[0].is_archived)
    captured.EVENTS.clear()


def test_10_threads_bulk_archiving_overlapping_course_sets(client_for, learner):
    courses = [f"course-v1:edX+Overlap{index}+2026" for index in range(30)]

    def work(index):
        rng = random.Random(index)
        chosen = rng.sample(courses, 20)
        response = client_for(learner).post(
            f"{API}bulk/", {"course_ids": chosen, "is_archived": index % 3 != 0}, format="json"
        )
        assert response.status_code == 200, response.content
        return chosen

    chosen_sets = _run_threads(10, work)
    touched = {course for chosen in chosen_sets for course in chosen}
    rows = list(CourseArchiveStatus.objects.filter(user=learner))
    assert len(rows) == len(touched)
    assert len({str(row.course_id) for row in rows}) == len(rows)
    _assert_consistent(rows)
