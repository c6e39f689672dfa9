"""
The course key column (fields.py): the memos of parsed keys and of their database form give opaque-keys' own
answers.
"""

import pytest
from opaque_keys.edx.django import models as opaque_models
from opaque_keys.edx.keys import CourseKey

from course_archive import fields
from course_archive.models import CourseArchiveStatus

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text",
    ["course-v1:edX+DemoX+2026", "edX/Old/2012", "ccx-v1:edX+DemoX+2026+ccx@3", "course-v1:edX+Demo+2026+branch@d"],
)
def test_remembered_key_strings_are_opaque_keys(text):
    key = fields.parse_course_key_once(text)
    assert fields.parse_course_key_once(text) is key
    field = CourseArchiveStatus._meta.get_field("course_id")
    reference = opaque_models.CourseKeyField(max_length=255)
    for _ in range(2):  # worked out, then remembered
        assert fields.course_key_text(key) == str(key)
        assert field.get_prep_value(key) == reference.get_prep_value(CourseKey.from_string(text))
    assert field.get_prep_value(text) == reference.get_prep_value(text)


@pytest.mark.parametrize(
    "value", [CourseKey.from_string("course-v1:edX+DemoX+2026"), "course-v1:edX+DemoX+2026", "", None]
)
def test_to_python_answers_as_opaque_keys_does(value):
    field = CourseArchiveStatus._meta.get_field("course_id")
    reference = opaque_models.CourseKeyField(max_length=255)
    assert field.to_python(value) == reference.to_python(value)
    if isinstance(value, CourseKey):
        assert field.to_python(value) is value
    status = CourseArchiveStatus(user_id=1, course_id=value)
    assert status.course_id == reference.to_python(value)
