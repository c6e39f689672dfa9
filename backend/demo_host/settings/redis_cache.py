"""
The demo host with Django's cache in Redis (django-redis), as the LMS keeps it in a shared cache: the API's
throttle counts every worker's requests together. Used by the cross-process throttle test, which serves
it with gunicorn; the database is the demo host's SQLite file under ``DEMO_HOST_STATE_DIR``.

``COURSE_ARCHIVE_REDIS_CACHE_URL`` (default ``redis://127.0.0.1:6379/1``) and
``COURSE_ARCHIVE_CACHE_KEY_PREFIX`` (default ``course-archive-demo``) choose the server and keep one
run's keys apart from another's.
"""

import os

from demo_host.settings.base import *  # noqa: F403
from demo_host.settings.base import LMS, add_plugins

CACHES = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": os.environ.get("COURSE_ARCHIVE_REDIS_CACHE_URL", "redis://127.0.0.1:6379/1"),
        "KEY_PREFIX": os.environ.get("COURSE_ARCHIVE_CACHE_KEY_PREFIX", "course-archive-demo"),
        "TIMEOUT": 300,
    }
}

add_plugins(__name__, LMS, "production")
