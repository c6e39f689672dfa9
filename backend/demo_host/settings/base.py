"""
Settings shared by every environment of the demo host, shaped like the LMS's ``common.py``.

The plugin is not listed by hand: ``get_plugin_apps`` finds it through its ``lms.djangoapp`` entry point,
and ``add_plugins`` applies its settings, exactly as edx-platform does.

Mirrored from the LMS, because the plugin depends on them (openedx/openedx-platform, master):
- ``DATA_UPLOAD_MAX_MEMORY_SIZE = None`` and ``DATA_UPLOAD_MAX_NUMBER_FIELDS = None``: ``openedx/envs/common.py``.
- ``AUTHENTICATION_BACKENDS`` with ``AllowAllUsersModelBackend`` (learners who have not activated their
  account sign in): ``openedx/envs/common.py``; the LMS's rate-limited backend subclasses it.
- ``REST_FRAMEWORK``: JWT then session by default, edx-drf-extensions' pagination, JSON rendering only, the
  platform's throttle rates, no ``DEFAULT_SCHEMA_CLASS``: ``openedx/envs/common.py``.
- ``MIDDLEWARE``: the request cache, crum's current request and the JWT cookie middleware, in the LMS's order.
- Learner Home's ``init`` view (``demo_host.views``): its authentication classes, ``NotJwtRestrictedApplication``
  and its masquerade parameter ``?user=``: ``lms/djangoapps/learner_home/views.py`` and ``utils.py``.
"""

import os
from pathlib import Path

from edx_django_utils.plugins import add_plugins, get_plugin_apps

from demo_host import jwt_keys
from demo_host.settings import databases

LMS = "lms.djangoapp"
BACKEND_DIR = Path(__file__).resolve().parents[2]
REPO_DIR = BACKEND_DIR.parent
STATE_DIR = Path(os.environ.get("DEMO_HOST_STATE_DIR", REPO_DIR / ".demo"))

SECRET_KEY = os.environ.get("DEMO_HOST_SECRET_KEY", "demo-host-not-secret-only-for-local-use")
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "csrf",  # edx-drf-extensions' CSRF token API, which frontend-platform calls before unsafe requests.
    "config_models",  # admin-edited, audited configuration, as in the LMS.
    "openedx_events",  # connects the event bus producer; provides `consume_events`.
    "eventtracking.django.apps.EventTrackingConfig",  # the tracking log, as in the LMS
    "waffle",  # waffle flags (edx-toggles), as in the LMS
    "demo_host",
    *get_plugin_apps(LMS),
]

MIDDLEWARE = [
    # As in the LMS: per-request caches (django-config-models' first tier) are emptied after each request.
    "edx_django_utils.cache.middleware.RequestCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The learner's language, as the LMS reads it: its openedx-language-preference cookie (LANGUAGE_COOKIE_NAME).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # As in the LMS: the current user for filters, and the split JWT cookie put back together.
    "crum.CurrentRequestUserMiddleware",
    "edx_rest_framework_extensions.auth.jwt.middleware.JwtAuthCookieMiddleware",
]

ROOT_URLCONF = "demo_host.urls"
WSGI_APPLICATION = "demo_host.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

DATABASES = {"default": databases.sqlite_file(STATE_DIR / "demo.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery (demo_host/celery.py), as the LMS runs it. Without a worker the demo runs tasks in the process;
# COURSE_ARCHIVE_CELERY_BROKER_URL (e.g. redis://127.0.0.1:6379/5) sends them to a worker instead.
CELERY_BROKER_URL = os.environ.get("COURSE_ARCHIVE_CELERY_BROKER_URL", "memory://")
CELERY_TASK_ALWAYS_EAGER = "COURSE_ARCHIVE_CELERY_BROKER_URL" not in os.environ
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# The platform's internals (course overviews) come from the demo host's own models.
COURSE_ARCHIVE_PLATFORM_BACKEND = "demo_host.platform_backend"

# Auto-archive on the demo dashboard (make e2e sets it): DEMO_AUTO_ARCHIVE_DAYS days after a course's end.
if os.environ.get("DEMO_AUTO_ARCHIVE_DAYS"):
    COURSE_ARCHIVE_AUTO_ARCHIVE_DAYS_AFTER_END = int(os.environ["DEMO_AUTO_ARCHIVE_DAYS"])

USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_CODE = "en"
# As the LMS: the cookie the learner's language preference is kept in (openedx/envs/common.py), and some of
# the languages it offers, right-to-left Arabic among them.
LANGUAGE_COOKIE_NAME = "openedx-language-preference"
LANGUAGES = [("en", "English"), ("ar", "العربية"), ("es-419", "Español (Latinoamérica)"), ("es", "Español")]
LANGUAGES_BIDI = ["he", "ar", "fa", "ur", "fa-ir", "rtl"]
STATIC_URL = "/static/"
STATIC_ROOT = str(STATE_DIR / "static")
# The built demo widget (``npm run build:demo`` in frontend/).
_DEMO_DIST = REPO_DIR / "frontend" / "demo-dist"
STATICFILES_DIRS = [("course-archive-demo", str(_DEMO_DIST))] if _DEMO_DIST.is_dir() else []
LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/dashboard/"

# As the LMS: no limit of Django's on request bodies or fields ("limits are currently disabled").
DATA_UPLOAD_MAX_MEMORY_SIZE = None
DATA_UPLOAD_MAX_NUMBER_FIELDS = None

# As the LMS: accounts that are not activated yet can sign in (and use Learner Home).
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.AllowAllUsersModelBackend"]

# As the LMS's (openedx/envs/common.py), but for the "user" rate: the bench's ceiling view must not be
# throttled first, and the platform's 60/minute would be.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "edx_rest_framework_extensions.auth.jwt.authentication.JwtAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PAGINATION_CLASS": "edx_rest_framework_extensions.paginators.DefaultPagination",
    "DEFAULT_RENDERER_CLASSES": ("rest_framework.renderers.JSONRenderer",),
    "PAGE_SIZE": 10,
    "URL_FORMAT_OVERRIDE": None,
    "DEFAULT_THROTTLE_RATES": {
        "user": "1000/minute",
        "service_user": "800/minute",
        "registration_validation": "30/minute",
        "high_service_user": "2000/minute",
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Open edX course archive API",
    "DESCRIPTION": "Learners archive and unarchive courses on their dashboard.",
    "VERSION": "v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
}

# JWTs as the LMS issues them: asymmetric keys only, so a token signed with any shared secret
# (or with the public key) is refused. Without JWT_PUBLIC_SIGNING_JWK_SET edx-drf-extensions would
# fall back to the symmetric secret below, which is random and never used to sign anything.
JWT_PRIVATE_SIGNING_JWK = jwt_keys.load_or_create(STATE_DIR / "jwk.json")
JWT_ISSUER = "http://127.0.0.1:8000/oauth2"
JWT_AUDIENCE = "lms-key"
_UNUSED_SYMMETRIC_SECRET = os.urandom(32).hex()
JWT_AUTH = {
    "JWT_ISSUER": JWT_ISSUER,
    "JWT_AUDIENCE": JWT_AUDIENCE,
    "JWT_SECRET_KEY": _UNUSED_SYMMETRIC_SECRET,
    "JWT_ISSUERS": [{"ISSUER": JWT_ISSUER, "AUDIENCE": JWT_AUDIENCE, "SECRET_KEY": _UNUSED_SYMMETRIC_SECRET}],
    "JWT_PUBLIC_SIGNING_JWK_SET": jwt_keys.public_jwk_set(JWT_PRIVATE_SIGNING_JWK),
    "JWT_PRIVATE_SIGNING_JWK": JWT_PRIVATE_SIGNING_JWK,
    "JWT_SIGNING_ALGORITHM": "RS512",
    "JWT_AUTH_COOKIE": "edx-jwt-cookie",
    "JWT_AUTH_COOKIE_HEADER_PAYLOAD": "edx-jwt-cookie-header-payload",
    "JWT_AUTH_COOKIE_SIGNATURE": "edx-jwt-cookie-signature",
    "JWT_AUTH_HEADER_PREFIX": "JWT",
    "JWT_DECODE_HANDLER": "edx_rest_framework_extensions.auth.jwt.decoder.jwt_decode_handler",
    "JWT_VERIFY_AUDIENCE": True,
    "JWT_LEEWAY": 1,
}
JWT_EXPIRATION_SECONDS = 3600
# The debug page of `make dev` hides the signing key above too (Django's own filter would show it).
DEFAULT_EXCEPTION_REPORTER_FILTER = "demo_host.debug.SecretsHiddenExceptionReporterFilter"

# The tracking log, as the LMS writes it (its "tracking" logger); tests capture events in memory.
EVENT_TRACKING_ENABLED = True
EVENT_TRACKING_BACKENDS = {
    "tracking_logs": {
        "ENGINE": "eventtracking.backends.logger.LoggerBackend",
        "OPTIONS": {"name": "tracking", "max_event_size": 50000},
    }
}

# edx-django-utils' monitoring: no New Relic or Datadog agent here.
OPENEDX_TELEMETRY = []

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"course_archive": {"handlers": ["console"], "level": "INFO"}},
}

# The LMS's own URL, as the LMS sets it; event-routing-backends (where installed, make test-aspects) names
# statements' activities with it.
LMS_ROOT_URL = os.environ.get("DEMO_HOST_LMS_ROOT_URL", "http://localhost:18000")

add_plugins(__name__, LMS, "common")
