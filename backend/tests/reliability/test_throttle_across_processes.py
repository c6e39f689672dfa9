"""
The API's throttle holds across processes: two gunicorn workers of the demo host share a Redis cache,
and the 61st request of a minute is refused whichever worker serves it.

Needs the Redis server at 127.0.0.1:6379 (skipped when it is down). Runs once, in the SQLite suite: it
serves its own SQLite file, whatever database the rest of the suite uses.
"""

import concurrent.futures
import json
import os
import socket
import subprocess
import sys
import time
import types
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from jwt.api_jwk import PyJWK

from tests.conftest import API, make_jwt, redis_or_skip

BACKEND = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/1"
RATE = 60
DEADLINE = 50  # seconds: everything happens inside one throttle window


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url, token):
    request = urllib.request.Request(url, headers={"Authorization": f"JWT {token}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def served_host(tmp_path):
    """Two gunicorn workers of the demo host on 127.0.0.1, on a migrated SQLite file and a fresh key prefix."""
    if os.environ.get("COURSE_ARCHIVE_TEST_DB", "sqlite") != "sqlite":
        pytest.skip("runs once, in the SQLite suite (it serves a SQLite file of its own)")
    redis_client = redis_or_skip(REDIS_URL)
    prefix = f"course-archive-test-{uuid.uuid4().hex}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "demo_host.settings.redis_cache",
        "DEMO_HOST_STATE_DIR": str(tmp_path),
        "COURSE_ARCHIVE_REDIS_CACHE_URL": REDIS_URL,
        "COURSE_ARCHIVE_CACHE_KEY_PREFIX": prefix,
        "PYTHONPATH": str(BACKEND),
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=BACKEND, env=env, check=True, timeout=120
    )
    port = _free_port()
    access_log = tmp_path / "access.log"
    bin_dir = Path(sys.executable).parent
    server = subprocess.Popen(
        [
            str(bin_dir / "gunicorn"),
            "demo_host.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--timeout",
            "30",
            "--graceful-timeout",
            "5",
            "--access-logfile",
            str(access_log),
            # The pid of the worker that served each request, and its status.
            "--access-logformat",
            "%(p)s %(s)s %(U)s",
        ],
        cwd=BACKEND,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(tmp_path / "gunicorn.err", "wb"),  # noqa: SIM115 - closed with the process
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/course-archive/api/v1/ready/", timeout=5)
            except urllib.error.HTTPError:
                break  # a JSON 404: a worker answers
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError((tmp_path / "gunicorn.err").read_text()) from None
                time.sleep(0.2)
        key = PyJWK.from_json((tmp_path / "jwk.json").read_text()).key
        yield types.SimpleNamespace(base=base, key=key, access_log=access_log, redis=redis_client, prefix=prefix)
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=5)
        for name in redis_client.scan_iter(match=f"*{prefix}*", count=1000):
            redis_client.delete(name)


def _served_by(access_log, path, at_least=0):
    """
    (worker pid, status) of each request to ``path``, in the order the workers logged them. A worker logs
    a request just after answering it: wait (briefly) for ``at_least`` lines.
    """
    deadline = time.monotonic() + 5
    while True:
        lines = [line.split() for line in access_log.read_text().splitlines()]
        served = [(pid, int(status)) for pid, status, url in lines if url == path]
        if len(served) >= at_least or time.monotonic() > deadline:
            return served
        time.sleep(0.05)


def test_request_61_is_refused_whichever_worker_serves_it(served_host):
    learner = types.SimpleNamespace(id=1001, username="throttled", email="throttled@example.com", is_staff=False)
    token = make_jwt(learner, key=served_host.key, algorithm=settings.JWT_AUTH["JWT_SIGNING_ALGORITHM"])
    url = served_host.base + API
    started = time.monotonic()

    # 60 requests, 4 at a time, so that both workers serve some of them.
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        first = list(pool.map(lambda _: _get(url, token)[0], range(RATE)))
    assert first == [200] * RATE, (first, _served_by(served_host.access_log, API, RATE))

    # Every later request of the minute is refused, by whichever worker takes it: keep asking (in pairs,
    # so both workers are busy) until each worker has refused at least one.
    refused = []
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        while len(refused) < 100:
            refused += list(pool.map(lambda _: _get(url, token), range(2)))
            log = _served_by(served_host.access_log, API, RATE + len(refused))
            if len({pid for pid, status in log[RATE:] if status == 429}) == 2:
                break
    assert time.monotonic() - started < DEADLINE
    log = _served_by(served_host.access_log, API, RATE + len(refused))
    assert [status for status, _, _ in refused] == [429] * len(refused), log
    assert all(int(headers["Retry-After"]) > 0 for _, headers, _ in refused)
    assert all(json.loads(body)["detail"] for _, _, body in refused)

    assert len(log) == RATE + len(refused), log
    workers_that_accepted = {pid for pid, status in log if status == 200}
    workers_that_refused = {pid for pid, status in log if status == 429}
    assert len(workers_that_accepted) == 2, log
    assert workers_that_refused == workers_that_accepted, log
    # The count lives in Redis under this run's prefix, not in either worker's memory.
    assert any(served_host.redis.scan_iter(match=f"*{served_host.prefix}*throttle*"))
