"""
The log of archive state changes the admin's overview counts per day: one row per change, with its course,
new state and time, no learner. Written in the transaction of the change, so a rolled-back write leaves no
row, and in one INSERT however many rows a bulk write changed.
"""

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.utils import timezone

from course_archive.models import CourseArchiveActivity

__all__ = ["prune", "record"]

if TYPE_CHECKING:
    from opaque_keys.edx.keys import CourseKey


def record(changes: "Iterable[tuple[int, CourseKey, bool]]") -> None:
    """
    Log each change of ``changes`` as made now, in one INSERT.

    Arguments:
        changes (Iterable[tuple[int, CourseKey, bool]]): each ``(user_id, course_key, is_archived)`` changed.
    """
    now = timezone.now()
    CourseArchiveActivity.objects.bulk_create(
        [
            CourseArchiveActivity(course_id=course_key, is_archived=is_archived, created=now)
            for _user_id, course_key, is_archived in changes
        ]
    )


def prune(older_than: datetime.datetime, batch_size: int = 5000, dry_run: bool = False) -> int:
    """
    Delete the log's rows older than ``older_than``, in batches of ``batch_size`` rows (each a short statement).

    Arguments:
        older_than (datetime): rows created before it are deleted.
        batch_size (int): rows per ``DELETE``.
        dry_run (bool): count the rows only.

    Returns:
        int: how many rows were (or would be) deleted.
    """
    old = CourseArchiveActivity.objects.filter(created__lt=older_than).order_by()
    if dry_run:
        return old.count()
    deleted = 0
    while True:
        batch = list(old.values_list("pk", flat=True)[:batch_size])
        if not batch:
            return deleted
        deleted += CourseArchiveActivity.objects.filter(pk__in=batch).delete()[0]
