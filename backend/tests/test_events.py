"""COURSE_CATALOG_INFO_CHANGED through openedx-events' real send_event: stored once, in order, never raising."""

import datetime
import logging
import uuid

import pytest
from django.db import OperationalError
from django.test import override_settings
from opaque_keys.edx.keys import CourseKey
from openedx_events.content_authoring.data import CourseCatalogData, CourseScheduleData
from openedx_events.content_authoring.signals import COURSE_CATALOG_INFO_CHANGED
from openedx_events.data import EventsMetadata

from course_archive import api
from course_archive.models import CourseArchiveStatus, CourseCatalogInfo
from tests.conftest import API, COURSE

KEY = CourseKey.from_string(COURSE)
START = datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC)


def _catalog(name="Demo course", key=KEY, **schedule):
    return CourseCatalogData(
        course_key=key,
        name=name,
        schedule_data=CourseScheduleData(start=START, pacing="self", **schedule),
        hidden=True,
        invitation_only=False,
    )


def _metadata(time=None, event_id=None):
    metadata = COURSE_CATALOG_INFO_CHANGED.generate_signal_metadata(time=time)
    if event_id is not None:
        metadata = EventsMetadata(event_type=metadata.event_type, id=event_id, time=metadata.time, minorversion=0)
    return metadata


def _replay(catalog, metadata):
    """Deliver an event with chosen metadata, as the event bus consumer does."""
    return COURSE_CATALOG_INFO_CHANGED.send_event_with_custom_metadata(metadata, catalog_info=catalog)


@pytest.mark.django_db
def test_send_event_stores_catalog_facts_and_marks_statuses(make_user):
    rows = [api.archive(make_user(f"u{i}"), KEY) for i in range(3)]
    end = START + datetime.timedelta(days=60)
    COURSE_CATALOG_INFO_CHANGED.send_event(catalog_info=_catalog(end=end, enrollment_end=end))

    info = CourseCatalogInfo.objects.get(course_id=KEY)
    assert (info.name, info.hidden, info.invitation_only, info.pacing) == ("Demo course", True, False, "self")
    assert (info.start, info.end, info.enrollment_end, info.enrollment_start) == (START, end, end, None)
    assert info.event_id is not None
    assert all(row.last_synced is not None for row in CourseArchiveStatus.objects.filter(pk__in=[r.pk for r in rows]))


@pytest.mark.django_db
def test_other_courses_are_not_marked(learner):
    other = api.archive(learner, "course-v1:edX+Other+2026")
    COURSE_CATALOG_INFO_CHANGED.send_event(catalog_info=_catalog())
    other.refresh_from_db()
    assert other.last_synced is None


@pytest.mark.django_db
def test_the_same_event_id_again_changes_nothing():
    metadata = _metadata()
    _replay(_catalog("First"), metadata)
    info = CourseCatalogInfo.objects.get()
    _replay(_catalog("Replayed with other data"), metadata)
    assert CourseCatalogInfo.objects.get().name == "First"
    assert CourseCatalogInfo.objects.get().updated_at == info.updated_at


@pytest.mark.django_db
def test_an_older_event_changes_nothing_a_newer_one_applies():
    now = datetime.datetime.now(datetime.UTC)
    _replay(_catalog("Newest"), _metadata(time=now))
    _replay(_catalog("Older"), _metadata(time=now - datetime.timedelta(minutes=5)))
    assert CourseCatalogInfo.objects.get().name == "Newest"
    _replay(_catalog("Newer still"), _metadata(time=now + datetime.timedelta(minutes=5)))
    assert CourseCatalogInfo.objects.get().name == "Newer still"


@pytest.mark.django_db
def test_three_deliveries_out_of_order_have_one_effect(learner):
    now = datetime.datetime.now(datetime.UTC)
    newest, older = _metadata(time=now), _metadata(time=now - datetime.timedelta(seconds=30))
    for catalog, metadata in [(_catalog("B"), newest), (_catalog("A"), older), (_catalog("B"), newest)]:
        _replay(catalog, metadata)
    info = CourseCatalogInfo.objects.get()
    assert (info.name, info.event_id) == ("B", newest.id)


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 300])
def test_queries_per_event_do_not_depend_on_rows(make_user, django_assert_num_queries, rows):
    users = [make_user(f"user{i}") for i in range(rows)]
    api.bulk_set_archive_state(users[0], [KEY], True)
    CourseArchiveStatus.objects.bulk_create(
        [CourseArchiveStatus(user=user, course_id=KEY) for user in users[1:]], batch_size=500
    )
    # The test's transaction turns the receiver's into SAVEPOINT/RELEASE (BEGIN/COMMIT in production).
    # The course's first event: SAVEPOINT, conditional UPDATE (no row), SELECT, INSERT, UPDATE statuses, RELEASE.
    with django_assert_num_queries(6):
        COURSE_CATALOG_INFO_CHANGED.send_event(catalog_info=_catalog())
    # Every later event: SAVEPOINT, conditional UPDATE, UPDATE statuses, RELEASE.
    with django_assert_num_queries(4):
        COURSE_CATALOG_INFO_CHANGED.send_event(catalog_info=_catalog("Renamed"))
    assert CourseArchiveStatus.objects.filter(course_id=KEY, last_synced__isnull=True).count() == 0


@pytest.mark.django_db
def test_api_shows_catalog_facts_read_only(learner_client, learner, django_assert_num_queries):
    for index in range(5):
        course = f"course-v1:edX+Cat{index}+2026"
        api.archive(learner, course)
        COURSE_CATALOG_INFO_CHANGED.send_event(
            catalog_info=_catalog(f"Course {index}", key=CourseKey.from_string(course))
        )
    api.archive(learner, "course-v1:edX+NoEvent+2026")
    # user; the page with its catalog facts (joined) and its count (COUNT(*) OVER ())
    with django_assert_num_queries(2):
        results = learner_client.get(f"{API}?page_size=100").json()["results"]
    by_course = {r["course_id"]: r["catalog"] for r in results}
    assert by_course["course-v1:edX+NoEvent+2026"] is None
    assert by_course["course-v1:edX+Cat3+2026"]["name"] == "Course 3"
    assert by_course["course-v1:edX+Cat3+2026"]["pacing"] == "self"
    row = next(r for r in results if r["course_id"] == "course-v1:edX+Cat3+2026")
    changed = learner_client.patch(f"{API}{row['id']}/", {"catalog": {"name": "Hacked"}}, format="json")
    assert changed.status_code == 200 and changed.json()["catalog"]["name"] == "Course 3"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "catalog_info, metadata",
    [
        (None, "metadata"),
        ("not catalog data", "metadata"),
        ("catalog", None),
        ("catalog", "no-time"),
    ],
)
def test_malformed_payloads_are_logged_not_applied(caplog, catalog_info, metadata):
    catalog_info = _catalog() if catalog_info == "catalog" else catalog_info
    if metadata == "metadata":
        metadata = _metadata()
    elif metadata == "no-time":
        metadata = type("M", (), {"id": uuid.uuid4(), "time": None})()
    with caplog.at_level(logging.ERROR, logger="course_archive"):
        assert api.apply_catalog_event(catalog_info, metadata) is False
    assert not CourseCatalogInfo.objects.exists()
    assert "malformed" in caplog.text


@pytest.mark.django_db
def test_receiver_never_raises_into_the_sender(monkeypatch, caplog):
    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(api, "apply_catalog_event", explode)
    # DEBUG makes openedx-events use send(), which would let an exception through.
    with override_settings(DEBUG=True), caplog.at_level(logging.ERROR):
        COURSE_CATALOG_INFO_CHANGED.send_event(catalog_info=_catalog())
    assert "failed to apply" in caplog.text


class _FlakyDatabase:
    """Makes the first ``failures`` attempts to apply an event fail like a lost database connection."""

    def __init__(self, monkeypatch, failures, after_writing=False):
        self.calls = 0
        real = api._apply_catalog_facts

        def flaky(*args, **kwargs):
            self.calls += 1
            if self.calls > failures:
                return real(*args, **kwargs)
            if after_writing:  # fail at the end of the transaction: its writes must be undone
                real(*args, **kwargs)
            raise OperationalError("(2006, 'Server has gone away')")

        monkeypatch.setattr(api, "_apply_catalog_facts", flaky)
        monkeypatch.setattr(api, "CATALOG_RETRY_DELAYS", (0.01, 0.01, 0.01))


@pytest.mark.django_db(transaction=True)
def test_transient_database_errors_are_retried_until_applied(monkeypatch, caplog):
    flaky = _FlakyDatabase(monkeypatch, failures=2)
    with caplog.at_level(logging.WARNING, logger="course_archive"):
        COURSE_CATALOG_INFO_CHANGED.send_event(catalog_info=_catalog())
    assert flaky.calls == 3
    assert CourseCatalogInfo.objects.get().name == "Demo course"
    assert caplog.text.count("retrying") == 2


@pytest.mark.django_db(transaction=True)
def test_an_event_that_keeps_failing_is_logged_with_its_id_and_course(monkeypatch, caplog, learner):
    row = api.archive(learner, KEY)
    flaky = _FlakyDatabase(monkeypatch, failures=99, after_writing=True)
    metadata = _metadata()
    with caplog.at_level(logging.ERROR, logger="course_archive"):
        _replay(_catalog(), metadata)
    assert flaky.calls == 4
    (record,) = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert str(metadata.id) in record.getMessage() and COURSE in record.getMessage()
    assert not CourseCatalogInfo.objects.exists()
    row.refresh_from_db()
    assert row.last_synced is None
