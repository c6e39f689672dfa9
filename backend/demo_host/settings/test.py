"""
Test settings. ``COURSE_ARCHIVE_TEST_DB`` picks the database: ``sqlite`` (default), ``mysql`` (the
machine's MariaDB at 127.0.0.1:3306, root) or ``postgres`` (127.0.0.1:5432, trust). Each creates its own
test database.
"""

import os

from demo_host import jwt_keys
from demo_host.settings.base import *  # noqa: F403
from demo_host.settings.base import JWT_AUTH, LMS, add_plugins

_DB = os.environ.get("COURSE_ARCHIVE_TEST_DB", "sqlite")
if _DB == "mysql":
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.mysql",
            "NAME": "course_archive",
            "USER": os.environ.get("MYSQL_USER", "root"),
            "PASSWORD": os.environ.get("MYSQL_PASSWORD", ""),
            "HOST": os.environ.get("MYSQL_HOST", "127.0.0.1"),
            "PORT": os.environ.get("MYSQL_PORT", "3306"),
            "OPTIONS": {"charset": "utf8mb4"},
            "TEST": {"NAME": "test_course_archive", "CHARSET": "utf8mb4", "COLLATION": "utf8mb4_unicode_ci"},
        }
    }
elif _DB == "postgres":
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": "course_archive",
            "USER": os.environ.get("PGUSER", "postgres"),
            "HOST": os.environ.get("PGHOST", "127.0.0.1"),
            "PORT": os.environ.get("PGPORT", "5432"),
            "TEST": {"NAME": "test_course_archive"},
        }
    }
elif _DB == "sqlite":
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
else:
    raise ValueError(f"COURSE_ARCHIVE_TEST_DB must be sqlite, mysql or postgres, not {_DB!r}")

# Fresh keys for each test run; tests sign their JWTs with JWT_PRIVATE_SIGNING_JWK.
JWT_PRIVATE_SIGNING_JWK = jwt_keys.new_private_jwk(kid="test")
JWT_AUTH = {
    **JWT_AUTH,
    "JWT_PRIVATE_SIGNING_JWK": JWT_PRIVATE_SIGNING_JWK,
    "JWT_PUBLIC_SIGNING_JWK_SET": jwt_keys.public_jwk_set(JWT_PRIVATE_SIGNING_JWK),
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STATICFILES_DIRS = []

add_plugins(__name__, LMS, "test")
