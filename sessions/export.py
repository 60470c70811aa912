"""Downloads: an athlete's whole log as CSV, streamed row by row, and everything held about a
person as JSON."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .models import Entry, EntryPart, TrainingSession, spot_labels, visible_athletes
from .personal_data import personal_data

HEADER = [
    "session_id", "performed_at", "timing", "run_type", "run_distance_km", "session_notes",
    "morning_after_pain", "drill", "drill_revision", "done", "variant", "parts", "pain",
    "pain_left", "pain_right", "tight_spots", "wall_distance_left_cm", "wall_distance_right_cm",
    "entry_notes",
]  # fmt: skip
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CONTENT_TYPE = "text/csv; charset=utf-8"


def neutralise(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return "" if value is None else value


# The columns, as the database hands them over: rows of plain values, no model instances (a
# year of routines is some 2,000 entries, and building three objects for each was most of the
# export's time).
COLUMNS = [
    "pk", "session_id", "session__performed_at", "session__timing", "session__run_type",
    "session__run_distance_km", "session__notes", "session__morning_after_pain", "drill_name",
    "exercise_revision_id", "done", "variant__name", "pain", "pain_left", "pain_right",
    "tight_spots", "tight_spot_other", "wall_distance_left_cm", "wall_distance_right_cm", "notes",
]  # fmt: skip


def part_text(name: str, side: str, sets, reps, seconds) -> str:
    """One part as done, e.g. "Knee bent, left: 3 × 10" or "Hold, right: 45 s"."""
    label = name if side == "both" else f"{name}, {side}"
    if seconds is not None and sets is None and reps is None:
        return f"{label}: {seconds} s"
    done = f"{'' if sets is None else sets} × {'' if reps is None else reps}".strip()
    return f"{label}: {done}" + (f", {seconds} s" if seconds is not None else "")


def parts_by_entry(entries) -> dict[int, str]:
    """Every part done, by entry id, as one cell: one query for the whole log."""
    rows = (
        EntryPart.objects.filter(entry__in=entries)
        .order_by("entry_id", "part__position", "part_id", "side")
        .values_list("entry_id", "part__name", "side", "sets_done", "reps_done", "seconds")
    )
    cells: dict[int, list[str]] = {}
    for entry_id, *part in rows.iterator(chunk_size=2000):
        cells.setdefault(entry_id, []).append(part_text(*part))
    return {entry_id: "; ".join(texts) for entry_id, texts in cells.items()}


def entry_row(values: tuple, zone, parts: dict[int, str] | None = None) -> list[object]:
    """One CSV row from one row of COLUMNS, with the entry's parts."""
    (
        entry_id, session_id, performed_at, timing, run_type, distance, session_notes,
        morning_after, drill, revision, done, variant, pain, pain_left, pain_right, tight_spots,
        tight_spot_other, wall_left, wall_right, notes,
    ) = values  # fmt: skip
    spots = spot_labels(tight_spots, tight_spot_other)
    cells = [
        session_id, timezone.localtime(performed_at, zone).isoformat(), timing, run_type,
        distance, session_notes, morning_after, drill, revision, "yes" if done else "no",
        variant, (parts or {}).get(entry_id, ""), pain, pain_left, pain_right, "; ".join(spots),
        wall_left, wall_right, notes,
    ]  # fmt: skip
    return [neutralise(value) for value in cells]


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(entries, zone, parts: dict[int, str]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(HEADER)
    for entry in entries:
        yield writer.writerow(entry_row(entry, zone, parts))


@never_cache
@require_safe
def export_csv(request: HttpRequest, athlete_id: int | None = None) -> StreamingHttpResponse:
    athlete = (
        request.user
        if athlete_id is None
        else get_object_or_404(visible_athletes(request.user), pk=athlete_id)
    )
    sessions = TrainingSession.objects.visible_to(request.user).filter(athlete=athlete)
    logged = Entry.objects.filter(session__in=sessions)
    parts = parts_by_entry(logged)
    entries = (
        logged
        # The drill's name as the athlete saw it when logging (Entry.drill_name).
        .annotate(drill_name=Coalesce("exercise_revision__name", "exercise__name"))
        .order_by("session__performed_at", "session_id", "exercise__position")
        .values_list(*COLUMNS)
        .iterator(chunk_size=1000)
    )
    response = StreamingHttpResponse(
        csv_lines(entries, athlete.zone, parts), content_type=CONTENT_TYPE
    )
    filename = f"groundwork-{athlete.username}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@never_cache
@require_safe
def data_export(request: HttpRequest) -> HttpResponse:
    """Everything about the signed-in person, as one JSON file."""
    body = json.dumps(
        personal_data(request.user), cls=DjangoJSONEncoder, indent=2, ensure_ascii=False
    )
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"groundwork-{request.user.username}-{timezone.localdate():%Y-%m-%d}.json"
    # RFC 6266, which browsers read for any name; Django's default would RFC 2047-encode it.
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
