"""
Bulk writes of the archive state: one state on many of a learner's courses (all or nothing, in a constant
number of queries, safe against overlapping requests), and on every row an admin action selected. They share
the rule for ``archive_date``, the cap, the retries and the tracking of ``course_archive.state_writes``.
"""

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from course_archive.fields import course_key_text
from course_archive.keys import parse_course_keys
from course_archive.models import CourseArchiveStatus
from course_archive.state_writes import (
    record_state_change,
    refuse_beyond_cap,
    state_fields,
    with_write_retries,
)

if TYPE_CHECKING:
    import datetime

    from django.contrib.auth.base_user import AbstractBaseUser
    from django.db.models import QuerySet
    from opaque_keys.edx.keys import CourseKey

__all__ = ["bulk_set_archive_state", "bulk_set_archive_state_for_rows"]


def bulk_set_archive_state(
    user: "AbstractBaseUser", course_keys: object, is_archived: bool, source: str = "bulk"
) -> list[dict[str, Any]]:
    """
    Set one state on many of ``user``'s courses, all or nothing, in a constant number of queries.

    Arguments:
        user (User): the learner.
        course_keys (object): the course ids as the client sent them (see ``keys.parse_course_keys``).
        is_archived (bool): the new state.
        source (str): where the change comes from, for the tracking events.

    Returns:
        list[dict[str, Any]]: the resulting statuses in the order the courses were given (each once), as
        read-only rows with their catalog facts (``status_rows``).

    Raises:
        InvalidCourseKey, InvalidCourseKeys: as ``keys.parse_course_keys``.
        TooManyStatuses: the new rows would take ``user`` past the cap (the field is ``course_ids``).
        ConcurrentUpdate: the write kept losing its race (``state_writes.with_write_retries``).
    """
    course_keys = parse_course_keys(course_keys)
    if not course_keys:
        return []
    # Counted before the write (concurrent bulk requests of one learner may each pass it, by 100 rows at most),
    # in one query from the learner's index: their rows (the cap) and how many of the given courses have one.
    counts = CourseArchiveStatus.objects.filter(user_id=user.pk).aggregate(
        existing=Count("pk"), present=Count("pk", filter=Q(course_id__in=course_keys))
    )
    refuse_beyond_cap(user.pk, counts["existing"], len(course_keys) - counts["present"], field="course_ids")
    every_row_exists = counts["present"] == len(course_keys)

    def write() -> list[dict[str, Any]]:
        now = timezone.now()
        state = state_fields(is_archived, now)
        mine = CourseArchiveStatus.objects.filter(user_id=user.pk, course_id__in=course_keys)
        if not every_row_exists:
            _insert_missing(user, course_keys, state)
        rows = _update_and_read(mine, is_archived, now, state)
        if every_row_exists and any(key not in rows or rows[key]["is_archived"] != is_archived for key in course_keys):
            # A row counted above was deleted by another request before the UPDATE reached it: insert it again.
            _insert_missing(user, course_keys, state)
            rows = _update_and_read(mine, is_archived, now, state)
        # What this write changed carries its ``now``, so it is known without another query: archiving, the
        # rows (created or updated) whose archive_date is this ``now``; unarchiving, the rows that existed
        # before (created earlier) and were updated now. A new row that is not archived changes no state.
        if is_archived:
            changed = [row for row in rows.values() if row["archive_date"] == now]
        else:
            changed = [row for row in rows.values() if row["updated_at"] == now and row["created_at"] < now]
        record_state_change(((user.pk, row["course_id"], is_archived) for row in changed), source)
        return [rows[key] for key in course_keys]

    return with_write_retries(write)


def _insert_missing(user: "AbstractBaseUser", course_keys: list["CourseKey"], state: dict[str, Any]) -> None:
    """
    Insert ``user``'s rows of ``course_keys`` that do not exist yet; a concurrent writer's row is skipped, and
    updated by the caller. Rows are inserted in one order for every request, so two overlapping bulk requests
    wait for each other instead of deadlocking. (``created_at`` and ``updated_at`` are set by Django.)
    """
    CourseArchiveStatus.objects.bulk_create(
        [
            CourseArchiveStatus(user_id=user.pk, course_id=key, **state)
            for key in sorted(course_keys, key=course_key_text)
        ],
        ignore_conflicts=True,
    )


def _update_and_read(
    mine: "QuerySet[CourseArchiveStatus]", is_archived: bool, now: "datetime.datetime", state: dict[str, Any]
) -> dict["CourseKey", dict[str, Any]]:
    """Set the state on the rows of ``mine`` that differ, then read every one of them, by course."""
    mine.exclude(is_archived=is_archived).update(updated_at=now, **state)
    return {row["course_id"]: row for row in mine.shown_values()}


def bulk_set_archive_state_for_rows(
    queryset: "QuerySet[CourseArchiveStatus]", is_archived: bool, source: str = "admin"
) -> int:
    """
    Set one state on every row of ``queryset`` (admin actions).

    Arguments:
        queryset (QuerySet[CourseArchiveStatus]): the rows selected.
        is_archived (bool): the new state.
        source (str): where the change comes from, for the tracking events.

    Returns:
        int: the number of rows changed.
    """
    now = timezone.now()
    with transaction.atomic():
        changing = list(
            queryset.exclude(is_archived=is_archived).select_for_update().values_list("pk", "user_id", "course_id")
        )
        changed = CourseArchiveStatus.objects.filter(
            pk__in=[pk for pk, _, _ in changing], is_archived=not is_archived
        ).update(updated_at=now, **state_fields(is_archived, now))
        record_state_change(((user_id, course_key, is_archived) for _, user_id, course_key in changing), source)
    return changed
