"""
Learners' archive statuses: who may see and change which rows, the one rule for ``archive_date``, writes
that survive races (bounded retries, one row per learner and course), bulk writes, and a tracking event
for each change of state (``course_archive.tracking``).
"""

import logging
import random
import time

from django.contrib.auth import get_user_model
from django.db import IntegrityError, InterfaceError, OperationalError, connection, transaction
from django.db.models import Count, DateTimeField, F, Q, Value
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from course_archive import activity, conf, exceptions, tracking
from course_archive.keys import parse_course_key, parse_course_keys
from course_archive.models import CourseArchiveStatus, course_key_text

log = logging.getLogger(__name__)

# Bounded retries for writes that lose a race (unique-key collisions, InnoDB deadlocks, SQLite locks).
WRITE_ATTEMPTS = 5


_RETRY_BASE_DELAY = 0.01


def is_operator(user):
    """Staff and superusers see and change every learner's statuses."""
    return bool(user and user.is_authenticated and (user.is_staff or user.is_superuser))


def statuses_visible_to(user):
    """The statuses ``user`` may see (their own, or every row for staff), each with its catalog facts."""
    queryset = CourseArchiveStatus.objects.select_related("catalog_info")
    if not is_operator(user):
        queryset = queryset.filter(user_id=user.pk)
    return queryset


def status_rows(statuses):
    """
    ``statuses`` (a query of ``statuses_visible_to``, filtered and ordered) read for showing only: each row a
    dict of the fields and catalog facts of a status (``models.STATUS_COLUMNS``, ``models.CATALOG_COLUMNS``),
    without building model instances.
    """
    return statuses.shown_values()


def resolve_owner(actor, user_id):
    """
    Return the user whose status ``actor`` asks to write.

    ``user_id`` None means the actor. A learner may only name themselves; naming anyone else is
    ``NotPermitted`` whether or not that user exists, so the answer reveals nothing.
    """
    if user_id is None or user_id == actor.pk:
        return actor
    if not is_operator(actor):
        raise exceptions.NotPermitted(_("You may only change your own course archive statuses."))
    try:
        return get_user_model().objects.get(pk=user_id)
    except get_user_model().DoesNotExist:
        raise exceptions.UnknownUser(_("No user has id {user_id}.").format(user_id=user_id)) from None


def _state_changed(changes, source):
    """Every change of state is tracked (an event after the commit) and logged for the overview (now)."""
    changes = list(changes)
    if changes:
        tracking.state_changed(changes, source)
        activity.record(changes)


def _state_fields(is_archived, now):
    """
    The one place that decides ``archive_date``: set when a row becomes archived, cleared when not.

    Every write of ``is_archived`` goes through here, row by row or set-based.
    """
    return {"is_archived": is_archived, "archive_date": now if is_archived else None}


def _with_write_retries(write):
    """
    Run ``write()`` in a transaction, retrying a bounded number of times when it loses a race.

    Two requests creating the same (user, course) collide on the unique constraint, and InnoDB may
    pick one of them as a deadlock victim; running again sees the winner's row. Inside an outer
    transaction a retry could not undo what the database already rolled back, so it is not tried, and
    no savepoint is made (two more statements, e.g. in every request under ``ATOMIC_REQUESTS``): a
    failure marks the outer transaction for rollback.
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


def set_archive_state(user, course_key, is_archived, source="api"):
    """
    Create or update ``user``'s status for one course; return ``(status, created)``.

    Idempotent: setting the state a row already has changes nothing, ``archive_date`` included, and sends
    no tracking event.

    The row is changed first, by an ``UPDATE`` that matches it only if its state differs: it waits for any
    other writer of the row, its count says whether this request changed the state, and the row stays
    locked until the commit, so it is then read with its catalog facts by a read that locks nothing (locking
    the joined catalog row would make every learner of a course wait for each other). When nothing changed,
    the row (or its absence) is locked and read (and changed, if another writer changed it meanwhile), so
    that the answer is the state at the commit.
    """
    course_key = parse_course_key(course_key)
    in_callers_transaction = connection.in_atomic_block

    def write():
        now = timezone.now()
        mine = CourseArchiveStatus.objects.filter(user=user, course_id=course_key)
        # ``now`` was read before the UPDATE waited for another writer, which may have written a later time.
        updated_at = Greatest(F("updated_at"), Value(now, output_field=DateTimeField()))
        if mine.exclude(is_archived=is_archived).update(updated_at=updated_at, **_state_fields(is_archived, now)):
            _state_changed([(user.pk, course_key, is_archived)], source)
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
                for name, value in _state_fields(is_archived, now).items():
                    setattr(status, name, value)
                status.save(update_fields=["is_archived", "archive_date", "updated_at"])
                _state_changed([(user.pk, course_key, is_archived)], source)
            return status, False
        raise AssertionError("unreachable")  # pragma: no cover - the row was inserted, or another request's read

    status, created = _with_write_retries(write)
    if status is None:
        # Raised outside the write's block: an error inside it would doom the caller's transaction.
        _refuse_beyond_cap(user.pk, created, 1)
    return status, created


def cap_problem(existing, new):
    """Whether ``new`` more rows would take a learner who has ``existing`` past the cap."""
    return bool(new) and existing + new > conf.get(conf.MAX_STATUSES_PER_LEARNER)


def _refuse_beyond_cap(user_id, existing, new, field="course_id"):
    """``TooManyStatuses`` where ``new`` more rows would take a learner who has ``existing`` past the cap."""
    if cap_problem(existing, new):
        cap = conf.get(conf.MAX_STATUSES_PER_LEARNER)
        raise exceptions.TooManyStatuses(
            _("A learner may have at most {cap} course archive statuses; user {user_id} has {existing}.").format(
                cap=cap, user_id=user_id, existing=existing
            ),
            field=field,
        )


def _lock_learner(user):
    """Lock ``user``'s row until the commit: the writers that create this learner's statuses take turns."""
    list(get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk"))


def _insert(user, course_key, is_archived, now, source, in_callers_transaction):
    """
    Create ``user``'s row for the course, or return None where another request created it meanwhile.

    Outside a transaction of the caller's, a collision raises and ``_with_write_retries`` runs the write
    again. Inside one (``ATOMIC_REQUESTS``, as the LMS runs), the insert gets a savepoint of its own, so that
    the collision rolls back the insert alone and the caller's transaction goes on to read the winner's row:
    two first ``PUT by-course`` of the same state at once both succeed, as an idempotent call should.
    """
    fields = {"user": user, "course_id": course_key, **_state_fields(is_archived, now)}
    if not in_callers_transaction:
        status = CourseArchiveStatus.objects.create(**fields)
    else:
        try:
            with transaction.atomic():
                status = CourseArchiveStatus.objects.create(**fields)
        except IntegrityError:
            return None
    if is_archived:
        _state_changed([(user.pk, course_key, True)], source)
    return status


def _locked(statuses):
    """
    The first of ``statuses``, locked until the commit, with its catalog facts where the database can lock
    the status alone in a join (PostgreSQL, MySQL 8: ``FOR UPDATE OF``); else they are read when shown.
    """
    if connection.features.has_select_for_update_of:
        return statuses.select_related("catalog_info").select_for_update(of=("self",)).first()
    return statuses.select_for_update().first()


def archive(user, course_key):
    """Archive one course on ``user``'s dashboard."""
    return set_archive_state(user, course_key, True)[0]


def unarchive(user, course_key):
    """Bring one archived course back to ``user``'s active list."""
    return set_archive_state(user, course_key, False)[0]


def create_status(owner, course_key, is_archived=False, source="api"):
    """Create a new status row; ``StatusAlreadyExists`` if ``owner`` has one for that course."""
    course_key = parse_course_key(course_key)
    _refuse_beyond_cap(owner.pk, CourseArchiveStatus.objects.filter(user=owner).count(), 1)
    try:
        with transaction.atomic():
            status = CourseArchiveStatus.objects.create(
                user=owner, course_id=course_key, **_state_fields(is_archived, timezone.now())
            )
            if is_archived:
                _state_changed([(owner.pk, course_key, True)], source)
            return status
    except IntegrityError:
        raise exceptions.StatusAlreadyExists(
            _("A status for course {course_id} already exists for this user; update it instead.").format(
                course_id=course_key
            )
        ) from None


def update_status(status, is_archived=None, owner=None, course_key=None, source="api"):
    """
    Change an existing row's state or owner. Its course is fixed at creation.

    ``archive_date`` changes only when ``is_archived`` does.
    """
    if course_key is not None and parse_course_key(course_key) != status.course_id:
        raise exceptions.CourseIdChanged(_("The course of a status cannot change after it is created."))
    fields = []
    state_changed = is_archived is not None and is_archived != status.is_archived
    if state_changed:
        for name, value in _state_fields(is_archived, timezone.now()).items():
            setattr(status, name, value)
        fields += ["is_archived", "archive_date"]
    if owner is not None and owner.pk != status.user_id:
        status.user = owner
        fields.append("user")
    if not fields:
        return status
    try:
        # A savepoint only where the UPDATE can collide (a new owner with a row for the course), so that a
        # caller's transaction outlives that error; a change of state alone cannot fail that way.
        with transaction.atomic(savepoint="user" in fields):
            status.save(update_fields=[*fields, "updated_at"])
            if state_changed:
                _state_changed([(status.user_id, status.course_id, is_archived)], source)
    except IntegrityError:
        raise exceptions.StatusAlreadyExists(
            _("That user already has a status for course {course_id}.").format(course_id=status.course_id)
        ) from None
    return status


def delete_status(status, source="api"):
    """Delete one status row. Deleting an archived row brings the course back: an unarchive."""
    was_archived, user_id, course_key = status.is_archived, status.user_id, status.course_id
    status.delete()
    if was_archived:
        _state_changed([(user_id, course_key, False)], source)


def bulk_set_archive_state(user, course_keys, is_archived, source="bulk"):
    """
    Set one state on many of ``user``'s courses, all or nothing, in a constant number of queries.

    Returns the resulting statuses in the order the courses were given, as read-only rows with their
    catalog facts (``status_rows``).
    """
    course_keys = parse_course_keys(course_keys)
    if not course_keys:
        return []
    # Counted before the write (concurrent bulk requests of one learner may each pass it, by 100 rows at most).
    counts = CourseArchiveStatus.objects.filter(user_id=user.pk).aggregate(
        total=Count("pk"), present=Count("pk", filter=Q(course_id__in=course_keys))
    )
    _refuse_beyond_cap(user.pk, counts["total"], len(course_keys) - counts["present"], field="course_ids")

    def write():
        now = timezone.now()
        state = _state_fields(is_archived, now)

        # Rows that do not exist yet; a concurrent writer's row is skipped here and updated below. Rows are
        # inserted in one order for every request, so two overlapping bulk requests wait for each other
        # instead of deadlocking. (``created_at`` and ``updated_at`` are set by Django as each row is inserted.)
        CourseArchiveStatus.objects.bulk_create(
            [
                CourseArchiveStatus(user_id=user.pk, course_id=key, **state)
                for key in sorted(course_keys, key=course_key_text)
            ],
            ignore_conflicts=True,
        )
        mine = CourseArchiveStatus.objects.filter(user_id=user.pk, course_id__in=course_keys)
        mine.exclude(is_archived=is_archived).update(updated_at=now, **state)
        rows = {row["course_id"]: row for row in mine.shown_values()}
        # What this write changed carries its ``now``, so it is known without another query: archiving, the
        # rows (created or updated) whose archive_date is this ``now``; unarchiving, the rows that existed
        # before (created earlier) and were updated now. A new row that is not archived changes no state.
        if is_archived:
            changed = [row for row in rows.values() if row["archive_date"] == now]
        else:
            changed = [row for row in rows.values() if row["updated_at"] == now and row["created_at"] < now]
        _state_changed(((user.pk, row["course_id"], is_archived) for row in changed), source)
        return [rows[key] for key in course_keys]

    return _with_write_retries(write)


def bulk_set_archive_state_for_rows(queryset, is_archived, source="admin"):
    """Set one state on every row of ``queryset`` (admin actions); return the number of rows changed."""
    now = timezone.now()
    with transaction.atomic():
        changing = list(
            queryset.exclude(is_archived=is_archived).select_for_update().values_list("pk", "user_id", "course_id")
        )
        changed = CourseArchiveStatus.objects.filter(
            pk__in=[pk for pk, _, _ in changing], is_archived=not is_archived
        ).update(updated_at=now, **_state_fields(is_archived, now))
        _state_changed(((user_id, course_key, is_archived) for _, user_id, course_key in changing), source)
    return changed
