"""Throttling of REST API v1."""

import random
import time

from rest_framework.throttling import UserRateThrottle

from course_archive import conf


class CourseArchiveRateThrottle(UserRateThrottle):
    """
    Per-user rate limit with a scope of its own, so the plugin neither spends nor shares the platform's
    ``user`` bucket. The rate is read from ``COURSE_ARCHIVE_API_RATE_LIMIT`` on every request, and
    counted in Django's default cache, which every worker shares.
    """

    scope = "course_archive"

    # DRF reads the user's request history, appends to it and writes it back: two workers doing that at
    # once both let a request through and one append is lost. A lock in the same cache (``add`` is atomic
    # in Redis, memcached and the local-memory cache) makes it one step per user.
    lock_timeout = 2  # seconds: how long a crashed holder can block the user's bucket
    lock_wait = 1.0  # seconds a request waits for the lock before it is refused

    def get_rate(self):
        return conf.get(conf.API_RATE_LIMIT)

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)
        if key is None:
            return True
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
