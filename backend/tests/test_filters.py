"""
REST API v1 filters and ordering of the status list (rest_api/v1/filters.py): course, user, state, org (one
startswith per prefix, ORed); every ordering field.
"""

import pytest
from django.db.models import Q
from django.http import QueryDict
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

from course_archive import api
from course_archive.models import CourseArchiveStatus
from course_archive.rest_api.v1.filters import CourseArchiveFilterBackend, CourseArchiveStatusFilter
from course_archive.rest_api.v1.views import CourseArchiveStatusViewSet
from tests.conftest import API, COURSE, OTHER_COURSE

pytestmark = pytest.mark.django_db

COURSES = ["course-v1:edX+DemoX+2026", "course-v1:MITx+6.00x+2026", "edX/Old/2012"]


def _courses(count, prefix="Bulk"):
    return [f"course-v1:edX+{prefix}{index}+2026" for index in range(count)]


def test_filters(staff_client, learner, other_learner):
    api.archive(learner, COURSE)
    api.create_status(learner, OTHER_COURSE)
    api.archive(other_learner, COURSE)
    by_course = staff_client.get(f"{API}?course_id={COURSE}").json()
    assert {r["user"] for r in by_course["results"]} == {learner.pk, other_learner.pk}
    by_user = staff_client.get(f"{API}?user={learner.pk}").json()
    assert {r["course_id"] for r in by_user["results"]} == {COURSE, OTHER_COURSE}
    archived = staff_client.get(f"{API}?is_archived=true&user={learner.pk}").json()
    assert [r["course_id"] for r in archived["results"]] == [COURSE]
    active = staff_client.get(f"{API}?is_archived=false").json()
    assert [r["course_id"] for r in active["results"]] == [OTHER_COURSE]


def test_learner_filtering_by_another_user_sees_nothing(learner_client, other_learner):
    api.archive(other_learner, COURSE)
    assert learner_client.get(f"{API}?user={other_learner.pk}").json()["count"] == 0


def test_default_ordering_is_most_recently_updated_first(learner_client, learner):
    for course in _courses(3):
        api.archive(learner, course)
    api.unarchive(learner, _courses(3)[0])
    ids = [r["course_id"] for r in learner_client.get(API).json()["results"]]
    assert ids[0] == _courses(3)[0]


@pytest.mark.parametrize("field", ["course_id", "user", "is_archived", "archive_date", "created_at", "updated_at"])
def test_ordering_fields(staff_client, learner, other_learner, field):
    api.archive(learner, _courses(2)[1])
    api.create_status(other_learner, _courses(2)[0])
    ascending = staff_client.get(f"{API}?ordering={field}").json()["results"]
    descending = staff_client.get(f"{API}?ordering=-{field}").json()["results"]
    values = [r[field] for r in ascending]
    assert values == sorted(values, key=lambda v: (v is not None, v)) or values == sorted(
        values, key=lambda v: (v is None, v)
    )
    assert [r["id"] for r in descending] == [r["id"] for r in reversed(ascending)]


@pytest.fixture
def rows(learner, other_learner):
    api.bulk_set_archive_state(learner, COURSES[:2], True)
    api.bulk_set_archive_state(other_learner, COURSES, False)
    return CourseArchiveStatus.objects.all()


def test_org_filter_is_one_startswith_per_prefix_ored(rows):
    """The org filter is a ``Q`` per prefix (new-style, CCX, old-style) combined with ``|``."""
    combined = Q()
    for org in ("edX", "MITx"):
        for prefix in (f"course-v1:{org}+", f"ccx-v1:{org}+", f"{org}/"):
            combined |= Q(course_id__startswith=prefix)
    expected = rows.filter(combined).order_by("id")
    filtered = CourseArchiveStatusFilter(QueryDict("org=edX,MITx"), rows.order_by("id")).qs
    assert filtered.query.sql_with_params() == expected.query.sql_with_params()
    assert list(filtered) == list(expected) and len(expected) == 5


@pytest.mark.parametrize(
    "query",
    [
        "",
        "is_archived=true",
        f"course_id={COURSE}",
        "course_id=",
        "org=edX,MITx&is_archived=false",
        "user=abc&is_archived=maybe&course_id=bad-key",
        "org=b@d&user=99999999999999999999",
        "page=2&ordering=user",
    ],
)
def test_the_backend_filters_and_refuses_as_django_filters_own(rf, learner, other_learner, query):
    """The backend's filter set holds only the filters named: the same rows, and the same errors in the same order."""
    for user, course in ((learner, COURSE), (other_learner, "course-v1:MITx+6.00x+2026")):
        api.archive(user, course)
    api.create_status(learner, "edX/Old/2012")
    request = Request(rf.get(f"{API}?{query}"))
    view = CourseArchiveStatusViewSet(request=request, format_kwarg=None, action="list")

    def outcome(backend):
        try:
            rows = backend.filter_queryset(request, CourseArchiveStatus.objects.order_by("id"), view)
        except ValidationError as error:
            return [(name, [str(message) for message in messages]) for name, messages in error.detail.items()]
        return list(rows.values_list("id", flat=True))

    assert outcome(CourseArchiveFilterBackend()) == outcome(DjangoFilterBackend())
