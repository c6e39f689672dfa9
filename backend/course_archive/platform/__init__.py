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
from collections.abc import Iterable
from types import ModuleType
from typing import Any

from opaque_keys.edx.keys import CourseKey

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


def backend() -> ModuleType:
    """
    Return the backend module ``COURSE_ARCHIVE_PLATFORM_BACKEND`` names (imported once; Python keeps it).

    Returns:
        The module whose functions answer for the platform.
    """
    return importlib.import_module(conf.get(conf.PLATFORM_BACKEND))


def _call(name: str, *args: Any, default: Any = None, **kwargs: Any) -> Any:
    """Call the backend's ``name``; ``default`` when the backend does not provide it."""
    function = getattr(backend(), name, None)
    if function is None:
        return default
    return function(*args, **kwargs)


def is_available() -> bool:
    """
    Tell whether the backend reaches the platform's course data.

    Returns:
        True in the LMS and CMS, False where the platform is absent.
    """
    return bool(_call("is_available", default=False))


def course_overviews(course_keys: Iterable[CourseKey]) -> dict[CourseKey, CourseOverviewData]:
    """
    Read the platform's overviews (edx-platform's ``CourseOverview``) of some courses, in one query.

    Arguments:
        course_keys: the course runs.

    Returns:
        ``{course key: CourseOverviewData}`` of those the platform knows; empty where it is absent.
    """
    return _call("course_overviews", list(course_keys), default={}) or {}


def bearer_authentication_class() -> type | None:
    """
    Return the platform's OAuth2 bearer authentication that lets in learners not activated yet.

    Returns:
        The LMS's ``BearerAuthenticationAllowInactiveUser`` DRF class, or None outside the LMS.
    """
    return _call("bearer_authentication_class", default=None)


def site_value_for_org(org: str, name: str) -> Any:
    """
    Read a value of the site configuration of the site that shows an org (one query in the LMS: memoize).

    Arguments:
        org: the course org.
        name: the setting's name.

    Returns:
        The value (``configuration_helpers.get_value_for_org``), or None.
    """
    return _call("site_value_for_org", org, name, default=None)


def current_site_key() -> str | None:
    """
    Return a key of the site the current request is for, which per-site memos use.

    Returns:
        The site's domain, or None outside a request or the platform.
    """
    return _call("current_site_key", default=None)


def current_site_orgs() -> list[str]:
    """
    Return the course orgs the current site shows (``configuration_helpers.get_current_site_orgs``).

    Returns:
        The orgs, or [] where the site names none.
    """
    return list(_call("current_site_orgs", default=()) or ())


def enrollment_counts(course_keys: Iterable[CourseKey]) -> dict[CourseKey, int]:
    """
    Count the active enrolments (edx-platform's ``CourseEnrollment``) of some courses, in one grouped query.

    Arguments:
        course_keys: the course runs.

    Returns:
        ``{course key: active enrolments}`` of those the platform knows; empty where it is absent.
    """
    return _call("enrollment_counts", list(course_keys), default={}) or {}
