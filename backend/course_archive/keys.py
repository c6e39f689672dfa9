"""
Course keys as clients send them: parsed and validated once, with errors that name the field at fault.

Shared by every concern that takes course ids from outside (statuses, Learner Home, catalog events).
"""

from django.utils.translation import gettext as _
from opaque_keys import InvalidKeyError
from opaque_keys.edx.keys import CourseKey
from opaque_keys.edx.locator import LibraryLocator

from course_archive import exceptions
from course_archive.fields import parse_course_key_once

__all__ = ["MAX_BULK_COURSES", "parse_course_key", "parse_course_keys"]

MAX_BULK_COURSES = 100


def parse_course_key(value: object, field: str = "course_id") -> CourseKey:
    """
    Return ``value`` as a ``CourseKey``, or raise ``InvalidCourseKey`` naming ``field``.

    Arguments:
        value (object): a course id as the client sent it (a string), or a ``CourseKey`` already parsed.
        field (str): the name of the input the error names.

    Returns:
        CourseKey: the course's key (``value`` itself when it is one).

    Raises:
        InvalidCourseKey: ``value`` is not a string of at most 255 characters that parses as a course key,
            or it is a content library's key.
    """
    if isinstance(value, CourseKey):
        return value
    if not isinstance(value, str) or not value or len(value) > 255:
        raise exceptions.InvalidCourseKey(
            _("{value} is not a valid course key.").format(value=repr(value)), field=field
        )
    try:
        key = parse_course_key_once(value)
    except InvalidKeyError:
        raise exceptions.InvalidCourseKey(
            _("{value} is not a valid course key.").format(value=repr(value)), field=field
        ) from None
    if isinstance(key, LibraryLocator):
        # opaque-keys parses a content library's key as a course key; a library is never on a dashboard.
        raise exceptions.InvalidCourseKey(
            _("{value} is a content library, not a course.").format(value=repr(value)), field=field
        )
    return key


def parse_course_keys(values: object) -> list[CourseKey]:
    """
    Parse a list of course ids, keeping order and dropping repeats; report every bad one at once.

    Arguments:
        values (object): the course ids as the client sent them, a list or tuple of at most
            ``MAX_BULK_COURSES`` items.

    Returns:
        list[CourseKey]: the keys, in the order of their first appearance, each once.

    Raises:
        InvalidCourseKey: ``values`` is not a list or tuple, or has too many items (the field is ``course_ids``).
        InvalidCourseKeys: some items are not valid course keys; its ``invalid`` lists each of them.
    """
    if not isinstance(values, list | tuple):
        raise exceptions.InvalidCourseKey(_("Expected a list of course ids."), field="course_ids")
    if len(values) > MAX_BULK_COURSES:
        raise exceptions.InvalidCourseKey(
            _("At most {limit} course ids per request; got {count}.").format(limit=MAX_BULK_COURSES, count=len(values)),
            field="course_ids",
        )
    keys: dict[str, CourseKey] = {}
    invalid: list[object] = []
    for value in values:
        try:
            key = parse_course_key(value)
        except exceptions.InvalidCourseKey:
            invalid.append(value)
        else:
            keys.setdefault(str(key), key)
    if invalid:
        raise exceptions.InvalidCourseKeys(_("Some course ids are not valid course keys."), invalid=invalid)
    return list(keys.values())
