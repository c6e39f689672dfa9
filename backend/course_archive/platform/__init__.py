"""
The plugin's one door into the platform's internals (the pattern eox-core calls ``edxapp_wrapper``).

Each function here delegates to the backend module named by ``COURSE_ARCHIVE_PLATFORM_BACKEND``, read at
call time. The default, ``course_archive.platform.backends.openedx``, imports edx-platform's modules lazily
and answers "nothing known" where they are absent, so the plugin imports and runs outside the LMS; the demo
host and the tests name a backend of their own. Nothing else in the plugin imports ``lms``, ``cms``,
``openedx`` or ``common`` modules.

To reach something new of the platform: add a small function here that calls ``_call("<name>", ...)`` with
the answer to give when the backend has no such function, then the function of that name in each backend.
Backends are modules of plain functions returning plain data (``course_archive.platform.data``), so the
rules that use the answers stay in ``course_archive.api``.
"""

import importlib

from course_archive import conf
from course_archive.platform.data import CourseOverviewData

__all__ = [
    "CourseOverviewData",
    "backend",
    "bearer_authentication_class",
    "course_overviews",
    "current_site_key",
    "current_site_orgs",
    "enrollment_counts",
    "is_available",
    "site_value_for_org",
]


def backend():
    """The backend module ``COURSE_ARCHIVE_PLATFORM_BACKEND`` names (imported once; Python keeps it)."""
    return importlib.import_module(conf.get(conf.PLATFORM_BACKEND))


def _call(name, *args, default=None, **kwargs):
    """Call the backend's ``name``; ``default`` when the backend does not provide it."""
    function = getattr(backend(), name, None)
    if function is None:
        return default
    return function(*args, **kwargs)


def is_available():
    """True when the backend reaches the platform's course data (False outside the LMS/CMS)."""
    return bool(_call("is_available", default=False))


def course_overviews(course_keys):
    """
    ``{course key: CourseOverviewData}`` for those of ``course_keys`` the platform has an overview of
    (edx-platform's ``CourseOverview``), in one query per call. Empty where the platform is absent.
    """
    return _call("course_overviews", list(course_keys), default={}) or {}


def bearer_authentication_class():
    """
    The DRF authentication class of the platform's OAuth2 bearer tokens that lets in learners who have
    not activated their account (the LMS's ``BearerAuthenticationAllowInactiveUser``), or None.
    """
    return _call("bearer_authentication_class", default=None)


def site_value_for_org(org, name):
    """
    The value of setting ``name`` in the site configuration of the site that shows ``org``
    (``configuration_helpers.get_value_for_org``), or None. One query per call in the LMS: memoize.
    """
    return _call("site_value_for_org", org, name, default=None)


def current_site_key():
    """A key of the site the current request is for (its domain), or None: per-site memos use it."""
    return _call("current_site_key", default=None)


def current_site_orgs():
    """The course orgs the current site shows (``configuration_helpers.get_current_site_orgs``), or []."""
    return list(_call("current_site_orgs", default=()) or ())


def enrollment_counts(course_keys):
    """
    ``{course key: active enrolments}`` for those of ``course_keys`` the platform knows enrolments of
    (edx-platform's ``CourseEnrollment``), in one grouped query. Empty where the platform is absent.
    """
    return _call("enrollment_counts", list(course_keys), default={}) or {}
