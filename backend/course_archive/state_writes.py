"""
Race-safe writes of the archive state, which ``statuses`` and ``bulk_writes`` build on: the one rule for
``archive_date`` (``state_fields``), the per-learner cap, bounded retries for writes that lose a race, one row
per learner and course under concurrent requests, and the tracking event and overview record of each change.
"""

import datetime
import logging
import random
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.contrib.auth import get_user_model
from django.db import IntegrityError, InterfaceError, OperationalError, connection, transaction
from django.db.models import DateTimeField, F, QuerySet, Value
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from course_archive import activity, conf, exceptions, tracking
from course_archive.keys import parse_course_key
from course_archive.models import CourseArchiveStatus

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from opaque_keys.edx.keys import CourseKey

__all__ = [
    "WRITE_ATTEMPTS",
    "cap_problem",
    "record_state_change",
    "refuse_beyond_cap",
    "set_archive_state",
    "state_fields",
    "with_write_retries",
]

log = logging.getLogger(__name__)

# Bounded retries for writes that lose a race (unique-key collisions, InnoDB deadlocks, SQLite locks).
WRITE_ATTEMPTS = 5
_RETRY_BASE_DELAY = 0.01
_T = TypeVar("_T")


def record_state_change(changes: "Iterable[tuple[int, CourseKey, bool]]", source: str) -> None:
    """
    Track every change of state (an event after the commit) and log it for the overview (now).

    Arguments:
        changes (Iterable[tuple[int, CourseKey, bool]]): each ``(user_id, course_key, is_archived)`` changed.
        source (str): where the changes come from, one of ``tracking.SOURCES``.
    """
    changes = list(changes)
    if changes:
        tracking.state_changed(changes, source)
        activity.record(changes)


def state_fields(is_archived: bool, now: datetime.datetime) -> dict[str, Any]:
    """
    Return the fields of a state: the one rule for ``archive_date``, which every write of ``is_archived`` uses.

    Arguments:
        is_archived (bool): the new state; now (datetime): the time of the change.

    Returns:
        dict[str, Any]: ``is_archived``, and ``archive_date`` (``now`` when archived, else None).
    """
    return {"is_archived": is_archived, "archive_date": now if is_archived else None}


def with_write_retries(write: Callable[[], _T]) -> _T:
    """
    Run ``write()`` in a transaction, retrying a bounded number of times when it loses a race.

    Two requests creating the same (user, course) collide on the unique constraint, and InnoDB may pick one of them
    as a deadlock victim; running again sees the winner's row. Inside an outer transaction a retry could not undo
    what the database rolled back, so none is tried and no savepoint is made (two more statements in every request
    under ``ATOMIC_REQUESTS``): a failure dooms the outer transaction.

    Arguments:
        write (Callable): the write, run with no arguments.

    Returns:
        object: what ``write()`` returns.

    Raises:
        ConcurrentUpdate: the write lost its race ``WRITE_ATTEMPTS`` times, or once inside a transaction.
    """
    retry = not connection.in_atomic_block
    for attempt in range(1, WRITE_ATTEMPTS + 1):
        try:
            with transaction.atomic(savepoint=retry):
                return write()
        except (IntegrityError, OperationalError, InterfaceError) as error:
            if not retry or attempt == WRITE_ATTEMPTS:
                log.warning("Course archive write gave up after %d attempt(s): %s", attempt, error)
                raise exceptions.ConcurrentUpdate(
                    _("The status is being changed by another request; try again.")
                ) from error
            time.sleep(_RETRY_BASE_DELAY * (2 ** (attempt - 1)) * (1 + random.random()))
    raise AssertionError("unreachable")  # pragma: no cover


def set_archive_state(
    user: "AbstractBaseUser", course_key: "CourseKey | str", is_archived: bool, source: str = "api"
) -> tuple[CourseArchiveStatus, bool]:
    """
    Create or update ``user``'s status for one course.

    Idempotent: setting the state a row already has changes nothing (``archive_date`` included), sends nothing. An
    ``UPDATE`` matching the row only if its state differs waits for any other writer of it, its count says whether
    this request changed the state, and the row stays locked until the commit, then read with its catalog facts by a
    read that locks nothing (locking the catalog row would make a course's learners wait for each other). If nothing
    changed, the row (or its absence) is locked and read, and changed if another writer did meanwhile.

    Arguments:
        user (User): the learner; course_key (CourseKey | str): the course.
        is_archived (bool): the new state; source (str): where the change comes from, for the tracking event.

    Returns:
        tuple[CourseArchiveStatus, bool]: the row, and whether it was created.

    Raises:
        InvalidCourseKey, TooManyStatuses, ConcurrentUpdate: a bad key, the cap passed, a race lost.
    """
    course_key = parse_course_key(course_key)
    in_callers_transaction = connection.in_atomic_block

    def write() -> tuple[CourseArchiveStatus | None, Any]:
        now = timezone.now()
        mine = CourseArchiveStatus.objects.filter(user=user, course_id=course_key)
        # ``now`` was read before the UPDATE waited for another writer, which may have written a later time.
        updated_at = Greatest(F("updated_at"), Value(now, output_field=DateTimeField()))
        if mine.exclude(is_archived=is_archived).update(updated_at=updated_at, **state_fields(is_archived, now)):
            record_state_change([(user.pk, course_key, is_archived)], source)
            return mine.select_related("catalog_info").get(), False
        status = _locked(mine)
        if status is None:
            # Requests creating this learner's row wait for each other on the learner (a row every database
            # locks alone), then look again. Racing INSERTs would each keep a shared lock on the winner's row
            # after their duplicate-key error, and InnoDB breaks the deadlock of their next write by rolling
            # back a whole transaction: the request's own, under ATOMIC_REQUESTS.
            _lock_learner(user)
            status = _locked(mine)
        if status is None:
            existing = CourseArchiveStatus.objects.filter(user=user).count()
            if cap_problem(existing, 1):
                return None, existing  # refused below, once the write's block has ended cleanly
            status = _insert(user, course_key, is_archived, now, source, in_callers_transaction)
            if status is not None:
                return status, True
            # Another request created the row after the locking read found none: theirs is committed now.
            status = _locked(mine)
        if status is not None:
            if status.is_archived != is_archived:
                # Another request changed the row after the UPDATE passed it by (PostgreSQL skips a row that
                # did not match without waiting for its writer): change it now that it is locked.
                for name, value in state_fields(is_archived, now).items():
                    setattr(status, name, value)
                status.save(update_fields=["is_archived", "archive_date", "updated_at"])
                record_state_change([(user.pk, course_key, is_archived)], source)
            return status, False
        raise AssertionError("unreachable")  # pragma: no cover - the row was inserted, or another request's read

    status, created = with_write_retries(write)
    if status is None:
        # Raised outside the write's block: an error inside it would doom the caller's transaction.
        refuse_beyond_cap(user.pk, created, 1)
    return cast(CourseArchiveStatus, status), created


def cap_problem(existing: int, new: int) -> bool:
    """
    Whether ``new`` more rows would take a learner who has ``existing`` past the cap.

    Arguments:
        existing (int): the learner's rows now; new (int): the rows to add.

    Returns:
        bool: True when the write must be refused.
    """
    return bool(new) and existing + new > conf.get(conf.MAX_STATUSES_PER_LEARNER)


def refuse_beyond_cap(user_id: int, existing: int, new: int, field: str = "course_id") -> None:
    """
    Refuse a write where ``new`` more rows would take a learner who has ``existing`` past the cap.

    Arguments:
        user_id (int), existing (int), new (int), field (str): the learner, their rows, the rows to add, the input.

    Raises:
        TooManyStatuses: the cap would be passed.
    """
    if cap_problem(existing, new):
        cap = conf.get(conf.MAX_STATUSES_PER_LEARNER)
        raise exceptions.TooManyStatuses(
            _("A learner may have at most {cap} course archive statuses; user {user_id} has {existing}.").format(
                cap=cap, user_id=user_id, existing=existing
            ),
            field=field,
        )


def _lock_learner(user: "AbstractBaseUser") -> None:
    """Lock ``user``'s row until the commit: the writers that create this learner's statuses take turns."""
    list(get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk"))


def _insert(
    user: "AbstractBaseUser",
    course_key: "CourseKey",
    is_archived: bool,
    now: datetime.datetime,
    source: str,
    in_callers_transaction: bool,
) -> CourseArchiveStatus | None:
    """
    Create ``user``'s row for the course, or return None where another request created it meanwhile.

    Outside a transaction of the caller's, a collision raises and ``with_write_retries`` runs the write again. Inside
    one (``ATOMIC_REQUESTS``, as the LMS runs), the insert gets a savepoint of its own, so that the collision rolls back
    the insert alone and the caller's transaction goes on to read the winner's row: two first ``PUT by-course`` of the
    same state at once both succeed, as an idempotent call should.
    """
    fields = {"user": user, "course_id": course_key, **state_fields(is_archived, now)}
    if not in_callers_transaction:
        status = CourseArchiveStatus.objects.create(**fields)
    else:
        try:
            with transaction.atomic():
                status = CourseArchiveStatus.objects.create(**fields)
        except IntegrityError:
            return None
    if is_archived:
        record_state_change([(user.pk, course_key, True)], source)
    return status


def _locked(statuses: QuerySet[CourseArchiveStatus]) -> CourseArchiveStatus | None:
    """
    The first of ``statuses``, locked until the commit, with its catalog facts where the database can lock
    the status alone in a join (PostgreSQL, MySQL 8: ``FOR UPDATE OF``); else they are read when shown.
    """
    if connection.features.has_select_for_update_of:
        return statuses.select_related("catalog_info").select_for_update(of=("self",)).first()
    return statuses.select_for_update().first()
