"""
Instructions per request, counted by valgrind's callgrind: a figure that does not move with the other work
on the machine, where req/s and CPU ms do by ten points and more.

Each scenario's request is made ``--requests`` times through Django's test client in one Python process
under callgrind, against the benchmark's database, after a few requests of warm-up; the counters are zeroed
before and dumped after, so Django's start-up is not counted. What is counted is the worker's side only: the
database and Redis servers run in their own processes. ``make bench ARGS="--instructions"`` runs it after
the load; ``python -m bench.instructions`` is the process under callgrind.

The table's count is kept ``TABLE_COUNT_TTL`` (10) seconds: a worker serving more than a request in ten
seconds counts it once for all of them. Under callgrind a request is some fifty times slower, so the count
would expire within a scenario as often as the machine is busy (the unfiltered staff list measured 15.9 M
on a quiet machine, 18.4 M on a loaded one); here it is kept for the whole pass, as in that steady state.
"""

import glob
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WARMUP_REQUESTS = 4


def ensure_valgrind():
    if shutil.which("valgrind") and shutil.which("callgrind_control"):
        return
    print("valgrind is missing: installing Debian's valgrind...", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "valgrind"], check=True, env=env, stdout=subprocess.DEVNULL)


def measure(keys, requests, backend_dir):
    """``{scenario key: instructions per request}``, from one process under callgrind (settings from the env)."""
    ensure_valgrind()
    with tempfile.TemporaryDirectory(prefix="course-archive-callgrind-") as workdir:
        out = Path(workdir) / "callgrind.out"
        command = [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={out}",
            sys.executable,
            "-m",
            "bench.instructions",
            str(out),
            str(requests),
            *keys,
        ]
        done = subprocess.run(command, cwd=backend_dir, capture_output=True, text=True, check=False)
        results = {}
        for line in done.stdout.splitlines():
            if line.startswith("INSTRUCTIONS "):
                _, key, value = line.split()
                results[key] = int(value)
        if done.returncode or len(results) != len(keys):
            raise RuntimeError(f"callgrind run failed ({done.returncode}): {done.stderr[-2000:]}")
        return results


def _dumped_total(out, before):
    """The ``totals:`` of the dump files callgrind wrote since ``before`` (a set of file names)."""
    total = 0
    for name in sorted(set(glob.glob(f"{out}*")) - before):
        with open(name, encoding="utf-8") as dump:
            for line in dump:
                if line.startswith(("totals:", "summary:")):
                    total = int(line.split()[1])
    return total


def _child(out, requests, keys):
    import django

    django.setup()
    from django.test import Client

    from bench import run, seed
    from bench.scenarios import scenarios
    from course_archive import counts

    counts.TABLE_COUNT_TTL = 600  # longer than a pass under callgrind

    big_course = seed.course_key(0)
    bulk_courses = [seed.course_key(index) for index in range(100, 200)]
    by_key = {s.key: s for s in scenarios(big_course, bulk_courses, run.patch_ids(big_course))}
    role_tokens = run.tokens()
    pid = str(os.getpid())
    for key in keys:
        scenario = by_key[key]
        client = Client(HTTP_AUTHORIZATION=f"JWT {role_tokens[scenario.role][0]}", HTTP_ACCEPT="application/json")
        path = (scenario.paths or (scenario.path,))[0]
        bodies = scenario.encoded_bodies or (None,)

        def call(index, client=client, scenario=scenario, path=path, bodies=bodies):
            body = bodies[index % len(bodies)]
            kwargs = {"data": body, "content_type": "application/json"} if body is not None else {}
            response = getattr(client, scenario.method.lower())(path, **kwargs)
            if response.status_code >= 300:
                raise RuntimeError(f"{scenario.key}: {response.status_code} {response.content[:300]!r}")

        for index in range(WARMUP_REQUESTS):
            call(index)
        subprocess.run(["callgrind_control", "-z", pid], check=True, capture_output=True)
        for index in range(requests):
            call(index)
        before = set(glob.glob(f"{out}*"))
        subprocess.run(["callgrind_control", "-d", pid], check=True, capture_output=True)
        total = 0
        for _ in range(50):  # the dump is written by this process's own valgrind, as soon as it can
            total = _dumped_total(out, before)
            if total:
                break
            time.sleep(0.1)
        print(f"INSTRUCTIONS {key} {total // requests}", flush=True)


if __name__ == "__main__":
    _child(sys.argv[1], int(sys.argv[2]), sys.argv[3:])
