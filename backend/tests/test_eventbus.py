"""
COURSE_CATALOG_INFO_CHANGED over the real Redis event bus (edx-event-bus-redis), into MariaDB.

This process plays the CMS and sends the event; a ``consume_events`` subprocess plays the LMS consumer.
Run by ``make test-eventbus`` (Redis at 127.0.0.1:6379, MariaDB at 127.0.0.1:3306).
"""

import datetime
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection
from opaque_keys.edx.keys import CourseKey
from openedx_events.content_authoring.data import CourseCatalogData, CourseScheduleData
from openedx_events.content_authoring.signals import COURSE_CATALOG_INFO_CHANGED

from course_archive import api
from course_archive.models import CourseArchiveStatus, CourseCatalogInfo
from course_archive.signals import handlers

pytestmark = [
    pytest.mark.eventbus,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not getattr(settings, "EVENT_BUS_TOPIC_PREFIX", None) or connection.vendor == "sqlite",
        reason="needs COURSE_ARCHIVE_EVENT_BUS_PREFIX and a database server (make test-eventbus)",
    ),
]

BACKEND = Path(__file__).resolve().parents[1]
TOPIC = "course-catalog-info-changed"
KEY = CourseKey.from_string("course-v1:edX+Bus101+2026")
DISPATCH_UID = "course_archive.signals.handlers.course_catalog_info_changed"


@pytest.fixture
def stream():
    client = redis.Redis.from_url(settings.EVENT_BUS_REDIS_CONNECTION_URL)
    name = f"{settings.EVENT_BUS_TOPIC_PREFIX}-{TOPIC}"
    client.delete(name)
    yield client, name
    client.delete(name)
    client.close()


def _start_consumer(name, log_path, extra=None):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "demo_host.settings.test",
        "COURSE_ARCHIVE_TEST_DB_NAME": connection.settings_dict["NAME"],
        "PYTHONUNBUFFERED": "1",
    }
    command = [
        sys.executable,
        "manage.py",
        "consume_events",
        "-t",
        TOPIC,
        "-g",
        "course_archive",
        "--extra",
        json.dumps({"consumer_name": name, **(extra or {})}),
    ]
    log = open(log_path, "w")  # noqa: SIM115 - closed by _stop
    process = subprocess.Popen(command, cwd=BACKEND, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
    process.log = log
    return process


def _stop(process):
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    process.log.close()
    return Path(process.log.name).read_text()


def _wait_for(condition, timeout=30, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def _group_done(client, stream_name):
    """The consumer group has read up to the newest message and acknowledged everything."""
    groups = client.xinfo_groups(stream_name)
    newest = client.xinfo_stream(stream_name)["last-generated-id"]
    return any(
        g["name"] == b"course_archive" and g["last-delivered-id"] == newest and g["pending"] == 0 for g in groups
    )


def _send_as_cms():
    """Send the event as the CMS does, without this process's own receiver (it plays a CMS without the plugin)."""
    COURSE_CATALOG_INFO_CHANGED.disconnect(dispatch_uid=DISPATCH_UID)
    try:
        start = datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC)
        COURSE_CATALOG_INFO_CHANGED.send_event(
            catalog_info=CourseCatalogData(
                course_key=KEY, name="Bus course", schedule_data=CourseScheduleData(start=start, pacing="instructor")
            )
        )
    finally:
        COURSE_CATALOG_INFO_CHANGED.connect(handlers.course_catalog_info_changed, dispatch_uid=DISPATCH_UID)


def test_event_crosses_the_bus_once_and_a_replay_applies_nothing(stream, make_user, tmp_path):
    client, stream_name = stream
    rows = [api.archive(make_user(f"bus{i}"), KEY) for i in range(3)]

    consumer = _start_consumer("course_archive.test.1", tmp_path / "consumer1.log")
    try:
        # The consumer creates the group from "$": wait until it is listening before sending.
        _wait_for(lambda: client.exists(stream_name) and client.xinfo_groups(stream_name), what="the consumer group")
        _send_as_cms()
        assert client.xlen(stream_name) == 1
        _wait_for(lambda: CourseCatalogInfo.objects.filter(course_id=KEY).exists(), what="the catalog row")
        _wait_for(lambda: _group_done(client, stream_name), what="the message to be acknowledged")
    finally:
        output = _stop(consumer)

    info = CourseCatalogInfo.objects.get(course_id=KEY)
    assert (info.name, info.pacing) == ("Bus course", "instructor"), output
    assert info.last_synced is not None
    # Each status shows the course's last_synced, kept once on its catalog row.
    synced = {row.pk: row.last_synced for row in CourseArchiveStatus.objects.filter(pk__in=[r.pk for r in rows])}
    assert set(synced.values()) == {info.last_synced}
    # The consumer did not produce the event back onto the bus.
    assert client.xlen(stream_name) == 1

    assert "applied COURSE_CATALOG_INFO_CHANGED event" in output

    replay_log = tmp_path / "consumer2.log"
    replay = _start_consumer("course_archive.test.2", replay_log, {"last_read_msg_id": "0"})
    try:
        _wait_for(lambda: "already applied" in replay_log.read_text(), what="the replayed message to be received")
    finally:
        _stop(replay)
    again = CourseCatalogInfo.objects.get(course_id=KEY)
    assert (again.updated_at, again.last_synced) == (info.updated_at, info.last_synced)
    assert {row.pk: row.last_synced for row in CourseArchiveStatus.objects.filter(pk__in=synced)} == synced
    assert client.xlen(stream_name) == 1


def test_redis_down_while_sending_still_applies_locally_and_logs(stream, learner, caplog):
    from django.test import override_settings
    from openedx_events.event_bus import get_producer

    row = api.archive(learner, KEY)
    get_producer.cache_clear()
    try:
        with override_settings(EVENT_BUS_REDIS_CONNECTION_URL="redis://127.0.0.1:1/"), caplog.at_level("ERROR"):
            COURSE_CATALOG_INFO_CHANGED.send_event(
                catalog_info=CourseCatalogData(
                    course_key=KEY,
                    name="Sent while Redis is down",
                    schedule_data=CourseScheduleData(
                        start=datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC), pacing="self"
                    ),
                )
            )
    finally:
        get_producer.cache_clear()
    assert CourseCatalogInfo.objects.get(course_id=KEY).name == "Sent while Redis is down"
    row.refresh_from_db()
    assert row.last_synced is not None
    errors = [record.getMessage() for record in caplog.records if record.levelname == "ERROR"]
    assert any("course-catalog-info-changed" in message or "redis" in message.lower() for message in errors), errors
