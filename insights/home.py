"""The front page: what the routine is, for a visitor; "what now?" for someone signed in."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from exercises.models import Exercise
from sessions.models import Comment, Entry, LogSummary, visible_athletes

from .dashboard import summarise

# How many of a coach's athletes needing attention the front page names.
ATTENTION_SHOWN = 5


@login_not_required
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        drills = Exercise.objects.active().in_routine_order()
        return render(request, "home.html", {"drills": drills})
    return render(request, "insights/today.html", today_context(request.user))


def today_context(user) -> dict:
    """Today's routine done or not, the last one, what is next, and what waits to be read."""
    summary = LogSummary.objects.filter(athlete=user).first()
    last_at = summary.last_performed_at if summary else None
    unread = (
        Comment.objects.filter(session__athlete=user, read_at__isnull=True)
        .exclude(author=user)
        .order_by("-created_at")
        .values_list("session_id", flat=True)
        .first()
    )
    athletes = visible_athletes(user).exclude(pk=user.pk).only("username", "display_name")
    attention = [row for row in summarise(athletes) if row.flags]
    return {
        "summary": summary,
        "done_today": last_at is not None and timezone.localdate(last_at) == timezone.localdate(),
        "last_at": last_at,
        "measures": _last_measures(summary),
        "unread_session_id": unread,
        "attention": attention[:ATTENTION_SHOWN],
        "attention_count": len(attention),
    }


def _last_measures(summary: LogSummary | None) -> list[tuple[str, str]]:
    """The latest heel-drop step and wall distances, as (what, value)."""
    if summary is None:
        return []
    last = Entry(
        wall_distance_left_cm=summary.wall_left_cm,
        wall_distance_right_cm=summary.wall_right_cm,
        heel_drop_leg=summary.heel_drop_leg,
        heel_drop_knee=summary.heel_drop_knee,
    )
    measures = [("Heel drops", last.heel_drop_text), ("Wall distance", last.wall_distance_text)]
    return [(what, value) for what, value in measures if value]
