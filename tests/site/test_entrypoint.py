"""bin/entrypoint and bin/healthcheck, run as the Docker image runs them, without Docker."""

from __future__ import annotations

import os
import secrets
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ENTRYPOINT = str(ROOT / "bin" / "entrypoint")
VENV_BIN = Path(sys.executable).parent
DRILLS = [
    "Foot rolling",
    "Ankle mobility (wall)",
    "Foot inversion and eversion",
    "Toe raises",
    "Eccentric heel drops",
    "Trigger-point release",
]


@pytest.fixture
def database(tmp_path) -> Path:
    return tmp_path / "db.sqlite3"


@pytest.fixture
def container_env(database) -> dict[str, str]:
    """The environment of a production container, with a fresh SQLite file for its database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    return env | {
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "groundwork.example.com",
        "DATABASE_URL": f"sqlite:///{database}",
        "PYTHON": sys.executable,
    }


def entrypoint(env: dict[str, str], *command: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [ENTRYPOINT, *command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def drills_in(database: Path) -> list[str]:
    with sqlite3.connect(database) as db:
        rows = db.execute("SELECT name FROM exercises_exercise ORDER BY position").fetchall()
    return [name for (name,) in rows]


def test_it_migrates_and_seeds_the_drills_then_becomes_the_command(container_env, database):
    # The command prints its process id: the same as the script's, so it received the process
    # (exec) and gets the container's stop signal itself.
    process = subprocess.Popen(
        [ENTRYPOINT, sys.executable, "-c", "import os; print('serving as', os.getpid())"],
        cwd=ROOT,
        env=container_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    output, errors = process.communicate(timeout=60)

    assert process.returncode == 0, errors
    assert "Added 6 drill(s)" in output
    assert output.splitlines()[-1] == f"serving as {process.pid}"
    assert drills_in(database) == DRILLS


def test_a_failed_migration_stops_it_before_the_command(container_env, tmp_path):
    container_env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'missing-folder' / 'db.sqlite3'}"

    result = entrypoint(container_env, sys.executable, "-c", "print('serving')")

    assert result.returncode != 0
    assert "serving" not in result.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def healthcheck(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "bin/healthcheck"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


def test_gunicorn_serves_the_app_and_passes_the_healthcheck(container_env, tmp_path):
    # The image's command. /healthz needs no tables, so this skips the entrypoint tested above.
    port = free_port()
    env = container_env | {"PORT": str(port), "WEB_CONCURRENCY": "1"}
    out, err = tmp_path / "stdout.log", tmp_path / "stderr.log"
    command = [str(VENV_BIN / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}"]
    with out.open("w") as stdout, err.open("w") as stderr:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=stdout, stderr=stderr)
        try:
            deadline = time.monotonic() + 30
            while (check := healthcheck(env)).returncode != 0 and time.monotonic() < deadline:
                assert server.poll() is None, err.read_text()
                time.sleep(0.2)
            assert check.returncode == 0, check.stderr + err.read_text()
        finally:
            server.terminate()
            server.wait(timeout=30)

    assert "GET /healthz 200" in out.read_text()  # Django's request line, on stdout
    assert healthcheck(env).returncode == 1  # and once the server is gone, the check says so
