"""
SQL per request of every ``make bench`` scenario, pinned: speed is measured by the benchmark, never
asserted here; what is deterministic (the number of queries) is.

Each test runs inside a transaction, as each request does in the LMS (``ATOMIC_REQUESTS``, which the
benchmark's settings have too): a write inside it can be retried by nobody, so it makes no savepoint.
"""

import pytest
from bench.scenarios import scenarios
from django.core.cache import cache
from django.test import override_settings

from course_archive import api
from course_archive.models import CourseArchiveStatus
from course_archive.rest_api.v1 import pagination
from tests.conftest import BENCH_BIG_COURSE, BENCH_BULK_COURSES, BENCH_COURSES, warm_kill_switch_cache

pytestmark = pytest.mark.django_db

BIG_COURSE, COURSES, BULK_COURSES = BENCH_BIG_COURSE, BENCH_COURSES, BENCH_BULK_COURSES
SCENARIOS = {scenario.key: scenario for scenario in scenarios(BIG_COURSE, BULK_COURSES)}


@pytest.fixture
def data(bench_data):
    return bench_data


def _call(client, scenario, body_index=0):
    if scenario.method == "GET":
        return client.get(scenario.path)
    body = scenario.encoded_bodies[body_index % len(scenario.encoded_bodies)]
    return getattr(client, scenario.method.lower())(scenario.path, data=body, content_type="application/json")


@pytest.mark.parametrize(
    ("key", "role", "queries"),
    [
        # user
        ("ceiling", "learner", 1),
        # user; page with its catalog facts (joined) and its exact count (a scalar subquery)
        ("learner_archived", "learner", 2),
        ("learner_all", "learner", 2),
        # user; COUNT (exact, filtered); page with its catalog facts
        ("staff_course", "staff", 3),
    ],
)
def test_reads(data, client_for, staff, django_assert_num_queries, key, role, queries):
    client = client_for(data if role == "learner" else staff)
    scenario = SCENARIOS[key]
    with django_assert_num_queries(queries):
        response = _call(client, scenario)
    assert response.status_code == 200


def test_dashboard_request(data, client_for, django_assert_num_queries):
    """The widget's request on each dashboard load: user; the page of archived rows of the site's orgs."""
    scenario = next(
        s for s in scenarios(BIG_COURSE, BULK_COURSES, heavy_user_id=data.pk) if s.key == "learner_dashboard"
    )
    client = client_for(data)
    with django_assert_num_queries(2) as queries:
        response = client.get(scenario.path)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 60 and len(body["results"]) == 60
    assert all(row["is_archived"] and row["user"] == data.pk for row in body["results"])
    assert queries.captured_queries[-1]["sql"].upper().count("LIKE") == 2 * 9  # 3 orgs, 3 prefixes, page and count


def test_staff_lists_all_counts_every_row_once_per_ttl(data, client_for, staff, django_assert_num_queries):
    client = client_for(staff)
    scenario = SCENARIOS["staff_all"]
    cache.clear()
    warm_kill_switch_cache()
    # Under COURSE_ARCHIVE_ESTIMATED_COUNT_THRESHOLD: user; the table's estimate; the exact COUNT of every row
    # (both then kept for UNFILTERED_COUNT_TTL seconds); page with its catalog facts
    with django_assert_num_queries(4):
        first = _call(client, scenario).json()
    # user; page with its catalog facts
    with django_assert_num_queries(2):
        again = _call(client, scenario).json()
    total = CourseArchiveStatus.objects.count()
    assert first["count"] == again["count"] == total
    assert first["results"] == again["results"]


@override_settings(COURSE_ARCHIVE_ESTIMATED_COUNT_THRESHOLD=10)
def test_staff_lists_all_above_the_threshold_reads_the_estimate_not_the_rows(
    data, client_for, staff, django_assert_num_queries
):
    client = client_for(staff)
    scenario = SCENARIOS["staff_all"]
    cache.clear()
    warm_kill_switch_cache()
    # user; the table's estimate (then kept for UNFILTERED_COUNT_TTL seconds); page with its catalog facts
    with django_assert_num_queries(3) as queries:
        response = _call(client, scenario)
    assert response[pagination.ESTIMATED_COUNT_HEADER] == "true"
    assert not any("COUNT(" in query["sql"].upper() for query in queries.captured_queries)
    # user; page with its catalog facts
    with django_assert_num_queries(2):
        again = _call(client, scenario)
    assert again.json()["count"] == response.json()["count"] and again[pagination.ESTIMATED_COUNT_HEADER] == "true"


def test_staff_filtered_large_count_is_reused_small_one_stays_exact(
    data, client_for, staff, make_user, django_assert_num_queries, monkeypatch
):
    client = client_for(staff)
    scenario = SCENARIOS["staff_course"]
    monkeypatch.setattr(pagination, "LARGE_COUNT", 6)  # the big course has 6 rows here
    warm_kill_switch_cache()
    # user; COUNT (6 rows: large, kept for UNFILTERED_COUNT_TTL seconds); page
    with django_assert_num_queries(3):
        first = _call(client, scenario).json()
    api.archive(make_user("latecomer"), BIG_COURSE)
    # user; page: the count of the same query, made just now, is reused
    with django_assert_num_queries(2):
        again = _call(client, scenario).json()
    assert first["count"] == again["count"] == 6
    # Another page, page size or ordering of the same rows reuses it too.
    with django_assert_num_queries(2):
        other_page = _call_path(client, f"{scenario.path}&page_size=2&page=2&ordering=user")
    assert other_page["count"] == 6 and len(other_page["results"]) == 2
    # Another filter is another count; under LARGE_COUNT it is exact on every request.
    archived = f"{scenario.path}&is_archived=false"
    with django_assert_num_queries(2):  # user; COUNT (0: an empty first page reads no page)
        assert _call_path(client, archived)["count"] == 0
    api.set_archive_state(staff, BIG_COURSE, False)
    with django_assert_num_queries(3):
        assert _call_path(client, archived)["count"] == 1


def _call_path(client, path):
    return client.get(path).json()


def test_learner_count_is_exact_on_every_page(data, learner_client):
    archived = learner_client.get(f"{SCENARIOS['learner_archived'].path}&page=3").json()
    assert archived["count"] == 60 and len(archived["results"]) == 20 and archived["next"] is None
    everything = learner_client.get(f"{SCENARIOS['learner_all'].path}&page=2").json()
    assert everything["count"] == 150 and len(everything["results"]) == 50
    assert learner_client.get(f"{SCENARIOS['learner_all'].path}&page=3").status_code == 404
    assert learner_client.get("/course-archive/api/v1/course-archive-status/?page=last").json()["count"] == 150


def test_learner_with_no_rows_gets_an_empty_first_page(make_user, client_for, django_assert_num_queries):
    client = client_for(make_user("newcomer"))
    # user; the (empty) page; Django's COUNT, which decides the empty first page
    with django_assert_num_queries(3):
        body = client.get(SCENARIOS["learner_all"].path).json()
    assert body == {"count": 0, "next": None, "previous": None, "results": []}


def _statements(queries):
    """Each statement's first words, e.g. ``SELECT`` or ``SELECT … FOR UPDATE``."""
    kinds = []
    for query in queries.captured_queries:
        sql = query["sql"].upper()
        kind = sql.split(None, 1)[0]
        kinds.append(f"{kind} … FOR UPDATE" if kind == "SELECT" and " FOR UPDATE" in sql else kind)
    return kinds


@pytest.mark.parametrize("body_index", [0, 1])
def test_toggle(data, learner_client, django_assert_num_queries, body_index):
    api.set_archive_state(data, BIG_COURSE, body_index == 1)  # so each request changes the row
    # user; UPDATE of the row if its state differs; INSERT of the change into the overview's activity log;
    # the row with its catalog facts, locking nothing (joined). No SAVEPOINT/RELEASE around the write.
    with django_assert_num_queries(4) as queries:
        response = _call(learner_client, SCENARIOS["toggle"], body_index)
    assert response.status_code == 200 and response.json()["is_archived"] is (body_index == 0)
    assert _statements(queries) == ["SELECT", "UPDATE", "INSERT", "SELECT"]
    assert " JOIN " in queries.captured_queries[-1]["sql"].upper()


@pytest.mark.parametrize("body_index", [0, 1])
def test_patch(data, learner_client, django_assert_num_queries, body_index):
    row = api.set_archive_state(data, BIG_COURSE, body_index == 1)[0]  # so each request changes the row
    scenario = next(s for s in scenarios(BIG_COURSE, BULK_COURSES, [row.pk]) if s.key == "patch")
    # user; the row with its catalog facts (joined); UPDATE; INSERT into the activity log. No SAVEPOINT/RELEASE.
    with django_assert_num_queries(4) as queries:
        response = learner_client.patch(
            scenario.paths[0], data=scenario.encoded_bodies[body_index], content_type="application/json"
        )
    assert response.status_code == 200 and response.json()["is_archived"] is (body_index == 0)
    assert _statements(queries) == ["SELECT", "SELECT", "UPDATE", "INSERT"]


@pytest.mark.parametrize("body_index", [0, 1])
def test_bulk_100(data, learner_client, django_assert_num_queries, body_index):
    _call(learner_client, SCENARIOS["bulk"], body_index + 1)
    # user; the learner's rows and how many of the courses have one (the cap; every one has: no INSERT);
    # UPDATE, SELECT with catalog facts; one INSERT of the changes into the activity log. No SAVEPOINT/RELEASE.
    with django_assert_num_queries(5) as queries:
        response = _call(learner_client, SCENARIOS["bulk"], body_index)
    assert response.status_code == 200 and response.json()["count"] == len(BULK_COURSES)
    assert _statements(queries) == ["SELECT", "SELECT", "UPDATE", "SELECT", "INSERT"]


def test_bulk_100_of_new_rows(make_user, client_for, django_assert_num_queries):
    client = client_for(make_user("newcomer"))
    # user; the counts; INSERT ... ON CONFLICT DO NOTHING of the rows, UPDATE, SELECT; the activity log's INSERT.
    with django_assert_num_queries(6) as queries:
        response = _call(client, SCENARIOS["bulk"], 0)
    assert response.status_code == 200 and response.json()["count"] == len(BULK_COURSES)
    assert _statements(queries) == ["SELECT", "SELECT", "INSERT", "UPDATE", "SELECT", "INSERT"]
