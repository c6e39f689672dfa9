"""
``COURSE_ARCHIVE_PLATFORM_BACKEND`` of the demo host and the tests: the platform's course overviews are
the demo host's ``DemoCourseOverview`` rows, read as the real backend reads ``CourseOverview``, and its
site configurations are ``DemoSiteConfiguration`` rows, read as ``configuration_helpers`` reads them.
"""

import crum
from django.db.models import Count

from course_archive.platform.data import COURSE_OVERVIEW_FIELDS, CourseOverviewData
from demo_host.models import DemoCourseOverview, DemoEnrollment, DemoSiteConfiguration


def is_available():
    return True


def course_overviews(course_keys):
    rows = DemoCourseOverview.objects.filter(id__in=list(course_keys)).only("id", *COURSE_OVERVIEW_FIELDS)
    return {row.id: CourseOverviewData.from_overview(row) for row in rows}


def enrollment_counts(course_keys):
    """Like ``CourseEnrollment``'s active enrolments per course, in one grouped query."""
    rows = (
        DemoEnrollment.objects.filter(course__course_id__in=list(course_keys))
        .order_by()
        .values_list("course__course_id")
        .annotate(count=Count("id"))
    )
    return dict(rows)


def site_value_for_org(org, name):
    """Like ``configuration_helpers.get_value_for_org``: the value of the first site showing ``org``."""
    for config in DemoSiteConfiguration.objects.order_by("id"):
        if org in config.orgs and name in config.values:
            return config.values[name]
    return None


def current_site_key():
    """The current request's domain (the LMS's ``request.site``), or None outside a request."""
    request = crum.get_current_request()
    return request.get_host().split(":")[0] if request is not None else None


def current_site_orgs():
    """The orgs the current site shows (``configuration_helpers.get_current_site_orgs``); [] when none."""
    domain = current_site_key()
    config = DemoSiteConfiguration.objects.filter(domain=domain).first() if domain else None
    return list(config.orgs) if config else []
