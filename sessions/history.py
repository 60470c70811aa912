"""A page of an athlete's history, filtered as asked: for the athlete's and the coach's views."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch
from django.http import HttpRequest
from django.utils import timezone

from .forms import HistoryFilterForm, pain_options
from .models import Entry, TrainingSession

PAGE_SIZE = 20


def history_context(request: HttpRequest, sessions, *, owner: bool) -> dict:
    """The template context for a page of `sessions`, newest first: a fixed number of queries.

    `owner` says whether the reader owns these sessions, and so may rate their mornings after.
    """
    filters = HistoryFilterForm(request.GET or None)
    # Only the ids of the page: what a row shows is read for those twenty alone.
    rows = sessions.newest_first().only("pk")
    if filters.is_valid():
        rows = filter_history(rows, **filters.cleaned_data)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    # The page's sessions with what a row shows, in one query for them and one for their drills.
    shown = (
        TrainingSession.objects.filter(pk__in=[session.pk for session in page])
        .newest_first()
        .with_summary()
        .with_unread_for(request.user)
        .prefetch_related(
            Prefetch(
                "entries",
                queryset=Entry.objects.only(
                    "session_id", "done", "tight_spots", "tight_spot_other", "peak_pain"
                ),
            )
        )
        if page.object_list
        else []
    )
    # Morning-after pain is asked from the next morning, in the active (the athlete's) zone.
    today = timezone.localdate()
    for session in shown:
        session.morning_open = timezone.localtime(session.performed_at).date() < today
    return {
        "page": page,
        "sessions": shown,
        "owner": owner,
        "pain_options": pain_options(),
        "filters": filters,
        "filtered": filters.is_valid() and any(filters.cleaned_data.values()),
        "has_any": page.paginator.count > 0 or sessions.exists(),
    }


def filter_history(sessions, *, date_from=None, date_to=None, drill=None):
    """Dates are calendar days of the active time zone: the athlete's, whoever is reading."""
    zone = timezone.get_current_timezone()
    if date_from:
        sessions = sessions.filter(performed_at__gte=datetime.combine(date_from, time.min, zone))
    if date_to:
        end = datetime.combine(date_to + timedelta(days=1), time.min, zone)
        sessions = sessions.filter(performed_at__lt=end)
    if drill:
        done_drill = Entry.objects.filter(session=OuterRef("pk"), exercise=drill, done=True)
        sessions = sessions.filter(Exists(done_drill))
    return sessions
