"""Shared fixtures: users of each role, and clients authenticated the ways the LMS authenticates."""

import time

import jwt
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from edx_django_utils.cache import RequestCache
from jwt.api_jwk import PyJWK
from rest_framework.test import APIClient

from course_archive import api

API = "/course-archive/api/v1/course-archive-status/"
COURSE = "course-v1:edX+DemoX+2026"
OTHER_COURSE = "course-v1:edX+Other+2026"


def make_jwt(user, *, key=None, algorithm=None, lifetime=600, **claims):
    """A JWT shaped like the LMS's for ``user``, signed with the test host's private key by default."""
    now = int(time.time())
    payload = {
        "iss": settings.JWT_AUTH["JWT_ISSUER"],
        "aud": settings.JWT_AUTH["JWT_AUDIENCE"],
        "iat": now,
        "exp": now + lifetime,
        "preferred_username": user.username,
        "user_id": user.id,
        "email": user.email,
        "administrator": user.is_staff,
        "version": "1.2.0",
        "scopes": ["user_id", "email", "profile"],
        "filters": [],
        "is_restricted": False,
        **claims,
    }
    if key is None:
        jwk = PyJWK.from_json(settings.JWT_AUTH["JWT_PRIVATE_SIGNING_JWK"])
        key, algorithm = jwk.key, settings.JWT_AUTH["JWT_SIGNING_ALGORITHM"]
    return jwt.encode(payload, key=key, algorithm=algorithm)


def warm_kill_switch_cache():
    """
    Read the kill switch's waffle flag once, as a running LMS already has: waffle keeps each flag (or that
    it does not exist) in the shared cache, so requests after the first pay no query for it.
    """
    from waffle.models import Flag

    from course_archive.toggles import DISABLED

    Flag.get(DISABLED.name)


@pytest.fixture(autouse=True)
def _clear_cache(request):
    """Throttle counters and config-models' rules live in caches: every test starts with none."""
    cache.clear()
    RequestCache.clear_all_namespaces()
    api.forget_about_page_rules()
    api.forget_kill_switch()
    if "django_db_setup" in request.fixturenames or request.node.get_closest_marker("django_db"):
        warm_kill_switch_cache()
    yield
    cache.clear()
    RequestCache.clear_all_namespaces()


@pytest.fixture
def make_user(db):
    def make(username, **kwargs):
        return get_user_model().objects.create_user(
            username=username, email=f"{username}@example.com", password="pw", **kwargs
        )

    return make


@pytest.fixture
def learner(make_user):
    return make_user("learner")


@pytest.fixture
def other_learner(make_user):
    return make_user("other")


@pytest.fixture
def staff(make_user):
    return make_user("staff", is_staff=True)


@pytest.fixture
def superuser(make_user):
    return make_user("root", is_staff=False, is_superuser=True)


@pytest.fixture
def client_for():
    """An API client authenticated as ``user`` with a JWT in the Authorization header."""

    def make(user):
        client = APIClient()
        if user is not None:
            client.credentials(HTTP_AUTHORIZATION=f"JWT {make_jwt(user)}")
        return client

    return make


@pytest.fixture
def learner_client(client_for, learner):
    return client_for(learner)


@pytest.fixture
def staff_client(client_for, staff):
    return client_for(staff)


def in_request(call, path="/", host="testserver", user=None):
    """``call()``'s answer inside a request for ``host`` that crum's middleware makes current, as in the LMS."""
    from crum import CurrentRequestUserMiddleware
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    request = RequestFactory().get(path, HTTP_HOST=host)
    request.user = user or AnonymousUser()
    answers = []
    CurrentRequestUserMiddleware(lambda request: answers.append(call()))(request)
    return answers[0]


def redis_or_skip(url):
    """A client of the Redis server at ``url``, or the test skipped when none answers."""
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        pytest.skip(f"Redis is not reachable at {url}: {error}")
    return client
