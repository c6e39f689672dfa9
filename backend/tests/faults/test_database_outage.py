"""
The database (MariaDB, as the LMS's) killed during writes and restarted: every write the API acknowledged is
there afterwards, health answers 503 JSON while it is down (under ``ATOMIC_REQUESTS``, as the LMS runs), and
the same workers serve again once it is back.
"""

import concurrent.futures
import json
import threading
import time

import pytest

from tests.conftest import API
from tests.faults.conftest import HEALTH, call

pytestmark = pytest.mark.faults

LEARNER_ID = 3001


def _course(index):
    return f"course-v1:Faults+C{index:05d}+2026"


def test_mariadb_killed_during_writes_loses_no_acknowledged_write(private_mariadb, serve):
    host = serve(
        COURSE_ARCHIVE_FAULTS_DB="mysql",
        COURSE_ARCHIVE_FAULTS_DB_NAME="faults",
        MYSQL_HOST="127.0.0.1",
        MYSQL_PORT=str(private_mariadb.port),
        COURSE_ARCHIVE_API_RATE_LIMIT="100000/minute",
    )
    learner = host.token(LEARNER_ID, "durable")
    staff = host.token(LEARNER_ID + 1, "durable-staff", staff=True)
    acknowledged, answers, stop = [], [], threading.Event()
    counter = iter(range(10**6))
    lock = threading.Lock()

    def writer():
        while not stop.is_set():
            with lock:
                index = next(counter)
            status, headers, content = call(
                host.base, "PUT", f"{API}by-course/{_course(index)}/", learner, {"is_archived": True}, timeout=30
            )
            answers.append((status, headers.get("Content-Type", "")))
            if status in (200, 201):
                assert json.loads(content)["is_archived"] is True
                acknowledged.append(_course(index))

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        futures = [pool.submit(writer) for _ in range(4)]
        deadline = time.monotonic() + 60
        while len(acknowledged) < 40 and time.monotonic() < deadline:
            time.sleep(0.05)
        private_mariadb.kill()  # mid-write: some requests are between their INSERT and their COMMIT
        time.sleep(1.0)
        stop.set()
        for future in futures:
            future.result()
    assert len(acknowledged) >= 40
    failed = [answer for answer in answers if answer[0] not in (200, 201)]
    assert failed, "the database died under traffic: some writes must have failed"
    assert all(status >= 500 for status, _ in failed), failed  # never a 4xx that would blame the client

    # While it is down, health is a 503 JSON, to anyone and to staff (who cannot be looked up meanwhile).
    for token in (None, staff):
        status, headers, content = call(host.base, "GET", HEALTH, token)
        assert status == 503 and headers["Content-Type"].startswith("application/json")
        assert json.loads(content)["status"] == "error"

    # Back, on the same data: every acknowledged write is there, and the same workers serve again.
    private_mariadb.start()
    connection = private_mariadb.connect()
    cursor = connection.cursor()
    # (JWT authentication makes the user from the token's username, with an id of the database's own.)
    cursor.execute(
        "SELECT s.course_id, s.is_archived FROM course_archive_coursearchivestatus s"
        " JOIN auth_user u ON u.id = s.user_id WHERE u.username = %s",
        ["durable"],
    )
    stored = dict(cursor.fetchall())
    connection.close()
    missing = [course for course in acknowledged if stored.get(course) != 1]
    assert missing == []
    status, headers, content = call(host.base, "GET", HEALTH, None)
    assert (status, json.loads(content)) == (200, {"status": "ok"})
    status, _, content = call(host.base, "PUT", f"{API}by-course/{_course(10**6)}/", learner, {"is_archived": True})
    assert status == 201
