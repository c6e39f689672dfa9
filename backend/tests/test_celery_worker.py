"""
COURSE_CATALOG_INFO_CHANGED through a real Celery worker on the Redis broker, into MariaDB.

This process plays the CMS: its receiver only queues the task. A ``celery worker`` subprocess (the demo
host's app, as the LMS's) applies it. Run by ``make test-celery`` (Redis at 127.0.0.1:6379, MariaDB at
127.0.0.1:3306), which names a broker database and a queue of its own.
"""

import datetime
import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection, transaction
from django.test import override_settings
from opaque_keys.edx.keys import CourseKey
from openedx_events.content_authoring.data import CourseCatalogData, CourseScheduleData
from openedx_events.content_authoring.signals import COURSE_CATALOG_INFO_CHANGED

from course_archive import api, tasks
from course_archive.models import CourseCatalogInfo

BROKER_URL = os.environ.get("COURSE_ARCHIVE_CELERY_BROKER_URL")
QUEUE = os.environ.get("COURSE_ARCHIVE_CELERY_QUEUE", f"course-archive-test-{os.getpid()}")

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not BROKER_URL or settings.CELERY_TASK_ALWAYS_EAGER or connection.vendor != "mysql",
        reason="needs COURSE_ARCHIVE_CELERY_BROKER_URL, Redis and MariaDB (make test-celery)",
    ),
]

BACKEND = Path(__file__).resolve().parents[1]
KEY = CourseKey.from_string("course-v1:edX+Worker101+2026")
START = datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC)


def _catalog(name):
    return CourseCatalogData(course_key=KEY, name=name, schedule_data=CourseScheduleData(start=START, pacing="self"))


def _wait_for(condition, timeout=60, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


class Worker:
    """A ``celery worker`` subprocess consuming the test's queue, on the test database."""

    def __init__(self, log_path):
        self.log_path = log_path
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "demo_host.settings.test",
            "COURSE_ARCHIVE_TEST_DB_NAME": connection.settings_dict["NAME"],
            # A row locked by this process makes the worker's UPDATE fail after a second (error 1205).
            "COURSE_ARCHIVE_TEST_LOCK_WAIT_SECONDS": "1",
            "PYTHONUNBUFFERED": "1",
        }
        command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "demo_host.celery:APP",
            "worker",
            "-Q",
            QUEUE,
            "-n",
            f"{QUEUE}@%h",
            "--pool",
            "solo",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel",
            "INFO",
        ]
        self.log = open(log_path, "w")  # noqa: SIM115 - closed by stop()
        self.process = subprocess.Popen(command, cwd=BACKEND, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        _wait_for(lambda: " ready." in self.output() or self.process.poll() is not None, what="the worker")
        assert self.process.poll() is None, self.output()

    def output(self):
        return Path(self.log_path).read_text()

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()
        return self.output()


@pytest.fixture
def broker():
    client = redis.Redis.from_url(BROKER_URL)
    client.delete(QUEUE)
    yield client
    client.delete(QUEUE)
    client.close()


@pytest.fixture
def worker(broker, tmp_path):
    running = Worker(tmp_path / "worker.log")
    yield running
    print(running.stop())


@pytest.fixture(autouse=True)
def _route_to_the_test_queue():
    with override_settings(COURSE_ARCHIVE_CATALOG_TASK_QUEUE=QUEUE):
        yield


def _info():
    return CourseCatalogInfo.objects.filter(course_id=KEY).first()


def test_an_event_is_applied_once_by_the_worker_and_a_replay_applies_nothing(worker, broker, learner, caplog):
    api.archive(learner, KEY)
    metadata = COURSE_CATALOG_INFO_CHANGED.generate_signal_metadata()
    with caplog.at_level(logging.INFO, logger="course_archive"):
        COURSE_CATALOG_INFO_CHANGED.send_event_with_custom_metadata(metadata, catalog_info=_catalog("Worker course"))
    # The sender queued it and applied nothing itself.
    assert "applied" not in caplog.text
    _wait_for(lambda: _info() is not None, what="the catalog row")
    info = _info()
    assert (info.name, info.event_id) == ("Worker course", metadata.id) and info.last_synced is not None
    _wait_for(lambda: worker.output().count("succeeded in") == 1, what="the task to succeed")

    COURSE_CATALOG_INFO_CHANGED.send_event_with_custom_metadata(metadata, catalog_info=_catalog("A replay"))
    _wait_for(lambda: "already applied" in worker.output(), what="the replay to be received")
    _wait_for(lambda: worker.output().count("succeeded in") == 2, what="the replay's task to finish")
    again = _info()
    assert (again.name, again.updated_at, again.last_synced) == ("Worker course", info.updated_at, info.last_synced)
    # The task reports whether it changed something: once True (applied), once False (the replay).
    output = worker.output()
    assert (output.count("succeeded in"), output.count("s: True"), output.count("s: False")) == (2, 1, 1), output
    assert broker.llen(QUEUE) == 0


def test_a_database_failure_is_retried_by_celery_then_applied(worker):
    COURSE_CATALOG_INFO_CHANGED.send_event(catalog_info=_catalog("Before the lock"))
    _wait_for(lambda: _info() is not None, what="the first event")

    locked, release = threading.Event(), threading.Event()

    def hold_the_row():
        try:
            with transaction.atomic():
                CourseCatalogInfo.objects.select_for_update().get(course_id=KEY)
                locked.set()
                release.wait(60)
        finally:
            connection.close()

    holder = threading.Thread(target=hold_the_row)
    holder.start()
    try:
        assert locked.wait(10)
        COURSE_CATALOG_INFO_CHANGED.send_event(catalog_info=_catalog("After the lock"))
        # The worker's UPDATE waits for the row, fails with MariaDB's lock wait timeout, and Celery retries.
        _wait_for(lambda: "Retry in" in worker.output(), what="Celery to retry the task")
    finally:
        release.set()
        holder.join(10)
    _wait_for(lambda: _info().name == "After the lock", what="the retried task to apply the event")
    output = worker.output()
    assert "Lock wait timeout" in output and "OperationalError" in output
    assert "dropped" not in output


def test_with_the_broker_down_the_receiver_applies_the_event_itself_without_waiting(learner, caplog):
    api.archive(learner, KEY)
    app = tasks.apply_catalog_event.app
    broker_url = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens there
    app._pool = None  # noqa: SLF001 - Celery has no public way to drop its pools for a new broker URL
    app.amqp._producer_pool = None  # noqa: SLF001 - as above
    try:
        with caplog.at_level(logging.INFO, logger="course_archive"):
            started = time.monotonic()
            COURSE_CATALOG_INFO_CHANGED.send_event(catalog_info=_catalog("Broker down"))
            elapsed = time.monotonic() - started
    finally:
        app.conf.broker_url = broker_url
        app._pool = None  # noqa: SLF001 - as above
        app.amqp._producer_pool = None  # noqa: SLF001 - as above
    assert _info().name == "Broker down"
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "did not take" in warnings[0] and "Connection refused" in warnings[0], warnings
    assert "applied COURSE_CATALOG_INFO_CHANGED event" in caplog.text
    # One connection attempt, no retry loop in the sender.
    assert elapsed < 2, elapsed
