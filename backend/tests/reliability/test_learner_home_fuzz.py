"""
The Learner Home step (``AddCourseArchiveStatus``), run through openedx-filters' ``CourseRunAPIRenderStarted``
with ``fail_silently`` False, never raises and never needs its own safety net, whatever course run it gets.
"""

import logging

import pytest
from crum import CurrentRequestUserMiddleware
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory, override_settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from openedx_filters.learning.filters import CourseRunAPIRenderStarted

from course_archive import api

pytestmark = pytest.mark.django_db

HOME = "org.openedx.learning.home.courserun.api.rendered.started.v1"
STRICT = {
    **settings.OPEN_EDX_FILTERS_CONFIG,
    HOME: {"pipeline": ["course_archive.pipeline.AddCourseArchiveStatus"], "fail_silently": False},
}
ARCHIVED = "course-v1:edX+Archived+2026"

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
course_ids = st.one_of(
    st.sampled_from([ARCHIVED, "course-v1:edX+Other+2026", "edX/Old/2026", "course-v1:édX+Ü+2026"]),
    st.builds(lambda org, run: f"course-v1:{org}+X+{run}", st.text(max_size=20), st.text(max_size=20)),
    st.text(max_size=300),
    json_values,
)
course_runs = st.one_of(
    st.fixed_dictionaries({"courseId": course_ids}, optional={"isArchived": json_values, "courseArchive": json_values}),
    st.dictionaries(st.text(max_size=10), json_values, max_size=5),
    json_values,
)


def _render(user, course_run):
    request = RequestFactory().get("/api/learner_home/init")
    request.user = user
    results = []

    def view(request):
        results.append(CourseRunAPIRenderStarted.run_filter(serialized_courserun=course_run))

    if user is None:
        view(None)  # no request at all (a management command, a worker)
    else:
        CurrentRequestUserMiddleware(view)(request)
    return results[0]


@override_settings(OPEN_EDX_FILTERS_CONFIG=STRICT)
@hypothesis_settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(course_run=course_runs, role=st.sampled_from(["learner", "anonymous", "no request"]))
def test_the_learner_home_step_never_raises(learner, caplog, course_run, role):
    api.archive(learner, ARCHIVED)
    user = {"learner": learner, "anonymous": AnonymousUser(), "no request": None}[role]
    caplog.clear()
    with caplog.at_level(logging.ERROR, logger="course_archive"):
        result = _render(user, course_run)
    # The step handled it itself: its catch-all did not have to.
    assert not caplog.records, caplog.text
    if not isinstance(course_run, dict) or role != "learner" or not isinstance(course_run.get("courseId"), str):
        assert result is course_run or result == course_run
        return
    assert {k: v for k, v in result.items() if k != "courseArchive"} == {
        k: v for k, v in course_run.items() if k != "courseArchive"
    }
    if "courseArchive" in result and result is not course_run:
        assert result["courseArchive"]["isArchived"] is (result["courseId"] == ARCHIVED)
