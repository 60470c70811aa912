"""The background worker: the reminder scheduler every minute, and django-tasks-db's worker.

One process does both, so production runs one extra process (README, "The worker") and
`make run` one extra command. Several may run at once: they plan and send each email once.
"""

from __future__ import annotations

import logging
import threading

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection

from reminders.tasks import schedule

logger = logging.getLogger("reminders.worker")


def run_scheduler(stop: threading.Event, every: float) -> None:
    while not stop.is_set():
        try:
            close_old_connections()
            queued = schedule()
            if queued:
                logger.info("Queued %s email(s)", len(queued))
        except Exception:
            # A database that is briefly away must not end the scheduler; the next tick retries.
            logger.exception("The reminder scheduler failed; trying again in %ss", every)
        finally:
            connection.close()
        stop.wait(every)


class Command(BaseCommand):
    help = "Run the reminder scheduler and the task worker (django-tasks-db) in one process."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--every", type=float, default=60.0, help="Seconds between scheduler runs (60)."
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds between task queue polls (1)."
        )
        parser.add_argument(
            "--batch",
            action="store_true",
            help="Schedule once, run every queued task, then exit (for tests and cron).",
        )

    def handle(self, *, every: float, interval: float, batch: bool, **options) -> None:
        if batch:
            schedule()
            call_command("db_worker", batch=True, reload=False, startup_delay=False)
            return
        stop = threading.Event()
        thread = threading.Thread(
            target=run_scheduler, args=(stop, every), name="reminder-scheduler", daemon=True
        )
        thread.start()
        logger.info("Reminder scheduler started: every %ss", every)
        try:
            # The worker's own signal handling ends the process on SIGTERM or Ctrl-C.
            call_command("db_worker", interval=interval, reload=False, startup_delay=False)
        finally:
            stop.set()
