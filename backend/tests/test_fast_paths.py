"""
The API's shortcuts around framework machinery give the framework's own answers: the filters' plain path
is django-filter's, the restricted-application check is edx-drf-extensions'.
"""

import pytest
from django.http import QueryDict
from edx_rest_framework_extensions import permissions as edx_permissions
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from course_archive import api
from course_archive.models import CourseArchiveStatus
from course_archive.rest_api.v1 import authentication
from course_archive.rest_api.v1.filters import CourseArchiveStatusFilter, PlainFilterSetMixin
from tests.conftest import make_jwt

pytestmark = pytest.mark.django_db

COURSES = ["course-v1:edX+DemoX+2026", "course-v1:MITx+6.00x+2026", "edX/Old/2012"]


@pytest.fixture
def rows(learner, other_learner):
    api.bulk_set_archive_state(learner, COURSES[:2], True)
    api.bulk_set_archive_state(other_learner, COURSES, False)
    return CourseArchiveStatus.objects.all()


@pytest.mark.parametrize(
    "query",
    [
        "",
        "is_archived=true",
        "is_archived=0&page_size=100",
        "course_id=course-v1:edX%2BDemoX%2B2026",
        "course_id=course-v1:edX+DemoX+2026",  # "+" read as a space, as browsers send it
        "user=1&is_archived=false",
        "org=edX,MITx",
        "org=edX&is_archived=1",
        "is_archived=yes",
        "course_id=not-a-key",
        "user=12x",
        f"user={2**63}",
        "org=bad org!",
        "is_archived=true&course_id=nope&user=x",
        "is_archived=true&is_archived=false",
    ],
)
def test_plain_filters_are_django_filters(rows, monkeypatch, query):
    data = QueryDict(query)
    plain = CourseArchiveStatusFilter(data, rows.order_by("id"))
    with monkeypatch.context() as patch:
        patch.setattr(PlainFilterSetMixin, "_clean_plainly", classmethod(lambda cls, data: None))
        reference = CourseArchiveStatusFilter(data, rows.order_by("id"))
        assert reference._plain is None
        expected = (reference.is_valid(), reference.errors.get_json_data())
        expected_rows = list(reference.qs) if expected[0] else None
        expected_sql = str(reference.qs.query) if expected[0] else None
    assert (plain.is_valid(), plain.errors.get_json_data()) == expected
    if expected[0]:
        assert str(plain.qs.query) == expected_sql
        assert list(plain.qs) == expected_rows


def test_a_valid_query_takes_the_plain_path(rows):
    assert CourseArchiveStatusFilter(QueryDict("is_archived=true"), rows)._plain == {
        "course_id": None,
        "user": None,
        "is_archived": True,
        "org": None,
    }


@pytest.mark.parametrize("restricted", [False, True, None])
def test_restricted_application_check_is_edx_drf_extensions(learner, restricted):
    token = make_jwt(learner, is_restricted=restricted)
    request = Request(
        APIRequestFactory().get("/", HTTP_AUTHORIZATION=f"JWT {token}"),
        authenticators=[authentication.JwtAuthentication()],
    )
    assert request.user == learner
    ours = authentication.NotJwtRestrictedApplication().has_permission(request, None)
    theirs = edx_permissions.NotJwtRestrictedApplication().has_permission(request, None)
    assert ours == theirs == (not restricted)
