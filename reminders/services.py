"""What falls due, and sending it: work that spans plans, deliveries, sessions and mail.

The scheduler (reminders/tasks.py `schedule`) calls `plan_due` and `note_replies` every minute;
each creates at most one Delivery per (person, kind, slot), so two schedulers, or one that
restarts, never plan a message twice. The worker then runs `deliver` once per Delivery, which
claims the row before it speaks to the mail server: a second worker finds it claimed.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.core.mail import mailers
from django.db import transaction
from django.db.models import F, Max, Q
from django.utils import timezone

from coaching.models import CoachLink
from sessions.models import Comment, TrainingSession
from sessions.services import set_morning_after

from . import schedule
from .emails import build_message
from .models import Delivery, DeliveryStatus, Kind, Notice, ReminderPlan, ScanMark

logger = logging.getLogger(__name__)

# A scheduler that was stopped this long still sends what fell due meanwhile.
LOOKBACK = timedelta(minutes=30)
# A pending delivery queued this long ago and still not sent is queued again (its task was
# lost with a worker that died before claiming it). Sending it twice is impossible: see deliver.
REQUEUE_AFTER = timedelta(minutes=5)
# A delivery claimed this long ago and still "sending" belonged to a worker that died while it
# spoke to the mail server. The mail may have gone: it is marked failed, never sent again.
SENDING_LEASE = timedelta(minutes=10)
# Attempts in all, and the wait before each retry after the mail server refused or was away.
MAX_ATTEMPTS = 4
RETRY_DELAYS = [timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=15)]
# Past this, a reminder says nothing useful any more ("your run starts in 30 minutes").
STALE_AFTER = {
    Kind.BEFORE_RUN: timedelta(hours=1),
    Kind.MORNING_CHECK: timedelta(hours=4),
    Kind.WEEKLY_SUMMARY: timedelta(hours=12),
    Kind.COACH_REPLY: timedelta(hours=24),
    Kind.COACH_DIGEST: timedelta(hours=4),
}
# Comments are read by primary key; ones that committed late (PostgreSQL hands out ids before
# commit) are caught by looking this many ids back over the last few minutes.
REPLY_SCAN_OVERLAP = 50
REPLY_SCAN_RECENT = timedelta(minutes=5)
REPLY_SCAN_BATCH = 500


# --- Planning -----------------------------------------------------------------------------


def plan_due(*, now: datetime | None = None) -> list[int]:
    """A Delivery for every reminder due in (now - LOOKBACK, now]; the ids of the new ones."""
    now = now or timezone.now()
    start = now - LOOKBACK
    created = []
    for plan in ReminderPlan.objects.sending_anything().select_related("user"):
        zone = plan.user.zone
        if plan.before_run:
            runs = dict(plan.run_days())
            for due in schedule.before_run_due(runs, plan.before_run_minutes, zone, start, now):
                created += _create(plan.user, Kind.BEFORE_RUN, due)
        if plan.morning_check:
            for due in schedule.daily_due(plan.morning_check_at, zone, start, now):
                routine = routine_to_ask_about(plan.user, due.day - timedelta(days=1))
                if routine is not None:
                    created += _create(plan.user, Kind.MORNING_CHECK, due, session=routine)
        if plan.weekly_summary:
            for due in schedule.weekly_due(zone, start, now):
                created += _create(plan.user, Kind.WEEKLY_SUMMARY, due)
        if plan.coach_digest:
            for due in schedule.daily_due(plan.coach_digest_at, zone, start, now):
                created += _create(plan.user, Kind.COACH_DIGEST, due)
    return created


def routine_to_ask_about(user, day) -> TrainingSession | None:
    """The last routine logged on this local day that has no morning-after pain yet."""
    day_start, day_end = schedule.local_day_bounds(day, user.zone)
    return (
        TrainingSession.objects.owned_by(user)
        .filter(performed_at__gte=day_start, performed_at__lt=day_end)
        .filter(morning_after_pain__isnull=True)
        .newest_first()
        .first()
    )


def _create(user, kind: str, due: schedule.Due, **links) -> list[int]:
    delivery, created = Delivery.objects.get_or_create(
        user=user,
        kind=kind,
        slot=due.slot,
        defaults={"due_at": due.due_at, "queued_at": due.due_at, **links},
    )
    return [delivery.pk] if created else []


def note_replies(*, now: datetime | None = None) -> list[int]:
    """Notices (and reply emails) for coaches whose comment an athlete answered.

    Reads the comments added since the last call. An athlete's comment on their own session
    is a reply to every coach who commented there before and still coaches them.
    """
    now = now or timezone.now()
    mark, _ = ScanMark.objects.get_or_create(name="comments")
    comments = (
        Comment.objects.filter(
            Q(pk__gt=mark.last_pk)
            | Q(pk__gt=mark.last_pk - REPLY_SCAN_OVERLAP, created_at__gte=now - REPLY_SCAN_RECENT)
        )
        .filter(author=F("session__athlete"))
        .select_related("session")
        .order_by("pk")[:REPLY_SCAN_BATCH]
    )
    created = []
    for comment in comments:
        for coach in coaches_answered_by(comment):
            _, new = Notice.objects.get_or_create(recipient=coach, comment=comment)
            wanted = new and coach.is_active and coach.email
            if wanted and ReminderPlan.objects.for_user(coach).coach_reply:
                due = schedule.Due(slot=f"comment-{comment.pk}", due_at=now, day=now.date())
                created += _create(coach, Kind.COACH_REPLY, due, comment=comment)
    newest = Comment.objects.aggregate(newest=Max("pk"))["newest"] or 0
    seen = max((comment.pk for comment in comments), default=mark.last_pk)
    # Up to the newest comment when the batch covered everything, else as far as it read.
    mark.last_pk = max(mark.last_pk, newest if len(comments) < REPLY_SCAN_BATCH else seen)
    mark.save(update_fields=["last_pk", "updated_at"])
    return created


def coaches_answered_by(comment: Comment):
    """Coaches who commented on the session before this reply and still coach its athlete."""
    athlete_id = comment.session.athlete_id
    return (
        get_user_model()
        .objects.filter(
            pk__in=Comment.objects.filter(session_id=comment.session_id, pk__lt=comment.pk)
            .exclude(author_id=athlete_id)
            .values("author_id"),
        )
        .filter(
            pk__in=CoachLink.objects.active().filter(athlete_id=athlete_id).values("coach_id"),
        )
    )


def sweep(*, now: datetime | None = None) -> list[int]:
    """Deliveries whose task was lost, to queue again; claims of dead workers, closed."""
    now = now or timezone.now()
    abandoned = Q(status=DeliveryStatus.SENDING, queued_at__lt=now - SENDING_LEASE)
    Delivery.objects.filter(abandoned).update(
        status=DeliveryStatus.FAILED,
        last_error="The worker stopped while sending; not sent again, so nobody gets it twice.",
        updated_at=now,
    )
    lost = list(
        Delivery.objects.filter(
            status=DeliveryStatus.PENDING, queued_at__lt=now - REQUEUE_AFTER
        ).values_list("pk", flat=True)
    )
    Delivery.objects.filter(pk__in=lost).update(queued_at=now, updated_at=now)
    return lost


# --- Sending ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    status: str
    retry_at: datetime | None = None


def deliver(*, delivery_id: int, now: datetime | None = None) -> Outcome:
    """Send one delivery, at most once.

    The row is claimed (pending → sending) before the mail server is contacted; a second
    worker holding the same id finds it claimed and does nothing. The mail server refusing or
    being away puts it back to pending for a later try, up to MAX_ATTEMPTS.
    """
    now = now or timezone.now()
    delivery = (
        Delivery.objects.select_related("user", "session", "comment__session__athlete")
        .filter(pk=delivery_id)
        .first()
    )
    if delivery is None:  # its account or its routine was deleted meanwhile
        return Outcome("gone")
    if delivery.status != DeliveryStatus.PENDING:
        return Outcome(delivery.status)
    reason = reason_not_to_send(delivery, now=now)
    if reason:
        Delivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.PENDING).update(
            status=DeliveryStatus.SKIPPED, last_error=reason, updated_at=now
        )
        return Outcome(DeliveryStatus.SKIPPED)

    claimed = Delivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.PENDING).update(
        status=DeliveryStatus.SENDING, attempts=F("attempts") + 1, queued_at=now, updated_at=now
    )
    if not claimed:
        return Outcome("claimed elsewhere")
    try:
        message = build_message(delivery, now=now)
    except Exception as error:
        # A bug, not a mail server's mood: retrying would fail the same way.
        Delivery.objects.filter(pk=delivery.pk).update(
            status=DeliveryStatus.FAILED, last_error=repr(error)[:300], updated_at=now
        )
        raise
    if message is None:
        Delivery.objects.filter(pk=delivery.pk).update(
            status=DeliveryStatus.SKIPPED, last_error="Nothing to say.", updated_at=now
        )
        return Outcome(DeliveryStatus.SKIPPED)
    attempts = delivery.attempts + 1
    try:
        mailers.default.send_messages([message])
    except (smtplib.SMTPException, OSError) as error:
        logger.warning("Delivery %s, attempt %s, failed: %s", delivery.pk, attempts, error)
        if attempts >= MAX_ATTEMPTS:
            status, retry_at = DeliveryStatus.FAILED, None
        else:
            status, retry_at = DeliveryStatus.PENDING, now + RETRY_DELAYS[attempts - 1]
        Delivery.objects.filter(pk=delivery.pk).update(
            status=status,
            last_error=str(error)[:300],
            queued_at=retry_at or now,
            updated_at=now,
        )
        return Outcome(status, retry_at)
    Delivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.SENT, sent_at=timezone.now(), last_error="", updated_at=now
    )
    return Outcome(DeliveryStatus.SENT)


def reason_not_to_send(delivery: Delivery, *, now: datetime) -> str:
    """Why this delivery should not go out now, or "" when it should."""
    user = delivery.user
    if not user.is_active or not user.email:
        return "The account is closed or has no email address."
    if not ReminderPlan.objects.for_user(user).wants(delivery.kind):
        return "Switched off since it was planned."
    if now - delivery.due_at > STALE_AFTER[delivery.kind]:
        return "Too late to be of use."
    if delivery.kind == Kind.MORNING_CHECK and delivery.session.morning_after_pain is not None:
        return "The morning-after pain is already recorded."
    return ""


# --- One-tap answers ----------------------------------------------------------------------


def record_morning_pain(*, delivery: Delivery, pain: int, now: datetime | None = None) -> bool:
    """Spend the morning link of this delivery on `pain`. False when it was spent before."""
    now = now or timezone.now()
    with transaction.atomic():
        spent = Delivery.objects.filter(pk=delivery.pk, pain_recorded_at__isnull=True).update(
            pain_recorded_at=now, updated_at=now
        )
        if not spent:
            return False
        set_morning_after(session=delivery.session, pain=pain)
    return True


def unsubscribe(*, user, kind: str, now: datetime | None = None) -> None:
    """Stop this kind of email for this person, and whatever of it is waiting to go."""
    now = now or timezone.now()
    ReminderPlan.objects.for_user(user).stop(kind)
    Delivery.objects.filter(user=user, kind=kind, status=DeliveryStatus.PENDING).update(
        status=DeliveryStatus.SKIPPED, last_error="Unsubscribed.", updated_at=now
    )
