"""
A session (the LMS's cookie) without a CSRF token is refused on every unsafe method with a JSON 403, and
writes nothing: DELETE and PATCH of the learner's own row, PUT, POST create and POST bulk.
"""

import pytest
from rest_framework.test import APIClient

from course_archive import api
from course_archive.models import CourseArchiveStatus
from tests.conftest import API, COURSE, OTHER_COURSE

pytestmark = pytest.mark.django_db


@pytest.fixture
def session_client(learner):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(learner)
    return client


@pytest.mark.parametrize(
    "method, path, body",
    [
        ("delete", "{row}", None),
        ("patch", "{row}", {"is_archived": False}),
        ("put", "{row}", {"course_id": COURSE, "is_archived": False}),
        ("post", API, {"course_id": OTHER_COURSE, "is_archived": True}),
        ("post", f"{API}bulk/", {"course_ids": [COURSE, OTHER_COURSE], "is_archived": False}),
        ("put", f"{API}by-course/{OTHER_COURSE}/", {"is_archived": True}),
    ],
)
@pytest.mark.parametrize("token", ["none", "cookie-only", "header-only", "mismatch"])
def test_session_without_a_valid_csrf_token_is_403_json_and_writes_nothing(
    session_client, learner, method, path, body, token
):
    row = api.archive(learner, COURSE)
    before = sorted(CourseArchiveStatus.objects.values_list("id", "course_id", "is_archived", "updated_at"))
    headers = {}
    if token in ("cookie-only", "mismatch"):
        session_client.cookies["csrftoken"] = "c" * 32
    if token in ("header-only", "mismatch"):
        headers["HTTP_X_CSRFTOKEN"] = "d" * 32
    path = path.format(row=f"{API}{row.pk}/")
    response = getattr(session_client, method)(path, body, format="json", **headers)
    assert response.status_code == 403, response.content
    assert response["Content-Type"].startswith("application/json")
    assert response.data["detail"].code == "permission_denied"
    assert sorted(CourseArchiveStatus.objects.values_list("id", "course_id", "is_archived", "updated_at")) == before
