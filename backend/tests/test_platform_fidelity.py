"""
Where the LMS behaves differently from a plain Django project, the plugin behaves as the LMS does: learners
who have not activated their account, restricted-application JWTs, the platform's bearer tokens, Learner
Home's masquerade, the schema under the LMS's REST_FRAMEWORK defaults, and the event-bus snippet of docs/events.md.
"""

import copy
import re
import sys
import types
from pathlib import Path

import pytest
from django.conf import settings
from rest_framework.authentication import BaseAuthentication
from rest_framework.test import APIClient

from course_archive import api
from course_archive.rest_api.v1 import authentication
from tests.conftest import API, COURSE, OTHER_COURSE, in_request, make_jwt

pytestmark = pytest.mark.django_db

EVENTS_DOC = Path(__file__).resolve().parents[2] / "docs" / "events.md"


# --- learners who have not activated their account ------------------------------------------------


@pytest.fixture
def inactive_learner(make_user):
    return make_user("unconfirmed", is_active=False)


def test_an_inactive_learner_uses_the_api_with_a_jwt(inactive_learner, client_for):
    client = client_for(inactive_learner)
    response = client.put(f"{API}by-course/{COURSE}/", {"is_archived": True}, format="json")
    assert response.status_code == 201, response.content
    listed = client.get(API, {"is_archived": "true"}).json()
    assert [row["course_id"] for row in listed["results"]] == [COURSE]


def test_an_inactive_learner_signs_in_and_uses_the_api_with_the_session(inactive_learner):
    # The demo host's AUTHENTICATION_BACKENDS are the LMS's: an unconfirmed account can sign in.
    assert "django.contrib.auth.backends.AllowAllUsersModelBackend" in settings.AUTHENTICATION_BACKENDS
    client = APIClient(enforce_csrf_checks=True)
    assert client.login(username="unconfirmed", password="pw")
    client.get("/dashboard/")  # sets the CSRF cookie, as the dashboard page does
    token = client.cookies["csrftoken"].value
    response = client.put(f"{API}by-course/{COURSE}/", {"is_archived": True}, format="json", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201, response.content
    assert api.statuses_visible_to(inactive_learner).get().is_archived is True


def test_an_inactive_learners_session_still_needs_the_csrf_token(inactive_learner):
    client = APIClient(enforce_csrf_checks=True)
    assert client.login(username="unconfirmed", password="pw")
    response = client.put(f"{API}by-course/{COURSE}/", {"is_archived": True}, format="json")
    assert response.status_code == 403
    assert not api.statuses_visible_to(inactive_learner).exists()


def test_an_inactive_learner_still_sees_only_their_own_rows(inactive_learner, other_learner, client_for):
    others = api.create_status(other_learner, COURSE)
    client = client_for(inactive_learner)
    assert client.get(f"{API}{others.pk}/").status_code == 404
    response = client.post(API, {"course_id": OTHER_COURSE, "user": other_learner.pk}, format="json")
    assert response.status_code == 403


# --- restricted applications -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "method, path, body",
    [
        ("get", API, None),
        ("put", f"{API}by-course/{COURSE}/", {"is_archived": True}),
        ("post", f"{API}bulk/", {"course_ids": [COURSE], "is_archived": True}),
    ],
)
def test_a_restricted_applications_jwt_is_403(learner, method, path, body):
    client = APIClient()
    token = make_jwt(learner, is_restricted=True, scopes=["user_id", "email"], filters=["content_org:edX"])
    client.credentials(HTTP_AUTHORIZATION=f"JWT {token}")
    response = getattr(client, method)(path, body, format="json")
    assert response.status_code == 403
    assert response.data["detail"].code == "permission_denied"
    assert not api.statuses_visible_to(learner).exists()


# --- the platform's bearer tokens ------------------------------------------------------------------


class _FakeLmsBearer(BaseAuthentication):
    """Stands in for the LMS's BearerAuthenticationAllowInactiveUser: ``Bearer <username>`` for the test."""

    def authenticate(self, request):
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if not header.startswith("Bearer "):
            return None
        from django.contrib.auth import get_user_model

        return get_user_model().objects.get(username=header.split(" ", 1)[1]), None

    def authenticate_header(self, request):
        return "Bearer"


@pytest.fixture
def lms_bearer_module(monkeypatch):
    """The module the LMS keeps its bearer authentication in, as the real platform backend imports it."""
    names = ["openedx", "openedx.core", "openedx.core.lib", "openedx.core.lib.api"]
    for name in names:
        monkeypatch.setitem(sys.modules, name, sys.modules.get(name) or types.ModuleType(name))
    module = types.ModuleType("openedx.core.lib.api.authentication")
    module.BearerAuthenticationAllowInactiveUser = _FakeLmsBearer
    monkeypatch.setitem(sys.modules, module.__name__, module)
    return module


def test_without_the_platform_there_is_no_bearer_authentication(settings):
    settings.COURSE_ARCHIVE_PLATFORM_BACKEND = "course_archive.platform.backends.openedx"
    assert [cls.__name__ for cls in authentication.authentication_classes()] == [
        "JwtAuthentication",
        "SessionAuthenticationAllowInactiveUser",
    ]


def test_in_the_lms_bearer_tokens_come_between_jwt_and_session(settings, lms_bearer_module, inactive_learner):
    settings.COURSE_ARCHIVE_PLATFORM_BACKEND = "course_archive.platform.backends.openedx"
    classes = authentication.authentication_classes()
    assert [cls.__name__ for cls in classes] == [
        "JwtAuthentication",
        "_FakeLmsBearer",
        "SessionAuthenticationAllowInactiveUser",
    ]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Bearer unconfirmed")
    response = client.put(f"{API}by-course/{COURSE}/", {"is_archived": True}, format="json")
    assert response.status_code == 201, response.content


# --- Learner Home's masquerade ---------------------------------------------------------------------


@pytest.fixture
def enrolled(learner, staff):
    from demo_host.models import DemoCourse, DemoEnrollment

    courses = [DemoCourse.objects.create(course_id=f"course-v1:edX+Mask{i}+2026", name=f"M{i}") for i in range(3)]
    for course in courses:
        DemoEnrollment.objects.create(user=learner, course=course)
        DemoEnrollment.objects.create(user=staff, course=course)
    api.archive(learner, "course-v1:edX+Mask1+2026")
    api.archive(staff, "course-v1:edX+Mask2+2026")
    return [str(course.course_id) for course in courses]


def _archived(body):
    return sorted(c["courseRun"]["courseId"] for c in body["courses"] if c["courseRun"]["courseArchive"]["isArchived"])


@pytest.mark.parametrize("identifier", ["learner", "learner@example.com"])
def test_staff_masquerading_see_the_learners_archive_state(staff_client, enrolled, identifier):
    response = staff_client.get("/api/learner_home/init/", {"user": identifier})
    assert response.status_code == 200
    assert _archived(response.json()) == ["course-v1:edX+Mask1+2026"]
    # Without the parameter, their own.
    assert _archived(staff_client.get("/api/learner_home/init/").json()) == ["course-v1:edX+Mask2+2026"]


def test_a_learners_user_parameter_never_shows_anyone_elses_state(learner_client, enrolled):
    # The platform refuses it (403) before rendering; the step itself shows nobody's state either.
    assert learner_client.get("/api/learner_home/init/", {"user": "staff"}).status_code == 403
    for run in _render_in_request("/api/learner_home/init?user=staff", "learner"):
        assert "courseArchive" not in run


def test_masquerade_as_nobody_adds_nothing(staff, enrolled):
    for run in _render_in_request("/api/learner_home/init?user=nobody", "staff"):
        assert "courseArchive" not in run


def test_masquerade_costs_one_query_more_whatever_the_number_of_runs(staff, enrolled, django_assert_num_queries):
    with django_assert_num_queries(2):
        runs = _render_in_request("/api/learner_home/init?user=learner", staff, runs=50)
    assert sum(run["courseArchive"]["isArchived"] for run in runs) == 1


def _render_in_request(path, username, runs=3):
    """Learner Home's course runs through the real filter, in a request for ``path`` by ``username``."""
    from django.contrib.auth import get_user_model
    from openedx_filters.learning.filters import CourseRunAPIRenderStarted

    user = get_user_model().objects.get(username=username) if isinstance(username, str) else username
    course_ids = [f"course-v1:edX+Mask{i}+2026" for i in range(runs)]
    return in_request(
        lambda: [CourseRunAPIRenderStarted.run_filter(serialized_courserun={"courseId": c}) for c in course_ids],
        path=path,
        user=user,
    )


# --- the schema under the LMS's REST_FRAMEWORK -----------------------------------------------------


def test_the_schema_is_served_under_the_lms_rest_framework_defaults(client):
    # The demo host mirrors the LMS: no DEFAULT_SCHEMA_CLASS, so DRF's own is the default.
    assert "DEFAULT_SCHEMA_CLASS" not in settings.REST_FRAMEWORK
    response = client.get("/course-archive/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    document = response.json()
    listing = document["paths"]["/course-archive/api/v1/course-archive-status/"]["get"]
    assert listing["summary"].startswith("List archive statuses")
    (is_archived,) = [p for p in listing["parameters"] if p["name"] == "is_archived"]
    assert is_archived["schema"]["type"] == "boolean"
    by_course = document["paths"]["/course-archive/api/v1/course-archive-status/by-course/{course_id}/"]["put"]
    assert {"200", "201", "413"} <= set(by_course["responses"])
    assert "/course-archive/api/v1/schema/" not in document["paths"]


# --- the README's event-bus snippet ----------------------------------------------------------------

# The CMS's own producer configuration (cms/envs/common.py), two of its entries.
CMS_PRODUCER_CONFIG = {
    "org.openedx.content_authoring.course.catalog_info.changed.v1": {
        "course-catalog-info-changed": {"event_key_field": "catalog_info.course_key", "enabled": False},
    },
    "org.openedx.content_authoring.xblock.published.v1": {
        "course-authoring-xblock-lifecycle": {"event_key_field": "xblock_info.usage_key", "enabled": False},
    },
}


def test_the_docs_event_bus_snippet_enables_the_one_entry():
    blocks = re.findall(r"```python\n(.*?)```", EVENTS_DOC.read_text(), flags=re.S)
    (snippet,) = [block for block in blocks if "EVENT_BUS_PRODUCER_CONFIG" in block]
    namespace = {"EVENT_BUS_PRODUCER_CONFIG": copy.deepcopy(CMS_PRODUCER_CONFIG)}
    exec(snippet, namespace)
    expected = copy.deepcopy(CMS_PRODUCER_CONFIG)
    expected["org.openedx.content_authoring.course.catalog_info.changed.v1"]["course-catalog-info-changed"][
        "enabled"
    ] = True
    assert namespace["EVENT_BUS_PRODUCER_CONFIG"] == expected
    assert namespace["EVENT_BUS_PRODUCER"] == "edx_event_bus_redis.create_producer"
