"""The real worker, `manage.py run_worker`, as its own process: killed with SIGKILL while it
sends, then started again. Nobody gets an email twice, and the emails it had not reached go out.

It runs on a fresh SQLite file that bin/entrypoint migrates, whichever database the suite uses.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from .conftest import Inbox, free_port

ROOT = Path(__file__).resolve().parent.parent.parent
PLAN_THREE_REMINDERS_DUE_NOW = """
from datetime import timedelta
from django.utils import timezone
from accounts.models import User
from reminders.models import WEEKDAYS, ReminderPlan
for name in ("anna", "ben", "cora"):
    user = User.objects.create_user(name, f"{name}@example.com", "pw-not-used-4711",
                                    time_zone="Europe/Berlin")
    run = timezone.localtime(timezone.now(), user.zone) + timedelta(minutes=5)
    plan = ReminderPlan.objects.for_user(user)
    setattr(plan, WEEKDAYS[run.weekday()], run.time().replace(second=0, microsecond=0))
    plan.before_run, plan.before_run_minutes = True, 5
    plan.save()
"""


class SlowInbox(Inbox):
    """Takes a second over each message, so that the test can kill the worker inside one."""

    async def handle_DATA(self, server, session, envelope) -> str:
        await asyncio.sleep(1.0)
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def slow_smtp():
    inbox = SlowInbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


def wait_for(condition, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_a_killed_worker_restarted_sends_no_duplicate(tmp_path, slow_smtp):
    inbox, port = slow_smtp
    database = tmp_path / "db.sqlite3"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env |= {
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{database}",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "EMAIL_USE_TLS": "0",
        "PYTHON": sys.executable,
    }
    manage = [sys.executable, "manage.py"]
    run = {"cwd": ROOT, "env": env, "capture_output": True, "timeout": 60, "check": True}
    subprocess.run([str(ROOT / "bin" / "entrypoint")], **run)
    subprocess.run([*manage, "shell", "-c", PLAN_THREE_REMINDERS_DUE_NOW], **run)

    worker = ["run_worker", "--interval", "0.1"]
    first = subprocess.Popen([*manage, *worker], cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    try:
        assert wait_for(lambda: len(inbox.messages) == 1, 30), "the first email never came"
        time.sleep(0.4)  # inside the second message now
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    with sqlite3.connect(database) as db:
        statuses = sorted(s for (s,) in db.execute("SELECT status FROM reminders_delivery"))
    assert statuses == ["pending", "sending", "sent"]

    second = subprocess.Popen([*manage, *worker], cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    try:
        assert wait_for(lambda: len(inbox.messages) >= 2, 30), "the restart sent nothing"
        time.sleep(1.5)  # room for a duplicate to arrive, if there were one
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(10)

    recipients = [message["To"] for message in inbox.messages]
    assert len(recipients) == len(set(recipients)) == 2
