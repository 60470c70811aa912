from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.sqlite_writers import SAVES_EACH, WRITERS

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="Proves the SQLite tuning (WAL, IMMEDIATE, busy timeout); PostgreSQL locks rows.",
)


def run_writers(tmp_path: Path, *args: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env |= {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_SECRET_KEY": "tests-only-secret-key-for-the-concurrent-writers-0123456789",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-m", "tests.sqlite_writers", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])  # after whatever the apps log at start


def test_concurrent_saves_queue_instead_of_failing(tmp_path):
    result = run_writers(tmp_path)

    assert result["journal_mode"] == "wal"
    assert result["errors"] == []
    assert result["saved"] == WRITERS * SAVES_EACH


def test_the_same_saves_fail_with_djangos_default_deferred_transactions(tmp_path):
    # The control: the workload above is concurrent enough to lock, so its pass means something.
    result = run_writers(tmp_path, "--transaction-mode", "DEFERRED")

    assert any("database is locked" in error for error in result["errors"])
    assert result["saved"] < WRITERS * SAVES_EACH
