"""REST API v1 request bodies: JSON objects only, a JSON 400 or 415 for anything else."""

import pytest

from tests.conftest import API

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("body", ["[1, 2]", '"text"', "{not json", "null"])
def test_non_object_or_malformed_json_is_400(learner_client, body):
    response = learner_client.generic("POST", API, body, content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")


def test_wrong_content_type_is_415(learner_client):
    response = learner_client.generic("POST", API, "course_id=x", content_type="text/plain")
    assert response.status_code == 415
    assert response["Content-Type"].startswith("application/json")
