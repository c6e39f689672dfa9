"""The Django admin: changelist without N+1, search, filters and actions that follow the API's rules."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from opaque_keys.edx.keys import CourseKey

from course_archive import api
from course_archive.models import CourseArchiveStatus, CourseCatalogInfo
from tests.conftest import warm_kill_switch_cache

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:course_archive_coursearchivestatus_changelist")


def _seed(make_user, count):
    for index in range(count):
        api.archive(make_user(f"user{index}"), f"course-v1:edX+C{index}+2026")


def _changelist_queries(admin_client, query=""):
    # Each time with the table's count not cached yet (it is kept TABLE_COUNT_TTL seconds).
    cache.clear()
    warm_kill_switch_cache()
    with CaptureQueriesContext(connection) as context:
        response = admin_client.get(CHANGELIST + query)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_changelist_costs_the_same_for_2_or_30_rows(admin_client, make_user):
    _seed(make_user, 2)
    few = _changelist_queries(admin_client)
    for index in range(2, 30):
        api.archive(make_user(f"more{index}"), f"course-v1:edX+M{index}+2026")
    assert _changelist_queries(admin_client) == few


def test_search_by_username_and_course_id(admin_client, make_user):
    _seed(make_user, 3)
    by_user = admin_client.get(CHANGELIST, {"q": "user1"})
    assert by_user.context["cl"].result_count == 1
    by_course = admin_client.get(CHANGELIST, {"q": "course-v1:edX+C2+2026"})
    assert [str(o.course_id) for o in by_course.context["cl"].result_list] == ["course-v1:edX+C2+2026"]


def test_filter_by_state(admin_client, make_user):
    _seed(make_user, 2)
    api.unarchive(CourseArchiveStatus.objects.first().user, CourseArchiveStatus.objects.first().course_id)
    response = admin_client.get(CHANGELIST, {"is_archived__exact": "0"})
    assert response.context["cl"].result_count == 1


@pytest.mark.parametrize("action, archived", [("unarchive_selected", False), ("archive_selected", True)])
def test_actions_follow_the_archive_date_rule(admin_client, make_user, action, archived):
    _seed(make_user, 3)
    if archived:
        CourseArchiveStatus.objects.update(is_archived=False, archive_date=None)
    ids = list(CourseArchiveStatus.objects.values_list("pk", flat=True))
    response = admin_client.post(CHANGELIST, {"action": action, "_selected_action": ids})
    assert response.status_code == 302
    for row in CourseArchiveStatus.objects.all():
        assert row.is_archived is archived
        assert (row.archive_date is not None) is archived


def test_user_is_a_raw_id_field(admin_client):
    response = admin_client.get(reverse("admin:course_archive_coursearchivestatus_add"))
    assert 'class="vForeignKeyRawIdAdminField"' in response.content.decode()


def test_add_through_admin_sets_archive_date(admin_client, make_user):
    learner = make_user("learner")
    response = admin_client.post(
        reverse("admin:course_archive_coursearchivestatus_add"),
        {"user": learner.pk, "course_id": "course-v1:edX+Admin+2026", "is_archived": "on"},
    )
    assert response.status_code == 302, response.content
    row = CourseArchiveStatus.objects.get()
    assert row.is_archived and row.archive_date is not None


def test_change_through_admin_clears_archive_date(admin_client, make_user):
    row = api.archive(make_user("learner"), "course-v1:edX+Admin+2026")
    response = admin_client.post(reverse("admin:course_archive_coursearchivestatus_change", args=[row.pk]), {})
    assert response.status_code == 302
    row.refresh_from_db()
    assert not row.is_archived and row.archive_date is None


def _catalog(course, end):
    CourseCatalogInfo.objects.create(course_id=CourseKey.from_string(course), name=course, end=end)


def test_changelist_shows_counts_and_catalog_facts(client, make_user):
    client.force_login(make_user("admin", is_staff=True, is_superuser=True))
    learner = make_user("learner")
    api.archive(learner, "course-v1:edX+Shown+2026")
    api.create_status(learner, "course-v1:edX+Plain+2026")
    _catalog("course-v1:edX+Shown+2026", datetime.datetime(2026, 5, 1, tzinfo=datetime.UTC))
    response = client.get(reverse("admin:course_archive_coursearchivestatus_changelist"))
    page = response.content.decode()
    assert "Archived: <strong>1</strong>" in page and "Active: <strong>1</strong>" in page
    assert "course-v1:edX+Shown+2026" in page
    names = {
        str(row.course_id): row.catalog_info and row.catalog_info.name for row in response.context["cl"].result_list
    }
    assert names == {"course-v1:edX+Shown+2026": "course-v1:edX+Shown+2026", "course-v1:edX+Plain+2026": None}
