"""
Auto-archive (learner_home.py): ended course runs count as archived when Learner Home renders, from the run's
own end date, unless the learner's own status row says otherwise. Through the real
``CourseRunAPIRenderStarted`` filter.
"""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings
from django.utils import timezone
from openedx_filters.learning.filters import CourseRunAPIRenderStarted

from course_archive import api
from course_archive.models import CourseArchiveStatus
from demo_host.models import DemoSiteConfiguration
from tests.conftest import API, in_request

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def _iso(days_ago):
    return (NOW - datetime.timedelta(days=days_ago)).isoformat().replace("+00:00", "Z")


# (course id, endDate as Learner Home serializes it)
ENDED_LONG_AGO = ("course-v1:edX+Old+2024", _iso(400))
ENDED_RECENTLY = ("course-v1:edX+Recent+2026", _iso(3))
NOT_ENDED = ("course-v1:edX+Running+2026", (NOW + datetime.timedelta(days=60)).isoformat())
NO_END_DATE = ("course-v1:edX+Forever+2026", None)
SELF_PACED_ENDED = ("course-v1:edX+SelfPaced+2025", _iso(90))


def _render(user, runs, path="/api/learner_home/init"):
    """``courseArchive`` of each (course id, endDate) run, through the real filter, in ``user``'s request."""

    def render():
        return [
            CourseRunAPIRenderStarted.run_filter(
                serialized_courserun={"courseId": c, "endDate": end, "isArchived": end is not None, "pacing": "self"}
            )["courseArchive"]
            for c, end in runs
        ]

    return in_request(render, path=path, user=user)


def test_the_policy_off_changes_nothing(learner):
    rendered = _render(learner, [ENDED_LONG_AGO, ENDED_RECENTLY, NO_END_DATE])
    assert rendered == [{"isArchived": False, "archiveDate": None, "reason": None}] * 3


@override_settings(COURSE_ARCHIVE_AUTO_ARCHIVE_DAYS_AFTER_END=30)
def test_each_case_through_the_real_filter(learner):
    api.archive(learner, "course-v1:edX+Mine+2026")
    rendered = _render(
        learner,
        [ENDED_LONG_AGO, ENDED_RECENTLY, NOT_ENDED, NO_END_DATE, SELF_PACED_ENDED, ("course-v1:edX+Mine+2026", None)],
    )
    old, recent, running, forever, self_paced, mine = rendered
    assert old["isArchived"] is True and old["reason"] == "auto"
    expected = datetime.datetime.fromisoformat(ENDED_LONG_AGO[1]) + datetime.timedelta(days=30)
    assert datetime.datetime.fromisoformat(old["archiveDate"]) == expected
    assert recent == running == forever == {"isArchived": False, "archiveDate": None, "reason": None}
    assert self_paced["reason"] == "auto"
    assert mine["isArchived"] is True and mine["reason"] == "learner"
    assert not CourseArchiveStatus.objects.filter(course_id__in=[ENDED_LONG_AGO[0], SELF_PACED_ENDED[0]]).exists()


@override_settings(COURSE_ARCHIVE_AUTO_ARCHIVE_DAYS_AFTER_END=30)
def test_the_learners_own_row_wins_either_way(learner, learner_client):
    # Unarchiving an auto-archived course writes the learner's explicit row, which wins from then on.
    response = learner_client.put(f"{API}by-course/{ENDED_LONG_AGO[0]}/", {"is_archived": False}, format="json")
    assert response.status_code == 201
    assert _render(learner, [ENDED_LONG_AGO]) == [{"isArchived": False, "archiveDate": None, "reason": None}]
    # Archiving it again is an ordinary archive.
    learner_client.put(f"{API}by-course/{ENDED_LONG_AGO[0]}/", {"is_archived": True}, format="json")
    (again,) = _render(learner, [ENDED_LONG_AGO])
    assert again["isArchived"] is True and again["reason"] == "learner"
    # A row archiving a course that has not ended is the learner's too.
    api.archive(learner, NOT_ENDED[0])
    assert _render(learner, [NOT_ENDED])[0]["reason"] == "learner"


@override_settings(
    COURSE_ARCHIVE_AUTO_ARCHIVE_DAYS_AFTER_END=30,
    COURSE_ARCHIVE_AUTO_ARCHIVE_ORG_DAYS_AFTER_END={"MITx": 500, "HarvardX": None},
)
def test_orgs_and_sites_override_the_policy(learner):
    mit = ("course-v1:MITx+Old+2024", _iso(400))
    harvard = ("course-v1:HarvardX+Old+2024", _iso(400))
    assert [r["reason"] for r in _render(learner, [ENDED_LONG_AGO, mit, harvard])] == ["auto", None, None]
    DemoSiteConfiguration.objects.create(
        domain="mit.example.com", orgs=["MITx"], values={"COURSE_ARCHIVE_AUTO_ARCHIVE_ORG_DAYS_AFTER_END": {"MITx": 7}}
    )
    api.forget_about_page_rules()
    assert [r["reason"] for r in _render(learner, [mit])] == ["auto"]


@override_settings(COURSE_ARCHIVE_AUTO_ARCHIVE_DAYS_AFTER_END=0)
def test_fifty_runs_cost_one_query(learner, django_assert_num_queries):
    runs = [(f"course-v1:edX+Auto{i}+2024", _iso(10 + i)) for i in range(50)]
    api.unarchive(learner, runs[0][0])
    _render(learner, runs[1:2])  # site configuration values, read once per refresh interval
    with django_assert_num_queries(1):
        rendered = _render(learner, runs)
    assert [r["reason"] for r in rendered] == [None] + ["auto"] * 49


@override_settings(COURSE_ARCHIVE_AUTO_ARCHIVE_DAYS_AFTER_END=30)
@pytest.mark.parametrize("end", ["yesterday", "2024-13-45T00:00:00Z", 17, ""])
def test_an_unreadable_end_date_never_auto_archives(learner, end):
    assert _render(learner, [("course-v1:edX+Odd+2024", end)])[0]["isArchived"] is False


@pytest.mark.parametrize(
    "overrides",
    [
        {"COURSE_ARCHIVE_AUTO_ARCHIVE_DAYS_AFTER_END": -1},
        {"COURSE_ARCHIVE_AUTO_ARCHIVE_DAYS_AFTER_END": "30"},
        {"COURSE_ARCHIVE_AUTO_ARCHIVE_DAYS_AFTER_END": 99999},
        {"COURSE_ARCHIVE_AUTO_ARCHIVE_DAYS_AFTER_END": True},
        {"COURSE_ARCHIVE_AUTO_ARCHIVE_ORG_DAYS_AFTER_END": [("MITx", 3)]},
        {"COURSE_ARCHIVE_AUTO_ARCHIVE_ORG_DAYS_AFTER_END": {"MITx": "soon"}},
        {"COURSE_ARCHIVE_AUTO_ARCHIVE_ORG_DAYS_AFTER_END": {"": 3}},
    ],
)
def test_bad_policy_settings_fail_the_check(overrides):
    with override_settings(**overrides), pytest.raises(SystemCheckError) as raised:
        call_command("check")
    assert "course_archive.E007" in str(raised.value)
    assert next(iter(overrides)) in str(raised.value)
