"""
Tracking events of archive state changes, through the platform's ``eventtracking`` (what Aspects and
event-routing-backends read).

One event per change of a (learner, course) state, whatever path made it, sent once the transaction that
made it commits: a write rolled back, or one that changed nothing, sends nothing.

``edx.course_archive.status.archived`` / ``edx.course_archive.status.unarchived``, with data
``{"course_id": str, "user_id": int, "source": "api" | "bulk" | "admin" | "command"}``.
"""

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction

__all__ = ["EVENT_ARCHIVED", "EVENT_UNARCHIVED", "SOURCES", "state_changed"]

if TYPE_CHECKING:
    from opaque_keys.edx.keys import CourseKey

log = logging.getLogger(__name__)

EVENT_ARCHIVED = "edx.course_archive.status.archived"
EVENT_UNARCHIVED = "edx.course_archive.status.unarchived"
SOURCES = ("api", "bulk", "admin", "command")


def state_changed(changes: "Iterable[tuple[int, CourseKey, bool]]", source: str) -> None:
    """
    Send one tracking event per change when the current transaction commits (at once outside a transaction).

    Arguments:
        changes (Iterable[tuple[int, CourseKey, bool]]): each ``(user_id, course_key, is_archived)`` changed.
        source (str): where the changes come from, one of ``SOURCES``.

    Raises:
        ValueError: ``source`` is not one of ``SOURCES``.
    """
    changes = list(changes)
    if not changes:
        return
    if source not in SOURCES:
        raise ValueError(f"source must be one of {SOURCES}, not {source!r}")
    transaction.on_commit(lambda: _emit(changes, source))


def _emit(changes: "list[tuple[int, CourseKey, bool]]", source: str) -> None:
    # Imported here: the tracker the platform configures (eventtracking.django) replaces the default one
    # when its app is ready.
    from eventtracking import tracker  # noqa: PLC0415

    for user_id, course_key, is_archived in changes:
        name = EVENT_ARCHIVED if is_archived else EVENT_UNARCHIVED
        try:
            tracker.emit(name, {"course_id": str(course_key), "user_id": user_id, "source": source})
        except Exception:
            log.exception("Course archive: could not emit tracking event %s for course %s.", name, course_key)
