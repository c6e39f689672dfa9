"""REST API v1 pagination: pages of 20, page sizes up to 100, a JSON 404 past the end."""

import pytest

from course_archive import api
from tests.conftest import API

pytestmark = pytest.mark.django_db


def _courses(count, prefix="Bulk"):
    return [f"course-v1:edX+{prefix}{index}+2026" for index in range(count)]


def test_page_beyond_the_end_is_json_404(learner_client):
    response = learner_client.get(f"{API}?page=9")
    assert response.status_code == 404
    assert response.json()["detail"]


def test_list_pages_of_20_and_page_size_up_to_100(learner_client, learner):
    api.bulk_set_archive_state(learner, _courses(25), True)
    first = learner_client.get(API).json()
    assert first["count"] == 25 and len(first["results"]) == 20 and first["next"] and first["previous"] is None
    second = learner_client.get(first["next"]).json()
    assert len(second["results"]) == 5 and second["next"] is None
    assert len(learner_client.get(f"{API}?page_size=100").json()["results"]) == 25
