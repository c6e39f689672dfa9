"""
The shared cache (Redis, as Tutor runs the LMS's) killed mid-traffic and restarted: the API keeps serving
(the throttle fails open, or refuses with a 503 JSON where the operator chose so), health reports the
cache, each worker logs the outage once, and counting resumes when Redis is back, with no restart.
"""

import concurrent.futures
import json
import threading
import time

import pytest

from tests.conftest import API, COURSE
from tests.faults.conftest import HEALTH, call

pytestmark = pytest.mark.faults

RATE = 20


class Traffic:
    """A learner's requests, two at a time, until stopped: each one's status and whether its body is JSON."""

    def __init__(self, host, token):
        self.host, self.token, self.results, self.stopped = host, token, [], threading.Event()

    def one(self, index):
        path = f"{API}by-course/{COURSE}/" if index % 2 else API
        method, body = ("PUT", {"is_archived": index % 4 == 1}) if index % 2 else ("GET", None)
        status, headers, content = call(self.host.base, method, path, self.token, body)
        try:
            json.loads(content)
            is_json = headers.get("Content-Type", "").startswith("application/json")
        except ValueError:
            is_json = False
        return status, is_json, headers.get("Retry-After")

    def run(self):
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            index = 0
            while not self.stopped.is_set():
                self.results.extend(pool.map(self.one, range(index, index + 2)))
                index += 2


def _during(host, token, action, seconds=1.5):
    """The responses to a learner's traffic while ``action()`` runs and ``seconds`` after."""
    traffic = Traffic(host, token)
    thread = threading.Thread(target=traffic.run)
    thread.start()
    try:
        time.sleep(0.3)
        action()
        time.sleep(seconds)
    finally:
        traffic.stopped.set()
        thread.join(60)
    return traffic.results


def _health(host, token):
    status, _headers, content = call(host.base, "GET", HEALTH, token)
    return status, json.loads(content)


def _log_lines(host, text):
    return [line for line in host.errors.read_text().splitlines() if text in line]


def test_redis_killed_mid_traffic_the_api_serves_uncounted_then_counts_again(private_redis, serve):
    host = serve(COURSE_ARCHIVE_REDIS_CACHE_URL=private_redis.url, COURSE_ARCHIVE_API_RATE_LIMIT=f"{RATE}/minute")
    learner, staff = host.token(2001, "outage-learner"), host.token(2002, "outage-staff", staff=True)
    assert _health(host, staff) == (
        200,
        {"status": "ok", "checks": {"cache": "ok", "database": "ok", "migrations": "ok"}},
    )

    # Redis dies under traffic: nothing fails, the throttle no longer counts (more than RATE pass).
    during = _during(host, learner, private_redis.kill)
    assert {status for status, _, _ in during} <= {200, 201, 429}, during
    assert all(is_json for _, is_json, _ in during)
    served_while_down = [status for status, _, _ in during if status < 300]
    burst = [call(host.base, "GET", API, learner)[0] for _ in range(RATE + 5)]
    assert burst == [200] * (RATE + 5)
    # Staff lists keep their counts (made without the cache), filtered or not.
    for query in ("", "?is_archived=true", f"?course_id={COURSE}"):
        status, _headers, content = call(host.base, "GET", API + query, staff)
        assert status == 200 and json.loads(content)["count"] >= 0

    # Health names the cache; anyone else only learns that something is wrong.
    status, body = _health(host, staff)
    assert status == 503 and body["checks"]["cache"] == "the shared cache cannot be reached"
    assert body["checks"]["database"] == "ok"
    assert _health(host, None) == (503, {"status": "error"})

    # Each worker logged the outage once, not once per request.
    lines = _log_lines(host, "the API serves requests without counting them")
    assert 1 <= len(lines) <= 2, lines
    assert len(served_while_down) + len(burst) > len(lines) * 10

    # Redis is back (empty): with no restart of the workers, health is ok and the throttle counts again.
    private_redis.start()
    assert _health(host, staff)[0] == 200
    again = [call(host.base, "GET", API, learner) for _ in range(RATE + 3)]
    assert [status for status, _, _ in again] == [200] * RATE + [429] * 3
    assert int(again[-1][1]["Retry-After"]) > 0


def test_an_operator_who_prefers_it_gets_503_json_with_retry_after(private_redis, serve):
    host = serve(
        COURSE_ARCHIVE_REDIS_CACHE_URL=private_redis.url,
        COURSE_ARCHIVE_API_RATE_LIMIT=f"{RATE}/minute",
        COURSE_ARCHIVE_API_THROTTLE_WHEN_CACHE_FAILS="refuse",
    )
    learner = host.token(2003, "outage-refused")
    assert call(host.base, "GET", API, learner)[0] == 200
    private_redis.kill()
    refused = [call(host.base, "GET", API, learner) for _ in range(5)]
    for status, headers, content in refused:
        assert status == 503
        assert headers["Content-Type"].startswith("application/json")
        assert int(headers["Retry-After"]) > 0
        assert json.loads(content)["detail"]
    private_redis.start()
    assert call(host.base, "GET", API, learner)[0] == 200


def _rss_kb(pid):
    for line in open(f"/proc/{pid}/status").read().splitlines():  # noqa: SIM115 - a tiny /proc file
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


@pytest.mark.parametrize("charset", ["bz2", "zlib"])
def test_a_compressed_body_in_a_codec_charset_costs_the_worker_nothing(private_redis, serve, charset):
    """The decompression bomb of the hardening issue, against a real worker: a 415 and no memory spent."""
    import bz2
    import zlib

    host = serve(COURSE_ARCHIVE_REDIS_CACHE_URL=private_redis.url)
    learner = host.token(2004, "bomber")
    bomb = {"bz2": bz2.compress, "zlib": zlib.compress}[charset](b" " * 400_000_000)
    assert len(bomb) < 400_000
    for _ in range(6):  # both workers warm, with what a refused charset needs loaded
        call(host.base, "GET", API, learner)
        call(host.base, "POST", f"{API}bulk/", learner, b"{}", content_type=f"application/json; charset={charset}")
    master = host.process.pid
    workers = [int(pid) for pid in open(f"/proc/{master}/task/{master}/children").read().split()]  # noqa: SIM115
    assert len(workers) == 2
    before = {pid: _rss_kb(pid) for pid in workers}
    for _ in range(4):
        status, headers, content = call(
            host.base, "POST", f"{API}bulk/", learner, bomb, content_type=f"application/json; charset={charset}"
        )
        assert status == 415 and charset in json.loads(content)["detail"]
    grown = {pid: _rss_kb(pid) - kb for pid, kb in before.items()}
    assert max(grown.values()) < 20_000, grown  # KB: no worker decompressed anything
