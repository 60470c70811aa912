"""A coach hears back: a notice (and an email) when an athlete replies to their comment, and
an opt-in daily list of the athletes the dashboard flags."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from reminders.models import Delivery, Kind, Notice, ReminderPlan
from reminders.tasks import schedule

from ..factories import CommentFactory, TrainingSessionFactory, logged_routine
from .conftest import run_queued_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def conversation(athlete, coach):
    session = TrainingSessionFactory(athlete=athlete)
    CommentFactory(session=session, author=coach, body="How did the heel drops feel?")
    return session


def reply(session, athlete, body="Better than last week, thanks."):
    comment = CommentFactory(session=session, author=athlete, body=body)
    schedule()
    run_queued_tasks()
    return comment


def test_a_reply_gives_the_coach_a_notice_and_an_email(conversation, athlete, coach, client):
    comment = reply(conversation, athlete)

    notice = Notice.objects.get()
    assert (notice.recipient, notice.comment) == (coach, comment)
    [message] = mail.outbox
    assert message.to == [coach.email]
    assert message.subject == "Alice replied to your comment"
    assert "Better than last week" in message.body
    assert "Hi Coach Carol," in message.body

    client.force_login(coach)
    dashboard = client.get(reverse("insights:dashboard")).content.decode()
    assert "1 new reply from your athletes" in dashboard
    listing = client.get(reverse("reminders:notices")).content.decode()
    assert "Better than last week" in listing

    response = client.post(reverse("reminders:notice_open", args=[notice.pk]))
    assert response.url == f"{conversation.get_absolute_url()}#comments"
    notice.refresh_from_db()
    assert notice.read_at is not None
    assert "new repl" not in client.get(reverse("insights:dashboard")).content.decode()


def test_the_scheduler_notes_a_reply_once(conversation, athlete):
    reply(conversation, athlete)
    schedule()
    schedule()
    assert Notice.objects.count() == 1
    assert Delivery.objects.filter(kind=Kind.COACH_REPLY).count() == 1


def test_no_notice_for_a_coach_the_athlete_removed(conversation, athlete, coach):
    from coaching.models import CoachLink

    CoachLink.objects.get(athlete=athlete, coach=coach).revoke()
    reply(conversation, athlete)
    assert Notice.objects.count() == 0
    assert mail.outbox == []


def test_an_athlete_s_own_note_with_no_coach_comment_is_no_reply(athlete, coach):
    reply(TrainingSessionFactory(athlete=athlete), athlete, "Note to self.")
    assert Notice.objects.count() == 0


def test_a_coach_who_turned_reply_emails_off_still_sees_the_notice(conversation, athlete, coach):
    ReminderPlan.objects.for_user(coach).stop(Kind.COACH_REPLY)
    reply(conversation, athlete)
    assert Notice.objects.count() == 1
    assert mail.outbox == []


def test_another_coach_cannot_open_the_notice(conversation, athlete, unlinked_coach, client):
    reply(conversation, athlete)
    client.force_login(unlinked_coach)
    notice = Notice.objects.get()
    assert client.post(reverse("reminders:notice_open", args=[notice.pk])).status_code == 404
    assert "Better than last week" not in client.get(reverse("reminders:notices")).content.decode()
    notice.refresh_from_db()
    assert notice.read_at is None


def test_the_notices_page_has_an_empty_state(coach, client):
    client.force_login(coach)
    assert "No replies yet" in client.get(reverse("reminders:notices")).content.decode()


def test_mark_all_read(conversation, athlete, coach, client):
    reply(conversation, athlete)
    client.force_login(coach)
    client.post(reverse("reminders:notices_read"))
    assert not Notice.objects.unread().exists()


def test_the_daily_list_names_flagged_athletes_at_the_coach_s_morning(
    athlete, coach, drills, clock
):
    coach.time_zone = "America/New_York"
    coach.save()
    ReminderPlan.objects.filter(user=coach).delete()
    ReminderPlan.objects.create(user=coach, coach_digest=True, coach_digest_at=time(7, 0))
    logged_routine(
        athlete=athlete,
        performed_at=timezone.now() - timedelta(days=1),
        **{"toe-raises": {"pain": 7}},
    )
    local = timezone.localtime(clock.now, coach.zone) + timedelta(days=1)
    clock.now = local.replace(hour=7, minute=0, second=0, microsecond=0)

    schedule()
    run_queued_tasks()

    [message] = mail.outbox
    assert message.subject == "Athletes who need your attention today"
    assert "Alice" in message.body
    assert "Hi Coach Carol," in message.body


def test_no_daily_list_on_a_day_without_flags(athlete, coach, clock):
    ReminderPlan.objects.filter(user=coach).delete()
    ReminderPlan.objects.create(user=coach, coach_digest=True, coach_digest_at=time(7, 0))
    local = timezone.localtime(clock.now, coach.zone) + timedelta(days=1)
    clock.now = local.replace(hour=7, minute=0, second=0, microsecond=0)
    # The dashboard flags an athlete with no routine for a week; give her one yesterday.
    logged_routine(athlete=athlete, performed_at=clock.now - timedelta(days=1))

    schedule()
    run_queued_tasks()

    assert mail.outbox == []
    assert Delivery.objects.get().status == "skipped"
