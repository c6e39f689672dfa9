"""
The backfill of catalog facts from the platform's course overviews (through ``course_archive.platform``),
for courses announced before the plugin was installed, and the batches of courses with statuses it walks.
Facts it stores are ordered against COURSE_CATALOG_INFO_CHANGED events by ``catalog.update_if_newer``.
"""

from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from opaque_keys.edx.keys import CourseKey

from course_archive import platform
from course_archive.catalog import FACT_DATES, aware, update_if_newer
from course_archive.models import CourseArchiveStatus, CourseCatalogInfo

__all__ = ["backfill_catalog", "count_courses_with_statuses", "courses_with_statuses"]


# CourseOverview.catalog_visibility values that keep a course out of the catalog (as the CMS decides
# ``hidden`` when it sends COURSE_CATALOG_INFO_CHANGED).
_HIDDEN_VISIBILITIES = ("about", "none")


def _overview_facts(overview: platform.CourseOverviewData) -> dict[str, Any]:
    """The fields of ``CourseCatalogInfo`` from a ``CourseOverviewData``, decided as the CMS decides them."""
    return {
        "name": str(overview.display_name or "")[:255],
        "hidden": overview.catalog_visibility in _HIDDEN_VISIBILITIES or bool(overview.course_key.deprecated),
        "invitation_only": bool(overview.invitation_only),
        **{name: aware(getattr(overview, name)) for name in FACT_DATES},
        "pacing": "self" if overview.self_paced else "instructor",
    }


def courses_with_statuses(after: CourseKey | None = None, limit: int = 500) -> list[CourseKey]:
    """
    Return up to ``limit`` distinct course keys that have statuses, in order, after ``after`` (one query).

    Arguments:
        after (CourseKey | None): the last key of the previous batch; None starts from the first.
        limit (int): the most keys to return.

    Returns:
        list[CourseKey]: the keys, in the order of their database form.
    """
    keys = CourseArchiveStatus.objects.order_by("course_id").values_list("course_id", flat=True).distinct()
    if after is not None:
        keys = keys.filter(course_id__gt=after)
    return list(keys[:limit])


def count_courses_with_statuses() -> int:
    """
    Return how many distinct courses have statuses.

    Returns:
        int: the number of courses with at least one status row.
    """
    return CourseArchiveStatus.objects.order_by().values("course_id").distinct().count()


def backfill_catalog(course_keys: Iterable[CourseKey], dry_run: bool = False) -> dict[str, int]:
    """
    Fill the catalog facts of ``course_keys`` from the platform's course overviews.

    For courses announced before the plugin was installed; the overviews are read through
    ``course_archive.platform``.

    The overview's ``modified`` time orders it against events: facts stored from an event (or an earlier
    backfill) at that time or later stay as they are, so it never overwrites what a newer event brought and
    a second run writes nothing. A few queries per call, plus one short UPDATE per course that has a row.

    Arguments:
        course_keys (Iterable[CourseKey]): the courses to fill (``courses_with_statuses`` gives them in batches).
        dry_run (bool): True counts what would change and writes nothing.

    Returns:
        dict[str, int]: how many courses were ``"created"``, ``"updated"``, ``"unchanged"``, and had
        ``"no_overview"``.
    """
    course_keys = list(course_keys)
    overviews = platform.course_overviews(course_keys)
    counts = {"created": 0, "updated": 0, "unchanged": 0, "no_overview": len(course_keys) - len(overviews)}
    if not overviews:
        return counts
    now = timezone.now()
    existing = dict(
        CourseCatalogInfo.objects.filter(course_id__in=list(overviews)).values_list("course_id", "event_time")
    )
    to_create: list[CourseCatalogInfo] = []
    for key, overview in overviews.items():
        facts = _overview_facts(overview)
        modified = aware(overview.modified)
        if key not in existing:
            to_create.append(
                CourseCatalogInfo(course_id=key, event_time=modified, last_synced=now, updated_at=now, **facts)
            )
        elif modified is None:
            # An overview of unknown age cannot be ordered against events: it only fills courses with no facts.
            counts["unchanged"] += 1
        elif dry_run:
            counts["updated" if existing[key] is None or existing[key] < modified else "unchanged"] += 1
        elif update_if_newer(key, facts, None, modified, now, strictly_newer=True):
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    if to_create and dry_run:
        counts["created"] = len(to_create)
    elif to_create:
        # A row a concurrent event creates meanwhile wins: it is newer than the overview.
        CourseCatalogInfo.objects.bulk_create(to_create, ignore_conflicts=True)
        counts["created"] = CourseCatalogInfo.objects.filter(
            course_id__in=[row.course_id for row in to_create], event_id__isnull=True, last_synced=now
        ).count()
        counts["unchanged"] += len(to_create) - counts["created"]
    return counts
