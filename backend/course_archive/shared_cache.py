"""
Django's shared cache (the LMS's Redis or memcached) as the plugin uses it: an outage of the cache costs
what the cache saves, never the request. Callers catch ``CACHE_ERRORS`` around their cache calls, go on
without the cache, and report the outage with ``report_outage``: once per worker and interval, not once per
request.
"""

import logging
import time

log = logging.getLogger(__name__)

# How often a worker logs that the cache is failing, in seconds.
OUTAGE_LOG_INTERVAL = 60


def _cache_errors():
    """What the cache backends the platform runs on raise when their server cannot be reached."""
    errors = [OSError]
    try:
        from redis.exceptions import RedisError  # noqa: PLC0415 - only where redis-py is installed

        errors.append(RedisError)
    except ImportError:  # pragma: no cover - a host without redis-py
        pass
    try:
        from django_redis.exceptions import ConnectionInterrupted  # noqa: PLC0415 - only with django-redis

        errors.append(ConnectionInterrupted)
    except ImportError:  # pragma: no cover - a host without django-redis
        pass
    try:
        from pymemcache.exceptions import MemcacheError  # noqa: PLC0415 - only with pymemcache

        errors.append(MemcacheError)
    except ImportError:
        pass
    return tuple(errors)


CACHE_ERRORS = _cache_errors()

_last_reported = {}


def report_outage(what, error):
    """Log that ``what`` went on without the cache because of ``error``, at most once per interval."""
    now = time.monotonic()
    last = _last_reported.get(what)
    if last is not None and now - last < OUTAGE_LOG_INTERVAL:
        return
    _last_reported[what] = now
    log.warning(
        "The shared cache failed (%s: %s); %s. Logged at most every %d seconds per worker.",
        type(error).__name__,
        error,
        what,
        OUTAGE_LOG_INTERVAL,
    )


def forget_outages():
    """Log the next outage at once (tests, and a worker that knows the cache came back)."""
    _last_reported.clear()
