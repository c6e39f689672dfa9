"""
The overview's figures (overview.py), checked against seeded data on whichever database the suite runs on
(SQLite, MariaDB, PostgreSQL), with their queries pinned and their cache. The page that draws them is in
test_admin_overview, the admin index's summary in test_templatetags.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from opaque_keys.edx.keys import CourseKey

from course_archive import api
from course_archive.models import CourseArchiveActivity, CourseCatalogInfo
from tests.conftest import BIO, HIST, MATH, OLD

pytestmark = pytest.mark.django_db


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
