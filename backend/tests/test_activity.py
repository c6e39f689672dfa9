"""
The log of archive state changes (activity.py): one row per change from every write path, none for the
learner, none for a rolled-back write, one INSERT per batch of changes, and pruning in batches.
"""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone
from opaque_keys.edx.keys import CourseKey

from course_archive import activity, api
from course_archive.models import CourseArchiveActivity, CourseArchiveStatus
from tests.conftest import BIO, HIST, MATH

pytestmark = pytest.mark.django_db


def test_every_change_of_state_is_logged_once_without_the_learner(make_user):
    learner = make_user("learner")
    api.archive(learner, HIST)
    api.archive(learner, HIST)  # no change
    api.bulk_set_archive_state(learner, [HIST, BIO], True)  # BIO changes
    api.unarchive(learner, HIST)
    api.delete_status(CourseArchiveStatus.objects.get(course_id=CourseKey.from_string(BIO)))  # an unarchive
    api.set_archive_state(learner, MATH, False)  # a new active row changes no state
    logged = [(str(row.course_id), row.is_archived) for row in CourseArchiveActivity.objects.order_by("id")]
    assert logged == [(HIST, True), (BIO, True), (HIST, False), (BIO, False)]
    assert not {field.name for field in CourseArchiveActivity._meta.fields} & {"user", "user_id"}


def test_a_rolled_back_change_leaves_no_activity(make_user):
    learner = make_user("learner")
    with pytest.raises(RuntimeError), transaction.atomic():
        api.archive(learner, HIST)
        raise RuntimeError
    assert not CourseArchiveActivity.objects.exists()


def test_record_writes_a_row_per_change_at_one_time_in_one_query(django_assert_num_queries):
    changes = [(index, CourseKey.from_string(f"course-v1:edX+C{index}+2026"), index % 2 == 0) for index in range(40)]
    before = timezone.now()
    with django_assert_num_queries(1):
        activity.record(iter(changes))
    rows = list(CourseArchiveActivity.objects.order_by("id"))
    assert [(row.course_id, row.is_archived) for row in rows] == [(key, state) for _user, key, state in changes]
    assert len({row.created for row in rows}) == 1 and rows[0].created >= before


def test_recording_nothing_writes_nothing():
    activity.record([])
    assert not CourseArchiveActivity.objects.exists()


def _logged_days_ago(*days):
    now = timezone.now()
    key = CourseKey.from_string(HIST)
    CourseArchiveActivity.objects.bulk_create(
        CourseArchiveActivity(course_id=key, is_archived=True, created=now - datetime.timedelta(days=d)) for d in days
    )
    return now


def test_prune_deletes_the_rows_older_than_asked_in_batches(django_assert_num_queries):
    now = _logged_days_ago(1, 5, 31, 32, 33, 34, 35)
    cutoff = now - datetime.timedelta(days=30)
    assert activity.prune(cutoff, dry_run=True) == 5
    assert CourseArchiveActivity.objects.count() == 7
    # Batches of 2: three reads with a delete each (2, 2, 1 rows) and the read that finds none left.
    with django_assert_num_queries(7):
        assert activity.prune(cutoff, batch_size=2) == 5
    assert sorted((now - row.created).days for row in CourseArchiveActivity.objects.all()) == [1, 5]
    assert activity.prune(cutoff) == 0
