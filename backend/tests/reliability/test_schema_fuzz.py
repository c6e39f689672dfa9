"""
Schema fuzzing: schemathesis generates requests for every operation of the plugin's own OpenAPI schema and
sends them, in-process, to the demo host's WSGI application, authenticated as a learner and as staff.

Every response must be no 5xx, have a documented status code and content type, and a body that matches
the schema. The schema itself must be a valid OpenAPI 3 document.
"""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from course_archive import api
from tests.conftest import COURSE, make_jwt

SCHEMA_PATH = "/course-archive/api/v1/schema/"
# Examples per operation and role. 8 operations x 2 roles x EXAMPLES requests, well under a minute.
EXAMPLES = 60
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _keep_the_tests_connection():
    """
    The WSGI application shares the test's database connection and transaction. Django's test client
    does the same: closing "old" connections at the end of a request would end the test's transaction.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


# Loaded when the module is collected, from the running demo host: the schema view needs no database.
# (schemathesis.pytest.from_fixture would load it per test, but does not support pytest 9 yet.)
schema = schemathesis.openapi.from_wsgi(SCHEMA_PATH, WSGIHandler())


def _rows_for(user, other):
    """
    The actor's own row and another learner's (a 404 for a learner, visible to staff); the actor's
    Authorization header, signed once (signing costs more than a request).
    """
    api.create_status(user, COURSE)
    api.archive(other, COURSE)
    return {"Authorization": f"JWT {make_jwt(user)}"}


@pytest.fixture
def fuzz_learner(make_user):
    return _rows_for(make_user("fuzz-learner"), make_user("fuzz-other"))


@pytest.fixture
def fuzz_staff(make_user):
    return _rows_for(make_user("fuzz-staff", is_staff=True), make_user("fuzz-other"))


FUZZ_SETTINGS = hypothesis_settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
# The fuzzer sends far more than the API's 60 requests a minute.
NO_THROTTLE = override_settings(COURSE_ARCHIVE_API_RATE_LIMIT="1000000/minute")


@schema.parametrize()
@FUZZ_SETTINGS
def test_every_operation_as_a_learner(case, fuzz_learner):
    with NO_THROTTLE:
        case.call_and_validate(headers=fuzz_learner, checks=CHECKS)


@schema.parametrize()
@FUZZ_SETTINGS
def test_every_operation_as_staff(case, fuzz_staff):
    with NO_THROTTLE:
        case.call_and_validate(headers=fuzz_staff, checks=CHECKS)


def test_the_schema_is_valid_openapi_3():
    schema.validate()
    assert schema.raw_schema["openapi"].startswith("3.")
    operations = {(op.ok().method.upper(), op.ok().path) for op in schema.get_all_operations()}
    statuses = "/course-archive/api/v1/course-archive-status/"
    assert {
        ("GET", statuses),
        ("POST", statuses),
        ("GET", statuses + "{id}/"),
        ("PUT", statuses + "{id}/"),
        ("PATCH", statuses + "{id}/"),
        ("DELETE", statuses + "{id}/"),
        ("PUT", statuses + "by-course/{course_id}/"),
        ("POST", statuses + "bulk/"),
    } <= operations
