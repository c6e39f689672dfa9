"""
The REST API's 503 answers (rest_api/v1/unavailable.py), given for real: the shared cache that counts requests
is a Redis nobody answers on, and the operator chose to refuse meanwhile. JSON, with ``Retry-After``.
"""

import pytest
from django.test import override_settings

from course_archive.rest_api.v1.unavailable import CacheUnavailable
from tests.conftest import API, caches_nobody_answers

pytestmark = pytest.mark.django_db


def test_a_refused_request_is_a_503_json_with_retry_after(learner_client):
    with override_settings(CACHES=caches_nobody_answers(), COURSE_ARCHIVE_API_THROTTLE_WHEN_CACHE_FAILS="refuse"):
        response = learner_client.get(API)
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"] == str(CacheUnavailable.wait)
    assert response.json() == {"detail": str(CacheUnavailable.default_detail)}


def test_allowed_while_the_cache_is_down_the_request_is_served(learner_client):
    with override_settings(CACHES=caches_nobody_answers(), COURSE_ARCHIVE_API_THROTTLE_WHEN_CACHE_FAILS="allow"):
        assert learner_client.get(API).status_code == 200
