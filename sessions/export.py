"""The whole log of one athlete as CSV, streamed row by row."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from django.http import HttpRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .models import Entry, TrainingSession, visible_athletes

HEADER = [
    "session_id", "performed_at", "timing", "run_type", "run_distance_km", "session_notes",
    "morning_after_pain", "drill", "done", "side", "sets", "reps", "duration_seconds", "pain",
    "pain_left", "pain_right", "tight_spots", "wall_distance_left_cm", "wall_distance_right_cm",
    "heel_drop_leg", "heel_drop_knee", "entry_notes",
]  # fmt: skip
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return "" if value is None else value


def entry_row(entry: Entry, zone) -> list[object]:
    session = entry.session
    row = [
        session.pk,
        timezone.localtime(session.performed_at, zone).isoformat(),
        session.timing,
        session.run_type,
        session.run_distance_km,
        session.notes,
        session.morning_after_pain,
        entry.drill_name,
        "yes" if entry.done else "no",
        entry.side,
        entry.sets_done,
        entry.reps_done,
        entry.duration_seconds,
        entry.pain,
        entry.pain_left,
        entry.pain_right,
        "; ".join(entry.tight_spot_labels),
        entry.wall_distance_left_cm,
        entry.wall_distance_right_cm,
        entry.heel_drop_leg,
        entry.heel_drop_knee,
        entry.notes,
    ]
    return [neutralise(value) for value in row]


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(entries, zone) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(HEADER)
    for entry in entries:
        yield writer.writerow(entry_row(entry, zone))


@never_cache
@require_safe
def export_csv(request: HttpRequest, athlete_id: int | None = None) -> StreamingHttpResponse:
    athlete = (
        request.user
        if athlete_id is None
        else get_object_or_404(visible_athletes(request.user), pk=athlete_id)
    )
    sessions = TrainingSession.objects.visible_to(request.user).filter(athlete=athlete)
    entries = (
        Entry.objects.filter(session__in=sessions)
        .select_related("session", "exercise", "exercise_revision")
        .order_by("session__performed_at", "session_id", "exercise__position")
        .iterator(chunk_size=1000)
    )
    response = StreamingHttpResponse(
        csv_lines(entries, athlete.zone), content_type="text/csv; charset=utf-8"
    )
    filename = f"groundwork-{athlete.username}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
