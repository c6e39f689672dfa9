"""
The benchmark: seed, serve with gunicorn, load with wrk, count SQL, time the filter step and the event.

Speed is printed, never asserted; the deterministic costs (SQL per request and per event) are pinned by
``tests/test_bench_queries.py`` and the API's tests. Run from ``backend/``: ``python -m bench [--db ...]``.
"""

import argparse
import datetime
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
import urllib.error
import urllib.request
from pathlib import Path

from bench import instructions

BACKEND_DIR = Path(__file__).resolve().parents[1]
REPO_DIR = BACKEND_DIR.parent
RESULTS_DIR = REPO_DIR / "bench-results"
STATE_DIR = RESULTS_DIR / "state"
LEARNER_IDS = (1, 3, 4, 5)  # the heavy learner and three others: one a connection for writes
CONNECTIONS = 4


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--db", choices=("mysql", "postgres", "sqlite"), default="mysql")
    parser.add_argument("--db-name", default="course_archive_bench", help="database of the benchmark's own")
    parser.add_argument(
        "--cache",
        choices=("auto", "redis", "locmem"),
        default="auto",
        help="Django cache holding the throttle counters (auto: Redis when it answers)",
    )
    parser.add_argument("--users", type=int, default=50_000)
    parser.add_argument("--courses", type=int, default=2_000)
    parser.add_argument("--statuses", type=int, default=200_000)
    parser.add_argument("--heavy-rows", type=int, default=300)
    parser.add_argument("--heavy-archived", type=int, default=120)
    parser.add_argument("--course-rows", type=int, default=50_000)
    parser.add_argument("--duration", type=float, default=15, help="seconds of load per scenario")
    parser.add_argument("--warmup", type=float, default=2, help="seconds of warm-up load per scenario")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=CONNECTIONS, help="wrk connections (one thread each)")
    parser.add_argument("--only", nargs="*", help="scenario keys to run (the ceiling always runs)")
    parser.add_argument("--reseed", action="store_true", help="seed again even when the sizes match")
    parser.add_argument("--no-load", action="store_true", help="skip the HTTP load (SQL counts and micro only)")
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="also count instructions per request under valgrind's callgrind (steady whatever the load)",
    )
    parser.add_argument("--instruction-requests", type=int, default=20, help="requests per scenario under callgrind")
    args = parser.parse_args(argv)
    if args.users < 6 or args.courses < 2 or args.heavy_rows > args.courses or args.heavy_archived > args.heavy_rows:
        parser.error("need at least 6 users and 2 courses, heavy-rows <= courses, heavy-archived <= heavy-rows")
    return args


def port_open(port):
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ensure_wrk():
    wrk = shutil.which("wrk")
    if wrk:
        return wrk
    print("wrk is missing: installing Debian's wrk...", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, env=env, stdout=subprocess.DEVNULL)
    return shutil.which("wrk") or sys.exit("could not install wrk")


def configure_environment(args):
    cache = args.cache
    if cache == "auto":
        cache = "redis" if port_open(6379) else "locmem"
    STATE_DIR.mkdir(parents=True, exist_ok=True)
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "demo_host.settings.bench",
            "DEMO_HOST_STATE_DIR": str(STATE_DIR),
            "COURSE_ARCHIVE_BENCH_DB": args.db,
            "COURSE_ARCHIVE_BENCH_DB_NAME": args.db_name,
            "COURSE_ARCHIVE_BENCH_CACHE": cache,
        }
    )
    return cache


# --- the database --------------------------------------------------------------------------------


def recreate_database(args):
    """Drop and create the benchmark's database (never any other)."""
    from django.conf import settings
    from django.db import connection

    connection.close()
    db = settings.DATABASES["default"]
    if args.db == "mysql":
        import MySQLdb

        server = MySQLdb.connect(host=db["HOST"], port=int(db["PORT"]), user=db["USER"], password=db["PASSWORD"])
        cursor = server.cursor()
        cursor.execute(f"DROP DATABASE IF EXISTS `{args.db_name}`")
        cursor.execute(f"CREATE DATABASE `{args.db_name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
        server.close()
    elif args.db == "postgres":
        import psycopg

        with psycopg.connect(
            host=db["HOST"], port=db["PORT"], user=db["USER"], dbname="postgres", autocommit=True
        ) as pg:
            pg.execute(f'DROP DATABASE IF EXISTS "{args.db_name}" WITH (FORCE)')
            pg.execute(f'CREATE DATABASE "{args.db_name}"')
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(db["NAME"] + suffix).unlink(missing_ok=True)


def database_exists(args):
    from django.conf import settings

    db = settings.DATABASES["default"]
    if args.db == "mysql":
        import MySQLdb

        server = MySQLdb.connect(host=db["HOST"], port=int(db["PORT"]), user=db["USER"], password=db["PASSWORD"])
        cursor = server.cursor()
        cursor.execute("SELECT 1 FROM information_schema.schemata WHERE schema_name = %s", [args.db_name])
        found = cursor.fetchone() is not None
        server.close()
        return found
    if args.db == "postgres":
        import psycopg

        with psycopg.connect(host=db["HOST"], port=db["PORT"], user=db["USER"], dbname="postgres") as pg:
            return pg.execute("SELECT 1 FROM pg_database WHERE datname = %s", [args.db_name]).fetchone() is not None
    return Path(db["NAME"]).exists()


def prepare_database(args, sizes):
    from django.core.management import call_command

    from bench import seed

    wanted = seed.signature(sizes)
    if not args.reseed and database_exists(args) and seed.seeded_signature() == wanted:
        call_command("migrate", verbosity=0, interactive=False)
        print(f"Reusing the seeded database {args.db_name} ({args.db}).", flush=True)
        return False
    print(f"Seeding {args.db_name} ({args.db}): {sizes}", flush=True)
    recreate_database(args)
    call_command("migrate", verbosity=0, interactive=False)
    seed.seed(sizes, log=lambda line: print(line, flush=True))
    return True


# --- tokens and requests -------------------------------------------------------------------------


def tokens():
    from django.contrib.auth import get_user_model

    from bench import seed
    from demo_host.views import issue_jwt

    users = get_user_model().objects.in_bulk([seed.HEAVY_USER_ID, seed.STAFF_USER_ID, *LEARNER_IDS])
    lifetime = 6 * 3600
    return {
        "heavy": [issue_jwt(users[seed.HEAVY_USER_ID], lifetime)],
        "learners": [issue_jwt(users[pk], lifetime) for pk in LEARNER_IDS],
        "staff": [issue_jwt(users[seed.STAFF_USER_ID], lifetime)],
    }


def patch_ids(big_course):
    """The big course's status id of each of LEARNER_IDS (the "learners" role), in order."""
    from opaque_keys.edx.keys import CourseKey

    from course_archive.models import CourseArchiveStatus

    ids = dict(
        CourseArchiveStatus.objects.filter(
            user_id__in=LEARNER_IDS, course_id=CourseKey.from_string(big_course)
        ).values_list("user_id", "id")
    )
    return tuple(ids[user_id] for user_id in LEARNER_IDS) if len(ids) == len(LEARNER_IDS) else ()


def _lua_string(value):
    return f"[==[{value}]==]"


def lua_script(scenario, role_tokens, out_path):
    """A wrk script: one token a thread (one connection a thread), bodies sent in turn, a JSON summary."""
    token_list = ", ".join(_lua_string(token) for token in role_tokens)
    bodies = ", ".join(_lua_string(body) for body in scenario.encoded_bodies)
    paths = ", ".join(_lua_string(path) for path in scenario.paths or (scenario.path,))
    return f"""
local tokens = {{{token_list}}}
local bodies = {{{bodies}}}
local method = "{scenario.method}"
local paths = {{{paths}}}
local out = {_lua_string(out_path)}
local threads = 0
local reqs = {{}}
local counter = 0

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

function init(args)
  local token = tokens[((tid or 1) - 1) % #tokens + 1]
  local path = paths[((tid or 1) - 1) % #paths + 1]
  local headers = {{["Authorization"] = "JWT " .. token, ["Accept"] = "application/json"}}
  if #bodies == 0 then
    reqs[1] = wrk.format(method, path, headers, nil)
  else
    headers["Content-Type"] = "application/json"
    for i, body in ipairs(bodies) do reqs[i] = wrk.format(method, path, headers, body) end
  end
end

function request()
  counter = counter + 1
  return reqs[(counter - 1) % #reqs + 1]
end

function done(summary, latency, requests)
  local e = summary.errors
  local f = io.open(out, "w")
  f:write(string.format(
    '{{"requests": %d, "duration_us": %d, "connect": %d, "read": %d, "write": %d, "status": %d, ' ..
    '"timeout": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, "mean_us": %.1f}}',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
  f:close()
end
"""


def run_wrk(wrk, url, scenario, role_tokens, seconds, workdir, connections=CONNECTIONS):
    out = Path(workdir) / f"{scenario.key}.json"
    out.unlink(missing_ok=True)
    script = Path(workdir) / f"{scenario.key}.lua"
    script.write_text(lua_script(scenario, role_tokens, out))
    command = [
        wrk, f"-t{connections}", f"-c{connections}", f"-d{max(seconds, 1):.0f}s", "--timeout", "10s",
        "-s", str(script), url,
    ]  # fmt: skip
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, timeout=seconds + 60)
    result = json.loads(out.read_text())
    seconds_run = result["duration_us"] / 1e6
    errors = sum(result[kind] for kind in ("connect", "read", "write", "status", "timeout"))
    return {
        "requests": result["requests"],
        "rps": result["requests"] / seconds_run if seconds_run else 0.0,
        "p50_ms": result["p50_us"] / 1000,
        "p90_ms": result["p90_us"] / 1000,
        "p99_ms": result["p99_us"] / 1000,
        "max_ms": result["max_us"] / 1000,
        "errors": errors,
        "errors_by_kind": {kind: result[kind] for kind in ("connect", "read", "write", "status", "timeout")},
    }


class Server:
    """The demo host under gunicorn: sync workers, as edx deployments run the LMS."""

    def __init__(self, workers):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.log = open(STATE_DIR / "gunicorn.log", "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [
                str(gunicorn), "demo_host.wsgi:application", "--workers", str(workers), "--worker-class", "sync",
                "--bind", f"127.0.0.1:{self.port}", "--chdir", str(BACKEND_DIR), "--log-level", "warning",
                "--timeout", "60",
            ],
            env=os.environ.copy(),
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip

    def wait_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"gunicorn exited with {self.process.returncode}; see {self.log.name}")
            try:
                urllib.request.urlopen(f"{self.url}/api/ping/", timeout=2)
            except urllib.error.HTTPError as error:
                if error.code == 401:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        sys.exit("gunicorn did not answer in time")

    def cpu_seconds(self):
        """CPU time (user + system) the gunicorn workers have used so far."""
        children = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True).stdout
        total = 0.0
        for pid in children.split():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except FileNotFoundError:
                continue
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        return total

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


# --- SQL per request ---------------------------------------------------------------------------


def sql_per_request(scenario_list, role_tokens):
    """Queries each scenario's request makes, through Django's test client against the same database."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from rest_framework.test import APIClient

    counts, statuses = {}, {}
    for scenario in scenario_list:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"JWT {role_tokens[scenario.role][0]}")
        path = (scenario.paths or (scenario.path,))[0]
        bodies = scenario.encoded_bodies or (None,)
        seen = []
        for body in (*bodies, *bodies):  # each body twice: created and updated alike
            kwargs = {"data": body, "content_type": "application/json"} if body is not None else {}
            with CaptureQueriesContext(connection) as queries:
                response = getattr(client, scenario.method.lower())(path, **kwargs)
            seen.append(len(queries))
            statuses.setdefault(scenario.key, set()).add(response.status_code)
        counts[scenario.key] = max(seen[len(bodies) :])  # steady state: after the first round
    return counts, {key: sorted(value) for key, value in statuses.items()}


# --- micro-benchmarks ----------------------------------------------------------------------------

ABOUT_FILTER = "org.openedx.learning.course_about.page.url.requested.v1"
ABOUT_URL = "https://lms.example.com/courses/course-v1:BenchX+C00042+2026/about"


def _best_us(call, number, repeat=7, timer=time.perf_counter):
    return min(timeit.repeat(call, number=number, repeat=repeat, timer=timer)) / number * 1e6


def micro_filter():
    from django.test import override_settings
    from openedx_filters.learning.filters import CourseAboutPageURLRequested

    from course_archive.pipeline import ChangeCourseAboutPageUrl

    def config(step):
        return {ABOUT_FILTER: {"pipeline": [step], "fail_silently": True}}

    real, passthrough = "course_archive.pipeline.ChangeCourseAboutPageUrl", "bench.steps.PassThroughAboutPageUrl"

    def through(step):
        with override_settings(OPEN_EDX_FILTERS_CONFIG=config(step)):
            url, _org = CourseAboutPageURLRequested.run_filter(url=ABOUT_URL, org="BenchX")
            return url, _best_us(lambda: CourseAboutPageURLRequested.run_filter(url=ABOUT_URL, org="BenchX"), 5000)

    # Interleaved, best of several rounds: the pipeline's own cost is the same for both steps.
    rounds = [(through(real)[1], through(passthrough)[1]) for _ in range(5)]
    rewritten, _ = through(real)
    real_us = min(r for r, _ in rounds)
    pass_us = min(p for _, p in rounds)
    step = ChangeCourseAboutPageUrl(ABOUT_FILTER, [])
    own_us = _best_us(lambda: step.run_filter(ABOUT_URL, "BenchX"), 200_000)
    return {
        "rewritten_url": rewritten,
        "run_filter_real_step_us": real_us,
        "run_filter_pass_through_us": pass_us,
        "run_filter_overhead_us": real_us - pass_us,
        "step_own_us": own_us,
    }


def micro_serialize(rows=100):
    """
    Serializing one page of the heavy learner's statuses with their catalog facts, as a list answer does
    (a new serializer for the page, the rows already read by ``api.status_rows``): µs per row, best of 40
    rounds of CPU time (the least disturbed by other work on the machine).
    """
    from django.contrib.auth import get_user_model

    from bench import seed
    from course_archive import api
    from course_archive.rest_api.v1.serializers import CourseArchiveStatusSerializer

    user = get_user_model().objects.get(pk=seed.HEAVY_USER_ID)
    page = list(api.status_rows(api.statuses_visible_to(user)).order_by("-updated_at", "-id")[:rows])
    serialize = lambda: CourseArchiveStatusSerializer(page, many=True).data  # noqa: E731
    deadline = time.monotonic() + 2  # warm-up: the first second or so of such work runs slower here
    while time.monotonic() < deadline:
        serialize()
    per_page_us = _best_us(serialize, 10, repeat=40, timer=time.process_time)
    return {"rows": len(page), "us_per_row": per_page_us / max(len(page), 1)}


def micro_event(big_course, events=41):
    """
    COURSE_CATALOG_INFO_CHANGED for the big course, three ways (medians): ``send_event`` with the task run
    in this process (an eager task, as a host without a worker runs it), with its SQL; the task's own work
    (``api.apply_catalog_payload``, what a worker spends on it); and, when Redis answers, what the sender
    pays to queue it on a Redis broker (a queue of the benchmark's own that no worker reads, emptied after).
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from opaque_keys.edx.keys import CourseKey
    from openedx_events.content_authoring.data import CourseCatalogData, CourseScheduleData
    from openedx_events.content_authoring.signals import COURSE_CATALOG_INFO_CHANGED

    from course_archive import api
    from course_archive.models import CourseArchiveStatus

    key = CourseKey.from_string(big_course)
    rows = CourseArchiveStatus.objects.filter(course_id=key).count()

    def catalog(index):
        return CourseCatalogData(
            course_key=key,
            name=f"Bench course 0, edition {index}",
            schedule_data=CourseScheduleData(start=datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC), pacing="self"),
            hidden=False,
            invitation_only=False,
        )

    times, queries = [], []
    for index in range(events):
        connection.ensure_connection()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            COURSE_CATALOG_INFO_CHANGED.send_event(catalog_info=catalog(index))
            times.append((time.perf_counter() - started) * 1000)
        queries.append([query["sql"] for query in captured.captured_queries])
    task_times = []
    for index in range(events):
        payload = api.catalog_event_payload(
            catalog(1000 + index), COURSE_CATALOG_INFO_CHANGED.generate_signal_metadata()
        )
        started = time.perf_counter()
        api.apply_catalog_payload(payload)
        task_times.append((time.perf_counter() - started) * 1000)
    control = {"BEGIN", "COMMIT", "ROLLBACK"}
    statements = max(len([sql for sql in event if sql.split()[0].upper() not in control]) for event in queries)
    result = {
        "rows": rows,
        "ms_per_event": statistics.median(times),
        "task_work_ms_per_event": statistics.median(task_times),
        "queries_per_event": max(len(event) for event in queries),
        "statements_per_event": statements,
        "queries": [sql[:60] for sql in queries[-1]],
        "queue_ms_per_event": None,
    }
    if port_open(6379):
        result["queue_ms_per_event"] = _queue_cost(catalog, events)
    return result


def _queue_cost(catalog, events):
    """The sender's median ms per event with the task queued on Redis instead of run in the process."""
    import redis
    from django.test import override_settings
    from openedx_events.content_authoring.signals import COURSE_CATALOG_INFO_CHANGED

    from course_archive import tasks

    app = tasks.apply_catalog_event.app
    url, queue = "redis://127.0.0.1:6379/7", f"course-archive-bench-{os.getpid()}"
    saved = (app.conf.broker_url, app.conf.task_always_eager)
    app.conf.broker_url, app.conf.task_always_eager = url, False
    # Celery keeps its producer pool per broker: forget it so that the new broker URL is used.
    app._pool = app.amqp._producer_pool = None  # noqa: SLF001 - Celery has no public way to drop them
    times = []
    try:
        with override_settings(COURSE_ARCHIVE_CATALOG_TASK_QUEUE=queue):
            for index in range(events + 1):  # the first one connects
                started = time.perf_counter()
                COURSE_CATALOG_INFO_CHANGED.send_event(catalog_info=catalog(100 + index))
                times.append((time.perf_counter() - started) * 1000)
    finally:
        app.conf.broker_url, app.conf.task_always_eager = saved
        app._pool = app.amqp._producer_pool = None  # noqa: SLF001 - as above
        client = redis.Redis.from_url(url)
        client.delete(queue)
        client.close()
    return statistics.median(times[1:])


def admin_pages(big_course, rounds=21):
    """
    The Django admin's status list as staff open it, in this process through Django's test client: ms per
    page (median and slowest of ``rounds``, or of those run in 20 s, the table's count forgotten before
    each, so every request pays it) and SQL per page, for the first page, a deep page, a filter and a search.
    """
    from django.contrib import admin
    from django.contrib.auth import get_user_model
    from django.db import DatabaseError, connection
    from django.test import Client, RequestFactory
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from bench import seed
    from course_archive import api
    from course_archive.models import CourseArchiveStatus

    client = Client()
    staff = get_user_model().objects.get(pk=seed.STAFF_USER_ID)
    client.force_login(staff)
    changelist = reverse("admin:course_archive_coursearchivestatus_changelist")
    pages = {
        "every status, page 1": {},
        "every status, page 100": {"p": "100"},
        "filter: active, page 50": {"is_archived__exact": "0", "p": "50"},
        "filter: active": {"is_archived__exact": "0"},
        "search: the big course": {"q": big_course},
    }
    results = {}
    for name, query in pages.items():
        times = []
        for _ in range(rounds + 2):  # the first two warm up
            api.forget_table_count(CourseArchiveStatus)
            connection.ensure_connection()
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                try:
                    response = client.get(changelist, query)
                except DatabaseError as error:  # reported, not fatal: the rest of the run is kept
                    results[name] = {"error": str(error)}
                    break
                times.append((time.perf_counter() - started) * 1000)
            if len(times) >= 5 and sum(times[2:]) > 20_000:
                break  # a slow page: fewer rounds, the run stays in minutes
            if response.status_code != 200:
                results[name] = {"error": f"HTTP {response.status_code}"}
                break
        if name in results:
            continue
        times = sorted(times[2:])
        request = RequestFactory().get(changelist, query)
        request.user = staff
        shown = admin.site.get_model_admin(CourseArchiveStatus).get_changelist_instance(request)
        results[name] = {
            "p50_ms": statistics.median(times),
            "max_ms": times[-1],
            "sql_per_page": len(queries),
            "count": shown.result_count,
            "count_is_estimated": bool(getattr(shown.paginator, "count_is_estimated", False)),
        }
    return results


def server_version():
    from django.db import connection

    connection.ensure_connection()
    if connection.vendor == "mysql":
        return connection.mysql_server_info
    if connection.vendor == "postgresql":
        return f"PostgreSQL {connection.pg_version // 10000}.{connection.pg_version % 10000}"
    return f"SQLite {connection.Database.sqlite_version}"


# --- report --------------------------------------------------------------------------------------


def print_table(results, sql):
    header = (
        f"{'scenario':32} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'p99/p50':>7} {'errors':>6} {'SQL/req':>7} "
        f"{'CPU ms/req':>10} {'ceiling req/s':>13} {'% ceiling':>9}"
    )
    print(header)
    print("-" * len(header))
    for key, row in results.items():
        cpu = row.get("worker_cpu_ms_per_request")
        print(
            f"{row['title']:32} {row['rps']:7.1f} {row['p50_ms']:7.2f} {row['p99_ms']:7.2f} "
            f"{row['p99_ms'] / row['p50_ms'] if row['p50_ms'] else 0:7.1f} {row['errors']:6d} "
            f"{sql.get(key, '-'):>7} {f'{cpu:.1f}' if cpu else '-':>10} {row['adjacent_ceiling_rps']:13.1f} "
            f"{row['percent_of_ceiling']:8.0f}%"
        )


def main(argv=None):
    args = parse_args(argv)
    started = time.monotonic()
    load_before = os.getloadavg()[0]
    cache = configure_environment(args)
    sys.path.insert(0, str(BACKEND_DIR))
    import django

    django.setup()
    from bench import seed
    from bench.scenarios import scenarios

    sizes = {
        "users": args.users,
        "courses": args.courses,
        "statuses": args.statuses,
        "heavy_rows": args.heavy_rows,
        "heavy_archived": args.heavy_archived,
        "course_rows": args.course_rows,
    }
    prepare_database(args, sizes)
    big_course = seed.course_key(0)
    bulk_courses = [seed.course_key(index) for index in range(100, 200)] if args.courses >= 200 else [
        seed.course_key(index) for index in range(1, min(args.courses, 101))
    ]  # fmt: skip
    scenario_list = scenarios(big_course, bulk_courses, patch_ids(big_course))
    if args.only:
        scenario_list = [s for s in scenario_list if s.key == "ceiling" or s.key in args.only]
    role_tokens = tokens()

    results = {}
    if not args.no_load:
        wrk = ensure_wrk()
        server = Server(args.workers)
        try:
            server.wait_ready()
            with tempfile.TemporaryDirectory(prefix="course-archive-bench-") as workdir:
                ceiling = scenario_list[0]

                def load(scenario, seconds):
                    return run_wrk(
                        wrk, server.url, scenario, role_tokens[scenario.role], seconds, workdir, args.connections
                    )

                load(ceiling, max(args.warmup, 3))
                # A shorter ceiling run before each scenario and after the last: each scenario is compared
                # with the ceiling measured next to it, so a machine whose load drifts (other work on the
                # same cores) skews the percentages less.
                bracket = max(3.0, args.duration / 3)
                brackets = []
                for scenario in scenario_list:
                    print(f"  {scenario.title}...", flush=True)
                    if scenario.key != "ceiling":
                        brackets.append(load(ceiling, bracket)["rps"])
                    if args.warmup > 0:
                        load(scenario, args.warmup)
                    cpu_before = server.cpu_seconds()
                    row = load(scenario, args.duration)
                    cpu = server.cpu_seconds() - cpu_before
                    row["worker_cpu_ms_per_request"] = 1000 * cpu / row["requests"] if row["requests"] else None
                    results[scenario.key] = {"title": scenario.title, "path": scenario.path, **row}
                brackets.append(load(ceiling, bracket)["rps"])
                adjacent = [(before + after) / 2 for before, after in zip(brackets, brackets[1:], strict=False)]
                for scenario, local in zip([s for s in scenario_list if s.key != "ceiling"], adjacent, strict=True):
                    results[scenario.key]["adjacent_ceiling_rps"] = local
                results["ceiling"]["rps_at_end"] = brackets[-1]
                results["ceiling"]["adjacent_ceiling_rps"] = results["ceiling"]["rps"]
        finally:
            server.stop()

    sql, response_statuses = sql_per_request(scenario_list, role_tokens)
    micro = {"filter": micro_filter(), "serialize": micro_serialize(), "event": micro_event(big_course)}
    admin = admin_pages(big_course)
    counted = {}
    if args.instructions:
        print("  instructions per request, under callgrind...", flush=True)
        counted = instructions.measure([s.key for s in scenario_list], args.instruction_requests, BACKEND_DIR)

    ceiling_rps = 0.0
    if results:
        ceiling_rps = (results["ceiling"]["rps"] + results["ceiling"]["rps_at_end"]) / 2
        for key, row in results.items():
            row["sql_per_request"] = sql.get(key)
            local = row["adjacent_ceiling_rps"]
            row["percent_of_ceiling"] = 100 * row["rps"] / local if local else 0.0
    print()
    print(
        f"course-archive bench: {args.db} {server_version()}, cache {cache}, {args.workers} gunicorn sync workers, "
        f"wrk {args.connections} connections, {args.duration:.0f} s a scenario after {args.warmup:.0f} s warm-up; "
        f"{os.cpu_count()} cores, load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after"
    )
    print(f"data: {sizes}")
    if results:
        print(
            f"ceiling: {results['ceiling']['rps']:.1f} req/s in its own {args.duration:.0f} s run; "
            f"{results['ceiling']['rps_at_end']:.1f} in the last bracketing run"
        )
        print(
            "% ceiling: the scenario's req/s over the mean of the ceiling runs just before and just after it; "
            "CPU ms/req: gunicorn workers' CPU time per request"
        )
        print_table(results, sql)
    else:
        for key, count in sql.items():
            print(f"{key:20} SQL/req {count}")
    print("responses seen by the SQL pass:", response_statuses)
    print()
    print(
        f"serializing a page of {micro['serialize']['rows']} statuses with their catalog facts: "
        f"{micro['serialize']['us_per_row']:.2f} µs/row"
    )
    f = micro["filter"]
    e = micro["event"]
    print()
    print(
        f"about-page step through CourseAboutPageURLRequested.run_filter: {f['run_filter_real_step_us']:.2f} µs/call; "
        f"pass-through step: {f['run_filter_pass_through_us']:.2f} µs/call; difference "
        f"{f['run_filter_overhead_us']:+.2f} µs"
    )
    print(f"about-page step's own run_filter, repeated URL: {f['step_own_us']:.3f} µs/call -> {f['rewritten_url']}")
    print(
        f"COURSE_CATALOG_INFO_CHANGED, course with {e['rows']:,} statuses: {e['queries_per_event']} queries/event "
        f"({e['statements_per_event']} statements and BEGIN/COMMIT: "
        f"{', '.join(q.split(' ', 1)[0] for q in e['queries'])})"
    )
    if e["queue_ms_per_event"] is not None:
        print(f"  in the sender, the task queued on Redis: {e['queue_ms_per_event']:.2f} ms/event")
    print(
        f"  the task's work (api.apply_catalog_payload, as a worker runs it): {e['task_work_ms_per_event']:.2f} "
        "ms/event"
    )
    print(f"  send_event with the task run in this process (eager, no worker): {e['ms_per_event']:.2f} ms/event")
    print()
    print("Django admin, status list (in process, the table's count not cached; ms per page, median / slowest):")
    for name, row in admin.items():
        if "error" in row:
            print(f"  {name:32} failed: {row['error']}")
            continue
        estimated = " (estimated)" if row["count_is_estimated"] else ""
        print(
            f"  {name:32} {row['p50_ms']:8.1f} {row['max_ms']:8.1f}   SQL/page {row['sql_per_page']:2d}   "
            f"count {row['count']:,}{estimated}"
        )
    if counted:
        print()
        print(
            f"instructions per request (callgrind, {args.instruction_requests} requests each through Django's test "
            "client, the worker's side only):"
        )
        for key, count in counted.items():
            print(f"  {key:18} {count / 1e6:8.2f} M   ceiling / this: {counted['ceiling'] / count:6.1%}")
    elapsed = time.monotonic() - started
    print(f"run took {elapsed:.0f} s")

    RESULTS_DIR.mkdir(exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    out = RESULTS_DIR / f"bench-{args.db}-{stamp}.json"
    out.write_text(
        json.dumps(
            {
                "db": args.db,
                "cache": cache,
                "workers": args.workers,
                "connections": args.connections,
                "duration_s": args.duration,
                "warmup_s": args.warmup,
                "cores": os.cpu_count(),
                "load_average_before": load_before,
                "load_average_after": os.getloadavg()[0],
                "db_server": server_version(),
                "sizes": sizes,
                "ceiling_rps": ceiling_rps,
                "scenarios": results,
                "sql_per_request": sql,
                "response_statuses": response_statuses,
                "micro": micro,
                "admin": admin,
                "instructions_per_request": counted,
                "elapsed_s": elapsed,
            },
            indent=2,
            default=str,
        )
    )
    print(f"results: {out.relative_to(REPO_DIR)}")
