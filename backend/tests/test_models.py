"""The model layer: course ids read back as course keys, case-sensitive and unique per learner."""

import pytest
from django.db import IntegrityError, connection
from opaque_keys.edx.keys import CourseKey

from course_archive import api
from course_archive.models import CourseArchiveStatus

pytestmark = pytest.mark.django_db


def test_course_ids_read_back_as_course_keys_parsed_once(learner, other_learner):
    api.archive(learner, "course-v1:edX+Read+2026")
    api.archive(other_learner, "course-v1:edX+Read+2026")
    first, second = CourseArchiveStatus.objects.order_by("id")
    assert first.course_id == CourseKey.from_string("course-v1:edX+Read+2026")
    assert first.course_id is second.course_id  # the same id string is parsed once per process


def test_a_stored_id_with_a_trailing_newline_still_reads_as_its_key(learner):
    row = api.archive(learner, "course-v1:edX+Newline+2026")
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {CourseArchiveStatus._meta.db_table} SET course_id = %s WHERE id = %s",
            ["course-v1:edX+Newline+2026\n", row.pk],
        )
    assert CourseArchiveStatus.objects.get(pk=row.pk).course_id == CourseKey.from_string("course-v1:edX+Newline+2026")


def test_one_row_per_learner_and_course_enforced_by_the_database(learner):
    CourseArchiveStatus.objects.create(user=learner, course_id=CourseKey.from_string("course-v1:edX+Once+2026"))
    with pytest.raises(IntegrityError):
        CourseArchiveStatus.objects.create(user=learner, course_id=CourseKey.from_string("course-v1:edX+Once+2026"))
