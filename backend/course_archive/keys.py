"""
Course keys as clients send them: parsed and validated once, with errors that name the field at fault.

Shared by every concern that takes course ids from outside (statuses, Learner Home, catalog events).
"""

from opaque_keys import InvalidKeyError
from opaque_keys.edx.keys import CourseKey
from opaque_keys.edx.locator import LibraryLocator

from course_archive import exceptions
from course_archive.models import parse_course_key_once

MAX_BULK_COURSES = 100


def parse_course_key(value, field="course_id"):
    """Return ``value`` as a ``CourseKey``, or raise ``InvalidCourseKey`` naming ``field``."""
    if isinstance(value, CourseKey):
        return value
    if not isinstance(value, str) or not value or len(value) > 255:
        raise exceptions.InvalidCourseKey(f"{value!r} is not a valid course key.", field=field)
    try:
        key = parse_course_key_once(value)
    except InvalidKeyError:
        raise exceptions.InvalidCourseKey(f"{value!r} is not a valid course key.", field=field) from None
    if isinstance(key, LibraryLocator):
        # opaque-keys parses a content library's key as a course key; a library is never on a dashboard.
        raise exceptions.InvalidCourseKey(f"{value!r} is a content library, not a course.", field=field)
    return key


def parse_course_keys(values):
    """Parse a list of course ids, keeping order and dropping repeats; report every bad one at once."""
    if not isinstance(values, list | tuple):
        raise exceptions.InvalidCourseKey("Expected a list of course ids.", field="course_ids")
    if len(values) > MAX_BULK_COURSES:
        raise exceptions.InvalidCourseKey(
            f"At most {MAX_BULK_COURSES} course ids per request; got {len(values)}.", field="course_ids"
        )
    keys, invalid = {}, []
    for value in values:
        try:
            key = parse_course_key(value)
        except exceptions.InvalidCourseKey:
            invalid.append(value)
        else:
            keys.setdefault(str(key), key)
    if invalid:
        raise exceptions.InvalidCourseKeys("Some course ids are not valid course keys.", invalid=invalid)
    return list(keys.values())
