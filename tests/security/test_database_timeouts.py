"""Issue 12, finding 12: /healthz answers 503 within 5 s when the database accepts connections
but never answers. Before, it took 30.7 s and gunicorn killed the worker."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Runs in a process of its own, with settings read afresh for a database at the given port.
HEALTH_CHECK = """
import json, time, django
django.setup()
from django.test import Client
started = time.monotonic()
response = Client().get("/healthz")
print(json.dumps({"status": response.status_code, "seconds": time.monotonic() - started}))
"""


@pytest.fixture
def silent_database():
    """A TCP server on 127.0.0.1 that accepts connections and never says a word."""
    server = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    server.close()


def run_health_check(port: int, **environ: str) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"postgres://groundwork@127.0.0.1:{port}/groundwork",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        **environ,
    }
    result = subprocess.run(
        [sys.executable, "-c", HEALTH_CHECK],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=20,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_healthz_is_503_within_five_seconds_when_the_database_never_answers(silent_database):
    answer = run_health_check(silent_database)

    assert answer["status"] == 503
    assert answer["seconds"] < 5


def test_the_timeouts_come_from_the_environment(monkeypatch):
    probe = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.DATABASES['default']['OPTIONS']))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": "postgres://groundwork@127.0.0.1:5432/groundwork",
        "DATABASE_CONNECT_TIMEOUT": "2",
        "DATABASE_STATEMENT_TIMEOUT": "7",
    }
    output = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    options = json.loads(output.strip().splitlines()[-1])
    assert options["connect_timeout"] == 2
    assert options["options"] == "-c statement_timeout=7000"
