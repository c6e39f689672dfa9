"""
Counts of a large status table without reading every row: the database's estimate above
COURSE_ARCHIVE_ESTIMATED_COUNT_THRESHOLD in the REST API's unfiltered staff list and in the admin, bounded
counts of the admin's filtered lists, exact counts everywhere else. Run on SQLite, MariaDB and PostgreSQL.
"""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from course_archive import api
from course_archive.models import CourseArchiveStatus
from course_archive.rest_api.v1.pagination import ESTIMATED_COUNT_HEADER
from tests.conftest import API, warm_kill_switch_cache

CHANGELIST = reverse("admin:course_archive_coursearchivestatus_changelist")
ROWS = 30
HEADER_KEY = ESTIMATED_COUNT_HEADER


def _courses(count, prefix="C"):
    return [f"course-v1:edX+{prefix}{index}+2026" for index in range(count)]


def _analyze():
    """Fresh statistics, as the database's own background work keeps them (autovacuum, InnoDB's sampling)."""
    table = connection.ops.quote_name(CourseArchiveStatus._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "mysql":
            cursor.execute(f"ANALYZE TABLE {table}")
            cursor.fetchall()
        elif connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {table}")


@pytest.fixture
def rows(make_user):
    """A learner with ROWS statuses, a third of them archived, with fresh statistics."""
    learner = make_user("many")
    api.bulk_set_archive_state(learner, _courses(ROWS)[: ROWS // 3], True)
    api.bulk_set_archive_state(learner, _courses(ROWS)[ROWS // 3 :], False)
    _analyze()
    return learner


def _counts_the_table(queries):
    """Whether one of ``queries`` counts the status table (a COUNT over it with no LIMIT under it)."""
    table = CourseArchiveStatus._meta.db_table
    return any(
        "COUNT(" in query["sql"].upper() and table in query["sql"] and " LIMIT " not in query["sql"].upper()
        for query in queries.captured_queries
    )


# ANALYZE TABLE commits on MariaDB: these tests run outside a test transaction.
transactional = pytest.mark.django_db(transaction=True)


@transactional
def test_the_estimate_is_near_the_row_count(rows):
    estimate = api.table_estimate(CourseArchiveStatus)
    assert estimate is not None
    assert ROWS * 0.5 <= estimate <= ROWS * 1.5


@transactional
def test_below_the_threshold_the_count_is_exact_and_reused(rows):
    assert api.table_count(CourseArchiveStatus) == (ROWS, False)
    api.archive(rows, "course-v1:edX+Late+2026")
    with CaptureQueriesContext(connection) as queries:
        assert api.table_count(CourseArchiveStatus) == (ROWS, False)  # kept for TABLE_COUNT_TTL seconds
    assert len(queries) == 0


@transactional
@override_settings(COURSE_ARCHIVE_ESTIMATED_COUNT_THRESHOLD=ROWS // 3)
def test_above_the_threshold_the_count_is_the_estimate_without_counting(rows):
    with CaptureQueriesContext(connection) as queries:
        count, estimated = api.table_count(CourseArchiveStatus)
    assert estimated and count == api.table_estimate(CourseArchiveStatus)
    assert not _counts_the_table(queries)


@transactional
def test_bounded_count_reads_at_most_the_bound(rows):
    archived = CourseArchiveStatus.objects.filter(is_archived=True)
    assert api.bounded_count(archived, limit=100) == (ROWS // 3, False)
    assert api.bounded_count(archived, limit=ROWS // 3) == (ROWS // 3, False)
    with CaptureQueriesContext(connection) as queries:
        assert api.bounded_count(archived, limit=4) == (4, True)
    assert " LIMIT 5" in queries.captured_queries[0]["sql"].upper()


# --- the REST API -----------------------------------------------------------------------------------------


@transactional
@override_settings(COURSE_ARCHIVE_ESTIMATED_COUNT_THRESHOLD=ROWS // 3)
def test_staff_list_of_every_row_gives_the_estimate_and_says_so(rows, staff_client):
    warm_kill_switch_cache()
    with CaptureQueriesContext(connection) as queries:
        response = staff_client.get(API)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}  # the contract's envelope, unchanged
    assert body["count"] == api.table_estimate(CourseArchiveStatus)
    assert response[HEADER_KEY] == "true"
    assert not _counts_the_table(queries)
    # user; the table's estimate (then kept for TABLE_COUNT_TTL seconds); the page with its catalog facts
    assert len(queries) == 3


@transactional
@override_settings(COURSE_ARCHIVE_ESTIMATED_COUNT_THRESHOLD=ROWS // 3)
def test_filtered_and_learner_lists_stay_exact_and_unmarked(rows, staff_client, client_for):
    by_course = staff_client.get(API, {"course_id": _courses(1)[0]})
    assert by_course.json()["count"] == 1 and HEADER_KEY not in by_course
    by_user = staff_client.get(API, {"user": rows.pk})
    assert by_user.json()["count"] == ROWS and HEADER_KEY not in by_user
    own = client_for(rows).get(API)
    assert own.json()["count"] == ROWS and HEADER_KEY not in own


@transactional
@override_settings(COURSE_ARCHIVE_ESTIMATED_COUNT_THRESHOLD=ROWS // 3)
def test_staff_filter_no_index_serves_counts_at_most_the_threshold(rows, staff_client):
    # ROWS - ROWS // 3 active rows: more than the threshold, so the count stops there and says so.
    active = staff_client.get(API, {"is_archived": "false"})
    assert active.json()["count"] == ROWS // 3 and active[HEADER_KEY] == "true"
    with CaptureQueriesContext(connection) as queries:
        staff_client.get(API, {"is_archived": "false", "page_size": "5"})
    assert " LIMIT 11" in " ".join(q["sql"].upper() for q in queries.captured_queries)
    assert not _counts_the_table(queries)
    # At or under the threshold it is exact, and unmarked.
    archived = staff_client.get(API, {"is_archived": "true"})
    assert archived.json()["count"] == ROWS // 3 and HEADER_KEY not in archived
    # The same filter with a course: that course's rows, through its index, exactly.
    by_course = staff_client.get(API, {"is_archived": "false", "course_id": _courses(ROWS)[-1]})
    assert by_course.json()["count"] == 1 and HEADER_KEY not in by_course


@transactional
def test_below_the_threshold_the_staff_list_is_exact_and_unmarked(rows, staff_client):
    response = staff_client.get(API)
    assert response.json()["count"] == ROWS and HEADER_KEY not in response


def test_the_schema_says_the_count_may_be_estimated(client):
    schema = client.get("/course-archive/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    answer = schema["paths"][API]["get"]["responses"]["200"]
    assert answer["headers"][HEADER_KEY]["schema"]["enum"] == ["true"]
    envelope = answer["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert "estimate" in schema["components"]["schemas"][envelope]["properties"]["count"]["description"]


# --- the admin --------------------------------------------------------------------------------------------


@pytest.fixture
def admin_client(client):
    admin = get_user_model().objects.create_user("admin", "admin@example.com", "pw", is_staff=True, is_superuser=True)
    client.force_login(admin)
    return client


@transactional
@override_settings(COURSE_ARCHIVE_ESTIMATED_COUNT_THRESHOLD=ROWS // 3)
def test_admin_list_of_every_row_never_counts_the_table(rows, admin_client):
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(CHANGELIST)
    assert response.status_code == 200
    changelist = response.context["cl"]
    assert changelist.paginator.count_is_estimated and not changelist.paginator.count_is_bounded
    assert changelist.result_count == api.table_estimate(CourseArchiveStatus)
    assert changelist.full_result_count is None  # show_full_result_count = False
    assert not _counts_the_table(queries)
    page = response.content.decode()
    assert "the database&#x27;s estimate" in page or "the database's estimate" in page
    assert len(changelist.result_list) == min(ROWS, changelist.list_per_page)
    # The page is read through the statuses' own index: no join with the (large) user table, whose rows
    # come in one query by id; only the id sorts without reading every row.
    user_table = get_user_model()._meta.db_table
    assert not any("JOIN" in q["sql"] and user_table in q["sql"] for q in queries.captured_queries)
    assert changelist.sortable_by == ("id",)
    assert "many" in page  # the learner's username, from the prefetched users


@transactional
def test_admin_below_the_threshold_sorts_by_every_column(rows, admin_client):
    changelist = admin_client.get(CHANGELIST, {"o": "2"}).context["cl"]  # by username
    assert changelist.sortable_by == admin.site.get_model_admin(CourseArchiveStatus).list_display
    assert [row.user.username for row in changelist.result_list] == ["many"] * ROWS


@transactional
@override_settings(COURSE_ARCHIVE_ESTIMATED_COUNT_THRESHOLD=ROWS // 3)
def test_admin_filtered_list_counts_at_most_the_threshold(rows, admin_client):
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(CHANGELIST, {"is_archived__exact": "0"})
    changelist = response.context["cl"]
    assert changelist.result_count == ROWS // 3 and changelist.paginator.count_is_bounded
    assert not _counts_the_table(queries)
    assert "Narrow the filters" in response.content.decode()
    # A filter with fewer rows than the bound is counted exactly.
    exact = admin_client.get(CHANGELIST, {"q": _courses(1)[0]}).context["cl"]
    assert exact.result_count == 1 and not exact.paginator.count_is_estimated


@transactional
def test_admin_below_the_threshold_counts_exactly(rows, admin_client):
    response = admin_client.get(CHANGELIST, {"is_archived__exact": "1"})
    changelist = response.context["cl"]
    assert changelist.result_count == ROWS // 3 and not changelist.paginator.count_is_estimated
    assert response.context["state_counts"] == {
        "archived": ROWS // 3,
        "active": ROWS - ROWS // 3,
        "total": ROWS,
        "estimated": False,
    }


@transactional
@override_settings(COURSE_ARCHIVE_ESTIMATED_COUNT_THRESHOLD=ROWS // 3)
def test_admin_state_counts_above_the_threshold_are_the_estimate_only(rows):
    counts = api.status_counts()
    assert counts == {
        "archived": None,
        "active": None,
        "total": api.table_estimate(CourseArchiveStatus),
        "estimated": True,
    }


@transactional
def test_a_later_page_reads_its_ids_first_then_its_rows_in_the_same_order(rows):
    statuses = CourseArchiveStatus.objects.select_related("catalog_info").order_by("-updated_at", "-id")
    expected = list(statuses.values_list("pk", flat=True))
    paginator = api.EstimatedCountPaginator(statuses, 7)
    with CaptureQueriesContext(connection) as queries:
        pages = [list(paginator.page(number).object_list) for number in range(1, paginator.num_pages + 1)]
    assert [[row.pk for row in page] for page in pages] == [expected[i : i + 7] for i in range(0, ROWS, 7)]
    # The count (the estimate, then under the threshold the exact count), page 1 in one query, then two
    # queries a page: its ids, then its rows by id.
    assert len(queries) == 2 + 1 + 2 * (paginator.num_pages - 1)
    assert " IN (" in queries.captured_queries[-1]["sql"].upper()
