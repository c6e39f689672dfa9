"""
Operator maintenance: counts and statistics, archiving ended courses for existing learners, and
retirement. Writes go through ``course_archive.statuses``, so they follow its rules.
"""

import datetime
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.utils import timezone

from course_archive.bulk_writes import bulk_set_archive_state_for_rows
from course_archive.counts import table_count
from course_archive.models import CourseArchiveStatus, CourseCatalogInfo

__all__ = [
    "MAX_BATCH_SIZE",
    "archive_course_for_existing_learners",
    "archive_statistics",
    "ended_courses",
    "pending_archive_count",
    "retire_user",
    "status_counts",
]

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from opaque_keys.edx.keys import CourseKey

log = logging.getLogger(__name__)


def status_counts() -> dict[str, Any]:
    """
    Count every status row by state in one query, or estimate the total of a large table (``counts``).

    Returns:
        dict[str, Any]: ``{"archived", "active", "total", "estimated"}``: exact counts, or above
        ``COURSE_ARCHIVE_ESTIMATED_COUNT_THRESHOLD`` rows the database's estimate of ``total``, the others None.
    """
    total, estimated = table_count(CourseArchiveStatus)
    if estimated:
        return {"archived": None, "active": None, "total": total, "estimated": True}
    counts = {True: 0, False: 0}
    for is_archived, count in (
        CourseArchiveStatus.objects.order_by().values_list("is_archived").annotate(count=models.Count("id"))
    ):
        counts[is_archived] = count
    return {
        "archived": counts[True],
        "active": counts[False],
        "total": counts[True] + counts[False],
        "estimated": False,
    }


def archive_statistics(top: int = 10) -> dict[str, Any]:
    """
    Count the statuses by state, by org, and the ``top`` most-archived courses, from one grouped query.

    Arguments:
        top (int): how many of the most-archived courses to list.

    Returns:
        dict[str, Any]: ``total``, ``archived``, ``active``, ``by_org`` and ``most_archived`` (course ids, counts).
    """
    by_course = (
        CourseArchiveStatus.objects.order_by()
        .values_list("course_id", "is_archived")
        .annotate(count=models.Count("id"))
    )
    archived_per_course: dict[str, int] = {}
    by_org: dict[str, dict[str, int]] = {}
    for course_id, is_archived, count in by_course:
        org_counts = by_org.setdefault(course_id.org, {"archived": 0, "active": 0})
        org_counts["archived" if is_archived else "active"] += count
        if is_archived:
            archived_per_course[str(course_id)] = count
    most_archived = sorted(archived_per_course.items(), key=lambda item: (-item[1], item[0]))[:top]
    archived = sum(counts["archived"] for counts in by_org.values())
    active = sum(counts["active"] for counts in by_org.values())
    return {
        "total": archived + active,
        "archived": archived,
        "active": active,
        "by_org": dict(sorted(by_org.items())),
        "most_archived": most_archived,
    }


def ended_courses(ended_before: datetime.datetime, org: str | None = None) -> "list[CourseKey]":
    """
    Return the courses whose stored catalog end date is before ``ended_before``.

    Arguments:
        ended_before (datetime): the date; org (str | None): only this org's courses, where given.

    Returns:
        list[CourseKey]: the courses' keys, in order.
    """
    keys = (
        CourseCatalogInfo.objects.filter(end__lt=ended_before).order_by("course_id").values_list("course_id", flat=True)
    )
    return [key for key in keys if org is None or key.org == org]


# Rows a batch of a maintenance command reads and writes at most: each batch is one short transaction.
MAX_BATCH_SIZE = 10_000


def pending_archive_count(course_key: "CourseKey") -> int:
    """
    Count the active rows of ``course_key`` that ``archive_course_for_existing_learners`` would archive.

    Arguments:
        course_key (CourseKey): the course.

    Returns:
        int: the number of rows, counted from the course's index.
    """
    return CourseArchiveStatus.objects.filter(course_id=course_key, is_archived=False).count()


def archive_course_for_existing_learners(
    course_key: "CourseKey",
    batch_size: int = 500,
    dry_run: bool = False,
    on_batch: Callable[[int], object] | None = None,
    pause: float = 0.0,
) -> int:
    """
    Archive ``course_key`` for every learner who already has an active status row for it.

    The rows are walked through the course's recency index, oldest change first, from where the last batch ended: each
    batch reads about ``batch_size`` rows whatever the size of the course. Interrupted, the archived batches stay
    archived and a rerun archives the rest; a second full run archives none. A row a learner changes during the run (its
    ``updated_at`` moves past the run's start) is left as they set it. Each batch is one short transaction; ``pause``
    lets replicas keep up.

    Arguments:
        course_key (CourseKey): the course; batch_size (int): rows per batch; dry_run (bool): count them only.
        on_batch (Callable | None): called with each batch's count; pause (float): seconds between batches.

    Returns:
        int: how many rows were (or would be) archived.
    """
    pending = CourseArchiveStatus.objects.filter(course_id=course_key, is_archived=False)
    if dry_run:
        return pending.count()
    started = timezone.now()
    pending = pending.filter(updated_at__lte=started)
    archived, after = 0, None
    while True:
        rows = pending
        if after is not None:
            rows = rows.filter(updated_at__gte=after[0]).exclude(updated_at=after[0], pk__lte=after[1])
        batch = list(rows.order_by("updated_at", "pk").values_list("pk", "updated_at")[:batch_size])
        if not batch:
            return archived
        done = bulk_set_archive_state_for_rows(
            CourseArchiveStatus.objects.filter(pk__in=[pk for pk, _ in batch]), True, source="command"
        )
        archived += done
        after = (batch[-1][1], batch[-1][0])
        if on_batch is not None:
            on_batch(done)
        if pause:
            time.sleep(pause)


def retire_user(user: "AbstractBaseUser", batch_size: int = 1000) -> int:
    """
    Delete every status of a learner the platform retires.

    In batches of ``batch_size`` rows read from the learner's index, each one ``DELETE`` by id in a transaction (a
    savepoint inside the platform's): no long lock on a learner's rows. A rerun deletes the rest, or nothing.

    Arguments:
        user (User): the learner; batch_size (int): rows per batch.

    Returns:
        int: how many rows were deleted.
    """
    deleted = 0
    rows = CourseArchiveStatus.objects.filter(user_id=user.pk).order_by("pk").values_list("pk", flat=True)
    while True:
        with transaction.atomic():
            batch = list(rows[:batch_size])
            if not batch:
                break
            count, _ = CourseArchiveStatus.objects.filter(pk__in=batch).delete()
        deleted += count
        if len(batch) < batch_size:
            break
        log.info("Course archive: retiring user %s: %d statuses deleted so far.", user.pk, deleted)
    return deleted
