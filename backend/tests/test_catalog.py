"""
COURSE_CATALOG_INFO_CHANGED through openedx-events' real send_event: handed to a Celery task on commit (run
eagerly here, by a real worker in ``test_celery_worker.py``), stored once, in order, at a constant cost,
never raising into the sender.
"""

import datetime
import logging
import uuid

import pytest
from celery.exceptions import OperationalError as BrokerOperationalError
from django.contrib.auth import get_user_model
from django.db import OperationalError, connection, transaction
from django.test import override_settings
from opaque_keys.edx.keys import CourseKey
from openedx_events.content_authoring.data import CourseCatalogData, CourseScheduleData
from openedx_events.content_authoring.signals import COURSE_CATALOG_INFO_CHANGED
from openedx_events.data import EventsMetadata

from course_archive import api, tasks
from course_archive import catalog as catalog_module
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


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """
    Send the event as the CMS does (``send_event``) or as the event bus consumer does (chosen metadata),
    and let the test's transaction "commit" so the receiver's on_commit hands it to the (eager) task.
    """

    def deliver(catalog=None, metadata=None):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            if metadata is None:
                COURSE_CATALOG_INFO_CHANGED.send_event(catalog_info=catalog or _catalog())
            else:
                COURSE_CATALOG_INFO_CHANGED.send_event_with_custom_metadata(metadata, catalog_info=catalog)
        return callbacks

    return deliver


def _statuses_snapshot(course_key=KEY):
    return list(CourseArchiveStatus.objects.filter(course_id=course_key).order_by("pk").values())


@pytest.mark.django_db
def test_send_event_stores_catalog_facts_once_for_the_course(make_user, send):
    for index in range(3):
        api.archive(make_user(f"u{index}"), KEY)
    statuses = _statuses_snapshot()
    end = START + datetime.timedelta(days=60)
    before = datetime.datetime.now(datetime.UTC)
    send(_catalog(end=end, enrollment_end=end))

    info = CourseCatalogInfo.objects.get(course_id=KEY)
    assert (info.name, info.hidden, info.invitation_only, info.pacing) == ("Demo course", True, False, "self")
    assert (info.start, info.end, info.enrollment_end, info.enrollment_start) == (START, end, end, None)
    assert info.event_id is not None and info.last_synced >= before
    # The statuses are not written: their last_synced is the course's.
    assert _statuses_snapshot() == statuses
    assert {row.last_synced for row in api.statuses_visible_to(make_user("staff", is_staff=True))} == {info.last_synced}


@pytest.mark.django_db
def test_nothing_is_applied_before_the_senders_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        COURSE_CATALOG_INFO_CHANGED.send_event(catalog_info=_catalog())
    # Queued on commit, not applied inside the sender's transaction (the CMS's publish).
    assert len(callbacks) == 1 and not CourseCatalogInfo.objects.exists()
    callbacks[0]()
    assert CourseCatalogInfo.objects.get().name == "Demo course"


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_sender_queues_nothing():
    with pytest.raises(RuntimeError), transaction.atomic():
        COURSE_CATALOG_INFO_CHANGED.send_event(catalog_info=_catalog())
        raise RuntimeError("the publish failed")
    assert not CourseCatalogInfo.objects.exists()
    # Outside a transaction (the CMS sends it from the publish's on_commit) it is handed over at once.
    COURSE_CATALOG_INFO_CHANGED.send_event(catalog_info=_catalog())
    assert CourseCatalogInfo.objects.get().name == "Demo course"


@pytest.mark.django_db
def test_the_same_event_id_again_changes_nothing(send):
    metadata = _metadata()
    send(_catalog("First"), metadata)
    info = CourseCatalogInfo.objects.get()
    send(_catalog("Replayed with other data"), metadata)
    again = CourseCatalogInfo.objects.get()
    assert (again.name, again.updated_at, again.last_synced) == ("First", info.updated_at, info.last_synced)


@pytest.mark.django_db
def test_an_older_event_changes_nothing_a_newer_one_applies(send):
    now = datetime.datetime.now(datetime.UTC)
    send(_catalog("Newest"), _metadata(time=now))
    send(_catalog("Older"), _metadata(time=now - datetime.timedelta(minutes=5)))
    assert CourseCatalogInfo.objects.get().name == "Newest"
    send(_catalog("Newer still"), _metadata(time=now + datetime.timedelta(minutes=5)))
    assert CourseCatalogInfo.objects.get().name == "Newer still"


@pytest.mark.django_db
def test_three_deliveries_out_of_order_have_one_effect(send):
    now = datetime.datetime.now(datetime.UTC)
    newest, older = _metadata(time=now), _metadata(time=now - datetime.timedelta(seconds=30))
    for catalog, metadata in [(_catalog("B"), newest), (_catalog("A"), older), (_catalog("B"), newest)]:
        send(catalog, metadata)
    info = CourseCatalogInfo.objects.get()
    assert (info.name, info.event_id) == ("B", newest.id)


class _Writes:
    """Every statement the connection runs, as (SQL with placeholders, rows it affected)."""

    def __init__(self):
        self.statements = []

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        verb = sql.split()[0].upper()
        if verb in ("SAVEPOINT", "RELEASE", "ROLLBACK"):
            sql = verb  # savepoint names differ from one call to the next
        if verb == "INSERT":  # one row a statement (create()); rowcount is not set before RETURNING is read
            rows = len(params) if many else 1
        else:
            rows = context["cursor"].rowcount if verb in ("UPDATE", "DELETE") else None
        self.statements.append((sql, rows))
        return result

    def tables_written(self):
        written = set()
        for sql, _ in self.statements:
            verb = sql.split()[0].upper()
            if verb in ("INSERT", "UPDATE", "DELETE"):
                written |= {t for t in connection.introspection.table_names() if t in sql}
        return written


def _events_cost(send, course_key):
    """The statements of a course's first event and of a later one, with the rows each wrote."""
    costs = []
    for name in ("First", "Renamed"):
        writes = _Writes()
        with connection.execute_wrapper(writes):
            send(_catalog(name, key=course_key))
        costs.append(writes)
    return costs


@pytest.mark.django_db
def test_an_event_costs_the_same_for_a_course_with_1_and_50000_statuses(make_user, send):
    small, big = CourseKey.from_string("course-v1:edX+Small+2026"), CourseKey.from_string("course-v1:edX+Big+2026")
    learner = make_user("the-one")
    api.archive(learner, small)
    User = get_user_model()
    User.objects.bulk_create([User(username=f"learner{i}", password="!") for i in range(50_000)], batch_size=5000)
    CourseArchiveStatus.objects.bulk_create(
        [CourseArchiveStatus(user_id=pk, course_id=big) for pk in User.objects.values_list("pk", flat=True)],
        batch_size=5000,
    )
    assert CourseArchiveStatus.objects.filter(course_id=big).count() == 50_001

    small_cost, big_cost = _events_cost(send, small), _events_cost(send, big)
    assert [w.statements for w in small_cost] == [w.statements for w in big_cost]
    first, later = big_cost
    catalog_table = CourseCatalogInfo._meta.db_table
    # The course's first event: conditional UPDATE (no row), SELECT, INSERT in a savepoint; one row written.
    assert [sql.split()[0] for sql, _ in first.statements] == ["UPDATE", "SELECT", "SAVEPOINT", "INSERT", "RELEASE"]
    assert [rows for sql, rows in first.statements if sql.startswith(("UPDATE", "INSERT"))] == [0, 1]
    # Every later event: one conditional UPDATE of one row, whatever the number of learners.
    assert [(sql.split()[0], rows) for sql, rows in later.statements] == [("UPDATE", 1)]
    assert first.tables_written() == later.tables_written() == {catalog_table}
    assert CourseCatalogInfo.objects.get(course_id=big).name == "Renamed"


@pytest.mark.django_db
def test_api_shows_catalog_facts_and_last_synced_read_only(learner_client, learner, django_assert_num_queries, send):
    for index in range(5):
        course = f"course-v1:edX+Cat{index}+2026"
        api.archive(learner, course)
        send(_catalog(f"Course {index}", key=CourseKey.from_string(course)))
    api.archive(learner, "course-v1:edX+NoEvent+2026")
    # user; the page with its catalog facts and last_synced (joined) and its count (a scalar subquery)
    with django_assert_num_queries(2):
        results = learner_client.get(f"{API}?page_size=100").json()["results"]
    by_course = {r["course_id"]: r for r in results}
    assert by_course["course-v1:edX+NoEvent+2026"]["catalog"] is None
    assert by_course["course-v1:edX+NoEvent+2026"]["last_synced"] is None
    row = by_course["course-v1:edX+Cat3+2026"]
    assert (row["catalog"]["name"], row["catalog"]["pacing"]) == ("Course 3", "self")
    synced = CourseCatalogInfo.objects.get(course_id=CourseKey.from_string("course-v1:edX+Cat3+2026")).last_synced
    assert row["last_synced"] == synced.isoformat().replace("+00:00", "Z")
    changed = learner_client.patch(
        f"{API}{row['id']}/", {"catalog": {"name": "Hacked"}, "last_synced": None}, format="json"
    )
    assert changed.status_code == 200
    assert (changed.json()["catalog"]["name"], changed.json()["last_synced"]) == ("Course 3", row["last_synced"])


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
def test_malformed_events_are_logged_not_applied(caplog, catalog_info, metadata):
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
@pytest.mark.parametrize(
    "change",
    [
        lambda p: p.pop("event_id"),
        lambda p: p.update(course_key="not a key"),
        lambda p: p.update(event_time="yesterday"),
        lambda p: p["facts"].update(start="soon"),
        lambda p: p["facts"].update(unknown=1),
    ],
)
def test_a_malformed_task_payload_is_logged_not_applied_nor_retried(caplog, change):
    payload = api.catalog_event_payload(_catalog(), _metadata())
    change(payload)
    with caplog.at_level(logging.ERROR, logger="course_archive"):
        assert tasks.apply_catalog_event.apply(args=(payload,)).get() is False
    assert not CourseCatalogInfo.objects.exists()
    assert "malformed" in caplog.text


@pytest.mark.django_db
def test_receiver_never_raises_into_the_sender(monkeypatch, caplog):
    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(api, "catalog_event_payload", explode)
    # DEBUG makes openedx-events use send(), which would let an exception through.
    with override_settings(DEBUG=True), caplog.at_level(logging.ERROR):
        COURSE_CATALOG_INFO_CHANGED.send_event(catalog_info=_catalog())
    assert "failed to queue" in caplog.text


class _FlakyDatabase:
    """Makes the first ``failures`` attempts to apply an event fail like a lost database connection."""

    def __init__(self, monkeypatch, failures):
        self.calls = 0
        real = catalog_module._apply_catalog_facts  # noqa: SLF001 - the step whose failure is simulated

        def flaky(*args, **kwargs):
            self.calls += 1
            if self.calls > failures:
                return real(*args, **kwargs)
            raise OperationalError("(2006, 'Server has gone away')")

        monkeypatch.setattr(catalog_module, "_apply_catalog_facts", flaky)


@pytest.mark.django_db
def test_transient_database_errors_are_retried_by_celery_until_applied(monkeypatch, send, caplog):
    flaky = _FlakyDatabase(monkeypatch, failures=2)
    with caplog.at_level(logging.INFO):
        send()
    assert flaky.calls == 3
    assert CourseCatalogInfo.objects.get().name == "Demo course"
    assert caplog.text.count("Retry in") == 2


@pytest.mark.django_db
def test_an_event_that_keeps_failing_is_logged_with_its_id_and_course(monkeypatch, caplog, send):
    flaky = _FlakyDatabase(monkeypatch, failures=99)
    metadata = _metadata()
    with caplog.at_level(logging.ERROR, logger="course_archive"):
        send(_catalog(), metadata)
    assert flaky.calls == tasks.CATALOG_EVENT_MAX_RETRIES + 1
    (record,) = [r for r in caplog.records if r.levelno == logging.ERROR and r.name.startswith("course_archive")]
    assert "dropped" in record.getMessage()
    assert str(metadata.id) in record.getMessage() and COURSE in record.getMessage()
    assert not CourseCatalogInfo.objects.exists()


def test_the_task_retries_transient_errors_with_celerys_backoff():
    task = tasks.apply_catalog_event
    assert set(task.autoretry_for) == {OperationalError, *api.TRANSIENT_DATABASE_ERRORS}
    assert (task.retry_backoff, task.retry_jitter, task.max_retries) == (True, True, tasks.CATALOG_EVENT_MAX_RETRIES)
    assert task.name == "course_archive.tasks.apply_catalog_event" and task.acks_late


@pytest.mark.django_db
def test_the_task_goes_to_the_configured_queue(monkeypatch, send):
    sent = []
    real = tasks.apply_catalog_event.apply_async

    def spy(*args, **kwargs):
        sent.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(tasks.apply_catalog_event, "apply_async", spy)
    send()
    with override_settings(COURSE_ARCHIVE_CATALOG_TASK_QUEUE="edx.cms.core.catalog"):
        send(_catalog("Renamed"))
    # Never retried in the sender: a broker that does not answer is not waited for.
    assert [(kwargs.get("queue"), kwargs["retry"]) for kwargs in sent] == [
        (None, False),
        ("edx.cms.core.catalog", False),
    ]
    assert CourseCatalogInfo.objects.get().name == "Renamed"


@pytest.mark.django_db
def test_a_broker_that_cannot_take_the_task_makes_the_receiver_apply_it_once(monkeypatch, send, caplog):
    def broker_down(*args, **kwargs):
        raise BrokerOperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.apply_catalog_event, "apply_async", broker_down)
    flaky = _FlakyDatabase(monkeypatch, failures=0)
    with caplog.at_level(logging.WARNING, logger="course_archive"):
        send()
    assert flaky.calls == 1
    assert CourseCatalogInfo.objects.get().name == "Demo course"
    assert "did not take" in caplog.text and "Connection refused" in caplog.text


@pytest.mark.django_db
def test_broker_down_and_database_failing_logs_the_dropped_event_without_raising(monkeypatch, send, caplog):
    def broker_down(*args, **kwargs):
        raise BrokerOperationalError("Connection refused.")

    monkeypatch.setattr(tasks.apply_catalog_event, "apply_async", broker_down)
    flaky = _FlakyDatabase(monkeypatch, failures=99)
    metadata = _metadata()
    with caplog.at_level(logging.WARNING, logger="course_archive"):
        send(_catalog(), metadata)
    # One attempt, no retry and no sleep in the sender.
    assert flaky.calls == 1
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1 and str(metadata.id) in errors[0] and "dropped" in errors[0]


def test_the_sender_never_runs_a_sleeping_retry_loop():
    assert not hasattr(api, "CATALOG_RETRY_DELAYS")


@pytest.mark.django_db
def test_a_later_event_is_one_statement(make_user, send, django_assert_num_queries):
    api.archive(make_user("someone"), KEY)
    send()
    # The task's only statement; no transaction, no status row touched.
    with django_assert_num_queries(1):
        send(_catalog("Renamed"))


@pytest.mark.django_db
def test_any_other_failure_to_queue_still_applies_the_event_in_the_sender(monkeypatch, send, caplog):
    def cannot_encode(*args, **kwargs):
        raise RuntimeError("not what the broker expected")

    monkeypatch.setattr(tasks.apply_catalog_event, "apply_async", cannot_encode)
    with caplog.at_level(logging.ERROR, logger="course_archive"):
        send()
    assert CourseCatalogInfo.objects.get().name == "Demo course"
    assert "could not queue" in caplog.text
