"""Rows of a learner the platform retires are deleted (USER_RETIRE_LMS_MISC)."""

import pytest

from course_archive import api
from course_archive.models import CourseArchiveStatus
from course_archive.signals.signals import USER_RETIRE_LMS_MISC

pytestmark = pytest.mark.django_db


def test_retirement_signal_deletes_only_that_learners_rows(learner, other_learner):
    api.bulk_set_archive_state(learner, ["course-v1:edX+A+1", "course-v1:edX+B+1"], True)
    kept = api.archive(other_learner, "course-v1:edX+A+1")
    # As the LMS's retirement view sends it.
    USER_RETIRE_LMS_MISC.send(sender=None, user=learner)
    assert not CourseArchiveStatus.objects.filter(user=learner).exists()
    assert list(CourseArchiveStatus.objects.all()) == [kept]


def test_retire_user_returns_the_count_and_is_idempotent(learner):
    api.bulk_set_archive_state(learner, ["course-v1:edX+A+1", "course-v1:edX+B+1"], False)
    assert api.retire_user(learner) == 2
    assert api.retire_user(learner) == 0
