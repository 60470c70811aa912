"""Shared pieces of the reminder tests: a clock to set, a real SMTP server, the worker's loop."""

from __future__ import annotations

import email
import re
import socket
import threading
from datetime import datetime
from email import policy
from email.message import EmailMessage
from urllib.parse import urlsplit

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    """timezone.now() as the test sets it, for the app and the task queue alike."""
    clock = Clock(timezone.now())
    monkeypatch.setattr(timezone, "now", clock)
    return clock


class Inbox:
    """What a real SMTP server on 127.0.0.1 received, parsed."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.raw: list[bytes] = []
        self.refuse = 0  # answer this many DATA commands with a temporary failure
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope) -> str:
        with self.lock:
            if self.refuse:
                self.refuse -= 1
                return "451 Try again later"
            self.raw.append(envelope.original_content)
            self.messages.append(
                email.message_from_bytes(envelope.original_content, policy=policy.default)
            )
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server(settings) -> Inbox:
    """An SMTP server the app sends to, through MAILERS as production would."""
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "use_tls": False, "timeout": 5},
        }
    }
    yield inbox
    controller.stop()


def text_part(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def html_part(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("html",)).get_content()


def links(message: EmailMessage) -> list[str]:
    """The paths of this site's links in the plain text part, in order."""
    return [
        urlsplit(url).path + (f"?{urlsplit(url).query}" if urlsplit(url).query else "")
        for url in re.findall(re.escape(settings.SITE_URL) + r"\S+", text_part(message))
    ]


def header_link(message: EmailMessage) -> str:
    """The path of the List-Unsubscribe address."""
    return urlsplit(message["List-Unsubscribe"].strip("<>")).path


def run_queued_tasks(limit: int | None = None) -> list[str]:
    """What `manage.py run_worker` does with the queue: run every ready task (or `limit` of
    them), through django-tasks-db's own worker code. Returns each task's return value."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    results = []
    while limit is None or len(results) < limit:
        result = DBTaskResult.objects.ready().order_by("enqueued_at").first()
        if result is None:
            break
        result.claim(worker.worker_id)
        worker.run_task(result)
        result.refresh_from_db()
        results.append(result.return_value if result.status == "SUCCESSFUL" else result.status)
    return results
