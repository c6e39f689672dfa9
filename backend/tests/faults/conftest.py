"""
Servers of the fault tests' own: a Redis and a MariaDB on free loopback ports, data in the test's temporary
folder, started, killed (SIGKILL) and restarted by the tests. The machine's shared services are never
touched. The demo host is served by two gunicorn workers, as the LMS is.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import types
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from jwt.api_jwk import PyJWK

from tests.conftest import make_jwt

BACKEND = Path(__file__).resolve().parents[2]
HEALTH = "/course-archive/api/v1/health/"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process, what, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"{what} exited with {process.returncode}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"{what} did not listen on port {port} within {timeout} s")


def _binary(*names):
    for name in names:
        path = shutil.which(name) or (f"/usr/sbin/{name}" if Path(f"/usr/sbin/{name}").exists() else None)
        if path:
            return path
    pytest.skip(f"none of {names} is installed")
    return None


class Server:
    """A server process of the test's own: ``start()``, ``kill()`` (SIGKILL, as a crash), ``stop()``."""

    def __init__(self, name, command, port, log):
        self.name, self.command, self.port, self.log = name, command, port, log
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            self.command,
            stdout=subprocess.DEVNULL,
            stderr=open(self.log, "ab"),  # noqa: SIM115 - closed with it
        )
        wait_for_port(self.port, self.process, self.name)

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def private_redis(tmp_path):
    """A Redis server of the test's own, keeping nothing on disk."""
    port = free_port()
    server = Server(
        "redis-server",
        [
            _binary("redis-server"),
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        port,
        tmp_path / "redis.log",
    )
    server.start()
    server.url = f"redis://127.0.0.1:{port}/0"
    yield server
    server.stop()


@pytest.fixture
def private_mariadb(tmp_path):
    """A MariaDB server of the test's own, on a data folder made for it, durable as configured by default."""
    datadir = tmp_path / "mariadb"
    subprocess.run(
        [_binary("mariadb-install-db", "mysql_install_db"), "--no-defaults", f"--datadir={datadir}", "--user=root",
         "--skip-test-db", "--auth-root-authentication-method=normal"],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120,
    )  # fmt: skip
    port = free_port()
    server = Server(
        "mariadbd",
        [_binary("mariadbd", "mysqld"), "--no-defaults", f"--datadir={datadir}", "--user=root",
         f"--port={port}", "--bind-address=127.0.0.1", f"--socket={datadir}/mysqld.sock",
         f"--pid-file={datadir}/mysqld.pid", "--skip-grant-tables", "--innodb-buffer-pool-size=64M",
         "--innodb-flush-log-at-trx-commit=1", "--character-set-server=utf8mb4"],
        port,
        tmp_path / "mariadb.log",
    )  # fmt: skip
    server.start()
    import MySQLdb

    server.connect = lambda: MySQLdb.connect(host="127.0.0.1", port=port, user="root", database="faults")
    connection = MySQLdb.connect(host="127.0.0.1", port=port, user="root")
    connection.cursor().execute("CREATE DATABASE faults CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
    connection.close()
    yield server
    server.stop()


def call(base, method, path, token=None, body=None, content_type="application/json", timeout=15):
    """(status, headers, body bytes) of one request; never raises for an HTTP status."""
    data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
    headers = {"Content-Type": content_type} if data is not None else {}
    if token:
        headers["Authorization"] = f"JWT {token}"
    request = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def serve(tmp_path):
    """Serve the demo host (``demo_host.settings.faults``) with two gunicorn workers: ``serve(**env)``."""
    servers = []

    def start(**extra_env):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "demo_host.settings.faults",
            "DEMO_HOST_STATE_DIR": str(tmp_path),
            "PYTHONPATH": str(BACKEND),
            **extra_env,
        }
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=BACKEND, env=env, check=True, timeout=300
        )
        port = free_port()
        errors = tmp_path / "gunicorn.err"
        process = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "demo_host.wsgi:application", "--bind",
             f"127.0.0.1:{port}", "--workers", "2", "--timeout", "60", "--graceful-timeout", "5",
             "--access-logfile", str(tmp_path / "access.log"), "--access-logformat", "%(p)s %(s)s %(U)s"],
            cwd=BACKEND, env=env, stdout=subprocess.DEVNULL, stderr=open(errors, "wb"),  # noqa: SIM115
        )  # fmt: skip
        servers.append(process)
        wait_for_port(port, process, "gunicorn")
        key = PyJWK.from_json((tmp_path / "jwk.json").read_text()).key
        algorithm = settings.JWT_AUTH["JWT_SIGNING_ALGORITHM"]

        def token(user_id, username, staff=False):
            user = types.SimpleNamespace(id=user_id, username=username, email=f"{username}@example.com", is_staff=staff)
            return make_jwt(user, key=key, algorithm=algorithm, administrator=staff)

        return types.SimpleNamespace(
            base=f"http://127.0.0.1:{port}", token=token, errors=errors, access_log=tmp_path / "access.log",
            process=process,
        )  # fmt: skip

    yield start
    for process in servers:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
