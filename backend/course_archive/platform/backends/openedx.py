"""
The real platform: edx-platform's LMS and CMS. Imports their modules lazily, at call time, so this module
imports anywhere; where they are absent every function answers "nothing known".
"""

import logging

from django.db.models import Count

from course_archive.platform.data import COURSE_OVERVIEW_FIELDS, CourseOverviewData

log = logging.getLogger(__name__)


def _course_overview_model():
    try:
        from openedx.core.djangoapps.content.course_overviews.models import CourseOverview  # noqa: PLC0415
    except ImportError:
        return None
    return CourseOverview


def is_available():
    """True inside the LMS or CMS, where ``CourseOverview`` can be imported."""
    return _course_overview_model() is not None


def course_overviews(course_keys):
    """``{course key: CourseOverviewData}`` of the overviews of ``course_keys``, in one query."""
    model = _course_overview_model()
    if model is None:
        log.info("Course archive: edx-platform's CourseOverview is not importable here; no course data read.")
        return {}
    rows = model.objects.filter(id__in=list(course_keys)).only("id", *COURSE_OVERVIEW_FIELDS)
    return {row.id: CourseOverviewData.from_overview(row) for row in rows}


def enrollment_counts(course_keys):
    """``{course key: active enrolments}`` from ``CourseEnrollment``, in one grouped query."""
    try:
        from common.djangoapps.student.models import CourseEnrollment  # noqa: PLC0415
    except ImportError:
        return {}
    rows = (
        CourseEnrollment.objects.filter(course_id__in=list(course_keys), is_active=True)
        .order_by()
        .values_list("course_id")
        .annotate(count=Count("id"))
    )
    return dict(rows)


def bearer_authentication_class():
    """The LMS's ``BearerAuthenticationAllowInactiveUser`` (django-oauth-toolkit tokens), where it exists."""
    try:
        from openedx.core.lib.api.authentication import BearerAuthenticationAllowInactiveUser  # noqa: PLC0415
    except ImportError:
        return None
    return BearerAuthenticationAllowInactiveUser


def _configuration_helpers():
    try:
        from openedx.core.djangoapps.site_configuration import helpers  # noqa: PLC0415
    except ImportError:
        return None
    return helpers


def site_value_for_org(org, name):
    """``configuration_helpers.get_value_for_org``: the value of the first enabled site showing ``org``."""
    helpers = _configuration_helpers()
    return None if helpers is None else helpers.get_value_for_org(org, name, None)


def current_site_key():
    """The domain of the current request's site (the LMS sets ``request.site``), or None."""
    import crum  # noqa: PLC0415

    site = getattr(crum.get_current_request(), "site", None)
    return getattr(site, "domain", None)


def current_site_orgs():
    """``configuration_helpers.get_current_site_orgs``: the orgs the current site shows."""
    helpers = _configuration_helpers()
    return [] if helpers is None else list(helpers.get_current_site_orgs() or [])
