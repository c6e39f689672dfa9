"""Errors raised by ``course_archive.api``; the REST layer maps each to a 4xx answer."""

from collections.abc import Iterable

__all__ = [
    "ConcurrentUpdate",
    "CourseArchiveError",
    "CourseIdChanged",
    "InvalidCourseKey",
    "InvalidCourseKeys",
    "NotPermitted",
    "StatusAlreadyExists",
    "TooManyStatuses",
    "UnknownUser",
]


class CourseArchiveError(Exception):
    """Base class of the app's errors. ``field`` names the input that caused it, if any."""

    field: str | None = None

    def __init__(self, message: str, field: str | None = None) -> None:
        """
        Keep ``message`` for the client, and ``field`` when it names another input than the class's.

        Arguments:
            message (str): what went wrong, as the client reads it.
            field (str | None): the input at fault; None keeps the class's ``field``.
        """
        super().__init__(message)
        self.message = message
        if field is not None:
            self.field = field


class InvalidCourseKey(CourseArchiveError):
    """A value is not a valid course key."""

    field = "course_id"


class InvalidCourseKeys(CourseArchiveError):
    """Several values are not valid course keys; ``invalid`` lists every one of them."""

    field = "course_ids"

    def __init__(self, message: str, invalid: Iterable[object]) -> None:
        """
        Keep ``message`` and every value that is not a valid course key.

        Arguments:
            message (str): what went wrong, as the client reads it.
            invalid (Iterable[object]): the values at fault, as the client sent them.
        """
        super().__init__(message)
        self.invalid = list(invalid)


class StatusAlreadyExists(CourseArchiveError):
    """The user already has a status row for that course."""

    field = "course_id"


class CourseIdChanged(CourseArchiveError):
    """A status's course cannot change after it was created."""

    field = "course_id"


class NotPermitted(CourseArchiveError):
    """The acting user may not act for that user."""

    field = "user"


class UnknownUser(CourseArchiveError):
    """No user has that id."""

    field = "user"


class ConcurrentUpdate(CourseArchiveError):
    """The database kept refusing the write because of concurrent writers; the client may retry."""


class TooManyStatuses(CourseArchiveError):
    """The learner has as many status rows as ``COURSE_ARCHIVE_MAX_STATUSES_PER_LEARNER`` allows."""

    field = "course_id"
