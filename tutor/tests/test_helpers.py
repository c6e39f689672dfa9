"""Unit tests of the plugin's template helpers (no Tutor project needed)."""

from __future__ import annotations

import ast
import json
import os
import shlex
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from tutor import exceptions

from tutorcourse_archive import plugin


@pytest.mark.parametrize(
    "value",
    [
        "60/minute",
        None,
        {},
        'https://x.example/{course_id}?q=\'a"b\'\\\n"""',
        {"MITx": 'it\'s "quoted"', "edX": "https://e.example/{course}/{run}"},
        ["a", 1, True, None],
    ],
)
def test_python_literal_round_trips(value):
    assert ast.literal_eval(plugin.python_literal(value)) == value


def test_python_literal_refuses_what_is_not_a_literal():
    with pytest.raises(exceptions.TutorError, match="cannot be written to the Django settings"):
        plugin.python_literal(object())


@pytest.mark.parametrize("value", ["openedx-course-archive==0.1.0", "a b", "x'; rm -rf / #", "$(id)"])
def test_shell_quote_round_trips(value):
    assert shlex.split(plugin.shell_quote(value)) == [value]


def test_consumer_command():
    command = plugin.consumer_command("course-catalog-info-changed", "course_archive", "course_archive.lms")
    assert command[:7] == [
        "./manage.py",
        "lms",
        "consume_events",
        "-t",
        "course-catalog-info-changed",
        "-g",
        "course_archive",
    ]
    assert command[7] == "--extra"
    assert json.loads(command[8]) == {"consumer_name": "course_archive.lms", "check_backlog": True}
    with_claim = plugin.consumer_command("t", "g", "n", claim_idle_ms="30000")
    assert json.loads(with_claim[8]) == {"consumer_name": "n", "check_backlog": True, "claim_msgs_older_than": 30000}


def test_k8s_consumer_name_is_expanded_by_kubernetes_from_the_pod_name():
    assert plugin.k8s_consumer_name("course_archive.lms") == "course_archive.lms.$(POD_NAME)"
    assert plugin.POD_NAME_VARIABLE == "POD_NAME"


def test_k8s_replicas_must_be_a_count():
    assert plugin.k8s_replicas(0) == 0
    assert plugin.k8s_replicas(3) == 3
    for wrong in ("two", "3", -1, 1.5, True, None):
        with pytest.raises(exceptions.TutorError, match="must be a whole number"):
            plugin.k8s_replicas(wrong)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (("50m", "512Mi", None, "1Gi"), {"requests": {"cpu": "50m", "memory": "512Mi"}, "limits": {"memory": "1Gi"}}),
        ((None, None, None, None), {}),
        ((0.5, "", 2, "2Gi"), {"requests": {"cpu": "0.5"}, "limits": {"cpu": "2", "memory": "2Gi"}}),
    ],
)
def test_k8s_resources_leave_out_null_values(values, expected):
    assert plugin.k8s_resources(*values) == expected


def _run_probe(topic: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *plugin.consumer_liveness_command(topic)[1:]], capture_output=True, text=True, timeout=30
    )


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs /proc (Linux)")
def test_liveness_probe_fails_once_the_consumer_process_is_gone(tmp_path):
    topic = f"probe-test-{uuid.uuid4().hex}"
    # A stand-in with the consumer's command line: the probe looks at /proc, not at Django.
    stand_in = tmp_path / "manage.py"
    stand_in.write_text("import time\ntime.sleep(120)\n")
    assert _run_probe(topic).returncode != 0  # nothing runs yet

    process = subprocess.Popen([sys.executable, str(stand_in), "lms", "consume_events", "-t", topic, "-g", "g"])
    try:
        deadline = time.monotonic() + 10
        while _run_probe(topic).returncode != 0:
            assert time.monotonic() < deadline, "the probe never saw the running consumer"
            time.sleep(0.1)
        # Another topic's consumer does not count.
        assert _run_probe(topic + "-other").returncode != 0
    finally:
        process.kill()
        process.wait()  # reaped: no zombie left behind
    failed = _run_probe(topic)
    assert failed.returncode == 1
    assert f"no live consume_events process for topic {topic}" in failed.stderr


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs /proc (Linux)")
def test_liveness_probe_ignores_a_zombie_consumer(tmp_path):
    topic = f"probe-test-{uuid.uuid4().hex}"
    stand_in = tmp_path / "manage.py"
    stand_in.write_text("pass\n")
    process = subprocess.Popen([sys.executable, str(stand_in), "lms", "consume_events", "-t", topic])
    try:
        # Exited but not yet reaped: a zombie whose /proc entry still exists.
        deadline = time.monotonic() + 10
        while Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z":
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert _run_probe(topic).returncode == 1
    finally:
        process.wait()


def test_mounted_folder_detection():
    mounts = ["/src/openedx-course-archive/", "lms:/dists/course-archive-dist:/somewhere"]
    assert plugin.is_repository_mounted(mounts)
    assert plugin.is_dist_mounted(mounts)
    assert not plugin.is_repository_mounted(["/src/openedx-course-archive-fork", "/src/edx-platform"])
    assert not plugin.is_dist_mounted([])
