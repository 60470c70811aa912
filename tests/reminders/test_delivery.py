"""Planning and sending: once per slot, in the person's zone, retried, never to the wrong person.

These run the scheduler (reminders.tasks.schedule) and django-tasks-db's worker code against a
real SMTP server on 127.0.0.1, with the clock set by the test.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from django.core import mail

from accounts.services import delete_account
from reminders import services
from reminders.models import Delivery, DeliveryStatus, Kind, ReminderPlan
from reminders.tasks import schedule, send_delivery

from ..factories import UserFactory, logged_routine
from .conftest import run_queued_tasks, text_part

pytestmark = pytest.mark.django_db

BERLIN_SPRING_SUNDAY_0630 = datetime(2026, 3, 29, 4, 30, tzinfo=UTC)  # 06:30 CEST


def berlin_runner(username="greta", **plan):
    user = UserFactory(username=username, display_name=username.title(), time_zone="Europe/Berlin")
    fields = {"sunday": time(7, 0), "before_run": True, "before_run_minutes": 30} | plan
    ReminderPlan.objects.filter(pk=ReminderPlan.objects.for_user(user).pk).update(**fields)
    return user


def tick_every_minute(clock, start: datetime, end: datetime) -> None:
    """The scheduler and the worker, as `manage.py run_worker` runs them, minute by minute."""
    clock.now = start
    while clock.now <= end:
        schedule()
        run_queued_tasks()
        clock.now += timedelta(minutes=1)


def test_a_reminder_at_0630_berlin_on_the_clock_change_sunday_is_sent_once_at_0630(
    clock, smtp_server
):
    berlin_runner()
    # Saturday evening to Sunday morning, through the jump from 02:00 CET to 03:00 CEST and
    # past 05:30 UTC, where 06:30 would fall with last week's offset.
    tick_every_minute(
        clock, datetime(2026, 3, 28, 20, 0, tzinfo=UTC), datetime(2026, 3, 29, 7, 0, tzinfo=UTC)
    )

    assert len(smtp_server.messages) == 1
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.SENT
    assert delivery.slot == "2026-03-29"
    assert delivery.due_at == BERLIN_SPRING_SUNDAY_0630
    assert delivery.sent_at == BERLIN_SPRING_SUNDAY_0630
    assert "Your run is at 07:00" in text_part(smtp_server.messages[0])


def test_two_schedulers_and_two_workers_send_one_email(clock, smtp_server):
    berlin_runner()
    clock.now = BERLIN_SPRING_SUNDAY_0630
    first, second = schedule(), schedule()  # two scheduler processes in the same minute
    assert len(first) == 1
    assert second == []
    send_delivery.enqueue(first[0])  # and a second task for it, from a sweep or a retry

    run_queued_tasks()

    assert len(smtp_server.messages) == 1
    assert Delivery.objects.count() == 1


def test_a_scheduler_that_was_down_catches_up_but_not_with_stale_reminders(clock, smtp_server):
    berlin_runner()
    clock.now = BERLIN_SPRING_SUNDAY_0630 + services.LOOKBACK - timedelta(minutes=1)
    schedule()
    run_queued_tasks()
    assert len(smtp_server.messages) == 1

    berlin_runner("hans")
    clock.now = BERLIN_SPRING_SUNDAY_0630 + services.LOOKBACK + timedelta(minutes=1)
    assert schedule() == []


class DiesWhileSending:
    """A mail backend whose process is killed in the middle of its second message."""

    sent = 0

    def __init__(self, **options) -> None:
        pass

    def send_messages(self, messages) -> int:
        DiesWhileSending.sent += 1
        if DiesWhileSending.sent == 2:
            raise SystemExit("killed")
        mail.outbox.extend(messages)
        return len(messages)


def test_killing_the_worker_mid_batch_and_restarting_it_sends_no_duplicate(
    clock, settings, smtp_server
):
    for name in ("anna", "ben", "cora"):
        berlin_runner(name)
    clock.now = BERLIN_SPRING_SUNDAY_0630
    planned = schedule()
    assert len(planned) == 3

    smtp = settings.MAILERS
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.DiesWhileSending"}}
    DiesWhileSending.sent = 0
    run_queued_tasks(limit=2)  # sends anna's, is killed while sending ben's
    settings.MAILERS = smtp
    sent_before = [m.to[0] for m in mail.outbox]
    assert sent_before == ["anna@example.com"]
    statuses = dict(Delivery.objects.values_list("user__username", "status"))
    assert statuses == {"anna": "sent", "ben": "sending", "cora": "pending"}

    # The worker restarts; its scheduler runs every minute for the next quarter of an hour.
    tick_every_minute(clock, clock.now + timedelta(minutes=1), clock.now + timedelta(minutes=15))

    received = [m["To"] for m in smtp_server.messages]
    assert sorted(sent_before + received) == ["anna@example.com", "cora@example.com"]
    ben = Delivery.objects.get(user__username="ben")
    assert ben.status == DeliveryStatus.FAILED  # maybe sent, maybe not: never twice
    assert "not sent again" in ben.last_error


def test_a_task_lost_before_its_email_was_claimed_is_queued_again_and_sent_once(clock, smtp_server):
    berlin_runner()
    clock.now = BERLIN_SPRING_SUNDAY_0630
    schedule()
    from django_tasks_db.models import DBTaskResult

    # The worker took the task and died before touching the email: the task stays "running".
    DBTaskResult.objects.update(status="RUNNING")

    tick_every_minute(clock, clock.now, clock.now + services.REQUEUE_AFTER + timedelta(minutes=2))

    assert len(smtp_server.messages) == 1
    assert Delivery.objects.get().status == DeliveryStatus.SENT


def test_a_refusing_mail_server_is_tried_again_later(clock, smtp_server):
    berlin_runner()
    clock.now = BERLIN_SPRING_SUNDAY_0630
    smtp_server.refuse = 1
    schedule()
    run_queued_tasks()
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.attempts == 1
    assert "451" in delivery.last_error
    assert smtp_server.messages == []

    clock.now += services.RETRY_DELAYS[0]
    run_queued_tasks()

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT
    assert delivery.attempts == 2
    assert len(smtp_server.messages) == 1


def test_retries_stop_after_the_limit(clock, smtp_server):
    berlin_runner()
    clock.now = BERLIN_SPRING_SUNDAY_0630
    smtp_server.refuse = 100
    schedule()
    for _ in range(services.MAX_ATTEMPTS + 2):
        run_queued_tasks()
        clock.now += max(services.RETRY_DELAYS)

    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempts == services.MAX_ATTEMPTS


def test_an_unreachable_mail_server_counts_as_a_failed_attempt(clock, settings):
    berlin_runner()
    clock.now = BERLIN_SPRING_SUNDAY_0630
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},  # nothing listens
        }
    }
    schedule()
    run_queued_tasks()
    assert Delivery.objects.get().status == DeliveryStatus.PENDING


def test_never_sent_to_a_deleted_account(clock):
    greta = berlin_runner()
    clock.now = BERLIN_SPRING_SUNDAY_0630
    schedule()
    delete_account(user=greta)

    assert run_queued_tasks() == ["gone"]
    assert mail.outbox == []


def test_never_sent_to_a_closed_account(clock):
    greta = berlin_runner()
    clock.now = BERLIN_SPRING_SUNDAY_0630
    schedule()
    type(greta).objects.filter(pk=greta.pk).update(is_active=False)

    assert run_queued_tasks() == [DeliveryStatus.SKIPPED]
    assert mail.outbox == []


def test_never_sent_once_unsubscribed(clock):
    greta = berlin_runner()
    clock.now = BERLIN_SPRING_SUNDAY_0630
    schedule()
    services.unsubscribe(user=greta, kind=Kind.BEFORE_RUN)

    assert run_queued_tasks() == [DeliveryStatus.SKIPPED]
    assert mail.outbox == []
    clock.now += timedelta(days=7)
    assert schedule() == []


def test_nothing_is_planned_while_everything_is_off(clock):
    berlin_runner(before_run=False)
    clock.now = BERLIN_SPRING_SUNDAY_0630
    assert schedule() == []


def test_the_morning_check_follows_a_logged_routine_only(clock, drills):
    greta = berlin_runner(before_run=False, morning_check=True, morning_check_at=time(7, 30))
    saturday_evening = datetime(2026, 3, 28, 17, 0, tzinfo=UTC)
    routine = logged_routine(athlete=greta, performed_at=saturday_evening)
    clock.now = datetime(2026, 3, 29, 5, 30, tzinfo=UTC)  # 07:30 CEST

    [delivery_id] = schedule()
    assert Delivery.objects.get(pk=delivery_id).session == routine
    run_queued_tasks()
    assert len(mail.outbox) == 1

    clock.now += timedelta(days=1)  # Monday: no routine on Sunday
    assert schedule() == []


def test_no_morning_check_when_the_pain_is_already_recorded(clock, drills):
    greta = berlin_runner(before_run=False, morning_check=True, morning_check_at=time(7, 30))
    logged_routine(
        athlete=greta, performed_at=datetime(2026, 3, 28, 17, 0, tzinfo=UTC), morning_after_pain=1
    )
    clock.now = datetime(2026, 3, 29, 5, 30, tzinfo=UTC)
    assert schedule() == []


def test_the_weekly_summary_tells_the_week(clock, drills):
    greta = berlin_runner(before_run=False, weekly_summary=True)
    logged_routine(
        athlete=greta,
        performed_at=datetime(2026, 3, 25, 17, 0, tzinfo=UTC),
        morning_after_pain=2,
        **{"toe-raises": {"pain": 4}},
    )
    clock.now = datetime(2026, 3, 29, 16, 0, tzinfo=UTC)  # Sunday 18:00 CEST

    schedule()
    run_queued_tasks()

    [message] = mail.outbox
    assert message.subject == "Your week of routines"
    assert "1 time." in message.body
    assert "Highest pain during a drill: 4/10" in message.body
    assert "morning after 2/10" in message.body


def test_an_email_that_cannot_be_built_fails_once_and_is_not_queued_forever(clock, monkeypatch):
    from reminders import emails

    berlin_runner()
    clock.now = BERLIN_SPRING_SUNDAY_0630
    monkeypatch.setitem(emails.CONTEXT_BUILDERS, Kind.BEFORE_RUN, lambda d, now: 1 / 0)
    schedule()

    assert run_queued_tasks() == ["FAILED"]
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED
    assert "ZeroDivisionError" in delivery.last_error
    clock.now += timedelta(hours=1)
    assert schedule() == []
