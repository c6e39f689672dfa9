"""Plain data that crosses from the platform backends to ``course_archive.api``: no models, no querysets."""

import dataclasses
import datetime

from opaque_keys.edx.keys import CourseKey

# The columns of edx-platform's CourseOverview that CourseOverviewData holds.
COURSE_OVERVIEW_FIELDS = (
    "display_name",
    "start",
    "end",
    "enrollment_start",
    "enrollment_end",
    "self_paced",
    "catalog_visibility",
    "invitation_only",
    "modified",
)


@dataclasses.dataclass(frozen=True)
class CourseOverviewData:
    """What the plugin reads of a course's overview, named as edx-platform's ``CourseOverview`` names it."""

    course_key: CourseKey
    display_name: str | None = None
    start: datetime.datetime | None = None
    end: datetime.datetime | None = None
    enrollment_start: datetime.datetime | None = None
    enrollment_end: datetime.datetime | None = None
    self_paced: bool = False
    catalog_visibility: str | None = None
    invitation_only: bool = False
    # When the platform last wrote the overview (TimeStampedModel.modified): how new these facts are.
    modified: datetime.datetime | None = None

    @classmethod
    def from_overview(cls, overview, course_key=None):
        """From any object with ``CourseOverview``'s attributes (its ``id`` is the course key)."""
        values = {name: getattr(overview, name, None) for name in COURSE_OVERVIEW_FIELDS}
        values["self_paced"] = bool(values["self_paced"])
        values["invitation_only"] = bool(values["invitation_only"])
        return cls(course_key=course_key if course_key is not None else overview.id, **values)
