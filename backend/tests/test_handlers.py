"""
The signal receivers (signals/handlers.py): a catalog event goes to the task once the sender commits, never
raises into the sender, and is applied once in the sender when the broker cannot take it.
"""

import logging

import pytest
from celery.exceptions import OperationalError as BrokerOperationalError
from django.db import transaction
from django.test import override_settings
from openedx_events.content_authoring.signals import COURSE_CATALOG_INFO_CHANGED

from course_archive import api, tasks
from course_archive.models import CourseCatalogInfo
from tests.conftest import FlakyDatabase, catalog_data, event_metadata


@pytest.mark.django_db
def test_nothing_is_applied_before_the_senders_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        COURSE_CATALOG_INFO_CHANGED.send_event(catalog_info=catalog_data())
    # Queued on commit, not applied inside the sender's transaction (the CMS's publish).
    assert len(callbacks) == 1 and not CourseCatalogInfo.objects.exists()
    callbacks[0]()
    assert CourseCatalogInfo.objects.get().name == "Demo course"


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_sender_queues_nothing():
    with pytest.raises(RuntimeError), transaction.atomic():
        COURSE_CATALOG_INFO_CHANGED.send_event(catalog_info=catalog_data())
        raise RuntimeError("the publish failed")
    assert not CourseCatalogInfo.objects.exists()
    # Outside a transaction (the CMS sends it from the publish's on_commit) it is handed over at once.
    COURSE_CATALOG_INFO_CHANGED.send_event(catalog_info=catalog_data())
    assert CourseCatalogInfo.objects.get().name == "Demo course"


@pytest.mark.django_db
def test_receiver_never_raises_into_the_sender(monkeypatch, caplog):
    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(api, "catalog_event_payload", explode)
    # DEBUG makes openedx-events use send(), which would let an exception through.
    with override_settings(DEBUG=True), caplog.at_level(logging.ERROR):
        COURSE_CATALOG_INFO_CHANGED.send_event(catalog_info=catalog_data())
    assert "failed to queue" in caplog.text


@pytest.mark.django_db
def test_a_broker_that_cannot_take_the_task_makes_the_receiver_apply_it_once(monkeypatch, send, caplog):
    def broker_down(*args, **kwargs):
        raise BrokerOperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.apply_catalog_event, "apply_async", broker_down)
    flaky = FlakyDatabase(monkeypatch, failures=0)
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
    flaky = FlakyDatabase(monkeypatch, failures=99)
    metadata = event_metadata()
    with caplog.at_level(logging.WARNING, logger="course_archive"):
        send(catalog_data(), metadata)
    # One attempt, no retry and no sleep in the sender.
    assert flaky.calls == 1
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1 and str(metadata.id) in errors[0] and "dropped" in errors[0]


def test_the_sender_never_runs_a_sleeping_retry_loop():
    assert not hasattr(api, "CATALOG_RETRY_DELAYS")


@pytest.mark.django_db
def test_any_other_failure_to_queue_still_applies_the_event_in_the_sender(monkeypatch, send, caplog):
    def cannot_encode(*args, **kwargs):
        raise RuntimeError("not what the broker expected")

    monkeypatch.setattr(tasks.apply_catalog_event, "apply_async", cannot_encode)
    with caplog.at_level(logging.ERROR, logger="course_archive"):
        send()
    assert CourseCatalogInfo.objects.get().name == "Demo course"
    assert "could not queue" in caplog.text
