"""
Learners' archive statuses: who may see and change which rows, reading them for showing, and creating,
updating and deleting one row. The race-safe and bulk writes of the state, and the rule for
``archive_date`` they share with these, live in ``course_archive.state_writes``.
"""

from typing import TYPE_CHECKING, cast

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from course_archive import exceptions
from course_archive.keys import parse_course_key
from course_archive.models import CourseArchiveStatus
from course_archive.state_writes import record_state_change, refuse_beyond_cap, set_archive_state, state_fields

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser
    from django.db.models import QuerySet
    from opaque_keys.edx.keys import CourseKey

__all__ = [
    "archive",
    "create_status",
    "delete_status",
    "is_operator",
    "resolve_owner",
    "status_rows",
    "statuses_visible_to",
    "unarchive",
    "update_status",
]


def is_operator(user: "AbstractBaseUser | AnonymousUser | None") -> bool:
    """
    Whether ``user`` is an operator: staff and superusers see and change every learner's statuses.

    Arguments:
        user (User | AnonymousUser | None): the requesting user.

    Returns:
        bool: True for an authenticated staff member or superuser.
    """
    return bool(user and user.is_authenticated and (user.is_staff or user.is_superuser))


def statuses_visible_to(user: "AbstractBaseUser") -> "QuerySet[CourseArchiveStatus]":
    """
    Return the statuses ``user`` may see (their own, or every row for staff), each with its catalog facts.

    Arguments:
        user (User): the requesting user.

    Returns:
        QuerySet[CourseArchiveStatus]: the rows, with ``catalog_info`` joined.
    """
    queryset = CourseArchiveStatus.objects.select_related("catalog_info")
    if not is_operator(user):
        queryset = queryset.filter(user_id=user.pk)
    return queryset


def status_rows(statuses: "QuerySet[CourseArchiveStatus]") -> "QuerySet[CourseArchiveStatus]":
    """
    Read ``statuses`` for showing only, without building model instances.

    Arguments:
        statuses (QuerySet[CourseArchiveStatus]): a query of ``statuses_visible_to``, filtered and ordered.

    Returns:
        QuerySet: each row a dict of the fields and catalog facts of a status (``models.STATUS_COLUMNS``,
        ``models.CATALOG_COLUMNS``).
    """
    return statuses.shown_values()


def resolve_owner(actor: "AbstractBaseUser", user_id: object) -> "AbstractBaseUser":
    """
    Return the user whose status ``actor`` asks to write.

    A learner may only name themselves; naming anyone else is ``NotPermitted`` whether or not that user
    exists, so the answer reveals nothing.

    Arguments:
        actor (User): the requesting user.
        user_id (object): the id of the owner the request names; None means the actor.

    Returns:
        User: the owner.

    Raises:
        NotPermitted: a learner named someone else.
        UnknownUser: an operator named a user that does not exist.
    """
    if user_id is None or user_id == actor.pk:
        return actor
    if not is_operator(actor):
        raise exceptions.NotPermitted(_("You may only change your own course archive statuses."))
    try:
        return get_user_model().objects.get(pk=user_id)
    except get_user_model().DoesNotExist:
        raise exceptions.UnknownUser(_("No user has id {user_id}.").format(user_id=user_id)) from None


def archive(user: "AbstractBaseUser", course_key: "CourseKey | str") -> CourseArchiveStatus:
    """
    Archive one course on ``user``'s dashboard.

    Arguments:
        user (User): the learner.
        course_key (CourseKey | str): the course.

    Returns:
        CourseArchiveStatus: the learner's row for the course, archived.

    Raises:
        InvalidCourseKey, TooManyStatuses, ConcurrentUpdate: as ``state_writes.set_archive_state``.
    """
    return set_archive_state(user, course_key, True)[0]


def unarchive(user: "AbstractBaseUser", course_key: "CourseKey | str") -> CourseArchiveStatus:
    """
    Bring one archived course back to ``user``'s active list.

    Arguments:
        user (User): the learner.
        course_key (CourseKey | str): the course.

    Returns:
        CourseArchiveStatus: the learner's row for the course, not archived.

    Raises:
        InvalidCourseKey, TooManyStatuses, ConcurrentUpdate: as ``state_writes.set_archive_state``.
    """
    return set_archive_state(user, course_key, False)[0]


def create_status(
    owner: "AbstractBaseUser", course_key: "CourseKey | str", is_archived: bool = False, source: str = "api"
) -> CourseArchiveStatus:
    """
    Create a new status row.

    Arguments:
        owner (User): the learner the row belongs to.
        course_key (CourseKey | str): the course.
        is_archived (bool): the row's state.
        source (str): where the change comes from, for the tracking event.

    Returns:
        CourseArchiveStatus: the new row.

    Raises:
        InvalidCourseKey: ``course_key`` is not a course's key.
        TooManyStatuses: ``owner`` is at the cap.
        StatusAlreadyExists: ``owner`` has a row for that course.
    """
    course_key = parse_course_key(course_key)
    refuse_beyond_cap(owner.pk, CourseArchiveStatus.objects.filter(user=owner).count(), 1)
    try:
        with transaction.atomic():
            status = CourseArchiveStatus.objects.create(
                user=owner, course_id=course_key, **state_fields(is_archived, timezone.now())
            )
            if is_archived:
                record_state_change([(owner.pk, course_key, True)], source)
            return status
    except IntegrityError:
        raise exceptions.StatusAlreadyExists(
            _("A status for course {course_id} already exists for this user; update it instead.").format(
                course_id=course_key
            )
        ) from None


def update_status(
    status: CourseArchiveStatus,
    is_archived: bool | None = None,
    owner: "AbstractBaseUser | None" = None,
    course_key: "CourseKey | str | None" = None,
    source: str = "api",
) -> CourseArchiveStatus:
    """
    Change an existing row's state or owner; its course is fixed at creation.

    ``archive_date`` changes only when ``is_archived`` does.

    Arguments:
        status (CourseArchiveStatus): the row.
        is_archived (bool | None): the new state; None keeps it.
        owner (User | None): the new owner; None keeps it.
        course_key (CourseKey | str | None): the row's course, if the client sent it; it must not change.
        source (str): where the change comes from, for the tracking event.

    Returns:
        CourseArchiveStatus: ``status``, saved.

    Raises:
        CourseIdChanged: ``course_key`` is not the row's course.
        StatusAlreadyExists: the new owner has a row for that course.
    """
    if course_key is not None and parse_course_key(course_key) != status.course_id:
        raise exceptions.CourseIdChanged(_("The course of a status cannot change after it is created."))
    fields: list[str] = []
    state_changed = is_archived is not None and is_archived != status.is_archived
    if state_changed:
        for name, value in state_fields(cast(bool, is_archived), timezone.now()).items():
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
                record_state_change(
                    [(status.user_id, cast("CourseKey", status.course_id), cast(bool, is_archived))], source
                )
    except IntegrityError:
        raise exceptions.StatusAlreadyExists(
            _("That user already has a status for course {course_id}.").format(course_id=status.course_id)
        ) from None
    return status


def delete_status(status: CourseArchiveStatus, source: str = "api") -> None:
    """
    Delete one status row; deleting an archived row brings the course back: an unarchive.

    Arguments:
        status (CourseArchiveStatus): the row.
        source (str): where the change comes from, for the tracking event.
    """
    was_archived, user_id, course_key = status.is_archived, status.user_id, status.course_id
    status.delete()
    if was_archived:
        record_state_change([(user_id, course_key, False)], source)
