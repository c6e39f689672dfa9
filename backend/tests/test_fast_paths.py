"""
The API's shortcuts give the frameworks' own answers: the org filter's query, the restricted-application
check (edx-drf-extensions'), the throttle on Redis (DRF's sliding window), the course key strings
remembered (opaque-keys' own).
"""

import uuid

import pytest
from django.core.cache import caches
from django.db.models import Q
from django.http import QueryDict
from django.test import override_settings
from edx_rest_framework_extensions import permissions as edx_permissions
from opaque_keys.edx.django import models as opaque_models
from opaque_keys.edx.keys import CourseKey
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from course_archive import api, fields
from course_archive.models import CourseArchiveStatus
from course_archive.rest_api.v1 import authentication, throttles
from course_archive.rest_api.v1.filters import CourseArchiveStatusFilter
from course_archive.rest_api.v1.throttles import CourseArchiveRateThrottle
from tests.conftest import API, make_jwt, redis_or_skip

pytestmark = pytest.mark.django_db

COURSES = ["course-v1:edX+DemoX+2026", "course-v1:MITx+6.00x+2026", "edX/Old/2012"]


@pytest.fixture
def rows(learner, other_learner):
    api.bulk_set_archive_state(learner, COURSES[:2], True)
    api.bulk_set_archive_state(other_learner, COURSES, False)
    return CourseArchiveStatus.objects.all()


def test_org_filter_is_one_startswith_per_prefix_ored(rows):
    """The org filter is a ``Q`` per prefix (new-style, CCX, old-style) combined with ``|``."""
    combined = Q()
    for org in ("edX", "MITx"):
        for prefix in (f"course-v1:{org}+", f"ccx-v1:{org}+", f"{org}/"):
            combined |= Q(course_id__startswith=prefix)
    expected = rows.filter(combined).order_by("id")
    filtered = CourseArchiveStatusFilter(QueryDict("org=edX,MITx"), rows.order_by("id")).qs
    assert filtered.query.sql_with_params() == expected.query.sql_with_params()
    assert list(filtered) == list(expected) and len(expected) == 5


@pytest.mark.parametrize("restricted", [False, True, None])
def test_restricted_application_check_is_edx_drf_extensions(learner, restricted):
    token = make_jwt(learner, is_restricted=restricted)
    request = Request(
        APIRequestFactory().get("/", HTTP_AUTHORIZATION=f"JWT {token}"),
        authenticators=[authentication.JwtAuthentication()],
    )
    assert request.user == learner
    ours = authentication.NotJwtRestrictedApplication().has_permission(request, None)
    theirs = edx_permissions.NotJwtRestrictedApplication().has_permission(request, None)
    assert ours == theirs == (not restricted)


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


@pytest.mark.parametrize(
    "text",
    ["course-v1:edX+DemoX+2026", "edX/Old/2012", "ccx-v1:edX+DemoX+2026+ccx@3", "course-v1:edX+Demo+2026+branch@d"],
)
def test_remembered_key_strings_are_opaque_keys(text):
    key = fields.parse_course_key_once(text)
    assert fields.parse_course_key_once(text) is key
    field = CourseArchiveStatus._meta.get_field("course_id")
    reference = opaque_models.CourseKeyField(max_length=255)
    for _ in range(2):  # worked out, then remembered
        assert fields.course_key_text(key) == str(key)
        assert field.get_prep_value(key) == reference.get_prep_value(CourseKey.from_string(text))
    assert field.get_prep_value(text) == reference.get_prep_value(text)
