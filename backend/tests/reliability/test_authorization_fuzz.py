"""
Authorization under fuzzing: whatever sequence of API calls learner A makes, learner B's rows are
unchanged and invisible to A (404), and no row or answer of A's ever names B as its user.
"""

import functools
import itertools

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import override_settings
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test
from jwt.api_jwk import PyJWK
from rest_framework.test import APIClient

from course_archive.models import CourseArchiveStatus
from tests.conftest import API, make_jwt

pytestmark = pytest.mark.django_db

COURSES = [f"course-v1:edX+Shared{i}+2026" for i in range(4)]
BAD_COURSES = ["not a key", "", "course-v1:" + "x" * 300, "course-v1:édX+Ünï+ß"]
_serial = itertools.count()


@functools.cache
def _signing_key():
    return PyJWK.from_json(settings.JWT_AUTH["JWT_PRIVATE_SIGNING_JWK"]).key


def _client(user):
    client = APIClient()
    token = make_jwt(user, key=_signing_key(), algorithm=settings.JWT_AUTH["JWT_SIGNING_ALGORITHM"])
    client.credentials(HTTP_AUTHORIZATION=f"JWT {token}")
    return client


def _snapshot(user):
    return sorted(
        CourseArchiveStatus.objects.filter(user_id=user.pk).values_list(
            "id", "course_id", "is_archived", "archive_date", "updated_at", "user_id"
        )
    )


course_ids = st.one_of(st.sampled_from(COURSES), st.sampled_from(BAD_COURSES))
users_field = st.sampled_from(["a", "b", "none", "missing", "b-as-string"])


class LearnerAgainstLearner(RuleBasedStateMachine):
    """A acts; B's rows are the target."""

    a_rows = Bundle("a_rows")
    requests_sent = 0

    def __init__(self):
        super().__init__()
        self.savepoint = transaction.savepoint()
        n = next(_serial)
        users = get_user_model().objects
        self.a = users.create_user(username=f"a{n}", email=f"a{n}@example.com", password="pw")
        self.b = users.create_user(username=f"b{n}", email=f"b{n}@example.com", password="pw")
        self.client = _client(self.a)
        self.b_ids = []

    def teardown(self):
        transaction.savepoint_rollback(self.savepoint)

    @initialize(archived=st.lists(st.booleans(), min_size=1, max_size=len(COURSES)))
    def b_has_rows(self, archived):
        for course, state in zip(COURSES, archived, strict=False):
            row = CourseArchiveStatus.objects.create(user=self.b, course_id=course, is_archived=state)
            self.b_ids.append(row.pk)
        self.b_before = _snapshot(self.b)

    def _user_value(self, which):
        return {"a": self.a.pk, "b": self.b.pk, "none": None, "b-as-string": str(self.b.pk)}.get(which)

    def _body(self, course_id=None, is_archived=None, user="missing"):
        body = {}
        if course_id is not None:
            body["course_id"] = course_id
        if is_archived is not None:
            body["is_archived"] = is_archived
        if user != "missing":
            body["user"] = self._user_value(user)
        return body

    def _call(self, method, path, body=None):
        LearnerAgainstLearner.requests_sent += 1
        kwargs = {"format": "json"} if body is not None else {}
        response = (
            getattr(self.client, method)(path, body, **kwargs)
            if body is not None
            else getattr(self.client, method)(path)
        )
        assert response.status_code < 500, (method, path, body, response.content)
        if response.status_code != 204:
            assert response["Content-Type"].startswith("application/json"), response.content
            self._never_names_b(response.json())
        return response

    def _never_names_b(self, data):
        rows = data.get("results", [data]) if isinstance(data, dict) else []
        for row in rows:
            if isinstance(row, dict) and "user" in row and "id" in row:
                assert row["user"] == self.a.pk, row
                assert row["id"] not in self.b_ids, row

    # --- what A does ------------------------------------------------------------------------

    @rule(target=a_rows, course_id=course_ids, is_archived=st.booleans(), user=users_field)
    def create(self, course_id, is_archived, user):
        response = self._call("post", API, self._body(course_id, is_archived, user))
        if user in ("b", "b-as-string") and response.status_code != 400:
            assert response.status_code == 403, response.content
        return response.json().get("id") if response.status_code == 201 else None

    @rule(row=a_rows, is_archived=st.booleans(), user=users_field, method=st.sampled_from(["patch", "put"]))
    def change_own(self, row, is_archived, user, method):
        if row is None:
            return
        course = CourseArchiveStatus.objects.filter(pk=row).values_list("course_id", flat=True).first()
        body = self._body(str(course) if method == "put" else None, is_archived, user)
        response = self._call(method, f"{API}{row}/", body)
        if user in ("b", "b-as-string") and response.status_code not in (400, 404):
            assert response.status_code == 403, response.content

    @rule(
        index=st.integers(0, len(COURSES) - 1),
        action=st.sampled_from(["get", "put", "patch", "delete"]),
        user=users_field,
        is_archived=st.booleans(),
    )
    def touch_bs_row(self, index, action, user, is_archived):
        row = self.b_ids[index % len(self.b_ids)]
        body = None if action in ("get", "delete") else self._body(COURSES[index], is_archived, user)
        response = self._call(action, f"{API}{row}/", body)
        assert response.status_code == 404, response.content

    @rule(
        course_id=st.one_of(st.none(), st.sampled_from(COURSES)),
        user=st.sampled_from(["a", "b", None]),
        is_archived=st.sampled_from([None, "true", "false"]),
        ordering=st.sampled_from([None, "user", "-user", "course_id", "-updated_at"]),
        page_size=st.sampled_from([None, 1, 100]),
    )
    def list_rows(self, course_id, user, is_archived, ordering, page_size):
        query = {"course_id": course_id, "user": self._user_value(user) if user else None}
        query.update(is_archived=is_archived, ordering=ordering, page_size=page_size)
        response = self._call("get", API + "?" + "&".join(f"{k}={v}" for k, v in query.items() if v is not None))
        assert response.status_code == 200, response.content
        if user == "b":
            assert response.json()["count"] == 0

    @rule(course_id=course_ids, is_archived=st.booleans(), extra_user=st.booleans())
    def by_course(self, course_id, is_archived, extra_user):
        body = {"is_archived": is_archived}
        if extra_user:
            body["user"] = self.b.pk
        response = self._call("put", f"{API}by-course/{course_id}/", body)
        if extra_user:
            assert response.status_code in (400, 404), response.content

    @rule(courses=st.lists(course_ids, max_size=5), is_archived=st.booleans(), extra_user=st.booleans())
    def bulk(self, courses, is_archived, extra_user):
        body = {"course_ids": courses, "is_archived": is_archived}
        if extra_user:
            body["user"] = self.b.pk
        response = self._call("post", f"{API}bulk/", body)
        if extra_user:
            assert response.status_code == 400, response.content

    @rule(row=a_rows)
    def delete_own(self, row):
        if row is not None:
            self._call("delete", f"{API}{row}/")

    # --- what must hold after every step ------------------------------------------------------

    @invariant()
    def bs_rows_are_unchanged(self):
        if hasattr(self, "b_before"):
            assert _snapshot(self.b) == self.b_before

    @invariant()
    def as_rows_are_as(self):
        assert not CourseArchiveStatus.objects.filter(user=self.b).exclude(pk__in=self.b_ids).exists()
        owners = set(
            CourseArchiveStatus.objects.exclude(pk__in=self.b_ids)
            .filter(user__username__in=[self.a.username, self.b.username])
            .values_list("user_id", flat=True)
        )
        assert owners <= {self.a.pk}


def test_learner_a_never_reaches_learner_bs_rows():
    LearnerAgainstLearner.requests_sent = 0
    with override_settings(COURSE_ARCHIVE_API_RATE_LIMIT="1000000/minute"):
        run_state_machine_as_test(
            LearnerAgainstLearner,
            settings=hypothesis_settings(
                max_examples=75,
                stateful_step_count=20,
                deadline=None,
                derandomize=True,
                suppress_health_check=list(HealthCheck),
            ),
        )
    # The machine did run: 75 sequences of up to 20 calls each.
    assert LearnerAgainstLearner.requests_sent >= 500, LearnerAgainstLearner.requests_sent
