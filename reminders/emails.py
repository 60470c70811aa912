"""The emails: a plain text and an HTML part each, the person's name, and a one-click
unsubscribe (RFC 8058) that stops that kind of message only."""

from __future__ import annotations

import email.policy
from datetime import datetime, timedelta
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from sessions.models import TrainingSession, athletes_coached_by

from . import schedule
from .models import Delivery, Kind
from .tokens import morning_token, unsubscribe_token

SUBJECTS = {
    Kind.BEFORE_RUN: "Your routine before today's run",
    Kind.MORNING_CHECK: "How does it feel this morning?",
    Kind.WEEKLY_SUMMARY: "Your week of routines",
    Kind.COACH_REPLY: "{athlete} replied to your comment",
    Kind.COACH_DIGEST: "Athletes who need your attention today",
}


class ReminderEmail(EmailMultiAlternatives):
    """An email whose headers are written unfolded, up to RFC 5322's 998 characters a line.

    The List-Unsubscribe URL is longer than a 78-character line and has no space to fold at;
    Python's email package would then write it as RFC 2047 encoded words, which mail apps do
    not read as a URL. The parts are encoded before the limit changes, at the usual width.
    """

    def message(self, *, policy=email.policy.default):
        msg = super().message(policy=policy)
        msg.policy = msg.policy.clone(max_line_length=998)
        return msg


def absolute(path: str) -> str:
    return urljoin(settings.SITE_URL, path)


def build_message(delivery: Delivery, *, now: datetime) -> EmailMultiAlternatives | None:
    """The email for this delivery, or None when there is nothing to say."""
    user = delivery.user
    context = CONTEXT_BUILDERS[delivery.kind](delivery, now=now)
    if context is None:
        return None
    token = unsubscribe_token(user.pk, delivery.kind)
    one_click = absolute(reverse("reminders:unsubscribe_one_click", args=[token]))
    context |= {
        "delivery": delivery,
        "name": str(user),
        "kind_label": Kind(delivery.kind).label,
        "unsubscribe_url": absolute(reverse("reminders:unsubscribe", args=[token])),
        "settings_url": absolute(reverse("reminders:plan")),
    }
    template = f"reminders/email/{delivery.kind}"
    with timezone.override(user.zone):
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    subject = SUBJECTS[delivery.kind].format(**context)
    message = ReminderEmail(
        subject=subject,
        body=text,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{one_click}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            # Automated mail: no out-of-office replies, please.
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def before_run_context(delivery: Delivery, *, now: datetime) -> dict:
    plan = delivery.user.reminder_plan
    return {
        "run_at": delivery.due_at + timedelta(minutes=plan.before_run_minutes),
        "routine_url": absolute(reverse("sessions:create") + "?guided=1"),
    }


def morning_check_context(delivery: Delivery, *, now: datetime) -> dict:
    token = morning_token(delivery.pk)
    return {
        "routine": delivery.session,
        "pain_links": [
            (pain, absolute(reverse("reminders:morning", args=[token, pain]))) for pain in range(11)
        ],
    }


def weekly_summary_context(delivery: Delivery, *, now: datetime) -> dict:
    user = delivery.user
    week_end = schedule.local_day_bounds(delivery.due_at.astimezone(user.zone).date(), user.zone)[1]
    routines = list(
        TrainingSession.objects.owned_by(user)
        .filter(performed_at__gte=week_end - timedelta(days=7), performed_at__lt=week_end)
        .with_summary()
        .order_by("performed_at", "pk")
    )
    pains = [r.highest_pain for r in routines if r.highest_pain is not None]
    mornings = [r.morning_after_pain for r in routines if r.morning_after_pain is not None]
    return {
        "routines": routines,
        "highest_pain": max(pains, default=None),
        "highest_morning": max(mornings, default=None),
        "progress_url": absolute(reverse("insights:progress")),
    }


def coach_reply_context(delivery: Delivery, *, now: datetime) -> dict:
    comment = delivery.comment
    return {
        "comment": comment,
        "athlete": comment.session.athlete,
        "routine": comment.session,
        "open_url": absolute(reverse("reminders:notices")),
    }


def coach_digest_context(delivery: Delivery, *, now: datetime) -> dict | None:
    # The dashboard's own flags; imported here so that its move to insights/ is one line.
    from insights.dashboard import summarise

    athletes = get_user_model().objects.filter(pk__in=athletes_coached_by(delivery.user))
    flagged = [summary for summary in summarise(athletes, now=now) if summary.flags]
    if not flagged:
        return None
    return {"flagged": flagged, "dashboard_url": absolute(reverse("insights:dashboard"))}


CONTEXT_BUILDERS = {
    Kind.BEFORE_RUN: before_run_context,
    Kind.MORNING_CHECK: morning_check_context,
    Kind.WEEKLY_SUMMARY: weekly_summary_context,
    Kind.COACH_REPLY: coach_reply_context,
    Kind.COACH_DIGEST: coach_digest_context,
}
