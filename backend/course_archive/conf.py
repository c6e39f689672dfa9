"""
The plugin's settings, read from ``django.conf.settings`` at call time.

Each ``COURSE_ARCHIVE_*`` setting has one default here; ``settings/common.py`` copies the defaults onto
the host's settings and ``checks`` validates what the operator set.
"""

from typing import Any

from django.conf import settings

__all__ = [
    "ABOUT_PAGE_ORG_TEMPLATES",
    "ABOUT_PAGE_URL_TEMPLATE",
    "API_RATE_LIMIT",
    "AUTO_ARCHIVE_DAYS",
    "AUTO_ARCHIVE_ORG_DAYS",
    "CATALOG_TASK_QUEUE",
    "DEFAULTS",
    "MAX_REQUEST_BODY_BYTES",
    "MAX_STATUSES_PER_LEARNER",
    "PLATFORM_BACKEND",
    "THROTTLE_WHEN_CACHE_FAILS",
    "URL_RULES_REFRESH_SECONDS",
    "get",
]

# .. setting_name: COURSE_ARCHIVE_API_RATE_LIMIT
# .. setting_default: "60/minute"
# .. setting_description: Requests one user may make to the course archive REST API, as a DRF rate
#   ("<number>/<second|minute|hour|day>"). Counted in Django's default cache, which must be shared by
#   every worker (the LMS's memcached or Redis) for the limit to hold across workers.
API_RATE_LIMIT = "COURSE_ARCHIVE_API_RATE_LIMIT"

# .. setting_name: COURSE_ARCHIVE_ABOUT_PAGE_URL_TEMPLATE
# .. setting_default: None
# .. setting_description: Absolute http(s) URL template that replaces a course's about-page URL, e.g.
#   "https://catalog.example.com/courses/{course_id}/about". Placeholders: {course_id}, {org},
#   {course}, {run} (URL-quoted); it must contain {course_id} or {course}. None leaves URLs unchanged.
ABOUT_PAGE_URL_TEMPLATE = "COURSE_ARCHIVE_ABOUT_PAGE_URL_TEMPLATE"

# .. setting_name: COURSE_ARCHIVE_ABOUT_PAGE_ORG_TEMPLATES
# .. setting_default: {}
# .. setting_description: Per-organization about-page URL templates, {org: template}; a course's org
#   template takes precedence over COURSE_ARCHIVE_ABOUT_PAGE_URL_TEMPLATE. Same placeholders and rules.
ABOUT_PAGE_ORG_TEMPLATES = "COURSE_ARCHIVE_ABOUT_PAGE_ORG_TEMPLATES"

# .. setting_name: COURSE_ARCHIVE_URL_RULES_REFRESH_SECONDS
# .. setting_default: 5
# .. setting_description: How often (seconds) each worker re-reads the about-page URL rules managed in the
#   admin from django-config-models' cache. A change made in the admin reaches every worker within this
#   time, and calls in between cost no cache lookup. 0 reads them on every call.
URL_RULES_REFRESH_SECONDS = "COURSE_ARCHIVE_URL_RULES_REFRESH_SECONDS"

# .. setting_name: COURSE_ARCHIVE_PLATFORM_BACKEND
# .. setting_default: "course_archive.platform.backends.openedx"
# .. setting_description: Dotted path of the module through which the plugin reads the platform's internals
#   (course overviews, and what ``course_archive.platform`` exposes). The default reads edx-platform's own
#   models and degrades to "nothing known" where they are absent; a host or a test names its own module.
PLATFORM_BACKEND = "COURSE_ARCHIVE_PLATFORM_BACKEND"

# .. setting_name: COURSE_ARCHIVE_CATALOG_TASK_QUEUE
# .. setting_default: None
# .. setting_description: Celery queue of the task that applies COURSE_CATALOG_INFO_CHANGED events. None
#   lets Celery route it (the platform's CELERY_ROUTES / EXPLICIT_QUEUES for the task
#   "course_archive.tasks.apply_catalog_event", else the sending process's default queue:
#   edx.cms.core.default in the CMS, edx.lms.core.default in the LMS). A name sends it to that queue,
#   which a worker with the plugin installed must consume.
CATALOG_TASK_QUEUE = "COURSE_ARCHIVE_CATALOG_TASK_QUEUE"

# .. setting_name: COURSE_ARCHIVE_MAX_REQUEST_BODY_BYTES
# .. setting_default: 65536
# .. setting_description: Largest request body (bytes) the REST API reads; a larger one is a 413, refused
#   before it is read. The LMS sets DATA_UPLOAD_MAX_MEMORY_SIZE to None (no limit), so the plugin keeps a
#   cap of its own; where DATA_UPLOAD_MAX_MEMORY_SIZE is set and smaller, that one holds. The largest body
#   the API needs, a bulk request of 100 course ids, is about 26 KB.
MAX_REQUEST_BODY_BYTES = "COURSE_ARCHIVE_MAX_REQUEST_BODY_BYTES"

# .. setting_name: COURSE_ARCHIVE_AUTO_ARCHIVE_DAYS_AFTER_END
# .. setting_default: None
# .. setting_description: Auto-archive: a course run whose end date is at least this many days past counts
#   as archived on every enrolled learner's dashboard (``courseArchive.reason`` "auto"), unless the learner
#   has a status row saying otherwise (unarchiving writes one). Decided when Learner Home renders, from the
#   run's own end date: no rows are written. Runs with no end date never auto-archive. None: off. Also read
#   from the site configuration of the course's org, which wins.
AUTO_ARCHIVE_DAYS = "COURSE_ARCHIVE_AUTO_ARCHIVE_DAYS_AFTER_END"

# .. setting_name: COURSE_ARCHIVE_AUTO_ARCHIVE_ORG_DAYS_AFTER_END
# .. setting_default: {}
# .. setting_description: Per-org auto-archive policy, {org: days or None}; an org's entry wins over
#   COURSE_ARCHIVE_AUTO_ARCHIVE_DAYS_AFTER_END (None switches it off for that org). Also read from the
#   site configuration of the course's org, which wins.
AUTO_ARCHIVE_ORG_DAYS = "COURSE_ARCHIVE_AUTO_ARCHIVE_ORG_DAYS_AFTER_END"

# .. setting_name: COURSE_ARCHIVE_API_THROTTLE_WHEN_CACHE_FAILS
# .. setting_default: "allow"
# .. setting_description: What the REST API's throttle does while Django's shared cache (where it counts
#   requests) cannot be reached: "allow" serves requests uncounted (the API keeps working through a Redis or
#   memcached outage), "refuse" answers 503 JSON with a Retry-After header. Either way each worker logs the
#   outage once a minute and counts again as soon as the cache answers.
THROTTLE_WHEN_CACHE_FAILS = "COURSE_ARCHIVE_API_THROTTLE_WHEN_CACHE_FAILS"

# .. setting_name: COURSE_ARCHIVE_MAX_STATUSES_PER_LEARNER
# .. setting_default: 2000
# .. setting_description: Most status rows one learner may have. A write that would create a row beyond it
#   is a 400 naming ``course_id`` (``course_ids`` in bulk) and the limit, nothing written; changing the
#   rows a learner has is always allowed. A learner has a row per course they archived or unarchived, so this
#   bounds what one account can add to the table (the API also refuses content library keys, which are never
#   on a dashboard). Staff writing for a learner are bound by it too.
MAX_STATUSES_PER_LEARNER = "COURSE_ARCHIVE_MAX_STATUSES_PER_LEARNER"
# .. setting_name: COURSE_ARCHIVE_ADMIN_SEARCH
# .. setting_default: "prefix"
# .. setting_description: How the Django admin's search of archive statuses matches. "prefix": a word with
#   ":", "+" or "/" matches course ids starting with it (with or without "course-v1:"), a word with "@"
#   emails starting with it, any other word usernames starting with it, read through the tables' indexes;
#   "substring": course ids, usernames and emails containing it, a scan of the status and user tables (fine
#   for a few hundred thousand rows). In both, a word also matches the ids and names of the catalog's
#   courses containing it (one row per course).
ADMIN_SEARCH = "COURSE_ARCHIVE_ADMIN_SEARCH"


# .. setting_name: COURSE_ARCHIVE_ESTIMATED_COUNT_THRESHOLD
# .. setting_default: 100000
# .. setting_description: Row count above which a list of every status (the REST API's unfiltered staff
#   list, the Django admin) shows the database's own estimate of the table's rows instead of counting them
#   (MySQL/MariaDB information_schema.TABLES.TABLE_ROWS, PostgreSQL pg_class.reltuples; SQLite the span of
#   the ids), and the admin's filtered lists count at most this many rows. The REST API marks an estimated
#   count with the header "Course-Archive-Count-Estimated: true". An integer from 0 (always estimate) up.
ESTIMATED_COUNT_THRESHOLD = "COURSE_ARCHIVE_ESTIMATED_COUNT_THRESHOLD"


DEFAULTS: dict[str, Any] = {
    API_RATE_LIMIT: "60/minute",
    ABOUT_PAGE_URL_TEMPLATE: None,
    ABOUT_PAGE_ORG_TEMPLATES: {},
    URL_RULES_REFRESH_SECONDS: 5,
    PLATFORM_BACKEND: "course_archive.platform.backends.openedx",
    CATALOG_TASK_QUEUE: None,
    MAX_REQUEST_BODY_BYTES: 65536,
    AUTO_ARCHIVE_DAYS: None,
    AUTO_ARCHIVE_ORG_DAYS: {},
    THROTTLE_WHEN_CACHE_FAILS: "allow",
    MAX_STATUSES_PER_LEARNER: 2000,
    ADMIN_SEARCH: "prefix",
    ESTIMATED_COUNT_THRESHOLD: 100_000,
}


def get(name: str) -> Any:
    """
    Return the current value of one of the plugin's settings, or its default.

    Arguments:
        name (str): the setting's name, one of this module's constants (e.g. ``API_RATE_LIMIT``).

    Returns:
        Any: the host's value of the setting when it sets one, else the default in ``DEFAULTS``.
    """
    return getattr(settings, name, DEFAULTS[name])
