"""
The API's own throttle scope (rest_api/v1/throttles.py): its rate read at call time, 429 with Retry-After, and
on Redis one step of DRF's own sliding window.
"""

import uuid

import pytest
from django.core.cache import caches
from django.test import override_settings
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from course_archive.rest_api.v1 import throttles
from course_archive.rest_api.v1.throttles import CourseArchiveRateThrottle
from tests.conftest import API, redis_or_skip

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


REDIS_URL = "redis://127.0.0.1:6379/11"


@pytest.fixture(params=["django.core.cache.backends.redis.RedisCache", "django_redis.cache.RedisCache"])
def redis_cache(request, settings):
    """
    A Redis cache as the default cache (a database and a key prefix of the test's own): Django's, and
    django-redis's, which Tutor configures for the LMS.
    """
    client = redis_or_skip(REDIS_URL)
    prefix = f"course-archive-test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": request.param,
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    yield client
    for name in client.scan_iter(match=f"{prefix}*", count=1000):
        client.delete(name)


def test_throttle_on_redis_is_one_step_of_drfs_sliding_window(
    redis_cache, client_for, learner, other_learner, settings
):
    with override_settings(COURSE_ARCHIVE_API_RATE_LIMIT="2/minute"):
        first = client_for(learner)
        responses = [first.get(API) for _ in range(4)]
        assert [response.status_code for response in responses] == [200, 200, 429, 429]
        assert all(0 < int(response["Retry-After"]) <= 60 for response in responses[2:])
        assert client_for(other_learner).get(API).status_code == 200
    if not settings.CACHES["default"]["BACKEND"].startswith("django_redis"):
        return  # Django's RedisCache: DRF's history under a lock, through the cache's API
    windows = list(redis_cache.scan_iter(match="*throttle_course_archive_*:window"))
    assert len(windows) == 2
    assert sorted(redis_cache.zcard(name) for name in windows) == [1, 2]  # refused requests are not counted


def test_throttle_on_redis_waits_as_drf_does(redis_cache, learner):
    throttle = CourseArchiveRateThrottle()
    request = Request(APIRequestFactory().get("/"))
    request.user = learner
    times = iter([1000.0, 1010.0, 1030.0, 1075.0])
    throttle.timer = lambda: next(times)
    throttle.rate, (throttle.num_requests, throttle.duration) = "2/minute", (2, 60)
    assert throttle.allow_request(request, None) and throttle.allow_request(request, None)
    assert not throttle.allow_request(request, None)
    # DRF: (duration - (now - oldest)) / (num_requests - len(history) + 1) = (60 - 30) / 1
    assert throttle.wait() == 30.0
    assert throttle.allow_request(request, None)  # at 1075 the request of 1000 has left the window


def test_throttle_counts_in_one_script_on_django_redis_and_under_a_lock_on_djangos_redis(redis_cache, settings):
    """django-redis gives its client through its documented raw access; Django's RedisCache has none."""
    backend = caches["default"]
    client = throttles._redis_client(backend)  # noqa: SLF001 - the function under test
    if settings.CACHES["default"]["BACKEND"].startswith("django_redis"):
        assert client is backend.client.get_client(write=True)
        assert client.connection_pool.connection_kwargs["db"] == 11
    else:
        assert client is None
