"""A page of an athlete's history, filtered as asked: for the athlete's and the coach's views."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from .forms import HistoryFilterForm, pain_options
from .models import Entry, TrainingSession, tight_spots_by_session

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
    ids = [session.pk for session in page]
    shown = (
        TrainingSession.objects.filter(pk__in=ids)
        .newest_first()
        .with_summary()
        .with_unread_for(request.user)
        .only("pk", "performed_at", "timing", "morning_after_pain")
        if ids
        else []
    )
    spots = tight_spots_by_session(ids) if ids else {}
    return {
        "page": page,
        "rows": [
            HistoryRow.of(session, spots.get(session.pk, []), owner=owner) for session in shown
        ],
        "next": request.get_full_path(),
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


@dataclass(frozen=True)
class HistoryRow:
    """What one row of the history shows, worked out in Python: twenty rows of template
    lookups and date filters were most of the page's time."""

    pk: int
    url: str
    morning_after_url: str
    iso: str
    when: str  # e.g. "Tue 1 Dec 2026, 08:35", in the active time zone
    timing: str
    drills: str  # e.g. "5/6 drills"
    pain: str
    flagged: bool
    morning_after: int | None
    morning_after_flagged: bool
    tight_spots: str
    has_unread: bool
    rate_morning_after: bool

    @classmethod
    def of(cls, session: TrainingSession, spots: list[str], *, owner: bool) -> HistoryRow:
        at = timezone.localtime(session.performed_at)
        highest = session.highest_pain
        return cls(
            pk=session.pk,
            url=session.get_absolute_url(),
            morning_after_url=reverse("sessions:morning_after", args=[session.pk]),
            iso=at.isoformat(),
            when=f"{at:%a} {at.day} {at:%b %Y, %H:%M}",
            timing=session.get_timing_display(),
            drills=f"{session.drills_done}/{session.drills_offered} drills",
            pain="pain not rated" if highest is None else f"pain {highest}",
            flagged=session.is_flagged,
            morning_after=session.morning_after_pain,
            morning_after_flagged=session.morning_after_flagged,
            tight_spots=", ".join(spots),
            has_unread=owner and session.has_unread,
            # Asked from the next morning, in the active (the athlete's) zone.
            rate_morning_after=owner
            and session.morning_after_pain is None
            and at.date() < timezone.localdate(),
        )
