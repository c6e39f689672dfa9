"""
``COURSE_ARCHIVE_PLATFORM_BACKEND`` of the demo host and the tests: the platform's course overviews are
the demo host's ``DemoCourseOverview`` rows, read as the real backend reads ``CourseOverview``.
"""

from course_archive.platform.data import COURSE_OVERVIEW_FIELDS, CourseOverviewData
from demo_host.models import DemoCourseOverview


def is_available():
    return True


def course_overviews(course_keys):
    rows = DemoCourseOverview.objects.filter(id__in=list(course_keys)).only("id", *COURSE_OVERVIEW_FIELDS)
    return {row.id: CourseOverviewData.from_overview(row) for row in rows}
