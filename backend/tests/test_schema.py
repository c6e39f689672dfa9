"""
What the OpenAPI document says that drf-spectacular cannot infer (rest_api/v1/schema.py): the JWT and session
schemes, each operation's summary, body and answers from its view, and the JSON errors every operation may
give. The document's validity and the fuzzing against it are in reliability/test_schema_fuzz.
"""

import pytest
from rest_framework.test import APIClient

from course_archive.rest_api.v1 import schema
from course_archive.rest_api.v1.views import CourseArchiveStatusViewSet

SCHEMA = "/course-archive/api/v1/schema/"
STATUSES = "/course-archive/api/v1/course-archive-status/"
ANY_OPERATION = {"400", "401", "403", "404", "406", "429"}
WITH_BODY = {"409", "413", "415"}


@pytest.fixture(scope="module")
def document():
    response = APIClient().get(SCHEMA, HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return response.json()


def _operations(document):
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            yield f"{method.upper()} {path}", operation


def test_error_answers_are_added_without_replacing_an_operations_own():
    own = {"description": "Not found here."}
    result = schema.document_error_responses(
        {
            "paths": {
                "/read/": {"get": {"responses": {"404": own}}, "parameters": []},
                "/write/": {"post": {"requestBody": {}, "responses": {"201": {}}}},
            }
        }
    )
    read, write = result["paths"]["/read/"]["get"], result["paths"]["/write/"]["post"]
    assert set(read["responses"]) == ANY_OPERATION and read["responses"]["404"] is own
    assert set(write["responses"]) == ANY_OPERATION | WITH_BODY | {"201"}
    assert write["responses"]["413"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
    assert write["responses"]["400"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/FieldErrors"
    }
    assert set(result["components"]["schemas"]) == {"Error", "FieldErrors"}


@pytest.mark.django_db
def test_every_served_operation_documents_its_error_answers(document):
    operations = dict(_operations(document))
    assert len(operations) >= 8
    for name, operation in operations.items():
        expected = ANY_OPERATION | (WITH_BODY if "requestBody" in operation else set())
        assert expected <= set(operation["responses"]), name
    assert "413" not in operations[f"GET {STATUSES}"]["responses"]
    assert set(operations[f"POST {STATUSES}bulk/"]["responses"]) >= WITH_BODY


@pytest.mark.django_db
def test_summaries_bodies_and_answers_come_from_the_views_openapi(document):
    openapi = CourseArchiveStatusViewSet.openapi
    operations = dict(_operations(document))
    assert operations[f"GET {STATUSES}"]["summary"] == openapi["list"]["summary"]
    assert operations[f"DELETE {STATUSES}{{id}}/"]["summary"] == openapi["destroy"]["summary"]
    by_course = operations[f"PUT {STATUSES}by-course/{{course_id}}/"]
    assert by_course["summary"] == openapi["by_course"]["summary"]
    assert [parameter["name"] for parameter in by_course["parameters"]] == ["course_id"]
    assert {"200", "201"} <= set(by_course["responses"])
    body = by_course["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert set(document["components"]["schemas"][body]["properties"]) == {"is_archived"}


@pytest.mark.django_db
def test_the_jwt_and_session_schemes_are_described(document, settings):
    schemes = document["components"]["securitySchemes"]
    assert (schemes["jwtAuth"]["type"], schemes["jwtAuth"]["in"], schemes["jwtAuth"]["name"]) == (
        "apiKey",
        "header",
        "Authorization",
    )
    assert (schemes["cookieAuth"]["in"], schemes["cookieAuth"]["name"]) == ("cookie", settings.SESSION_COOKIE_NAME)
    for name, operation in _operations(document):
        assert {"jwtAuth", "cookieAuth"} <= {key for requirement in operation["security"] for key in requirement}, name
