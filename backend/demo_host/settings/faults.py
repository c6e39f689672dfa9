"""
The demo host as the fault tests serve it (``make test-faults``): gunicorn workers on a database and a
Redis cache that the tests start, kill and restart themselves, never the machine's shared services.

- ``COURSE_ARCHIVE_FAULTS_DB``: ``sqlite`` (a file under ``DEMO_HOST_STATE_DIR``) or ``mysql`` (a MariaDB
  at ``MYSQL_HOST``:``MYSQL_PORT``, database ``COURSE_ARCHIVE_FAULTS_DB_NAME``).
- ``COURSE_ARCHIVE_REDIS_CACHE_URL``: the cache (django-redis, as Tutor configures the LMS's); unset, the
  local-memory cache.
- ``COURSE_ARCHIVE_FAULTS_ATOMIC_REQUESTS`` (default 1), and the plugin's own settings
  ``COURSE_ARCHIVE_API_RATE_LIMIT`` and ``COURSE_ARCHIVE_API_THROTTLE_WHEN_CACHE_FAILS`` from the environment.
"""

import os

from demo_host.settings import databases
from demo_host.settings.base import *  # noqa: F403
from demo_host.settings.base import LMS, STATE_DIR, add_plugins

DEBUG = False

if os.environ.get("COURSE_ARCHIVE_FAULTS_DB", "sqlite") == "mysql":
    DATABASES = {"default": databases.mysql(os.environ.get("COURSE_ARCHIVE_FAULTS_DB_NAME", "course_archive_faults"))}
    # A dead server is noticed in a second or two, not after the client's default timeouts.
    DATABASES["default"]["OPTIONS"].update({"connect_timeout": 2, "read_timeout": 10, "write_timeout": 10})
else:
    DATABASES = {"default": databases.sqlite_file(STATE_DIR / "faults.sqlite3")}
DATABASES["default"]["CONN_MAX_AGE"] = 0
DATABASES["default"]["ATOMIC_REQUESTS"] = os.environ.get("COURSE_ARCHIVE_FAULTS_ATOMIC_REQUESTS", "1") == "1"

if os.environ.get("COURSE_ARCHIVE_REDIS_CACHE_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["COURSE_ARCHIVE_REDIS_CACHE_URL"],
            "KEY_PREFIX": "course-archive-faults",
            # A dead server is noticed at once, not after the client's default timeouts.
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        }
    }

COURSE_ARCHIVE_API_RATE_LIMIT = os.environ.get("COURSE_ARCHIVE_API_RATE_LIMIT", "60/minute")
COURSE_ARCHIVE_API_THROTTLE_WHEN_CACHE_FAILS = os.environ.get("COURSE_ARCHIVE_API_THROTTLE_WHEN_CACHE_FAILS", "allow")

add_plugins(__name__, LMS, "production")
