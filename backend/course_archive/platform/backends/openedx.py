"""
The real platform: edx-platform's LMS and CMS. Imports their modules lazily, at call time, so this module
imports anywhere; where they are absent every function answers "nothing known".
"""

import logging

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


def bearer_authentication_class():
    """The LMS's ``BearerAuthenticationAllowInactiveUser`` (django-oauth-toolkit tokens), where it exists."""
    try:
        from openedx.core.lib.api.authentication import BearerAuthenticationAllowInactiveUser  # noqa: PLC0415
    except ImportError:
        return None
    return BearerAuthenticationAllowInactiveUser
