"""
The admin's overview and index summary (overview.py, admin_overview.py), checked against seeded data on
whichever database the suite runs on (SQLite, MariaDB, PostgreSQL), with the overview's queries pinned.
"""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from opaque_keys.edx.keys import CourseKey
from waffle.models import Flag

from course_archive import api, platform
from course_archive.models import CourseArchiveActivity, CourseCatalogInfo
from course_archive.platform.backends import openedx
from demo_host.models import DemoCourse, DemoEnrollment
from tests.conftest import BIO, HIST, MATH, OLD

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:course_archive_coursearchivestatus_changelist")
OVERVIEW = reverse("admin:course_archive_overview")
APP_INDEX = reverse("admin:app_list", args=["course_archive"])


def _activity(when, is_archived, course=BIO):
    CourseArchiveActivity.objects.create(course_id=CourseKey.from_string(course), is_archived=is_archived, created=when)


def test_overview_figures_match_the_seeded_data(seeded):
    today = timezone.now().astimezone(datetime.UTC).date()
    start = datetime.datetime.combine(today, datetime.time(), tzinfo=datetime.UTC) - datetime.timedelta(days=89)
    _activity(start, True)  # the window's first instant: counted
    _activity(start - datetime.timedelta(microseconds=1), True)  # just before: not counted
    ten_days_ago = start + datetime.timedelta(days=79, hours=12)
    _activity(ten_days_ago, True)
    _activity(ten_days_ago, True)
    _activity(ten_days_ago, False)

    figures = api.compute_overview()

    assert figures["totals"] == {
        "archived": 10,
        "active": 2,
        "learners": 4,
        "archives_in_period": 11 + 3,
        "unarchives_in_period": 1 + 1,
        "covered_runs": 2,
    }
    per_day = figures["per_day"]
    assert len(per_day) == 90 and per_day[0]["day"] == start.date() and per_day[-1]["day"] == today
    assert per_day[-1] == {"day": today, "archived": 11, "unarchived": 1}
    assert per_day[0] == {"day": start.date(), "archived": 1, "unarchived": 0}
    assert per_day[79] == {"day": ten_days_ago.date(), "archived": 2, "unarchived": 1}
    assert sum(day["archived"] + day["unarchived"] for day in per_day) == 16
    assert figures["courses"] == [
        {"course_id": HIST, "name": "World History", "archived": 4, "enrolled": 8, "share": 0.5},
        {"course_id": OLD, "name": "Old Harvard course", "archived": 3, "enrolled": None, "share": None},
        {"course_id": BIO, "name": "Biology", "archived": 2, "enrolled": None, "share": None},
        {"course_id": MATH, "name": "Mathematics", "archived": 1, "enrolled": None, "share": None},
    ]
    learners = seeded
    assert figures["learners"] == [
        {"user_id": learners["learner1"].pk, "username": "learner1", "archived": 4},
        {"user_id": learners["learner2"].pk, "username": "learner2", "archived": 3},
        {"user_id": learners["learner5"].pk, "username": "learner5", "archived": 2},
        {"user_id": learners["learner3"].pk, "username": "learner3", "archived": 1},
    ]
    assert figures["orgs"] == [
        {"org": "edX", "archived": 6, "active": 2, "learners": 4},
        {"org": "HarvardX", "archived": 3, "active": 0, "learners": 3},
        {"org": "MITx", "archived": 1, "active": 0, "learners": 1},
    ]
    assert figures["auto_archive"] == [
        {"org": "HarvardX", "runs": 1, "days": 30, "covered": 1},
        {"org": "MITx", "runs": 1, "days": None, "covered": 0},
        {"org": "edX", "runs": 3, "days": 30, "covered": 1},
    ]


def test_overview_costs_a_fixed_number_of_queries_whatever_the_rows(seeded, make_user):
    api.compute_overview()  # reads the orgs' site configurations once (kept per worker)
    with CaptureQueriesContext(connection) as few:
        api.compute_overview()
    # totals; per day; runs per org; covered runs; most archived courses, their names, their enrolments;
    # learners; per org.
    assert len(few.captured_queries) == 9, [query["sql"] for query in few.captured_queries]
    for index in range(30):
        learner = make_user(f"more{index}")
        api.bulk_set_archive_state(learner, [HIST, BIO, f"course-v1:edX+Extra{index}+2026"], True)
        CourseCatalogInfo.objects.create(course_id=CourseKey.from_string(f"course-v1:edX+Extra{index}+2026"))
    with CaptureQueriesContext(connection) as many:
        figures = api.compute_overview()
    assert len(many.captured_queries) == 9
    assert figures["totals"]["archived"] == 10 + 90 and figures["courses"][0]["archived"] == 34


def test_the_overview_is_cached_briefly(seeded):
    first = api.overview()
    api.archive(seeded["learner4"], MATH)
    with CaptureQueriesContext(connection) as cached:
        again = api.overview()
    assert len(cached.captured_queries) == 0 and again["totals"] == first["totals"]
    assert api.overview(refresh=True)["totals"]["archived"] == first["totals"]["archived"] + 1


@pytest.fixture
def staff_client(client, make_user):
    client.force_login(make_user("admin", is_staff=True, is_superuser=True))
    return client


def test_overview_page_draws_each_chart_with_its_table(staff_client, seeded):
    response = staff_client.get(OVERVIEW)
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('<svg class="ca-chart"') == 5 and page.count('<caption class="ca-sr-only">') == 5
    assert page.count('aria-hidden="true" focusable="false"') == 4  # the bar charts; the day chart is an img
    assert 'role="img"' in page and "11 archives and 1 unarchives in the last 90 days" in page
    assert f"?course_id={HIST.replace(':', '%3A').replace('+', '%2B')}&amp;is_archived__exact=1" in page
    assert f"?user={seeded['learner1'].pk}&amp;is_archived__exact=1" in page
    assert ">50 %<" in page  # Hist100: 4 of 8 enrolled learners


def test_overview_needs_the_view_permission(client, make_user):
    assert client.get(OVERVIEW).status_code == 302  # to the admin's login
    staff = make_user("staff", is_staff=True)
    client.force_login(staff)
    assert client.get(OVERVIEW).status_code == 403
    staff.user_permissions.add(Permission.objects.get(codename="view_coursearchivestatus"))
    assert client.get(OVERVIEW).status_code == 200


def _found(client, **query):
    response = client.get(CHANGELIST, query)
    assert response.status_code == 200
    return sorted((row.user.username, str(row.course_id)) for row in response.context["cl"].result_list)


def test_per_learner_and_per_course_links(staff_client, seeded):
    page = staff_client.get(CHANGELIST).content.decode()
    learner1 = seeded["learner1"].pk
    assert f'href="{CHANGELIST}?user={learner1}"' in page
    assert _found(staff_client, user=learner1) == sorted([("learner1", c) for c in (HIST, OLD, BIO, MATH)])
    assert len(_found(staff_client, course_id=HIST)) == 5
    assert "World History" in page  # the course's name under its id


def test_app_index_shows_the_kill_switch_and_the_policy(staff_client, seeded):
    page = staff_client.get(APP_INDEX).content.decode()
    assert "Off: the flag does not exist" in page
    assert "30 days after their end" in page and "<code>MITx</code>: off" in page
    assert OVERVIEW in page
    Flag.objects.create(name="course_archive.disabled", everyone=True)
    assert "On for everyone" in staff_client.get(APP_INDEX).content.decode()
    Flag.objects.filter(name="course_archive.disabled").update(everyone=None, percent=10)
    assert "On for some requests" in staff_client.get(APP_INDEX).content.decode()


def test_bad_search_mode_fails_the_check(settings):
    from django.core.management.base import SystemCheckError

    settings.COURSE_ARCHIVE_ADMIN_SEARCH = "fuzzy"
    with pytest.raises(SystemCheckError, match="COURSE_ARCHIVE_ADMIN_SEARCH"):
        call_command("check")


def test_enrolment_counts_through_the_platform_door(django_assert_num_queries, make_user):
    course = DemoCourse.objects.create(course_id=CourseKey.from_string(HIST), name="World History")
    for index in range(3):
        DemoEnrollment.objects.create(user=make_user(f"e{index}"), course=course)
    keys = [CourseKey.from_string(HIST), CourseKey.from_string(BIO)]
    with django_assert_num_queries(1):
        assert platform.enrollment_counts(keys) == {keys[0]: 3}
    assert openedx.enrollment_counts(keys) == {}  # outside the LMS: nothing known
