"""
The app's errors (exceptions.py): each keeps the client's message and names the input at fault, which the
REST layer turns into a 400 keyed by that field (test_views), a 403 or a 409.
"""

import pytest

from course_archive import exceptions


@pytest.mark.parametrize(
    "error, field",
    [
        (exceptions.InvalidCourseKey, "course_id"),
        (exceptions.StatusAlreadyExists, "course_id"),
        (exceptions.CourseIdChanged, "course_id"),
        (exceptions.TooManyStatuses, "course_id"),
        (exceptions.NotPermitted, "user"),
        (exceptions.UnknownUser, "user"),
        (exceptions.ConcurrentUpdate, None),  # a 409, about no input
    ],
)
def test_each_error_keeps_its_message_and_names_its_field(error, field):
    raised = error("What went wrong.")
    assert isinstance(raised, exceptions.CourseArchiveError)
    assert raised.message == str(raised) == "What went wrong."
    assert raised.field == field


def test_the_field_can_name_another_input_without_changing_the_class():
    assert exceptions.InvalidCourseKey("Bad.", field="course_ids").field == "course_ids"
    assert exceptions.TooManyStatuses("Too many.", field="course_ids").field == "course_ids"
    assert exceptions.InvalidCourseKey("Bad.").field == "course_id"


def test_several_invalid_keys_keep_every_value_as_sent():
    raised = exceptions.InvalidCourseKeys("Some are bad.", invalid=(value for value in ["x", 7, None]))
    assert raised.invalid == ["x", 7, None]
    assert raised.field == "course_ids" and raised.message == "Some are bad."


def test_every_exported_error_is_one_of_the_apps():
    exported = [getattr(exceptions, name) for name in exceptions.__all__]
    assert all(issubclass(error, exceptions.CourseArchiveError) for error in exported)
    assert {error.__name__ for error in exceptions.CourseArchiveError.__subclasses__()} | {"CourseArchiveError"} == set(
        exceptions.__all__
    )
