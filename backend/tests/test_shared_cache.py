"""
Going on without the shared cache (shared_cache.py): ``CACHE_ERRORS`` catches what the real cache backends
raise when their server is gone, and ``report_outage`` logs an outage once per worker and interval.
"""

import logging

import pytest
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache
from django_redis.cache import RedisCache as DjangoRedisCache

from course_archive import shared_cache
from tests.conftest import unused_port

WHAT = "the kill switch is read from the database"


@pytest.mark.parametrize(
    "make_cache",
    [
        lambda url: RedisCache(url, {"OPTIONS": {"socket_connect_timeout": 1}}),
        lambda url: DjangoRedisCache(url, {"OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1}}),
    ],
    ids=["django-redis-cache", "django-redis"],
)
def test_a_redis_cache_without_its_server_raises_one_of_the_cache_errors(make_cache):
    cache = make_cache(f"redis://127.0.0.1:{unused_port()}/0")
    with pytest.raises(shared_cache.CACHE_ERRORS):
        cache.get("course_archive.test")
    with pytest.raises(shared_cache.CACHE_ERRORS):
        cache.add("course_archive.test", 1)


def test_a_file_cache_that_cannot_write_raises_one_of_the_cache_errors(tmp_path):
    not_a_folder = tmp_path / "cache"
    not_a_folder.write_text("a file where the cache's folder should be")
    with pytest.raises(shared_cache.CACHE_ERRORS):
        FileBasedCache(str(not_a_folder), {}).set("course_archive.test", 1)


def test_a_programming_error_is_not_a_cache_error():
    assert not issubclass(TypeError, shared_cache.CACHE_ERRORS)
    assert not issubclass(KeyError, shared_cache.CACHE_ERRORS)


@pytest.fixture
def clock(monkeypatch):
    shared_cache.forget_outages()
    now = [5000.0]
    monkeypatch.setattr(shared_cache.time, "monotonic", lambda: now[0])
    yield now
    shared_cache.forget_outages()


def _warnings(caplog):
    return [record.getMessage() for record in caplog.records if record.name == shared_cache.__name__]


def test_an_outage_is_logged_once_per_interval_for_each_fallback(clock, caplog):
    caplog.set_level(logging.WARNING, logger=shared_cache.__name__)
    error = ConnectionRefusedError(111, "Connection refused")
    for _request in range(3):
        shared_cache.report_outage(WHAT, error)
    shared_cache.report_outage("counts are made without the cache", error)
    assert _warnings(caplog) == [
        f"The shared cache failed (ConnectionRefusedError: [Errno 111] Connection refused); {WHAT}. "
        f"Logged at most every {shared_cache.OUTAGE_LOG_INTERVAL} seconds per worker.",
        "The shared cache failed (ConnectionRefusedError: [Errno 111] Connection refused); counts are made "
        f"without the cache. Logged at most every {shared_cache.OUTAGE_LOG_INTERVAL} seconds per worker.",
    ]
    caplog.clear()
    clock[0] += shared_cache.OUTAGE_LOG_INTERVAL - 0.1
    shared_cache.report_outage(WHAT, error)
    assert _warnings(caplog) == []
    clock[0] += 0.1
    shared_cache.report_outage(WHAT, error)
    assert len(_warnings(caplog)) == 1


def test_forgetting_outages_logs_the_next_one_at_once(clock, caplog):
    caplog.set_level(logging.WARNING, logger=shared_cache.__name__)
    shared_cache.report_outage(WHAT, OSError("down"))
    shared_cache.forget_outages()
    shared_cache.report_outage(WHAT, OSError("still down"))
    assert [message.split(";")[0] for message in _warnings(caplog)] == [
        "The shared cache failed (OSError: down)",
        "The shared cache failed (OSError: still down)",
    ]
