"""
Django's shared cache (the LMS's Redis or memcached) as the plugin uses it: an outage of the cache costs
what the cache saves, never the request. Callers catch ``CACHE_ERRORS`` around their cache calls, go on
without the cache, and report the outage with ``report_outage``: once per worker and interval, not once per
request.
"""

import logging
import time

__all__ = ["CACHE_ERRORS", "report_outage"]

log = logging.getLogger(__name__)

# How often a worker logs that the cache is failing, in seconds.
OUTAGE_LOG_INTERVAL = 60


def _cache_errors() -> tuple[type[Exception], ...]:
    """What the cache backends the platform runs on raise when their server cannot be reached."""
    errors: list[type[Exception]] = [OSError]
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

# {what went on without the cache: when it was last logged, time.monotonic()}
_last_reported: dict[str, float] = {}


def report_outage(what: str, error: BaseException) -> None:
    """
    Log that ``what`` went on without the cache because of ``error``, at most once per interval.

    Arguments:
        what (str): what the caller did instead, completing the log's sentence (e.g. "the kill switch is
            read from the database").
        error (BaseException): the error the cache raised, one of ``CACHE_ERRORS``.

    Returns:
        None
    """
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


def forget_outages() -> None:
    """
    Log the next outage at once (tests, and a worker that knows the cache came back).

    Returns:
        None
    """
    _last_reported.clear()
