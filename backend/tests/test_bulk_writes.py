"""
Bulk writes (bulk_writes.py), called directly: one state on many of a learner's courses (all or nothing, the
cap, a fixed number of queries, each change logged once) and on every row an admin action selected. Their
behaviour under concurrent writers is in test_state_writes.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from opaque_keys.edx.keys import CourseKey

from course_archive import bulk_writes, exceptions, statuses
from course_archive.models import CourseArchiveActivity, CourseArchiveStatus

pytestmark = pytest.mark.django_db

COURSES = [f"course-v1:edX+Bulk{index}+2026" for index in range(60)]


def _logged():
    return sorted((str(row.course_id), row.is_archived) for row in CourseArchiveActivity.objects.all())


def _states(user):
    return {str(row.course_id): row.is_archived for row in CourseArchiveStatus.objects.filter(user=user)}


def test_archiving_n_courses_writes_n_rows_and_answers_in_the_order_given(learner):
    given = list(reversed(COURSES[:25]))
    rows = bulk_writes.bulk_set_archive_state(learner, [*given, given[0]], True)
    assert [str(row["course_id"]) for row in rows] == given  # each once, in the order given
    assert all(row["is_archived"] and row["archive_date"] is not None for row in rows)
    assert _states(learner) == dict.fromkeys(given, True)
    assert _logged() == sorted((course, True) for course in given)


def test_only_what_changes_is_logged_and_dated(learner):
    kept = statuses.archive(learner, COURSES[0])
    statuses.create_status(learner, COURSES[1])  # active already
    rows = bulk_writes.bulk_set_archive_state(learner, COURSES[:3], True)
    assert rows[0]["archive_date"] == kept.archive_date  # archived already: its date stays
    assert _logged() == sorted([(COURSES[0], True), (COURSES[1], True), (COURSES[2], True)])
    CourseArchiveActivity.objects.all().delete()
    bulk_writes.bulk_set_archive_state(learner, COURSES[:4], False)
    # Three archived rows came back; the fourth is new and active, which changes no state.
    assert _logged() == sorted((course, False) for course in COURSES[:3])
    assert _states(learner) == dict.fromkeys(COURSES[:4], False)


def test_the_query_count_does_not_grow_with_the_courses(learner, other_learner):
    with CaptureQueriesContext(connection) as few:
        bulk_writes.bulk_set_archive_state(learner, COURSES[:2], True)
    with CaptureQueriesContext(connection) as many:
        bulk_writes.bulk_set_archive_state(other_learner, COURSES, True)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_bad_id_writes_nothing_and_names_every_bad_one(learner):
    with pytest.raises(exceptions.InvalidCourseKeys) as error:
        bulk_writes.bulk_set_archive_state(learner, [COURSES[0], "bad", "library-v1:edX+Lib"], True)
    assert error.value.invalid == ["bad", "library-v1:edX+Lib"]
    assert not CourseArchiveStatus.objects.exists() and not CourseArchiveActivity.objects.exists()


def test_an_empty_list_writes_nothing(learner, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert bulk_writes.bulk_set_archive_state(learner, [], True) == []


def test_the_cap_counts_only_the_rows_that_would_be_new(learner, settings):
    settings.COURSE_ARCHIVE_MAX_STATUSES_PER_LEARNER = 5
    bulk_writes.bulk_set_archive_state(learner, COURSES[:4], True)
    # Four rows exist: the same four and one new one fit; two new ones do not, and nothing is written.
    bulk_writes.bulk_set_archive_state(learner, COURSES[:5], False)
    with pytest.raises(exceptions.TooManyStatuses) as error:
        bulk_writes.bulk_set_archive_state(learner, COURSES[3:7], True)
    assert error.value.field == "course_ids"
    assert _states(learner) == dict.fromkeys(COURSES[:5], False)


def test_a_row_deleted_after_it_was_counted_is_inserted_again(learner, monkeypatch):
    counted = [statuses.create_status(learner, course) for course in COURSES[:2]]
    real_state_fields = bulk_writes.state_fields

    def deleted_meanwhile(*args):
        # Another request deletes a row after the bulk write counted it (every course had one), before its UPDATE.
        CourseArchiveStatus.objects.filter(pk=counted[0].pk).delete()
        return real_state_fields(*args)

    monkeypatch.setattr(bulk_writes, "state_fields", deleted_meanwhile)
    rows = bulk_writes.bulk_set_archive_state(learner, COURSES[:2], True)
    assert [(str(row["course_id"]), row["is_archived"]) for row in rows] == [(COURSES[0], True), (COURSES[1], True)]
    assert rows[0]["id"] != counted[0].pk
    assert _states(learner) == dict.fromkeys(COURSES[:2], True)
    assert _logged() == [(COURSES[0], True), (COURSES[1], True)]


def test_admin_rows_change_state_and_count_only_the_changed(learner, other_learner):
    statuses.archive(learner, COURSES[0])
    statuses.create_status(learner, COURSES[1])
    statuses.create_status(other_learner, COURSES[0])
    CourseArchiveActivity.objects.all().delete()
    changed = bulk_writes.bulk_set_archive_state_for_rows(CourseArchiveStatus.objects.all(), True)
    assert changed == 2
    assert all(row.is_archived and row.archive_date is not None for row in CourseArchiveStatus.objects.all())
    assert _logged() == sorted([(COURSES[1], True), (COURSES[0], True)])
    only_mine = CourseArchiveStatus.objects.filter(user=learner, course_id=CourseKey.from_string(COURSES[0]))
    assert bulk_writes.bulk_set_archive_state_for_rows(only_mine, False) == 1
    assert _states(learner) == {COURSES[0]: False, COURSES[1]: True}
    assert CourseArchiveStatus.objects.get(user=learner, is_archived=False).archive_date is None
