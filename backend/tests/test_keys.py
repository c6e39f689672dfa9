"""Course keys from clients (keys.py): what parses, what is refused and which field the error names."""

import pytest
from ccx_keys.locator import CCXLocator
from opaque_keys.edx.keys import CourseKey
from opaque_keys.edx.locator import CourseLocator

from course_archive import exceptions, keys

COURSE = "course-v1:edX+DemoX+2026"


@pytest.mark.parametrize(
    "value, kind",
    [
        (COURSE, CourseLocator),
        ("edX/DemoX/2026", CourseLocator),  # an old-style key
        ("ccx-v1:edX+DemoX+2026+ccx@3", CCXLocator),  # a custom course of a course
    ],
)
def test_course_ids_parse_to_their_keys(value, kind):
    key = keys.parse_course_key(value)
    assert isinstance(key, kind)
    assert key == CourseKey.from_string(value)


def test_a_key_already_parsed_is_returned_as_it_is():
    key = CourseKey.from_string(COURSE)
    assert keys.parse_course_key(key) is key


def test_the_same_id_parses_to_the_same_object():
    assert keys.parse_course_key(COURSE) is keys.parse_course_key(COURSE)


@pytest.mark.parametrize(
    "value",
    ["", "not a key", "course-v1:edX", None, 42, ["course-v1:edX+DemoX+2026"], "course-v1:edX+D+" + "x" * 240],
)
def test_what_is_not_a_course_key_is_refused_naming_the_field(value):
    with pytest.raises(exceptions.InvalidCourseKey) as error:
        keys.parse_course_key(value, field="course")
    assert error.value.field == "course"
    assert repr(value) in error.value.message


def test_the_field_is_course_id_unless_named():
    with pytest.raises(exceptions.InvalidCourseKey) as error:
        keys.parse_course_key("nope")
    assert error.value.field == "course_id"


def test_a_content_library_is_refused_although_opaque_keys_parses_it():
    with pytest.raises(exceptions.InvalidCourseKey, match="is a content library, not a course"):
        keys.parse_course_key("library-v1:edX+Lib")


def test_a_list_keeps_its_order_and_drops_repeats():
    values = ["course-v1:edX+B+1", COURSE, "course-v1:edX+B+1", CourseKey.from_string(COURSE)]
    assert [str(key) for key in keys.parse_course_keys(values)] == ["course-v1:edX+B+1", COURSE]
    assert keys.parse_course_keys(()) == []


def test_every_bad_id_of_a_list_is_reported_at_once():
    values = [COURSE, "bad", 7, "library-v1:edX+Lib", "bad"]
    with pytest.raises(exceptions.InvalidCourseKeys) as error:
        keys.parse_course_keys(values)
    assert error.value.invalid == ["bad", 7, "library-v1:edX+Lib", "bad"]
    assert error.value.field == "course_ids"


@pytest.mark.parametrize("values", [COURSE, None, {COURSE: True}, {COURSE}])
def test_a_list_must_be_a_list(values):
    with pytest.raises(exceptions.InvalidCourseKey, match="Expected a list") as error:
        keys.parse_course_keys(values)
    assert error.value.field == "course_ids"


def test_a_list_holds_at_most_the_bulk_limit():
    ids = [f"course-v1:edX+C{index}+2026" for index in range(keys.MAX_BULK_COURSES + 1)]
    assert len(keys.parse_course_keys(ids[:-1])) == keys.MAX_BULK_COURSES
    with pytest.raises(exceptions.InvalidCourseKey, match=f"At most {keys.MAX_BULK_COURSES} course ids") as error:
        keys.parse_course_keys(ids)
    assert error.value.field == "course_ids"
