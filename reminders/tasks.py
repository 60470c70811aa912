"""Background work, through Django's tasks framework (django-tasks-db's worker in production).

`schedule` runs every minute beside the worker (manage.py run_worker); `send_delivery` is the
task the worker runs for each email.
"""

from __future__ import annotations

from datetime import datetime

from django.tasks import task
from django.utils import timezone

from . import services


@task()
def send_delivery(delivery_id: int) -> str:
    outcome = services.deliver(delivery_id=delivery_id)
    if outcome.retry_at is not None:
        send_delivery.using(run_after=outcome.retry_at).enqueue(delivery_id)
    return outcome.status


def schedule(*, now: datetime | None = None) -> list[int]:
    """Plan what is due, note replies, recover lost work; queue a task for each. Safe to run
    from any number of processes at once: every step is keyed by a unique Delivery."""
    now = now or timezone.now()
    ids = [
        *services.sweep(now=now),
        *services.plan_due(now=now),
        *services.note_replies(now=now),
    ]
    for delivery_id in ids:
        send_delivery.enqueue(delivery_id)
    return ids
