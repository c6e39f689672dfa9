"""
Learner Home: each course run the dashboard renders gets ``courseArchive`` for the learner whose dashboard
it is (the masqueraded learner, for staff), from their stored statuses and the auto-archive policy, at
one query per request. Per-site values come from ``course_archive.sites``.
"""

import datetime
from typing import TYPE_CHECKING, Any, cast

import crum
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone

from course_archive import conf, exceptions, sites, toggles
from course_archive.keys import parse_course_key
from course_archive.models import CourseArchiveStatus

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.http import HttpRequest
    from opaque_keys.edx.keys import CourseKey

__all__ = [
    "MASQUERADE_PARAMETER",
    "annotate_course_run",
    "auto_archive_days",
    "learner_home_user",
    "statuses_for_request",
]

# The attribute of the current request that holds the learner's stored statuses for that request.
_REQUEST_CACHE_ATTRIBUTE = "_course_archive_statuses"


def statuses_for_request(
    request: "HttpRequest", user: "AbstractBaseUser"
) -> dict[str, tuple[bool, datetime.datetime | None]]:
    """
    Return ``user``'s stored statuses, read once per request.

    Learner Home renders every course run of a response in the same request, so the first run pays
    the one query and the others reuse its answer. The cache is keyed by user, so it can never show
    one learner's state to another.

    Arguments:
        request (HttpRequest): the request being served; the answer is kept on it.
        user (AbstractBaseUser): the learner whose statuses are read.

    Returns:
        dict[str, tuple[bool, datetime.datetime | None]]: ``{course id: (is_archived, archive_date)}``.
    """
    cached = getattr(request, _REQUEST_CACHE_ATTRIBUTE, None)
    if cached is not None and cached[0] == user.pk:
        return cached[1]
    rows = CourseArchiveStatus.objects.filter(user_id=user.pk).order_by()
    statuses: dict[str, tuple[bool, datetime.datetime | None]] = {
        str(course_id): (is_archived, archive_date)
        for course_id, is_archived, archive_date in rows.values_list("course_id", "is_archived", "archive_date")
    }
    setattr(request, _REQUEST_CACHE_ATTRIBUTE, (user.pk, statuses))
    return statuses


def _days_setting(value: object) -> int | None:
    """A number of days from a setting or a site configuration: a non-negative int, else None."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def auto_archive_days(org: str) -> int | None:
    """
    Return the days after a run's end after which it counts as archived for learners of ``org``.

    The first set of: ``COURSE_ARCHIVE_AUTO_ARCHIVE_ORG_DAYS_AFTER_END[org]`` in the org's site
    configuration, then in Django settings; ``COURSE_ARCHIVE_AUTO_ARCHIVE_DAYS_AFTER_END`` in the org's
    site configuration, then in Django settings. An org mapped to None there is off.

    Arguments:
        org (str): the course's organization, as in its course key.

    Returns:
        int | None: a number of days (0 or more), or None when auto-archive is off for the org.
    """
    for source in (sites.site_value(org, conf.AUTO_ARCHIVE_ORG_DAYS), conf.get(conf.AUTO_ARCHIVE_ORG_DAYS)):
        if isinstance(source, dict) and org in source:
            return _days_setting(source[org])
    site_days = _days_setting(sites.site_value(org, conf.AUTO_ARCHIVE_DAYS))
    return site_days if site_days is not None else _days_setting(conf.get(conf.AUTO_ARCHIVE_DAYS))


def _auto_archive_date(course_key: "CourseKey", end_date: object) -> datetime.datetime | None:
    """When a run that ended at ``end_date`` (Learner Home's ``endDate``) counts as archived, or None."""
    if not isinstance(end_date, str) or not end_date:
        return None
    try:
        end = datetime.datetime.fromisoformat(end_date)
    except ValueError:
        return None
    # opaque-keys types ``org`` as optional (for other kinds of keys); a course's key always has one.
    days = auto_archive_days(cast(str, course_key.org))
    if days is None:
        return None
    if end.tzinfo is None:
        end = end.replace(tzinfo=datetime.UTC)
    archive_date = end + datetime.timedelta(days=days)
    return archive_date if archive_date <= timezone.now() else None


# Learner Home's masquerade parameter: staff open a learner's dashboard with ``?user=<username or email>``.
MASQUERADE_PARAMETER = "user"


_REQUEST_LEARNER_ATTRIBUTE = "_course_archive_learner"


def _masqueraded_learner(identifier: str) -> "AbstractBaseUser | None":
    """The user ``identifier`` names, by username or email, in one query; the username wins, as in the LMS."""
    matches = list(get_user_model().objects.filter(models.Q(username=identifier) | models.Q(email=identifier))[:2])
    by_username = [user for user in matches if user.username == identifier]
    if by_username:
        return by_username[0]
    return matches[0] if len(matches) == 1 else None


def learner_home_user(request: "HttpRequest") -> "AbstractBaseUser | None":
    """
    Return the learner whose dashboard ``request`` renders, or None when nobody's state may be shown.

    Mirrors Learner Home's ``get_masquerade_user`` (``lms/djangoapps/learner_home/utils.py``): a staff
    member with ``?user=`` sees that learner's dashboard; a non-staff ``?user=`` is refused there, so here
    it shows nobody's state. Worked out once per request.

    Arguments:
        request (HttpRequest): the Learner Home request (``?user=`` names a learner by username or email).

    Returns:
        AbstractBaseUser | None: the requesting user, the masqueraded learner, or None (anonymous, a
        non-staff ``?user=``, or nobody by that name).
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    cached = getattr(request, _REQUEST_LEARNER_ATTRIBUTE, None)
    if cached is not None and cached[0] == user.pk:
        return cached[1]
    identifier = getattr(request, "GET", {}).get(MASQUERADE_PARAMETER)
    if not identifier:
        learner = user
    elif not user.is_staff:
        learner = None
    else:
        learner = _masqueraded_learner(identifier)
    setattr(request, _REQUEST_LEARNER_ATTRIBUTE, (user.pk, learner))
    return learner


def annotate_course_run(course_run: dict[str, Any]) -> dict[str, Any]:
    """
    Return a Learner Home course run with ``courseArchive`` for the learner whose dashboard it is.

    The learner is the one the current request renders the dashboard of (the masqueraded learner, for
    staff). Anything it cannot place (no request, anonymous, no valid course id, the kill switch on)
    passes unchanged.

    Arguments:
        course_run (dict[str, Any]): a Learner Home serialized course run (``courseId``, ``endDate``, ...).

    Returns:
        dict[str, Any]: a copy of ``course_run`` with ``courseArchive`` (``isArchived``, ``archiveDate``,
        ``reason``), or ``course_run`` itself when it passes unchanged.
    """
    if not isinstance(course_run, dict) or toggles.archiving_disabled():
        return course_run
    request = crum.get_current_request()
    user = learner_home_user(request) if request is not None else None
    if user is None:
        return course_run
    course_id = course_run.get("courseId")
    try:
        course_key = parse_course_key(course_id)
    except exceptions.InvalidCourseKey:
        return course_run
    stored = statuses_for_request(request, user).get(str(course_key))
    if stored is not None:
        # The learner's own row wins over the policy, whichever way it says.
        is_archived, archive_date = stored
        reason = "learner" if is_archived else None
    else:
        archive_date = _auto_archive_date(course_key, course_run.get("endDate"))
        is_archived, reason = archive_date is not None, "auto" if archive_date is not None else None
    return {
        **course_run,
        "courseArchive": {
            "isArchived": is_archived,
            "archiveDate": archive_date.isoformat() if is_archived and archive_date is not None else None,
            "reason": reason,
        },
    }
