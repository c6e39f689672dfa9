"""The API's own throttle scope, its rate read at call time, and 429 with Retry-After."""

import pytest
from django.test import override_settings

from tests.conftest import API

pytestmark = pytest.mark.django_db


def test_request_61_in_a_minute_is_429_with_retry_after(learner_client):
    statuses = [learner_client.get(API).status_code for _ in range(60)]
    assert statuses == [200] * 60
    refused = learner_client.get(API)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert refused.json()["detail"]


def test_other_views_throttled_by_user_scope_do_not_spend_the_plugins_budget(learner_client):
    # The demo host's /api/ping/ uses DRF's UserRateThrottle (scope "user", 1000/minute).
    for _ in range(70):
        assert learner_client.get("/api/ping/").status_code == 200
    assert learner_client.get(API).status_code == 200


def test_each_user_has_their_own_budget(client_for, learner, other_learner):
    with override_settings(COURSE_ARCHIVE_API_RATE_LIMIT="2/minute"):
        first = client_for(learner)
        assert [first.get(API).status_code for _ in range(3)] == [200, 200, 429]
        assert client_for(other_learner).get(API).status_code == 200


def test_rate_is_read_at_call_time(learner_client):
    with override_settings(COURSE_ARCHIVE_API_RATE_LIMIT="1/minute"):
        assert [learner_client.get(API).status_code for _ in range(2)] == [200, 429]
    with override_settings(COURSE_ARCHIVE_API_RATE_LIMIT="100/minute"):
        assert learner_client.get(API).status_code == 200
