"""
``course_archive_backfill_catalog``: catalog facts for courses published before the plugin, from the
platform's course overviews (the demo host's ``DemoCourseOverview`` through ``course_archive.platform``).
"""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from opaque_keys.edx.keys import CourseKey
from openedx_events.content_authoring.data import CourseCatalogData, CourseScheduleData
from openedx_events.content_authoring.signals import COURSE_CATALOG_INFO_CHANGED
from openedx_events.data import EventsMetadata

from course_archive import api, platform
from course_archive.models import CourseArchiveStatus, CourseCatalogInfo
from course_archive.platform import CourseOverviewData
from demo_host.models import DemoCourseOverview
from tests.conftest import API

pytestmark = pytest.mark.django_db

START = datetime.datetime(2025, 9, 1, tzinfo=datetime.UTC)


def _key(name):
    return CourseKey.from_string(f"course-v1:edX+{name}+2025")


def _overview(name, **fields):
    values = {
        "display_name": f"Course {name}",
        "start": START,
        "end": START + datetime.timedelta(days=90),
        "enrollment_start": START - datetime.timedelta(days=30),
        "enrollment_end": START + datetime.timedelta(days=10),
        "self_paced": False,
        "catalog_visibility": "both",
        "invitation_only": False,
        **fields,
    }
    return DemoCourseOverview.objects.create(id=_key(name), **values)


def _backfill(*args):
    out, err = StringIO(), StringIO()
    call_command("course_archive_backfill_catalog", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _facts(name):
    info = CourseCatalogInfo.objects.get(course_id=_key(name))
    return {
        "name": info.name,
        "hidden": info.hidden,
        "invitation_only": info.invitation_only,
        "start": info.start,
        "end": info.end,
        "enrollment_start": info.enrollment_start,
        "enrollment_end": info.enrollment_end,
        "pacing": info.pacing,
    }


def _send(name, display_name, time):
    metadata = COURSE_CATALOG_INFO_CHANGED.generate_signal_metadata(time=time)
    metadata = EventsMetadata(event_type=metadata.event_type, id=metadata.id, time=time, minorversion=0)
    api.apply_catalog_event(
        CourseCatalogData(
            course_key=_key(name), name=display_name, schedule_data=CourseScheduleData(start=START, pacing="self")
        ),
        metadata,
    )
    return metadata


def test_fills_the_facts_of_every_course_with_statuses_from_its_overview(learner, other_learner):
    for name in ("Old", "Hidden", "Invite", "Self", "NoOverview"):
        api.archive(learner, _key(name))
    api.archive(other_learner, _key("Old"))
    old = _overview("Old")
    _overview("Hidden", catalog_visibility="about")
    _overview("Invite", catalog_visibility="none", invitation_only=True)
    _overview("Self", self_paced=True, end=None, enrollment_start=None, enrollment_end=None)
    _overview("NoStatuses")

    out, _ = _backfill()

    assert _facts("Old") == {
        "name": "Course Old",
        "hidden": False,
        "invitation_only": False,
        "start": START,
        "end": old.end,
        "enrollment_start": old.enrollment_start,
        "enrollment_end": old.enrollment_end,
        "pacing": "instructor",
    }
    assert (_facts("Hidden")["hidden"], _facts("Invite")["hidden"], _facts("Invite")["invitation_only"]) == (
        True,
        True,
        True,
    )
    assert (_facts("Self")["pacing"], _facts("Self")["end"]) == ("self", None)
    # Only courses that have statuses; a course the platform does not know stays without facts.
    assert not CourseCatalogInfo.objects.filter(course_id__in=[_key("NoStatuses"), _key("NoOverview")]).exists()
    info = CourseCatalogInfo.objects.get(course_id=_key("Old"))
    assert (info.event_id, info.event_time) == (None, old.modified) and info.last_synced is not None
    batch = f"[batch 1] 5 courses, up to {_key('Self')}: 4 created, 0 updated, 0 unchanged, 1 without a course overview"
    assert batch in out
    assert "5 course(s) with statuses: 4 created, 0 updated, 0 unchanged, 1 without a course overview." in out


def test_a_second_run_writes_nothing(learner):
    for name in ("A", "B"):
        api.archive(learner, _key(name))
        _overview(name)
    _backfill()
    before = list(CourseCatalogInfo.objects.order_by("pk").values())
    out, _ = _backfill()
    assert list(CourseCatalogInfo.objects.order_by("pk").values()) == before
    assert "2 course(s) with statuses: 0 created, 0 updated, 2 unchanged, 0 without a course overview." in out


def test_never_overwrites_facts_a_newer_event_brought(learner):
    api.archive(learner, _key("Fresh"))
    api.archive(learner, _key("Stale"))
    fresh, stale = _overview("Fresh"), _overview("Stale")
    # Published after the overview was written: the event is newer than the overview.
    _send("Fresh", "Renamed in Studio", fresh.modified + datetime.timedelta(minutes=1))
    # An event from before the overview's last write: the overview is newer.
    _send("Stale", "An old name", stale.modified - datetime.timedelta(days=1))
    fresh_before = CourseCatalogInfo.objects.get(course_id=_key("Fresh"))

    out, _ = _backfill()

    fresh_after = CourseCatalogInfo.objects.get(course_id=_key("Fresh"))
    assert (fresh_after.name, fresh_after.event_id, fresh_after.updated_at) == (
        "Renamed in Studio",
        fresh_before.event_id,
        fresh_before.updated_at,
    )
    assert _facts("Stale")["name"] == "Course Stale"
    assert "0 created, 1 updated, 1 unchanged" in out


def test_events_after_the_backfill_are_ordered_against_it(learner):
    api.archive(learner, _key("C"))
    overview = _overview("C")
    _backfill()
    # A late delivery of an event older than the overview changes nothing; a newer publish applies.
    _send("C", "Late and old", overview.modified - datetime.timedelta(hours=1))
    assert _facts("C")["name"] == "Course C"
    _send("C", "Published today", overview.modified + datetime.timedelta(hours=1))
    assert _facts("C")["name"] == "Published today"


def test_works_in_batches_at_a_constant_number_of_queries_per_batch(learner):
    for index in range(7):
        api.archive(learner, _key(f"B{index}"))
        _overview(f"B{index}")
    with CaptureQueriesContext(connection) as small_batches:
        out, _ = _backfill("--batch-size", "3")
    assert [line.split("]")[0] for line in out.splitlines() if line.startswith("[")] == [
        "[batch 1",
        "[batch 2",
        "[batch 3",
    ]
    assert f"[batch 3] 7 courses, up to {_key('B6')}" in out and CourseCatalogInfo.objects.count() == 7
    CourseCatalogInfo.objects.all().delete()
    with CaptureQueriesContext(connection) as one_batch:
        _backfill("--batch-size", "500")
    # Per batch: its course keys, their overviews, their rows, one INSERT, the count of rows created
    # (inside the test's transaction the INSERT also shows SAVEPOINT/RELEASE on some databases).
    per_batch = (len(small_batches) - len(one_batch)) / 2
    assert per_batch == len(one_batch) - 1  # the last, empty, batch (no COUNT of the courses first)
    assert CourseCatalogInfo.objects.count() == 7


def test_dry_run_counts_and_writes_nothing(learner):
    api.archive(learner, _key("D"))
    api.archive(learner, _key("E"))
    _overview("D")
    stale = _overview("E")
    _send("E", "Old", stale.modified - datetime.timedelta(days=1))
    out, _ = _backfill("--dry-run")
    assert "Dry run, nothing written: 2 course(s) with statuses: 1 created, 1 updated, 0 unchanged" in out
    assert list(CourseCatalogInfo.objects.values_list("name", flat=True)) == ["Old"]


def test_without_the_platform_it_says_so_and_writes_nothing(learner):
    api.archive(learner, _key("X"))
    _overview("X")
    with override_settings(COURSE_ARCHIVE_PLATFORM_BACKEND="course_archive.platform.backends.openedx"):
        out, err = _backfill()
    assert "cannot be read here" in err and "COURSE_ARCHIVE_PLATFORM_BACKEND" in err and out == ""
    assert not CourseCatalogInfo.objects.exists()


def test_backfilled_courses_show_in_the_api_and_reach_archive_ended(learner, learner_client):
    status = api.archive(learner, _key("Ended"))
    api.unarchive(learner, _key("Ended"))
    _overview("Ended", end=datetime.datetime(2025, 12, 1, tzinfo=datetime.UTC))
    _backfill()

    row = learner_client.get(API).json()["results"][0]
    assert (row["catalog"]["name"], row["catalog"]["end"]) == ("Course Ended", "2025-12-01T00:00:00Z")
    assert row["last_synced"] is not None
    call_command("course_archive_archive_ended", "--ended-before", "2026-01-01", stdout=StringIO())
    assert CourseArchiveStatus.objects.get(pk=status.pk).is_archived


def test_batch_size_must_be_positive():
    with pytest.raises(CommandError, match="--batch-size"):
        _backfill("--batch-size", "0")


def test_an_overview_of_unknown_age_only_fills_courses_without_facts(learner, monkeypatch):
    api.archive(learner, _key("New"))
    api.archive(learner, _key("Known"))
    _send("Known", "From an event", datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    monkeypatch.setattr(
        platform,
        "course_overviews",
        lambda keys: {key: CourseOverviewData(course_key=key, display_name=f"Undated {key.course}") for key in keys},
    )
    out, _ = _backfill()
    assert (_facts("New")["name"], _facts("Known")["name"]) == ("Undated New", "From an event")
    assert "1 created, 0 updated, 1 unchanged" in out
