"""
The catalog task (tasks.py): a malformed payload is logged and not retried, transient database errors are
retried with Celery's backoff until applied, and it goes to the configured queue.
"""

import logging

import pytest
from django.db import OperationalError
from django.test import override_settings

from course_archive import api, tasks
from course_archive.models import CourseCatalogInfo
from tests.conftest import COURSE, FlakyDatabase, catalog_data, event_metadata


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
    payload = api.catalog_event_payload(catalog_data(), event_metadata())
    change(payload)
    with caplog.at_level(logging.ERROR, logger="course_archive"):
        assert tasks.apply_catalog_event.apply(args=(payload,)).get() is False
    assert not CourseCatalogInfo.objects.exists()
    assert "malformed" in caplog.text


@pytest.mark.django_db
def test_transient_database_errors_are_retried_by_celery_until_applied(monkeypatch, send, caplog):
    flaky = FlakyDatabase(monkeypatch, failures=2)
    with caplog.at_level(logging.INFO):
        send()
    assert flaky.calls == 3
    assert CourseCatalogInfo.objects.get().name == "Demo course"
    assert caplog.text.count("Retry in") == 2


@pytest.mark.django_db
def test_an_event_that_keeps_failing_is_logged_with_its_id_and_course(monkeypatch, caplog, send):
    flaky = FlakyDatabase(monkeypatch, failures=99)
    metadata = event_metadata()
    with caplog.at_level(logging.ERROR, logger="course_archive"):
        send(catalog_data(), metadata)
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
        send(catalog_data("Renamed"))
    # Never retried in the sender: a broker that does not answer is not waited for.
    assert [(kwargs.get("queue"), kwargs["retry"]) for kwargs in sent] == [
        (None, False),
        ("edx.cms.core.catalog", False),
    ]
    assert CourseCatalogInfo.objects.get().name == "Renamed"
