"""
``make bench``: the demo host as an Open edX deployment runs it, against a database of the benchmark's own.

``COURSE_ARCHIVE_BENCH_DB`` picks the database: ``mysql`` (default; MariaDB at 127.0.0.1:3306, root),
``postgres`` (127.0.0.1:5432, trust) or ``sqlite`` (a WAL file, as ``make dev``). Connections are not
kept (``CONN_MAX_AGE=0``, as edx deployments use). ``COURSE_ARCHIVE_BENCH_CACHE`` is ``redis`` (a cache
every worker shares, as the throttle needs in production: django-redis, as Tutor configures the LMS's) or
``locmem``.

The throttles are neutralised the same way for every scenario and for the ceiling (a rate no benchmark
reaches, so each request still reads and writes its counter); their real behaviour is tested in
``backend/tests/test_throttles.py``.
"""

import os

from demo_host.settings import databases
from demo_host.settings.base import *  # noqa: F403
from demo_host.settings.base import LMS, REPO_DIR, REST_FRAMEWORK, add_plugins

DEBUG = False
_DB = os.environ.get("COURSE_ARCHIVE_BENCH_DB", "mysql")
_NAME = os.environ.get("COURSE_ARCHIVE_BENCH_DB_NAME", "course_archive_bench")

if _DB == "mysql":
    DATABASES = {"default": databases.mysql(_NAME)}
elif _DB == "postgres":
    DATABASES = {"default": databases.postgres(_NAME)}
elif _DB == "sqlite":
    _PATH = os.environ.get("COURSE_ARCHIVE_BENCH_SQLITE", REPO_DIR / "bench-results" / "state" / f"{_NAME}.sqlite3")
    DATABASES = {"default": databases.sqlite_file(_PATH)}
else:
    raise ValueError(f"COURSE_ARCHIVE_BENCH_DB must be mysql, postgres or sqlite, not {_DB!r}")
DATABASES["default"]["CONN_MAX_AGE"] = 0
# As the LMS (lms/envs/common.py): each request in one transaction, so the API's writes run inside it.
DATABASES["default"]["ATOMIC_REQUESTS"] = True

if os.environ.get("COURSE_ARCHIVE_BENCH_CACHE", "locmem") == "redis":
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ.get("COURSE_ARCHIVE_REDIS_URL", "redis://127.0.0.1:6379/"),
            # One prefix per database: benches of other databases on a shared Redis keep out of its counts.
            "KEY_PREFIX": f"course-archive-bench-{_DB}-{_NAME}",
        }
    }

_UNREACHABLE_RATE = f"{10**9}/second"
COURSE_ARCHIVE_API_RATE_LIMIT = _UNREACHABLE_RATE
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {"user": _UNREACHABLE_RATE},
}
# The about-page step rewrites URLs in the micro-benchmark, as an operator who set a template has it.
COURSE_ARCHIVE_ABOUT_PAGE_URL_TEMPLATE = "https://catalog.example.com/courses/{course_id}/about"

# Logging of every applied catalog event would time the console, not the receiver.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"course_archive": {"handlers": ["console"], "level": "WARNING"}},
}

add_plugins(__name__, LMS, "production")
