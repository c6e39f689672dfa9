"""The plugin's openedx-filters steps, run through the real filters with the settings-produced pipeline."""

import copy
import datetime

import pytest
from crum import CurrentRequestUserMiddleware
from django.conf import settings
from django.test import RequestFactory, override_settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from openedx_filters import PipelineStep
from openedx_filters.learning.filters import CourseAboutPageURLRequested, CourseRunAPIRenderStarted

from course_archive import api

pytestmark = pytest.mark.django_db

ABOUT = "org.openedx.learning.course_about.page.url.requested.v1"
ABOUT_STEP = "course_archive.pipeline.ChangeCourseAboutPageUrl"
LMS_URL = "https://lms.example.com/courses/course-v1:edX+DemoX+2026/about"
TEMPLATE = "https://catalog.example.com/courses/{course_id}/about"


class AppendMarker(PipelineStep):
    """Another plugin's step, to show the plugin's own step works beside it."""

    def run_filter(self, url, org, *args, **kwargs):
        return {"url": url + "#seen", "org": org}


# --- about-page URL step --------------------------------------------------------------------


def test_unset_templates_leave_the_url_unchanged():
    assert CourseAboutPageURLRequested.run_filter(url=LMS_URL, org="edX") == (LMS_URL, "edX")


@override_settings(COURSE_ARCHIVE_ABOUT_PAGE_URL_TEMPLATE=TEMPLATE)
def test_site_template_rewrites_with_quoted_course_id():
    url, org = CourseAboutPageURLRequested.run_filter(url=LMS_URL, org="edX")
    assert url == "https://catalog.example.com/courses/course-v1%3AedX%2BDemoX%2B2026/about"
    assert org == "edX"


@override_settings(
    COURSE_ARCHIVE_ABOUT_PAGE_URL_TEMPLATE=TEMPLATE,
    COURSE_ARCHIVE_ABOUT_PAGE_ORG_TEMPLATES={"edX": "https://edx.example.com/{org}/{course}/{run}"},
)
def test_org_template_wins_and_fills_every_placeholder():
    assert CourseAboutPageURLRequested.run_filter(url=LMS_URL, org="edX")[0] == "https://edx.example.com/edX/DemoX/2026"
    mitx = "https://lms.example.com/courses/course-v1:MITx+6.00x+2025/about"
    assert CourseAboutPageURLRequested.run_filter(url=mitx, org="MITx")[0].startswith("https://catalog.example.com/")


@override_settings(COURSE_ARCHIVE_ABOUT_PAGE_URL_TEMPLATE="https://c.example.com/{org}/{course}/{run}")
@pytest.mark.parametrize(
    "url, expected",
    [
        (
            "https://lms.example.com/courses/course-v1%3AedX%2BDemoX%2B2026/about",
            "https://c.example.com/edX/DemoX/2026",
        ),
        ("/courses/course-v1:edX+DemoX+2026/about?x=1", "https://c.example.com/edX/DemoX/2026"),
        ("https://lms.example.com/courses/edX/Old101/2012_Fall/about", "https://c.example.com/edX/Old101/2012_Fall"),
    ],
)
def test_encoded_and_old_style_keys(url, expected):
    assert CourseAboutPageURLRequested.run_filter(url=url, org="edX")[0] == expected


@override_settings(COURSE_ARCHIVE_ABOUT_PAGE_URL_TEMPLATE=TEMPLATE)
@pytest.mark.parametrize(
    "url, org",
    [
        ("https://lms.example.com/about", "edX"),
        ("https://lms.example.com/courses/course-v1:broken/about", "edX"),
        (LMS_URL, ""),
        ("", "edX"),
    ],
)
def test_urls_without_a_usable_key_or_org_pass_unchanged(url, org):
    assert CourseAboutPageURLRequested.run_filter(url=url, org=org) == (url, org)


def test_step_works_beside_another_plugins_step():
    config = copy.deepcopy(settings.OPEN_EDX_FILTERS_CONFIG)
    config[ABOUT]["pipeline"] = ["tests.test_pipeline.AppendMarker", *config[ABOUT]["pipeline"]]
    config[ABOUT]["fail_silently"] = False
    with override_settings(OPEN_EDX_FILTERS_CONFIG=config, COURSE_ARCHIVE_ABOUT_PAGE_URL_TEMPLATE=TEMPLATE):
        url, _ = CourseAboutPageURLRequested.run_filter(url=LMS_URL, org="edX")
    assert url == "https://catalog.example.com/courses/course-v1%3AedX%2BDemoX%2B2026/about"


def test_settings_are_read_at_call_time():
    with override_settings(COURSE_ARCHIVE_ABOUT_PAGE_URL_TEMPLATE=TEMPLATE):
        first = CourseAboutPageURLRequested.run_filter(url=LMS_URL, org="edX")[0]
    with override_settings(COURSE_ARCHIVE_ABOUT_PAGE_URL_TEMPLATE="https://other.example.com/{course}"):
        second = CourseAboutPageURLRequested.run_filter(url=LMS_URL, org="edX")[0]
    assert first.startswith("https://catalog.example.com/") and second == "https://other.example.com/DemoX"


_STRICT = {**settings.OPEN_EDX_FILTERS_CONFIG, ABOUT: {"pipeline": [ABOUT_STEP], "fail_silently": False}}


@override_settings(
    OPEN_EDX_FILTERS_CONFIG=_STRICT,
    COURSE_ARCHIVE_ABOUT_PAGE_URL_TEMPLATE=TEMPLATE,
    COURSE_ARCHIVE_ABOUT_PAGE_ORG_TEMPLATES={"edX": "https://edx.example.com/{course_id}"},
)
@hypothesis_settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    url=st.one_of(
        st.text(),
        st.builds(lambda s: f"https://lms.example.com/courses/{s}/about", st.text()),
        st.builds(lambda s: f"/courses/course-v1:{s}/about", st.text()),
        st.none(),
        st.integers(),
    ),
    org=st.one_of(st.text(), st.sampled_from(["edX", "MITx", ""]), st.none(), st.integers()),
)
def test_step_never_raises_even_with_fail_silently_false(url, org):
    result_url, result_org = CourseAboutPageURLRequested.run_filter(url=url, org=org)
    assert result_org == org
    assert result_url == url or (isinstance(result_url, str) and result_url.startswith("https://"))


# --- Learner Home step ----------------------------------------------------------------------


def _course_run(course_id):
    return {"courseId": course_id, "isArchived": False, "homeUrl": f"/courses/{course_id}/"}


def _render(user, course_runs):
    """Render course runs as Learner Home does, inside a request with crum's middleware."""
    request = RequestFactory().get("/api/learner_home/init")
    request.user = user
    results = []

    def view(request):
        results.extend(CourseRunAPIRenderStarted.run_filter(serialized_courserun=run) for run in course_runs)
        return None

    CurrentRequestUserMiddleware(view)(request)
    return results


@pytest.mark.django_db
def test_fifty_course_runs_cost_one_query(learner, django_assert_num_queries):
    courses = [f"course-v1:edX+Home{i}+2026" for i in range(50)]
    api.bulk_set_archive_state(learner, courses[:20], True)
    api.bulk_set_archive_state(learner, courses[20:25], False)
    with django_assert_num_queries(1):
        rendered = _render(learner, [_course_run(c) for c in courses])
    assert [r["courseArchive"]["isArchived"] for r in rendered] == [True] * 20 + [False] * 30
    assert all(r["isArchived"] is False for r in rendered)  # Learner Home's own field is untouched
    assert all(datetime.datetime.fromisoformat(r["courseArchive"]["archiveDate"]) for r in rendered[:20])
    assert all(r["courseArchive"]["archiveDate"] is None for r in rendered[20:])


@pytest.mark.django_db
def test_one_course_run_costs_one_query(learner, django_assert_num_queries):
    with django_assert_num_queries(1):
        (rendered,) = _render(learner, [_course_run("course-v1:edX+One+2026")])
    assert rendered["courseArchive"] == {"isArchived": False, "archiveDate": None, "reason": None}


@pytest.mark.django_db
def test_values_do_not_leak_between_learners(learner, other_learner):
    course = "course-v1:edX+Shared+2026"
    api.archive(learner, course)
    assert _render(learner, [_course_run(course)])[0]["courseArchive"]["isArchived"] is True
    assert _render(other_learner, [_course_run(course)])[0]["courseArchive"]["isArchived"] is False
    assert _render(learner, [_course_run(course)])[0]["courseArchive"]["isArchived"] is True


@pytest.mark.django_db
@pytest.mark.parametrize(
    "course_run",
    [{"courseId": "not a key"}, {"courseId": None}, {}, {"courseId": 5}, "a string", None, ["list"]],
)
def test_odd_course_runs_pass_unchanged(learner, course_run):
    assert _render(learner, [course_run]) == [course_run]


@pytest.mark.django_db
def test_anonymous_or_no_request_pass_unchanged():
    from django.contrib.auth.models import AnonymousUser

    run = _course_run("course-v1:edX+Anon+2026")
    assert _render(AnonymousUser(), [run]) == [run]
    assert CourseRunAPIRenderStarted.run_filter(serialized_courserun=run) == run


@pytest.mark.django_db
def test_demo_learner_home_endpoint_runs_the_step(learner_client, learner, django_assert_max_num_queries):
    from demo_host.models import DemoCourse, DemoEnrollment

    courses = [DemoCourse.objects.create(course_id=f"course-v1:edX+Demo{i}+2026", name=f"D{i}") for i in range(10)]
    for course in courses:
        DemoEnrollment.objects.create(user=learner, course=course)
    api.archive(learner, "course-v1:edX+Demo3+2026")
    body = learner_client.get("/api/learner_home/init/").json()
    states = {c["courseRun"]["courseId"]: c["courseRun"]["courseArchive"]["isArchived"] for c in body["courses"]}
    assert states == {str(c.course_id): str(c.course_id) == "course-v1:edX+Demo3+2026" for c in courses}
