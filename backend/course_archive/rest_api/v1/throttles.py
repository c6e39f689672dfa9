"""Throttling of REST API v1."""

import random
import time

from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache import cache as default_cache
from rest_framework.throttling import UserRateThrottle

try:  # django-redis: the cache Tutor configures for the LMS
    from django_redis.cache import RedisCache as DjangoRedisCache
    from django_redis.client import ShardClient
except ImportError:  # pragma: no cover - a host without django-redis
    DjangoRedisCache = ShardClient = None

from course_archive import conf, shared_cache
from course_archive.rest_api.v1.unavailable import CacheUnavailable


class CourseArchiveRateThrottle(UserRateThrottle):
    """
    Per-user rate limit with a scope of its own, so the plugin neither spends nor shares the platform's
    ``user`` bucket. The rate is read from ``COURSE_ARCHIVE_API_RATE_LIMIT`` on every request, and
    counted in Django's default cache, which every worker shares.

    While that cache cannot be reached, requests are served uncounted, or refused with a 503 where
    ``COURSE_ARCHIVE_API_THROTTLE_WHEN_CACHE_FAILS`` is "refuse"; counting resumes as soon as it answers.
    """

    scope = "course_archive"

    # DRF reads the user's request history, appends to it and writes it back: two workers doing that at
    # once both let a request through and one append is lost. A lock in the same cache (``add`` is atomic
    # in Redis, memcached and the local-memory cache) makes it one step per user.
    lock_timeout = 2  # seconds: how long a crashed holder can block the user's bucket
    lock_wait = 1.0  # seconds a request waits for the lock before it is refused

    # On Redis through django-redis (Tutor's cache for the LMS), DRF's sliding window in one step of the
    # server's own (a script runs atomically): one round trip instead of the four of the lock, and no request waits for
    # another's lock. Its key is its own (a sorted set of the request times), so it never meets the
    # history the lock path keeps.
    _refused = None

    def get_rate(self):
        return conf.get(conf.API_RATE_LIMIT)

    def allow_request(self, request, view):
        try:
            return self.count_request(request, view)
        except shared_cache.CACHE_ERRORS as error:
            refuse = conf.get(conf.THROTTLE_WHEN_CACHE_FAILS) == "refuse"
            shared_cache.report_outage(
                "the API refuses requests (503)" if refuse else "the API serves requests without counting them",
                error,
            )
            if refuse:
                raise CacheUnavailable() from None
            return True

    def count_request(self, request, view):
        """DRF's sliding window for this request in the shared cache: True when it is under the rate."""
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)
        if key is None:
            return True
        backend = caches[DEFAULT_CACHE_ALIAS] if self.cache is default_cache else self.cache  # not its proxy
        client = _redis_client(backend)
        if client is not None:
            return self._allow_on_redis(backend, client, key)
        lock = f"{key}:lock"
        deadline = time.monotonic() + self.lock_wait
        while not self.cache.add(lock, 1, self.lock_timeout):
            if time.monotonic() > deadline:
                # Too busy to count: the user is far past any sane rate. Refuse, with a Retry-After.
                self.key, self.now = key, self.timer()
                self.history = self.cache.get(key, [])
                return self.throttle_failure()
            time.sleep(0.002 + random.random() * 0.003)
        try:
            return super().allow_request(request, view)
        finally:
            self.cache.delete(lock)

    def _allow_on_redis(self, backend, client, key):
        self.key, self.now = key, self.timer()
        full_key = f"{backend.make_and_validate_key(key)}:window"
        member = f"{self.now!r}:{random.getrandbits(48):x}"
        count, oldest = _sliding_window()(
            keys=[full_key], args=[repr(self.now), self.duration, self.num_requests, member], client=client
        )
        if count < 0:
            return True
        self._refused = (count, float(oldest))
        return self.throttle_failure()

    def wait(self):
        """DRF's ``wait``, from what the Redis script saw (how many requests, the oldest one's time)."""
        if self._refused is None:
            return super().wait()
        count, oldest = self._refused
        available = self.num_requests - count + 1
        if available <= 0:
            return None
        return (self.duration - (self.now - oldest)) / available


# DRF's sliding window (SimpleRateThrottle.allow_request) on a sorted set of request times: times at or past
# the window's start are dropped; under the limit, this request's time is added and {-1, ""} returned;
# at it, nothing is added and {count, oldest time} returned (as strings: Redis makes Lua numbers integers).
_SLIDING_WINDOW_LUA = b"""
local key, now, duration, limit = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call("ZREMRANGEBYSCORE", key, "-inf", now - duration)
local count = redis.call("ZCARD", key)
if count >= limit then
  return {count, redis.call("ZRANGE", key, 0, 0, "WITHSCORES")[2]}
end
redis.call("ZADD", key, now, ARGV[4])
redis.call("EXPIRE", key, duration)
return {-1, ""}
"""
_script: list[object] = []  # the redis-py Script, once loaded


def _redis_client(backend):
    """
    django-redis's own client of ``backend``'s server (``client.get_client``, its documented raw access), or
    None where the script path does not apply: other caches, and a sharded django-redis client, which
    spreads keys over servers by a rule of its own. Those take the lock path, through the cache's API.
    Django's own ``RedisCache`` offers no public access to its client: it takes the lock path too.
    """
    if DjangoRedisCache is not None and isinstance(backend, DjangoRedisCache):
        if isinstance(backend.client, ShardClient):
            return None
        return backend.client.get_client(write=True)
    return None


def _sliding_window():
    """The script, loaded on the Redis server on first use (redis-py is there whenever a RedisCache is)."""
    if not _script:
        from redis.commands.core import Script  # noqa: PLC0415 - only Redis caches need it

        _script.append(Script(None, _SLIDING_WINDOW_LUA))
    return _script[0]
