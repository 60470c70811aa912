"""The front page: what the routine is, for a visitor; "what now?" for someone signed in."""

from __future__ import annotations

from functools import partial

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from exercises.models import DrillVariant, Exercise, routine_minutes
from sessions.models import Comment, Entry, LogSummary

from .dashboard import summarise_coached

# How many of a coach's athletes needing attention the front page names.
ATTENTION_SHOWN = 5
# What the page shows of the athlete's LogSummary.
SUMMARY_SHOWN = (
    "last_session_id", "last_performed_at", "last_highest_pain", "variants", "wall_left_cm",
    "wall_right_cm",
)  # fmt: skip


@login_not_required
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        drills = list(Exercise.objects.active().in_routine_order().with_prescription())
        return render(request, "home.html", {"drills": drills, "minutes": routine_minutes(drills)})
    return render(request, "insights/today.html", today_context(request.user))


def today_context(user) -> dict:
    """Today's routine done or not, the last one, what is next, and what waits to be read."""
    summary = (
        LogSummary.objects.filter(athlete=user)
        .only(*SUMMARY_SHOWN)  # not the coach's windows, which are most of the row
        .first()
    )
    last_at = summary.last_performed_at if summary else None
    attention = [row for row in summarise_coached(user) if row.flags]
    return {
        "summary": summary,
        "done_today": last_at is not None and timezone.localdate(last_at) == timezone.localdate(),
        "last_at": last_at,
        "measures": _last_measures(summary),
        # Called by the template only when the navigation counts an unread comment.
        "unread_session_id": partial(_newest_unread_session_id, user),
        "attention": attention[:ATTENTION_SHOWN],
        "attention_count": len(attention),
        # Someone who coaches and does not do the routine opens the app for their athletes.
        "coach_first": bool(attention) and last_at is None,
    }


def _newest_unread_session_id(user) -> int | None:
    """The routine with the newest comment from someone else that the athlete has not read."""
    return (
        Comment.objects.filter(session__athlete=user, read_at__isnull=True)
        .exclude(author=user)
        .order_by("-created_at")
        .values_list("session_id", flat=True)
        .first()
    )


def _last_measures(summary: LogSummary | None) -> list[tuple[str, str]]:
    """Each drill's latest rung of its ladder (a heel drop on one leg…) and the latest wall
    distances, as (what, value)."""
    if summary is None:
        return []
    measures = list(
        DrillVariant.objects.filter(pk__in=summary.variants.values())
        .order_by("exercise__position")
        .values_list("exercise__name", "name")
    )
    wall = Entry(
        wall_distance_left_cm=summary.wall_left_cm, wall_distance_right_cm=summary.wall_right_cm
    ).wall_distance_text
    if wall:
        measures.append(("Wall distance", wall))
    return measures
