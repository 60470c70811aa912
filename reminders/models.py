"""Reminder plans, the emails they lead to, and coaches' notices of athletes' replies.

Times are stored in UTC. A plan's times are wall-clock times in the person's own zone
(`User.time_zone`), turned into instants only when something falls due (reminders/schedule.py).
"""

from __future__ import annotations

import secrets
from datetime import time

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, models

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class Kind(models.TextChoices):
    BEFORE_RUN = "before_run", "Routine before your run"
    MORNING_CHECK = "morning_check", "How does it feel this morning?"
    WEEKLY_SUMMARY = "weekly_summary", "Weekly summary"
    COACH_REPLY = "coach_reply", "An athlete replied to your comment"
    COACH_DIGEST = "coach_digest", "Daily list of athletes who need attention"


class ReminderPlanQuerySet(models.QuerySet):
    def for_user(self, user) -> ReminderPlan:
        plan, _ = self.get_or_create(user=user)
        return plan

    def sending_anything(self) -> ReminderPlanQuerySet:
        """Plans with a scheduled email switched on, of people who can still receive one."""
        return self.filter(
            models.Q(before_run=True)
            | models.Q(morning_check=True)
            | models.Q(weekly_summary=True)
            | models.Q(coach_digest=True),
            user__is_active=True,
        ).exclude(user__email="")


class ReminderPlan(models.Model):
    """When a person runs, and which emails they want. Everything is off until they choose."""

    user = models.OneToOneField(
        # Deleted by the database with its user: one query fewer for every account deletion.
        settings.AUTH_USER_MODEL,
        on_delete=models.DB_CASCADE,
        related_name="reminder_plan",
    )
    # The usual start of a run on each weekday, in the person's zone; empty: no run that day.
    monday = models.TimeField(null=True, blank=True)
    tuesday = models.TimeField(null=True, blank=True)
    wednesday = models.TimeField(null=True, blank=True)
    thursday = models.TimeField(null=True, blank=True)
    friday = models.TimeField(null=True, blank=True)
    saturday = models.TimeField(null=True, blank=True)
    sunday = models.TimeField(null=True, blank=True)

    before_run = models.BooleanField("routine before your run", default=False)
    before_run_minutes = models.PositiveSmallIntegerField(
        "minutes before the run",
        default=30,
        validators=[MinValueValidator(5), MaxValueValidator(240)],
    )
    morning_check = models.BooleanField("how does it feel this morning?", default=False)
    morning_check_at = models.TimeField("morning check at", default=time(7, 30))
    weekly_summary = models.BooleanField("weekly summary", default=False)
    # A coach's emails: replies are on by default (they answer the coach's own comment), the
    # daily list is asked for.
    coach_reply = models.BooleanField("email me when an athlete replies", default=True)
    coach_digest = models.BooleanField("daily list of athletes who need attention", default=False)
    coach_digest_at = models.TimeField("daily list at", default=time(7, 0))

    feed_token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReminderPlanQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(before_run_minutes__gte=5, before_run_minutes__lte=240),
                name="reminderplan_before_run_minutes_5_240",
            ),
        ]

    def __str__(self) -> str:
        return f"Reminder plan of {self.user}"

    def run_time(self, weekday: int) -> time | None:
        """The usual start of a run on this weekday (Monday is 0), or None."""
        return getattr(self, WEEKDAYS[weekday])

    def run_days(self) -> list[tuple[int, time]]:
        return [(day, at) for day in range(7) if (at := self.run_time(day)) is not None]

    def wants(self, kind: str) -> bool:
        return bool(getattr(self, kind))

    def stop(self, kind: str) -> None:
        setattr(self, kind, False)
        self.save(update_fields=[kind, "updated_at"])

    def new_feed(self) -> None:
        self.feed_token = new_feed_token()
        self.save(update_fields=["feed_token", "updated_at"])


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SENDING = "sending", "Being sent"
    SENT = "sent", "Sent"
    SKIPPED = "skipped", "Not sent: nothing to say, or no longer wanted"
    FAILED = "failed", "Failed"


class DeliveryQuerySet(models.QuerySet):
    def owned_by(self, user) -> DeliveryQuerySet:
        return self.filter(user=user)


class Delivery(models.Model):
    """One email, due once: the unique (user, kind, slot) makes every scheduler and worker agree.

    `slot` names what the message is for in the recipient's own calendar: the local date of a
    run or a morning, the ISO week of a summary, the comment of a reply. A second scheduler,
    or the same one after a restart, finds the row there and adds nothing.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deliveries"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    slot = models.CharField(max_length=40)
    due_at = models.DateTimeField()
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    # When it was last queued or claimed, or is next to be tried. A pending row whose time is
    # long past has lost its task (a worker died): the scheduler queues it again.
    queued_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    # The morning check asks about this routine; its one-tap link is spent by `pain_recorded_at`.
    session = models.ForeignKey(
        "training.TrainingSession",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    pain_recorded_at = models.DateTimeField(null=True, blank=True)
    # A coach's reply notice: the athlete's comment.
    comment = models.ForeignKey(
        "training.Comment", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "slot"], name="delivery_once_per_user_kind_slot"
            ),
        ]
        indexes = [models.Index(fields=["status", "queued_at"], name="delivery_status_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.user} ({self.slot})"


class NoticeQuerySet(models.QuerySet):
    def unread(self) -> NoticeQuerySet:
        return self.filter(read_at__isnull=True)


class Notice(models.Model):
    """An athlete's reply, for a coach who commented on that session: unread until opened."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    comment = models.ForeignKey("training.Comment", on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "comment"], name="notice_once_per_comment")
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notice_recipient_unread_idx")
        ]

    def __str__(self) -> str:
        return f"Notice for {self.recipient} of comment {self.comment_id}"


class ScanMark(models.Model):
    """How far the scheduler has read a growing table (the comments), by primary key."""

    name = models.CharField(max_length=40, unique=True)
    last_pk = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.name}: {self.last_pk}"


UNREAD_NOTICES_SQL = (
    "SELECT COUNT(*) FROM reminders_notice WHERE recipient_id = %s AND read_at IS NULL"
)


def unread_notice_count(user) -> int:
    """Athletes' replies this coach has not opened: one statement written out, as the menu's
    unread comments (sessions.models.unread_comment_count), since the coach's dashboard shows
    it on every visit and the ORM spent ~0.3 ms building the count."""
    with connection.cursor() as cursor:
        cursor.execute(UNREAD_NOTICES_SQL, [user.pk])
        return cursor.fetchone()[0]
