"""Shared fixtures and helpers: users of each role, clients authenticated as the LMS does, catalog events, data."""

import datetime
import io
import socket
import time

import jwt
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import OperationalError
from django.utils import timezone
from edx_django_utils.cache import RequestCache
from jwt.api_jwk import PyJWK
from opaque_keys.edx.keys import CourseKey
from openedx_events.content_authoring.data import CourseCatalogData, CourseScheduleData
from openedx_events.content_authoring.signals import COURSE_CATALOG_INFO_CHANGED
from openedx_events.data import EventsMetadata
from rest_framework.test import APIClient

from course_archive import api
from course_archive import catalog as catalog_module
from course_archive.models import CourseCatalogInfo
from demo_host.models import DemoCourse, DemoEnrollment

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


class Terminal(io.StringIO):
    """An output stream that says it is a terminal, as a command's stdout in an operator's shell is."""

    def isatty(self):
        return True


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
def admin_client(client, make_user):
    """Django's test client signed in to the admin as a superuser named "admin"."""
    client.force_login(make_user("admin", is_staff=True, is_superuser=True))
    return client


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


def unused_port():
    """A loopback port nothing listens on (bound, then let go)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def caches_nobody_answers():
    """``CACHES`` whose default is a Redis (django-redis) on a port nothing listens on: every call fails fast."""
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{unused_port()}/0",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1},
        }
    }


def redis_or_skip(url):
    """A client of the Redis server at ``url``, or the test skipped when none answers."""
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        pytest.skip(f"Redis is not reachable at {url}: {error}")
    return client


# --- COURSE_CATALOG_INFO_CHANGED as the tests send it (test_catalog, test_handlers, test_tasks) ---------------

KEY = CourseKey.from_string(COURSE)
START = datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC)


def catalog_data(name="Demo course", key=KEY, **schedule):
    return CourseCatalogData(
        course_key=key,
        name=name,
        schedule_data=CourseScheduleData(start=START, pacing="self", **schedule),
        hidden=True,
        invitation_only=False,
    )


def event_metadata(time=None, event_id=None):
    metadata = COURSE_CATALOG_INFO_CHANGED.generate_signal_metadata(time=time)
    if event_id is not None:
        metadata = EventsMetadata(event_type=metadata.event_type, id=event_id, time=metadata.time, minorversion=0)
    return metadata


class FlakyDatabase:
    """Makes the first ``failures`` attempts to apply an event fail like a lost database connection."""

    def __init__(self, monkeypatch, failures):
        self.calls = 0
        real = catalog_module._apply_catalog_facts  # noqa: SLF001 - the step whose failure is simulated

        def flaky(*args, **kwargs):
            self.calls += 1
            if self.calls > failures:
                return real(*args, **kwargs)
            raise OperationalError("(2006, 'Server has gone away')")

        monkeypatch.setattr(catalog_module, "_apply_catalog_facts", flaky)


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """
    Send the event as the CMS does (``send_event``) or as the event bus consumer does (chosen metadata),
    and let the test's transaction "commit" so the receiver's on_commit hands it to the (eager) task.
    """

    def deliver(catalog=None, metadata=None):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            if metadata is None:
                COURSE_CATALOG_INFO_CHANGED.send_event(catalog_info=catalog or catalog_data())
            else:
                COURSE_CATALOG_INFO_CHANGED.send_event_with_custom_metadata(metadata, catalog_info=catalog)
        return callbacks

    return deliver


# --- Statuses, activity, catalog and enrolments over three orgs (test_overview, test_admin_search) -----------

HIST = "course-v1:edX+Hist100+2026"


BIO = "course-v1:edX+Bio+2025"


NO_END = "course-v1:edX+NoEnd+2026"


MATH = "course-v1:MITx+M1+2024"


OLD = "HarvardX/H1/2020"


ORPHAN = "course-v1:Orphan+Z9+2026"  # statuses, but no catalog row


@pytest.fixture
def seeded(make_user, settings):
    """
    Five learners' statuses over four courses of three orgs (one an old-style key), their activity, the
    catalog, eight enrolments in Hist100, and an auto-archive policy of 30 days, off for MITx.
    """
    settings.COURSE_ARCHIVE_AUTO_ARCHIVE_DAYS_AFTER_END = 30
    settings.COURSE_ARCHIVE_AUTO_ARCHIVE_ORG_DAYS_AFTER_END = {"MITx": None}
    settings.COURSE_ARCHIVE_URL_RULES_REFRESH_SECONDS = 3600
    now = timezone.now()
    for course_id, name, end in (
        (HIST, "World History", now - datetime.timedelta(days=40)),  # auto-archived (30 days)
        (BIO, "Biology", now - datetime.timedelta(days=10)),  # not yet
        (NO_END, "Open-ended", None),  # never
        (MATH, "Mathematics", now - datetime.timedelta(days=400)),  # MITx's policy is off
        (OLD, "Old Harvard course", now - datetime.timedelta(days=100)),  # auto-archived
    ):
        CourseCatalogInfo.objects.create(course_id=CourseKey.from_string(course_id), name=name, end=end)
    learners = {name: make_user(name) for name in ("learner1", "learner2", "learner3", "learner4", "learner5")}
    archived = {
        "learner1": [HIST, OLD, BIO, MATH],
        "learner2": [HIST, OLD, BIO],
        "learner3": [HIST],
        "learner5": [HIST, OLD],
    }
    for name, courses in archived.items():
        api.bulk_set_archive_state(learners[name], courses, True)
    api.set_archive_state(learners["learner3"], BIO, False)  # created active: no change of state
    api.archive(learners["learner4"], HIST)
    api.unarchive(learners["learner4"], HIST)
    course = DemoCourse.objects.create(course_id=CourseKey.from_string(HIST), name="World History")
    for user in [*learners.values(), make_user("enrolled6"), make_user("enrolled7"), make_user("enrolled8")]:
        DemoEnrollment.objects.create(user=user, course=course)
    return learners


# The benchmark's data, small: the SQL pins of its scenarios (test_bench_queries) and the serializer's
# answers for them (test_serializers).
BENCH_BIG_COURSE = "course-v1:BenchX+C00000+2026"
BENCH_COURSES = [f"course-v1:BenchX+C{index:05d}+2026" for index in range(150)]
BENCH_BULK_COURSES = BENCH_COURSES[100:200]


@pytest.fixture
def bench_data(make_user, learner, staff):
    """A heavy learner with 150 statuses (60 archived), other learners in the big course, catalog facts."""
    from opaque_keys.edx.keys import CourseKey

    from course_archive import api
    from course_archive.models import CourseCatalogInfo

    others = [make_user(f"learner{index}") for index in range(5)]
    api.bulk_set_archive_state(learner, BENCH_COURSES[:60], True)
    api.bulk_set_archive_state(learner, BENCH_COURSES[60:], False)
    for other in others:
        api.archive(other, BENCH_BIG_COURSE)
    CourseCatalogInfo.objects.bulk_create(
        CourseCatalogInfo(course_id=CourseKey.from_string(course), name=f"Course {course}") for course in BENCH_COURSES
    )
    return learner
