"""
The course key column: opaque-keys' ``CourseKeyField`` with per-process memos of parsed keys and of their
database form (lists and bulk writes read and pass the same few thousand course ids over and over), and
the string form the API shows.
"""

import functools
from typing import Any

from opaque_keys.edx.django import models as opaque_models
from opaque_keys.edx.keys import CourseKey

__all__ = ["CourseKeyField", "course_key_text", "parse_course_key_once"]

# Lists read the same few thousand course ids over and over, and parsing one is costly; keys are
# immutable values, so each id read from the database (or given to api.parse_course_key) is parsed once per
# process, and the same object comes back each time.
_course_key_from_db = functools.lru_cache(maxsize=20_000)(CourseKey.from_string)
parse_course_key_once = _course_key_from_db


def course_key_text(key: CourseKey) -> str:
    """
    Return the string form of a course key, as the API shows it.

    Arguments:
        key (CourseKey): the course's key.

    Returns:
        str: the course id.
    """
    return str(key)


# opaque-keys' database form of a key (without branch and version) is costly to work out, and a bulk write
# or a filter passes the same keys again and again.
_database_form = functools.lru_cache(maxsize=20_000)(opaque_models.CourseKeyField.get_prep_value)


class CourseKeyField(opaque_models.CourseKeyField):
    """
    opaque-keys' ``CourseKeyField``, parsing each course id read from the database once per process, and
    working out each key's database form once.
    """

    def to_python(self, value: Any) -> Any:
        """``value`` itself when it is a key already: opaque-keys' own formats the key into a message first."""
        if isinstance(value, CourseKey):
            return value
        return super().to_python(value)

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        """The key of a course id read from the database, parsed once per process."""
        if isinstance(value, str) and value and not value.endswith("\n"):
            return _course_key_from_db(value)
        return super().from_db_value(value, expression, connection)

    def get_prep_value(self, value: Any) -> Any:
        """The database form of ``value``, worked out once per key."""
        if isinstance(value, CourseKey):
            return _database_form(self, value)
        return super().get_prep_value(value)

    def deconstruct(self) -> Any:
        """The field as migrations write it: opaque-keys' own."""
        name, _path, args, kwargs = super().deconstruct()
        # Only reading differs: migrations keep naming opaque-keys' field.
        return name, "opaque_keys.edx.django.models.CourseKeyField", args, kwargs
