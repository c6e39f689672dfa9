"""
Maintenance (operations.py): the maintenance commands and retirement work in batches of bounded size, can be
interrupted and run again safely, and show their progress (its lines are in test_progress).
"""

import datetime
import logging
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from opaque_keys.edx.keys import CourseKey

from course_archive import api, operations
from course_archive.management.progress import Progress
from course_archive.models import CourseArchiveStatus, CourseCatalogInfo
from demo_host.models import DemoCourseOverview
from tests.conftest import Terminal

pytestmark = pytest.mark.django_db

ENDED = "course-v1:edX+Ended+2025"
PAST = datetime.datetime(2025, 6, 1, tzinfo=datetime.UTC)


def _ended_course_with_learners(make_user, count):
    CourseCatalogInfo.objects.create(course_id=CourseKey.from_string(ENDED), name="Ended", end=PAST)
    for index in range(count):
        api.create_status(make_user(f"learner{index}"), ENDED)


def _archived():
    return CourseArchiveStatus.objects.filter(course_id=CourseKey.from_string(ENDED), is_archived=True).count()


def _archive_ended(*args, stdout=None):
    out = stdout or StringIO()
    call_command("course_archive_archive_ended", "--ended-before", "2026-01-01", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


# --- course_archive_archive_ended -------------------------------------------------------------------------


def test_archive_ended_reads_and_writes_at_most_a_batch_at_a_time(make_user):
    _ended_course_with_learners(make_user, 5)
    with CaptureQueriesContext(connection) as queries:
        out = _archive_ended("--batch-size", "2")
    assert _archived() == 5 and "Archived 5 status(es) in 1 ended course(s)." in out
    updates = [q["sql"] for q in queries.captured_queries if q["sql"].upper().startswith("UPDATE")]
    assert len(updates) == 3  # 2 + 2 + 1
    # The walk through the course's rows, oldest change first: 3 batches and the empty read that ends it.
    walks = [q["sql"].upper() for q in queries.captured_queries if "ORDER BY 2 ASC, 1 ASC" in q["sql"].upper()]
    assert len(walks) == 4 and all(sql.endswith(" LIMIT 2") for sql in walks)
    assert "5 statuses archived" in out  # the plain progress line at the end


def test_archive_ended_interrupted_keeps_what_it_did_and_a_rerun_finishes(make_user, monkeypatch):
    _ended_course_with_learners(make_user, 5)
    real_add = Progress.add

    def interrupted_after_the_first_batch(self, count, note=""):
        real_add(self, count, note)
        raise KeyboardInterrupt

    monkeypatch.setattr(Progress, "add", interrupted_after_the_first_batch)
    with pytest.raises(CommandError, match="Run the same command again"):
        _archive_ended("--batch-size", "2")
    assert _archived() == 2
    monkeypatch.setattr(Progress, "add", real_add)
    assert "Archived 3 status(es)" in _archive_ended("--batch-size", "2")
    assert "Archived 0 status(es)" in _archive_ended()
    assert _archived() == 5


def test_archive_ended_leaves_a_row_a_learner_changed_during_the_run(make_user, monkeypatch):
    _ended_course_with_learners(make_user, 3)
    changed = CourseArchiveStatus.objects.order_by("pk").last()
    real_bulk = operations.bulk_set_archive_state_for_rows

    def learner_unarchives_meanwhile(queryset, is_archived, source):
        # The learner touches their row after the run started and before its batch: it moves past the start.
        CourseArchiveStatus.objects.filter(pk=changed.pk).update(
            updated_at=datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=5)
        )
        return real_bulk(queryset.exclude(pk=changed.pk), is_archived, source=source)

    monkeypatch.setattr(operations, "bulk_set_archive_state_for_rows", learner_unarchives_meanwhile)
    _archive_ended("--batch-size", "1")
    assert _archived() == 2
    assert not CourseArchiveStatus.objects.get(pk=changed.pk).is_archived


def test_archive_ended_shows_a_count_and_rate_on_a_terminal(make_user):
    _ended_course_with_learners(make_user, 3)
    out = _archive_ended("--batch-size", "1", stdout=Terminal())
    assert "\r\x1b[K1/3 statuses archived (" in out and f"course 1/1 {ENDED}" in out
    assert "/s)" in out and "[1/1]" not in out  # the per-course lines are for logs, not terminals


def test_archive_ended_pauses_between_batches(make_user, monkeypatch):
    _ended_course_with_learners(make_user, 3)
    pauses = []
    monkeypatch.setattr(operations.time, "sleep", pauses.append)
    _archive_ended("--batch-size", "2", "--pause", "0.25")
    assert pauses == [0.25, 0.25]


@pytest.mark.parametrize("args", [("--batch-size", "0"), ("--batch-size", "10001"), ("--pause", "-1")])
def test_archive_ended_bounds_its_options(args):
    with pytest.raises(CommandError, match=args[0]):
        _archive_ended(*args)


# --- course_archive_backfill_catalog ----------------------------------------------------------------------


def _course(index):
    return CourseKey.from_string(f"course-v1:edX+B{index}+2025")


def _backfill(*args):
    out = StringIO()
    call_command("course_archive_backfill_catalog", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def seven_courses(learner):
    for index in range(7):
        api.archive(learner, _course(index))
        DemoCourseOverview.objects.create(
            id=_course(index),
            display_name=f"Course {index}",
            start=PAST,
            self_paced=False,
            catalog_visibility="both",
            invitation_only=False,
        )


def test_backfill_interrupted_says_where_to_resume_and_after_goes_on_from_there(seven_courses, monkeypatch):
    real_add = Progress.add

    def interrupted_after_the_first_batch(self, count, note=""):
        real_add(self, count, note)
        raise KeyboardInterrupt

    monkeypatch.setattr(Progress, "add", interrupted_after_the_first_batch)
    with pytest.raises(CommandError, match=re.escape(f"--after {_course(2)}")):
        _backfill("--batch-size", "3")
    assert CourseCatalogInfo.objects.count() == 3
    monkeypatch.setattr(Progress, "add", real_add)
    out = _backfill("--batch-size", "3", "--after", str(_course(2)))
    assert "4 course(s) with statuses: 4 created" in out
    assert CourseCatalogInfo.objects.count() == 7
    # A rerun from the start writes nothing.
    assert "7 course(s) with statuses: 0 created, 0 updated, 7 unchanged" in _backfill()


def test_backfill_rejects_a_bad_after_and_batch_size():
    with pytest.raises(CommandError, match="--after"):
        _backfill("--after", "not a course")
    with pytest.raises(CommandError, match="--batch-size"):
        _backfill("--batch-size", "10001")


# --- retirement -------------------------------------------------------------------------------------------


def test_retirement_deletes_a_learner_with_many_rows_in_batches(learner, other_learner, caplog):
    api.bulk_set_archive_state(learner, [str(_course(index)) for index in range(25)], True)
    kept = api.archive(other_learner, _course(0))
    with caplog.at_level(logging.INFO, logger=operations.__name__), CaptureQueriesContext(connection) as queries:
        assert api.retire_user(learner, batch_size=10) == 25
    deletes = [q["sql"] for q in queries.captured_queries if q["sql"].upper().startswith("DELETE")]
    assert len(deletes) == 3
    assert [record.getMessage() for record in caplog.records] == [
        f"Course archive: retiring user {learner.pk}: 10 statuses deleted so far.",
        f"Course archive: retiring user {learner.pk}: 20 statuses deleted so far.",
    ]
    assert list(CourseArchiveStatus.objects.all()) == [kept]


def test_retirement_interrupted_keeps_the_deleted_batches_and_a_rerun_finishes(learner, monkeypatch):
    api.bulk_set_archive_state(learner, [str(_course(index)) for index in range(25)], True)
    real_delete = operations.CourseArchiveStatus.objects.filter(pk=0).delete.__func__
    calls = []

    def failing_second_batch(self):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real_delete(self)

    monkeypatch.setattr(type(CourseArchiveStatus.objects.all()), "delete", failing_second_batch)
    with pytest.raises(KeyboardInterrupt):
        api.retire_user(learner, batch_size=10)
    assert CourseArchiveStatus.objects.filter(user=learner).count() == 15
    monkeypatch.undo()
    assert api.retire_user(learner, batch_size=10) == 15
    assert api.retire_user(learner, batch_size=10) == 0
