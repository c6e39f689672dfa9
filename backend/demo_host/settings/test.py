"""
Test settings. ``COURSE_ARCHIVE_TEST_DB`` picks the database: ``sqlite`` (default), ``mysql`` (the
machine's MariaDB at 127.0.0.1:3306, root) or ``postgres`` (127.0.0.1:5432, trust). Each creates its own
test database.
"""

import os

from demo_host import jwt_keys
from demo_host.settings import databases
from demo_host.settings.base import *  # noqa: F403
from demo_host.settings.base import JWT_AUTH, LMS, add_plugins

_DB = os.environ.get("COURSE_ARCHIVE_TEST_DB", "sqlite")
# Runs side by side (several checkouts, the matrix) each name their own test database.
_NAME = os.environ.get("COURSE_ARCHIVE_TEST_DB_NAME", "course_archive")
if _DB == "mysql":
    DATABASES = {
        "default": databases.mysql(
            _NAME, TEST={"NAME": f"test_{_NAME}", "CHARSET": "utf8mb4", "COLLATION": "utf8mb4_unicode_ci"}
        )
    }
elif _DB == "postgres":
    DATABASES = {"default": databases.postgres(_NAME, TEST={"NAME": f"test_{_NAME}"})}
elif _DB == "sqlite":
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
elif _DB == "sqlite-file":
    # Several processes sharing one database (cross-process tests); NAME is the test database itself.
    _PATH = os.environ["COURSE_ARCHIVE_TEST_DB_NAME"]
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": _PATH, "TEST": {"NAME": _PATH}}}
else:
    raise ValueError(f"COURSE_ARCHIVE_TEST_DB must be sqlite, mysql or postgres, not {_DB!r}")
if _DB == "mysql" and os.environ.get("COURSE_ARCHIVE_TEST_LOCK_WAIT_SECONDS"):
    # `make test-celery`: the worker gives up on a locked row quickly, so a real lock makes a real DB error.
    DATABASES["default"]["OPTIONS"]["init_command"] = (
        f"SET SESSION innodb_lock_wait_timeout={int(os.environ['COURSE_ARCHIVE_TEST_LOCK_WAIT_SECONDS'])}"
    )

# Celery tasks run in the test process, eagerly, unless `make test-celery` points them at a real worker's
# broker (COURSE_ARCHIVE_CELERY_BROKER_URL, read by base.py).
CELERY_TASK_ALWAYS_EAGER = "COURSE_ARCHIVE_CELERY_BROKER_URL" not in os.environ

if os.environ.get("COURSE_ARCHIVE_TEST_CACHE_DIR"):
    # A cache several processes share, as memcached or Redis is shared by the LMS's workers.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ["COURSE_ARCHIVE_TEST_CACHE_DIR"],
        }
    }

# Fresh keys for each test run; tests sign their JWTs with JWT_PRIVATE_SIGNING_JWK.
JWT_PRIVATE_SIGNING_JWK = jwt_keys.new_private_jwk(kid="test")
JWT_AUTH = {
    **JWT_AUTH,
    "JWT_PRIVATE_SIGNING_JWK": JWT_PRIVATE_SIGNING_JWK,
    "JWT_PUBLIC_SIGNING_JWK_SET": jwt_keys.public_jwk_set(JWT_PRIVATE_SIGNING_JWK),
}
# The Redis event bus, for `make test-eventbus`: this process produces, a `consume_events` subprocess
# (same settings, pointed at the test database) consumes. A prefix of its own keeps the streams apart.
EVENT_BUS_TOPIC_PREFIX = os.environ.get("COURSE_ARCHIVE_EVENT_BUS_PREFIX")
if EVENT_BUS_TOPIC_PREFIX:
    EVENT_BUS_PRODUCER = "edx_event_bus_redis.create_producer"
    EVENT_BUS_CONSUMER = "edx_event_bus_redis.RedisEventConsumer"
    EVENT_BUS_REDIS_CONNECTION_URL = os.environ.get("COURSE_ARCHIVE_REDIS_URL", "redis://127.0.0.1:6379/")
    EVENT_BUS_REDIS_CONSUMER_POLL_TIMEOUT = 1
    EVENT_BUS_PRODUCER_CONFIG = {
        "org.openedx.content_authoring.course.catalog_info.changed.v1": {
            "course-catalog-info-changed": {"event_key_field": "catalog_info.course_key", "enabled": True},
        },
    }

# Tracking events reach the real eventtracking tracker, which hands them to this backend.
EVENT_TRACKING_BACKENDS = {"memory": {"ENGINE": "demo_host.tracking.MemoryBackend"}}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STATICFILES_DIRS = []

add_plugins(__name__, LMS, "test")
